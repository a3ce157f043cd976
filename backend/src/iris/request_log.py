"""The request log: one line per request, and on Lambda its metrics beside it.

Each line says when, what (method and path, never the query string), the
status, how long it took, how many bytes went back, to whom, the request id;
for an analysis, how long it took and whether the cache answered; with
`IRIS_ANALYZER=llm`, what the model call cost and why the builtin analyzer
answered if it did. On Lambda it also says which invocation it was
(`iris.invocation`). No body, source, header, key or cookie is ever logged.
How a line is written is `iris.logs`' business; errors are lines too, with
their stack.

With metrics on (`iris.metrics`), the request's Embedded Metric Format object
is made from the same fields and written with its line, in the same write when
both go to stdout; alone when they do not, or the level leaves the line out.
"""

from __future__ import annotations

import logging
import time

from flask import Flask, Response, current_app, g, request

from iris.config import LOCAL_LOG, Settings
from iris.invocation import ColdStart, invocation_fields
from iris.logs import METRICS_LINE
from iris.metrics import MetricsWriter, request_metrics
from json_errors import REQUEST_ID_HEADER, choose_request_id

requests_logger = logging.getLogger("iris.requests")


def log_requests(app: Flask, settings: Settings) -> None:
    """Log each request of `app` (and write its metrics) as `settings` say."""
    app.extensions["iris.cold_start"] = ColdStart(settings.provisioned_concurrency)
    if settings.metrics_namespace is not None:
        app.extensions["iris.metrics"] = MetricsWriter(
            settings.metrics_namespace, settings.service, settings.log_format, settings.log_level
        )
    app.before_request(_start_request if settings.log_format == LOCAL_LOG else _start_invocation)
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


def _start_request() -> None:
    g.request_started = time.perf_counter()


def _start_invocation() -> None:
    """On Lambda's log formats, the invocation's fields go on every line of this request."""
    g.request_started = time.perf_counter()
    g.invocation = invocation_fields(request.environ, current_app.extensions["iris.cold_start"])


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
    """Fields for this request's log line, from the view that knows them (`logs.FIELDS`)."""
    g.setdefault("log_fields", {}).update(fields)


def _log_request(response: Response) -> Response:
    """The request's line and, with metrics on, its EMF object: in one write when they can.

    They cannot when the log is not on stdout (the local log) or its level
    leaves the request's line out; then the object goes out alone.
    """
    started = g.get("request_started", time.perf_counter())
    fields = g.get("log_fields", {})
    writer: MetricsWriter | None = current_app.extensions.get("iris.metrics")
    metrics, with_log = None, False
    if writer is not None:
        values = request_metrics(response.status_code, fields)
        invocation = g.get("invocation", {})
        if invocation.get("cold_start"):
            values["ColdStart"] = 1
        metrics = writer.line(values, invocation.get("function_name"), int(time.time() * 1000))
        with_log = writer.with_log and requests_logger.isEnabledFor(logging.INFO)
    requests_logger.info(
        "request",
        extra={
            **fields,
            **request_fields(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "bytes": response.calculate_content_length(),
            METRICS_LINE: metrics if with_log else None,
        },
    )
    if writer is not None and metrics is not None and not with_log:
        writer.write(metrics)
    return response
