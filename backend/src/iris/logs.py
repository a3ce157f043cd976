"""How every log line is written: on a laptop as it always was, on Lambda as operators expect.

- Locally (`log_format` `local`): one JSON object per line on stderr with our
  own names (`time`, `level`, `logger`, `message`, the request fields, `stack`).
- On Lambda with `AWS_LAMBDA_LOG_FORMAT=JSON`: one JSON object per line on
  stdout with the keys Powertools for AWS Lambda's `Logger` writes (`level`,
  `location`, `message`, `timestamp`, `service`, the invocation's fields from
  `iris.invocation`, and for an error `exception`, `exception_name` and
  `stack_trace`), then the request fields, leaving out what is unknown as
  Powertools does. The timestamp is RFC 3339, which Lambda's log-level filter
  needs to read it.
- On Lambda with `AWS_LAMBDA_LOG_FORMAT=Text`: the plain line Lambda's own
  Python runtime writes (`[LEVEL]`, time, request id, message), the request
  fields after it as `name=value`, every value escaped so a line stays one line.

No format writes a body, header, key, cookie or query: only the fields in
`FIELDS`, which the request log fills from what it chose to say.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import TextIO

from flask import g, has_request_context

from iris.config import LOCAL_LOG, Settings
from iris.invocation import trace_id

FIELDS = (
    "method",
    "path",
    "status",
    "duration_ms",
    "bytes",
    "client",
    "request_id",
    "aws_request_id",
    "analysis_ms",
    "cached",
    "timing",
    "llm",
)
"""The request fields a line may carry, from the request log or from whoever logs."""
METRICS_LINE = "metrics_line"
"""The record attribute holding the EMF object written after a Lambda log line."""
_BARE = re.compile(r"[!#-\[\]-~]+")
"""A text value written as it is: printable ASCII but space, `"` and backslash."""


def _time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds")


def _fields_of(record: logging.LogRecord) -> dict[str, object]:
    return {field: record.__dict__[field] for field in FIELDS if field in record.__dict__}


def _with_metrics(line: str, record: logging.LogRecord) -> str:
    """The line, then the request's metrics object when it goes out with it (`request_log`).

    One write, so one flush, for both: a second write to Lambda's stdout cost
    more than the rest of the metrics together (`tools/bench_metrics.py`).
    """
    metrics = record.__dict__.get(METRICS_LINE)
    return f"{line}\n{metrics}" if metrics else line


def _invocation() -> dict[str, object]:
    """The Lambda invocation's fields, while a request is being served (`request_log`)."""
    if not has_request_context():
        return {}
    fields: dict[str, object] = g.get("invocation", {})
    return fields


class LocalJsonLines(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, request fields, stack."""

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": _time(record),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **_fields_of(record),
        }
        if record.exc_info:
            line["stack"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class PowertoolsJson(logging.Formatter):
    """A record as Powertools' `Logger` writes it on Lambda, request fields after its own."""

    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        line = {
            "level": record.levelname,
            "location": f"{record.funcName}:{record.lineno}",
            "message": record.getMessage(),
            "timestamp": _time(record),
            "service": self.service,
            **_invocation(),
            **_fields_of(record),
        }
        if record.exc_info and record.exc_info[0] is not None:
            kind, error, trace = record.exc_info
            line["exception"] = self.formatException(record.exc_info)
            line["exception_name"] = kind.__name__
            line["stack_trace"] = {
                "type": kind.__name__,
                "value": str(error),
                "module": type(error).__module__,
                "frames": [
                    {"file": frame.filename, "line": frame.lineno, "function": frame.name,
                     "statement": frame.line}
                    for frame in traceback.extract_tb(trace)
                ],
            }  # fmt: skip
        line["xray_trace_id"] = trace_id()
        present = {name: value for name, value in line.items() if value is not None}
        text = json.dumps(present, default=str, separators=(",", ":"))
        return _with_metrics(text, record)


class LambdaText(logging.Formatter):
    """A record as Lambda's Python runtime writes text, then its request fields as name=value."""

    def format(self, record: logging.LogRecord) -> str:
        invocation = _invocation()
        request_id = invocation.get("function_request_id") or getattr(
            record, "aws_request_id", None
        )
        time = datetime.fromtimestamp(record.created, UTC).strftime("%Y-%m-%dT%H:%M:%S")
        parts = [
            f"[{record.levelname}]",
            f"{time}.{int(record.msecs):03d}Z",
            str(request_id or ""),
            _escaped(record.getMessage()),
        ]
        fields = {**invocation, **_fields_of(record)}
        if record.exc_info:
            fields["exception"] = self.formatException(record.exc_info)
        trace = trace_id()
        if trace:
            fields["xray_trace_id"] = trace
        pairs = " ".join(f"{name}={_text_value(value)}" for name, value in fields.items())
        return _with_metrics("\t".join(parts) + (f" {pairs}" if pairs else ""), record)


def _text_value(value: object) -> str:
    """A value on a text line: a plain token as it is, anything else as JSON, so one line."""
    if isinstance(value, str) and _BARE.fullmatch(value):
        return value
    return json.dumps(value, default=str, separators=(",", ":"))


def _escaped(message: str) -> str:
    """A message with its line breaks and control characters escaped, so it stays one line."""
    if message.isprintable():
        return message
    return json.dumps(message)[1:-1]


class CurrentStream(logging.StreamHandler):
    """Writes to whatever `sys.stdout` or `sys.stderr` is at the moment.

    Test capture and Lambda's runtime client both replace them after start-up.
    """

    def __init__(self, name: str) -> None:
        super().__init__()
        self.stream_name = name

    @property
    def stream(self) -> TextIO:  # the attribute StreamHandler writes to
        stream: TextIO = getattr(sys, self.stream_name)
        return stream

    @stream.setter
    def stream(self, value: object) -> None:
        """StreamHandler sets it once; the property always answers the current stream."""


def configure_logging(settings: Settings, *names: str) -> None:
    """Lines in `settings`' format for the app's loggers and the loggers `names`.

    The app knows only its own loggers; whoever puts a server or adapter in
    front of it names theirs, so every line has one format. Each logger gets
    one handler, re-dressed if the app is made again in the same process.
    """
    formatter: logging.Formatter
    if settings.log_format == LOCAL_LOG:
        stream, formatter = "stderr", LocalJsonLines()
    elif settings.log_format == "text":
        stream, formatter = "stdout", LambdaText()
    else:
        stream, formatter = "stdout", PowertoolsJson(settings.service)
    for name in ("iris", *names):
        logger = logging.getLogger(name)
        logger.setLevel(settings.log_level)
        logger.propagate = False
        handler = next((h for h in logger.handlers if isinstance(h, CurrentStream)), None)
        if handler is None:
            handler = CurrentStream(stream)
            logger.addHandler(handler)
        handler.stream_name = stream
        handler.setFormatter(formatter)
