"""The Makefile as a user meets it: its targets, clean, an old Python, stopping run, bench."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BACKEND_DIR
from processes import exit_status, free_port, running, running_in_group, stop

USERS_MAKE = ["env", "-u", "MAKEFLAGS", "-u", "MAKELEVEL", "-u", "PYTHONUNBUFFERED", "make"]


def make(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*USERS_MAKE, "--no-print-directory", "-C", str(BACKEND_DIR), *arguments],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_make_alone_lists_the_targets_and_installs_nothing(tmp_path):
    completed = make(f"VENV={tmp_path / 'venv'}")
    assert completed.returncode == 0
    targets = [line.split()[0] for line in completed.stdout.splitlines()[1:]]
    assert targets == ["help", "run", "test", "bench", "package", "lambda", "compat", "clean"]
    assert not (tmp_path / "venv").exists()


def test_make_clean_leaves_only_the_sources(tmp_path):
    sources = ["Makefile", "src/server.py", "src/iris/api.py", "tests/test_pages.py", "tools/x.py"]
    made = [
        *(".venv/bin/python", ".venv-3.13/bin/python", ".venv-model-server/bin/python"),
        *("build/lambda-runtime-3.13/x", "dist/lambda-python3.13-arm64.zip"),
        *(".pytest_cache/README.md", ".ruff_cache/CACHEDIR.TAG", ".hypothesis/examples/x"),
        *("src/.mypy_cache/3.11/x.json", "src/__pycache__/server.cpython-311.pyc"),
        *("src/iris/__pycache__/api.cpython-313.pyc", "tests/__pycache__/x.pyc"),
        "tools/__pycache__/x.cpython-311.pyc",
    ]
    for name in sources[1:] + made:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    (tmp_path / "Makefile").write_bytes((BACKEND_DIR / "Makefile").read_bytes())
    completed = subprocess.run(
        [*USERS_MAKE, "-C", str(tmp_path), "clean"], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    left = sorted(str(path.relative_to(tmp_path)) for path in tmp_path.rglob("*") if path.is_file())
    assert left == sorted(sources)


def test_an_old_python_stops_make_with_one_line(tmp_path):
    old = tmp_path / "python3.10"
    old.write_text(
        "#!/bin/sh\n"
        'case "$2" in *executable*) echo "3.10.13 /opt/python3.10";; '
        '*"(3, 11)"*) exit 1;; esac\n'
    )
    old.chmod(0o755)
    completed = make("test", f"PYTHON={old}", f"VENV={tmp_path / 'venv'}")
    assert completed.returncode != 0
    first = completed.stderr.strip().splitlines()[0]
    assert first.startswith("make: the backend needs Python 3.11 or later")
    assert "3.10.13" in first
    assert not (tmp_path / "venv").exists()


def this_virtualenv() -> list[str]:
    """make's settings for the virtualenv these tests run in, so that make keeps it as it is."""
    recorded = Path(sys.prefix) / ".interpreter"
    if not recorded.is_file():
        pytest.fail(f"{sys.prefix} was not made by make: run the tests with `make -C backend test`")
    return [f"VENV={sys.prefix}", f"PYTHON={recorded.read_text().split(' ', 1)[1].strip()}"]


def descendants(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children] + [
        grandchild for child in children for grandchild in descendants(int(child))
    ]


@pytest.mark.parametrize("stopped", ["make", "server"])
def test_make_run_stops_with_nothing_left_serving_and_no_error(stopped):
    """`make run &` then `kill $!` signals make, which passes SIGTERM on to its recipe's process;
    a process manager may signal the server itself. Either way the port is free afterwards and
    make prints no error."""
    port = free_port()
    command = [*USERS_MAKE, "--no-print-directory", "-C", str(BACKEND_DIR), "run"]
    command += this_virtualenv()
    with running(command, port, BACKEND_DIR, {"PORT": str(port)}) as make_run:
        server = next(
            pid
            for pid in descendants(make_run.process.pid)
            if b"server.py" in Path(f"/proc/{pid}/cmdline").read_bytes()
        )
        os.kill(make_run.process.pid if stopped == "make" else server, signal.SIGTERM)
        status = exit_status(make_run.process, timeout=15)
        time.sleep(0.2)
        log = make_run.log()
        assert running_in_group(make_run.process.pid) == [], log
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    assert status == (-signal.SIGTERM if stopped == "make" else 0), log
    assert "***" not in log and "Error" not in log, log


def test_make_bench_runs_every_benchmark_then_fails_naming_those_that_missed(tmp_path):
    """Into a file, as a run is recorded: each benchmark's lines, its verdict in its place."""
    benchmarks = {
        "first.py": "print('first: ok')",
        "missing.py": "import sys; print('row 1'); print('a log line', file=sys.stderr); "
        "print('row 2'); raise SystemExit('missing: over target')",
        "last.py": "print('last: ok')",
    }
    for name, source in benchmarks.items():
        (tmp_path / name).write_text(source)
    listed = " ".join(str(tmp_path / name) for name in benchmarks)
    command = [*USERS_MAKE, "--no-print-directory", "-C", str(BACKEND_DIR), "bench"]
    command += this_virtualenv()
    make_bench = subprocess.Popen(
        [*command, f"BENCHMARKS={listed}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = make_bench.communicate(timeout=120)
    finally:
        stop(make_bench)
    lines = output.splitlines()
    assert make_bench.returncode == 2
    assert lines[:-1] == [
        "first: ok",
        "row 1",
        "a log line",
        "row 2",
        "missing: over target",
        "last: ok",
        f"make bench: a figure missed its target in {tmp_path / 'missing.py'}",
    ]
    assert lines[-1].startswith("make: *** ") and lines[-1].endswith("bench] Error 1")
