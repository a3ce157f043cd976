"""What a log line says of the Lambda invocation it belongs to, in Powertools' field names.

The app knows Lambda only through the WSGI environ (`aws.context` and
`aws.event`, which the adapter in front of it sets) and Lambda's environment
variables, so it reads these fields there, once per request:

- `cold_start`: whether this is the first request of the container. The app
  is made once per container, when Lambda imports the handler, so its first
  request with a Lambda context is the container's first invocation (a
  keep-warm ping, answered before the app, is the one exception). Under
  provisioned concurrency no request meets a cold start, as Powertools says.
- `function_name`, `function_memory_size`, `function_arn`,
  `function_request_id`: from the Lambda context.
- `correlation_id`: the request id API Gateway or a Function URL gave the
  request, or the `X-Amzn-Trace-Id` an Application Load Balancer added, the
  paths Powertools' `correlation_paths` read.
- `xray_trace_id`: the trace root in `_X_AMZN_TRACE_ID`, which Lambda's
  runtime sets before each invocation (`trace_id`, read when a line is written).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from typing import Any

MAX_CORRELATION_ID_CHARS = 256
"""An ALB passes on a trace id the client sent: longer than any AWS id, it is cut."""


class ColdStart:
    """Says `True` once, for the first request of a container that met a cold start."""

    def __init__(self, provisioned: bool = False) -> None:
        self._pending = not provisioned
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Whether this request is the cold one; only the first caller ever hears `True`."""
        if not self._pending:
            return False
        with self._lock:
            cold, self._pending = self._pending, False
        return cold


def invocation_fields(environ: Mapping[str, Any], cold_start: ColdStart) -> dict[str, object]:
    """Powertools' Lambda fields for the request in `environ`; none off Lambda."""
    context = environ.get("aws.context")
    if context is None:
        return {}
    fields: dict[str, object] = {
        "cold_start": cold_start.take(),
        "function_name": getattr(context, "function_name", None),
        "function_memory_size": _whole_number(getattr(context, "memory_limit_in_mb", None)),
        "function_arn": getattr(context, "invoked_function_arn", None),
        "function_request_id": getattr(context, "aws_request_id", None),
    }
    correlation_id = _correlation_id(environ.get("aws.event"))
    if correlation_id is not None:
        fields["correlation_id"] = correlation_id
    return fields


def trace_id() -> str | None:
    """The X-Ray trace root of the invocation running now, as Powertools writes it."""
    header = os.environ.get("_X_AMZN_TRACE_ID")
    if not header:
        return None
    return header.split(";", 1)[0].removeprefix("Root=")


def _correlation_id(event: object) -> str | None:
    """API Gateway's or a Function URL's request id, or the trace id an ALB passed on."""
    if not isinstance(event, dict):
        return None
    context = event.get("requestContext")
    if isinstance(context, dict) and "elb" in context:
        value = _header(event, "x-amzn-trace-id")
    else:
        value = context.get("requestId") if isinstance(context, dict) else None
    return value[:MAX_CORRELATION_ID_CHARS] if isinstance(value, str) else None


def _header(event: dict[str, Any], name: str) -> object:
    """An ALB event's header, from `headers` or, with multi-value headers, its first value."""
    headers = event.get("headers")
    if isinstance(headers, dict):
        return headers.get(name)
    values = event.get("multiValueHeaders")
    if isinstance(values, dict) and isinstance(values.get(name), list) and values[name]:
        return values[name][0]
    return None


def _whole_number(value: object) -> object:
    """The memory size as a number: Lambda's runtime client hands it over as text.

    Only ASCII digits are a number: `"²".isdigit()` is true, and `int` refuses it."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return value
