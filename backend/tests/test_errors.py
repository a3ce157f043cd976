"""Every error is a small JSON answer with the right status: never an HTML page, never a trace."""

from __future__ import annotations

import json

import broken_analyzer
from conftest import analyze_payload, lambda_call, log_lines, without_request_id
from lambda_events import ClientRequest, LambdaContext

from iris import create_app
from iris.analysis import AnalysisService
from lambda_handler import make_handler

ANALYZE_BODY = json.dumps(analyze_payload()).encode()


def test_unknown_path_is_json_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert without_request_id(response.json) == {"success": False, "error": "Not Found"}


def test_wrong_method_is_json_405_with_allow(client):
    response = client.get("/api/iris/analyze")
    assert response.status_code == 405
    assert without_request_id(response.json) == {"success": False, "error": "Method Not Allowed"}
    assert response.headers["Allow"] == "OPTIONS, POST"


def test_crash_is_json_500_without_trace(app, client, caplog):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = client.get("/boom")
    assert response.status_code == 500
    assert without_request_id(response.json) == {"success": False, "error": "Internal server error"}
    assert b"secret detail" not in response.data
    assert "secret detail" in caplog.text


def test_a_500_logs_its_stack_and_the_client_gets_none(capsys):
    app = create_app({})

    @app.get("/boom")
    def boom():
        raise ZeroDivisionError("the trace")

    capsys.readouterr()
    answer = lambda_call(app, ClientRequest("GET", "/boom"), "http")
    assert answer.status == 500
    assert b"Traceback" not in answer.body and b"the trace" not in answer.body
    errors = [line for line in log_lines(capsys.readouterr().err) if line["level"] == "ERROR"]
    assert len(errors) == 1
    assert "ZeroDivisionError: the trace" in errors[0]["stack"]
    assert errors[0]["aws_request_id"] == LambdaContext().aws_request_id


def test_an_exception_inside_the_analyzer_fails_cleanly_and_the_next_request_is_served():
    app = create_app({})
    app.extensions["iris.analysis"] = AnalysisService({"python": lambda: broken_analyzer})
    handler = make_handler(app)
    health = {
        "version": "2.0",
        "rawPath": "/health",
        "headers": {},
        "requestContext": {"http": {"method": "GET", "sourceIp": "203.0.113.7"}},
    }
    analyze_event = {
        **health,
        "rawPath": "/api/iris/analyze",
        "headers": {"content-type": "application/json"},
        "requestContext": {"http": {"method": "POST", "sourceIp": "203.0.113.7"}},
        "body": ANALYZE_BODY.decode(),
    }
    for _ in range(3):
        failed = handler(analyze_event, None)
        assert failed["statusCode"] == 500
        assert without_request_id(json.loads(failed["body"])) == {
            "success": False,
            "error": "Internal server error",
        }
        assert handler(health, None)["statusCode"] == 200
