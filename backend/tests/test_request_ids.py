"""Every answer carries a request id, and its log line and any JSON error carry the same one."""

from __future__ import annotations

import json

import pytest
from lambda_events import SOURCES, LambdaContext, json_request, read_response, to_event

from iris import create_app
from lambda_handler import make_handler


def test_every_local_answer_carries_a_fresh_request_id(client, caplog):
    first = client.get("/health").headers["X-Request-Id"]
    second = client.get("/no/such/page")
    assert first and first != second.headers["X-Request-Id"]
    assert second.json["request_id"] == second.headers["X-Request-Id"]


@pytest.mark.parametrize(
    ("offered", "kept"),
    [("trace-123.abc:9", True), ("x" * 65, False), ("has space", False), ('"quoted"', False)],
)
def test_a_callers_safe_request_id_is_kept_and_any_other_replaced(client, offered, kept):
    answer = client.get("/health", headers={"X-Request-Id": offered}).headers["X-Request-Id"]
    assert (answer == offered) is kept
    assert len(answer) <= 64


def test_the_request_id_is_in_the_log_line(client, capsys):
    answer = client.get("/health", headers={"X-Request-Id": "find-me-42"})
    line = [json.loads(text) for text in capsys.readouterr().err.splitlines() if "find-me" in text]
    assert answer.headers["X-Request-Id"] == "find-me-42"
    assert line and line[-1]["request_id"] == "find-me-42"


@pytest.mark.parametrize("source", SOURCES)
def test_on_lambda_the_request_id_is_the_lambda_request_id(source):
    handler = make_handler(create_app({}))
    request = json_request("POST", "/api/iris/analyze", {"language": "python"})
    request.headers.append(("X-Request-Id", "callers-own"))
    answer = read_response(handler(to_event(request, source), LambdaContext()), source)
    assert answer.header("x-request-id") == [LambdaContext.aws_request_id]
    assert answer.json()["request_id"] == LambdaContext.aws_request_id
