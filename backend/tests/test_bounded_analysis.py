"""Issue: no input can make an analysis slow, crash or balloon.

Nothing here is timed: the analyzers count their work (`Budget.steps`:
scanner steps, characters a failed look-ahead read, characters parsed, lines
and units each pass reads), and each hostile family must do at most about four
times the work for four times the input. Memory is counted in bytes
(`tracemalloc`), and what ran out is read from the answer.
"""

from __future__ import annotations

import gc
import json
import socket
import sys
import time
import tracemalloc
from pathlib import Path

import pytest
from analyzing import analyze
from answer_rules import all_rules
from conftest import SRC_DIR
from hostile_sources import BODY_FAMILIES, FAMILIES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from processes import free_port, http_request, running

from iris import create_app
from iris.analysis import ANALYZERS, AnalysisService
from iris.analysis.budget import (
    CHECK_EVERY,
    MAX_UNITS,
    TOO_COMPLEX,
    TOO_MANY_UNITS,
    Budget,
    OutOfTime,
)
from iris.analysis.cache import ENTRY_BYTES, LruCache, held_bytes
from iris.analysis.grouping import analysis_of
from iris.analysis.source import editor_lines
from iris.api import MAX_JSON_VALUES

SMALL, LARGE = 16 * 1024, 64 * 1024
SLOWEST_FAMILIES = (
    "unterminated strings (JS)",
    "empty line comments",
    "unterminated strings (Python)",
    "assignments",
)
LINEAR_SLACK = 4.6
"""Work at four times the size may be at most this many times the work: linear, with room
for the fixed part of a short input, and far below the 16 a quadratic pass gives."""


def steps_for(language: str, source: str) -> int:
    budget = Budget(None)
    analyze(source, language, budget=budget)
    return budget.steps


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_the_work_grows_linearly_with_the_input(name):
    language, make = FAMILIES[name]
    small = steps_for(language, make(SMALL))
    large = steps_for(language, make(LARGE))
    assert large <= LINEAR_SLACK * small + 64, (small, large)


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_every_family_gets_a_small_answer_through_the_api(name):
    language, make = FAMILIES[name]
    client = create_app({"IRIS_CACHE_ENTRIES": "0"}).test_client()
    response = client.post(
        "/api/iris/analyze",
        json={"filename": "hostile", "language": language, "source_code": make(512 * 1024)},
    )
    assert response.status_code == 200
    assert len(response.get_data()) < 8 * 1024
    assert len(response.json["metadata"].get("parse_problem", "")) < 300


FRAGMENTS = [
    "<a{", "};", "x=/[", "//\n", "'\n", "@", "/**/", "<a ", "}\n", "x=1;", "if x:\n",
    "def f(:\n", "(", "`${", "</a>", "/>", "class A(", "-", "0x", "f", "\"\"\"", "\r", "\n",
    "export {", "import x from 'y';\n", "function f(){", "=>", "<Select<T>", "${x}`",
]  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=300),
    st.sampled_from(["python", "javascript", "typescript", "javascriptreact", "typescriptreact"]),
)
def test_any_mix_of_the_families_does_linear_work(fragments, repeat, language):
    source = "".join(fragments) * repeat
    budget = Budget(None)
    analysis = analyze(source, language, budget=budget)
    assert budget.steps <= 6 * len(source) + 200
    assert len(analysis.blocks) <= 12
    assert all(len(block.ranges) <= 60 for block in analysis.blocks)


@pytest.mark.parametrize("name", sorted(BODY_FAMILIES))
def test_a_body_of_many_small_values_is_refused_before_they_are_built(name):
    """Nearly 6 MiB of them in a field nobody reads: `json.loads` alone would build
    hundreds of megabytes of lists; counted first, the request costs a few copies of
    its body."""
    body = BODY_FAMILIES[name](5_500_000)
    client = create_app({}).test_client()
    tracemalloc.start()
    try:
        response = client.post("/api/iris/analyze", data=body, content_type="application/json")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    error = response.json["error"]
    assert error.startswith(("Request body holds too many values", "Request body is nested too"))
    assert peak < 6 * len(body), (peak, len(body))


def test_a_body_within_the_value_bound_is_read():
    metadata = {f"key{n}": n for n in range(MAX_JSON_VALUES - 10)}
    client = create_app({}).test_client()
    response = client.post(
        "/api/iris/analyze",
        json={
            "filename": "a.py",
            "language": "python",
            "source_code": "x = 1",
            "metadata": metadata,
        },
    )
    assert response.status_code == 200
    assert response.json["metadata"]["key0"] == 0


def test_a_budget_that_runs_out_answers_with_what_was_found():
    source = "".join(f"def f{n}():\n    return {n}\n\n\n" for n in range(15000))
    client = create_app({"IRIS_ANALYSIS_BUDGET_MS": "1", "IRIS_CACHE_ENTRIES": "0"}).test_client()
    response = client.post(
        "/api/iris/analyze",
        json={"filename": "many.py", "language": "python", "source_code": source},
    )
    assert response.status_code == 200
    metadata = response.json["metadata"]
    assert metadata["parsed_cleanly"] is False
    assert "too complex to finish" in metadata["parse_problem"]


LANGUAGES = ["python", "javascript", "typescript", "javascriptreact", "typescriptreact"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("fragment", ["x=1\n", "a\n\n", "@d\n", "//x\n\n"])
def test_running_out_of_time_is_an_answer_in_every_analyzer(language, fragment):
    """A millisecond is gone before the analysis starts: some check in some pass must
    stop it, and wherever that is, the answer is a 200 saying so."""
    client = create_app({"IRIS_ANALYSIS_BUDGET_MS": "1", "IRIS_CACHE_ENTRIES": "0"}).test_client()
    source = fragment * (256 * 1024 // len(fragment))
    response = client.post(
        "/api/iris/analyze", json={"filename": "f", "language": language, "source_code": source}
    )
    assert response.status_code == 200
    metadata = response.json["metadata"]
    assert metadata["parsed_cleanly"] is False
    assert TOO_COMPLEX in metadata["parse_problem"]
    assert all_rules(response.json, editor_lines(source)) == []


@pytest.mark.parametrize("language", ["python", "javascript"])
def test_an_outline_holds_at_most_the_budgets_units(language):
    source = "a\n\n" * (MAX_UNITS + 5000)
    budget = Budget(None)
    outline = ANALYZERS[language]().outline(editor_lines(source), language, budget)
    assert len(outline.units) <= MAX_UNITS + 1
    assert outline.finished is False
    analysis = analysis_of(outline, "many", budget)
    assert analysis.parse_problem.startswith(f"The file did not parse cleanly: {TOO_MANY_UNITS}")


def test_a_grouping_out_of_time_answers_in_file_order_and_keeps_the_rules():
    source = (Path(__file__).parent / "samples" / "inventory.py").read_text()
    lines = editor_lines(source)
    outline = ANALYZERS["python"]().outline(lines, "python", Budget(None))
    in_time = analysis_of(outline, "inventory.py", Budget(None))
    late = analysis_of(outline, "inventory.py", Budget(0))
    assert in_time.parse_problem is None
    assert late.parse_problem == f"The file did not parse cleanly: {TOO_COMPLEX}."
    starts = [block.ranges[0][0] for block in late.blocks]
    assert starts == sorted(starts)
    answer = {
        "file_intent": late.file_intent,
        "responsibility_blocks": [block.as_json() for block in late.blocks],
        "metadata": {},
    }
    assert all_rules(answer, lines) == []
    for unit in outline.units:
        holding = [
            block
            for block in late.blocks
            if any(a <= unit.start and unit.end <= b for a, b in block.ranges)
        ]
        assert len(holding) == 1, unit


def test_the_budget_check_reads_the_clock_only_every_few_hundred_steps():
    budget = Budget(0)
    for _ in range(CHECK_EVERY - 1):
        budget.tick()
    with pytest.raises(OutOfTime):
        budget.tick()


def test_the_cache_holds_no_more_bytes_than_its_bound():
    answer = "x" * 250
    size = held_bytes(0) + held_bytes(answer) + ENTRY_BYTES
    cache: LruCache[str] = LruCache(capacity=100, max_bytes=3 * size)
    for number in range(50):
        cache.put(number, answer)
        assert cache.bytes <= 3 * size
    assert len(cache) == 3
    cache.put("huge", "x" * 3 * size)
    assert cache.get("huge") is None
    assert cache.get(49) == answer


def many_range_module(seed: int) -> str:
    """A JavaScript file answered with twelve blocks, two of them of sixty ranges."""
    parts = [
        f"const c{seed}_{n} = hub{n % 12}_{seed}(c{seed}_{max(n - 12, 0)});\n\n"
        f"function hub{n % 12}_{seed}_{n}() {{ return hub{n % 12}_{seed}({n}); }}\n\n"
        for n in range(900)
    ]
    parts += [f"export function hub{h}_{seed}(x) {{ return x + {h}; }}\n\n" for h in range(12)]
    return "".join(parts)


def test_the_cache_counts_what_its_entries_really_hold():
    """Within 1.5 times what tracemalloc sees the entries hold, large answers and small."""
    service = AnalysisService(cache_entries=1000, cache_bytes=1 << 30)
    sources = [many_range_module(seed) for seed in range(12)]
    sources += [f"def f{n}():\n    return {n}\n" for n in range(40)]
    service.analyze("javascript", "let warm = 1\n", b"warm", "warm.js")
    service.analyze("python", "warm = 1\n", b"warm", "warm.py")
    counted_before = service.cache.bytes
    tracemalloc.start()
    try:
        held_before = tracemalloc.get_traced_memory()[0]
        for number, source in enumerate(sources):
            language = "javascript" if source.startswith("const") else "python"
            service.analyze(language, source, source.encode(), f"file{number}")
        gc.collect()
        held = tracemalloc.get_traced_memory()[0] - held_before
    finally:
        tracemalloc.stop()
    counted = service.cache.bytes - counted_before
    assert len(service.cache) == 2 + len(sources)
    assert counted / 1.5 <= held <= counted * 1.5, (held, counted)


def test_the_app_cache_is_bounded_by_iris_cache_bytes():
    app = create_app({"IRIS_CACHE_BYTES": "4096"})
    client = app.test_client()
    for number in range(40):
        source = "".join(f"def f{number}_{n}():\n    return {n}\n\n\n" for n in range(40))
        client.post(
            "/api/iris/analyze",
            json={"filename": "f.py", "language": "python", "source_code": source},
        )
    cache = app.extensions["iris.analysis"].cache
    assert 0 < cache.bytes <= 4096
    assert len(cache) < 40


@pytest.mark.parametrize(
    ("language", "source"),
    [
        ("python", "x=1\n" * 131000),
        ("javascript", "function f(){return g()}\n" * 20000),
        ("python", "def f(:\n" * 65000),
        ("python", "@d\n" * 174762),
        ("javascript", "a;\n" * 174762),
    ],
    ids=[
        "python-assignments",
        "javascript-functions",
        "python-errors",
        "decorators-with-nothing-below",
        "javascript-names-ended-by-semicolons",
    ],
)
def test_a_512_kib_source_needs_at_most_about_50_mb(language, source):
    tracemalloc.start()
    try:
        analyze(source, language)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024, peak


def test_hostile_requests_whose_clients_hang_up_leave_the_server_responsive():
    """Four of the slowest families, sent to `python server.py`; the clients hang up at once.

    Once the server has logged all four, `/health` answers within 100 ms:
    no request can keep a worker busy for long any more.
    """
    port = free_port()
    bodies = [
        json.dumps({"filename": "h", "language": language, "source_code": make(512 * 1024)})
        for language, make in (FAMILIES[name] for name in SLOWEST_FAMILIES)
    ]
    env = {"IRIS_CACHE_ENTRIES": "0", "MAX_CONTENT_LENGTH": str(8 * 1024 * 1024)}
    with running(
        [sys.executable, str(SRC_DIR / "server.py")], port, SRC_DIR, {"PORT": str(port), **env}
    ) as server:
        started = time.monotonic()
        for body in bodies:
            with socket.create_connection(("127.0.0.1", port)) as connection:
                head = (
                    "POST /api/iris/analyze HTTP/1.1\r\nHost: localhost\r\n"
                    f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
                )
                connection.sendall(head.encode() + body.encode())
        while server.log().count('"path": "/api/iris/analyze"') < len(bodies):
            assert time.monotonic() - started < 20, server.log()[-2000:]
            time.sleep(0.02)
        sent = time.monotonic()
        response = http_request(port, "GET", "/health", timeout=5)
        assert response.status == 200
        assert time.monotonic() - sent < 0.1
