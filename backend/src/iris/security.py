"""API keys: who may call `/api/iris/*`.

The API's address ships inside every copy of the extensions, so when keys are
configured every API request must carry one in `x-api-key`. The welcome, the
health checks (`/health` and `/api/iris/health`) and CORS preflights stay
open: a browser sends a preflight without the key, and monitoring and deploy
checks should not need one.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Sequence

from flask import Flask, request

from iris.errors import ApiError

API_PREFIX = "/api/iris/"
OPEN_API_PATHS = frozenset(("/api/iris/health",))
"""Deploy checks call the health route without a key."""
KEY_HEADER = "x-api-key"

logger = logging.getLogger("iris")


def protect_api(app: Flask, keys: Sequence[str]) -> None:
    """Require one of `keys` on every API request; with none, say once that the API is open."""
    if not keys:
        logger.warning("IRIS_API_KEYS is not set: %s is open to anyone", API_PREFIX)
        return
    digests = [_digest(key) for key in keys]

    @app.before_request
    def require_api_key() -> None:
        if (
            request.method == "OPTIONS"
            or not request.path.startswith(API_PREFIX)
            or request.path in OPEN_API_PATHS
        ):
            return
        if not _is_one_of(request.headers.get(KEY_HEADER, ""), digests):
            raise ApiError(401, f"Missing or invalid API key: send one in the {KEY_HEADER} header")


def _is_one_of(offered: str, digests: Sequence[bytes]) -> bool:
    """Compare against every key, each in constant time, so timing tells nothing.

    Hashing first gives every comparison the same length, so not even a key's
    length leaks.
    """
    offered_digest = _digest(offered)
    found = False
    for digest in digests:
        found |= hmac.compare_digest(offered_digest, digest)
    return found


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()
