"""Lambda events written by hand in AWS's shapes, one builder per event source.

A test describes a request once, as a client sends it, and `to_event` turns it
into what each source would hand the function; `read_response` turns each
source's answer back into status, headers and body bytes. That is what lets one
test check the same request on every source.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from urllib.parse import unquote

SOURCES = ("rest", "http", "alb", "alb-multi", "function-url")

REST_HOST = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
HTTP_HOST = "f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com"
ALB_HOST = "iris-alb-1234567890.eu-west-1.elb.amazonaws.com"
URL_HOST = "k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6.lambda-url.eu-west-1.on.aws"
CLIENT_IP = "203.0.113.7"
TEXT_TYPES = ("text/", "json", "javascript", "xml")


@dataclass
class ClientRequest:
    """A request as the client sends it: the path and query still percent-encoded."""

    method: str = "GET"
    path: str = "/"
    query: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    source_ip: str = CLIENT_IP

    def header(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]


def json_request(method: str, path: str, payload: object, **options: object) -> ClientRequest:
    body = json.dumps(payload).encode()
    headers = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
        *options.pop("headers", []),
    ]
    return ClientRequest(method, path, headers=headers, body=body, **options)


def to_event(request: ClientRequest, source: str, **options: object) -> dict:
    return {
        "rest": rest_api_event,
        "http": http_api_event,
        "alb": alb_event,
        "alb-multi": alb_multi_value_event,
        "function-url": function_url_event,
    }[source](request, **options)


def rest_api_event(request: ClientRequest, stage: str = "prod", host: str = REST_HOST) -> dict:
    """API Gateway REST API, payload format 1.0: decoded query, multi-value maps."""
    headers = _with_host(request.headers, host)
    multi_headers = _grouped(headers)
    multi_query = _grouped(_decoded_pairs(request.query))
    body, is_base64 = _body(request)
    return {
        "resource": "/{proxy+}",
        "path": request.path,
        "httpMethod": request.method,
        "headers": {name: values[-1] for name, values in multi_headers.items()},
        "multiValueHeaders": multi_headers,
        "queryStringParameters": {k: v[-1] for k, v in multi_query.items()} or None,
        "multiValueQueryStringParameters": multi_query or None,
        "pathParameters": {"proxy": unquote(request.path.lstrip("/"))},
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": host.split(".")[0],
            "domainName": host,
            "domainPrefix": host.split(".")[0],
            "extendedRequestId": "Xf3ZcE1XjoEFVxg=",
            "httpMethod": request.method,
            "identity": {"sourceIp": request.source_ip, "userAgent": "iris-tests"},
            "path": f"/{stage}{request.path}",
            "protocol": "HTTP/1.1",
            "requestId": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
            "requestTimeEpoch": 1764115200000,
            "resourceId": "roq9wj",
            "resourcePath": "/{proxy+}",
            "stage": stage,
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }


def http_api_event(request: ClientRequest, stage: str = "$default", host: str = HTTP_HOST) -> dict:
    """API Gateway HTTP API, payload format 2.0: `rawPath` arrives decoded."""
    prefix = "" if stage == "$default" else f"/{stage}"
    return _version_2_event(request, host, prefix + unquote(request.path), stage)


def function_url_event(request: ClientRequest, host: str = URL_HOST) -> dict:
    """Lambda Function URL: the 2.0 shape, but `rawPath` stays percent-encoded."""
    return _version_2_event(request, host, request.path, "$default")


def alb_event(request: ClientRequest, host: str = ALB_HOST) -> dict:
    """ALB without multi-value headers: one value per name, the last one wins."""
    event = _alb_base(request)
    event["headers"] = {k: v[-1] for k, v in _grouped(_alb_headers(request, host)).items()}
    event["queryStringParameters"] = {
        k: v[-1] for k, v in _grouped(_encoded_pairs(request.query)).items()
    }
    return event


def alb_multi_value_event(request: ClientRequest, host: str = ALB_HOST) -> dict:
    """ALB with multi-value headers switched on for the target group."""
    event = _alb_base(request)
    event["multiValueHeaders"] = _grouped(_alb_headers(request, host))
    event["multiValueQueryStringParameters"] = _grouped(_encoded_pairs(request.query))
    return event


def _version_2_event(request: ClientRequest, host: str, raw_path: str, stage: str) -> dict:
    headers = [(k, v) for k, v in _with_host(request.headers, host) if k.lower() != "cookie"]
    cookies = [
        cookie.strip()
        for value in request.header("cookie")
        for cookie in value.split(";")
        if cookie.strip()
    ]
    query = _grouped(_decoded_pairs(request.query))
    body, is_base64 = _body(request)
    event = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": raw_path,
        "rawQueryString": request.query,
        "headers": {k.lower(): ",".join(v) for k, v in _grouped(headers).items()},
        "requestContext": {
            "accountId": "123456789012",
            "apiId": host.split(".")[0],
            "domainName": host,
            "domainPrefix": host.split(".")[0],
            "http": {
                "method": request.method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.source_ip,
                "userAgent": "iris-tests",
            },
            "requestId": "JKJaXmPLvHcESHA=",
            "routeKey": "$default",
            "stage": stage,
            "time": "26/Nov/2026:12:00:00 +0000",
            "timeEpoch": 1764158400000,
        },
        "isBase64Encoded": is_base64,
    }
    if cookies:
        event["cookies"] = cookies
    if query:
        event["queryStringParameters"] = {k: ",".join(v) for k, v in query.items()}
    if body is not None:
        event["body"] = body
    return event


def _alb_base(request: ClientRequest) -> dict:
    body, is_base64 = _body(request)
    return {
        "requestContext": {
            "elb": {
                "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
                "targetgroup/iris/0123456789abcdef"
            }
        },
        "httpMethod": request.method,
        "path": request.path,
        "body": body or "",
        "isBase64Encoded": is_base64,
    }


def _alb_headers(request: ClientRequest, host: str) -> list[tuple[str, str]]:
    """ALB lower-cases names and appends the client's address to X-Forwarded-For."""
    sent = request.header("x-forwarded-for")
    forwarded = ", ".join([*sent, request.source_ip])
    headers = [(k.lower(), v) for k, v in _with_host(request.headers, host)]
    headers = [(k, v) for k, v in headers if k != "x-forwarded-for"]
    return [
        *headers,
        ("x-forwarded-for", forwarded),
        ("x-forwarded-port", "443"),
        ("x-forwarded-proto", "https"),
    ]


def _with_host(headers: list[tuple[str, str]], host: str) -> list[tuple[str, str]]:
    if any(k.lower() == "host" for k, _ in headers):
        return list(headers)
    return [("Host", host), *headers]


def _grouped(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _encoded_pairs(query: str) -> list[tuple[str, str]]:
    return [
        tuple(part.split("=", 1)) if "=" in part else (part, "")
        for part in query.split("&")
        if part
    ]


def _decoded_pairs(query: str) -> list[tuple[str, str]]:
    return [(_unquote_plus(k), _unquote_plus(v)) for k, v in _encoded_pairs(query)]


def _unquote_plus(text: str) -> str:
    return unquote(text.replace("+", " "))


def _body(request: ClientRequest) -> tuple[str | None, bool]:
    if not request.body:
        return None, False
    content_type = ",".join(request.header("content-type"))
    if any(kind in content_type for kind in TEXT_TYPES):
        try:
            return request.body.decode(), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(request.body).decode(), True


@dataclass
class LambdaContext:
    """The attributes of the context object the Lambda runtime passes to a handler."""

    aws_request_id: str = "8f5e6a1c-1111-4a2b-9c3d-0123456789ab"
    function_name: str = "iris-backend"
    function_version: str = "$LATEST"
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:iris-backend"
    memory_limit_in_mb: int = 512
    log_group_name: str = "/aws/lambda/iris-backend"
    log_stream_name: str = "2026/11/26/[$LATEST]0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


@dataclass
class LambdaResponse:
    """A source's answer read back as a client would see it."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> list[str]:
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def json(self) -> object:
        return json.loads(self.body)


def read_response(result: dict, source: str) -> LambdaResponse:
    """Undo each source's header layout and body encoding."""
    json.dumps(result)
    headers: list[tuple[str, str]] = []
    if source in ("http", "function-url"):
        headers = [(name.lower(), value) for name, value in (result.get("headers") or {}).items()]
        headers.extend(("set-cookie", cookie) for cookie in result.get("cookies") or [])
    elif source == "alb":
        headers = [(name.lower(), value) for name, value in result.get("headers", {}).items()]
    else:
        multi = result.get("multiValueHeaders") or {}
        headers = [(name.lower(), value) for name, values in multi.items() for value in values]
        headers.extend(
            (name.lower(), value)
            for name, value in (result.get("headers") or {}).items()
            if name not in multi
        )
    body = result.get("body") or ""
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode()
    return LambdaResponse(result["statusCode"], headers, raw)
