"""Each request's metrics in the Embedded Metric Format, as Powertools writes them.

Our objects are checked against the format's specification and against the
objects Powertools writes for the same metrics of the same invocations: the
same namespace, dimensions and values, metric names and units, a timestamp
in milliseconds. Then: one object per request beside its log line, a cold
start counted once, the switch, the limits, and what analyses and the model
add.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lambda_events import SOURCES, ClientRequest, LambdaContext, json_request, to_event
from model_servers import ScriptedServer, completion, status
from reference_output import emf_metrics, emf_problems, powertools_output, split_output

from iris import create_app
from iris.metrics import COLD_START_DIMENSIONS, DIMENSIONS, METRICS, MetricsWriter, request_metrics
from lambda_handler import make_handler

LAMBDA = {"AWS_LAMBDA_LOG_FORMAT": "JSON"}
SOURCE = "import json\n\n\ndef load(path):\n    return json.load(open(path))\n"
ANSWER = {
    "file_intent": "JSON file loading",
    "responsibility_blocks": [
        {"label": "JSON file loading", "description": "Reads a file.", "ranges": [[1, 5]]}
    ],
}


def analysis(source: str = SOURCE) -> ClientRequest:
    return json_request(
        "POST",
        "/api/iris/analyze",
        {"filename": "a.py", "language": "python", "source_code": source},
    )


def by_request(lines: list[dict]) -> list[tuple[dict, list[dict]]]:
    """Stdout's lines grouped per request: its log line, and the EMF objects written after it."""
    groups: list[tuple[dict, list[dict]]] = []
    for line in lines:
        if "_aws" in line:
            groups[-1][1].append(line)
        elif line.get("message") == "request":
            groups.append((line, []))
    return groups


def stdout_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines()]


def test_our_objects_are_powertools_objects_for_the_same_metrics(capsys):
    handler = make_handler(create_app(LAMBDA))
    requests = [analysis(), analysis(), ClientRequest("GET", "/nowhere")]
    capsys.readouterr()
    for request in requests:
        handler(to_event(request, "http"), LambdaContext())
    ours = by_request(stdout_lines(capsys.readouterr().out))
    assert [len(objects) for _, objects in ours] == [1, 1, 1]
    reference = by_request(
        powertools_output(
            [
                {
                    "event": to_event(request, "http"),
                    "source": "http",
                    "trace": None,
                    "message": "request",
                    "fields": {},
                    "metrics": {
                        name: (METRICS[name], value)
                        for name, value in objects[0].items()
                        if name in METRICS and name != "ColdStart"
                    },
                }
                for request, (_, objects) in zip(requests, ours, strict=True)
            ],
            {"POWERTOOLS_SERVICE_NAME": "iris", "POWERTOOLS_METRICS_NAMESPACE": "IRIS/Analysis"},
        )
    )
    now_ms = time.time() * 1000
    for (_, our_objects), (_, reference_objects) in zip(ours, reference, strict=True):
        for emf in our_objects + reference_objects:
            assert emf_problems(emf) == []
            assert abs(emf["_aws"]["Timestamp"] - now_ms) < 60_000
        reference_metrics = set().union(*(emf_metrics(emf) for emf in reference_objects))
        assert emf_metrics(our_objects[0]) == reference_metrics
    first = {metric[2]: metric for metric in emf_metrics(ours[0][1][0])}
    assert first["ColdStart"][:2] == (
        "IRIS/Analysis",
        (("function_name", LambdaContext.function_name), ("service", "iris")),
    )
    assert first["Requests2xx"][1:] == ((("service", "iris"),), "Requests2xx", "Count", (1.0,))
    assert first["CacheHits"][4] == (0.0,)
    assert {metric[2] for metric in emf_metrics(ours[1][1][0])} == {
        "Requests2xx",
        "AnalysisLatency",
        "CacheHits",
    }
    assert ours[1][1][0]["CacheHits"] == 1
    assert {metric[2] for metric in emf_metrics(ours[2][1][0])} == {"Requests4xx"}


@pytest.mark.parametrize("source", SOURCES)
def test_one_line_and_one_object_per_request_and_one_cold_start(source, capsys):
    handler = make_handler(create_app(LAMBDA))
    requests = [ClientRequest("GET", "/health"), analysis(), ClientRequest("GET", "/x"), analysis()]
    capsys.readouterr()
    for request in requests:
        handler(to_event(request, source), LambdaContext())
    out = capsys.readouterr().out
    logs, objects = split_output(out)
    assert len(logs) == len(objects) == len(requests)
    assert [line["cold_start"] for line in logs] == [True, False, False, False]
    assert [("ColdStart" in emf) for emf in objects] == [True, False, False, False]
    assert all(emf_problems(emf) == [] for emf in objects)


def test_provisioned_concurrency_meets_no_cold_start(capsys):
    handler = make_handler(
        create_app({**LAMBDA, "AWS_LAMBDA_INITIALIZATION_TYPE": "provisioned-concurrency"})
    )
    capsys.readouterr()
    handler(to_event(ClientRequest("GET", "/health"), "http"), LambdaContext())
    logs, objects = split_output(capsys.readouterr().out)
    assert logs[0]["cold_start"] is False and "ColdStart" not in objects[0]


@pytest.mark.parametrize(
    ("environ", "written"),
    [
        ({}, False),
        ({"IRIS_METRICS": "on"}, True),
        (LAMBDA, True),
        ({"AWS_LAMBDA_LOG_FORMAT": "Text"}, True),
        ({**LAMBDA, "IRIS_METRICS": "off"}, False),
        ({**LAMBDA, "IRIS_METRICS": "OFF"}, False),
    ],
)
def test_metrics_are_on_on_lambda_and_off_locally_unless_asked(environ, written, capsys):
    client = create_app(environ).test_client()
    capsys.readouterr()
    client.get("/health")
    objects = [line for line in capsys.readouterr().out.splitlines() if line.startswith('{"_aws"')]
    assert len(objects) == (1 if written else 0)


def test_the_namespace_and_service_come_from_powertools_variables(capsys):
    environ = {
        **LAMBDA,
        "POWERTOOLS_METRICS_NAMESPACE": "Team/Reader",
        "POWERTOOLS_SERVICE_NAME": "iris-eu",
    }
    create_app(environ).test_client().get("/health")
    logs, objects = split_output(capsys.readouterr().out)
    assert logs[-1]["service"] == objects[-1]["service"] == "iris-eu"
    assert objects[-1]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Team/Reader"


@pytest.mark.parametrize(
    "namespace", ["AWS/Lambda", "x" * 256, "IRIS\nAnalysis", "IRIS/Ånalysis", "IRIS/Analysis;"]
)
def test_a_namespace_cloudwatch_would_drop_stops_the_app(namespace):
    with pytest.raises(ValueError, match=r"^POWERTOOLS_METRICS_NAMESPACE must be"):
        create_app({**LAMBDA, "POWERTOOLS_METRICS_NAMESPACE": namespace})


@pytest.mark.parametrize(
    ("level", "tagged"), [("WARN", "WARNING"), ("ERROR", "ERROR"), ("INFO", None), ("DEBUG", None)]
)
def test_objects_survive_lambdas_level_filter_when_the_log_is_quieter(level, tagged, capsys):
    """Lambda drops JSON lines without a level as INFO when its level is higher."""
    create_app({**LAMBDA, "AWS_LAMBDA_LOG_LEVEL": level}).test_client().get("/health")
    logs, objects = split_output(capsys.readouterr().out)
    assert len(objects) == 1 and objects[0].get("level") == tagged
    requests = [line for line in logs if line["message"] == "request"]
    assert len(requests) == (0 if tagged else 1)


def test_the_model_analyzer_adds_fallbacks_and_tokens(capsys):
    with (
        ScriptedServer(completion(json.dumps(ANSWER))) as working,
        ScriptedServer(status(500)) as failing,
    ):
        for server in (working, failing):
            app = create_app(
                {**LAMBDA, "IRIS_ANALYZER": "llm", "IRIS_LLM_BASE_URL": server.base_url}
            )
            make_handler(app)(to_event(analysis(), "http"), LambdaContext())
    _, objects = split_output(capsys.readouterr().out)
    answered, fell_back = objects[-2:]
    assert (answered["ModelFallbacks"], answered["InputTokens"], answered["OutputTokens"]) == (
        0,
        321,
        45,
    )
    assert fell_back["ModelFallbacks"] == 1 and "InputTokens" not in fell_back
    assert all(emf_problems(emf) == [] for emf in objects)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children),
    max_leaves=10,
)


@given(
    status=st.integers(100, 599),
    fields=st.dictionaries(
        st.sampled_from(["analysis_ms", "cached", "llm", "timing", "path", "other"])
        | st.text(max_size=5),
        JSON_VALUES
        | st.dictionaries(
            st.sampled_from(["input_tokens", "output_tokens", "fallback_reason"]), JSON_VALUES
        ),
    ),
    cold=st.booleans(),
)
def test_no_request_can_make_an_object_past_the_formats_limits(status, fields, cold):
    values = request_metrics(status, fields)
    if cold:
        values["ColdStart"] = 1
    assert set(values) <= set(METRICS)
    line = MetricsWriter("IRIS/Analysis", "iris", "json", "INFO").line(values, "fn", 1)
    emf = json.loads(line)
    assert emf_problems(emf) == []
    assert sum(len(d["Metrics"]) for d in emf["_aws"]["CloudWatchMetrics"]) <= 100


def test_the_catalog_stays_within_the_formats_limits():
    assert len(METRICS) <= 100
    assert len(DIMENSIONS) <= 30 and len(COLD_START_DIMENSIONS) <= 30
    everything = {name: 1 for name in METRICS}
    emf = json.loads(
        MetricsWriter("IRIS/Analysis", "iris", "json", "INFO").line(everything, "fn", 1)
    )
    assert emf_problems(emf) == []
    assert {metric[2] for metric in emf_metrics(emf)} == set(METRICS)
