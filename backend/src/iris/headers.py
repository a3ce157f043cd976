"""Headers every answer gets, whatever view or error produced it."""

from __future__ import annotations

from flask import Flask, Response


def register_response_headers(app: Flask) -> None:
    app.after_request(_no_sniffing)
    app.after_request(_stable_allow)


def _no_sniffing(response: Response) -> Response:
    """Browsers take every answer as the type it says it is, never as one they guess."""
    response.headers["X-Content-Type-Options"] = "nosniff"
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
