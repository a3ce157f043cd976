"""API keys (`IRIS_API_KEYS`): every API request needs one; pages, health and preflights don't."""

from __future__ import annotations

import json

import pytest
from conftest import (
    KEYS,
    LOCAL_KEY,
    analyze_payload,
    analyze_request,
    lambda_call,
    without_request_id,
)
from lambda_events import SOURCES, ClientRequest
from processes import http_request

from iris import create_app

ANALYZE_BODY = json.dumps(analyze_payload()).encode()
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize("source", ["test-client", *SOURCES])
@pytest.mark.parametrize(
    ("key", "status"),
    [
        (None, 401),
        ("", 401),
        ("wrong-key-0123456789", 401),
        ("first-key-0123456789 ", 401),
        ("first-key-0123456789", 200),
        ("second-key-9876543210", 200),
    ],
)
def test_api_requests_need_one_of_the_keys(source, key, status):
    app = create_app(KEYS)
    if source == "test-client":
        request = analyze_request(key)
        response = app.test_client().post(
            request.path, data=request.body, headers=[(k, v) for k, v in request.headers]
        )
        status_code, body = response.status_code, response.get_data()
    else:
        answer = lambda_call(app, analyze_request(key), source)
        status_code, body = answer.status, answer.body
    assert status_code == status
    if status == 401:
        assert without_request_id(json.loads(body)) == {
            "success": False,
            "error": "Missing or invalid API key: send one in the x-api-key header",
        }
        assert b"key-0123456789" not in body


@pytest.mark.parametrize("path", ["/", "/health", "/static/iris-icon.png"])
def test_welcome_health_and_assets_stay_open(path):
    assert create_app(KEYS).test_client().get(path).status_code == 200


def test_unknown_api_paths_need_the_key_too():
    assert create_app(KEYS).test_client().get("/api/iris/other").status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/iris/other", 404),
        ("DELETE", "/api/iris/other/deeper", 404),
        ("GET", "/api/iris/", 404),
        ("GET", "/api/iris", 404),
        ("GET", "/api/iris/analyze", 405),
        ("PUT", "/api/iris/health", 405),
    ],
)
def test_with_a_key_an_unknown_api_path_is_a_404_and_a_wrong_method_a_405(method, path, status):
    client = create_app(KEYS).test_client()
    assert client.open(path, method=method).status_code == 401
    answer = client.open(path, method=method, headers={"x-api-key": "first-key-0123456789"})
    assert answer.status_code == status
    assert answer.json["error"] == ("Not Found" if status == 404 else "Method Not Allowed")
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("source", SOURCES)
def test_preflight_stays_open_and_allows_the_key_header(source):
    preflight = ClientRequest(
        "OPTIONS",
        "/api/iris/analyze",
        headers=[
            ("Origin", "https://github.com"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type, x-api-key"),
        ],
    )
    answer = lambda_call(create_app(KEYS), preflight, source)
    assert answer.status == 200
    assert answer.header("access-control-allow-origin") == ["https://github.com"]
    assert "x-api-key" in answer.header("access-control-allow-headers")[0].lower()


def test_without_keys_the_api_is_open_and_the_start_up_log_says_so_once(capsys):
    app = create_app({})
    lines = [line for line in capsys.readouterr().err.splitlines() if "IRIS_API_KEYS" in line]
    assert len(lines) == 1
    assert json.loads(lines[0])["level"] == "WARNING"
    client = app.test_client()
    assert client.post("/api/iris/analyze", json=analyze_payload()).status_code == 200
    assert not [line for line in capsys.readouterr().err.splitlines() if "IRIS_API_KEYS" in line]
    preflight = client.options(
        "/api/iris/analyze",
        headers={"Origin": "https://github.com", "Access-Control-Request-Method": "POST"},
    )
    assert "x-api-key" not in preflight.headers.get("Access-Control-Allow-Headers", "")


def test_keys_never_show_in_the_settings_repr():
    settings = create_app(KEYS).config["IRIS_SETTINGS"]
    assert "first-key" not in repr(settings) and "second-key" not in repr(settings)


def test_the_key_is_required_locally(local_server):
    port, _ = local_server
    refused = http_request(port, "POST", "/api/iris/analyze", ANALYZE_BODY, JSON)
    assert refused.status == 401
    assert LOCAL_KEY.encode() not in refused.body
    accepted = http_request(
        port, "POST", "/api/iris/analyze", ANALYZE_BODY, {**JSON, "x-api-key": LOCAL_KEY}
    )
    assert accepted.status == 200
    assert accepted.headers["cache-control"] == "no-store"
    assert accepted.headers["x-content-type-options"] == "nosniff"
    assert http_request(port, "GET", "/health").status == 200
