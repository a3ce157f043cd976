"""Headers every answer gets: `nosniff` on all, `Cache-Control: no-store` on the API's."""

from __future__ import annotations

import pytest
from conftest import analyze_request, lambda_call
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    json_request,
    read_response,
    to_event,
)

from iris import create_app
from lambda_handler import make_handler

ANSWERS = {
    "welcome": ClientRequest("GET", "/"),
    "health": ClientRequest("GET", "/health"),
    "icon": ClientRequest("GET", "/static/iris-icon.png"),
    "unknown": ClientRequest("GET", "/nowhere"),
    "api-unknown": ClientRequest("GET", "/api/iris/nowhere"),
    "analyze": analyze_request(),
    "analyze-invalid": json_request("POST", "/api/iris/analyze", {"filename": "x"}),
    "analyze-wrong-method": ClientRequest("GET", "/api/iris/analyze"),
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", sorted(ANSWERS))
def test_security_headers_on_every_answer(source, name):
    answer = lambda_call(create_app({}), ANSWERS[name], source)
    assert answer.header("x-content-type-options") == ["nosniff"]
    if ANSWERS[name].path.startswith("/api/iris/"):
        assert answer.header("cache-control") == ["no-store"]
    else:
        assert not any("no-store" in value for value in answer.header("cache-control"))


@pytest.mark.parametrize("source", SOURCES)
def test_refusals_made_before_the_app_carry_the_header_too(source):
    event = to_event(ClientRequest("POST", "/api/iris/analyze", body=b"x"), source)
    event["body"], event["isBase64Encoded"] = "not base64!", True
    answer = read_response(make_handler(create_app({}))(event, LambdaContext()), source)
    assert answer.status == 400
    assert answer.header("x-content-type-options") == ["nosniff"]
