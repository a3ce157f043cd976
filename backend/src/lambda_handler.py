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

from asgiref.wsgi import WsgiToAsgi  # noqa: E402
from mangum import Mangum  # noqa: E402

from server import app  # noqa: E402

if TYPE_CHECKING:
    from wsgiref.types import WSGIApplication


def make_handler(wsgi_app: WSGIApplication) -> Mangum:
    """A Lambda handler serving any WSGI app."""
    return Mangum(WsgiToAsgi(wsgi_app), lifespan="off")


handler = make_handler(app)
