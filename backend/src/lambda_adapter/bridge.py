"""The WSGI side of the Lambda path: asgiref's `WsgiToAsgi`, made exact for Lambda.

Mangum speaks ASGI and the app speaks WSGI; asgiref's `WsgiToAsgi` joins
them. This subclass changes what a Lambda request needs changed:

- the environ carries the body's real length, since most events come without a
  `Content-Length` header and Werkzeug reads nothing without one;
- paths and the query keep their exact bytes (WSGI's latin-1 rule), the stage
  or base path goes to `SCRIPT_NAME`, repeated `Cookie` headers join with `; `;
- response header values may be any latin-1 text, as WSGI allows;
- the Lambda event and context ride along as `aws.event` and `aws.context`;
- the app runs on the invoking thread and its whole response is gathered, since
  Lambda returns a response in one piece anyway (`cycle.InlineCycle` runs the
  bridge without an event loop);
- an exception escaping the app is logged and becomes `Refused`, a 500 that
  `LambdaMangum` words in the app's error shape.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable
from typing import Any

from asgiref.wsgi import WsgiToAsgi, WsgiToAsgiInstance
from mangum.types import Receive, Scope, Send

logger = logging.getLogger("lambda_adapter")


class Refused(Exception):
    """A request answered with an error instead of the app's answer.

    The event sources raise it while reading an event no server would take
    (a body that is not the base64 it claims, a method or stage no request
    could carry, a request line or headers over a server's limits) or laying
    out a response too large for them; the bridge raises it when asgiref
    refuses the headers or the app fails. `LambdaMangum` answers it in the
    app's error shape, which the adapter itself does not know.
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def request_fields(scope: Scope) -> dict[str, Any]:
    """What a log line says of the request: never its body, headers or query."""
    return {
        "method": scope.get("method"),
        "path": scope.get("path"),
        "client": scope.get("client", ("",))[0],
        "aws_request_id": getattr(scope.get("aws.context"), "aws_request_id", None),
    }


class LambdaWsgiToAsgi(WsgiToAsgi):
    """`WsgiToAsgi` for Lambda events translated by Mangum: one `LambdaWsgiInstance` per request."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        instance = LambdaWsgiInstance(self.wsgi_application, self.duplicate_header_limit)  # type: ignore[no-untyped-call]
        await instance(scope, receive, send)


class LambdaWsgiInstance(WsgiToAsgiInstance):
    """One request: read the body, run the app once on this thread, send its whole response.

    `__call__` replaces asgiref's: that one spools the body to a temporary file
    and sends each piece of the response back through a thread hop of its own
    (4 to 6 times apig-wsgi's time per request, measured); here the body stays
    in memory and the response goes back in one piece. `build_environ` and
    `start_response` extend asgiref's own, calling it first.
    """

    response_start: dict[str, Any]
    written: list[bytes]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.scope = scope
        chunks = []
        while True:
            message = await receive()
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = self.response_to(b"".join(chunks))
        await send(self.response_start)
        await send({"type": "http.response.body", "body": body})

    def response_to(self, body: bytes) -> bytes:
        """The app's response body, its start kept; an error escaping the app is logged, refused."""
        self.written = []
        try:
            environ = self.build_environ(self.scope, body)
        except ValueError as error:
            raise Refused(400, str(error)) from None
        try:
            iterable = self.wsgi_application(environ, self.start_response)
            try:
                self.written.extend(iterable)
            finally:
                if hasattr(iterable, "close"):
                    iterable.close()
            return b"".join(self.written)
        except Exception:
            about = request_fields(self.scope)
            message = "Unhandled error in %(method)s %(path)s (aws_request_id=%(aws_request_id)s)"
            logger.exception(message, about, extra=about)
            raise Refused(500, "Internal server error") from None

    def start_response(
        self, status: str, response_headers: list[tuple[str, str]], exc_info: Any = None
    ) -> Callable[[bytes], None]:
        """asgiref's `start_response`, with latin-1 header values and a `write` callable.

        asgiref keeps its checks (a second call needs `exc_info`) but encodes
        header values as ASCII; PEP 3333 asks for `write` as well.
        """
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
        environ["SCRIPT_NAME"] = script_name
        environ["PATH_INFO"] = wsgi_string(scope["path"])[len(script_name) :]
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


def wsgi_string(path: str) -> str:
    """A path's bytes as WSGI carries them: latin-1 characters, one per byte."""
    return path.encode("utf-8", "surrogateescape").decode("latin-1")
