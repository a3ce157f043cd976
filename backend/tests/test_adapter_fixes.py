"""Four wrong behaviours of the Lambda adapter, each fixed and pinned on the sources it concerns."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SRC_DIR
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    read_response,
    to_event,
)

from iris import create_app
from lambda_adapter.responses import oversize
from lambda_handler import make_handler


@pytest.fixture(scope="module")
def handler():
    return make_handler(create_app({}))


@pytest.mark.parametrize(
    ("path", "status"),
    [("/prodhealth", 404), ("/prodapi/iris/health", 404), ("/health", 200), ("/prod/health", 404)],
)
def test_a_rest_api_stage_is_stripped_only_at_a_segment_boundary(handler, path, status):
    """On the API's own execute-api host with stage `prod`, as a client would call it."""
    event = to_event(ClientRequest("GET", path), "rest", stage="prod")
    answer = read_response(handler(event, LambdaContext()), "rest")
    assert answer.status == status
    local = create_app({}).test_client().get(path)
    assert local.status_code == status


@pytest.mark.parametrize("path", ["/prodhealth", "/prod2/health"])
def test_an_http_api_stage_is_stripped_only_at_a_segment_boundary(handler, path):
    event = to_event(ClientRequest("GET", path), "http", stage="prod")
    event["rawPath"] = path
    answer = read_response(handler(event, LambdaContext()), "http")
    assert answer.status == 404


def test_a_stage_url_with_nothing_after_it_is_the_welcome_page_not_a_redirect(handler):
    event = to_event(ClientRequest("GET", "/"), "http", stage="prod")
    event["rawPath"] = "/prod"
    answer = read_response(handler(event, LambdaContext()), "http")
    assert answer.status == 200
    assert answer.json()["service"] == "IRIS backend"


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("method", ["\ud800", "GE T", ""])
def test_an_impossible_method_is_a_json_400(handler, source, method):
    event = to_event(ClientRequest("GET", "/health"), source)
    if source in ("http", "function-url"):
        event["requestContext"]["http"]["method"] = method
    else:
        event["httpMethod"] = method
    answer = read_response(handler(event, LambdaContext()), source)
    assert answer.status == 400
    assert answer.json()["error"] == "Invalid HTTP method"


@pytest.mark.parametrize("source", ["rest", "http"])
def test_an_impossible_stage_is_a_json_400(handler, source):
    event = to_event(ClientRequest("GET", "/health"), source)
    event["requestContext"]["stage"] = "\ud800"
    answer = read_response(handler(event, LambdaContext()), source)
    assert answer.status == 400
    assert answer.json()["error"] == "Invalid stage in the request context"


def test_a_large_non_ascii_body_is_measured_as_the_runtime_sends_it(monkeypatch):
    body = "漢字" * 550_000
    result = {"statusCode": 200, "headers": {}, "body": body, "isBase64Encoded": False}
    monkeypatch.setenv("AWS_EXECUTION_ENV", "AWS_Lambda_python3.13")
    assert oversize(result, body, [], 6 * 1024 * 1024) is None
    monkeypatch.setenv("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")
    assert oversize(result, body, [], 6 * 1024 * 1024) == len(json.dumps(result))


@pytest.mark.parametrize("source", SOURCES)
def test_a_3_mb_answer_of_cjk_text_is_delivered_on_python_3_12_and_later(monkeypatch, source):
    from flask import Flask

    app = Flask(__name__)
    app.add_url_rule("/cjk", "cjk", lambda: ("漢" * 1_100_000, 200, {"Content-Type": "text/plain"}))
    monkeypatch.setenv("AWS_EXECUTION_ENV", "AWS_Lambda_python3.13")
    answer = read_response(
        make_handler(app)(to_event(ClientRequest("GET", "/cjk"), source), LambdaContext()), source
    )
    limit_is_alb = source.startswith("alb")
    assert answer.status == (500 if limit_is_alb else 200)


def test_making_the_handler_warns_of_no_event_loop_on_any_python():
    completed = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", "import lambda_handler"],
        cwd=SRC_DIR,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LOG_LEVEL": "ERROR"},
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
