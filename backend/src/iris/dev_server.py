"""How `python server.py` answers requests that never reach the app.

Werkzeug's development server refuses a request line or header that is too
long, or a request it cannot parse, before Flask sees it, and would answer
with an HTML page. The extensions parse every answer as JSON, so this handler
answers those refusals in the app's own JSON shape, with the messages the
Lambda bridge uses for the same requests, and logs them as the app logs
requests. It also leaves the per-request log to the app, which writes JSON.
"""

from __future__ import annotations

import logging
from http import HTTPStatus

from werkzeug.serving import WSGIRequestHandler

from json_errors import REQUEST_ID_HEADER, choose_request_id, json_error
from request_limits import HEADER_TOO_LONG, TOO_MANY_HEADERS, URL_TOO_LONG

requests_logger = logging.getLogger("iris.requests")

MESSAGES: dict[int, str] = {
    HTTPStatus.REQUEST_URI_TOO_LONG: URL_TOO_LONG,
    HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: HEADER_TOO_LONG,
}


class JsonErrorRequestHandler(WSGIRequestHandler):
    timeout = 30
    """Seconds a read or write may wait on the client: a stalled client cannot hold a thread."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The server's own refusal, in the bridge's JSON error with its headers."""
        if code == HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE and message == "Too many headers":
            text = TOO_MANY_HEADERS
        else:
            text = MESSAGES.get(code) or HTTPStatus(code).phrase
        offered = self.headers.get(REQUEST_ID_HEADER) if getattr(self, "headers", None) else None
        request_id = choose_request_id(offered)
        status, headers, body = json_error(code, text, request_id)
        requests_logger.warning(
            "request refused before the app",
            extra={
                "method": getattr(self, "command", None),
                "status": status,
                "client": self.client_address[0],
                "request_id": request_id,
            },
        )
        self.send_response(status)
        for name, value in [*headers, ("Connection", "close")]:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if getattr(self, "command", None) != "HEAD":
            self.wfile.write(body)
        self.close_connection = True

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """The app writes a JSON line for every request; the server's own line would repeat it."""
