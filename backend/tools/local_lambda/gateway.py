"""The local API in front of the function: real HTTP in, a Lambda event through, HTTP back.

What it refuses itself (a request line or headers too long, a request it
cannot parse) it answers with the backend's own JSON error, and its access
log cuts long paths, so a 70 KB query string never floods the terminal.
"""

from __future__ import annotations

import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from json_errors import REQUEST_ID_HEADER, choose_request_id, json_error
from local_lambda.events import ClientRequest, http_answer, http_api_event, rest_api_event
from local_lambda.function import LocalFunction
from request_limits import MAX_LINE, URL_TOO_LONG

logger = logging.getLogger("local_lambda")

EVENT_BUILDERS = {"2.0": http_api_event, "1.0": rest_api_event}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}
LOGGED_TARGET = 200
"""Characters of a request's path and query shown in the access log; the rest is cut."""


class GatewayHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server: GatewayServer

    def handle_one_request(self) -> None:
        """Every method goes to the function, as API Gateway's catch-all route sends it."""
        self.raw_requestline = self.rfile.readline(65537)
        if not self.raw_requestline:
            self.close_connection = True
            return
        if len(self.raw_requestline) > MAX_LINE:
            self.requestline, self.command, self.path = "", "", ""
            self.send_error(414, URL_TOO_LONG)
            return
        if not self.parse_request():
            return
        self._forward()
        self.wfile.flush()

    def _forward(self) -> None:
        path, _, query = self.path.partition("?")
        request = ClientRequest(
            method=self.command,
            path=path,
            query=query,
            headers=[
                (name, value)
                for name, value in self.headers.items()
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length"
            ],
            body=self._read_body(),
            source_ip=self.client_address[0],
        )
        event = EVENT_BUILDERS[self.server.event_format](request)
        result, error = self.server.function.invoke(event)
        status, headers, body = http_answer(self.server.event_format, result, error)
        if error is not None:
            logger.error(
                "%s %s -> %s: %s",
                self.command,
                self.path,
                error.get("errorType"),
                error.get("errorMessage"),
            )
        self._answer(status, headers, body)

    def _read_body(self) -> bytes:
        """The whole body, sent with a Content-Length or in chunks."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A request refused here gets the backend's JSON error, never `http.server`'s page."""
        headers = getattr(self, "headers", None)
        offered = headers.get(REQUEST_ID_HEADER) if headers is not None else None
        status, error_headers, body = json_error(
            code, message or self.responses.get(code, ("Error",))[0], choose_request_id(offered)
        )
        self.close_connection = True
        self._answer(status, error_headers, body, closing=True)

    def _answer(
        self, status: int, headers: list[tuple[str, str]], body: bytes, closing: bool = False
    ) -> None:
        """Status line, headers and body in one write, saying so when the connection will close."""
        lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
        lines += [
            f"{name}: {value}"
            for name, value in headers
            if name.lower() not in HOP_BY_HOP | {"content-length"}
        ]
        lines += [f"Content-Length: {len(body)}"]
        if closing:
            lines.append("Connection: close")
        payload = b"" if getattr(self, "command", None) == "HEAD" else body
        self.wfile.write("\r\n".join([*lines, "", ""]).encode("latin-1") + payload)
        self.log_request(status, len(body))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """One line per request, its target cut to `LOGGED_TARGET` characters."""
        target = getattr(self, "path", "") or ""
        if len(target) > LOGGED_TARGET:
            target = f"{target[:LOGGED_TARGET]}… ({len(target)} characters)"
        method = getattr(self, "command", None) or "-"
        logger.info("%s %s %s -> %s (%s bytes)", self.address_string(), method, target, code, size)

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), (format % args)[:LOGGED_TARGET])


class GatewayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, function: LocalFunction, event_format: str, host: str, port: int) -> None:
        if event_format not in EVENT_BUILDERS:
            raise ValueError(
                f"event format must be one of {sorted(EVENT_BUILDERS)}, not {event_format!r}"
            )
        super().__init__((host, port), GatewayHandler)
        self.function = function
        self.event_format = event_format
