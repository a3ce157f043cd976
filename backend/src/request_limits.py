"""The request sizes a server refuses before the app sees anything.

Werkzeug's development server (through Python's `http.server`) refuses a
request line over 65,536 bytes with a 414, and a header line over 65,536 bytes
or more than 100 headers with a 431. API Gateway, ALB and Function URLs have
limits of their own, lower ones, but an event can still carry more; the Lambda
adapter refuses what the local server would, so the two answer alike. Both
import these from here, so neither the app nor the adapter imports the other.
"""

from __future__ import annotations

from http import HTTPStatus

MAX_LINE = 65536
MAX_HEADERS = 100

URL_TOO_LONG = f"Request URL too long: the request line may be at most {MAX_LINE} bytes"
HEADER_TOO_LONG = f"Request header too large: a header line may be at most {MAX_LINE} bytes"
TOO_MANY_HEADERS = f"Too many request headers: at most {MAX_HEADERS}"


def refusal(
    method: bytes, target: bytes, headers: list[tuple[bytes, bytes]]
) -> tuple[int, str] | None:
    """The status and message for a request over a limit, or None when it is within all."""
    if len(method) + len(target) + len(b"  HTTP/1.1\r\n") > MAX_LINE:
        return HTTPStatus.REQUEST_URI_TOO_LONG, URL_TOO_LONG
    if len(headers) > MAX_HEADERS:
        return HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, TOO_MANY_HEADERS
    if any(len(name) + len(value) + len(b": \r\n") > MAX_LINE for name, value in headers):
        return HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, HEADER_TOO_LONG
    return None
