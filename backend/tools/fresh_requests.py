"""One request to a fresh process, on each path the backend runs on, measured from outside.

`measure(path, body, environ)` starts a new process for `path`: `python
server.py` ("server"), or a Python process that imports the Lambda handler and
invokes it with the HTTP API event API Gateway would send ("lambda"). It warms
the process with one small analyze request per analyzer, as a container that
has served before, then sends `body` to `POST /api/iris/analyze` and reports:

- the wall time: on the server path at the client, from sending the request to
  reading the whole answer; on the Lambda path, from decoding the event (as
  Lambda's runtime client does) to the handler's return;
- how far the process's resident memory rose above what it held idle: its
  peak (`VmHWM`, reset once idle through `/proc/<pid>/clear_refs`) less its
  idle size (`VmRSS`), so it is what this one request cost;
- the status and the size of the answer's body.

Linux only: the memory comes from `/proc`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from local_lambda.events import ClientRequest, http_api_event
from processes import (
    SRC_DIR,
    TOOLS_DIR,
    HttpResponse,
    free_port,
    http_request,
    importing,
    running,
)

PATHS = ("server", "lambda")
WARM_UPS = [
    json.dumps({"filename": "warm.py", "language": language, "source_code": source}).encode()
    for language, source in (("python", "import os\nx = os.sep\n"), ("javascript", "let x = 1\n"))
]
"""One small request per analyzer, so the analyzers' modules are loaded before idle."""
QUIET = {"LOG_LEVEL": "WARNING"}
LAMBDA_PROCESS = """
import gc, json, time
from fresh_requests import analyze_request, peak_and_resident, reset_peak
from local_lambda.events import ClientRequest, http_api_event
from lambda_handler import handler

def event_for(body):
    return http_api_event(analyze_request(body))

for body in {warm_ups!r}:
    handler(event_for(body), None)
gc.collect()
idle = peak_and_resident("self")[1]
reset_peak("self")
started = time.perf_counter()
with open({event_file!r}, "rb") as event_file:
    event = json.loads(event_file.read())
answer = handler(event, None)
wall = (time.perf_counter() - started) * 1000
growth = peak_and_resident("self")[0] - idle
print(json.dumps([wall, growth, answer["statusCode"], len(answer["body"])]))
"""


class Measured(NamedTuple):
    wall_ms: float
    peak_growth_mb: float
    status: int
    answer_bytes: int


def measure(path: str, body: bytes, environ: Mapping[str, str] | None = None) -> Measured:
    """`body` sent to a fresh process on `path` ("server" or "lambda"), with `environ` set."""
    environ = {**os.environ, **QUIET, **(environ or {})}
    if path == "server":
        return _through_the_server(body, environ)
    return _through_the_handler(body, environ)


def peak_and_resident(pid: str) -> tuple[float, float]:
    """The process's peak and present resident memory, in MB."""
    sizes = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            sizes[name] = int(value.split()[0]) / 1024
    return sizes["VmHWM"], sizes["VmRSS"]


def reset_peak(pid: str) -> None:
    """Start the peak afresh from the present size (Linux 4.0 and later)."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def _through_the_server(body: bytes, environ: dict[str, str]) -> Measured:
    port = free_port()
    command = [sys.executable, str(SRC_DIR / "server.py")]
    with running(command, port, SRC_DIR, {**environ, "PORT": str(port)}) as server:
        for warm_up in WARM_UPS:
            _post(port, warm_up)
        pid = str(server.process.pid)
        idle = peak_and_resident(pid)[1]
        reset_peak(pid)
        started = time.perf_counter()
        answer = _post(port, body)
        wall = (time.perf_counter() - started) * 1000
        peak = peak_and_resident(pid)[0]
    return Measured(wall, peak - idle, answer.status, len(answer.body))


def analyze_request(body: bytes) -> ClientRequest:
    """`POST /api/iris/analyze` with `body`, as a client sends it."""
    return ClientRequest(
        "POST", "/api/iris/analyze", "", [("content-type", "application/json")], body
    )


def _through_the_handler(body: bytes, environ: dict[str, str]) -> Measured:
    event = http_api_event(analyze_request(body))
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as event_file:
        json.dump(event, event_file)
    try:
        script = LAMBDA_PROCESS.format(warm_ups=WARM_UPS, event_file=event_file.name)
        output = subprocess.run(
            [sys.executable, "-c", script],
            cwd=SRC_DIR,
            env={**environ, **importing(SRC_DIR, TOOLS_DIR)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(event_file.name)
    wall, growth, status, answer_bytes = json.loads(output.strip().splitlines()[-1])
    return Measured(wall, growth, status, answer_bytes)


def _post(port: int, body: bytes) -> HttpResponse:
    headers = {"Content-Type": "application/json"}
    return http_request(port, "POST", "/api/iris/analyze", body, headers, timeout=120)
