"""The request log: one JSON line per request, what it says, and what it never says."""

from __future__ import annotations

import json

import pytest
from conftest import KEYS, analyze_payload, analyze_request, lambda_call, log_lines
from lambda_events import SOURCES, ClientRequest, LambdaContext, json_request

from iris import create_app


@pytest.mark.parametrize("source", SOURCES)
def test_one_json_line_per_request_with_the_lambda_request_id(source, capsys):
    app = create_app({})
    capsys.readouterr()
    lambda_call(app, ClientRequest("GET", "/health", source_ip="198.51.100.9"), source)
    lines = [line for line in log_lines(capsys.readouterr().err) if line["message"] == "request"]
    assert len(lines) == 1
    line = lines[0]
    assert line["logger"] == "iris.requests"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/health", 200)
    assert line["bytes"] == 16
    assert line["client"] == "198.51.100.9"
    assert line["aws_request_id"] == LambdaContext().aws_request_id
    assert isinstance(line["duration_ms"], float)
    assert line["time"].endswith("+00:00")


def test_no_body_key_cookie_or_query_is_ever_logged(capsys):
    app = create_app({**KEYS, "LOG_LEVEL": "DEBUG"})
    secret_request = json_request(
        "POST",
        "/api/iris/analyze",
        analyze_payload(source_code="password = 'SECRET-BODY'\n"),
        headers=[("x-api-key", "first-key-0123456789"), ("Cookie", "session=SECRET-COOKIE")],
        query="token=SECRET-QUERY",
    )
    for source in SOURCES:
        lambda_call(app, secret_request, source)
    lambda_call(app, analyze_request("SECRET-WRONG-KEY"), "http")
    logged = capsys.readouterr().err
    assert log_lines(logged)
    for secret in ("SECRET-BODY", "first-key", "SECRET-COOKIE", "SECRET-QUERY", "SECRET-WRONG-KEY"):
        assert secret not in logged


def test_log_level_sets_what_is_logged(capsys):
    try:
        app = create_app({"LOG_LEVEL": "WARNING"})
        capsys.readouterr()
        app.test_client().get("/health")
        requests = [
            line for line in log_lines(capsys.readouterr().err) if line["message"] == "request"
        ]
        assert not requests
    finally:
        create_app({})  # the log level is the process's: put the default back for other tests


def test_debug_logging_adds_where_an_analysis_spent_its_time(capsys):
    client = create_app({"LOG_LEVEL": "DEBUG"}).test_client()
    client.post(
        "/api/iris/analyze",
        json={"filename": "a.py", "language": "python", "source_code": "x = 1\n"},
    )
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    timing = next(line["timing"] for line in lines if line["message"] == "analyze timing")
    assert {"read_request_ms", "read_source_ms", "analysis_ms", "answer_ms"} <= set(timing)
    assert timing["source_bytes"] == 6 and timing["cached"] is False
    quiet = create_app({"LOG_LEVEL": "INFO"}).test_client()
    quiet.post("/api/iris/analyze", json={"filename": "a", "language": "python", "source_code": ""})
    assert "analyze timing" not in capsys.readouterr().err
