"""Shared fixtures and helpers: the app under test, requests most tests send, one local server.

pytest finds the backend's modules in `src/` and the tools in `tools/`
(`pythonpath` in pyproject.toml).
"""

from __future__ import annotations

import json

import pytest
from lambda_events import ClientRequest, LambdaContext, json_request, read_response, to_event
from processes import BACKEND_DIR as BACKEND_DIR  # the folders, for the tests to import from here
from processes import SRC_DIR as SRC_DIR
from processes import TOOLS_DIR as TOOLS_DIR
from processes import free_port, serve_locally

from iris import create_app
from lambda_handler import make_handler

TESTS_DIR = BACKEND_DIR / "tests"
ICON = SRC_DIR / "static" / "iris-icon.png"
PYTHON_SOURCE = '''"""Greets people by name."""

import sys


def greet(name):
    return f"Hello, {name}!"


if __name__ == "__main__":
    print(greet(sys.argv[1]))
'''
UNSUPPORTED_COBOL = (
    "Unsupported language: 'cobol'; "
    "supported: javascript, javascriptreact, python, typescript, typescriptreact"
)
KEYS = {"IRIS_API_KEYS": "first-key-0123456789, second-key-9876543210"}
LOCAL_KEY = "local-key-0123456789"


@pytest.fixture
def app():
    return create_app({})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def local_server():
    """`python server.py` with a key and a small body limit, as a laptop would run it."""
    port = free_port()
    env = {"IRIS_API_KEYS": LOCAL_KEY, "MAX_CONTENT_LENGTH": "20000"}
    with serve_locally(port, SRC_DIR, SRC_DIR / "server.py", env) as process:
        yield port, process


def without_request_id(body: dict) -> dict:
    """An error body less its request id, which every JSON error must carry."""
    body = dict(body)
    assert isinstance(body.pop("request_id", None), str) and body.get("success") is False
    return body


def analyze_payload(**changes):
    """The greeting file's analyze request, `changes` applied; a field set to `...` is left out."""
    payload = {"filename": "greet.py", "language": "python", "source_code": PYTHON_SOURCE}
    payload.update(changes)
    return {key: value for key, value in payload.items() if value is not ...}


def analyze_request(key: str | None = None) -> ClientRequest:
    """The greeting file's analyze request as a client sends it, with `key` in `x-api-key`."""
    headers = [("x-api-key", key)] if key is not None else []
    return json_request("POST", "/api/iris/analyze", analyze_payload(), headers=headers)


def lambda_call(app, request: ClientRequest, source: str):
    """`request` through the Lambda handler around `app`, as the event `source` sends it."""
    result = make_handler(app)(to_event(request, source), LambdaContext())
    return read_response(result, source)


def log_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]
