"""One class per Lambda event source, handed to Mangum through `custom_handlers`.

Each follows Mangum's handler protocol: `infer` tells from the event's shape
alone whether the event is the source's own; `body` and `scope` are read from
the event when asked for (Mangum asks once); calling the source with the
app's response lays it out as the source expects it back. What the sources
share is in the functions after the classes. Every field is read through
`fields`, so a malformed event raises nothing here but `Refused`; each step
is one pass over the headers or query it reads, so no event makes a step
rescan or copy more than once what it was sent.
"""

from __future__ import annotations

import base64
import logging
import re
from typing import Any
from urllib.parse import quote, unquote_to_bytes

from mangum.handlers.alb import case_mutated_headers
from mangum.types import LambdaConfig, LambdaContext, LambdaHandler, Response, Scope

import request_limits
from lambda_adapter import fields, responses
from lambda_adapter.bridge import Refused, request_fields
from lambda_adapter.responses import HeaderValues

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_STAGE = re.compile(r"[A-Za-z0-9_-]+")
logger = logging.getLogger("lambda_adapter")
Headers = list[tuple[str, str]]


class EventSource:
    """What every source keeps: the event, its context, Mangum's config; and the body."""

    def __init__(self, event: dict[str, Any], context: LambdaContext, config: LambdaConfig) -> None:
        self.event, self.context, self.config = event, context, config

    @property
    def body(self) -> bytes:
        """The body's bytes: base64 only when the event says so, and then strictly."""
        body = self.event.get("body")
        if body is None:
            return b""
        if not isinstance(body, str):
            raise Refused(400, "The event's body is not a string")
        if self.event.get("isBase64Encoded") is not True:
            return _utf8(body)
        try:
            return base64.b64decode(body, validate=True)
        except ValueError:
            raise Refused(400, "The request body is not the base64 the event says it is") from None


class HttpApi(EventSource):
    """API Gateway HTTP API and Lambda Function URLs: payload format 2.0.

    On an HTTP API `rawPath` arrives decoded and led by a named stage; on a
    Function URL it stays percent-encoded and has no stage.
    """

    @classmethod
    def infer(cls, event: Any, context: LambdaContext, config: LambdaConfig) -> bool:
        if fields.text(event, "version") != "2.0":
            return False
        http = fields.mapping(fields.mapping(event, "requestContext"), "http")
        return isinstance(http.get("method"), str)

    @property
    def scope(self) -> Scope:
        request_context = fields.mapping(self.event, "requestContext")
        http = fields.mapping(request_context, "http")
        raw_path = _utf8(fields.text(self.event, "rawPath") or fields.text(http, "path", "/"))
        on_function_url = ".lambda-url." in fields.text(request_context, "domainName")
        path = _path(unquote_to_bytes(raw_path) if on_function_url else raw_path)
        stage = _stage(request_context)
        root_path = f"/{stage}" if stage and _leads(f"/{stage}", path) else ""
        headers = fields.text_pairs(self.event.get("headers"))
        cookies = self.event.get("cookies")
        if isinstance(cookies, list):
            cookie_list = "; ".join(cookie for cookie in cookies if isinstance(cookie, str))
            if cookie_list:
                headers.append(("cookie", cookie_list))
        return http_scope(
            self,
            method=fields.text(http, "method", "GET"),
            root_path=root_path,
            path=path,
            query=_utf8(fields.text(self.event, "rawQueryString")),
            headers=headers,
            client=fields.text(http, "sourceIp"),
        )

    def __call__(self, response: Response) -> dict[str, Any]:
        by_name, body = responses.headers_and_body(response, self.config)
        result: dict[str, Any] = {
            "statusCode": response["status"],
            "headers": {
                name: ", ".join(values) for name, values in by_name.items() if name != "set-cookie"
            },
            **body,
        }
        if "set-cookie" in by_name:
            result["cookies"] = by_name["set-cookie"]
        return within_limit(self, result, by_name, responses.LAMBDA_PAYLOAD_LIMIT, "Lambda")


class RestApi(EventSource):
    """API Gateway REST API, payload format 1.0: the path as sent, the query decoded.

    On the API's own execute-api host the client's URL carries the stage
    before the path; the event's path does not.
    """

    @classmethod
    def infer(cls, event: Any, context: LambdaContext, config: LambdaConfig) -> bool:
        return _has_method(event) and "elb" not in fields.mapping(event, "requestContext")

    @property
    def scope(self) -> Scope:
        request_context = fields.mapping(self.event, "requestContext")
        headers = fields.multi_text_pairs(self.event.get("multiValueHeaders"))
        headers = headers or fields.text_pairs(self.event.get("headers"))
        query = fields.multi_text_pairs(self.event.get("multiValueQueryStringParameters"))
        query = query or fields.text_pairs(self.event.get("queryStringParameters"))
        stage = _stage(request_context)
        on_api_host = ".execute-api." in _host(headers, request_context)
        root_path = f"/{stage}" if stage and on_api_host else ""
        path = _path(unquote_to_bytes(_utf8(fields.text(self.event, "path", "/"))))
        return http_scope(
            self,
            method=fields.text(self.event, "httpMethod", "GET"),
            root_path=root_path,
            path=root_path + path,
            query="&".join(f"{_quote(key)}={_quote(value)}" for key, value in query).encode(),
            headers=headers,
            client=fields.text(fields.mapping(request_context, "identity"), "sourceIp"),
        )

    def __call__(self, response: Response) -> dict[str, Any]:
        by_name, body = responses.headers_and_body(response, self.config)
        result = {
            "statusCode": response["status"],
            "headers": {name: values[0] for name, values in by_name.items() if len(values) == 1},
            "multiValueHeaders": {
                name: values for name, values in by_name.items() if len(values) > 1
            },
            **body,
        }
        return within_limit(self, result, by_name, responses.LAMBDA_PAYLOAD_LIMIT, "Lambda")


class Alb(EventSource):
    """Application Load Balancer, with or without multi-value headers for the target group.

    ALB hands the path and query over as sent, still percent-encoded; single-value
    events keep only the last of a repeated header or query key.
    """

    @classmethod
    def infer(cls, event: Any, context: LambdaContext, config: LambdaConfig) -> bool:
        elb = fields.mapping(event, "requestContext").get("elb")
        return _has_method(event) and isinstance(elb, dict)

    @property
    def multi_value(self) -> bool:
        return "multiValueHeaders" in self.event or "multiValueQueryStringParameters" in self.event

    @property
    def scope(self) -> Scope:
        if self.multi_value:
            headers = fields.multi_text_pairs(self.event.get("multiValueHeaders"))
            query = fields.multi_text_pairs(self.event.get("multiValueQueryStringParameters"))
        else:
            headers = fields.text_pairs(self.event.get("headers"))
            query = fields.text_pairs(self.event.get("queryStringParameters"))
        forwarded = ",".join(value for name, value in headers if name.lower() == "x-forwarded-for")
        return http_scope(
            self,
            method=fields.text(self.event, "httpMethod", "GET"),
            root_path="",
            path=_path(unquote_to_bytes(_utf8(fields.text(self.event, "path", "/")))),
            query=_utf8("&".join(f"{key}={value}" for key, value in query)),
            headers=headers,
            client=forwarded.rsplit(",", 1)[-1].strip(),
        )

    def __call__(self, response: Response) -> dict[str, Any]:
        by_name, body = responses.headers_and_body(response, self.config)
        result: dict[str, Any] = {
            "statusCode": response["status"],
            "statusDescription": responses.status_line(response["status"]),
            **body,
        }
        if self.multi_value:
            result["multiValueHeaders"] = by_name
        else:
            result["headers"] = case_mutated_headers(by_name)
        limit = responses.ALB_PAYLOAD_LIMIT
        return within_limit(self, result, by_name, limit, "Application Load Balancer")


EVENT_SOURCES: list[type[LambdaHandler]] = [HttpApi, RestApi, Alb]
"""Every source, the most common first; their `infer` tests are exclusive."""


def http_scope(
    source: EventSource,
    method: str,
    root_path: str,
    path: str,
    query: bytes,
    headers: Headers,
    client: str,
) -> Scope:
    """The ASGI scope of a source's request, refused where no server would take it.

    `headers` are the event's (name, value) pairs, repeats kept, in any case.
    `path` is decoded and starts with `root_path`, the stage the client's URL
    carries; a custom domain's base path (Mangum's `api_gateway_base_path`)
    joins `root_path` where it leads the rest, at a segment boundary.
    """
    if not _TOKEN.fullmatch(method):
        raise Refused(400, "Invalid HTTP method")
    headers = [(name.lower(), value) for name, value in headers]
    named = dict(headers)
    host = named.get("host") or fields.text(
        fields.mapping(source.event, "requestContext"), "domainName"
    )
    if host and "host" not in named:
        headers.append(("host", host))
    scheme = named.get("x-forwarded-proto", "").lower()
    scheme = scheme if scheme in ("http", "https") else "https"
    base = "/" + source.config["api_gateway_base_path"].strip("/")
    if base != "/" and _leads(base, path[len(root_path) :]):
        root_path += base
    raw_headers = [
        (name.encode("utf-8", "surrogatepass"), value.encode("utf-8", "surrogatepass"))
        for name, value in headers
    ]
    target = path.encode("utf-8", "surrogateescape") + (b"?" + query if query else b"")
    over = request_limits.refusal(method.encode(), target, raw_headers)
    if over:
        raise Refused(*over)
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": scheme,
        "root_path": root_path,
        "path": path,
        "query_string": query,
        "headers": raw_headers,
        "server": _server(host, named.get("x-forwarded-port", ""), scheme),
        "client": (client, 0),
        "aws.event": source.event,
        "aws.context": source.context,
    }


def within_limit(
    source: LambdaHandler, result: dict[str, Any], headers: HeaderValues, limit: int, name: str
) -> dict[str, Any]:
    """`result`, unless it is over the `limit` of `name`: then it is logged and refused."""
    size = responses.oversize(result, headers, limit)
    if size is None:
        return result
    message = f"Response too large: {size} bytes, over the {limit}-byte limit of {name}"
    logger.error(message, extra=request_fields(source.scope))
    raise Refused(500, message)


def _has_method(event: Any) -> bool:
    return isinstance(event, dict) and isinstance(event.get("httpMethod"), str)


def _stage(request_context: dict[str, Any]) -> str:
    """The named stage, or "" for none or `$default`; one no request could carry is refused."""
    stage = fields.text(request_context, "stage")
    if stage in ("", "$default"):
        return ""
    if not _STAGE.fullmatch(stage):
        raise Refused(400, "Invalid stage in the request context")
    return stage


def _leads(prefix: str, path: str) -> bool:
    """Whether `path` is `prefix` or starts with it and a `/`: `/a` leads `/a/b`, not `/ab`."""
    return path == prefix or path.startswith(f"{prefix}/")


def _host(headers: Headers, request_context: dict[str, Any]) -> str:
    """The public host: the `Host` header, or the API's domain name when there is none."""
    host = next((value for name, value in headers if name.lower() == "host"), "")
    return host or fields.text(request_context, "domainName")


def _path(path: bytes) -> str:
    """A decoded path as ASGI has it (bytes that are not UTF-8 kept as surrogates), `/`-led."""
    text = path.decode("utf-8", "surrogateescape")
    return text if text.startswith("/") else f"/{text}"


def _utf8(text: str) -> bytes:
    """Text as UTF-8, keeping even lone surrogates a malformed event may carry."""
    return text.encode("utf-8", "surrogatepass")


def _quote(text: str) -> str:
    return quote(text, safe="", errors="surrogatepass")


def _server(host: str, forwarded_port: str, scheme: str) -> tuple[str, int]:
    """(name, port) of the public host: the port from the Host header, else the forwarded one,
    else the scheme's."""
    name, colon, port = host.rpartition(":")
    if not (colon and _is_port(port)):
        name, port = host, forwarded_port
        if not _is_port(port):
            port = "443" if scheme == "https" else "80"
    return name or "localhost", int(port)


def _is_port(text: str) -> bool:
    return 0 < len(text) <= 5 and text.isascii() and text.isdigit() and int(text) <= 65535
