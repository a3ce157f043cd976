"""Turning the app's response into what each event source expects back.

Each source lays out headers its own way; what they share is here: the body as
text or base64, headers grouped by name, and the payload size limit.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from collections.abc import Iterator, Sequence
from http import HTTPStatus

Headers = list[tuple[str, str]]

TEXT_MIME_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "+json",
    "+xml",
)
LAMBDA_PAYLOAD_LIMIT = 6 * 1024 * 1024
ALB_PAYLOAD_LIMIT = 1024 * 1024


def encode_body(body: bytes, headers: Headers, text_mime_types: Sequence[str]) -> tuple[str, bool]:
    """The body as a string, and whether that string is base64.

    Text types go as plain strings so API Gateway can compress and log them;
    anything else, or text that is not UTF-8, goes as base64 so no byte changes.
    """
    if not body:
        return "", False
    content_type = next((value for name, value in headers if name == "content-type"), "")
    if any(kind in content_type for kind in text_mime_types):
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(body).decode("ascii"), True


def grouped(headers: Headers, excluded: Sequence[str] = ()) -> dict[str, list[str]]:
    """Header values by lower-case name, in the order the app sent them."""
    by_name: dict[str, list[str]] = {}
    for name, value in headers:
        if name not in excluded:
            by_name.setdefault(name, []).append(value)
    return by_name


def case_variants(name: str) -> Iterator[str]:
    """`set-cookie`, `Set-cookie`, `sEt-cookie`, ...: distinct keys for one header name.

    Single-value ALB takes a dict, so a repeated header can only come back under
    spellings that differ in case; HTTP treats them all as the same name.
    """
    letters = [index for index, char in enumerate(name) if char.isalpha()]
    for mask in range(2 ** len(letters)):
        chars = list(name)
        for bit, index in enumerate(letters):
            if mask >> bit & 1:
                chars[index] = chars[index].upper()
        yield "".join(chars)


def status_line(status: int) -> str:
    """`200 OK`, as ALB wants in `statusDescription`."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def oversize(result: dict[str, object], body: str, headers: Headers, limit: int) -> int | None:
    """The payload's size in bytes when it passes `limit`, else None.

    Serialising every answer a second time would cost every request. The
    answer's strings are its body and headers, and JSON takes at most six bytes
    per character of them plus a little punctuation per header; most answers
    are so far below the limit that the exact count can be skipped.
    """
    characters = len(body) + sum(len(name) + len(value) for name, value in headers)
    if characters * 6 + 8 * len(headers) + 256 < limit:
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
