"""Issue: answer the IRIS clients as they really call, and by the IRIS team's answer rules.

The VS Code extension numbers every line (`${n} | ${line}`, split on `\\n`)
and sends `metadata.filepath` and `line_count`; these tests build requests the
same way.
"""

from __future__ import annotations

import ast
import glob
import json
import os
from pathlib import Path

import pytest
from analyzing import LANGUAGE_OF_SUFFIX, SAMPLE_PATHS
from answer_rules import (
    code_lines_are_covered,
    declarations_stay_whole,
    labels_say_more_than_a_kind,
    large_files_are_opened,
    reader_rules,
)
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from iris import create_app
from iris.analysis.source import editor_lines, read_source
from iris.api import BACKEND_METADATA_KEYS

LANGUAGE_OF = LANGUAGE_OF_SUFFIX


def numbered_as_the_extension_does(source: str) -> str:
    return "\n".join(f"{n} | {line}" for n, line in enumerate(source.split("\n"), start=1))


def numbered_as_the_prompt_does(source: str) -> str:
    return "\n".join(f"{n:4d}|{line}" for n, line in enumerate(source.split("\n"), start=1))


def analyze(client, filename: str, language: str, source: str, **extra) -> dict:
    payload = {"filename": filename, "language": language, "source_code": source, **extra}
    response = client.post("/api/iris/analyze", json=payload)
    assert response.status_code == 200, response.json
    return response.json


@pytest.fixture
def uncached_client():
    return create_app({"IRIS_CACHE_ENTRIES": "0"}).test_client()


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda path: path.name)
@pytest.mark.parametrize("number", [numbered_as_the_extension_does, numbered_as_the_prompt_does])
def test_numbered_and_plain_forms_give_the_same_answer(uncached_client, path, number):
    source = path.read_text()
    language = LANGUAGE_OF[path.suffix]
    plain = analyze(uncached_client, path.name, language, source)
    numbered = analyze(uncached_client, path.name, language, number(source))
    assert plain["metadata"]["line_numbered"] is False
    assert numbered["metadata"]["line_numbered"] is True
    assert numbered["responsibility_blocks"] == plain["responsibility_blocks"]
    assert numbered["file_intent"] == plain["file_intent"]
    assert numbered["metadata"]["line_count"] == plain["metadata"]["line_count"]


@pytest.mark.parametrize(
    "source",
    [
        "import os\r\n\r\ndef f():\r\n    return os.sep\r\n",
        "def f():\n    return 1\n",
        "",
        "\n",
        "x = 'a | b'\ny = 1 | 2\n",
        "1 | not numbered\nx = 2\n",
    ],
    ids=["crlf", "trailing-newline", "empty", "one-empty-line", "pipes", "looks-numbered"],
)
def test_edge_forms_read_the_same_numbered_and_plain(source):
    numbered = numbered_as_the_extension_does(source)
    assert read_source(numbered) == (source, True)
    assert read_source(source).code == source


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("\ufeff1 | import os\n2 | x = os.sep\n", "import os\nx = os.sep\n"),
        ("1 | import os\r2 | x = os.sep\r", "import os\nx = os.sep\n"),
        ("\ufeff1|a\r\n2|b\r3|c", "a\r\nb\nc"),
        ("1 | a\rb\n2 | c", "a\rb\nc"),
    ],
    ids=["byte-order-mark", "lone-cr", "mark-and-mixed-endings", "lone-cr-inside-a-line"],
)
def test_numbered_lines_read_as_numbered_whatever_ends_them(client, text, code):
    assert read_source(text) == (code, True)
    answer = analyze(client, "a.py", "python", text)
    assert answer["metadata"]["line_numbered"] is True
    assert answer["metadata"]["line_count"] == len(editor_lines(code))


def test_a_file_numbered_only_on_some_lines_is_plain_source():
    text = "1 | a = 1\n2 | b = 2\nc = 3"
    assert read_source(text) == (text, False)
    assert read_source("1 | a\n3 | b") == ("1 | a\n3 | b", False)
    assert read_source("1 | a\n2| b") == ("1 | a\n2| b", False)


code_lines = st.lists(
    st.text(alphabet=st.sampled_from("ab(){}|:;=' \t\r#/*<>x1`\"\\"), max_size=12),
    max_size=30,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(code_lines, st.sampled_from(sorted(LANGUAGE_OF.values())), st.booleans())
def test_any_file_gives_the_same_blocks_numbered_or_plain(lines, language, trailing_newline):
    source = "\n".join(lines) + ("\n" if trailing_newline else "")
    assume(not read_source(source).line_numbered)  # `1|` alone is a numbered empty line
    client = create_app({"IRIS_CACHE_ENTRIES": "0"}).test_client()
    plain = analyze(client, "file", language, source)
    numbered = analyze(client, "file", language, numbered_as_the_extension_does(source))
    assert numbered["responsibility_blocks"] == plain["responsibility_blocks"]
    assert numbered["file_intent"] == plain["file_intent"]
    assert numbered["metadata"]["line_numbered"] is True


def test_the_source_limit_applies_to_the_code_without_its_prefixes():
    client = create_app({"IRIS_MAX_SOURCE_BYTES": "1000"}).test_client()
    source = "x = 1\n" * 160
    assert len(source) == 960
    numbered = numbered_as_the_extension_does(source)
    assert len(numbered) > 1000
    answer = analyze(client, "x.py", "python", numbered)
    assert answer["metadata"]["line_numbered"] is True
    too_big = numbered_as_the_extension_does("x = 1\n" * 170)
    response = client.post(
        "/api/iris/analyze",
        json={"filename": "x.py", "language": "python", "source_code": too_big},
    )
    assert response.status_code == 413


def test_the_default_body_limit_fits_the_largest_numbered_escaped_file():
    app = create_app({})
    limit = app.config["IRIS_SETTINGS"].max_source_bytes
    worst = numbered_as_the_extension_does("\n" * (limit - 1))
    body = json.dumps({"filename": "x.py", "language": "python", "source_code": worst})
    assert len(body) <= app.config["MAX_CONTENT_LENGTH"]
    control = numbered_as_the_extension_does("\x01\n" * (limit // 2 - 1))
    body = json.dumps({"filename": "x.py", "language": "python", "source_code": control})
    assert len(body) <= app.config["MAX_CONTENT_LENGTH"]
    response = app.test_client().post(
        "/api/iris/analyze", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize("source", ["", "1 | ", "1 | \n2 | ", "\n\n"])
def test_an_empty_file_gets_a_short_answer_and_no_blocks(client, source):
    answer = analyze(client, "empty.py", "python", source)
    assert answer["responsibility_blocks"] == []
    assert "empty" in answer["file_intent"].lower()
    assert 2 <= len(answer["file_intent"].split()) <= 20


def test_the_health_route_answers_as_the_iris_backend_does():
    client = create_app({"IRIS_API_KEYS": "secret"}).test_client()
    response = client.get("/api/iris/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "agent_ready": True, "agent_error": False}
    assert response.headers["Cache-Control"] == "no-store"
    assert client.post("/api/iris/analyze", json={}).status_code == 401


def test_the_request_metadata_is_echoed_bounded_with_our_keys_winning(client):
    metadata = {
        "filepath": "/home/me/project/greet.py",
        "line_count": 999,
        "analyzer": "mine",
        "nested": {"no": "objects"},
        "list": [1, 2],
        "long": "x" * 5000,
        "x" * 100: "long key",
        **{f"k{n}": n for n in range(30)},
    }
    answer = analyze(client, "greet.py", "python", "x = 1\n", metadata=metadata)
    echoed = answer["metadata"]
    assert echoed["filepath"] == "/home/me/project/greet.py"
    assert echoed["line_count"] == 1
    assert echoed["analyzer"] == "iris-python"
    for dropped in ("nested", "list", "long", "x" * 100):
        assert dropped not in echoed
    client_keys = [key for key in echoed if key.startswith("k") or key == "filepath"]
    assert len(client_keys) <= 16


def test_a_client_cannot_set_the_backends_own_metadata_keys(client):
    forged = {key: "forged" for key in BACKEND_METADATA_KEYS}
    answer = analyze(client, "greet.py", "python", "x = 1\n", metadata={**forged, "mine": 1})
    metadata = answer["metadata"]
    assert metadata["mine"] == 1
    assert metadata["parsed_cleanly"] is True
    assert not [key for key, value in metadata.items() if value == "forged"]
    for absent in ("parse_problem", "fallback_reason", "model", "llm_repairs", "input_tokens"):
        assert absent not in metadata


def python_declarations(source: str) -> list[tuple[int, int]]:
    """The functions of a Python file and the methods of its classes, decorators included.

    A large class may be opened into its parts, so it is its methods that must stay whole.
    """
    body = ast.parse(source).body
    nodes = [
        *body,
        *(child for node in body if isinstance(node, ast.ClassDef) for child in node.body),
    ]
    return [
        (min([node.lineno, *(d.lineno for d in node.decorator_list)]), node.end_lineno or 0)
        for node in nodes
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]


@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=lambda path: path.name)
def test_every_sample_keeps_the_answer_rules(client, path):
    source = path.read_text()
    answer = analyze(client, path.name, LANGUAGE_OF[path.suffix], source)
    lines = editor_lines(source)
    assert reader_rules(answer, lines) == []
    assert labels_say_more_than_a_kind(answer) == []
    assert code_lines_are_covered(answer, lines, python=path.suffix == ".py") == []
    if path.suffix == ".py":
        assert declarations_stay_whole(answer, python_declarations(source)) == []


def standard_library_files() -> list[str]:
    folder = os.path.dirname(os.__file__)
    files = sorted(glob.glob(os.path.join(folder, "*.py")))
    return [path for path in files if os.path.getsize(path) < 512 * 1024][::4]


def test_real_python_files_keep_the_iris_answer_rules(uncached_client):
    """Code the project never saw: a quarter of the standard library's top-level modules."""
    broken = {}
    for path in standard_library_files():
        source = Path(path).read_text(encoding="utf-8", errors="replace")
        answer = analyze(uncached_client, os.path.basename(path), "python", source)
        lines = editor_lines(source)
        try:
            declarations = python_declarations(source)
        except SyntaxError:
            declarations = []
        problems = [
            *reader_rules(answer, lines),
            *large_files_are_opened(answer, len(lines), len(declarations)),
            *code_lines_are_covered(answer, lines, python=True),
        ]
        if problems:
            broken[os.path.basename(path)] = problems
    assert broken == {}


def test_a_large_file_is_not_one_block_of_everything(uncached_client):
    import inspect

    source = Path(inspect.__file__).read_text()
    answer = analyze(uncached_client, "inspect.py", "python", source)
    lines = len(editor_lines(source))
    blocks = answer["responsibility_blocks"]
    assert 6 <= len(blocks) <= 12
    largest = max(sum(end - start + 1 for start, end in block["ranges"]) for block in blocks)
    assert largest < lines / 3
