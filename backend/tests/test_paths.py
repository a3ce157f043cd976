"""Paths with repeated slashes are routed as if written once, never redirected, on every path."""

from __future__ import annotations

import pytest
from lambda_events import SOURCES, LambdaContext, json_request, read_response, to_event

from iris import create_app
from lambda_handler import make_handler


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api//iris/health", 200), ("/static//iris-icon.png", 200), ("/api///iris//health", 200)],
)
def test_repeated_slashes_are_routed_not_redirected(client, path, status):
    answer = client.get(path)
    assert answer.status_code == status
    assert "Location" not in answer.headers


@pytest.mark.parametrize("source", SOURCES)
def test_repeated_slashes_route_the_same_on_lambda(source):
    handler = make_handler(create_app({}))
    request = json_request(
        "POST", "/api//iris/analyze", {"filename": "a.py", "language": "python", "source_code": ""}
    )
    answer = read_response(handler(to_event(request, source), LambdaContext()), source)
    assert answer.status == 200
    assert answer.json()["success"] is True
