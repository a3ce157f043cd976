"""Every route through Flask's test client: the API contract the extensions rely on."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import without_request_id

from iris import create_app
from iris.analysis import AnalysisService

ICON = Path(__file__).resolve().parent.parent / "src" / "static" / "iris-icon.png"

PYTHON_SOURCE = '''"""Greets people by name."""

import sys


def greet(name):
    return f"Hello, {name}!"


if __name__ == "__main__":
    print(greet(sys.argv[1]))
'''


UNSUPPORTED_COBOL = (
    "Unsupported language: 'cobol'; "
    "supported: javascript, javascriptreact, python, typescript, typescriptreact"
)


def analyze_payload(**changes):
    payload = {"filename": "greet.py", "language": "python", "source_code": PYTHON_SOURCE}
    payload.update(changes)
    return {key: value for key, value in payload.items() if value is not ...}


def test_welcome_names_the_service_and_version(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.json["service"] == "IRIS backend"
    with (Path(__file__).resolve().parent.parent / "pyproject.toml").open("rb") as pyproject:
        assert response.json["version"] == tomllib.load(pyproject)["project"]["version"]


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_static_icon_is_the_png_on_disk(client):
    response = client.get("/static/iris-icon.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data == ICON.read_bytes()
    assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert response.headers["ETag"]


def test_static_icon_revalidates_by_etag(client):
    etag = client.get("/static/iris-icon.png").headers["ETag"]
    response = client.get("/static/iris-icon.png", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""


@pytest.mark.parametrize(
    "path",
    [
        "/static/missing.png",
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/static//etc/passwd",
        "/static/",
    ],
)
def test_static_unknown_or_escaping_paths_are_json_404(client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404
    assert response.is_json
    assert response.json["success"] is False


def test_analyze_python_file(client):
    response = client.post("/api/iris/analyze", json=analyze_payload())
    assert response.status_code == 200
    body = response.json
    assert body["success"] is True
    assert body["file_intent"] == "Greets people by name."
    assert body["responsibility_blocks"] == [
        {
            "label": "Script entry point",
            "description": "Runs when the file is executed as a script.",
            "ranges": [[3, 3], [10, 11]],
        },
        {"label": "Greet function", "description": "Defines greet.", "ranges": [[6, 7]]},
    ]
    metadata = body["metadata"]
    assert metadata["language"] == "python"
    assert metadata["line_count"] == 11
    assert metadata["filename"] == "greet.py"
    assert metadata["analyzer"] == "iris-python"
    assert metadata["parsed_cleanly"] is True


def test_analyze_accepts_optional_metadata_object(client):
    payload = analyze_payload(metadata={"source": "vscode", "path": "src/greet.py"})
    assert client.post("/api/iris/analyze", json=payload).status_code == 200


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("filename", ...),
        ("filename", ""),
        ("filename", None),
        ("language", ...),
        ("language", ""),
        ("language", None),
        ("source_code", ...),
        ("source_code", None),
    ],
)
def test_analyze_missing_or_empty_field(client, field, value):
    response = client.post("/api/iris/analyze", json=analyze_payload(**{field: value}))
    assert response.status_code == 400
    assert without_request_id(response.json) == {
        "success": False,
        "error": f"Missing required field: {field}",
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"filename": 7}, "Field 'filename' must be a string, not a number"),
        ({"language": ["python"]}, "Field 'language' must be a string, not an array"),
        ({"source_code": {"text": "x"}}, "Field 'source_code' must be a string, not an object"),
        ({"source_code": True}, "Field 'source_code' must be a string, not a boolean"),
        ({"metadata": "vscode"}, "Field 'metadata' must be an object, not a string"),
        (
            {"language": "cobol"},
            UNSUPPORTED_COBOL,
        ),
    ],
)
def test_analyze_wrong_types_and_languages(client, changes, message):
    response = client.post("/api/iris/analyze", json=analyze_payload(**changes))
    assert response.status_code == 400
    assert without_request_id(response.json) == {"success": False, "error": message}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "Request body is not valid JSON"),
        (b"{not json", "Request body is not valid JSON"),
        (b"\xff\xfe\xfa", "Request body is not valid JSON"),
        (b"[1, 2]", "Request body must be a JSON object, not an array"),
        (b'"text"', "Request body must be a JSON object, not a string"),
        (b"null", "Request body must be a JSON object, not null"),
    ],
)
def test_analyze_body_that_is_not_a_json_object(client, body, message):
    response = client.post(
        "/api/iris/analyze", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert without_request_id(response.json) == {"success": False, "error": message}


def load_missing_module():
    from iris.analysis import no_such_module  # type: ignore[attr-defined]

    return no_such_module


def test_analyzer_that_cannot_load_answers_503(app, client):
    app.extensions["iris.analysis"] = AnalysisService({"python": load_missing_module})
    response = client.post("/api/iris/analyze", json=analyze_payload())
    assert response.status_code == 503
    assert response.json["success"] is False
    assert "python analyzer cannot be loaded" in response.json["error"]


def test_unknown_path_is_json_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert without_request_id(response.json) == {"success": False, "error": "Not Found"}


def test_wrong_method_is_json_405_with_allow(client):
    response = client.get("/api/iris/analyze")
    assert response.status_code == 405
    assert without_request_id(response.json) == {"success": False, "error": "Method Not Allowed"}
    assert response.headers["Allow"] == "OPTIONS, POST"


def test_oversized_body_is_json_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/iris/analyze", json=analyze_payload(source_code="x" * 2000))
    assert response.status_code == 413
    assert without_request_id(response.json) == {
        "success": False,
        "error": "Request body too large: the limit is 1000 bytes",
    }


def test_crash_is_json_500_without_trace(app, client, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = client.get("/boom")
    assert response.status_code == 500
    assert without_request_id(response.json) == {"success": False, "error": "Internal server error"}
    assert b"secret detail" not in response.data
    assert "secret detail" in caplog.text


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
