"""The local API in front of the function: real HTTP in, a Lambda event through, HTTP back."""

from __future__ import annotations

import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from local_lambda.events import HttpRequest, http_answer, http_api_event, rest_api_event
from local_lambda.function import LocalFunction

logger = logging.getLogger("local_lambda")

EVENT_BUILDERS = {"2.0": http_api_event, "1.0": rest_api_event}
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}


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
        if not self.parse_request():
            return
        self._forward()
        self.wfile.flush()

    def _forward(self) -> None:
        request = HttpRequest(
            method=self.command,
            target=self.path,
            headers=[
                (name, value)
                for name, value in self.headers.items()
                if name.lower() not in HOP_BY_HOP and name.lower() != "content-length"
            ],
            body=self._read_body(),
            client_ip=self.client_address[0],
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
        lines = [f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}"]
        lines += [
            f"{name}: {value}"
            for name, value in headers
            if name.lower() not in HOP_BY_HOP | {"content-length"}
        ]
        lines += [f"Content-Length: {len(body)}", "", ""]
        payload = b"" if self.command == "HEAD" else body
        self.wfile.write("\r\n".join(lines).encode("latin-1") + payload)
        self.log_request(status, len(body))

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

    def log_message(self, format: str, *args: Any) -> None:
        logger.info("%s %s", self.address_string(), format % args)


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
