"""Hardening: API keys, security headers, limits, and the request log (issue: harden)."""

from __future__ import annotations

import json

import pytest
from conftest import without_request_id
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    json_request,
    read_response,
    to_event,
)
from test_app import analyze_payload

from iris import create_app
from lambda_handler import make_handler

KEYS = {"IRIS_API_KEYS": "first-key-0123456789, second-key-9876543210"}


def lambda_call(app, request: ClientRequest, source: str):
    result = make_handler(app)(to_event(request, source), LambdaContext())
    return read_response(result, source)


def analyze(key: str | None = None) -> ClientRequest:
    headers = [("x-api-key", key)] if key is not None else []
    return json_request("POST", "/api/iris/analyze", analyze_payload(), headers=headers)


# API keys


@pytest.mark.parametrize("source", ["test-client", *SOURCES])
@pytest.mark.parametrize(
    ("key", "status"),
    [
        (None, 401),
        ("", 401),
        ("wrong-key-0123456789", 401),
        ("first-key-0123456789 ", 401),
        ("first-key-0123456789", 200),
        ("second-key-9876543210", 200),
    ],
)
def test_api_requests_need_one_of_the_keys(source, key, status):
    app = create_app(KEYS)
    if source == "test-client":
        request = analyze(key)
        response = app.test_client().post(
            request.path, data=request.body, headers=[(k, v) for k, v in request.headers]
        )
        status_code, body = response.status_code, response.get_data()
    else:
        answer = lambda_call(app, analyze(key), source)
        status_code, body = answer.status, answer.body
    assert status_code == status
    if status == 401:
        assert without_request_id(json.loads(body)) == {
            "success": False,
            "error": "Missing or invalid API key: send one in the x-api-key header",
        }
        assert b"key-0123456789" not in body


@pytest.mark.parametrize("path", ["/", "/health", "/static/iris-icon.png"])
def test_welcome_health_and_assets_stay_open(path):
    assert create_app(KEYS).test_client().get(path).status_code == 200


def test_unknown_api_paths_need_the_key_too():
    assert create_app(KEYS).test_client().get("/api/iris/other").status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/iris/other", 404),
        ("DELETE", "/api/iris/other/deeper", 404),
        ("GET", "/api/iris/", 404),
        ("GET", "/api/iris", 404),
        ("GET", "/api/iris/analyze", 405),
        ("PUT", "/api/iris/health", 405),
    ],
)
def test_with_a_key_an_unknown_api_path_is_a_404_and_a_wrong_method_a_405(method, path, status):
    client = create_app(KEYS).test_client()
    assert client.open(path, method=method).status_code == 401
    answer = client.open(path, method=method, headers={"x-api-key": "first-key-0123456789"})
    assert answer.status_code == status
    assert answer.json["error"] == ("Not Found" if status == 404 else "Method Not Allowed")
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("source", SOURCES)
def test_preflight_stays_open_and_allows_the_key_header(source):
    preflight = ClientRequest(
        "OPTIONS",
        "/api/iris/analyze",
        headers=[
            ("Origin", "https://github.com"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "content-type, x-api-key"),
        ],
    )
    answer = lambda_call(create_app(KEYS), preflight, source)
    assert answer.status == 200
    assert answer.header("access-control-allow-origin") == ["https://github.com"]
    assert "x-api-key" in answer.header("access-control-allow-headers")[0].lower()


def test_without_keys_the_api_is_open_and_the_start_up_log_says_so_once(capsys):
    app = create_app({})
    lines = [line for line in capsys.readouterr().err.splitlines() if "IRIS_API_KEYS" in line]
    assert len(lines) == 1
    assert json.loads(lines[0])["level"] == "WARNING"
    client = app.test_client()
    assert client.post("/api/iris/analyze", json=analyze_payload()).status_code == 200
    assert not [line for line in capsys.readouterr().err.splitlines() if "IRIS_API_KEYS" in line]
    preflight = client.options(
        "/api/iris/analyze",
        headers={"Origin": "https://github.com", "Access-Control-Request-Method": "POST"},
    )
    assert "x-api-key" not in preflight.headers.get("Access-Control-Allow-Headers", "")


def test_keys_never_show_in_the_settings_repr():
    settings = create_app(KEYS).config["IRIS_SETTINGS"]
    assert "first-key" not in repr(settings) and "second-key" not in repr(settings)


# Security headers

ANSWERS = {
    "welcome": ClientRequest("GET", "/"),
    "health": ClientRequest("GET", "/health"),
    "icon": ClientRequest("GET", "/static/iris-icon.png"),
    "unknown": ClientRequest("GET", "/nowhere"),
    "api-unknown": ClientRequest("GET", "/api/iris/nowhere"),
    "analyze": analyze(),
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


# Limits


@pytest.mark.parametrize("source", ["test-client", *SOURCES])
def test_json_nested_too_deeply_is_a_400(source):
    for depth in (40, 5000):
        nested = "[" * depth + "]" * depth
        body = json.dumps(analyze_payload())[:-1] + f', "extra": {nested}}}'
        request = ClientRequest(
            "POST",
            "/api/iris/analyze",
            headers=[("Content-Type", "application/json")],
            body=body.encode(),
        )
        app = create_app({})
        if source == "test-client":
            response = app.test_client().post(
                "/api/iris/analyze", data=request.body, content_type="application/json"
            )
            status, error = response.status_code, response.json["error"]
        else:
            answer = lambda_call(app, request, source)
            status, error = answer.status, answer.json()["error"]
        assert status == 400
        assert error.startswith("Request body is nested too deeply")


def test_json_nested_within_the_bound_is_fine(client):
    payload = analyze_payload(metadata=json.loads('{"a": ' * 20 + "1" + "}" * 20))
    assert client.post("/api/iris/analyze", json=payload).status_code == 200


@pytest.mark.parametrize("source", SOURCES)
def test_body_over_max_content_length_is_a_413_on_lambda(source):
    app = create_app({"MAX_CONTENT_LENGTH": "1000"})
    request = json_request("POST", "/api/iris/analyze", analyze_payload(source_code="x" * 5000))
    answer = lambda_call(app, request, source)
    assert answer.status == 413
    assert answer.json()["error"] == "Request body too large: the limit is 1000 bytes"


OVERSIZE = {
    "url": (
        ClientRequest("GET", "/health", query="q=" + "a" * 70_000),
        414,
        "Request URL too long",
    ),
    "header": (
        ClientRequest("GET", "/health", headers=[("X-Big", "b" * 70_000)]),
        431,
        "Request header too large",
    ),
    "headers": (
        ClientRequest("GET", "/health", headers=[(f"X-Number-{n}", "1") for n in range(120)]),
        431,
        "Too many request headers",
    ),
}


@pytest.mark.parametrize("source", ["rest", "http", "function-url", "alb-multi"])
@pytest.mark.parametrize("kind", sorted(OVERSIZE))
def test_requests_a_server_would_refuse_are_refused_on_lambda_too(source, kind):
    request, status, message = OVERSIZE[kind]
    answer = lambda_call(create_app({}), request, source)
    assert answer.status == status
    assert answer.json()["error"].startswith(message)


# Request log


def log_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


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
    lambda_call(app, analyze("SECRET-WRONG-KEY"), "http")
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
