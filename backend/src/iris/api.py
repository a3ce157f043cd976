"""The IRIS API the extensions call: `POST /api/iris/analyze`.

The view checks the request and shapes the answer; reading the source is the
analysis package's job.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

from flask import Blueprint, Response, current_app, request

from iris.errors import ApiError

if TYPE_CHECKING:
    from iris.analysis import AnalysisService

api = Blueprint("iris", __name__, url_prefix="/api/iris")

REQUIRED_FIELDS = ("filename", "language", "source_code")
MAX_JSON_DEPTH = 32
_TOO_DEEP = (
    f"Request body is nested too deeply: at most {MAX_JSON_DEPTH} levels of arrays and objects"
)


class AnalyzeRequest(NamedTuple):
    filename: str
    language: str
    source_code: str


@api.post("/analyze")
async def analyze() -> Response:
    service = analysis_service()
    analyze_request = parse_analyze_request(request.get_data(), service.languages)
    answer = service.analyze(analyze_request.language, analyze_request.source_code)
    answer.metadata["filename"] = analyze_request.filename
    return current_app.response_class(f"{answer.to_json()}\n", mimetype="application/json")


def analysis_service() -> AnalysisService:
    """The app's analysis service, made on the first analyze request.

    Loading the analysis package at start-up would lengthen every cold start,
    and many of them only answer a health check.
    """
    service = current_app.extensions.get("iris.analysis")
    if service is None:
        from iris.analysis import AnalysisService

        settings = current_app.config["IRIS_SETTINGS"]
        service = current_app.extensions.setdefault(
            "iris.analysis",
            AnalysisService(
                cache_entries=settings.cache_entries, max_source_bytes=settings.max_source_bytes
            ),
        )
    return service


def parse_analyze_request(body: bytes, languages: list[str]) -> AnalyzeRequest:
    """Check the request body, naming the first thing wrong with it."""
    payload = _json_object(body)
    for name in REQUIRED_FIELDS:
        value = payload.get(name)
        if value is None or value == "":
            raise ApiError(400, f"Missing required field: {name}")
        if not isinstance(value, str):
            raise ApiError(400, f"Field '{name}' must be a string, not {_json_type(value)}")
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise ApiError(400, f"Field 'metadata' must be an object, not {_json_type(metadata)}")
    language = payload["language"].strip().lower()
    if language not in languages:
        raise ApiError(
            400,
            f"Unsupported language: {payload['language']!r}; supported: {', '.join(languages)}",
        )
    return AnalyzeRequest(payload["filename"], language, payload["source_code"])


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body)
    except RecursionError:
        raise ApiError(400, _TOO_DEEP) from None
    except ValueError:
        raise ApiError(400, "Request body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise ApiError(400, f"Request body must be a JSON object, not {_json_type(payload)}")
    if _depth(payload) > MAX_JSON_DEPTH:
        raise ApiError(400, _TOO_DEEP)
    return payload


def _depth(value: object) -> int:
    """How deeply arrays and objects nest in `value`, without recursion of our own."""
    deepest = 0
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth)
            pending.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return deepest


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, as a client would say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {str: "a string", list: "an array", dict: "an object"}[type(value)]
