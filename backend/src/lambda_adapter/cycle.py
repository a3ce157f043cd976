"""Mangum for the bridge: this package's event sources, and each request run with no event loop.

Mangum runs every invocation on an asyncio event loop, and asgiref then runs
the WSGI app on a worker thread, since Flask's `async def` views refuse a
thread whose loop is running. Both cost time on every warm request: measured
with the two handlers called in turn (a warm container idles between
requests), the hand-off took about 105 µs and Mangum's loop about 30 µs, and
`/health` took 2.6 to 2.8 times apig-wsgi's time.

The bridge never waits on anything: it is handed the whole body and sends its
response whole, so its coroutine finishes at its first step. `InlineCycle`
takes that step itself, with no loop; no loop is running, so the bridge calls
the app on this same thread, and `async def` views still work (Flask runs
their own loop, as nothing else does).
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Callable
from typing import Any

from mangum import Mangum
from mangum.types import ASGI, LambdaContext, LambdaEvent, Message, Response, Scope

from lambda_adapter import fields
from lambda_adapter.bridge import LambdaWsgiToAsgi, Refused
from lambda_adapter.responses import TEXT_MIME_TYPES
from lambda_adapter.sources import EVENT_SOURCES

logger = logging.getLogger("lambda_adapter")
KEEP_WARM = ("aws.events", "Scheduled Event")
"""(source, detail-type) of an EventBridge schedule that only keeps the container warm."""

ErrorParts = tuple[int, list[tuple[str, str]], bytes]
ErrorWriter = Callable[[int, str, "str | None"], ErrorParts]
"""(status, message, request id) to the status, headers and body of an error.

How the app words an error the adapter answers itself; `make_handler` passes it
in, so the adapter needs to know nothing of the app's error shape.
"""


def plain_error(status: int, message: str, request_id: str | None) -> ErrorParts:
    """The adapter's own error: `{"message": ..., "request_id": ...}` as JSON."""
    body = json.dumps({"message": message, "request_id": request_id}).encode()
    return status, [("Content-Type", "application/json")], body


class NotAnHttpEvent(ValueError):
    """The handler was invoked with an event that carries no HTTP request."""


class InlineCycle:
    """One request's ASGI cycle, run to its end in one step, with no event loop.

    Mangum's own `HTTPCycle` feeds the app through an asyncio queue and buffers
    a body sent in pieces; the bridge takes the whole body at once and sends
    its response in two messages, start and body, so here they are just kept.
    """

    def __init__(self, scope: Scope, body: bytes) -> None:
        self.scope = scope
        self.request = {"type": "http.request", "body": body, "more_body": False}
        self.sent: list[Message] = []

    async def receive(self) -> Message:
        return self.request

    async def send(self, message: Message) -> None:
        self.sent.append(message)

    def __call__(self, app: ASGI) -> Response:
        coroutine = app(self.scope, self.receive, self.send)
        try:
            coroutine.send(None)
        except StopIteration:
            start, body = self.sent
            return {"status": start["status"], "headers": start["headers"], "body": body["body"]}
        coroutine.close()
        raise RuntimeError("the app suspended, so it cannot run without an event loop")


class LambdaMangum(Mangum):
    """Mangum around `LambdaWsgiToAsgi`, with this package's event sources and no lifespan.

    An event none of the sources claims is answered 204 if it is a scheduled
    keep-warm ping, and otherwise raises `NotAnHttpEvent` (Mangum's own
    handlers would misread or crash on it). A request refused on the way
    (`bridge.Refused`) is answered as `write_error` words it, in the app's
    error shape. `options` are Mangum's own: `api_gateway_base_path`,
    `text_mime_types`, `exclude_headers`.
    """

    def __init__(
        self, app: LambdaWsgiToAsgi, write_error: ErrorWriter = plain_error, **options: Any
    ) -> None:
        options.setdefault("text_mime_types", list(TEXT_MIME_TYPES))
        with warnings.catch_warnings():
            # Mangum asks asyncio for the thread's loop; on Python 3.12 and later that
            # warns when none is set yet, although asyncio then makes one.
            warnings.filterwarnings("ignore", "There is no current event loop", DeprecationWarning)
            super().__init__(app, lifespan="off", custom_handlers=EVENT_SOURCES, **options)
        self.write_error = write_error

    def __call__(self, event: LambdaEvent, context: LambdaContext) -> dict[str, Any]:
        if not any(source.infer(event, context, self.config) for source in self.custom_handlers):
            if (fields.text(event, "source"), fields.text(event, "detail-type")) == KEEP_WARM:
                return {"statusCode": 204}
            raise NotAnHttpEvent(
                "Not an HTTP event this handler supports (API Gateway REST or HTTP API, "
                f"Application Load Balancer, Lambda Function URL): got {describe(event)}"
            )
        handler = self.infer(event, context)
        try:
            return handler(InlineCycle(handler.scope, handler.body)(self.app))
        except Refused as refused:
            request_id = getattr(context, "aws_request_id", None)
            if refused.status < 500:
                about = {"status": refused.status, "aws_request_id": request_id}
                logger.warning("request refused before the app: %s", refused, extra=about)
            status, headers, body = self.write_error(refused.status, str(refused), request_id)
            encoded = [[name.lower().encode(), value.encode("latin-1")] for name, value in headers]
            return handler({"status": status, "headers": encoded, "body": body})


def describe(event: Any) -> str:
    """What the event looks like, in a few words on one line, for the operator reading the error."""
    if not isinstance(event, dict):
        return f"a {type(event).__name__}"
    records = event.get("Records")
    if isinstance(records, list) and records and isinstance(records[0], dict):
        source = records[0].get("eventSource") or records[0].get("EventSource")
        if isinstance(source, str):
            return f"an {source[:40]!r} event"
    if isinstance(event.get("detail-type"), str) and isinstance(event.get("source"), str):
        return f"an EventBridge {event['detail-type'][:60]!r} event from {event['source'][:40]!r}"
    keys = ", ".join(repr(key)[:40] for key in list(event)[:8])
    return f"a dict with keys {keys}" if keys else "an empty dict"
