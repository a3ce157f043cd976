"""On Lambda the log is what Powertools' `Logger` writes; locally it stays as it was.

Our lines are held to Powertools' own, made for the same invocations (cold and
warm, with and without an X-Ray trace) by Powertools in a process of its own:
the same keys, each meaning the same. Then Lambda's log controls: the level's
three variables and the format, alone and together, and what never appears.
"""

from __future__ import annotations

import json
import logging
import threading
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lambda_events import (
    SOURCES,
    ClientRequest,
    LambdaContext,
    json_request,
    read_response,
    to_event,
)
from reference_output import powertools_output, split_output

from iris import create_app
from iris.config import ConfigError
from iris.invocation import MAX_CORRELATION_ID_CHARS, ColdStart, invocation_fields
from iris.logs import FIELDS, LambdaText, LocalJsonLines, PowertoolsJson
from lambda_handler import make_handler

TRACE = "Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1"
ALB_TRACE = "Root=1-67891234-0123456789abcdef01234567"
LAMBDA_JSON = {"AWS_LAMBDA_LOG_FORMAT": "JSON", "IRIS_METRICS": "off"}
POWERTOOLS_ENVIRON = {
    "POWERTOOLS_SERVICE_NAME": "iris",
    "POWERTOOLS_METRICS_NAMESPACE": "IRIS/Analysis",
}


def health_request() -> ClientRequest:
    """`GET /health` as a client sends it; an ALB adds its trace id, so the event carries one."""
    return ClientRequest("GET", "/health", headers=[("X-Amzn-Trace-Id", ALB_TRACE)])


def invoke(handler, source: str, request: ClientRequest, trace: str | None, monkeypatch):
    """One invocation, with `_X_AMZN_TRACE_ID` set as Lambda's runtime sets it, or unset."""
    if trace:
        monkeypatch.setenv("_X_AMZN_TRACE_ID", trace)
    else:
        monkeypatch.delenv("_X_AMZN_TRACE_ID", raising=False)
    return read_response(handler(to_event(request, source), LambdaContext()), source)


def parsed_time(text: str) -> datetime:
    """Either timestamp: ours is RFC 3339, Powertools' default `2021-05-03 11:47:12,494+0000`."""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S,%f%z")


def assert_same_meaning(ours: dict, reference: dict) -> None:
    assert set(ours) == set(reference)
    for key in ("level", "message", "service", "cold_start", "function_name", "function_arn"):
        assert ours[key] == reference[key], key
    assert ours["function_request_id"] == reference["function_request_id"]
    assert int(ours["function_memory_size"]) == int(reference["function_memory_size"])
    assert ours.get("xray_trace_id") == reference.get("xray_trace_id")
    assert ours.get("correlation_id") == reference.get("correlation_id")
    for line in (ours, reference):
        function, _, line_number = line["location"].partition(":")
        assert function.isidentifier() and line_number.isdigit()
    now = datetime.now().astimezone()
    for line in (ours, reference):
        assert abs(parsed_time(line["timestamp"]) - now) < timedelta(minutes=5)


@pytest.mark.parametrize("source", SOURCES)
def test_request_lines_carry_powertools_keys_with_the_same_meaning(source, capsys, monkeypatch):
    handler = make_handler(create_app(LAMBDA_JSON))
    capsys.readouterr()
    traces = [TRACE, None, TRACE]
    for trace in traces:
        assert invoke(handler, source, health_request(), trace, monkeypatch).status == 200
    ours = [
        line for line in split_output(capsys.readouterr().out)[0] if line["message"] == "request"
    ]
    reference = powertools_output(
        [
            {
                "event": to_event(health_request(), source),
                "source": source,
                "trace": trace,
                "message": "request",
                "fields": {key: value for key, value in line.items() if key in FIELDS},
                "metrics": {"Requests2xx": ("Count", 1)},
            }
            for trace, line in zip(traces, ours, strict=True)
        ],
        POWERTOOLS_ENVIRON,
    )
    reference = [line for line in reference if "_aws" not in line]
    if source == "alb-multi":
        # Powertools' ALB path reads `headers` only, which an ALB with multi-value
        # headers leaves out; we read the same header where that ALB puts it.
        for line in reference:
            line["correlation_id"] = ALB_TRACE
    for our_line, reference_line in zip(ours, reference, strict=True):
        assert_same_meaning(our_line, reference_line)
    assert [line["cold_start"] for line in ours] == [True, False, False]
    assert [line.get("xray_trace_id") for line in ours] == [
        "1-67891233-abcdef012345678912345678",
        None,
        "1-67891233-abcdef012345678912345678",
    ]


def test_an_error_line_carries_powertools_exception_keys(capsys, monkeypatch):
    app = create_app(LAMBDA_JSON)

    @app.get("/boom")
    def boom():
        raise ZeroDivisionError("the trace")

    handler = make_handler(app)
    capsys.readouterr()
    answer = invoke(handler, "http", ClientRequest("GET", "/boom"), TRACE, monkeypatch)
    assert answer.status == 500
    assert b"the trace" not in answer.body
    error = next(line for line in split_output(capsys.readouterr().out)[0] if "exception" in line)
    reference = powertools_output(
        [
            {
                "event": to_event(ClientRequest("GET", "/boom"), "http"),
                "source": "http",
                "trace": TRACE,
                "message": error["message"],
                "fields": {key: value for key, value in error.items() if key in FIELDS},
                "metrics": {},
                "raise": True,
            }
        ],
        POWERTOOLS_ENVIRON,
    )
    assert_same_meaning(error, next(line for line in reference if "_aws" not in line))
    assert error["exception_name"] == "ZeroDivisionError"
    assert error["exception"].endswith("ZeroDivisionError: the trace")
    assert error["stack_trace"]["type"] == "ZeroDivisionError"
    assert error["stack_trace"]["frames"][-1]["function"] == "boom"


# Lambda's log controls: the level and the format, alone and together

LEVEL_CASES = [
    ({}, "INFO"),
    ({"LOG_LEVEL": "WARNING"}, "WARNING"),
    ({"POWERTOOLS_LOG_LEVEL": "debug"}, "DEBUG"),
    ({"AWS_LAMBDA_LOG_LEVEL": "ERROR"}, "ERROR"),
    ({"AWS_LAMBDA_LOG_LEVEL": "WARN"}, "WARNING"),
    ({"AWS_LAMBDA_LOG_LEVEL": "FATAL"}, "CRITICAL"),
    ({"AWS_LAMBDA_LOG_LEVEL": "TRACE"}, "DEBUG"),
    ({"POWERTOOLS_LOG_LEVEL": "ERROR", "LOG_LEVEL": "DEBUG"}, "ERROR"),
    ({"AWS_LAMBDA_LOG_LEVEL": "DEBUG", "POWERTOOLS_LOG_LEVEL": "ERROR"}, "DEBUG"),
    (
        {"AWS_LAMBDA_LOG_LEVEL": "WARN", "POWERTOOLS_LOG_LEVEL": "DEBUG", "LOG_LEVEL": "INFO"},
        "WARNING",
    ),
]
FORMATS = [None, "JSON", "Text", "json", "TEXT"]
API_KEY = "k" * 20
"""Set, so that no warning about an open API comes between the lines counted."""


def analyze_twice(handler) -> None:
    """An analysis (a DEBUG timing line, an INFO request line) and a 404 (an INFO line)."""
    request = json_request(
        "POST",
        "/api/iris/analyze",
        {"filename": "a.py", "language": "python", "source_code": ""},
        headers=[("x-api-key", API_KEY)],
    )
    handler(to_event(request, "http"), LambdaContext())
    handler(to_event(ClientRequest("GET", "/nowhere"), "http"), LambdaContext())


def levels_written(text: str, log_format: str | None) -> list[str]:
    if log_format is None or log_format.lower() == "json":
        return [json.loads(line)["level"] for line in text.splitlines()]
    return [line.split("\t", 1)[0].strip("[]") for line in text.splitlines()]


@pytest.mark.parametrize("log_format", FORMATS)
@pytest.mark.parametrize(("environ", "level"), LEVEL_CASES)
def test_the_level_and_format_variables_alone_and_together(environ, level, log_format, capsys):
    variables = {**environ, "IRIS_METRICS": "off", "IRIS_API_KEYS": API_KEY}
    if log_format is not None:
        variables["AWS_LAMBDA_LOG_FORMAT"] = log_format
    app = create_app(variables)
    assert app.config["IRIS_SETTINGS"].log_level == level
    capsys.readouterr()
    analyze_twice(make_handler(app))
    captured = capsys.readouterr()
    written, other = (captured.err, captured.out) if log_format is None else (captured.out, "")
    assert other == "", "locally the log is on stderr only; on Lambda on stdout only"
    expected = {"DEBUG": ["DEBUG", "INFO", "INFO"], "INFO": ["INFO", "INFO"]}.get(level, [])
    assert levels_written(written, log_format) == expected
    if log_format is None and written:
        assert {"time", "logger", "message"} <= set(json.loads(written.splitlines()[0]))
    elif log_format and log_format.lower() == "text" and written:
        assert all(not line.startswith("{") for line in written.splitlines())


@pytest.mark.parametrize(
    ("environ", "variable"),
    [
        ({"AWS_LAMBDA_LOG_LEVEL": "LOUD"}, "AWS_LAMBDA_LOG_LEVEL"),
        ({"POWERTOOLS_LOG_LEVEL": "chatty"}, "POWERTOOLS_LOG_LEVEL"),
        ({"AWS_LAMBDA_LOG_LEVEL": "INFO", "LOG_LEVEL": "bogus"}, "LOG_LEVEL"),
        ({"AWS_LAMBDA_LOG_FORMAT": "xml"}, "AWS_LAMBDA_LOG_FORMAT"),
    ],
)
def test_a_bad_level_or_format_names_its_variable(environ, variable):
    with pytest.raises(ConfigError, match=f"^{variable} must be"):
        create_app(environ)


def test_text_lines_are_lambdas_own_and_stay_one_line_whatever_the_path(capsys):
    app = create_app({"AWS_LAMBDA_LOG_FORMAT": "Text", "IRIS_METRICS": "off"})

    @app.get("/boom")
    def boom():
        raise ZeroDivisionError("two\nlines")

    handler = make_handler(app)
    capsys.readouterr()
    handler(to_event(ClientRequest("GET", "/odd%0Apath%09here"), "rest"), LambdaContext())
    handler(to_event(ClientRequest("GET", "/boom"), "rest"), LambdaContext())
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3, lines
    level, time, request_id, rest = lines[0].split("\t")
    assert (level, request_id) == ("[INFO]", LambdaContext.aws_request_id)
    assert datetime.strptime(time, "%Y-%m-%dT%H:%M:%S.%fZ")
    assert rest.startswith("request ") and 'path="/odd\\npath\\there"' in rest
    assert "status=404" in rest and "cold_start=true" in rest
    assert lines[1].startswith("[ERROR]\t") and "ZeroDivisionError: two\\nlines" in lines[1]


def test_locally_nothing_changes_unless_asked(capsys):
    client = create_app({}).test_client()
    capsys.readouterr()
    client.get("/health")
    captured = capsys.readouterr()
    assert captured.out == ""
    line = json.loads(captured.err)
    assert set(line) >= {"time", "level", "logger", "message", "method", "path", "status"}
    assert "cold_start" not in line and "service" not in line


@pytest.mark.parametrize("log_format", ["JSON", "Text"])
def test_no_body_key_cookie_or_query_is_ever_logged_on_lambda(log_format, capsys):
    app = create_app(
        {"AWS_LAMBDA_LOG_FORMAT": log_format, "LOG_LEVEL": "DEBUG", "IRIS_API_KEYS": "key-" * 5}
    )
    request = json_request(
        "POST",
        "/api/iris/analyze",
        {"filename": "a.py", "language": "python", "source_code": "password = 'SECRET-BODY'\n"},
        headers=[("x-api-key", "key-" * 5), ("Cookie", "session=SECRET-COOKIE")],
        query="token=SECRET-QUERY",
    )
    handler = make_handler(app)
    capsys.readouterr()
    for source in SOURCES:
        assert read_response(handler(to_event(request, source), LambdaContext()), source).status
    written = capsys.readouterr()
    assert written.out.count("\n") >= len(SOURCES) * 2
    for secret in ("SECRET-BODY", "key-key-", "SECRET-COOKIE", "SECRET-QUERY"):
        assert secret not in written.out + written.err


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=12,
)


@given(
    event=st.dictionaries(
        st.sampled_from(["requestContext", "headers", "multiValueHeaders", "version"]),
        JSON_VALUES
        | st.dictionaries(st.sampled_from(["elb", "requestId", "x-amzn-trace-id"]), JSON_VALUES),
    )
    | JSON_VALUES,
    memory=st.none() | st.integers() | st.text(max_size=5),
)
def test_invocation_fields_of_any_event_are_plain_values_and_never_raise(event, memory):
    context = LambdaContext(memory_limit_in_mb=memory)
    fields = invocation_fields({"aws.event": event, "aws.context": context}, ColdStart())
    correlation_id = fields.get("correlation_id")
    assert correlation_id is None or (
        isinstance(correlation_id, str) and len(correlation_id) <= MAX_CORRELATION_ID_CHARS
    )
    json.dumps(fields)


def test_a_cold_start_is_told_once_however_many_threads_ask():
    cold_start = ColdStart()
    answers: list[bool] = []
    threads = [
        threading.Thread(target=lambda: answers.append(cold_start.take())) for _ in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [False] * 15 + [True]
    assert ColdStart(provisioned=True).take() is False


@pytest.mark.parametrize("log_format", ["local", "json", "text"])
def test_a_line_with_any_text_in_it_can_be_written_as_utf8(log_format):
    """A model's reply can name its model with a lone surrogate; the line must still go out."""
    formatter = {"local": LocalJsonLines(), "json": PowertoolsJson("iris"), "text": LambdaText()}[
        log_format
    ]
    record = logging.LogRecord(
        "iris.requests", logging.INFO, __file__, 1, "re\ud800quest", (), None
    )
    record.llm = {"model": "tiny\ud800", "fallback_reason": "line\nbreak"}
    record.path = "/caf\u00e9\ud83d"
    line = formatter.format(record)
    assert "\n" not in line
    line.encode("utf-8")
