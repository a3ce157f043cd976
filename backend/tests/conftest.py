"""Shared fixtures: the app under test and the `src` folder on `sys.path`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BACKEND_DIR = Path(__file__).resolve().parent.parent
SRC_DIR = BACKEND_DIR / "src"
if str(SRC_DIR) not in sys.path:
    sys.path.insert(0, str(SRC_DIR))

from iris import create_app  # noqa: E402


@pytest.fixture
def app():
    return create_app({})


@pytest.fixture
def client(app):
    return app.test_client()


def without_request_id(body: dict) -> dict:
    """An error body less its request id, which every JSON error must carry."""
    body = dict(body)
    assert isinstance(body.pop("request_id", None), str) and body.get("success") is False
    return body
