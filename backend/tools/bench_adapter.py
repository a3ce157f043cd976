"""Benchmark the Lambda path: `handler` against apig-wsgi and a direct WSGI call.

Prints, from one run, medians and the ratios handler/apig-wsgi and
handler/floor for:

- warm: one invocation of `GET /health` and of `POST /api/iris/analyze` (a
  50-line Python file), for an HTTP API event and a REST API event, through
  `handler`, through apig-wsgi's handler (the reference) and through a direct
  WSGI call with a prepared environ (the floor), each in a process of its own;
- memory: peak RSS, threads and open files after the first invocation and after
  many more.

Cold starts, measured as Lambda runs them, are `tools/bench_cold_start.py`'s.

    python tools/bench_adapter.py [--repeats 3] [--invocations 10000]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
from collections.abc import Callable

from local_lambda.events import ClientRequest, http_api_event, rest_api_event
from machine import verdict
from processes import SRC_DIR, TOOLS_DIR, importing

QUIET = {**os.environ, "LOG_LEVEL": "WARNING", **importing(SRC_DIR, TOOLS_DIR)}
"""The benchmark measures the adapter, not the request log: the app logs warnings only."""
WARM_TARGET = 1.5
ALTERNATING_TARGET = 1.2
"""Warm `/health` as Lambda calls it, alternating with apig-wsgi: the figure the target is for."""
RSS_GROWTH_TARGET_KIB = 2048
SHAPES = {"HTTP API": http_api_event, "REST API": rest_api_event}
FIFTY_LINES = "\n".join(
    ['"""Fifty lines for the benchmark."""', "import os", ""]
    + [f"def step_{n}(value):\n    return value + {n}\n" for n in range(15)]
    + ["", "if __name__ == '__main__':", "    print(step_0(os.getpid()))"]
)


def requests() -> dict[str, ClientRequest]:
    body = json.dumps({"filename": "steps.py", "language": "python", "source_code": FIFTY_LINES})
    headers = [("Host", "abc123.execute-api.eu-west-1.amazonaws.com"), ("User-Agent", "bench")]
    return {
        "GET /health": ClientRequest("GET", "/health", headers=headers),
        "POST /api/iris/analyze": ClientRequest(
            "POST",
            "/api/iris/analyze",
            headers=[*headers, ("Content-Type", "application/json")],
            body=body.encode(),
        ),
    }


def direct_call(app: Callable, request: ClientRequest) -> Callable[[], bytes]:
    """The floor: the app called with an environ prepared once, only the body stream renewed."""
    from werkzeug.test import EnvironBuilder

    environ = EnvironBuilder(
        path=request.path, method=request.method, headers=request.headers, data=request.body
    ).get_environ()

    def call() -> bytes:
        fresh = dict(environ)
        fresh["wsgi.input"] = io.BytesIO(request.body)
        chunks = app(fresh, lambda status, headers, exc_info=None: None)
        try:
            return b"".join(chunks)
        finally:
            chunks.close()

    return call


def warm(repeats: int) -> dict[str, dict[str, float]]:
    """Per request, each path's µs per invocation, as a warm container sees it.

    A container runs one adapter, so each path runs in a process of its own
    (sharing one with the others would let them evict each other from the CPU
    caches between turns). Each process times a fixed Python loop between its
    rounds, and the figures are scaled by it, so a slow spell of a shared
    machine cancels out. The processes take turns, `repeats` times each.
    """
    runs: dict[str, list[dict[str, float]]] = {path: [] for path in PATHS}
    for _ in range(repeats):
        for path in PATHS:
            script = WARM_SCRIPT.format(path=path)
            output = run_script(script)
            runs[path].append(json.loads(output.strip().splitlines()[-1]))
    return {
        path: {name: statistics.median(run[name] for run in results) for name in results[0]}
        for path, results in runs.items()
    }


WARM_SCRIPT = """
import json, statistics, sys, time
from bench_adapter import SHAPES, call_for, requests, reference_loop
figures = {{}}
for shape, build in SHAPES.items():
    for name, request in requests().items():
        call = call_for({path!r}, build, request)
        for _ in range(300):
            call()
        rounds = []
        for _ in range(20):
            samples = []
            for _ in range(50):
                started = time.perf_counter()
                call()
                samples.append((time.perf_counter() - started) * 1e6)
            started = time.perf_counter()
            reference_loop()
            reference = (time.perf_counter() - started) * 1e6
            rounds.append(statistics.median(samples) / reference)
        figures[f"{{name}} ({{shape}})"] = statistics.median(rounds) * REFERENCE_US
print(json.dumps(figures))
""".replace("REFERENCE_US", "1000")


def run_script(script: str) -> str:
    """What a fresh Python process running `script` in `src/` prints."""
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=SRC_DIR,
        env=QUIET,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def reference_loop() -> int:
    """A fixed piece of pure Python, about a millisecond on the machine the figures come from."""
    return sum(number * number for number in range(20_000))


def call_for(path: str, build: Callable, request: ClientRequest) -> Callable[[], object]:
    """One invocation of `request`, in the event shape `build` makes, through `path`."""
    from server import app

    if path == "floor":
        return direct_call(app, request)
    event = build(request)
    if path == "handler":
        from lambda_handler import handler

        answer = handler(event, None)
    else:
        from apig_wsgi import make_lambda_handler

        handler = make_lambda_handler(app)
        answer = handler(event, None)
    expected = _without_timing(direct_call(app, request)())
    if answer["statusCode"] != 200 or _without_timing(answer["body"]) != expected:
        raise SystemExit(f"{path} answered {request.method} {request.path} differently: {answer}")
    return lambda: handler(event, None)


def _without_timing(body: str | bytes) -> object:
    """A JSON answer minus what varies from call to call."""
    answer = json.loads(body)
    if isinstance(answer.get("metadata"), dict):
        answer["metadata"].pop("duration_ms")
        answer["metadata"].pop("cached")
    return answer


PATHS = ("handler", "apig-wsgi", "floor")


ALTERNATING_SCRIPT = """
import json, statistics, sys, time
from bench_adapter import SHAPES, call_for, requests
figures = {{}}
for shape, build in SHAPES.items():
    for name, request in requests().items():
        ours = call_for("handler", build, request)
        reference = call_for("apig-wsgi", build, request)
        for _ in range(50):
            ours()
            reference()
        samples = {{"handler": [], "apig-wsgi": []}}
        for _ in range(200):
            for path, call in (("handler", ours), ("apig-wsgi", reference)):
                time.sleep(0.002)
                started = time.perf_counter()
                call()
                samples[path].append((time.perf_counter() - started) * 1e6)
        figures[f"{{name}} ({{shape}})"] = {{
            path: statistics.median(values) for path, values in samples.items()
        }}
print(json.dumps(figures))
"""


def alternating() -> dict[str, dict[str, float]]:
    """Median µs per call with the two handlers called in turn, idling 2 ms before each.

    A warm container idles between requests, so whatever it keeps (a worker
    thread, caches) is cold-ish when a request comes; back-to-back calls in a
    dedicated process hide that.
    """
    output = run_script(ALTERNATING_SCRIPT.format())
    return json.loads(output.strip().splitlines()[-1])


MEMORY_SCRIPT = """
import json, os, sys
from bench_adapter import SHAPES, call_for, requests
calls = [
    call_for({path!r}, build, request)
    for build in SHAPES.values()
    for request in requests().values()
]

def state():
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    return [peak, len(os.listdir("/proc/self/task")), len(os.listdir("/proc/self/fd"))]

for call in calls:
    call()
first = state()
for number in range({invocations} - len(calls)):
    calls[number % len(calls)]()
print(json.dumps([first, state()]))
"""


def memory(invocations: int) -> dict[str, tuple[list[int], list[int]]]:
    """(peak RSS KiB, threads, open files) after each request's first call and after all.

    The peak comes from /proc's VmHWM, which starts afresh with the process;
    getrusage's ru_maxrss would include the parent's size at the fork.
    """
    results = {}
    for path in PATHS:
        script = MEMORY_SCRIPT.format(path=path, invocations=invocations)
        output = run_script(script)
        first, last = json.loads(output.strip().splitlines()[-1])
        results[path] = (first, last)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="warm processes per path")
    parser.add_argument("--invocations", type=int, default=10_000)
    options = parser.parse_args()

    print(
        f"Warm: µs per invocation, each path in its own process, {options.repeats} processes each,"
        " scaled by a reference loop timed in the same process"
    )
    print(f"  {'':44}{'handler':>9}{'apig-wsgi':>11}{'floor':>8}{'h/apig':>8}{'h/floor':>9}")
    figures = warm(options.repeats)
    missed = False
    for name in figures["handler"]:
        handler, reference, floor = (
            figures[path][name] for path in ("handler", "apig-wsgi", "floor")
        )
        target = ""
        if "health" in name:
            target = f"  target {WARM_TARGET:.1f} {verdict(handler / reference <= WARM_TARGET)}"
            missed |= handler / reference > WARM_TARGET
        print(
            f"  {name:<44}{handler:9.0f}{reference:11.0f}{floor:8.0f}"
            f"{handler / reference:8.2f}{handler / floor:9.2f}{target}"
        )

    print(
        "\nWarm, as Lambda calls it: µs per call, the two handlers in turn, 2 ms idle before each"
    )
    print(f"  {'':44}{'handler':>9}{'apig-wsgi':>11}{'h/apig':>8}")
    for name, figure in alternating().items():
        ratio = figure["handler"] / figure["apig-wsgi"]
        target = ""
        if "health" in name:
            target = f"  target {ALTERNATING_TARGET:.1f} {verdict(ratio <= ALTERNATING_TARGET)}"
            missed |= ratio > ALTERNATING_TARGET
        print(
            f"  {name:<44}{figure['handler']:9.0f}{figure['apig-wsgi']:11.0f}{ratio:8.2f}{target}"
        )

    print(f"\nMemory: after the first call of each request, and after {options.invocations:,}")
    print(f"  {'':12}{'RSS KiB':>17}{'growth':>9}{'threads':>10}{'open files':>12}")
    results = memory(options.invocations)
    for path, (first, last) in results.items():
        growth = last[0] - first[0]
        ok = path != "handler" or (growth <= RSS_GROWTH_TARGET_KIB and first[1:] == last[1:])
        missed |= not ok
        print(
            f"  {path:<12}{first[0]:>8} → {last[0]:<7}{growth:>+8}{first[1]:>5} → {last[1]:<3}"
            f"{first[2]:>5} → {last[2]:<4}{verdict(ok) if path == 'handler' else ''}"
        )
    handler_rss, apig_rss, floor_rss = (results[p][1][0] for p in ("handler", "apig-wsgi", "floor"))
    print(f"  peak RSS h/apig {handler_rss / apig_rss:.2f}  h/floor {handler_rss / floor_rss:.2f}")
    if missed:
        raise SystemExit("bench_adapter: a figure is over its target")


if __name__ == "__main__":
    main()
