"""The service's own pages: the welcome, the health check and the static assets."""

from __future__ import annotations

import hashlib
import io
import mimetypes
import os
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, jsonify, send_file
from werkzeug.exceptions import NotFound
from werkzeug.security import safe_join

from iris.version import backend_version

SERVICE_NAME = "IRIS backend"
STATIC_FOLDER = str(Path(__file__).resolve().parent.parent / "static")
STATIC_MAX_AGE = 3600

pages = Blueprint("pages", __name__)


@pages.get("/")
def welcome() -> Response:
    return jsonify(
        service=SERVICE_NAME,
        version=backend_version(),
        endpoints={
            "health": "/health",
            "iris_health": "/api/iris/health",
            "analyze": "/api/iris/analyze",
        },
    )


@pages.get("/health")
def health() -> Response:
    return jsonify(status="ok")


@pages.get("/static/<path:filename>")
def static_file(filename: str) -> Response:
    """Serve an asset whose headers depend only on its content.

    Flask's own static route dates its answers by modification time, which differs
    between a checkout and the Lambda zip (whose timestamps are fixed): the same
    file would get different headers locally and on Lambda.
    """
    path = safe_join(STATIC_FOLDER, filename)
    if path is None or not os.path.isfile(path):
        raise NotFound()
    stat = os.stat(path)
    content, etag, mimetype = _read_asset(path, stat.st_mtime_ns, stat.st_size)
    return send_file(
        io.BytesIO(content),
        mimetype=mimetype,
        etag=etag,
        max_age=STATIC_MAX_AGE,
        conditional=True,
    )


@lru_cache(maxsize=64)
def _read_asset(path: str, mtime_ns: int, size: int) -> tuple[bytes, str, str]:
    """Read an asset once per version of the file: the stat values key the cache."""
    content = Path(path).read_bytes()
    mimetype = _mime_types().guess_type(path)[0] or "application/octet-stream"
    return content, hashlib.sha256(content).hexdigest()[:32], mimetype


@lru_cache(maxsize=1)
def _mime_types() -> mimetypes.MimeTypes:
    """Python's built-in table only, since the system's mime.types differs from host to host."""
    return mimetypes.MimeTypes()
