"""Headers every answer gets, whatever view or error produced it."""

from __future__ import annotations

from flask import Flask, Response, request

from iris.security import API_PREFIX


def register_response_headers(app: Flask) -> None:
    app.after_request(_security_headers)
    app.after_request(_stable_allow)


def _security_headers(response: Response) -> Response:
    """No content sniffing anywhere; API answers are about one user's file, so never cached."""
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.path.startswith(API_PREFIX):
        response.headers["Cache-Control"] = "no-store"
    return response


def _stable_allow(response: Response) -> Response:
    """List `Allow` in a fixed order.

    Werkzeug builds it from a set, whose order changes from process to process:
    the same request would get different headers locally and on Lambda.
    """
    if "Allow" in response.headers:
        methods = sorted(method.strip() for method in response.headers["Allow"].split(","))
        response.headers["Allow"] = ", ".join(methods)
    return response
