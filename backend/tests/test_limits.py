"""Limits on a request's size and shape: each a small JSON error, locally and on Lambda alike."""

from __future__ import annotations

import json
import socket

import pytest
from conftest import LOCAL_KEY, SRC_DIR, analyze_payload, lambda_call, without_request_id
from lambda_events import SOURCES, ClientRequest, json_request
from processes import free_port, http_request, serve_locally

from iris import create_app
from request_limits import HEADER_TOO_LONG, TOO_MANY_HEADERS, URL_TOO_LONG

JSON = {"Content-Type": "application/json"}


def test_oversized_body_is_json_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/api/iris/analyze", json=analyze_payload(source_code="x" * 2000))
    assert response.status_code == 413
    assert without_request_id(response.json) == {
        "success": False,
        "error": "Request body too large: the limit is 1000 bytes",
    }


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


def test_an_oversized_body_is_a_json_413_locally(local_server):
    port, _ = local_server
    body = json.dumps(analyze_payload(source_code="x" * 30_000)).encode()
    answer = http_request(port, "POST", "/api/iris/analyze", body, {**JSON, "x-api-key": LOCAL_KEY})
    assert answer.status == 413
    assert without_request_id(json.loads(answer.body)) == {
        "success": False,
        "error": "Request body too large: the limit is 20000 bytes",
    }


def raw_exchange(port: int, request: bytes) -> tuple[int, bytes]:
    """Send bytes as they are and read the answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


@pytest.mark.parametrize(
    ("request_bytes", "status", "message"),
    [
        (b"GET /health?q=" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, URL_TOO_LONG),
        (b"GET /health HTTP/1.1\r\nX-Big: " + b"b" * 70_000 + b"\r\n\r\n", 431, HEADER_TOO_LONG),
        (
            b"GET /health HTTP/1.1\r\n"
            + b"".join(b"X-N%d: 1\r\n" % n for n in range(120))
            + b"\r\n",
            431,
            TOO_MANY_HEADERS,
        ),
    ],
    ids=["url", "header", "headers"],
)
def test_what_werkzeug_refuses_is_a_json_error_like_on_lambda(
    local_server, request_bytes, status, message
):
    port, _ = local_server
    answer_status, body = raw_exchange(port, request_bytes)
    assert answer_status == status
    assert without_request_id(json.loads(body)) == {"success": False, "error": message}
    assert http_request(port, "GET", "/health").status == 200


def chunked_exchange(port: int, body: bytes) -> tuple[bytes, bool]:
    """Send `body` chunked with `Connection: close`; the answer, and whether the server closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            b"POST /api/iris/analyze HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        for start in range(0, len(body), 65536):
            piece = body[start : start + 65536]
            connection.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        connection.sendall(b"0\r\n\r\n")
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except TimeoutError:
            return answer, False
    return answer, True


def test_a_chunked_body_over_the_limit_gets_the_413_and_the_connection_closes():
    port = free_port()
    with serve_locally(port, SRC_DIR, SRC_DIR / "server.py", {"MAX_CONTENT_LENGTH": "100000"}):
        big = json.dumps({"filename": "a.py", "language": "python", "source_code": "x\n" * 200000})
        answer, closed = chunked_exchange(port, big.encode())
        small = json.dumps({"filename": "a.py", "language": "python", "source_code": "x = 1\n"})
        small_answer, _ = chunked_exchange(port, small.encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(body)["error"] == "Request body too large: the limit is 100000 bytes"
    assert closed
    assert small_answer.startswith(b"HTTP/1.1 200")
