"""The tests' way to Lambda events: one request, every event source, by name.

The events themselves are built by `local_lambda.events`, the one builder the
local gateway and the benchmarks use too, at one fixed `ARRIVAL`. A test
describes a request once, as a client sends it (`ClientRequest`), and
`to_event` turns it into what each source would hand the function;
`read_response` turns each source's answer back into status, headers and body
bytes. That is what lets one test check the same request on every source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from local_lambda.events import (
    Arrival,
    ClientRequest,
    alb_event,
    function_url_event,
    http_answer,
    http_api_event,
    rest_api_event,
)

SOURCES = ("rest", "http", "alb", "alb-multi", "function-url")
ARRIVAL = Arrival("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", 1764158400000)
"""One moment and request id for every test event, so a request always makes the same event."""


def json_request(method: str, path: str, payload: object, **options: object) -> ClientRequest:
    body = json.dumps(payload).encode()
    headers = [
        ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))),
        *options.pop("headers", []),
    ]
    return ClientRequest(method, path, headers=headers, body=body, **options)


def to_event(request: ClientRequest, source: str, **options: object) -> dict:
    """`request` as `source` hands it to the function; `options` are the builder's (`stage`)."""
    if source.startswith("alb"):
        return alb_event(request, multi_value=source == "alb-multi")
    build = {"rest": rest_api_event, "http": http_api_event, "function-url": function_url_event}
    return build[source](request, arrival=ARRIVAL, **options)


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
    """The source's result as its API reads it; it must also be what Lambda can serialise."""
    json.dumps(result)
    assert "statusCode" in result, result
    event_format = "2.0" if source in ("http", "function-url") else "1.0"
    return LambdaResponse(*http_answer(event_format, result, None))
