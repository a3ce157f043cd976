"""What the event sources share in laying out a response: headers, text or base64, size limits.

Each source lays the headers out its own way (see `sources`).
"""

from __future__ import annotations

import json
import os
import sys
from http import HTTPStatus
from typing import Any

from mangum.handlers.utils import handle_base64_response_body, handle_exclude_headers
from mangum.types import LambdaConfig, Response

TEXT_MIME_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "+json",
    "+xml",
)
HeaderValues = dict[str, list[str]]
"""A response's header values by lower-case name, in the order the app sent them."""
LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024
ALB_PAYLOAD_LIMIT = 1024 * 1024


def headers_and_body(
    response: Response, config: LambdaConfig
) -> tuple[HeaderValues, dict[str, Any]]:
    """The response's header values by (lower-case) name, less the excluded ones, and its body.

    Header bytes are latin-1, as WSGI has them. The body goes as a plain string
    when its type is text (API Gateway can then compress and log it), else, or
    when it is not UTF-8, as base64 so no byte changes: Mangum's own rule.
    """
    by_name: HeaderValues = {}
    for name, value in response["headers"]:
        by_name.setdefault(name.decode("latin-1"), []).append(value.decode("latin-1"))
    content_type = {"content-type": by_name.get("content-type", [""])[0]}
    body = handle_base64_response_body(response["body"], content_type, config["text_mime_types"])
    kept = handle_exclude_headers(by_name, config)
    return kept, {"body": body[0], "isBase64Encoded": body[1]}


def status_line(status: int) -> str:
    """`200 OK`, as ALB wants in `statusDescription`."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def oversize(result: dict[str, Any], headers: HeaderValues, limit: int) -> int | None:
    """The payload's size in bytes when it passes `limit`, else None.

    Serialising every response a second time would cost every request. A
    response's strings are its body and headers, and JSON takes at most six
    bytes per character of them plus a little punctuation per header; most
    responses are so far below the limit that the exact count can be skipped.
    """
    count = sum(map(len, headers.values()))
    characters = len(result["body"]) + sum(
        len(name) * len(values) + sum(map(len, values)) for name, values in headers.items()
    )
    if characters * 6 + 8 * count + 256 < limit:
        return None
    size = len(
        json.dumps(result, ensure_ascii=not keeps_non_ascii()).encode("utf-8", "surrogatepass")
    )
    return size if size > limit else None


def keeps_non_ascii() -> bool:
    """Whether the runtime writes non-ASCII characters as UTF-8, not as `\\uXXXX` escapes.

    AWS's runtime client does so on `AWS_Lambda_python3.12` and later (by
    `AWS_EXECUTION_ENV`), so a payload of CJK text is a third of what its
    escaped form would count; off Lambda, the interpreter's version decides.
    """
    runtime = os.environ.get("AWS_EXECUTION_ENV", "")
    version = runtime.removeprefix("AWS_Lambda_python")
    if version != runtime and version.replace(".", "").isdigit():
        return tuple(int(part) for part in version.split(".")[:2]) >= (3, 12)
    return sys.version_info >= (3, 12)
