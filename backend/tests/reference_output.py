"""What operators' tools expect of our stdout: Powertools' output, and the EMF specification.

`powertools_output` runs Powertools for AWS Lambda's own `Logger` and
`Metrics` for the invocations a test describes, in a process of their own:
Powertools keeps its cold-start flags in module globals, and its `Logger`
takes over the logger named after the service, which is also our app's.

`emf_problems` checks an object against CloudWatch's Embedded Metric Format
specification, as written, so Powertools' objects and ours are checked the
same way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict
from numbers import Number

from lambda_events import LambdaContext

CORRELATION_PATHS = {
    "rest": "API_GATEWAY_REST",
    "http": "API_GATEWAY_HTTP",
    "function-url": "LAMBDA_FUNCTION_URL",
    "alb": "APPLICATION_LOAD_BALANCER",
    "alb-multi": "APPLICATION_LOAD_BALANCER",
}
"""Which of Powertools' `correlation_paths` an operator would name for each event source."""

SCRIPT = """
import json, os, sys
from types import SimpleNamespace
from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging import correlation_paths

logger = Logger(stream=sys.stdout)
metrics = Metrics()
for invocation in json.load(sys.stdin):
    if invocation["trace"]:
        os.environ["_X_AMZN_TRACE_ID"] = invocation["trace"]
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)

    def handler(event, context, invocation=invocation):
        if invocation["raise"]:
            try:
                raise ZeroDivisionError("the trace")
            except ZeroDivisionError:
                logger.exception(invocation["message"], extra=invocation["fields"])
        else:
            logger.info(invocation["message"], extra=invocation["fields"])
        for name, (unit, value) in invocation["metrics"].items():
            metrics.add_metric(name=name, unit=unit, value=value)

    handler = logger.inject_lambda_context(
        handler, correlation_id_path=getattr(correlation_paths, invocation["correlation_path"])
    )
    handler = metrics.log_metrics(handler, capture_cold_start_metric=True)
    handler(invocation["event"], SimpleNamespace(**invocation["context"]))
"""


def powertools_output(invocations: list[dict], environ: dict[str, str]) -> list[dict]:
    """Powertools' stdout, one object per line, for `invocations` made in one fresh container.

    Each invocation is a dict: `event`, `source`, `trace` (an `_X_AMZN_TRACE_ID`
    or None), the `message` and `fields` to log (with `raise`, as an error
    with a stack), and `metrics` as `{name: (unit, value)}`.
    """
    payload = [
        {
            "event": invocation["event"],
            "trace": invocation["trace"],
            "message": invocation["message"],
            "fields": invocation["fields"],
            "metrics": invocation["metrics"],
            "raise": invocation.get("raise", False),
            "correlation_path": CORRELATION_PATHS[invocation["source"]],
            "context": asdict(LambdaContext()),
        }
        for invocation in invocations
    ]
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": os.environ.get("PATH", ""), **environ},
    )
    assert completed.returncode == 0, completed.stderr
    return [json.loads(line) for line in completed.stdout.splitlines()]


UNITS = frozenset(
    "Seconds Microseconds Milliseconds Bytes Kilobytes Megabytes Gigabytes Terabytes Bits "
    "Kilobits Megabits Gigabits Terabits Percent Count Bytes/Second Kilobytes/Second "
    "Megabytes/Second Gigabytes/Second Terabytes/Second Bits/Second Kilobits/Second "
    "Megabits/Second Gigabits/Second Terabits/Second Count/Second None".split()
)
MAX_DIMENSIONS = 30
MAX_METRICS = 100
MAX_VALUES = 100


def emf_problems(emf: object) -> list[str]:
    """What in `emf` breaks the Embedded Metric Format specification; empty if nothing does."""
    if not isinstance(emf, dict) or not isinstance(emf.get("_aws"), dict):
        return ["not an object with an _aws member"]
    metadata = emf["_aws"]
    problems = []
    if not isinstance(metadata.get("Timestamp"), int) or metadata["Timestamp"] < 0:
        problems.append("_aws.Timestamp is not milliseconds since the epoch")
    directives = metadata.get("CloudWatchMetrics")
    if not isinstance(directives, list) or not directives:
        return [*problems, "_aws.CloudWatchMetrics is not a list of directives"]
    for directive in directives:
        namespace = directive.get("Namespace")
        if not isinstance(namespace, str) or not 1 <= len(namespace) <= 255:
            problems.append(f"bad namespace {namespace!r}")
        for dimensions in directive.get("Dimensions", []):
            if len(dimensions) > MAX_DIMENSIONS:
                problems.append(f"more than {MAX_DIMENSIONS} dimensions: {dimensions}")
            for key in dimensions:
                value = emf.get(key)
                if not isinstance(value, str) or not 1 <= len(value) <= 1024:
                    problems.append(f"dimension {key!r} has no string value at the root")
        metrics = directive.get("Metrics")
        if not isinstance(metrics, list) or len(metrics) > MAX_METRICS:
            problems.append(f"Metrics is not a list of at most {MAX_METRICS}")
            continue
        for definition in metrics:
            name = definition.get("Name")
            if definition.get("Unit", "None") not in UNITS:
                problems.append(f"{name}: unit {definition['Unit']!r} is not CloudWatch's")
            if definition.get("StorageResolution", 60) not in (1, 60):
                problems.append(f"{name}: storage resolution is not 1 or 60")
            value = emf.get(name)
            values = value if isinstance(value, list) else [value]
            if not values or len(values) > MAX_VALUES or not all(_is_number(v) for v in values):
                problems.append(f"{name}: no number or list of at most {MAX_VALUES} at the root")
    return problems


def _is_number(value: object) -> bool:
    return isinstance(value, Number) and not isinstance(value, bool)


def emf_metrics(emf: dict) -> set[tuple]:
    """Each metric of an object as (namespace, dimensions and their values, name, unit, values)."""
    found = set()
    for directive in emf["_aws"]["CloudWatchMetrics"]:
        for dimensions in directive["Dimensions"]:
            dimension_values = tuple(sorted((key, emf[key]) for key in dimensions))
            for definition in directive["Metrics"]:
                value = emf[definition["Name"]]
                values = tuple(float(v) for v in (value if isinstance(value, list) else [value]))
                found.add(
                    (
                        directive["Namespace"],
                        dimension_values,
                        definition["Name"],
                        definition.get("Unit", "None"),
                        values,
                    )
                )
    return found


def split_output(text: str) -> tuple[list[dict], list[dict]]:
    """Stdout's JSON lines, as (log lines, EMF objects); any other line fails the test."""
    logs, metrics = [], []
    for line in text.splitlines():
        record = json.loads(line)
        (metrics if "_aws" in record else logs).append(record)
    return logs, metrics
