"""What API Gateway does around a function: an HTTP request in, an event out, and back.

`http_api_event` writes the HTTP API's payload format 2.0, `rest_api_event` the
REST API's 1.0; `http_answer` reads the function's result the way the matching
API reads it.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, unquote

TEXT_TYPES = ("text/", "json", "javascript", "xml", "x-www-form-urlencoded")
Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class HttpRequest:
    """A request as it reached the local API: the target still percent-encoded."""

    method: str
    target: str
    headers: Headers
    body: bytes
    client_ip: str

    @property
    def path(self) -> str:
        return self.target.split("?", 1)[0]

    @property
    def query(self) -> str:
        return self.target.split("?", 1)[1] if "?" in self.target else ""

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name]


def http_api_event(request: HttpRequest) -> dict[str, Any]:
    """Payload format 2.0: `rawPath` decoded, cookies apart, repeated headers comma-joined."""
    headers: dict[str, str] = {}
    for name, value in request.headers:
        if name.lower() != "cookie":
            key = name.lower()
            headers[key] = f"{headers[key]},{value}" if key in headers else value
    cookies = [
        c.strip() for value in request.values("cookie") for c in value.split(";") if c.strip()
    ]
    query: dict[str, str] = {}
    for key, value in parse_qsl(request.query, keep_blank_values=True):
        query[key] = f"{query[key]},{value}" if key in query else value
    path = unquote(request.path)
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": request.query,
        "headers": headers,
        "requestContext": {
            **_context(request),
            "http": {
                "method": request.method,
                "path": path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.client_ip,
                "userAgent": headers.get("user-agent", ""),
            },
            "routeKey": "$default",
            "stage": "$default",
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime()),
            "timeEpoch": int(time.time() * 1000),
        },
        **{key: value for key, value in _body(request).items() if value is not None},
    }
    if cookies:
        event["cookies"] = cookies
    if query:
        event["queryStringParameters"] = query
    return event


def rest_api_event(request: HttpRequest) -> dict[str, Any]:
    """Payload format 1.0: the path as sent, decoded query values, multi-value maps."""
    multi_headers: dict[str, list[str]] = {}
    for name, value in request.headers:
        multi_headers.setdefault(name, []).append(value)
    multi_query: dict[str, list[str]] = {}
    for key, value in parse_qsl(request.query, keep_blank_values=True):
        multi_query.setdefault(key, []).append(value)
    return {
        "resource": "/{proxy+}",
        "path": request.path,
        "httpMethod": request.method,
        "headers": {name: values[-1] for name, values in multi_headers.items()},
        "multiValueHeaders": multi_headers,
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": {"proxy": unquote(request.path).lstrip("/")},
        "stageVariables": None,
        "requestContext": {
            **_context(request),
            "httpMethod": request.method,
            "identity": {
                "sourceIp": request.client_ip,
                "userAgent": ",".join(request.values("user-agent")),
            },
            "path": request.path,
            "protocol": "HTTP/1.1",
            "resourcePath": "/{proxy+}",
            "stage": "local",
            "requestTimeEpoch": int(time.time() * 1000),
        },
        **_body(request),
    }


def http_answer(
    event_format: str, result: Any, error: dict[str, Any] | None
) -> tuple[int, Headers, bytes]:
    """Status, headers and body of the function's answer, as the API would send them."""
    if error is not None:
        return _json(
            502, {"errorType": error.get("errorType"), "errorMessage": error.get("errorMessage")}
        )
    if not isinstance(result, dict) or "statusCode" not in result:
        if event_format == "2.0":
            return _json(200, result)
        return _json(502, {"message": "Internal server error: malformed Lambda proxy response"})
    headers: Headers = [(k, str(v)) for k, v in (result.get("headers") or {}).items()]
    for name, values in (result.get("multiValueHeaders") or {}).items():
        headers = [(k, v) for k, v in headers if k.lower() != name.lower()]
        headers += [(name, str(value)) for value in values]
    headers += [("set-cookie", cookie) for cookie in result.get("cookies") or []]
    body = result.get("body") or ""
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else str(body).encode()
    return int(result["statusCode"]), headers, raw


def _context(request: HttpRequest) -> dict[str, Any]:
    host = (request.values("host") or ["127.0.0.1"])[0]
    return {
        "accountId": "000000000000",
        "apiId": "local",
        "domainName": host,
        "domainPrefix": host.split(".")[0],
        "requestId": str(uuid.uuid4()),
    }


def _body(request: HttpRequest) -> dict[str, Any]:
    """Text bodies as strings, the rest as base64, as API Gateway hands them over."""
    if not request.body:
        return {"body": None, "isBase64Encoded": False}
    content_type = ",".join(request.values("content-type"))
    if any(kind in content_type for kind in TEXT_TYPES):
        try:
            return {"body": request.body.decode("utf-8"), "isBase64Encoded": False}
        except UnicodeDecodeError:
            pass
    return {"body": base64.b64encode(request.body).decode("ascii"), "isBase64Encoded": True}


def _json(status: int, payload: Any) -> tuple[int, Headers, bytes]:
    return status, [("content-type", "application/json")], json.dumps(payload).encode()
