"""The Lambda path is exact on every HTTP event source.

A small probe app reports what it received; each test sends the same client
request through every source's event shape and checks what the app saw and
what the source gets back.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging

import pytest
from conftest import without_request_id
from flask import Flask, Response, jsonify, redirect, request, url_for
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    read_response,
    to_event,
)

from iris import create_app
from lambda_adapter import NotAnHttpEvent
from lambda_handler import make_handler

BINARY = bytes(range(256)) * 4


def probe_app() -> Flask:
    app = Flask("probe")
    app.config["calls"] = 0

    @app.before_request
    def count():
        app.config["calls"] += 1

    @app.route("/echo", defaults={"rest": ""}, methods=["GET", "POST", "PUT", "HEAD"])
    @app.route("/echo/<path:rest>", methods=["GET", "POST", "PUT"])
    def echo(rest):
        context = request.environ.get("aws.context")
        return jsonify(
            method=request.method,
            path=request.path,
            path_info=request.environ["PATH_INFO"],
            script_root=request.script_root,
            url=request.url,
            args=request.args.to_dict(flat=False),
            cookies=request.cookies,
            body=base64.b64encode(request.get_data()).decode(),
            remote_addr=request.remote_addr,
            request_id=getattr(context, "aws_request_id", None),
            event_keys=sorted(request.environ["aws.event"]),
            link=url_for("echo", _external=False),
        )

    @app.post("/async-echo")
    async def async_echo():
        await asyncio.sleep(0)
        return Response(request.get_data(), mimetype="application/octet-stream")

    @app.get("/go")
    def go():
        return redirect(url_for("echo"))

    @app.get("/cookies")
    def cookies():
        response = jsonify(ok=True)
        for name in ("session", "theme", "tracking"):
            response.set_cookie(name, f"{name}-value", httponly=True)
        return response

    @app.get("/typed/<kind>")
    def typed(kind):
        types = {
            "html": "text/html; charset=utf-8",
            "json": "application/json",
            "js": "application/javascript",
            "xml": "application/xml",
            "svg": "image/svg+xml",
            "jsonapi": "application/vnd.api+json",
        }
        return Response("<x>é ✓</x>", content_type=types[kind])

    @app.get("/binary")
    def binary():
        return Response(BINARY, mimetype="application/octet-stream")

    @app.get("/latin1-text")
    def latin1_text():
        return Response("café".encode("latin-1"), content_type="text/plain; charset=latin-1")

    @app.get("/large/<int:size>")
    def large(size):
        return Response("x" * size, mimetype="text/plain")

    return app


@pytest.fixture(scope="module")
def app():
    return probe_app()


@pytest.fixture(scope="module")
def handler(app):
    return make_handler(app)


def call(handler, request: ClientRequest, source: str, **options):
    event = to_event(request, source, **options)
    result = handler(event, LambdaContext())
    json.dumps(result)
    return result, read_response(result, source)


def seen(handler, request, source, **options):
    _, response = call(handler, request, source, **options)
    assert response.status == 200, response.body
    return response.json()


# 1. Request body


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"source_code": "def f():\\n    return 1\\n"}'),
        ("text/plain; charset=utf-8", "héllo wörld ✓".encode()),
        ("application/octet-stream", BINARY),
    ],
)
def test_body_arrives_exactly_without_content_length(handler, source, content_type, body):
    request = ClientRequest("POST", "/echo", headers=[("Content-Type", content_type)], body=body)
    assert base64.b64decode(seen(handler, request, source)["body"]) == body


@pytest.mark.parametrize("source", SOURCES)
def test_body_wins_over_a_wrong_content_length(handler, source):
    request = ClientRequest(
        "POST",
        "/echo",
        headers=[("Content-Type", "text/plain"), ("Content-Length", "3")],
        body=b"0123456789",
    )
    assert base64.b64decode(seen(handler, request, source)["body"]) == b"0123456789"


@pytest.mark.parametrize("source", SOURCES)
def test_invalid_base64_is_a_400_and_the_app_is_not_called(app, handler, source):
    event = to_event(ClientRequest("POST", "/echo", body=b"x"), source)
    event["body"] = "this is not base64!"
    event["isBase64Encoded"] = True
    calls = app.config["calls"]
    response = read_response(handler(event, LambdaContext()), source)
    assert response.status == 400
    assert response.json()["success"] is False
    assert "base64" in response.json()["error"]
    assert app.config["calls"] == calls


# 2. Binary and text responses


@pytest.mark.parametrize("source", SOURCES)
def test_binary_response_comes_back_byte_for_byte_as_base64(handler, source):
    result, response = call(handler, ClientRequest("GET", "/binary"), source)
    assert result["isBase64Encoded"] is True
    assert response.body == BINARY


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("kind", ["html", "json", "js", "xml", "svg", "jsonapi"])
def test_text_types_come_back_as_plain_strings(handler, source, kind):
    result, _ = call(handler, ClientRequest("GET", f"/typed/{kind}"), source)
    assert result["isBase64Encoded"] is False
    assert result["body"] == "<x>é ✓</x>"


@pytest.mark.parametrize("source", SOURCES)
def test_text_that_is_not_utf8_goes_as_base64_unchanged(handler, source):
    result, response = call(handler, ClientRequest("GET", "/latin1-text"), source)
    assert result["isBase64Encoded"] is True
    assert response.body == "café".encode("latin-1")


# 3. Set-Cookie


@pytest.mark.parametrize("source", SOURCES)
def test_every_set_cookie_reaches_the_client_in_its_place(handler, source):
    result, response = call(handler, ClientRequest("GET", "/cookies"), source)
    cookies = response.header("set-cookie")
    assert [cookie.split(";")[0] for cookie in cookies] == [
        "session=session-value",
        "theme=theme-value",
        "tracking=tracking-value",
    ]
    if source in ("rest", "alb-multi"):
        assert len(result["multiValueHeaders"]["set-cookie"]) == 3
    elif source in ("http", "function-url"):
        assert result["cookies"] == cookies
        assert "set-cookie" not in result["headers"]
    else:
        keys = [key for key in result["headers"] if key.lower() == "set-cookie"]
        assert len(keys) == len(set(keys)) == 3


# 4. Request cookies


@pytest.mark.parametrize("source", ["rest", "alb-multi", "http", "function-url"])
def test_several_cookie_headers_all_parse(handler, source):
    request = ClientRequest("GET", "/echo", headers=[("Cookie", "a=1; b=2"), ("Cookie", "c=3")])
    assert seen(handler, request, source)["cookies"] == {"a": "1", "b": "2", "c": "3"}


def test_single_value_alb_keeps_one_cookie_header(handler):
    request = ClientRequest("GET", "/echo", headers=[("Cookie", "a=1; b=2")])
    assert seen(handler, request, "alb")["cookies"] == {"a": "1", "b": "2"}


# 5. Query strings

TRICKY_QUERY = "q=a%20b&q=c%2Bd&amp=%26&eq=%3D&pct=100%25&plus=1+2&caf%C3%A9=%E2%9C%93"
TRICKY_ARGS = {
    "q": ["a b", "c+d"],
    "amp": ["&"],
    "eq": ["="],
    "pct": ["100%"],
    "plus": ["1 2"],
    "café": ["✓"],
}


@pytest.mark.parametrize("source", ["rest", "http", "function-url", "alb-multi"])
def test_query_strings_reach_request_args_exactly(handler, source):
    request = ClientRequest("GET", "/echo", query=TRICKY_QUERY)
    assert seen(handler, request, source)["args"] == TRICKY_ARGS


def test_single_value_alb_keeps_the_last_of_a_repeated_key(handler):
    request = ClientRequest("GET", "/echo", query=TRICKY_QUERY)
    assert seen(handler, request, "alb")["args"] == {**TRICKY_ARGS, "q": ["c+d"]}


# 6. Paths


@pytest.mark.parametrize("source", SOURCES)
def test_paths_are_decoded_exactly_once(handler, source):
    request = ClientRequest("GET", "/echo/files/%2541")
    assert seen(handler, request, source)["path"] == "/echo/files/%41"


@pytest.mark.parametrize("source", SOURCES)
def test_non_ascii_paths_follow_the_wsgi_latin1_rule(handler, source):
    body = seen(handler, ClientRequest("GET", "/echo/caf%C3%A9/%E2%9C%93"), source)
    assert body["path"] == "/echo/café/✓"
    assert body["path_info"] == "/echo/café/✓".encode().decode("latin-1")


# 7. Stage and base path


def test_rest_api_stage_on_execute_api_host_goes_to_script_name(handler):
    body = seen(handler, ClientRequest("GET", "/echo"), "rest", stage="prod")
    assert body["path"] == "/echo"
    assert body["script_root"] == "/prod"
    assert body["link"] == "/prod/echo"
    assert body["url"].startswith(
        "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/echo"
    )


def test_rest_api_redirect_keeps_the_stage(handler):
    _, response = call(handler, ClientRequest("GET", "/go"), "rest", stage="prod")
    assert response.status == 302
    assert response.header("location") == ["/prod/echo"]


def test_rest_api_on_a_custom_domain_has_no_stage_prefix(handler):
    request = ClientRequest("GET", "/echo", headers=[("Host", "api.example.com")])
    body = seen(handler, request, "rest", stage="prod")
    assert (body["script_root"], body["path"]) == ("", "/echo")


def test_http_api_named_stage_is_stripped_from_the_route(handler):
    body = seen(handler, ClientRequest("GET", "/echo"), "http", stage="beta")
    assert body["path"] == "/echo"
    assert body["script_root"] == "/beta"
    assert body["link"] == "/beta/echo"


@pytest.mark.parametrize("source", SOURCES)
def test_custom_domain_base_path_from_the_environment(app, monkeypatch, source):
    monkeypatch.setenv("API_GATEWAY_BASE_PATH", "iris")
    request = ClientRequest("GET", "/iris/echo", headers=[("Host", "api.example.com")])
    body = seen(make_handler(app), request, source)
    assert (body["script_root"], body["path"]) == ("/iris", "/echo")
    assert body["url"] == "https://api.example.com/iris/echo"


# 8. Client address and URL


@pytest.mark.parametrize("source", SOURCES)
def test_remote_addr_is_the_source_ip(handler, source):
    request = ClientRequest(
        "GET", "/echo", headers=[("X-Forwarded-For", "10.9.8.7")], source_ip="198.51.100.23"
    )
    assert seen(handler, request, source)["remote_addr"] == "198.51.100.23"


@pytest.mark.parametrize("source", SOURCES)
def test_request_url_is_https_on_the_public_host(handler, source):
    body = seen(handler, ClientRequest("GET", "/echo", query="a=1"), source)
    assert body["url"].startswith("https://")
    assert body["url"].endswith("/echo?a=1")
    assert ".amazonaws.com/" in body["url"] or ".on.aws/" in body["url"]


# 9. Event and context


@pytest.mark.parametrize("source", SOURCES)
def test_event_and_context_are_in_the_environ(handler, source):
    body = seen(handler, ClientRequest("GET", "/echo"), source)
    assert body["request_id"] == LambdaContext().aws_request_id
    assert "requestContext" in body["event_keys"]


# 10. Errors


def iris_app_with_a_crashing_view():
    app = create_app({})

    @app.get("/boom")
    def boom():
        raise RuntimeError("the secret is 42")

    return app


def wsgi_app_that_raises(environ, start_response):
    raise RuntimeError("the secret is 42")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(
    ("crashing_app", "logger"),
    [(iris_app_with_a_crashing_view(), "iris"), (wsgi_app_that_raises, "lambda_adapter")],
    ids=["flask-view", "bare-wsgi-app"],
)
def test_exception_is_a_json_500_logged_with_the_request_id(source, crashing_app, logger, caplog):
    with caplog.at_level(logging.ERROR, logger=logger):
        _, response = call(make_handler(crashing_app), ClientRequest("GET", "/boom"), source)
    assert response.status == 500
    assert without_request_id(response.json()) == {
        "success": False,
        "error": "Internal server error",
    }
    assert b"secret" not in response.body
    assert LambdaContext().aws_request_id in caplog.text
    assert "the secret is 42" in caplog.text


# 11. Response size


@pytest.mark.parametrize(
    ("source", "size"),
    [
        ("rest", 6_300_000),
        ("http", 6_300_000),
        ("function-url", 6_300_000),
        ("alb", 1_100_000),
        ("alb-multi", 1_100_000),
    ],
)
def test_response_over_the_source_limit_becomes_a_small_500(handler, source, size, caplog):
    with caplog.at_level(logging.ERROR, logger="lambda_adapter"):
        result, response = call(handler, ClientRequest("GET", f"/large/{size}"), source)
    assert response.status == 500
    assert "Response too large" in response.json()["error"]
    assert len(json.dumps(result)) < 1000
    assert "over the" in caplog.text


@pytest.mark.parametrize(("source", "size"), [("http", 6_000_000), ("alb", 1_000_000)])
def test_response_just_under_the_limit_passes(handler, source, size):
    _, response = call(handler, ClientRequest("GET", f"/large/{size}"), source)
    assert response.status == 200
    assert len(response.body) == size


# 12. HEAD and async views


@pytest.mark.parametrize("source", SOURCES)
def test_head_answers_without_a_body(handler, source):
    result, response = call(handler, ClientRequest("HEAD", "/echo"), source)
    assert response.status == 200
    assert result["body"] == ""
    assert int(response.header("content-length")[0]) > 0


@pytest.mark.parametrize("source", SOURCES)
def test_an_async_view_works_on_lambda_and_locally(app, handler, source):
    """The app's views are plain functions; an `async def` one, registered here, works too."""
    request = ClientRequest(
        "POST", "/async-echo", headers=[("Content-Type", "application/octet-stream")], body=BINARY
    )
    _, response = call(handler, request, source)
    assert response.body == BINARY
    assert app.test_client().post("/async-echo", data=BINARY).get_data() == BINARY


# 13. Events that are not HTTP

SCHEDULED_PING = {
    "version": "0",
    "id": "cdc73f9d-aea9-11e3-9d5a-835b769c0d9c",
    "detail-type": "Scheduled Event",
    "source": "aws.events",
    "account": "123456789012",
    "time": "2026-11-26T12:00:00Z",
    "region": "eu-west-1",
    "resources": ["arn:aws:events:eu-west-1:123456789012:rule/iris-keep-warm"],
    "detail": {},
}


def test_keep_warm_ping_returns_without_calling_the_app(app, handler):
    calls = app.config["calls"]
    result = handler(SCHEDULED_PING, LambdaContext())
    json.dumps(result)
    assert result == {"statusCode": 204}
    assert app.config["calls"] == calls


@pytest.mark.parametrize(
    ("event", "described"),
    [
        ({"Records": [{"eventSource": "aws:s3", "s3": {}}]}, "'aws:s3' event"),
        ({"Records": [{"eventSource": "aws:sqs", "body": "{}"}]}, "'aws:sqs' event"),
        ({"Records": [{"EventSource": "aws:sns", "Sns": {}}]}, "'aws:sns' event"),
        (
            {**SCHEDULED_PING, "detail-type": "Object Created", "source": "aws.s3"},
            "EventBridge 'Object Created'",
        ),
        ({"hello": "world"}, "a dict with keys 'hello'"),
        ({}, "an empty dict"),
        (["not", "a", "dict"], "a list"),
        (None, "a NoneType"),
    ],
)
def test_other_events_raise_one_clear_error(handler, event, described):
    with pytest.raises(NotAnHttpEvent) as raised:
        handler(event, LambdaContext())
    message = str(raised.value)
    assert message.startswith("Not an HTTP event this handler supports")
    assert described in message
    assert "\n" not in message


# 14. Response shapes

EXPECTED_KEYS = {
    "rest": {"statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"},
    "http": {"statusCode", "headers", "body", "isBase64Encoded"},
    "function-url": {"statusCode", "headers", "body", "isBase64Encoded"},
    "alb": {"statusCode", "statusDescription", "headers", "body", "isBase64Encoded"},
    "alb-multi": {
        "statusCode",
        "statusDescription",
        "multiValueHeaders",
        "body",
        "isBase64Encoded",
    },
}


@pytest.mark.parametrize("source", SOURCES)
def test_every_response_has_its_source_shape(handler, source):
    result, _ = call(handler, ClientRequest("GET", "/echo"), source)
    assert set(result) == EXPECTED_KEYS[source]
    assert isinstance(result["statusCode"], int)
    assert isinstance(result["body"], str)
    if source.startswith("alb"):
        assert result["statusDescription"] == "200 OK"
