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
from collections.abc import Mapping

from iris.config import LOCAL_LOG

_STATUS_CLASSES = {status_class: f"Requests{status_class}xx" for status_class in range(1, 6)}
METRICS: Mapping[str, str] = {
    "ColdStart": "Count",
    **{name: "Count" for name in _STATUS_CLASSES.values()},
    "AnalysisLatency": "Milliseconds",
    "CacheHits": "Count",
    "ModelFallbacks": "Count",
    "InputTokens": "Count",
    "OutputTokens": "Count",
}
"""Every metric the backend writes, with its unit."""
DIMENSIONS = ("service",)
COLD_START_DIMENSIONS = ("function_name", "service")
LEVELS_ABOVE_INFO = ("WARNING", "ERROR", "CRITICAL")


def request_metrics(status: int, fields: Mapping[str, object]) -> dict[str, float]:
    """The metrics of a request that got `status`, from its log fields (`request_log`)."""
    values: dict[str, float] = {}
    if 100 <= status < 600:
        values[_STATUS_CLASSES[status // 100]] = 1
    if not fields:
        return values
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
    """Each request's metrics as one Embedded Metric Format object, written on stdout.

    Only the timestamp, the values and the function's name change from one
    request to the next: the rest of an object (its directives, the service,
    the level) is serialised once per set of metric names and kept. The sets
    are subsets of `METRICS` in `request_metrics`' order, so there are few of
    them, and no more than `MAX_LAYOUTS` are kept whatever callers pass.
    """

    MAX_LAYOUTS = 64

    def __init__(self, namespace: str, service: str, log_format: str, log_level: str) -> None:
        self.namespace = namespace
        self.service = service
        self.level = log_level if log_format == "json" and log_level in LEVELS_ABOVE_INFO else None
        """Lambda's log-level filter drops JSON lines without a level as INFO: above INFO,
        the object carries the function's level so that the filter keeps it."""
        self.with_log = log_format != LOCAL_LOG
        """Lambda's log is on stdout too, so an object can go out in the log line's write."""
        self._layouts: dict[tuple[str, ...], str] = {}

    def line(
        self, values: Mapping[str, float], function_name: str | None, timestamp_ms: int
    ) -> str | None:
        """The object as one line, or None if no value is a metric to write.

        `values` are finite numbers, as `request_metrics` makes them. `ColdStart`
        is counted under `function_name`, as Powertools counts it, so without
        one it is left out.
        """
        metrics = [
            (name, value)
            for name, value in values.items()
            if name in METRICS and (function_name or name != "ColdStart")
        ]
        if not metrics:
            return None
        names = tuple([name for name, _ in metrics])
        layout = self._layouts.get(names) or self._layout(names)
        named = f',"function_name":{json.dumps(function_name)}' if "ColdStart" in names else ""
        numbers = "".join([f',"{name}":{value!r}' for name, value in metrics])
        return f'{{"_aws":{{"Timestamp":{timestamp_ms},{layout}{named}{numbers}}}'

    def write(self, line: str) -> None:
        """`line` on stdout on its own, when it cannot go out with the request's log line."""
        sys.stdout.write(line + "\n")
        sys.stdout.flush()

    def _layout(self, names: tuple[str, ...]) -> str:
        """What follows the timestamp up to the values: the directives, service and level."""
        request_names = [name for name in names if name != "ColdStart"]
        directives = [self._directive(DIMENSIONS, request_names)] if request_names else []
        if "ColdStart" in names:
            directives.append(self._directive(COLD_START_DIMENSIONS, ["ColdStart"]))
        root: dict[str, object] = {"service": self.service}
        if self.level:
            root["level"] = self.level
        layout = (
            f'"CloudWatchMetrics":{json.dumps(directives, separators=(",", ":"))}}},'
            + json.dumps(root, separators=(",", ":"), ensure_ascii=False)[1:-1]
        )
        if len(self._layouts) < self.MAX_LAYOUTS:
            self._layouts[names] = layout
        return layout

    def _directive(self, dimensions: tuple[str, ...], names: list[str]) -> dict[str, object]:
        """Which values are metrics, in what namespace, under which dimensions."""
        return {
            "Namespace": self.namespace,
            "Dimensions": [list(dimensions)],
            "Metrics": [{"Name": name, "Unit": METRICS[name]} for name in names],
        }
