"""Issue: five languages, one contract, a cache and limits, through the app and the handler."""

from __future__ import annotations

import pytest
from analyzing import SAMPLES
from conftest import without_request_id
from flask import jsonify
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lambda_events import SOURCES, LambdaContext, json_request, read_response, to_event

from iris import create_app
from iris.analysis.source import editor_lines
from iris.config import ConfigError
from lambda_handler import make_handler

SAMPLE_FILES = {
    "python": "inventory.py",
    "javascript": "checkout.js",
    "typescript": "inventory.ts",
    "javascriptreact": "Greeting.jsx",
    "typescriptreact": "Board.tsx",
}


def request_for(language: str, source: str | None = None) -> dict:
    filename = SAMPLE_FILES[language]
    return {
        "filename": filename,
        "language": language,
        "source_code": source if source is not None else (SAMPLES / filename).read_text(),
    }


def assert_contract(body: dict, line_count: int) -> None:
    """What the IRIS extensions check before they draw anything, and the block invariants."""
    assert body["success"] is True
    assert isinstance(body["file_intent"], str) and body["file_intent"]
    assert isinstance(body["metadata"], dict)
    blocks = body["responsibility_blocks"]
    assert isinstance(blocks, list)
    claimed: set[int] = set()
    for block in blocks:
        assert isinstance(block["label"], str) and block["label"]
        assert isinstance(block["description"], str) and block["description"]
        assert isinstance(block["ranges"], list) and block["ranges"]
        assert block["ranges"] == sorted(block["ranges"]), "a block's ranges are sorted"
        for line_range in block["ranges"]:
            assert isinstance(line_range, list) and len(line_range) == 2
            start, end = line_range
            assert all(isinstance(n, int) and not isinstance(n, bool) for n in line_range)
            assert 1 <= start <= end <= line_count, "no range outside the file"
            lines = set(range(start, end + 1))
            assert not lines & claimed, "no two blocks claim a line"
            claimed |= lines
    metadata = body["metadata"]
    assert metadata["line_count"] == line_count
    for key in ("analyzer", "analyzer_version", "language"):
        assert isinstance(metadata[key], str)
    assert isinstance(metadata["duration_ms"], (int, float))
    assert isinstance(metadata["cached"], bool)
    assert isinstance(metadata["parsed_cleanly"], bool)


def line_count(source: str) -> int:
    return len(editor_lines(source))


@pytest.mark.parametrize("language", sorted(SAMPLE_FILES))
def test_every_language_answers_the_contract(client, language):
    payload = request_for(language)
    response = client.post("/api/iris/analyze", json=payload)
    assert response.status_code == 200
    assert_contract(response.json, line_count(payload["source_code"]))
    assert response.json["metadata"]["language"] == language
    assert response.json["metadata"]["parsed_cleanly"] is True


@pytest.mark.parametrize("language", sorted(SAMPLE_FILES))
def test_broken_source_is_a_200_with_a_note(client, language):
    source = (SAMPLES / SAMPLE_FILES[language]).read_text() + "\nclass Broken {(\n"
    response = client.post("/api/iris/analyze", json=request_for(language, source))
    assert response.status_code == 200
    assert_contract(response.json, line_count(source))
    assert response.json["metadata"]["parsed_cleanly"] is False
    assert response.json["metadata"]["parse_problem"].startswith("The file did not parse cleanly")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("language", sorted(SAMPLE_FILES))
def test_the_handler_gives_the_same_blocks_on_every_source(client, source, language):
    payload = request_for(language)
    expected = client.post("/api/iris/analyze", json=payload).json
    handler = make_handler(create_app({}))
    request = json_request("POST", "/api/iris/analyze", payload)
    answer = read_response(handler(to_event(request, source), LambdaContext()), source).json()
    assert answer["file_intent"] == expected["file_intent"]
    assert answer["responsibility_blocks"] == expected["responsibility_blocks"]


def test_a_second_request_for_the_same_source_is_a_cache_hit(client):
    first = client.post("/api/iris/analyze", json=request_for("typescript")).json
    second = client.post("/api/iris/analyze", json=request_for("typescript")).json
    assert first["metadata"]["cached"] is False
    assert second["metadata"]["cached"] is True
    assert second["responsibility_blocks"] == first["responsibility_blocks"]
    other_language = client.post("/api/iris/analyze", json=request_for("javascript")).json
    assert other_language["metadata"]["cached"] is False


def test_the_cache_keeps_at_most_iris_cache_entries():
    client = create_app({"IRIS_CACHE_ENTRIES": "2"}).test_client()

    def cached(source: str) -> bool:
        payload = request_for("python", source)
        return client.post("/api/iris/analyze", json=payload).json["metadata"]["cached"]

    for number in range(3):
        assert cached(f"x = {number}\n") is False
    assert cached("x = 2\n") is True
    assert cached("x = 0\n") is False


@pytest.mark.parametrize(
    ("environ", "source", "message"),
    [
        (
            {"IRIS_MAX_SOURCE_BYTES": "100"},
            "é" * 60,
            "source_code is 120 bytes, over the limit of 100 bytes (IRIS_MAX_SOURCE_BYTES)",
        ),
        (
            {"MAX_CONTENT_LENGTH": "2048"},
            "x = 1\n" * 1000,
            "Request body too large: the limit is 2048 bytes",
        ),
    ],
    ids=["source-code", "request-body"],
)
def test_limits_answer_a_json_413_naming_the_limit(environ, source, message):
    client = create_app(environ).test_client()
    response = client.post("/api/iris/analyze", json=request_for("python", source))
    assert response.status_code == 413
    assert without_request_id(response.json) == {"success": False, "error": message}


def test_default_limits():
    settings_ = create_app({}).config["IRIS_SETTINGS"]
    assert (settings_.max_source_bytes, settings_.max_content_length) == (524288, 6291456)
    assert (settings_.cache_entries, settings_.cache_bytes) == (256, 32 * 1024 * 1024)
    assert settings_.analysis_budget_ms == 2000


def test_the_body_limit_follows_the_source_limit_unless_set():
    settings_ = create_app({"IRIS_MAX_SOURCE_BYTES": "1000"}).config["IRIS_SETTINGS"]
    assert settings_.max_content_length == 12000
    settings_ = create_app({"IRIS_MAX_SOURCE_BYTES": "1000", "MAX_CONTENT_LENGTH": "5000"}).config[
        "IRIS_SETTINGS"
    ]
    assert settings_.max_content_length == 5000


@pytest.mark.parametrize(
    "name",
    [
        "IRIS_CACHE_ENTRIES",
        "IRIS_CACHE_BYTES",
        "IRIS_ANALYSIS_BUDGET_MS",
        "IRIS_MAX_SOURCE_BYTES",
        "MAX_CONTENT_LENGTH",
    ],
)
def test_a_bad_number_stops_the_app_with_the_variable_named(name):
    with pytest.raises(ConfigError, match=name):
        create_app({name: "lots"})


TOKENS = [
    *"abcxyz_$ \n\t(){}[]<>/*'\"`\\=;:.,+-!?@#019",
    *["function ", "class ", "import ", "export ", "const ", "def ", "if ", "${", "*/", "/*"],
    *["//", "=>", "\u00e9", "\u2028", "\r\n", "@dec\n", "    ", '"""', "</", "/>"],
]
code_like = st.lists(st.sampled_from(TOKENS), max_size=150).map("".join)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SAMPLE_FILES)), code_like)
def test_any_text_in_any_language_keeps_the_contract(language, source):
    client = create_app({"IRIS_CACHE_ENTRIES": "0"}).test_client()
    response = client.post("/api/iris/analyze", json=request_for(language, source))
    assert response.status_code == 200
    assert_contract(response.json, line_count(source))


def test_the_answer_is_byte_for_byte_what_jsonify_writes(app, client):
    response = client.post("/api/iris/analyze", json=request_for("typescriptreact"))
    with app.test_request_context():
        expected = jsonify(**response.json).get_data()
    assert response.get_data() == expected
    assert response.mimetype == "application/json"
