"""Mangum's HTTP cycle, run without an event loop when the app is this package's bridge.

Mangum runs every invocation on an asyncio event loop, and the bridge then
had to hand the WSGI app to a worker thread, since Flask's `async def` views
refuse a thread whose loop is running. Both cost time on every warm request:
measured with the two handlers called in turn (a warm container idles
between requests, so a worker thread sleeps when a request comes), the
hand-off took about 105 µs and Mangum's loop about 30 µs, and `/health` took
2.6 to 2.8 times apig-wsgi's time.

The bridge never waits on anything: Mangum's `receive` has the whole body
queued and its `send` only records, so the bridge's coroutine finishes at its
first step. `InlineCycle` takes that step itself, with no loop; no loop is
running, so the bridge calls the app on this same thread, and `async def`
views still work (their own loop runs, as nothing else does). `LambdaMangum`
uses it only for the bridge, which it knows cannot suspend, and hands any
other app to Mangum unchanged.
"""

from __future__ import annotations

from typing import Any

from mangum import Mangum
from mangum.protocols import HTTPCycle
from mangum.types import ASGI, LambdaContext, LambdaEvent, Response

from lambda_adapter.bridge import ErrorAnswer, LambdaWsgiToAsgi, plain_error
from lambda_adapter.sources import Refused, is_keep_warm


class InlineCycle(HTTPCycle):
    """One request's cycle, driven to its end in one step instead of on a loop."""

    def __call__(self, app: ASGI) -> Response:
        coroutine = self.run(app)
        try:
            coroutine.send(None)
        except StopIteration:
            return {"status": self.status, "headers": self.headers, "body": self.body}
        coroutine.close()
        raise RuntimeError("the app suspended, so it cannot run without an event loop")


class LambdaMangum(Mangum):
    """Mangum that runs the bridge inline, answers keep-warm pings, and words refusals.

    A scheduled keep-warm event is answered 204 before any event source is
    chosen, since it carries no request. A request the event source refuses
    (`sources.Refused`) is answered with `error_answer`, the app's error
    shape. Anything but the bridge, or a lifespan, gets Mangum's own cycle.
    """

    def __init__(
        self, app: ASGI, *, error_answer: ErrorAnswer = plain_error, **options: Any
    ) -> None:
        super().__init__(app, **options)
        self.error_answer = error_answer

    def __call__(self, event: LambdaEvent, context: LambdaContext) -> dict[str, Any]:
        if is_keep_warm(event):
            return {"statusCode": 204}
        try:
            if self.lifespan != "off" or not isinstance(self.app, LambdaWsgiToAsgi):
                return super().__call__(event, context)
            handler = self.infer(event, context)
            return handler(InlineCycle(handler.scope, handler.body)(self.app))
        except Refused as refused:
            return refused.answer(self.error_answer)
