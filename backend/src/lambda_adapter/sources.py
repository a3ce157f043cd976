"""One class per Lambda event source, handed to Mangum through `custom_handlers`.

Mangum asks each class in turn whether an event is its own (`infer`, a pure
test of the event's shape), takes the ASGI scope and body from it, and gives the
app's response back to the same class to lay out as its source expects. Every
field is read through `fields`, so a malformed event never raises here; an
event that is no HTTP request at all ends at `UnsupportedEvent`.
"""

from __future__ import annotations

import base64
import logging
import re
from typing import Any, ClassVar, cast
from urllib.parse import quote, unquote_to_bytes

from mangum.types import LambdaConfig, LambdaHandler, Response

import request_limits
from lambda_adapter import fields
from lambda_adapter.bridge import ErrorAnswer, error_response, log_fields, wsgi_string
from lambda_adapter.responses import (
    ALB_PAYLOAD_LIMIT,
    LAMBDA_PAYLOAD_LIMIT,
    Headers,
    case_variants,
    encode_body,
    grouped,
    oversize,
    status_line,
)

_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_STAGE = re.compile(r"[A-Za-z0-9_-]+")
logger = logging.getLogger("lambda_adapter")

Event = dict[str, Any]
Config = LambdaConfig


class NotAnHttpEvent(ValueError):
    """The handler was invoked with an event that carries no HTTP request."""


class Refused(Exception):
    """A request answered with an error before or instead of the app's answer.

    The source raises it: while reading the event (a body that is not the
    base64 it claims, a method or stage no request could carry, a request
    line or headers over a server's limits), or while laying out an answer
    too large for it. `LambdaMangum` catches it and answers with the app's
    error shape, which the adapter itself does not know.
    """

    def __init__(self, source: HttpEventSource, status: int, message: str) -> None:
        super().__init__(message)
        self.source = source
        self.status = status
        self.message = message

    def answer(self, error_answer: ErrorAnswer) -> dict[str, Any]:
        """The error as this event source lays out an answer, and its log line."""
        fields = log_fields(self.source.scope)
        if self.status < 500:
            logger.warning(
                "request refused before the app", extra={**fields, "status": self.status}
            )
        status, headers, body = error_response(
            error_answer, self.status, self.message, self.source.scope
        )
        return self.source.lay_out({"status": status, "headers": headers, "body": body})[0]


def is_keep_warm(event: Any) -> bool:
    """An EventBridge schedule that only keeps the container warm, answered without the app."""
    return (
        isinstance(event, dict)
        and event.get("source") == "aws.events"
        and event.get("detail-type") == "Scheduled Event"
    )


class HttpEventSource:
    """What the HTTP sources share; each subclass supplies the steps that differ."""

    name: ClassVar[str]
    payload_limit: ClassVar[int] = LAMBDA_PAYLOAD_LIMIT

    def __init__(self, event: Event, context: Any, config: Config) -> None:
        self.event = event
        self.context = context
        self.config = config
        self.request_context = fields.mapping(event, "requestContext")
        self.body, problem = self._decoded_body()
        self.scope = self._scope()
        problem = problem or self._unreadable()
        if problem:
            raise Refused(self, 400, problem)
        over = self._over_a_limit()
        if over:
            raise Refused(self, *over)

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        raise NotImplementedError

    # Steps that differ between sources.

    def method(self) -> str:
        return fields.text(self.event, "httpMethod", "GET")

    def path_bytes(self) -> bytes:
        """The request path as bytes, percent-decoded exactly once."""
        return unquote_to_bytes(_utf8(fields.text(self.event, "path", "/")))

    path_has_stage = False
    """Whether the event's path already starts with the stage prefix (HTTP API's `rawPath`)."""

    def stage_prefix(self, path: str, host: str) -> str:
        """The `/{stage}` the client's URL carries before the app's own path."""
        return ""

    def query_string(self) -> bytes:
        raise NotImplementedError

    def request_headers(self) -> Headers:
        """Headers as (lower-case name, value) pairs, repeats kept."""
        raise NotImplementedError

    def client_address(self, headers: Headers) -> str:
        raise NotImplementedError

    def shape(self, status: int, headers: Headers, body: str, is_base64: bool) -> dict[str, Any]:
        """The response dict this source expects."""
        raise NotImplementedError

    # What Mangum calls: `body` and `scope`, made once in `__init__`, then this.

    def __call__(self, response: Response) -> dict[str, Any]:
        """The app's answer laid out for this source; one too large for it is refused."""
        result, size = self.lay_out(response)
        if size is None:
            return result
        fields = log_fields(self.scope)
        logger.error(
            "Response to %s %s is %d bytes, over the %s limit of %d (aws_request_id=%s)",
            fields["method"],
            fields["path"],
            size,
            self.name,
            self.payload_limit,
            fields["aws_request_id"],
            extra=fields,
        )
        message = (
            f"Response too large: {size} bytes, over the {self.payload_limit}-byte limit "
            f"of {self.name}"
        )
        raise Refused(self, 500, message)

    def lay_out(self, response: Response) -> tuple[dict[str, Any], int | None]:
        """An ASGI answer as this source's result, and its size if that passes the limit."""
        headers = [
            (name.decode("latin-1"), value.decode("latin-1")) for name, value in response["headers"]
        ]
        body, is_base64 = encode_body(response["body"], headers, self.config["text_mime_types"])
        result = self.shape(response["status"], headers, body, is_base64)
        return result, oversize(result, body, headers, self.payload_limit)

    # Shared translation steps.

    def _scope(self) -> dict[str, Any]:
        """The ASGI scope of the event's request."""
        headers = self.request_headers()
        named = dict(headers)
        host = named.get("host") or fields.text(self.request_context, "domainName")
        if host and "host" not in named:
            headers.append(("host", host))
        scheme = named.get("x-forwarded-proto", "").lower()
        scheme = scheme if scheme in ("http", "https") else "https"
        root_path, path = self._paths(host)
        scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": self.method(),
            "scheme": scheme,
            "root_path": root_path,
            "path": path,
            "raw_path": None,
            "query_string": self.query_string(),
            "headers": [(_utf8(name), _utf8(value)) for name, value in headers],
            "server": _server(host, named.get("x-forwarded-port", ""), scheme),
            "client": (self.client_address(headers), 0),
            "aws.event": self.event,
            "aws.context": self.context,
        }
        return scope

    def _over_a_limit(self) -> tuple[int, str] | None:
        """The refusal a real server would give a request line or headers this large."""
        target = wsgi_string(self.scope["path"]).encode("latin-1")
        if self.scope["query_string"]:
            target += b"?" + self.scope["query_string"]
        method = self.scope["method"].encode("latin-1")
        return request_limits.refusal(method, target, self.scope["headers"])

    def _unreadable(self) -> str | None:
        """Why no HTTP request could carry this method or stage, if none could.

        A method is an HTTP token and a stage a name of letters, digits, `-`
        and `_`; anything else (a space, a lone surrogate) would fail later,
        deep in the translation, as a plain-text 500 with a traceback.
        """
        if not _TOKEN.fullmatch(self.method()):
            return "Invalid HTTP method"
        stage = fields.text(self.request_context, "stage")
        if stage and stage != "$default" and not _STAGE.fullmatch(stage):
            return "Invalid stage in the request context"
        return None

    def _decoded_body(self) -> tuple[bytes, str | None]:
        """The body's bytes, and why the request must be refused, if it must."""
        body = self.event.get("body")
        if body is None:
            return b"", None
        if not isinstance(body, str):
            return b"", "The event's body is not a string"
        if self.event.get("isBase64Encoded") is True:
            try:
                return base64.b64decode(body, validate=True), None
            except ValueError:
                return b"", "The request body is not valid base64, yet the event says it is"
        return _utf8(body), None

    def _paths(self, host: str) -> tuple[str, str]:
        """(root_path, path) as ASGI has them: the stage or base path in both."""
        path = self.path_bytes().decode("utf-8", "surrogateescape")
        path = path if path.startswith("/") else f"/{path}"
        root_path = self.stage_prefix(path, host)
        if root_path and not self.path_has_stage:
            path = root_path + path
        base = "/" + self.config["api_gateway_base_path"].strip("/")
        rest = path[len(root_path) :]
        if base != "/" and (rest == base or rest.startswith(f"{base}/")):
            root_path += base
        return root_path, path


class RestApi(HttpEventSource):
    """API Gateway REST API (payload format 1.0): decoded query, multi-value maps."""

    name = "API Gateway"

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        return (
            isinstance(event, dict)
            and isinstance(event.get("httpMethod"), str)
            and isinstance(event.get("requestContext"), dict)
            and "elb" not in event["requestContext"]
        )

    def stage_prefix(self, path: str, host: str) -> str:
        """On the API's own execute-api host the URL has the stage; the event's path has not."""
        stage = fields.text(self.request_context, "stage")
        if stage and stage != "$default" and ".execute-api." in host:
            return f"/{stage}"
        return ""

    def query_string(self) -> bytes:
        pairs = fields.multi_text_pairs(self.event.get("multiValueQueryStringParameters"))
        pairs = pairs or fields.text_pairs(self.event.get("queryStringParameters"))
        return "&".join(f"{_quote(key)}={_quote(value)}" for key, value in pairs).encode("ascii")

    def request_headers(self) -> Headers:
        multi = fields.multi_text_pairs(self.event.get("multiValueHeaders"))
        named = {name.lower() for name, _ in multi}
        single = [
            pair
            for pair in fields.text_pairs(self.event.get("headers"))
            if pair[0].lower() not in named
        ]
        return [(name.lower(), value) for name, value in [*multi, *single]]

    def client_address(self, headers: Headers) -> str:
        return fields.text(fields.mapping(self.request_context, "identity"), "sourceIp")

    def shape(self, status: int, headers: Headers, body: str, is_base64: bool) -> dict[str, Any]:
        by_name = grouped(headers, self.config["exclude_headers"])
        return {
            "statusCode": status,
            "headers": {name: values[0] for name, values in by_name.items() if len(values) == 1},
            "multiValueHeaders": {
                name: values for name, values in by_name.items() if len(values) > 1
            },
            "body": body,
            "isBase64Encoded": is_base64,
        }


class HttpApi(HttpEventSource):
    """API Gateway HTTP API (payload format 2.0): `rawPath` arrives already decoded."""

    name = "API Gateway"

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        return _is_version_2(event) and not _is_function_url(event)

    def method(self) -> str:
        return fields.text(fields.mapping(self.request_context, "http"), "method", "GET")

    def path_bytes(self) -> bytes:
        http = fields.mapping(self.request_context, "http")
        return _utf8(fields.text(self.event, "rawPath") or fields.text(http, "path", "/"))

    path_has_stage = True

    def stage_prefix(self, path: str, host: str) -> str:
        """A named stage leads `rawPath`, up to a `/` or the end; `$default` does not."""
        stage = fields.text(self.request_context, "stage")
        prefix = f"/{stage}"
        if stage and stage != "$default" and (path == prefix or path.startswith(f"{prefix}/")):
            return prefix
        return ""

    def query_string(self) -> bytes:
        return _utf8(fields.text(self.event, "rawQueryString"))

    def request_headers(self) -> Headers:
        headers = [
            (name.lower(), value) for name, value in fields.text_pairs(self.event.get("headers"))
        ]
        cookies = self.event.get("cookies")
        if isinstance(cookies, list):
            cookie_list = "; ".join(cookie for cookie in cookies if isinstance(cookie, str))
            if cookie_list:
                headers.append(("cookie", cookie_list))
        return headers

    def client_address(self, headers: Headers) -> str:
        return fields.text(fields.mapping(self.request_context, "http"), "sourceIp")

    def shape(self, status: int, headers: Headers, body: str, is_base64: bool) -> dict[str, Any]:
        by_name = grouped(headers, self.config["exclude_headers"])
        result: dict[str, Any] = {
            "statusCode": status,
            "headers": {
                name: ", ".join(values) for name, values in by_name.items() if name != "set-cookie"
            },
            "body": body,
            "isBase64Encoded": is_base64,
        }
        if "set-cookie" in by_name:
            result["cookies"] = by_name["set-cookie"]
        return result


class FunctionUrl(HttpApi):
    """Lambda Function URL: the 2.0 shape, but `rawPath` stays percent-encoded and has no stage."""

    name = "Lambda Function URL"

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        return _is_version_2(event) and _is_function_url(event)

    def path_bytes(self) -> bytes:
        return unquote_to_bytes(super().path_bytes())

    def stage_prefix(self, path: str, host: str) -> str:
        return ""


class Alb(HttpEventSource):
    """Application Load Balancer, single-value headers: the last of repeated names wins."""

    name = "Application Load Balancer"
    payload_limit = ALB_PAYLOAD_LIMIT

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        return (
            _is_alb(event)
            and "multiValueHeaders" not in event
            and "multiValueQueryStringParameters" not in event
        )

    def query_string(self) -> bytes:
        """ALB hands the query over as sent, still percent-encoded: join it back unchanged."""
        pairs = self._query_pairs()
        return _utf8("&".join(f"{key}={value}" for key, value in pairs))

    def _query_pairs(self) -> list[tuple[str, str]]:
        return fields.text_pairs(self.event.get("queryStringParameters"))

    def request_headers(self) -> Headers:
        return [
            (name.lower(), value) for name, value in fields.text_pairs(self.event.get("headers"))
        ]

    def client_address(self, headers: Headers) -> str:
        """The last `X-Forwarded-For` entry is the one ALB appended; the client wrote the rest."""
        forwarded = ",".join(value for name, value in headers if name == "x-forwarded-for")
        return forwarded.rsplit(",", 1)[-1].strip()

    def shape(self, status: int, headers: Headers, body: str, is_base64: bool) -> dict[str, Any]:
        by_name = grouped(headers, self.config["exclude_headers"])
        return {
            "statusCode": status,
            "statusDescription": status_line(status),
            "headers": {
                spelling: value
                for name, values in by_name.items()
                for spelling, value in zip(case_variants(name), values, strict=False)
            },
            "body": body,
            "isBase64Encoded": is_base64,
        }


class AlbMultiValue(Alb):
    """Application Load Balancer with multi-value headers switched on for the target group."""

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        return _is_alb(event) and (
            "multiValueHeaders" in event or "multiValueQueryStringParameters" in event
        )

    def _query_pairs(self) -> list[tuple[str, str]]:
        return fields.multi_text_pairs(self.event.get("multiValueQueryStringParameters"))

    def request_headers(self) -> Headers:
        pairs = fields.multi_text_pairs(self.event.get("multiValueHeaders"))
        return [(name.lower(), value) for name, value in pairs]

    def shape(self, status: int, headers: Headers, body: str, is_base64: bool) -> dict[str, Any]:
        return {
            "statusCode": status,
            "statusDescription": status_line(status),
            "multiValueHeaders": grouped(headers, self.config["exclude_headers"]),
            "body": body,
            "isBase64Encoded": is_base64,
        }


class UnsupportedEvent:
    """The last resort: whatever no other source claimed is not an HTTP request."""

    @classmethod
    def infer(cls, event: Any, context: Any, config: Config) -> bool:
        return True

    def __init__(self, event: Any, context: Any, config: Config) -> None:
        raise NotAnHttpEvent(
            "Not an HTTP event this handler supports (API Gateway REST or HTTP API, "
            f"Application Load Balancer, Lambda Function URL): got {_describe(event)}"
        )


EVENT_SOURCES: list[type[LambdaHandler]] = [
    HttpApi,
    FunctionUrl,
    RestApi,
    AlbMultiValue,
    Alb,
    cast(type[LambdaHandler], UnsupportedEvent),
]
"""Every source, the most common first; the tests are exclusive, so order only saves time.
`UnsupportedEvent`, which claims everything, must stay last; it is a handler only in
name, since making one raises (hence the cast)."""


def _is_version_2(event: Any) -> bool:
    if not isinstance(event, dict) or event.get("version") != "2.0":
        return False
    http = fields.mapping(fields.mapping(event, "requestContext"), "http")
    return isinstance(http.get("method"), str)


def _is_function_url(event: Any) -> bool:
    return ".lambda-url." in fields.text(fields.mapping(event, "requestContext"), "domainName")


def _is_alb(event: Any) -> bool:
    return isinstance(fields.mapping(event, "requestContext").get("elb"), dict) and isinstance(
        event.get("httpMethod"), str
    )


def _describe(event: Any) -> str:
    """What the event looks like, in a few words on one line."""
    if not isinstance(event, dict):
        return f"a {type(event).__name__}"
    records = event.get("Records")
    if isinstance(records, list) and records and isinstance(records[0], dict):
        source = records[0].get("eventSource") or records[0].get("EventSource")
        if isinstance(source, str):
            return f"an {source[:40]!r} event"
    if isinstance(event.get("detail-type"), str) and isinstance(event.get("source"), str):
        return f"an EventBridge {event['detail-type'][:60]!r} event from {event['source'][:40]!r}"
    keys = ", ".join(repr(key)[:40] for key in list(event)[:8])
    return f"a dict with keys {keys}" if keys else "an empty dict"


def _utf8(text: str) -> bytes:
    """Text as UTF-8, keeping even lone surrogates a malformed event may carry."""
    return text.encode("utf-8", "surrogatepass")


def _quote(text: str) -> str:
    return quote(text, safe="", errors="surrogatepass")


def _server(host: str, forwarded_port: str, scheme: str) -> tuple[str, int]:
    """(name, port) of the public host, the port from the Host header or the scheme."""
    name, colon, port = host.rpartition(":")
    if not colon or not _is_port(port):
        name, port = host, ""
    for candidate in (port, forwarded_port):
        if _is_port(candidate):
            return name or "localhost", int(candidate)
    return name or "localhost", 443 if scheme == "https" else 80


def _is_port(text: str) -> bool:
    return 0 < len(text) <= 5 and text.isascii() and text.isdigit() and int(text) <= 65535
