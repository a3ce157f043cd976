"""Benchmark cold starts as Lambda runs them: the packaged zip, a read-only task root, awslambdaric.

Each figure is a fresh function process under AWS's runtime client, fed by
the local Runtime API exactly as `make lambda` runs it, with the zip unpacked
to a fresh task root it cannot write bytecode into (`PYTHONDONTWRITEBYTECODE`,
as Lambda's read-only `/var/task`). It is timed from process start to:

- the end of init, when the runtime first asks for work: what Lambda reports
  (and bills) as Init Duration;
- the first answered `GET /health`, and, in another process, the first
  answered `POST /api/iris/analyze` (which loads the analyzers).

Side by side, interleaved run by run:

- `shipped`: the zip as `make package` builds it, bytecode included;
- `no bytecode`: the same files with every `__pycache__` removed, as a zip
  built by `sam build` or Chalice ships;
- `apig-wsgi`: the same app behind apig-wsgi's handler, with bytecode;
- `floor`: a handler that only imports flask, flask-cors, mangum and asgiref.

Targets: shipped ≤ 0.55 × no bytecode on both paths; first `/health` ≤ 1.05 ×
the floor and ≤ 1.05 × apig-wsgi; first analyze ≤ 1.25 × the first `/health`.
The command exits 1 when one is missed.

    python tools/bench_cold_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import apig_wsgi
import package_lambda
from local_lambda.events import ClientRequest, http_api_event
from local_lambda.function import (
    RUNTIME_DIR_NAME,
    FunctionConfig,
    install_runtime_client,
    lambda_environment,
)
from local_lambda.runtime_api import Invocations, RuntimeApiServer
from machine import machine, verdict
from processes import BACKEND_DIR

LOCAL_VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"
LOCAL_ARCH = "arm64" if platform.machine() in ("aarch64", "arm64") else "x86_64"
BYTECODE_TARGET = 0.55
FLOOR_TARGET = 1.05
APIG_TARGET = 1.05
ANALYZE_TARGET = 1.25
HEALTH = http_api_event(ClientRequest("GET", "/health", headers=[("Host", "cold.example")]))
ANALYZE = http_api_event(
    ClientRequest(
        "POST",
        "/api/iris/analyze",
        headers=[("Host", "cold.example"), ("Content-Type", "application/json")],
        body=json.dumps(
            {
                "filename": "greet.py",
                "language": "python",
                "source_code": "1 | import sys\n2 | \n3 | def greet(name):\n4 |     return name\n",
            }
        ).encode(),
    )
)
APIG_HANDLER = (
    "from apig_wsgi import make_lambda_handler\nfrom server import app\n\n"
    "handler = make_lambda_handler(app)\n"
)
FLOOR_HANDLER = (
    "import asgiref.wsgi\nimport flask\nimport flask_cors\nimport mangum\n\n\n"
    "def handler(event, context):\n"
    '    return {"statusCode": 200, "body": "{\\"status\\":\\"ok\\"}"}\n'
)
VARIANTS = {
    "shipped": "lambda_handler.handler",
    "no bytecode": "lambda_handler.handler",
    "apig-wsgi": "apig_handler.handler",
    "floor": "floor_handler.handler",
}
CHECKS = [
    (("shipped", "health"), ("no bytecode", "health"), BYTECODE_TARGET),
    (("shipped", "analyze"), ("no bytecode", "analyze"), BYTECODE_TARGET),
    (("shipped", "health"), ("floor", "health"), FLOOR_TARGET),
    (("shipped", "health"), ("apig-wsgi", "health"), APIG_TARGET),
    (("shipped", "analyze"), ("shipped", "health"), ANALYZE_TARGET),
]
"""(numerator, denominator, target): each a ratio of median first answers."""
RUNS = [
    ("shipped", "health"),
    ("shipped", "analyze"),
    ("no bytecode", "health"),
    ("no bytecode", "analyze"),
    ("apig-wsgi", "health"),
    ("apig-wsgi", "analyze"),
    ("floor", "health"),
]


def task_roots(zip_path: Path, folder: Path) -> dict[str, Path]:
    """A fresh task root per variant, each unpacked from the same zip."""
    roots = {}
    for variant in VARIANTS:
        root = folder / variant.replace(" ", "-")
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(root)
        roots[variant] = root
    for cache in roots["no bytecode"].rglob("__pycache__"):
        shutil.rmtree(cache)
    shutil.copytree(Path(apig_wsgi.__file__).parent, roots["apig-wsgi"] / "apig_wsgi")
    (roots["apig-wsgi"] / "apig_handler.py").write_text(APIG_HANDLER)
    (roots["floor"] / "floor_handler.py").write_text(FLOOR_HANDLER)
    for variant in ("apig-wsgi", "floor"):
        package_lambda.compile_bytecode(sys.executable, roots[variant])
    return roots


def cold_start(root: Path, handler: str, event: dict, runtime_dir: Path) -> tuple[float, float]:
    """Milliseconds from process start to the end of init, and to the first answer."""
    invocations = Invocations("arn:aws:lambda:us-east-1:000000000000:function:bench")
    server = RuntimeApiServer(invocations)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = FunctionConfig(
        task_root=root, runtime_dir=runtime_dir, handler=handler, environment={"LOG_LEVEL": "ERROR"}
    )
    invocation = invocations.submit(event, 30.0)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-S", "-m", "awslambdaric", handler],
        cwd=root,
        env=lambda_environment(config, server.address),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        if not invocation.done.wait(60):
            raise SystemExit(f"{handler} in {root.name} gave no answer in 60 s")
        answered = time.perf_counter()
    finally:
        process.terminate()
        process.wait()
        server.shutdown()
        server.server_close()
    if invocation.error or (invocation.result or {}).get("statusCode") != 200:
        raise SystemExit(
            f"{handler} in {root.name} answered {invocation.result or invocation.error}"
        )
    assert invocations.first_asked_at is not None
    return (invocations.first_asked_at - started) * 1000, (answered - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="cold starts per figure")
    options = parser.parse_args()
    build_dir = BACKEND_DIR / "build"
    zip_path = build_dir / "bench" / f"lambda-python{LOCAL_VERSION}-{LOCAL_ARCH}.zip"
    package_lambda.main(
        [
            "--python-version",
            LOCAL_VERSION,
            "--architecture",
            LOCAL_ARCH,
            "--output",
            str(zip_path),
        ]
    )
    runtime_dir = install_runtime_client(build_dir / RUNTIME_DIR_NAME)
    print(
        f"Cold starts: {options.runs} rounds (and one uncounted) of {len(RUNS)} fresh function "
        "processes each; this takes a minute or two.",
        flush=True,
    )
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {run: [] for run in RUNS}
    with tempfile.TemporaryDirectory(prefix="cold-start-") as folder:
        roots = task_roots(zip_path, Path(folder))
        events = {"health": HEALTH, "analyze": ANALYZE}
        for number in range(options.runs + 1):
            for variant, request in RUNS:
                figure = cold_start(roots[variant], VARIANTS[variant], events[request], runtime_dir)
                if number:
                    samples[(variant, request)].append(figure)
    print(
        f"\nCold starts under awslambdaric, read-only task root, {options.runs} each, interleaved"
    )
    print(f"Machine: {machine()}")
    print(f"  {'':28}{'init ms (min/median/max)':>28}{'first answer ms (min/median/max)':>36}")
    medians = {}
    for (variant, request), figures in samples.items():
        inits, answers = [f[0] for f in figures], [f[1] for f in figures]
        medians[(variant, request)] = statistics.median(answers)
        print(
            f"  {variant + ', ' + request:<28}"
            f"{min(inits):10.1f}{statistics.median(inits):9.1f}{max(inits):9.1f}"
            f"{min(answers):14.1f}{statistics.median(answers):11.1f}{max(answers):11.1f}"
        )
    checks = [
        (f"{' '.join(top)} / {' '.join(bottom)}", medians[top] / medians[bottom], target)
        for top, bottom, target in CHECKS
    ]
    missed = False
    for name, ratio, target in checks:
        ok = ratio <= target
        missed |= not ok
        print(f"  {name:<40}{ratio:6.2f}  target ≤ {target:.2f}  {verdict(ok)}")
    if missed:
        raise SystemExit("bench_cold_start: a figure is over its target")


if __name__ == "__main__":
    main()
