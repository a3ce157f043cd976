"""The WSGI side of the Lambda path: asgiref's `WsgiToAsgi`, made exact for Lambda.

Mangum speaks ASGI and the IRIS app speaks WSGI; asgiref's `WsgiToAsgi` joins
them. This subclass changes what a Lambda request needs changed:

- the environ carries the body's real length, since most events come without a
  `Content-Length` header and Werkzeug reads nothing without one;
- paths keep their exact bytes (WSGI's latin-1 rule), the stage or base path goes
  to `SCRIPT_NAME`, repeated `Cookie` headers join with `; `;
- the Lambda event and context ride along as `aws.event` and `aws.context`;
- the app runs on one worker thread, kept for the container's life, in one
  hand-off per request, its whole response gathered there, since Lambda
  returns a response in one piece anyway;
- an exception escaping the app becomes a JSON 500, logged with the request id;
- a request the event source already refused (`EARLY_RESPONSE`), or one over
  the size limits a real server enforces (`limits`), never reaches it.
"""

from __future__ import annotations

import asyncio
import io
import logging
import queue
import sys
import threading
from collections.abc import Callable
from typing import Any, cast

from asgiref.wsgi import WsgiToAsgi, WsgiToAsgiInstance
from mangum.types import Receive, Scope, Send

import request_limits as limits
from json_errors import json_error

logger = logging.getLogger("lambda_adapter")

EARLY_RESPONSE = "lambda_adapter.early_response"
"""Scope extension: a (status, headers, body) answer to send without calling the app."""

ResponseHeaders = list[tuple[bytes, bytes]]
Answer = tuple[int, ResponseHeaders, bytes]
Job = tuple[Callable[..., Any], tuple[Any, ...], list[Any], threading.Lock]


class Worker:
    """The thread WSGI apps run on, started on first use and kept for the container's life.

    The app cannot run on the event loop's thread: Flask runs `async def` views
    with asgiref's `async_to_sync`, which refuses a thread whose loop is running.
    So each request is handed over once, and the whole response handed back.

    The loop's thread waits for it by blocking on a lock rather than through an
    awaited future. Mangum runs one request per run of its loop and nothing
    else on it, so there is nothing the loop could do meanwhile; waking it
    through its self-pipe and a round of polling cost a tenth of a request.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Job] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def call(self, function: Callable[..., Any], *args: Any) -> Any:
        """`function(*args)` on the worker thread; this thread waits for the result."""
        if self._thread is None:
            self._start()
        finished = threading.Lock()
        finished.acquire()
        outcome: list[Any] = []
        self._jobs.put((function, args, outcome, finished))
        finished.acquire()
        result, error = outcome
        if error is not None:
            raise error
        return result

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="wsgi-worker", daemon=True)
                self._thread.start()

    def _serve(self) -> None:
        while True:
            function, args, outcome, finished = self._jobs.get()
            try:
                outcome[:] = (function(*args), None)
            except BaseException as error:
                outcome[:] = (None, error)
            finished.release()


WORKER = Worker()


def error_answer(status: int, message: str, scope: dict[str, Any]) -> Answer:
    """The backend's JSON error for a request the app never saw, with its Lambda request id."""
    request_id = getattr(scope.get("aws.context"), "aws_request_id", None)
    status, headers, body = json_error(status, message, request_id)
    return status, [(name.lower().encode(), value.encode()) for name, value in headers], body


def log_fields(scope: dict[str, Any]) -> dict[str, Any]:
    """What a log line says of the request: never its body, headers or query."""
    return {
        "method": scope.get("method"),
        "path": scope.get("path"),
        "client": scope.get("client", ("",))[0],
        "aws_request_id": getattr(scope.get("aws.context"), "aws_request_id", None),
    }


class LambdaWsgiToAsgi(WsgiToAsgi):
    """`WsgiToAsgi` for Lambda events translated by Mangum."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        instance = LambdaWsgiInstance(  # type: ignore[no-untyped-call]
            self.wsgi_application, self.duplicate_header_limit
        )  # (asgiref's constructor has no type hints)
        await instance(scope, receive, send)


class LambdaWsgiInstance(WsgiToAsgiInstance):
    """One request: read the body, run the app once on the worker thread, send the answer."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.scope = scope
        answer = scope.get("extensions", {}).get(EARLY_RESPONSE) or self._over_a_limit()
        if answer is None:
            answer = await self.run_wsgi_app(await _request_body(receive))
        elif answer[0] >= 400:
            self._log_refusal(answer[0])
        status, headers, body = answer
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _over_a_limit(self) -> tuple[int, ResponseHeaders, bytes] | None:
        """The refusal a real server would give a request line or headers this large."""
        target = _wsgi_string(self.scope["path"]).encode("latin-1")
        if self.scope["query_string"]:
            target += b"?" + self.scope["query_string"]
        refused = limits.refusal(self.scope["method"].encode(), target, self.scope["headers"])
        return error_answer(*refused, self.scope) if refused else None

    def _log_refusal(self, status: int) -> None:
        """The app never saw this request, so the log line that tells of it comes from here."""
        logger.warning(
            "request refused before the app", extra={**log_fields(self.scope), "status": status}
        )

    async def run_wsgi_app(self, body: bytes) -> tuple[int, ResponseHeaders, bytes]:
        """The app's whole response: on this thread when no event loop runs here
        (`cycle.InlineCycle`), else from the worker thread (see `Worker` on the waiting)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._respond(body)
        return cast(Answer, WORKER.call(self._respond, body))

    def _respond(self, body: bytes) -> tuple[int, ResponseHeaders, bytes]:
        """Run the app and gather its response (on the worker thread)."""
        self.written: list[bytes] = []
        try:
            iterable = self.wsgi_application(
                self.build_environ(self.scope, body), self.start_response
            )
            try:
                self.written.extend(iterable)
            finally:
                if hasattr(iterable, "close"):
                    iterable.close()
            return self.status, self.headers, b"".join(self.written)
        except Exception:
            fields = log_fields(self.scope)
            logger.exception(
                "Unhandled error in %s %s (aws_request_id=%s)",
                fields["method"],
                fields["path"],
                fields["aws_request_id"],
                extra=fields,
            )
            return error_answer(500, "Internal server error", self.scope)

    def start_response(
        self, status: str, response_headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], None]:
        """Keep the status and headers; nothing is sent before the app finishes.

        Header values are latin-1, as WSGI has them and as a real server sends them.
        """
        self.status = int(status.split(" ", 1)[0])
        self.headers = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in response_headers
        ]
        return self.written.append

    def build_environ(self, scope: dict[str, Any], body: bytes) -> dict[str, Any]:
        """The WSGI environ of a Lambda request, exact to the byte."""
        script_name = _wsgi_string(scope["root_path"])
        path = _wsgi_string(scope["path"])
        host, port = scope["server"]
        environ: dict[str, Any] = {
            "REQUEST_METHOD": scope["method"],
            "SCRIPT_NAME": script_name,
            "PATH_INFO": path[len(script_name) :],
            "QUERY_STRING": scope["query_string"].decode("latin-1"),
            "SERVER_NAME": host,
            "SERVER_PORT": str(port),
            "SERVER_PROTOCOL": f"HTTP/{scope['http_version']}",
            "REMOTE_ADDR": scope["client"][0],
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": scope["scheme"],
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
            "aws.event": scope["aws.event"],
            "aws.context": scope["aws.context"],
        }
        environ.update(_header_entries(scope["headers"]))
        sent_length = environ.pop("CONTENT_LENGTH", None)
        if body or sent_length is not None:
            environ["CONTENT_LENGTH"] = str(len(body))
        return environ


async def _request_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def _wsgi_string(path: str) -> str:
    """A path's bytes as WSGI carries them: latin-1 characters, one per byte."""
    return path.encode("utf-8", "surrogateescape").decode("latin-1")


def _header_entries(headers: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """`HTTP_*` environ entries; repeated `Cookie` headers join as one cookie list."""
    entries: dict[str, str] = {}
    for raw_name, raw_value in headers:
        name = raw_name.decode("latin-1").upper().replace("-", "_")
        key = name if name in ("CONTENT_TYPE", "CONTENT_LENGTH") else f"HTTP_{name}"
        value = raw_value.decode("latin-1")
        if key in entries:
            separator = "; " if key == "HTTP_COOKIE" else ","
            value = f"{entries[key]}{separator}{value}"
        entries[key] = value
    return entries
