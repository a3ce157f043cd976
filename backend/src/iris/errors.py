"""Every error the app answers, in one shape: `{"success": false, "error": ...}`.

The IRIS extensions parse every answer as JSON, so no error may come back as
Werkzeug's HTML page, and no stack trace may ever reach a client: the trace goes
to the log, the client gets a short sentence.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.wrappers import Response as WerkzeugResponse

from iris.request_log import request_fields, request_id
from json_errors import json_error

logger = logging.getLogger("iris")


class ApiError(Exception):
    """A request the API refuses, with the status and message the client gets."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str) -> Response:
    """The JSON error every part of the backend sends (`json_errors`), with this request's id."""
    status, headers, body = json_error(status, message, request_id())
    return Response(body, status=status, headers=headers)


def register_error_handlers(app: Flask) -> None:
    """Answer API refusals, HTTP errors and crashes with JSON."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.message)


def _http_error(error: HTTPException) -> WerkzeugResponse:
    """Keep Werkzeug's status and headers (such as `Allow` on a 405), swap the body."""
    if isinstance(error, RequestEntityTooLarge):
        message = f"Request body too large: the limit is {request.max_content_length} bytes"
    elif error.description and error.description != type(error).description:
        message = error.description
    else:
        message = error.name
    response = error.get_response()
    _, headers, body = json_error(response.status_code, message, request_id())
    response.set_data(body)
    for name, value in headers:
        response.headers[name] = value
    return response


def _unexpected_error(error: Exception) -> Response:
    """Log the crash and its trace with the Lambda request id; tell the client little."""
    fields = request_fields()
    logger.error(
        "Unhandled error in %s %s (aws_request_id=%s)",
        fields["method"],
        fields["path"],
        fields["aws_request_id"],
        exc_info=error,
        extra=fields,
    )
    return error_response(500, "Internal server error")
