"""Shared fixtures and helpers: the app under test, and where the backend's folders are.

pytest finds the backend's modules in `src/` and the tools in `tools/`
(`pythonpath` in pyproject.toml).
"""

from __future__ import annotations

import pytest
from processes import BACKEND_DIR as BACKEND_DIR  # the folders, for the tests to import from here
from processes import SRC_DIR as SRC_DIR
from processes import TOOLS_DIR as TOOLS_DIR

from iris import create_app

TESTS_DIR = BACKEND_DIR / "tests"


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
