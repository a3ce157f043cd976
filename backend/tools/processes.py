"""Real processes for the tests and the benchmarks: a free port, a server started and stopped, HTTP.

A Python process started here that imports the backend's modules or the
tools finds them through its `PYTHONPATH` (`importing`), never by editing
`sys.path`.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parent.parent
SRC_DIR = BACKEND_DIR / "src"
TOOLS_DIR = BACKEND_DIR / "tools"
STARTUP_TIMEOUT = 60.0


@dataclass
class Server:
    """A started process and the file its output goes to."""

    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def importing(*folders: Path) -> dict[str, str]:
    """The environment a new Python process needs to import modules from `folders`."""
    return {"PYTHONPATH": os.pathsep.join(str(folder) for folder in folders)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_listening(server: Server, port: int, timeout: float = STARTUP_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (status := exit_status(server.process)) is not None:
            raise RuntimeError(f"exited with {status}:\n{server.log()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on port {port} within {timeout} s:\n{server.log()}")


@contextmanager
def running(
    command: list[str], port: int, cwd: Path, env: Mapping[str, str] | None = None
) -> Iterator[Server]:
    """Start `command`, wait until it listens on `port`; stop it and its children afterwards.

    Output goes to a file, not a pipe: a pipe nobody reads fills up and stalls
    a chatty server.
    """
    with tempfile.NamedTemporaryFile(prefix="server-", suffix=".log", delete=False) as log:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, Path(log.name))
    try:
        wait_until_listening(server, port)
        yield server
    finally:
        stop(process)
        server.log_path.unlink(missing_ok=True)


def stop(process: subprocess.Popen) -> None:
    """SIGTERM for the whole process group, as a process manager stops a service; then SIGKILL
    for whatever of it is left once its first process has ended, or has ignored SIGTERM for 15 s.

    Not Ctrl-C's SIGINT: a job a script starts in the background (`make test &`,
    or `nohup make test` from a script) inherits SIGINT ignored, and Python keeps
    it ignored, so every server would sit out the whole grace period and then be
    killed before it could clean up after itself. Every server started here
    stops on SIGTERM as it does on Ctrl-C.

    The group is signalled only while its first process is unreaped: until then
    no other process can be given its id, so no signal can reach a stranger's
    processes. Tests wait for a process with `exit_status`, which leaves it so.
    """
    if process.returncode is None:
        os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        while exit_status(process) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def exit_status(process: subprocess.Popen, timeout: float = 0) -> int | None:
    """The status `Popen.wait` would give once `process` has ended (None before), left unreaped.

    Waits up to `timeout` seconds for it to end.
    """
    deadline = time.monotonic() + timeout
    while True:
        ended = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        if ended is not None and ended.si_pid:
            return ended.si_status if ended.si_code == os.CLD_EXITED else -ended.si_status
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.02)


def running_in_group(group: int) -> list[int]:
    """The processes of process group `group` that have not ended (Linux's /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue
        state, _, pgrp = stat.rpartition(")")[2].split()[:3]
        if int(pgrp) == group and state != "Z":
            members.append(int(entry.name))
    return members


def with_ctrl_c(command: list[str]) -> list[str]:
    """`command`, run with Ctrl-C's signal at its default, as a terminal's foreground job has it.

    An ignored SIGINT survives `exec`, so a test of what Ctrl-C does must undo
    whatever the test runner inherited before the command starts.
    """
    return [sys.executable, "-c", _RESTORE_CTRL_C, *command]


_RESTORE_CTRL_C = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execvp(sys.argv[1], sys.argv[1:])"
)


def serve_locally(
    port: int, cwd: Path, server: Path, env: Mapping[str, str] | None = None
) -> AbstractContextManager[Server]:
    """`python server.py` as a laptop runs it."""
    return running([sys.executable, str(server)], port, cwd, {"PORT": str(port), **(env or {})})


@dataclass
class HttpResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def http_request(
    port: int,
    method: str,
    path: str,
    body: bytes | Iterable[bytes] | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30,
) -> HttpResponse:
    """One request on a fresh connection; an iterable body goes chunked, with no Content-Length."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=dict(headers or {}))
        response = connection.getresponse()
        return HttpResponse(
            response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        )
    finally:
        connection.close()
