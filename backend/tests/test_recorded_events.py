"""Every recorded event in ../shared/events (AWS's exact shapes) goes through `handler`.

The folder lives beside the project, not in it; its README lists the quirks
these tests rely on. Without the folder the tests skip and say why.
"""

from __future__ import annotations

import base64
import json
from urllib.parse import unquote

import pytest
from conftest import BACKEND_DIR
from flask import Flask, jsonify, request
from lambda_events import LambdaContext

from lambda_adapter import NotAnHttpEvent
from lambda_handler import make_handler

EVENTS_DIR = BACKEND_DIR.parent.parent / "shared" / "events"
HTTP_PREFIXES = ("apiGatewayProxy", "alb", "lambdaFunctionUrl")
FALSE_BASE64_FLAG = {
    "apiGatewayProxyEventAnotherPath.json",
    "apiGatewayProxyEventPathTrailingSlash.json",
    "apiGatewayProxyEvent_noVersionAuth.json",
}

if not EVENTS_DIR.is_dir():
    pytest.skip(f"recorded events not found at {EVENTS_DIR}", allow_module_level=True)

EVENT_FILES = sorted(EVENTS_DIR.glob("*.json"))
HTTP_EVENTS = [path for path in EVENT_FILES if path.name.startswith(HTTP_PREFIXES)]
OTHER_EVENTS = [path for path in EVENT_FILES if not path.name.startswith(HTTP_PREFIXES)]


def recorder() -> Flask:
    app = Flask("recorder")

    @app.route("/", defaults={"path": ""}, methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    @app.route("/<path:path>", methods=["GET", "POST", "PUT", "DELETE", "PATCH"])
    def record(path):
        return jsonify(
            method=request.method,
            path=request.path,
            body=base64.b64encode(request.get_data()).decode(),
        )

    return app


HANDLER = make_handler(recorder())


def expected_request(event: dict) -> tuple[str, str, bytes]:
    """Method, path and body as the client sent them, read straight from the event."""
    http = event.get("requestContext", {}).get("http")
    if event.get("version") == "2.0":
        method = http["method"]
        on_function_url = ".lambda-url." in event["requestContext"].get("domainName", "")
        path = unquote(event["rawPath"]) if on_function_url else event["rawPath"]
    else:
        method, path = event["httpMethod"], unquote(event["path"])
    body = event.get("body") or ""
    raw = base64.b64decode(body) if event.get("isBase64Encoded") else body.encode()
    return method, path, raw


def test_the_folder_holds_both_kinds_of_event():
    assert HTTP_EVENTS and OTHER_EVENTS


@pytest.mark.parametrize("path", HTTP_EVENTS, ids=lambda path: path.name)
def test_http_events_reach_the_app_intact(path):
    event = json.loads(path.read_text())
    result = HANDLER(event, LambdaContext())
    json.dumps(result)
    if path.name in FALSE_BASE64_FLAG:
        assert result["statusCode"] == 400
        assert "base64" in json.loads(result["body"])["error"]
        return
    assert result["statusCode"] == 200
    seen = json.loads(result["body"])
    method, request_path, body = expected_request(event)
    assert seen["method"] == method
    assert seen["path"] == request_path
    assert base64.b64decode(seen["body"]) == body


@pytest.mark.parametrize("path", OTHER_EVENTS, ids=lambda path: path.name)
def test_other_events_raise_the_clear_error(path):
    """None of these is a scheduled keep-warm ping: eventBridgeEvent.json is an EC2 notice."""
    with pytest.raises(NotAnHttpEvent, match=r"^Not an HTTP event this handler supports"):
        HANDLER(json.loads(path.read_text()), LambdaContext())
