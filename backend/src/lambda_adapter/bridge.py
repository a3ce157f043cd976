"""The WSGI side of the Lambda path: asgiref's `WsgiToAsgi`, made exact for Lambda.

Mangum speaks ASGI and the IRIS app speaks WSGI; asgiref's `WsgiToAsgi` joins
them. This subclass changes what a Lambda request needs changed:

- the environ carries the body's real length, since most events come without a
  `Content-Length` header and Werkzeug reads nothing without one;
- paths keep their exact bytes (WSGI's latin-1 rule), the stage or base path goes
  to `SCRIPT_NAME`, repeated `Cookie` headers join with `; `;
- the Lambda event and context ride along as `aws.event` and `aws.context`;
- the app runs once per request and its whole response is gathered, since
  Lambda returns a response in one piece anyway: on the invoking thread when
  no event loop runs there (`cycle.LambdaMangum`, the usual case), else on one
  worker thread kept for the container's life, in one hand-off;
- an exception escaping the app becomes a 500 in the error shape the app asked
  for (`ErrorAnswer`; plain JSON by default), logged with the request id.

Requests the event source refuses never reach the bridge (`sources.Refused`).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any, cast

from asgiref.wsgi import WsgiToAsgi, WsgiToAsgiInstance
from mangum.types import Receive, Scope, Send

logger = logging.getLogger("lambda_adapter")

ErrorAnswer = Callable[[int, str, "str | None"], tuple[int, list[tuple[str, str]], bytes]]
"""(status, message, request id) to the (status, headers, body) of an error answer.

What the app wants said when a request fails outside it; `make_handler` takes
it, so the adapter needs to know nothing of the app's error shape.
"""


def plain_error(
    status: int, message: str, request_id: str | None
) -> tuple[int, list[tuple[str, str]], bytes]:
    """The default error answer: `{"message": ..., "request_id": ...}` as JSON."""
    body = json.dumps({"message": message, "request_id": request_id}).encode()
    return status, [("Content-Type", "application/json")], body


ResponseHeaders = list[list[bytes]]
"""Header pairs as Mangum's `Response` has them."""
Answer = tuple[int, ResponseHeaders, bytes]
Job = tuple[Callable[..., Any], tuple[Any, ...], list[Any], threading.Lock]


class Worker:
    """The thread WSGI apps run on under a running event loop, started on first use.

    Only when the bridge is driven by an event loop (Mangum's own cycle, another
    ASGI server) is it needed; `LambdaMangum` runs none. The app cannot run on
    the event loop's thread: Flask runs `async def` views
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


def error_response(
    error_answer: ErrorAnswer, status: int, message: str, scope: dict[str, Any]
) -> Answer:
    """`error_answer`'s error for this request, its headers as Mangum has them."""
    status, headers, body = error_answer(status, message, log_fields(scope)["aws_request_id"])
    raw_headers = [
        [name.lower().encode("latin-1"), value.encode("latin-1")] for name, value in headers
    ]
    return status, raw_headers, body


def log_fields(scope: dict[str, Any]) -> dict[str, Any]:
    """What a log line says of the request: never its body, headers or query."""
    return {
        "method": scope.get("method"),
        "path": scope.get("path"),
        "client": scope.get("client", ("",))[0],
        "aws_request_id": getattr(scope.get("aws.context"), "aws_request_id", None),
    }


class LambdaWsgiToAsgi(WsgiToAsgi):
    """`WsgiToAsgi` for Lambda events translated by Mangum, answering errors as `error_answer`."""

    def __init__(
        self,
        wsgi_application: Any,
        duplicate_header_limit: int = 100,
        error_answer: ErrorAnswer = plain_error,
    ) -> None:
        super().__init__(wsgi_application, duplicate_header_limit)  # type: ignore[no-untyped-call]
        self.error_answer = error_answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        instance = LambdaWsgiInstance(  # type: ignore[no-untyped-call]
            self.wsgi_application, self.duplicate_header_limit
        )  # (asgiref's constructor has no type hints)
        instance.error_answer = self.error_answer
        await instance(scope, receive, send)


class LambdaWsgiInstance(WsgiToAsgiInstance):
    """One request: read the body, run the app once, send the whole answer.

    Four methods of asgiref's instance are overridden, each for a reason:

    - `__call__` and `run_wsgi_app`: asgiref spools the body to a temporary
      file and sends each piece of the answer back through its own thread
      hop; Lambda returns an answer in one piece, so the body stays in memory
      and the answer is gathered and sent once (the hops cost 4 to 6 times
      apig-wsgi's time per request, measured; see `cycle.py` for the rest);
    - `build_environ` extends asgiref's environ with what a Lambda request
      needs exact (paths by WSGI's latin-1 rule, the query as sent, cookies
      joined with `; `, the body's real length, the event and context);
    - `start_response` keeps asgiref's checks (a second call needs
      `exc_info`) and returns the `write` callable PEP 3333 asks for, with
      header values in latin-1, as WSGI has them (asgiref encodes ASCII only).
    """

    error_answer: ErrorAnswer = staticmethod(plain_error)
    response_start: dict[str, Any]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.scope = scope
        status, headers, body = await self.run_wsgi_app(await _request_body(receive))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def run_wsgi_app(self, body: bytes) -> Answer:
        """The app's whole response: on this thread when no event loop runs here
        (`cycle.InlineCycle`), else from the worker thread (see `Worker` on the waiting)."""
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self._respond(body)
        return cast(Answer, WORKER.call(self._respond, body))

    def _respond(self, body: bytes) -> Answer:
        """Run the app and gather its response; an error escaping it is a logged 500."""
        self.written: list[bytes] = []
        try:
            environ = self.build_environ(self.scope, body)
        except ValueError as error:
            return self._error(400, str(error))
        try:
            iterable = self.wsgi_application(environ, self.start_response)
            try:
                self.written.extend(iterable)
            finally:
                if hasattr(iterable, "close"):
                    iterable.close()
            start = self.response_start
            return start["status"], start["headers"], b"".join(self.written)
        except Exception:
            fields = log_fields(self.scope)
            logger.exception(
                "Unhandled error in %s %s (aws_request_id=%s)",
                fields["method"],
                fields["path"],
                fields["aws_request_id"],
                extra=fields,
            )
            return self._error(500, "Internal server error")

    def _error(self, status: int, message: str) -> Answer:
        return error_response(self.error_answer, status, message, self.scope)

    def start_response(
        self, status: str, response_headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], None]:
        """asgiref's `start_response`, with latin-1 header values and a `write` callable."""
        super().start_response(status, [], exc_info)  # type: ignore[no-untyped-call]
        self.response_start["headers"] = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in response_headers
        ]
        return self.written.append

    def build_environ(self, scope: Scope, body: bytes) -> dict[str, Any]:
        """asgiref's environ, made exact for a Lambda request.

        asgiref is given the scope without the parts it would read as UTF-8 or
        ASCII (a path of raw bytes or a query of UTF-8 would fail there), and
        those are set here from the scope's exact bytes.
        """
        plain = {**scope, "root_path": "", "path": "/", "query_string": b""}
        environ: dict[str, Any] = super().build_environ(plain, io.BytesIO(body))  # type: ignore[no-untyped-call]
        script_name = wsgi_string(scope["root_path"])
        path = wsgi_string(scope["path"])
        environ["SCRIPT_NAME"] = script_name
        environ["PATH_INFO"] = path[len(script_name) :]
        environ["QUERY_STRING"] = scope["query_string"].decode("latin-1")
        cookies = [value.decode("latin-1") for name, value in scope["headers"] if name == b"cookie"]
        if cookies:
            environ["HTTP_COOKIE"] = "; ".join(cookies)
        sent_length = environ.pop("CONTENT_LENGTH", None)
        if body or sent_length is not None:
            environ["CONTENT_LENGTH"] = str(len(body))
        environ["aws.event"] = scope["aws.event"]
        environ["aws.context"] = scope["aws.context"]
        return environ


async def _request_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            return b"".join(chunks)


def wsgi_string(path: str) -> str:
    """A path's bytes as WSGI carries them: latin-1 characters, one per byte."""
    return path.encode("utf-8", "surrogateescape").decode("latin-1")
