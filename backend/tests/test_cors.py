"""CORS: which origins may call the backend from a browser, and what they may send and read."""

from __future__ import annotations

from iris import create_app


def test_cors_preflight_from_github_is_allowed(client):
    response = client.options(
        "/api/iris/analyze",
        headers={
            "Origin": "https://github.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Content-Type",
        },
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "https://github.com"
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"].lower() == "content-type"


def test_cors_preflight_from_foreign_origin_gets_no_allow_origin(client):
    response = client.options(
        "/api/iris/analyze",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_origins_come_from_the_environment():
    client = create_app(
        {"IRIS_CORS_ORIGINS": "https://gitlab.com, https://example.org"}
    ).test_client()
    allowed = client.get("/health", headers={"Origin": "https://example.org"})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://example.org"
    github = client.get("/health", headers={"Origin": "https://github.com"})
    assert "Access-Control-Allow-Origin" not in github.headers


def test_cors_lets_the_extension_read_the_request_id():
    client = create_app({"IRIS_CORS_ORIGINS": "https://github.com"}).test_client()
    answer = client.get("/health", headers={"Origin": "https://github.com"})
    assert "X-Request-Id" in answer.headers["Access-Control-Expose-Headers"]
