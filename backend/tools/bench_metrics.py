"""Benchmark what the request metrics cost a warm `GET /health` on Lambda: on against off.

Prints, from one run, the median µs per invocation through `lambda_handler`'s
`make_handler` with the log as Lambda writes it (`AWS_LAMBDA_LOG_FORMAT=JSON`,
INFO, so the request line is written either way) and `IRIS_METRICS` on and
off, and the ratio on/off against its target (1.03). Both handlers live in one
process and take turns call by call, so a slow spell of a shared machine falls
on both alike; each round's ratio is of the two medians, and the figure is the
median round. stdout is a pipe that this process drains, as Lambda's runtime
reads the function's stdout.

    python tools/bench_metrics.py [--rounds 40] [--calls 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from machine import machine, verdict
from processes import SRC_DIR, TOOLS_DIR, importing

TARGET = 1.03
LAMBDA = {"AWS_LAMBDA_LOG_FORMAT": "JSON", "LOG_LEVEL": "INFO", "IRIS_API_KEYS": "k" * 20}

SCRIPT = """
import json, statistics, sys, time
from iris import create_app
from lambda_handler import make_handler
from local_lambda.events import ClientRequest, http_api_event

class Context:
    aws_request_id = "8f5e6a1c-1111-4a2b-9c3d-0123456789ab"
    function_name = "iris-backend"
    invoked_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:iris-backend"
    memory_limit_in_mb = "512"

event = http_api_event(ClientRequest("GET", "/health", headers=[("Host", "api.example")]))
handlers = {{
    switch: make_handler(create_app({{**{environ!r}, "IRIS_METRICS": switch}}))
    for switch in ("on", "off")
}}
for handler in handlers.values():
    for _ in range(300):
        assert handler(event, Context())["statusCode"] == 200
ratios, medians = [], {{"on": [], "off": []}}
for number in range({rounds}):
    samples = {{"on": [], "off": []}}
    for call in range({calls}):
        for switch in (("on", "off") if call % 2 else ("off", "on")):
            handler = handlers[switch]
            started = time.perf_counter()
            handler(event, Context())
            samples[switch].append((time.perf_counter() - started) * 1e6)
    for switch, values in samples.items():
        medians[switch].append(statistics.median(values))
    ratios.append(medians["on"][-1] / medians["off"][-1])
with open({result!r}, "w") as result:
    json.dump({{"ratios": ratios, "on": medians["on"], "off": medians["off"]}}, result)
"""


def measure(rounds: int, calls: int) -> dict[str, list[float]]:
    """Per round, the two handlers' median µs and the ratio, from a fresh process."""
    with tempfile.TemporaryDirectory(prefix="bench-metrics-") as folder:
        result = Path(folder) / "result.json"
        script = SCRIPT.format(
            environ=LAMBDA,
            rounds=rounds,
            calls=calls,
            result=str(result),
        )
        with subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            cwd=SRC_DIR,
            env={**os.environ, **LAMBDA, **importing(SRC_DIR, TOOLS_DIR)},
        ) as process:
            assert process.stdout is not None
            while process.stdout.read1(1 << 20):
                pass
        if process.returncode:
            raise SystemExit(f"bench_metrics: the measuring process failed ({process.returncode})")
        figures: dict[str, list[float]] = json.loads(result.read_text())
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="rounds, each a median of each")
    parser.add_argument("--calls", type=int, default=200, help="invocations of each per round")
    options = parser.parse_args()
    figures = measure(options.rounds, options.calls)
    ratio = statistics.median(figures["ratios"])
    quartiles = statistics.quantiles(figures["ratios"], n=4)
    print(
        f"Metrics on Lambda: warm GET /health (HTTP API), log as Lambda writes it, "
        f"{options.rounds} rounds of {options.calls} calls each"
    )
    print(f"Machine: {machine()}")
    print(f"  metrics on   {statistics.median(figures['on']):7.1f} µs per invocation")
    print(f"  metrics off  {statistics.median(figures['off']):7.1f} µs per invocation")
    print(
        f"  on/off {ratio:.3f} (quartiles {quartiles[0]:.3f} to {quartiles[2]:.3f})"
        f"  target ≤ {TARGET:.2f}  {verdict(ratio <= TARGET)}"
    )
    if ratio > TARGET:
        raise SystemExit("bench_metrics: metrics cost warm /health more than their target")


if __name__ == "__main__":
    main()
