# `handler` is the AWS Lambda entry point: API Gateway, an Application Load
# Balancer or a Function URL invokes `lambda_handler.handler` with each request.
"""Serve the IRIS Flask app on AWS Lambda through Mangum and asgiref."""

from __future__ import annotations

import os
import sys
import warnings
from typing import TYPE_CHECKING

SRC_DIR = os.path.dirname(os.path.abspath(__file__))
if SRC_DIR not in sys.path:
    sys.path.insert(0, SRC_DIR)

from iris.logs import configure_logging  # noqa: E402
from json_errors import json_error  # noqa: E402
from lambda_adapter import (  # noqa: E402
    EVENT_SOURCES,
    TEXT_MIME_TYPES,
    ErrorAnswer,
    LambdaMangum,
    LambdaWsgiToAsgi,
)
from server import app  # noqa: E402

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


def make_handler(wsgi_app: WSGIApplication, error_answer: ErrorAnswer = json_error) -> LambdaMangum:
    """A Lambda handler that serves `wsgi_app` the same way for every event source.

    `error_answer` says how the adapter words a request it refuses or an app
    that crashes: the IRIS backend's own JSON error here (any WSGI app can
    pass its own; the adapter's default is plain JSON). `API_GATEWAY_BASE_PATH`
    names a custom domain's base path mapping, which the app then sees in
    `SCRIPT_NAME` rather than in its route paths.
    """
    with warnings.catch_warnings():
        # Mangum asks asyncio for the thread's loop when it is made; on Python 3.12
        # and later that warns when none is set yet, although asyncio then makes one.
        warnings.filterwarnings("ignore", "There is no current event loop", DeprecationWarning)
        return LambdaMangum(
            LambdaWsgiToAsgi(wsgi_app, error_answer=error_answer),
            error_answer=error_answer,
            lifespan="off",
            custom_handlers=EVENT_SOURCES,
            api_gateway_base_path=os.environ.get("API_GATEWAY_BASE_PATH", "/"),
            text_mime_types=list(TEXT_MIME_TYPES),
        )


configure_logging(app.config["IRIS_SETTINGS"], "lambda_adapter")
handler = make_handler(app)
