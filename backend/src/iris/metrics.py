"""Request metrics in CloudWatch's Embedded Metric Format: one JSON object per request, on stdout.

CloudWatch reads metrics out of log lines shaped this way, so the function
needs no API call and no permission to publish them. Each request's object
carries, under the namespace `POWERTOOLS_METRICS_NAMESPACE` (default
`IRIS/Analysis`) and the dimension `service`:

- `Requests2xx` (or `1xx`, `3xx`, `4xx`, `5xx`): 1, by the answer's status class;
- for an analysis, `AnalysisLatency` (ms) and `CacheHits` (1 or 0, so the
  average is the hit rate);
- with the model analyzer, `ModelFallbacks` (1 or 0) and `InputTokens` and
  `OutputTokens` of the call;
- on the container's first request, `ColdStart` (1), under the dimensions
  `function_name` and `service` as Powertools' `Metrics` writes it, in a
  directive of its own in the same object.

The names come from `METRICS` alone and the dimensions are fixed, so no object
can pass the format's limits (100 metrics, 30 dimensions), whatever a request
holds. `IRIS_METRICS=off` writes none.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Mapping

METRICS: Mapping[str, str] = {
    "ColdStart": "Count",
    **{f"Requests{status_class}xx": "Count" for status_class in range(1, 6)},
    "AnalysisLatency": "Milliseconds",
    "CacheHits": "Count",
    "ModelFallbacks": "Count",
    "InputTokens": "Count",
    "OutputTokens": "Count",
}
"""Every metric the backend writes, with its unit."""
DIMENSIONS = ("service",)
COLD_START_DIMENSIONS = ("function_name", "service")
MAX_METRICS = 100
MAX_DIMENSIONS = 30
"""The Embedded Metric Format's limits for one object."""
LEVELS_ABOVE_INFO = ("WARNING", "ERROR", "CRITICAL")


def request_metrics(status: int, fields: Mapping[str, object]) -> dict[str, float]:
    """The metrics of a request that got `status`, from its log fields (`request_log`)."""
    values: dict[str, float] = {}
    if 100 <= status < 600:
        values[f"Requests{status // 100}xx"] = 1
    analysis_ms = _number(fields.get("analysis_ms"))
    if analysis_ms is not None:
        values["AnalysisLatency"] = analysis_ms
        values["CacheHits"] = 1 if fields.get("cached") is True else 0
    model_call = fields.get("llm")
    if isinstance(model_call, Mapping):
        values["ModelFallbacks"] = 1 if "fallback_reason" in model_call else 0
        for field, name in (("input_tokens", "InputTokens"), ("output_tokens", "OutputTokens")):
            tokens = _number(model_call.get(field))
            if tokens is not None:
                values[name] = tokens
    return values


def _number(value: object) -> float | None:
    """`value` if it is a finite number, which is all a metric may hold."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


class MetricsWriter:
    """Writes each request's metrics as one Embedded Metric Format object on stdout."""

    def __init__(self, namespace: str, service: str, log_format: str, log_level: str) -> None:
        self.namespace = namespace
        self.service = service
        self.level = log_level if log_format == "json" and log_level in LEVELS_ABOVE_INFO else None
        """Lambda's log-level filter drops JSON lines without a level as INFO: above INFO,
        the object carries the function's level so that the filter keeps it."""

    def write(self, values: Mapping[str, float], function_name: str | None = None) -> None:
        """One object for `values`; `ColdStart` is counted under `function_name`, if it is known."""
        line = self.line(values, function_name, int(time.time() * 1000))
        if line:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def line(
        self, values: Mapping[str, float], function_name: str | None, timestamp_ms: int
    ) -> str | None:
        """The object as one line: `_aws` metadata, dimensions, then each metric's value."""
        metrics = {name: value for name, value in values.items() if name in METRICS}
        cold_start = metrics.pop("ColdStart", None)
        directives = [self._directive(DIMENSIONS, metrics)] if metrics else []
        root: dict[str, object] = {"service": self.service}
        if cold_start is not None and function_name:
            directives.append(self._directive(COLD_START_DIMENSIONS, {"ColdStart": cold_start}))
            root["function_name"] = function_name
            metrics["ColdStart"] = cold_start
        if not directives:
            return None
        if self.level:
            root["level"] = self.level
        emf = {"_aws": {"Timestamp": timestamp_ms, "CloudWatchMetrics": directives}, **root}
        return json.dumps({**emf, **metrics}, separators=(",", ":"), ensure_ascii=False)

    def _directive(
        self, dimensions: tuple[str, ...], metrics: Mapping[str, float]
    ) -> dict[str, object]:
        """Which values are metrics, in what namespace, under which dimensions."""
        return {
            "Namespace": self.namespace,
            "Dimensions": [list(dimensions)],
            "Metrics": [{"Name": name, "Unit": METRICS[name]} for name in metrics],
        }
