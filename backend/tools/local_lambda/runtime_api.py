"""A local Lambda Runtime API: the HTTP interface AWS's runtime client polls for work.

The function process (awslambdaric) asks `/invocation/next` for an event and
posts the result to `/invocation/{id}/response` or `/invocation/{id}/error`; an
import failure goes to `/init/error`. `Invocations` is the other side: the HTTP
front queues an event there and waits for what the function posts back.

Every answer is HTTP/1.1 with a `Content-Length`, written in one piece with
`TCP_NODELAY`: the runtime client keeps its connection open, and an answer
split over two writes waits on delayed ACKs for 40 to 90 ms per invocation.
"""

from __future__ import annotations

import json
import queue
import re
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PREFIX = "/2018-06-01/runtime"
_RESULT = re.compile(rf"^{PREFIX}/invocation/(?P<id>[^/]+)/(?P<kind>response|error)$")


@dataclass
class Invocation:
    event: bytes
    deadline_ms: int
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    done: threading.Event = field(default_factory=threading.Event)
    result: Any = None
    error: dict[str, Any] | None = None


class Invocations:
    """Events waiting for the function, and the results it posts back."""

    def __init__(self, function_arn: str) -> None:
        self.function_arn = function_arn
        self.pending: queue.Queue[Invocation] = queue.Queue()
        self.in_flight: dict[str, Invocation] = {}
        self.init_error: dict[str, Any] | None = None
        self.first_asked_at: float | None = None
        """When the function first asked for work (`time.perf_counter`): the end of its init,
        what Lambda reports as Init Duration."""
        self.asked = threading.Event()
        """Set whenever the function asks for work: its init is over."""
        self.lock = threading.Lock()

    def submit(self, event: dict[str, Any], timeout_s: float) -> Invocation:
        invocation = Invocation(json.dumps(event).encode(), int((time.time() + timeout_s) * 1000))
        self.pending.put(invocation)
        return invocation

    def next(self) -> Invocation:
        if self.first_asked_at is None:
            self.first_asked_at = time.perf_counter()
        self.asked.set()
        invocation = self.pending.get()
        with self.lock:
            self.in_flight[invocation.request_id] = invocation
        return invocation

    def finish(
        self, request_id: str, result: Any = None, error: dict[str, Any] | None = None
    ) -> bool:
        with self.lock:
            invocation = self.in_flight.pop(request_id, None)
        if invocation is None:
            return False
        invocation.result, invocation.error = result, error
        invocation.done.set()
        return True

    def abandon_all(self, error: dict[str, Any]) -> None:
        """Fail whatever is queued or running: the function process is gone."""
        abandoned = []
        while True:
            try:
                abandoned.append(self.pending.get_nowait())
            except queue.Empty:
                break
        with self.lock:
            abandoned += self.in_flight.values()
            self.in_flight = {}
        for invocation in abandoned:
            invocation.error = error
            invocation.done.set()


class RuntimeApiHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: RuntimeApiServer

    def do_GET(self) -> None:
        if self.path != f"{PREFIX}/invocation/next":
            self._answer(404, {"errorMessage": f"Unknown path {self.path}"})
            return
        invocation = self.server.invocations.next()
        self._answer(
            200,
            invocation.event,
            {
                "Lambda-Runtime-Aws-Request-Id": invocation.request_id,
                "Lambda-Runtime-Deadline-Ms": str(invocation.deadline_ms),
                "Lambda-Runtime-Invoked-Function-Arn": self.server.invocations.function_arn,
                "Lambda-Runtime-Trace-Id": f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]}",
            },
        )

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        payload = json.loads(body) if body else None
        if self.path == f"{PREFIX}/init/error":
            self.server.invocations.init_error = _error(payload, self.headers)
            self._answer(202, {"status": "OK"})
            return
        match = _RESULT.match(self.path)
        if match is None:
            self._answer(404, {"errorMessage": f"Unknown path {self.path}"})
            return
        if match["kind"] == "response":
            found = self.server.invocations.finish(match["id"], result=payload)
        else:
            found = self.server.invocations.finish(match["id"], error=_error(payload, self.headers))
        self._answer(202 if found else 400, {"status": "OK" if found else "Unknown request id"})

    def _answer(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        """Status line, headers and body in one write."""
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        lines += ["Content-Type: application/json", f"Content-Length: {len(content)}", "", ""]
        self.wfile.write("\r\n".join(lines).encode("latin-1") + content)

    def log_message(self, format: str, *args: Any) -> None:
        """The function's own log is what matters on the terminal; this API stays quiet."""


class RuntimeApiServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, invocations: Invocations, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), RuntimeApiHandler)
        self.invocations = invocations

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A runtime client that was stopped mid-request is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def address(self) -> str:
        host, port = self.server_address[:2]
        return f"{host}:{port}"


def _error(payload: Any, headers: Any) -> dict[str, Any]:
    """The runtime client's error report, as `errorType` and `errorMessage`."""
    payload = payload if isinstance(payload, dict) else {}
    return {
        "errorType": payload.get("errorType")
        or headers.get("Lambda-Runtime-Function-Error-Type")
        or "Unknown",
        "errorMessage": payload.get("errorMessage", ""),
        "stackTrace": payload.get("stackTrace", []),
    }
