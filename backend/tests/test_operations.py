"""Issue: developer and operator experience: request ids, JSON everywhere, one-line errors."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BACKEND_DIR, SRC_DIR
from lambda_events import SOURCES, LambdaContext, json_request, read_response, to_event
from processes import exit_status, free_port, running, running_in_group, serve_locally, stop

from iris import create_app
from lambda_handler import make_handler


def test_the_welcome_lists_every_route_but_itself_and_the_static_files(app, client):
    elsewhere = "api.elsewhere_in_the_api"
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != elsewhere}
    routes -= {"/", "/static/<path:filename>"}
    assert sorted(client.get("/").json["endpoints"].values()) == sorted(routes)


def test_every_local_answer_carries_a_fresh_request_id(client, caplog):
    first = client.get("/health").headers["X-Request-Id"]
    second = client.get("/no/such/page")
    assert first and first != second.headers["X-Request-Id"]
    assert second.json["request_id"] == second.headers["X-Request-Id"]


@pytest.mark.parametrize(
    ("offered", "kept"),
    [("trace-123.abc:9", True), ("x" * 65, False), ("has space", False), ('"quoted"', False)],
)
def test_a_callers_safe_request_id_is_kept_and_any_other_replaced(client, offered, kept):
    answer = client.get("/health", headers={"X-Request-Id": offered}).headers["X-Request-Id"]
    assert (answer == offered) is kept
    assert len(answer) <= 64


def test_the_request_id_is_in_the_log_line(client, capsys):
    answer = client.get("/health", headers={"X-Request-Id": "find-me-42"})
    line = [json.loads(text) for text in capsys.readouterr().err.splitlines() if "find-me" in text]
    assert answer.headers["X-Request-Id"] == "find-me-42"
    assert line and line[-1]["request_id"] == "find-me-42"


@pytest.mark.parametrize("source", SOURCES)
def test_on_lambda_the_request_id_is_the_lambda_request_id(source):
    handler = make_handler(create_app({}))
    request = json_request("POST", "/api/iris/analyze", {"language": "python"})
    request.headers.append(("X-Request-Id", "callers-own"))
    answer = read_response(handler(to_event(request, source), LambdaContext()), source)
    assert answer.header("x-request-id") == [LambdaContext.aws_request_id]
    assert answer.json()["request_id"] == LambdaContext.aws_request_id


def test_cors_lets_the_extension_read_the_request_id():
    client = create_app({"IRIS_CORS_ORIGINS": "https://github.com"}).test_client()
    answer = client.get("/health", headers={"Origin": "https://github.com"})
    assert "X-Request-Id" in answer.headers["Access-Control-Expose-Headers"]


@pytest.mark.parametrize(
    ("environ", "line"),
    [
        ({"LOG_LEVEL": "bogus"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ({"PORT": "abc"}, "PORT must be a whole number from 1 to 65535, not 'abc'"),
        ({"HOST": "no.such.host.invalid"}, "HOST must be a name or an address of this machine"),
        ({"HOST": "192.0.2.1"}, "HOST must be a name or an address of this machine, not '192.0"),
        ({"IRIS_CACHE_BYTES": "-1"}, "IRIS_CACHE_BYTES must be a whole number of at least 0"),
        ({"IRIS_ANALYSIS_BUDGET_MS": "2s"}, "IRIS_ANALYSIS_BUDGET_MS must be a whole number"),
    ],
)
def test_a_bad_setting_stops_server_py_with_one_line_and_status_2(environ, line):
    completed = subprocess.run(
        [sys.executable, "server.py"],
        cwd=SRC_DIR,
        env={"PATH": "/usr/bin:/bin", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().startswith(f"server.py: {line}")
    assert completed.stderr.strip().count("\n") == 0


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api//iris/health", 200), ("/static//iris-icon.png", 200), ("/api///iris//health", 200)],
)
def test_repeated_slashes_are_routed_not_redirected(client, path, status):
    answer = client.get(path)
    assert answer.status_code == status
    assert "Location" not in answer.headers


@pytest.mark.parametrize("source", SOURCES)
def test_repeated_slashes_route_the_same_on_lambda(source):
    handler = make_handler(create_app({}))
    request = json_request(
        "POST", "/api//iris/analyze", {"filename": "a.py", "language": "python", "source_code": ""}
    )
    answer = read_response(handler(to_event(request, source), LambdaContext()), source)
    assert answer.status == 200
    assert answer.json()["success"] is True


def chunked_exchange(port: int, body: bytes) -> tuple[bytes, bool]:
    """Send `body` chunked with `Connection: close`; the answer, and whether the server closed."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(
            b"POST /api/iris/analyze HTTP/1.1\r\nHost: local\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        for start in range(0, len(body), 65536):
            piece = body[start : start + 65536]
            connection.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
        connection.sendall(b"0\r\n\r\n")
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except TimeoutError:
            return answer, False
    return answer, True


def test_a_chunked_body_over_the_limit_gets_the_413_and_the_connection_closes():
    port = free_port()
    with serve_locally(port, SRC_DIR, SRC_DIR / "server.py", {"MAX_CONTENT_LENGTH": "100000"}):
        big = json.dumps({"filename": "a.py", "language": "python", "source_code": "x\n" * 200000})
        answer, closed = chunked_exchange(port, big.encode())
        small = json.dumps({"filename": "a.py", "language": "python", "source_code": "x = 1\n"})
        small_answer, _ = chunked_exchange(port, small.encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(body)["error"] == "Request body too large: the limit is 100000 bytes"
    assert closed
    assert small_answer.startswith(b"HTTP/1.1 200")


def test_debug_logging_adds_where_an_analysis_spent_its_time(capsys):
    client = create_app({"LOG_LEVEL": "DEBUG"}).test_client()
    client.post(
        "/api/iris/analyze",
        json={"filename": "a.py", "language": "python", "source_code": "x = 1\n"},
    )
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    timing = next(line["timing"] for line in lines if line["message"] == "analyze timing")
    assert {"read_request_ms", "read_source_ms", "analysis_ms", "answer_ms"} <= set(timing)
    assert timing["source_bytes"] == 6 and timing["cached"] is False
    quiet = create_app({"LOG_LEVEL": "INFO"}).test_client()
    quiet.post("/api/iris/analyze", json={"filename": "a", "language": "python", "source_code": ""})
    assert "analyze timing" not in capsys.readouterr().err


USERS_MAKE = ["env", "-u", "MAKEFLAGS", "-u", "MAKELEVEL", "-u", "PYTHONUNBUFFERED", "make"]
"""make as a user's shell starts it: not with what `make test` (its variables, such as CI's
VENV=.venv-3.13, reach a nested make through MAKEFLAGS) or a CI runner's shell has set."""


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
    sources = ["Makefile", "src/server.py", "src/iris/api.py", "tests/test_app.py", "tools/x.py"]
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
