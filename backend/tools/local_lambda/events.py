"""Lambda events in AWS's shapes, made from an HTTP request, and a function's result read back.

One builder per event source: `http_api_event` (API Gateway HTTP API, payload
format 2.0), `function_url_event`, `rest_api_event` (REST API, payload format
1.0) and `alb_event` (Application Load Balancer, with or without multi-value
headers); `http_answer` reads a result the way the API in front reads it.
The local gateway (`make lambda`), the benchmarks and the tests all build
their events here.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote

REST_HOST = "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
HTTP_HOST = "f6g7h8i9j0.execute-api.eu-west-1.amazonaws.com"
ALB_HOST = "iris-alb-1234567890.eu-west-1.elb.amazonaws.com"
URL_HOST = "k1l2m3n4o5p6q7r8s9t0u1v2w3x4y5z6.lambda-url.eu-west-1.on.aws"
TEXT_TYPES = ("text/", "json", "javascript", "xml", "x-www-form-urlencoded")
Headers = list[tuple[str, str]]


@dataclass(frozen=True)
class Arrival:
    """When API Gateway took a request, and the id it gave it: fresh by default, fixed in tests."""

    request_id: str
    epoch_ms: int

    @classmethod
    def now(cls) -> Arrival:
        return cls(str(uuid.uuid4()), int(time.time() * 1000))


@dataclass
class ClientRequest:
    """A request as the client sent it: the path and query still percent-encoded."""

    method: str = "GET"
    path: str = "/"
    query: str = ""
    headers: Headers = field(default_factory=list)
    body: bytes = b""
    source_ip: str = "203.0.113.7"

    def header(self, name: str) -> list[str]:
        """Every value sent under `name`, in any case."""
        return [value for key, value in self.headers if key.lower() == name.lower()]


def http_api_event(
    request: ClientRequest, stage: str = "$default", arrival: Arrival | None = None
) -> dict[str, Any]:
    """Payload format 2.0: `rawPath` decoded and led by a named stage, cookies apart."""
    prefix = "" if stage == "$default" else f"/{stage}"
    path = prefix + unquote(request.path)
    return _version_2_event(request, HTTP_HOST, path, stage, arrival or Arrival.now())


def function_url_event(request: ClientRequest, arrival: Arrival | None = None) -> dict[str, Any]:
    """A Function URL's event: the 2.0 shape, but `rawPath` stays percent-encoded."""
    return _version_2_event(request, URL_HOST, request.path, "$default", arrival or Arrival.now())


def rest_api_event(
    request: ClientRequest, stage: str = "prod", arrival: Arrival | None = None
) -> dict[str, Any]:
    """Payload format 1.0: the path as sent, decoded query values, multi-value maps."""
    arrival = arrival or Arrival.now()
    multi_headers = _grouped(_with_host(request, REST_HOST))
    multi_query = _grouped(parse_qsl(request.query, keep_blank_values=True))
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
            **_context(REST_HOST, arrival),
            "httpMethod": request.method,
            "identity": {
                "sourceIp": request.source_ip,
                "userAgent": ",".join(request.header("user-agent")),
            },
            "path": f"/{stage}{request.path}",
            "protocol": "HTTP/1.1",
            "resourcePath": "/{proxy+}",
            "stage": stage,
            "requestTimeEpoch": arrival.epoch_ms,
        },
        **_body(request),
    }


def alb_event(request: ClientRequest, multi_value: bool = False) -> dict[str, Any]:
    """ALB's event: the query as sent; one value per name unless multi-value headers are on.

    ALB lower-cases header names and appends the client's address to
    `X-Forwarded-For`.
    """
    forwarded = ", ".join([*request.header("x-forwarded-for"), request.source_ip])
    headers = [
        *(
            (k.lower(), v)
            for k, v in _with_host(request, ALB_HOST)
            if k.lower() != "x-forwarded-for"
        ),
        ("x-forwarded-for", forwarded),
        ("x-forwarded-port", "443"),
        ("x-forwarded-proto", "https"),
    ]
    query = [
        tuple(part.split("=", 1)) if "=" in part else (part, "")
        for part in request.query.split("&")
        if part
    ]
    by_name, by_key = _grouped(headers), _grouped(query)
    body = _body(request)
    event: dict[str, Any] = {
        "requestContext": {
            "elb": {
                "targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:123456789012:"
                "targetgroup/iris/0123456789abcdef"
            }
        },
        "httpMethod": request.method,
        "path": request.path,
        "body": body["body"] or "",
        "isBase64Encoded": body["isBase64Encoded"],
    }
    if multi_value:
        event["multiValueHeaders"] = by_name
        event["multiValueQueryStringParameters"] = by_key
    else:
        event["headers"] = {name: values[-1] for name, values in by_name.items()}
        event["queryStringParameters"] = {key: values[-1] for key, values in by_key.items()}
    return event


def http_answer(
    event_format: str, result: Any, error: dict[str, Any] | None
) -> tuple[int, Headers, bytes]:
    """Status, headers and body of the function's answer, as the API would send them.

    `event_format` is "2.0" for HTTP APIs and Function URLs, which take a
    result without a `statusCode` as a JSON body; REST APIs and ALB refuse it.
    """
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


def _version_2_event(
    request: ClientRequest, host: str, raw_path: str, stage: str, arrival: Arrival
) -> dict[str, Any]:
    """Payload format 2.0: repeated headers comma-joined, cookies in a list of their own."""
    headers: dict[str, str] = {}
    for name, value in _with_host(request, host):
        if name.lower() != "cookie":
            key = name.lower()
            headers[key] = f"{headers[key]},{value}" if key in headers else value
    cookies = [
        c.strip() for value in request.header("cookie") for c in value.split(";") if c.strip()
    ]
    query = {
        key: ",".join(values)
        for key, values in _grouped(parse_qsl(request.query, keep_blank_values=True)).items()
    }
    event: dict[str, Any] = {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": raw_path,
        "rawQueryString": request.query,
        "headers": headers,
        "requestContext": {
            **_context(host, arrival),
            "http": {
                "method": request.method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": request.source_ip,
                "userAgent": headers.get("user-agent", ""),
            },
            "routeKey": "$default",
            "stage": stage,
            "time": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(arrival.epoch_ms / 1000)),
            "timeEpoch": arrival.epoch_ms,
        },
        **{key: value for key, value in _body(request).items() if value is not None},
    }
    if cookies:
        event["cookies"] = cookies
    if query:
        event["queryStringParameters"] = query
    return event


def _context(host: str, arrival: Arrival) -> dict[str, Any]:
    """What every API Gateway request context carries: the API's own domain, the request's id."""
    return {
        "accountId": "123456789012",
        "apiId": host.split(".")[0],
        "domainName": host,
        "domainPrefix": host.split(".")[0],
        "requestId": arrival.request_id,
    }


def _with_host(request: ClientRequest, host: str) -> Headers:
    """The request's headers, with `Host: host` first when the client sent none."""
    if request.header("host"):
        return list(request.headers)
    return [("Host", host), *request.headers]


def _grouped(pairs: Any) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in pairs:
        grouped.setdefault(key, []).append(value)
    return grouped


def _body(request: ClientRequest) -> dict[str, Any]:
    """Text bodies as strings, the rest as base64, as API Gateway hands them over."""
    if not request.body:
        return {"body": None, "isBase64Encoded": False}
    content_type = ",".join(request.header("content-type"))
    if any(kind in content_type for kind in TEXT_TYPES):
        try:
            return {"body": request.body.decode("utf-8"), "isBase64Encoded": False}
        except UnicodeDecodeError:
            pass
    return {"body": base64.b64encode(request.body).decode("ascii"), "isBase64Encoded": True}


def _json(status: int, payload: Any) -> tuple[int, Headers, bytes]:
    return status, [("content-type", "application/json")], json.dumps(payload).encode()
