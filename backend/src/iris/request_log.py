"""The request log: one JSON line per request on stderr, which Lambda sends to CloudWatch.

Each line says when, what (method and path, never the query string), the
status, how long it took, how many bytes went back, to whom, and on Lambda
the request id; with `IRIS_ANALYZER=llm`, what the model call cost and why
the builtin analyzer answered if it did. No body, source, header, key or
cookie is ever logged. Errors go out
as JSON lines too, with the stack trace in `stack`.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import UTC, datetime

from flask import Flask, Response, g, request

from json_errors import REQUEST_ID_HEADER, choose_request_id

FIELDS = (
    "method",
    "path",
    "status",
    "duration_ms",
    "bytes",
    "client",
    "request_id",
    "aws_request_id",
    "timing",
    "llm",
)

requests_logger = logging.getLogger("iris.requests")


class JsonLines(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, request fields, stack."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update({field: record.__dict__[field] for field in FIELDS if field in record.__dict__})
        if record.exc_info:
            line["stack"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class StderrHandler(logging.StreamHandler):
    """Writes to whatever `sys.stderr` is at the moment, as test capture replaces it."""

    @property
    def stream(self):  # noqa: ANN201  (the attribute StreamHandler expects)
        return sys.stderr

    @stream.setter
    def stream(self, value: object) -> None:
        """StreamHandler sets it once; the property always answers the current stderr."""


def configure_logging(level: str, *names: str) -> None:
    """JSON lines on stderr for the app's loggers, and the loggers `names`, once per process.

    The app knows only its own loggers; whoever puts a server or adapter in
    front of it names theirs, so every line on stderr has one format.
    """
    for name in ("iris", *names):
        logger = logging.getLogger(name)
        logger.setLevel(level)
        if not any(isinstance(handler, StderrHandler) for handler in logger.handlers):
            handler = StderrHandler()
            handler.setFormatter(JsonLines())
            logger.addHandler(handler)
            logger.propagate = False


def log_requests(app: Flask) -> None:
    app.before_request(_start_clock)
    app.after_request(_log_request)
    app.after_request(_send_request_id)


def request_id() -> str:
    """This request's id: Lambda's request id on Lambda, else the caller's safe id or a new one.

    It goes back in `X-Request-Id`, into the request's log line and into every
    JSON error, so a user's failed request can be found in the log.
    """
    chosen = g.get("request_id")
    if chosen is None:
        context = request.environ.get("aws.context")
        chosen = getattr(context, "aws_request_id", None) or choose_request_id(
            request.headers.get(REQUEST_ID_HEADER)
        )
        g.request_id = chosen
    return chosen


def _send_request_id(response: Response) -> Response:
    response.headers[REQUEST_ID_HEADER] = request_id()
    return response


def _start_clock() -> None:
    g.request_started = time.perf_counter()


def request_fields() -> dict[str, object]:
    """What a log line says of the current request: never its body, headers or query."""
    return {
        "method": request.method,
        "path": request.path,
        "client": request.remote_addr,
        "request_id": request_id(),
        "aws_request_id": getattr(request.environ.get("aws.context"), "aws_request_id", None),
    }


def add_to_log(**fields: object) -> None:
    """Fields for this request's log line, from the view that knows them (names in `FIELDS`)."""
    g.setdefault("log_fields", {}).update(fields)


def _log_request(response: Response) -> Response:
    started = g.get("request_started", time.perf_counter())
    requests_logger.info(
        "request",
        extra={
            **g.get("log_fields", {}),
            **request_fields(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "bytes": response.calculate_content_length(),
        },
    )
    return response
