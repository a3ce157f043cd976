# `handler` is the AWS Lambda entry point: API Gateway, an Application Load
# Balancer or a Function URL invokes `lambda_handler.handler` with each request.
"""Serve the IRIS Flask app on AWS Lambda through Mangum and asgiref."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

SRC_DIR = os.path.dirname(os.path.abspath(__file__))
if SRC_DIR not in sys.path:
    sys.path.insert(0, SRC_DIR)

from iris.logs import configure_logging  # noqa: E402
from json_errors import json_error  # noqa: E402
from lambda_adapter import ErrorWriter, LambdaMangum, LambdaWsgiToAsgi  # noqa: E402
from server import app  # noqa: E402

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


def make_handler(wsgi_app: WSGIApplication, write_error: ErrorWriter = json_error) -> LambdaMangum:
    """A Lambda handler that serves `wsgi_app` the same way for every event source.

    `write_error` words a request the adapter refuses or an app that crashes:
    the IRIS backend's own JSON error here (any WSGI app can pass its own; the
    adapter's default is plain JSON). `API_GATEWAY_BASE_PATH` names a custom
    domain's base path mapping, which the app then sees in `SCRIPT_NAME`
    rather than in its route paths.
    """
    return LambdaMangum(
        LambdaWsgiToAsgi(wsgi_app),
        write_error,
        api_gateway_base_path=os.environ.get("API_GATEWAY_BASE_PATH", "/"),
    )


configure_logging(app.config["IRIS_SETTINGS"], "lambda_adapter")
handler = make_handler(app)
