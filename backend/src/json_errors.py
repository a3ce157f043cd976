"""The one JSON error the backend sends, from the app and from every server in front of it.

`python server.py`'s own refusals, the Lambda adapter's, the local Lambda
gateway's and the app's error handlers all answer with these bytes, so a
client sees one shape whoever refused it: `{"error": ..., "request_id": ...,
"success": false}`, keys sorted and compact with a final newline, as Flask's
`jsonify` writes them, with `nosniff` and the request id as headers.
"""

from __future__ import annotations

import json
import re
import uuid

REQUEST_ID_HEADER = "X-Request-Id"
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")
Headers = list[tuple[str, str]]


def json_error(
    status: int, message: str, request_id: str | None = None
) -> tuple[int, Headers, bytes]:
    """The status, headers and body of an error answer."""
    payload: dict[str, object] = {"success": False, "error": message}
    headers = [("Content-Type", "application/json"), ("X-Content-Type-Options", "nosniff")]
    if request_id:
        payload["request_id"] = request_id
        headers.append((REQUEST_ID_HEADER, request_id))
    body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    return status, headers, body


def choose_request_id(offered: str | None) -> str:
    """The caller's own request id if it is a short token of safe characters, else a fresh one.

    A caller's id ties its logs to ours; anything longer or stranger could
    forge or flood a log line, so it is replaced.
    """
    if offered and _SAFE_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex
