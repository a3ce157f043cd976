"""The IRIS API the extensions call: `POST /api/iris/analyze` and `GET /api/iris/health`.

The views check the request, apply the HTTP policy (status codes, the source
size limit) and shape the answer; reading the source is the analysis
package's job.
"""

from __future__ import annotations

import json
import logging
import re
import time
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import MethodNotAllowed, NotFound, RequestEntityTooLarge

from iris.errors import ApiError
from iris.request_log import add_to_log, request_fields, requests_logger
from iris.security import open_without_key, require_api_key

if TYPE_CHECKING:
    from iris.analysis import AnalysisService

api = Blueprint("api", __name__, url_prefix="/api/iris")
api.before_request(require_api_key)
ROUTED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
"""The methods `elsewhere_in_the_api` takes (HEAD with GET): any other goes to routing's 405."""

REQUIRED_FIELDS = ("filename", "language", "source_code")
MAY_BE_EMPTY = frozenset(("source_code",))
MAX_JSON_DEPTH = 32
MAX_JSON_VALUES = 1024
"""Arrays, objects and the values in them, in a whole body: an analyze request is one
object of four fields, and the extension's metadata holds two."""
ECHOED_KEYS = 16
ECHOED_KEY_CHARS = 64
ECHOED_TEXT_CHARS = 1024
MAX_FILENAME_CHARS = 1024
BACKEND_METADATA_KEYS = frozenset(
    """analyzer analyzer_version language line_count line_numbered duration_ms cached
    parsed_cleanly parse_problem filename model llm_repairs input_tokens output_tokens
    llm_latency_ms fallback_reason""".split()
)
"""Every key the backend itself may write in an answer's metadata. A client's metadata
never sets one, even where this answer leaves it out (a `parse_problem` beside
`parsed_cleanly: true` would contradict it)."""
READ_SIZE = 64 * 1024
DISCARD_FACTOR = 8
_TOO_DEEP = (
    f"Request body is nested too deeply: at most {MAX_JSON_DEPTH} levels of arrays and objects"
)
_TOO_MANY = (
    f"Request body holds too many values: at most {MAX_JSON_VALUES} arrays, objects and values"
)
_STRUCTURE = re.compile(r'["\[\]{},]')
_DECODER = json.JSONDecoder()


class AnalyzeRequest(NamedTuple):
    filename: str
    language: str
    source_code: str
    metadata: dict[str, Any]


@api.after_request
def never_stored(response: Response) -> Response:
    """API answers are about one user's file, so no cache on the way may keep one."""
    response.headers["Cache-Control"] = "no-store"
    return response


@api.route("/", defaults={"path": ""}, methods=ROUTED_METHODS, strict_slashes=False)
@api.route("/<path:path>", methods=ROUTED_METHODS)
def elsewhere_in_the_api(path: str) -> NoReturn:
    """Any other path under the API's prefix: a 404, or the 405 of a route taking other methods.

    Flask runs a blueprint's hooks only for the blueprint's own routes; routed
    here, a path the API does not have still needs the key (so a caller without
    one learns nothing of which paths exist) and is never stored. Werkzeug
    prefers this route to a 405, so a path that an API route takes with other
    methods gets that route's 405 here (the API's routes have no variable parts).
    """
    allowed = {
        method
        for rule in current_app.url_map.iter_rules()
        if rule.rule == request.path and rule.endpoint != request.endpoint
        for method in rule.methods or ()
    }
    if allowed:
        raise MethodNotAllowed(sorted(allowed))
    raise NotFound()


@api.get("/health")
@open_without_key
def iris_health() -> Response:
    """The IRIS backend's own health answer, which the clients' deploy checks expect.

    With `IRIS_ANALYZER=llm`, `agent_ready` says whether the model endpoint
    answered the last call this container made to it, and `agent_error` why
    not; health never calls it, so a check costs nothing and the endpoint sees
    only analyses. The builtin analyzer answers whatever the model does, so the
    status stays `ok`.
    """
    failure = model_failure()
    return jsonify(status="ok", agent_ready=failure is None, agent_error=failure or False)


def model_failure() -> str | None:
    """Why the model endpoint's last call failed, if it did; None before any call."""
    service = current_app.extensions.get("iris.analysis")
    model = service.model if service is not None else None
    return model.last_failure if model is not None else None


@api.post("/analyze")
def analyze() -> Response:
    """Read the request, analyse its source, answer; at DEBUG, log where the time went.

    The answer is written here as `jsonify` would write it (keys sorted,
    compact), around the blocks the service serialised once when it first
    found them.
    """
    from iris.analysis import AnalyzerUnavailable, compact_json
    from iris.analysis.source import read_source

    clock = _Stopwatch()
    service = analysis_service()
    analyze_request = parse_analyze_request(request_body(), service.languages)
    clock.lap("read_request_ms")
    source = read_source(analyze_request.source_code)
    limit = current_app.config["IRIS_SETTINGS"].max_source_bytes
    encoded = source.code.encode("utf-8", "surrogatepass")
    size = len(encoded)
    if size > limit:
        raise ApiError(
            413,
            f"source_code is {size} bytes, over the limit of {limit} bytes (IRIS_MAX_SOURCE_BYTES)",
        )
    clock.lap("read_source_ms")
    try:
        result = service.analyze(
            analyze_request.language,
            source.code,
            encoded,
            analyze_request.filename,
            started=clock.started,
        )
    except AnalyzerUnavailable:
        raise ApiError(
            503, f"The {analyze_request.language} analyzer cannot be loaded; try again later"
        ) from None
    clock.lap("analysis_ms")
    add_to_log(analysis_ms=clock.laps["analysis_ms"], cached=result.metadata["cached"])
    if result.model_call:
        add_to_log(llm=result.model_call)
    metadata = {**echoed_metadata(analyze_request.metadata), **result.metadata}
    metadata["filename"] = analyze_request.filename
    metadata["line_numbered"] = source.line_numbered
    body = (
        f'{{"file_intent":{compact_json(result.file_intent)},'
        f'"metadata":{compact_json(metadata)},'
        f'"responsibility_blocks":{result.blocks_json},"success":true}}'
    )
    clock.lap("answer_ms")
    if requests_logger.isEnabledFor(logging.DEBUG):
        timing = {**clock.laps, "source_bytes": size, "cached": result.metadata["cached"]}
        requests_logger.debug("analyze timing", extra={**request_fields(), "timing": timing})
    return current_app.response_class(f"{body}\n", mimetype="application/json")


class _Stopwatch:
    """Milliseconds between laps, for the DEBUG log's timing detail."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.started = self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round((now - self._last) * 1000, 3)
        self._last = now


def request_body() -> bytes:
    """The whole body, or a 413 when it is over `MAX_CONTENT_LENGTH`, however it was sent.

    Werkzeug refuses a `Content-Length` over the limit before reading, but a
    chunked body has none: its stream stops quietly at the limit, and the
    cut-off JSON would be read as a bad request. So a chunked body is read to
    one byte past the limit; over it, the rest is read and dropped (up to
    `DISCARD_FACTOR` times the limit) so the 413 reaches the client before the
    connection closes, instead of the server waiting on a body nobody reads.
    """
    limit = request.max_content_length
    if request.content_length is not None or limit is None:
        return request.get_data()
    stream = request.environ["wsgi.input"]
    chunks: list[bytes] = []
    size = 0
    while size <= limit and (chunk := stream.read(min(READ_SIZE, limit + 1 - size))):
        chunks.append(chunk)
        size += len(chunk)
    if size <= limit:
        return b"".join(chunks)
    while size <= DISCARD_FACTOR * limit and (chunk := stream.read(READ_SIZE)):
        size += len(chunk)
    raise RequestEntityTooLarge()


def analysis_service() -> AnalysisService:
    """The app's analysis service, made on the first analyze request.

    Loading the analysis package at start-up would lengthen every cold start,
    and many of them only answer a health check.
    """
    service = current_app.extensions.get("iris.analysis")
    if service is None:
        from iris.analysis import AnalysisService

        settings = current_app.config["IRIS_SETTINGS"]
        model = None
        if settings.model is not None:
            from iris.analysis.llm import LlmAnalyzer

            model = LlmAnalyzer(settings.model)
            logging.getLogger("iris").info(
                "analyze asks %r; the builtin analyzer answers when it fails", model
            )
        service = current_app.extensions.setdefault(
            "iris.analysis",
            AnalysisService(
                cache_entries=settings.cache_entries,
                cache_bytes=settings.cache_bytes,
                budget_ms=settings.analysis_budget_ms,
                model=model,
            ),
        )
    return service


def parse_analyze_request(body: bytes, languages: list[str]) -> AnalyzeRequest:
    """Check the request body, naming the first thing wrong with it.

    `source_code` may be empty (an empty file gets a short answer); the
    other fields may not.
    """
    payload = _json_object(body)
    for name in REQUIRED_FIELDS:
        value = payload.get(name)
        if value is None or (value == "" and name not in MAY_BE_EMPTY):
            raise ApiError(400, f"Missing required field: {name}")
        if not isinstance(value, str):
            raise ApiError(400, f"Field '{name}' must be a string, not {_json_type(value)}")
    if len(payload["filename"]) > MAX_FILENAME_CHARS:
        raise ApiError(400, f"Field 'filename' is over {MAX_FILENAME_CHARS} characters")
    metadata = payload.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise ApiError(400, f"Field 'metadata' must be an object, not {_json_type(metadata)}")
    language = payload["language"].strip().lower()
    if language not in languages:
        raise ApiError(
            400,
            f"Unsupported language: {payload['language'][:100]!r}; "
            f"supported: {', '.join(languages)}",
        )
    return AnalyzeRequest(payload["filename"], language, payload["source_code"], metadata or {})


def echoed_metadata(metadata: dict[str, Any]) -> dict[str, object]:
    """The client's metadata to echo back: its first 16 short keys with short scalar values.

    The extension sends `filepath` and `line_count` and reads them back; what
    is not a short scalar, and every key the backend writes itself, is
    dropped, never an error, so an answer stays small and says only what the
    backend found, whatever a client sends.
    """
    echoed: dict[str, object] = {}
    for key, value in metadata.items():
        if len(echoed) >= ECHOED_KEYS:
            break
        if len(key) > ECHOED_KEY_CHARS or key in BACKEND_METADATA_KEYS:
            continue
        if (
            (isinstance(value, str) and len(value) <= ECHOED_TEXT_CHARS)
            or value is None
            or isinstance(value, bool)
            or (isinstance(value, (int, float)) and abs(value) <= 2**53)
        ):
            echoed[key] = value
    return echoed


def _json_object(body: bytes) -> dict[str, Any]:
    """The body's JSON object, its shape checked before `json.loads` builds anything."""
    try:
        text = body.decode(json.detect_encoding(body), "surrogatepass")
    except UnicodeDecodeError:
        raise ApiError(400, "Request body is not valid JSON") from None
    _check_shape(text)
    try:
        payload = json.loads(text)
    except ValueError:
        raise ApiError(400, "Request body is not valid JSON") from None
    if not isinstance(payload, dict):
        raise ApiError(400, f"Request body must be a JSON object, not {_json_type(payload)}")
    return payload


def _check_shape(text: str) -> None:
    """Refuse JSON nested over `MAX_JSON_DEPTH` or holding over `MAX_JSON_VALUES` values.

    Six megabytes of `[],` would cost `json.loads` seconds and hundreds of
    megabytes before anything could count them, so they are counted first, in
    the text: each `[`, `{` and `,` outside a string is one more value. Each
    step moves forward to the next bracket, comma or quote, and a string is
    skipped whole by the json module's own decoder (in C), so the work is
    linear in the size of the text and stops at the first bound crossed.
    What is not well-formed is left for `json.loads` to refuse.
    """
    depth = values = position = 0
    while (found := _STRUCTURE.search(text, position)) is not None:
        position = found.end()
        mark = found.group()
        if mark == '"':
            try:
                _, position = _DECODER.raw_decode(text, found.start())
            except ValueError:
                return
            continue
        if mark in "]}":
            depth -= 1
            if depth < 0:
                return
            continue
        values += 1
        if mark != ",":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise ApiError(400, _TOO_DEEP)
        if values > MAX_JSON_VALUES:
            raise ApiError(400, _TOO_MANY)


def _json_type(value: object) -> str:
    """The JSON name of a decoded value's type, as a client would say it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    names: dict[type, str] = {str: "a string", list: "an array", dict: "an object"}
    return names[type(value)]
