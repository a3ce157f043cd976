"""Parity: the IRIS app answers the same through Flask's test client and through every source."""

from __future__ import annotations

import json

import pytest
from conftest import PYTHON_SOURCE
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    json_request,
    read_response,
    to_event,
)

from lambda_handler import handler

ANALYZE = {"filename": "greet.py", "language": "python", "source_code": PYTHON_SOURCE}

REQUESTS = {
    "welcome": ClientRequest("GET", "/"),
    "health": ClientRequest("GET", "/health"),
    "icon": ClientRequest("GET", "/static/iris-icon.png"),
    "icon-head": ClientRequest("HEAD", "/static/iris-icon.png"),
    "analyze": json_request("POST", "/api/iris/analyze", ANALYZE),
    "analyze-from-github": json_request(
        "POST", "/api/iris/analyze", ANALYZE, headers=[("Origin", "https://github.com")]
    ),
    "missing-field": json_request("POST", "/api/iris/analyze", {**ANALYZE, "filename": ""}),
    "not-json": ClientRequest(
        "POST", "/api/iris/analyze", headers=[("Content-Type", "application/json")], body=b"{"
    ),
    "preflight": ClientRequest(
        "OPTIONS",
        "/api/iris/analyze",
        headers=[
            ("Origin", "https://github.com"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type"),
        ],
    ),
    "foreign-preflight": ClientRequest(
        "OPTIONS",
        "/api/iris/analyze",
        headers=[("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")],
    ),
    "unknown": ClientRequest("GET", "/nowhere"),
    "wrong-method": ClientRequest("DELETE", "/health"),
}


def comparable(headers, source):
    """Headers by name, laid out the way the source's format lays them out.

    Content-Length is left out: analyze answers carry their own timing, so their
    length varies by a digit from one run to the next. `Date` and `Expires` (on
    static files) name the second each answer was made, and the two calls may
    fall on either side of a second: only that they are there is compared.
    """
    by_name: dict[str, list[str]] = {}
    for name, value in headers:
        if name.lower() in ("date", "expires"):
            value = "(a moment)"
        if name.lower() != "content-length":
            by_name.setdefault(name.lower(), []).append(value)
    if source in ("http", "function-url"):
        return {
            name: values if name == "set-cookie" else [", ".join(values)]
            for name, values in by_name.items()
        }
    return by_name


def without_timing(body: bytes):
    """The body minus what depends on the moment: the time taken and whether it was cached."""
    try:
        payload = json.loads(body)
    except ValueError:
        return body
    if isinstance(payload, dict) and isinstance(payload.get("metadata"), dict):
        payload["metadata"].pop("duration_ms", None)
        payload["metadata"].pop("cached", None)
    return payload


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_same_answer_as_the_test_client(client, source, name):
    """Locally the request carries, as its own id, the Lambda request id the handler gets."""
    request = REQUESTS[name]
    local = client.open(
        request.path,
        method=request.method,
        headers=[
            *((k, v) for k, v in request.headers if k.lower() != "content-length"),
            ("X-Request-Id", LambdaContext.aws_request_id),
        ],
        data=request.body,
    )
    remote = read_response(handler(to_event(request, source), LambdaContext()), source)
    assert remote.status == local.status_code
    assert without_timing(remote.body) == without_timing(local.get_data())
    assert comparable(remote.headers, source) == comparable(local.headers.items(), source)
    if request.method != "HEAD":
        assert remote.header("content-length") == [str(len(remote.body))]
