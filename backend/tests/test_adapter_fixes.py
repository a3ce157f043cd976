"""What plain Mangum and asgiref get wrong and the adapter gets right, on the sources concerned.

The conformance, parity and recorded-event tests check the whole path; these
pin the finer points: stage boundaries, requests no server would take,
response sizes, errors of any WSGI app, and the loop-free cycle.
"""

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
from lambda_adapter import LambdaMangum, LambdaWsgiToAsgi
from lambda_adapter.cycle import InlineCycle
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
    assert oversize(result, {}, 6 * 1024 * 1024) is None
    monkeypatch.setenv("AWS_EXECUTION_ENV", "AWS_Lambda_python3.11")
    assert oversize(result, {}, 6 * 1024 * 1024) == len(json.dumps(result))


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


def test_importing_the_handler_raises_no_deprecation_warning():
    """Mangum asks asyncio for an event loop, which warns on Python 3.12 and later."""
    completed = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-c", "import lambda_handler"],
        cwd=SRC_DIR,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LOG_LEVEL": "ERROR"},
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr


def test_the_app_and_the_adapter_do_not_import_each_other():
    for folder, forbidden in (("iris", "lambda_adapter"), ("lambda_adapter", "iris")):
        for path in (SRC_DIR / folder).rglob("*.py"):
            text = path.read_text()
            assert forbidden not in text, f"{path} mentions {forbidden}"
    for path in (SRC_DIR / "lambda_adapter").rglob("*.py"):
        assert "json_errors" not in path.read_text(), f"{path} knows the app's error shape"


def plain_app():
    from flask import Flask

    app = Flask(__name__)

    @app.get("/latin-1")
    def latin_1():
        return "ok", 200, {"Content-Disposition": "attachment; filename=caf\u00e9.txt"}

    return app


@pytest.mark.parametrize("source", SOURCES)
def test_any_wsgi_app_gets_the_adapters_plain_json_errors(source):
    def crashes(environ, start_response):
        raise RuntimeError("an exception escaping any WSGI app")

    handler = LambdaMangum(LambdaWsgiToAsgi(crashes))
    event = to_event(ClientRequest("GET", "/crash"), source)
    crashed = read_response(handler(event, LambdaContext()), source)
    assert crashed.status == 500
    assert crashed.json() == {
        "message": "Internal server error",
        "request_id": LambdaContext.aws_request_id,
    }
    event = to_event(ClientRequest("GET", "/crash"), source)
    event["body"], event["isBase64Encoded"] = "not base64!", True
    refused = read_response(handler(event, LambdaContext()), source)
    assert refused.status == 400
    assert set(refused.json()) == {"message", "request_id"}


def test_start_response_keeps_asgirefs_rules_and_latin_1_headers():
    wsgi = plain_app().wsgi_app

    def raw(environ, start_response):
        if environ["PATH_INFO"] == "/twice":
            start_response("200 OK", [("Content-Type", "text/plain")])
            start_response("201 Created", [("Content-Type", "text/plain")])
            return [b"never"]
        return wsgi(environ, start_response)

    handler = make_handler(raw)
    twice = read_response(
        handler(to_event(ClientRequest("GET", "/twice"), "http"), LambdaContext()), "http"
    )
    assert twice.status == 500, "a second start_response without exc_info is an error (PEP 3333)"
    latin = read_response(
        handler(to_event(ClientRequest("GET", "/latin-1"), "http"), LambdaContext()), "http"
    )
    assert latin.status == 200
    assert latin.header("content-disposition") == ["attachment; filename=caf\u00e9.txt"]


def test_the_duplicate_header_limit_is_honoured():
    handler = LambdaMangum(LambdaWsgiToAsgi(plain_app().wsgi_app, duplicate_header_limit=3))
    request = ClientRequest("GET", "/latin-1", headers=[("X-Many", str(n)) for n in range(5)])
    answer = read_response(handler(to_event(request, "rest"), LambdaContext()), "rest")
    assert answer.status == 400
    assert "duplicate" in answer.json()["message"].lower()


def test_the_app_runs_on_the_invoking_thread_with_no_event_loop():
    """asgiref alone would hand it to a worker thread, and Mangum run a loop around that."""
    import asyncio
    import threading

    from flask import Flask

    app = Flask(__name__)
    seen = []

    @app.get("/thread")
    def thread():
        try:
            asyncio.get_running_loop()
            seen.append("a loop runs")
        except RuntimeError:
            seen.append(threading.get_ident())
        return "ok"

    event = to_event(ClientRequest("GET", "/thread"), "http")
    assert read_response(make_handler(app)(event, LambdaContext()), "http").status == 200
    assert seen == [threading.get_ident()]


def test_an_app_that_suspends_is_refused_by_the_inline_cycle():
    import types

    @types.coroutine
    def pause():
        yield

    async def waits(scope, receive, send):
        await pause()

    with pytest.raises(RuntimeError, match="suspended"):
        InlineCycle({"type": "http", "method": "GET", "path": "/"}, b"")(waits)
