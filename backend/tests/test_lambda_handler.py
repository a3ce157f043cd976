"""The Lambda entry point answers like the app does, for every event source."""

from __future__ import annotations

import pytest
from conftest import ICON, PYTHON_SOURCE, UNSUPPORTED_COBOL, without_request_id
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    json_request,
    read_response,
    to_event,
)

from lambda_handler import handler


def invoke(request: ClientRequest, source: str, **options):
    result = handler(to_event(request, source, **options), LambdaContext())
    return read_response(result, source)


ANALYZE_PAYLOAD = {"filename": "greet.py", "language": "python", "source_code": PYTHON_SOURCE}


def analyze_request(**changes):
    return json_request("POST", "/api/iris/analyze", {**ANALYZE_PAYLOAD, **changes})


@pytest.mark.parametrize("source", SOURCES)
def test_health(source):
    response = invoke(ClientRequest("GET", "/health"), source)
    assert response.status == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("source", SOURCES)
def test_valid_analyze(source, client):
    response = invoke(analyze_request(), source)
    assert response.status == 200
    expected = client.post("/api/iris/analyze", json=ANALYZE_PAYLOAD).json
    body = response.json()
    assert body["success"] is True
    assert body["file_intent"] == expected["file_intent"]
    assert body["responsibility_blocks"] == expected["responsibility_blocks"]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"filename": ""}, "Missing required field: filename"),
        ({"language": None}, "Missing required field: language"),
        ({"source_code": None}, "Missing required field: source_code"),
        ({"filename": 3}, "Field 'filename' must be a string, not a number"),
        (
            {"language": "cobol"},
            UNSUPPORTED_COBOL,
        ),
    ],
)
def test_invalid_analyze(source, changes, message):
    response = invoke(analyze_request(**changes), source)
    assert response.status == 400
    assert without_request_id(response.json()) == {"success": False, "error": message}


@pytest.mark.parametrize("source", SOURCES)
def test_analyze_body_not_an_object(source):
    request = ClientRequest(
        "POST",
        "/api/iris/analyze",
        headers=[("Content-Type", "application/json"), ("Content-Length", "2")],
        body=b"[]",
    )
    response = invoke(request, source)
    assert response.status == 400
    assert without_request_id(response.json()) == {
        "success": False,
        "error": "Request body must be a JSON object, not an array",
    }


def preflight(origin: str) -> ClientRequest:
    return ClientRequest(
        "OPTIONS",
        "/api/iris/analyze",
        headers=[
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
    )


@pytest.mark.parametrize("source", SOURCES)
def test_cors_preflight_from_github(source):
    response = invoke(preflight("https://github.com"), source)
    assert response.status == 200
    assert response.header("access-control-allow-origin") == ["https://github.com"]


@pytest.mark.parametrize("source", SOURCES)
def test_cors_preflight_from_foreign_origin(source):
    response = invoke(preflight("https://evil.example"), source)
    assert response.header("access-control-allow-origin") == []


@pytest.mark.parametrize("source", SOURCES)
def test_static_png_comes_back_byte_for_byte(source):
    response = invoke(ClientRequest("GET", "/static/iris-icon.png"), source)
    assert response.status == 200
    assert response.header("content-type") == ["image/png"]
    assert response.body == ICON.read_bytes()


@pytest.mark.parametrize("source", SOURCES)
def test_unknown_path_is_json_404(source):
    response = invoke(ClientRequest("GET", "/nowhere"), source)
    assert response.status == 404
    assert without_request_id(response.json()) == {"success": False, "error": "Not Found"}
