"""The LLM analyzer (`IRIS_ANALYZER=llm`) against real servers on 127.0.0.1.

llama.cpp's own server on a tiny random model writes schema-shaped nonsense;
scripted servers fail in each way a model server can. Whoever answers, the
answer must keep the IRIS rules, say who answered and why the builtin
analyzer did when it did, and come within the time allowed.
"""

from __future__ import annotations

import io
import json
import time
from contextlib import redirect_stderr

import pytest
from analyzing import LANGUAGE_OF_SUFFIX, SAMPLE_PATHS
from answer_rules import all_rules
from hypothesis import given, settings
from hypothesis import strategies as st
from model_servers import (
    ScriptedServer,
    completion,
    dripping,
    hanging_up_after,
    llama_server,
    refused_url,
    stall,
    status,
    with_bytes_after,
    write_tiny_model,
)
from processes import free_port, http_request
from test_local_lambda import lambda_zip, local_lambda  # noqa: F401  (lambda_zip: a fixture)

from iris import create_app
from iris.analysis.llm.client import MAX_REPLY_BYTES
from iris.analysis.llm.prompt import PROMPT_VERSION
from iris.analysis.llm.repair import Unusable, mended, parsed
from iris.analysis.model import Unit
from iris.analysis.source import editor_lines
from iris.api import BACKEND_METADATA_KEYS
from iris.config import ConfigError, ModelSettings, Settings

SOURCE = "\n".join(
    [
        "import csv",
        "import json",
        "",
        "",
        "def read_rows(path):",
        "    with open(path) as handle:",
        "        return list(csv.reader(handle))",
        "",
        "",
        "def write_report(rows, path):",
        "    with open(path, 'w') as handle:",
        "        json.dump(rows, handle)",
        "",
        "",
        "def main():",
        "    write_report(read_rows('in.csv'), 'out.json')",
    ]
    + [f"    # step {n}" for n in range(20)]
)
GOOD_ANSWER = {
    "file_intent": "CSV rows turned into a JSON report",
    "responsibility_blocks": [
        {"label": "Report pipeline entry", "description": "Runs it.", "ranges": [[15, 36]]},
        {"label": "CSV row reading", "description": "Reads rows.", "ranges": [[1, 7]]},
        {"label": "JSON report writing", "description": "Writes.", "ranges": [[10, 12]]},
    ],
}
SECRET = "sk-test-never-shown-0123456789"
NOT_A_COMPLETION = "the model server's reply was not a chat completion"


def llm_app(base_url: str, **environ: str):
    return create_app(
        {
            "IRIS_ANALYZER": "llm",
            "IRIS_LLM_BASE_URL": base_url,
            "IRIS_LLM_MODEL": "tiny",
            **environ,
        }
    )


def analyze(app, source: str = SOURCE, filename: str = "report.py", language: str = "python"):
    response = app.test_client().post(
        "/api/iris/analyze",
        json={"filename": filename, "language": language, "source_code": source},
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    answer = response.get_json()
    assert all_rules(answer, editor_lines(source)) == []
    return answer


# Settings


def test_builtin_is_the_default_and_llm_reads_its_settings():
    assert Settings.from_environ({}).model is None
    settings = Settings.from_environ(
        {
            "IRIS_ANALYZER": "LLM",
            "IRIS_LLM_BASE_URL": "http://127.0.0.1:8000/v1/",
            "IRIS_LLM_TIMEOUT_MS": "2500",
            "IRIS_LLM_JSON_MODE": "json_object",
        }
    ).model
    assert settings == ModelSettings(
        base_url="http://127.0.0.1:8000/v1", timeout_ms=2500, json_mode="json_object"
    )


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"IRIS_ANALYZER": "gpt"}, "IRIS_ANALYZER must be one of builtin, llm"),
        ({"IRIS_ANALYZER": "llm"}, "needs IRIS_LLM_API_KEY"),
        ({"IRIS_ANALYZER": "llm", "IRIS_LLM_BASE_URL": "ftp://x"}, "must be an http:// or"),
        (
            {"IRIS_ANALYZER": "llm", "IRIS_LLM_BASE_URL": "http://x", "IRIS_LLM_TIMEOUT_MS": "0"},
            "at least 1",
        ),
        (
            {"IRIS_ANALYZER": "llm", "IRIS_LLM_BASE_URL": "http://x", "IRIS_LLM_JSON_MODE": "x"},
            "IRIS_LLM_JSON_MODE must be one of json_schema, json_object",
        ),
    ],
)
def test_bad_model_settings_stop_the_app_naming_the_variable(environ, message):
    with pytest.raises(ConfigError, match=message):
        Settings.from_environ(environ)


def test_the_model_key_is_never_in_a_repr():
    settings = Settings.from_environ({"IRIS_ANALYZER": "llm", "IRIS_LLM_API_KEY": SECRET})
    assert settings.model is not None and settings.model.api_key == SECRET
    assert SECRET not in repr(settings) and "api_key=***" in repr(settings)
    with ScriptedServer(completion(json.dumps(GOOD_ANSWER))) as server:
        app = llm_app(server.base_url, IRIS_LLM_API_KEY=SECRET)
        analyze(app)
        service = app.extensions["iris.analysis"]
        assert SECRET not in repr(service.model) and SECRET not in repr(service.model.endpoint)


# Mending the model's answer, without a server


def mend(text: str, line_count: int = 40, units=()):
    repairs: set[str] = set()
    return mended(parsed(text, repairs), line_count, list(units), "Python", repairs)


def answer_json(mended_answer) -> dict:
    return {
        "file_intent": mended_answer.file_intent,
        "responsibility_blocks": [block.as_json() for block in mended_answer.blocks],
    }


def test_a_good_answer_is_kept_as_it_is():
    result = mend(json.dumps(GOOD_ANSWER))
    assert result.repairs == ()
    assert answer_json(result) == GOOD_ANSWER


def test_an_answer_cut_off_keeps_the_blocks_it_finished():
    text = json.dumps(GOOD_ANSWER)
    cut = text[: text.index("JSON report writing") + 6]
    result = mend(cut)
    assert "json_closed" in result.repairs
    labels = [block.label for block in result.blocks]
    assert labels[:2] == ["Report pipeline entry", "CSV row reading"]


def test_every_cut_of_an_answer_is_mended_or_refused_and_none_loses_a_finished_block():
    text = json.dumps(GOOD_ANSWER)
    first_block_end = text.index("}") + 1
    for cut in range(1, len(text)):
        try:
            result = mend(text[:cut])
        except Unusable:
            assert cut < first_block_end, cut
            continue
        assert all_rules(answer_json(result), ["x = 1"] * 40) == []
        assert result.blocks[0].label == "Report pipeline entry"


def test_raw_control_characters_in_strings_are_read_and_removed():
    text = json.dumps(GOOD_ANSWER).replace("CSV row", "CSV\x01\trow\x7f")
    result = mend(text)
    assert "control_characters" in result.repairs
    assert result.blocks[1].label == "CSV row reading"


def test_ranges_are_put_inside_the_file_the_right_way_round_and_apart():
    answer = {
        "file_intent": "Something useful here",
        "responsibility_blocks": [
            {"label": "First real block", "description": "d", "ranges": [[9, 3], [2, 4]]},
            {"label": "Second real block", "description": "d", "ranges": [[4, 12], [30, 900]]},
            {"label": "Third real block", "description": "d", "ranges": [[-5, 0], [50, 60]]},
        ],
    }
    result = mend(json.dumps(answer), line_count=40)
    assert [block.ranges for block in result.blocks] == [((2, 9),), ((10, 12), (30, 40))]
    assert {"ranges_reversed", "ranges_clipped", "overlaps_removed", "blocks_dropped"} <= set(
        result.repairs
    )


def test_labels_are_cut_to_five_words_and_empty_or_catch_all_blocks_dropped():
    answer = {
        "file_intent": "x" * 5000,
        "responsibility_blocks": [
            {"label": "   ", "description": "d", "ranges": [[1, 2]]},
            {"label": "Helpers", "description": "d", "ranges": [[3, 4]]},
            {"label": "Everything else", "description": "d", "ranges": [[5, 6]]},
            {"label": "word " * 400, "description": "", "ranges": [[7, 8]]},
            {"label": "Reading the rows of the input file", "description": "", "ranges": [[9, 9]]},
        ],
    }
    result = mend(json.dumps(answer))
    assert [block.label for block in result.blocks] == [
        "Word word word word word",
        "Reading the rows",
    ]
    assert all(block.description for block in result.blocks)
    assert "intent_written" in result.repairs


def test_too_many_blocks_keep_the_first_and_small_files_get_two():
    blocks = [
        {"label": f"Block number {n}", "description": "d", "ranges": [[n, n]]} for n in range(1, 40)
    ]
    answer = {"file_intent": "Many small things", "responsibility_blocks": blocks}
    assert len(mend(json.dumps(answer), line_count=100).blocks) == 12
    assert len(mend(json.dumps(answer), line_count=20).blocks) == 2


def test_a_block_of_imports_alone_joins_the_first_block():
    units = [Unit("import", 1, 2), Unit("function", 5, 7, ("read_rows",))]
    answer = {
        "file_intent": "Reads rows",
        "responsibility_blocks": [
            {"label": "Row reading logic", "description": "d", "ranges": [[5, 7]]},
            {"label": "Module imports here", "description": "d", "ranges": [[1, 3]]},
        ],
    }
    result = mend(json.dumps(answer), line_count=40, units=units)
    assert [(b.label, b.ranges) for b in result.blocks] == [("Row reading logic", ((1, 3), (5, 7)))]
    assert "import_blocks_joined" in result.repairs


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("[1, 2]", "not a JSON object"),
        ('{"file_intent": "x"}', "no responsibility_blocks list"),
        ('{"responsibility_blocks": []}', "no usable responsibility block"),
        ("<html>busy</html>", "not JSON"),
        ("[" * 100, "nested too deeply"),
        ('{"responsibility_blocks": [{"label": "A b", "ranges": [["x", null]]}]}', "no usable"),
    ],
)
def test_what_cannot_be_mended_says_why(text, reason):
    with pytest.raises(Unusable, match=reason):
        mend(text)


_texts = st.text(st.characters(codec="utf-8"), max_size=80) | st.sampled_from(
    ["Helpers", "", "  ", "Reads the rows", "a b c d e f g h", "// eslint-disable", "x\ny"]
)
_numbers = st.integers(-10, 120) | st.sampled_from([0, 1, 10**20])
_answers = st.fixed_dictionaries(
    {
        "file_intent": _texts,
        "responsibility_blocks": st.lists(
            st.fixed_dictionaries(
                {
                    "label": _texts,
                    "description": _texts,
                    "ranges": st.lists(st.lists(_numbers, max_size=3), max_size=6),
                }
            ),
            max_size=16,
        ),
    }
)


USABLE_BLOCK = {"label": "Row reading logic", "description": "Reads.", "ranges": [[1, 1]]}


@settings(max_examples=300, deadline=None)
@given(answer=_answers, line_count=st.integers(1, 100), cut=st.integers(0, 4000))
def test_any_answer_cut_anywhere_is_mended_to_keep_the_rules_or_refused(answer, line_count, cut):
    """Whole, the answer has one usable block first, so it must be mended, never refused."""
    answer["responsibility_blocks"].insert(0, USABLE_BLOCK)
    text = json.dumps(answer, ensure_ascii=False)
    for candidate in (text, text[:cut]):
        try:
            result = mend(candidate, line_count)
        except Unusable:
            assert candidate != text
            continue
        assert all_rules(answer_json(result), ["x = 1"] * line_count) == []


def test_a_huge_answer_is_cut_to_the_bounds():
    answer = {
        "file_intent": "Large answer",
        "responsibility_blocks": [
            {
                "label": f"Block number {block}",
                "description": "d" * 3000,
                "ranges": [[block * 1000 + 2 * n] * 2 for n in range(300)],
            }
            for block in range(70)
        ],
    }
    text = json.dumps(answer)
    result = mend(text[: len(text) * 3 // 4], line_count=100_000)
    assert len(result.blocks) == 12 and all(len(b.ranges) == 60 for b in result.blocks)
    assert all(len(b.description) <= 241 for b in result.blocks)
    assert {"json_closed", "ranges_dropped", "blocks_dropped"} <= set(result.repairs)


# Failing model servers: the builtin answers, says why, in time


def fallback(app, source: str = SOURCE):
    started = time.perf_counter()
    answer = analyze(app, source)
    elapsed = time.perf_counter() - started
    metadata = answer["metadata"]
    assert metadata["analyzer"] == "iris-python"
    return metadata, elapsed


@pytest.mark.parametrize("code", [429, 500, 503])
def test_429_and_5xx_are_retried_once_then_the_builtin_answers(code):
    with ScriptedServer(status(code)) as server:
        metadata, elapsed = fallback(llm_app(server.base_url))
        assert len(server.requests) == 2
    assert metadata["fallback_reason"] == (
        f"the model server answered HTTP {code}, again after one retry"
    )
    assert elapsed < 2


def test_a_refused_request_is_not_retried():
    with ScriptedServer(status(400)) as server:
        metadata, _ = fallback(llm_app(server.base_url))
        assert len(server.requests) == 1
    assert metadata["fallback_reason"] == "the model server refused the request with HTTP 400"


def test_a_server_that_is_not_there_falls_back_at_once():
    metadata, elapsed = fallback(llm_app(refused_url()))
    assert metadata["fallback_reason"].startswith("the model server could not be reached")
    assert elapsed < 2


def test_a_stalled_server_falls_back_at_the_timeout():
    with ScriptedServer(stall) as server:
        metadata, elapsed = fallback(llm_app(server.base_url, IRIS_LLM_TIMEOUT_MS="500"))
        assert len(server.requests) == 1
    assert metadata["fallback_reason"] == "the model server did not answer in time"
    assert 0.5 <= elapsed < 2
    assert metadata["llm_latency_ms"] >= 500


def test_the_analysis_budget_does_not_count_the_time_the_model_took():
    """The model holds the request past the analysis budget; the builtin answer after it
    still has the budget's time for its grouping, so it is whole, not cut short."""
    with ScriptedServer(stall) as server:
        app = llm_app(server.base_url, IRIS_LLM_TIMEOUT_MS="700", IRIS_ANALYSIS_BUDGET_MS="300")
        metadata, elapsed = fallback(app)
    assert metadata["fallback_reason"] == "the model server did not answer in time"
    assert elapsed >= 0.7
    assert metadata["parsed_cleanly"] is True and "parse_problem" not in metadata


OK_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
DRIPS = {
    "status line a byte at a time": dripping(b"", b"HTTP/1.1 200 OK"),
    "headers a byte at a time": dripping(OK_HEAD, b"X-Slow: yes\r\n"),
    "body a byte at a time": dripping(OK_HEAD + b"Content-Length: 99999\r\n\r\n", b" "),
    "one-byte chunks": dripping(
        OK_HEAD + b"Transfer-Encoding: chunked\r\n\r\n", b"1\r\n \r\n", size=6, every=0.002
    ),
    "endless 100 Continue": dripping(b"", b"HTTP/1.1 100 Continue\r\n\r\n", size=25),
}


@pytest.mark.parametrize("name", sorted(DRIPS))
def test_a_server_that_keeps_sending_slowly_is_cut_off_at_the_timeout(name):
    """Every read waits only for what is left of the one deadline, so no trickle extends it
    (the server gives up after 20 s: a client it held would take that long). The latency
    counts from the request's sending, a moment after the deadline was set from the
    timeout, so it ends a little under 600 ms (599.934 was seen)."""
    with ScriptedServer(DRIPS[name]) as server:
        metadata, elapsed = fallback(llm_app(server.base_url, IRIS_LLM_TIMEOUT_MS="600"))
        assert len(server.requests) == 1
    assert metadata["fallback_reason"] == "the model server did not answer in time"
    assert 0.6 <= elapsed < 3
    assert 590 <= metadata["llm_latency_ms"] < 2000


def test_bytes_a_server_sent_after_its_answer_are_never_read_as_the_next_answer():
    """They would be the head of a 99,999-byte answer that never comes. The next request,
    a moment later, sees them waiting on the kept connection and opens a new one."""
    junk = b"HTTP/1.1 200 OK\r\nContent-Length: 99999\r\n\r\n"
    with ScriptedServer(with_bytes_after(completion(json.dumps(GOOD_ANSWER)), junk)) as server:
        app = llm_app(server.base_url, IRIS_LLM_TIMEOUT_MS="5000")
        answers = []
        for n in range(3):
            answers.append(analyze(app, SOURCE + "\n#" * n))
            time.sleep(0.1)
    assert [answer["metadata"]["analyzer"] for answer in answers] == ["llm"] * 3
    assert all(answer["metadata"]["llm_latency_ms"] < 1000 for answer in answers)
    assert len(set(server.client_ports)) == 3


def test_a_servers_token_counts_and_model_name_are_checked_before_they_are_echoed():
    usage = {"prompt_tokens": int("9" * 4000), "completion_tokens": -3}
    model = "m\x00\r\n\x1b[31m<script>"
    with ScriptedServer(completion(json.dumps(GOOD_ANSWER), model=model, usage=usage)) as server:
        answer = analyze(llm_app(server.base_url))
    metadata = answer["metadata"]
    assert metadata["analyzer"] == "llm"
    assert (metadata["input_tokens"], metadata["output_tokens"]) == (0, 0)
    assert metadata["model"] == "tiny"


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (
            status(200, b"<html>not json</html>"),
            "the model server's reply was not a chat completion",
        ),
        (status(200, b'{"choices": []}'), "the model server's reply was not a chat completion"),
        (completion(""), "the model gave no answer text"),
        (
            completion("x" * (MAX_REPLY_BYTES + 1)),
            f"the model's reply was over {MAX_REPLY_BYTES} bytes",
        ),
        (completion("I cannot help with that."), "the model's answer was not JSON"),
        (completion('{"file_intent": "cut', "length"), "(cut off at the token limit)"),
    ],
)
def test_a_reply_that_is_no_answer_falls_back_saying_why(answer, reason):
    with ScriptedServer(answer) as server:
        metadata, _ = fallback(llm_app(server.base_url))
        assert len(server.requests) == 1
    assert reason in metadata["fallback_reason"]


def test_an_empty_file_asks_no_model():
    with ScriptedServer(completion(json.dumps(GOOD_ANSWER))) as server:
        answer = (
            llm_app(server.base_url)
            .test_client()
            .post(
                "/api/iris/analyze",
                json={"filename": "a.py", "language": "python", "source_code": ""},
            )
            .get_json()
        )
        assert server.requests == []
    assert answer["metadata"]["fallback_reason"] == "the file is empty: no model was asked"


# A model's answer, through the app


def test_the_request_is_our_prompt_with_the_numbered_source_and_the_schema():
    with ScriptedServer(completion(json.dumps(GOOD_ANSWER))) as server:
        analyze(llm_app(server.base_url, IRIS_LLM_API_KEY=SECRET))
        analyze(llm_app(server.base_url, IRIS_LLM_JSON_MODE="json_object"))
    schema_form, object_form = server.requests
    assert schema_form["model"] == "tiny"
    assert schema_form["response_format"]["type"] == "json_schema"
    assert object_form["response_format"]["type"] == "json_object"
    assert (
        object_form["response_format"]["schema"]
        == (schema_form["response_format"]["json_schema"]["schema"])
    )
    question = schema_form["messages"][-1]["content"]
    assert "5|def read_rows(path):" in question and "File: report.py" in question
    assert server.headers[0]["Authorization"] == f"Bearer {SECRET}"
    assert "Authorization" not in server.headers[1]


def test_the_models_answer_comes_back_with_what_it_cost_and_is_cached():
    with ScriptedServer(completion(json.dumps(GOOD_ANSWER))) as server:
        app = llm_app(server.base_url)
        first = analyze(app)
        second = analyze(app)
        assert len(server.requests) == 1
    assert first["file_intent"] == GOOD_ANSWER["file_intent"]
    assert first["responsibility_blocks"] == GOOD_ANSWER["responsibility_blocks"]
    metadata = first["metadata"]
    assert metadata["analyzer"] == "llm" and metadata["analyzer_version"] == PROMPT_VERSION
    assert (metadata["model"], metadata["input_tokens"], metadata["output_tokens"]) == (
        "scripted-model",
        321,
        45,
    )
    assert metadata["llm_latency_ms"] > 0 and "fallback_reason" not in metadata
    assert second["metadata"]["cached"] is True
    assert (second["metadata"]["input_tokens"], second["metadata"]["llm_latency_ms"]) == (0, 0)
    assert second["responsibility_blocks"] == first["responsibility_blocks"]


def test_one_connection_is_kept_for_the_next_call():
    with ScriptedServer(completion(json.dumps(GOOD_ANSWER))) as server:
        app = llm_app(server.base_url)
        analyze(app, SOURCE)
        analyze(app, SOURCE + "\n# changed")
    assert len(server.client_ports) == 2 and len(set(server.client_ports)) == 1


def test_a_kept_connection_the_server_closed_is_replaced_at_once_not_retried():
    """Under 1 s of timeout no retry is allowed, so each answer here came without one."""
    with ScriptedServer(hanging_up_after(completion(json.dumps(GOOD_ANSWER)))) as server:
        app = llm_app(server.base_url, IRIS_LLM_TIMEOUT_MS="900")
        answers = [analyze(app, SOURCE + "\n#" * n) for n in range(3)]
    assert [answer["metadata"]["analyzer"] for answer in answers] == ["llm"] * 3
    assert len(server.requests) == 3 and len(set(server.client_ports)) == 3


def test_a_mended_answer_says_what_was_mended():
    text = json.dumps(GOOD_ANSWER).replace("CSV row", "CSV\x01row")
    with ScriptedServer(
        completion(text[: text.index("JSON report writing") + 4], "length")
    ) as server:
        metadata = analyze(llm_app(server.base_url))["metadata"]
    assert metadata["analyzer"] == "llm"
    assert {"control_characters", "json_closed"} <= set(metadata["llm_repairs"])


def test_every_metadata_key_an_answer_can_carry_is_one_no_client_can_set():
    """The model's answer, a cached one, a fallback and a broken file: all their keys."""
    seen: set[str] = set()
    with (
        ScriptedServer(status(500)) as failing,
        ScriptedServer(completion(json.dumps(GOOD_ANSWER).replace("CSV", "CSV\x01"))) as working,
    ):
        for app in (llm_app(working.base_url), llm_app(failing.base_url)):
            for source in (SOURCE, SOURCE, "def broken(:\n"):
                seen.update(analyze(app, source)["metadata"])
    assert {"llm_repairs", "fallback_reason", "parse_problem", "model"} <= seen
    assert seen <= BACKEND_METADATA_KEYS


def test_the_log_line_has_the_calls_cost_and_never_the_key_or_source():
    with (
        ScriptedServer(status(500)) as failing,
        ScriptedServer(completion(json.dumps(GOOD_ANSWER))) as working,
    ):
        stderr = io.StringIO()
        with redirect_stderr(stderr):
            analyze(llm_app(working.base_url, IRIS_LLM_API_KEY=SECRET))
            analyze(llm_app(failing.base_url, IRIS_LLM_API_KEY=SECRET))
    lines = [json.loads(line) for line in stderr.getvalue().splitlines()]
    assert any(
        line["message"].startswith("analyze asks LlmAnalyzer('tiny' at ChatEndpoint(http://")
        for line in lines
    )
    calls = [line["llm"] for line in lines if line.get("path") == "/api/iris/analyze"]
    assert calls[0]["input_tokens"] == 321 and calls[0]["model"] == "scripted-model"
    assert calls[1]["fallback_reason"].startswith("the model server answered HTTP 500")
    assert SECRET not in stderr.getvalue() and "read_rows" not in stderr.getvalue()


# llama.cpp's server on a tiny random model


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    return write_tiny_model(tmp_path_factory.mktemp("model"))


@pytest.fixture(scope="module")
def llama(tiny_model):
    with llama_server(tiny_model) as base_url:
        yield base_url


def test_every_answer_about_every_sample_keeps_the_rules(llama):
    """Each sample twice, under two names: about half the answers are the model's, mended.

    The tiny model's answers are usable about half the time (labels of one
    word and empty ranges are the usual losses), so among 18 answers both who
    answers are all but certain to appear, whatever the sampler draws.
    """
    app = llm_app(llama, IRIS_LLM_JSON_MODE="json_object")
    analyzers = []
    for folder in ("src", "lib"):
        for path in SAMPLE_PATHS:
            source = path.read_text()
            started = time.perf_counter()
            answer = analyze(app, source, f"{folder}/{path.name}", LANGUAGE_OF_SUFFIX[path.suffix])
            assert time.perf_counter() - started < 12
            metadata = answer["metadata"]
            analyzers.append(metadata["analyzer"])
            if metadata["analyzer"] != "llm":
                assert metadata["fallback_reason"]
            assert metadata["model"] and metadata["llm_latency_ms"] > 0
    assert "llm" in analyzers and set(analyzers) != {"llm"}, analyzers


def test_a_server_that_takes_only_json_object_fails_the_json_schema_form(llama):
    """llama-cpp-python's server answers OpenAI's form with a 500: IRIS_LLM_JSON_MODE is for it."""
    metadata = analyze(llm_app(llama))["metadata"]
    assert metadata["analyzer"] == "iris-python"
    assert (
        metadata["fallback_reason"] == "the model server answered HTTP 500, again after one retry"
    )


def test_under_the_lambda_runtime_the_model_answers_and_without_it_the_builtin(
    llama,
    lambda_zip,  # noqa: F811  (the fixture imported above)
):
    """`make lambda`'s path: the zip under awslambdaric, the settings passed through."""
    request = json.dumps({"filename": "report.py", "language": "python", "source_code": SOURCE})
    for base_url in (llama, refused_url()):
        port = free_port()
        environ = {
            "IRIS_ANALYZER": "llm",
            "IRIS_LLM_BASE_URL": base_url,
            "IRIS_LLM_JSON_MODE": "json_object",
            "IRIS_LLM_MODEL": "tiny",
        }
        with local_lambda(lambda_zip, port, env=environ):
            response = http_request(
                port,
                "POST",
                "/api/iris/analyze",
                request.encode(),
                {"Content-Type": "application/json"},
            )
        assert response.status == 200
        answer = json.loads(response.body)
        assert all_rules(answer, editor_lines(SOURCE)) == []
        metadata = answer["metadata"]
        if base_url == llama:
            assert metadata["input_tokens"] > 0 and metadata["output_tokens"] > 0
            answered = metadata["analyzer"] == "llm"
            assert answered or metadata["fallback_reason"].startswith("the model's answer")
        else:
            assert metadata["analyzer"] == "iris-python" and metadata["model"] == "tiny"
            assert metadata["fallback_reason"].startswith("the model server could not be reached")
