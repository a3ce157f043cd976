"""API keys: who may call the API.

The API's address ships inside every copy of the extensions, so when keys are
configured every API request must carry one in `x-api-key`. The API blueprint
checks it before each of its requests (`iris.api`); the pages (the welcome,
`/health`, the assets) are not the API's, and within it the views marked
`open_without_key` and CORS preflights stay open: a browser sends a preflight
without the key, and monitoring and deploy checks should not need one.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from flask import Flask, current_app, request

from iris.errors import ApiError

KEY_HEADER = "x-api-key"
View = TypeVar("View", bound=Callable[..., object])

logger = logging.getLogger("iris")


class ApiKeys:
    """The keys a request may carry, kept only as digests; none means the API is open."""

    def __init__(self, keys: Sequence[str]) -> None:
        self._digests = [_digest(key) for key in keys]

    def __bool__(self) -> bool:
        return bool(self._digests)

    def accept(self, offered: str) -> bool:
        """Compare against every key, each in constant time, so timing tells nothing.

        Hashing first gives every comparison the same length, so not even a key's
        length leaks.
        """
        offered_digest = _digest(offered)
        found = False
        for digest in self._digests:
            found |= hmac.compare_digest(offered_digest, digest)
        return found


def protect_api(app: Flask, keys: Sequence[str]) -> None:
    """Give the API's key check `keys`; with none, say once that the API is open."""
    if not keys:
        logger.warning("IRIS_API_KEYS is not set: the API is open to anyone")
    app.extensions["iris.api_keys"] = ApiKeys(keys)


def open_without_key(view: View) -> View:
    """Mark an API view that deploy checks and monitoring call without a key."""
    view.open_without_key = True  # type: ignore[attr-defined]
    return view


def require_api_key() -> None:
    """Before each API request: refuse it with a 401 unless it carries one of the keys."""
    keys: ApiKeys = current_app.extensions["iris.api_keys"]
    view = current_app.view_functions.get(request.endpoint or "")
    if not keys or request.method == "OPTIONS" or getattr(view, "open_without_key", False):
        return
    if not keys.accept(request.headers.get(KEY_HEADER, "")):
        raise ApiError(401, f"Missing or invalid API key: send one in the {KEY_HEADER} header")


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
