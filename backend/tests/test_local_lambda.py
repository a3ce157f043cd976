"""End to end: the packaged zip under AWS's runtime client answers like `python server.py`.

These tests build the zip for this machine's Python, serve it with
`python -m local_lambda` (a local Runtime API, the function in its own clean
process under awslambdaric, API Gateway events) and send the same real HTTP
requests to it and to `python server.py`, each on a free port.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import BACKEND_DIR, ICON, PYTHON_SOURCE, SRC_DIR
from processes import (
    exit_status,
    free_port,
    http_request,
    importing,
    running,
    running_in_group,
    serve_locally,
    with_ctrl_c,
)
from test_package import built

TOOLS_DIR = BACKEND_DIR / "tools"
LOCAL_VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"
LOCAL_ARCH = "arm64" if os.uname().machine in ("aarch64", "arm64") else "x86_64"
ANALYZE = {"filename": "greet.py", "language": "python", "source_code": PYTHON_SOURCE}
RELEVANT_HEADERS = (
    "content-type",
    "content-length",
    "etag",
    "cache-control",
    "allow",
    "vary",
    "access-control-allow-origin",
    "access-control-allow-methods",
    "access-control-allow-headers",
)


@pytest.fixture(scope="module")
def lambda_zip(tmp_path_factory):
    output = tmp_path_factory.mktemp("dist") / "lambda.zip"
    options = ["--python-version", LOCAL_VERSION, "--architecture", LOCAL_ARCH]
    built(BACKEND_DIR, "--output", str(output), *options)
    return output


def local_lambda_command(zip_path: Path, port: int, event_format: str = "2.0") -> list[str]:
    return [
        *(sys.executable, "-m", "local_lambda", "--zip", str(zip_path), "--port", str(port)),
        *("--event-format", event_format),
    ]


def local_lambda(zip_path: Path, port: int, event_format: str = "2.0", env=None):
    command = local_lambda_command(zip_path, port, event_format)
    return running(command, port, TOOLS_DIR, {**importing(SRC_DIR), **(env or {})})


@pytest.fixture(scope="module", params=["2.0", "1.0"], ids=["http-api", "rest-api"])
def both_servers(request, lambda_zip):
    lambda_port, local_port = free_port(), free_port()
    with (
        local_lambda(lambda_zip, lambda_port, request.param) as function,
        serve_locally(local_port, SRC_DIR, SRC_DIR / "server.py"),
    ):
        yield lambda_port, local_port, function


def comparable(response):
    headers = {name: response.headers.get(name) for name in RELEVANT_HEADERS}
    try:
        body = json.loads(response.body)
    except ValueError:
        return response.status, headers, response.body
    if isinstance(body, dict) and isinstance(body.get("metadata"), dict):
        body["metadata"].pop("duration_ms")
        body["metadata"].pop("cached")
        headers.pop("content-length")
    if isinstance(body, dict) and "request_id" in body:
        assert body.pop("request_id") == response.headers.get("x-request-id")
        headers.pop("content-length")
    return response.status, headers, body


JSON = {"Content-Type": "application/json"}
REQUESTS = {
    "welcome": ("GET", "/", None, {}),
    "health": ("GET", "/health", None, {}),
    "icon": ("GET", "/static/iris-icon.png", None, {}),
    "analyze": ("POST", "/api/iris/analyze", json.dumps(ANALYZE).encode(), JSON),
    "analyze-invalid": ("POST", "/api/iris/analyze", b'{"language": "python"}', JSON),
    "preflight": (
        "OPTIONS",
        "/api/iris/analyze",
        None,
        {
            "Origin": "https://github.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    ),
    "unknown": ("GET", "/no/such/path", None, {}),
    "wrong-method": ("PUT", "/health", b"", {}),
}


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_local_lambda_answers_like_server_py(both_servers, name):
    lambda_port, local_port, _ = both_servers
    method, path, body, headers = REQUESTS[name]
    on_lambda = http_request(lambda_port, method, path, body, headers)
    on_laptop = http_request(local_port, method, path, body, headers)
    assert comparable(on_lambda) == comparable(on_laptop)


def test_static_icon_arrives_byte_for_byte(both_servers):
    lambda_port, _, _ = both_servers
    assert http_request(lambda_port, "GET", "/static/iris-icon.png").body == ICON.read_bytes()


def test_post_without_content_length_arrives_whole(both_servers):
    lambda_port, local_port, _ = both_servers
    payload = json.dumps(ANALYZE).encode()
    chunks = [payload[index : index + 7] for index in range(0, len(payload), 7)]
    answers = [
        http_request(port, "POST", "/api/iris/analyze", iter(chunks), JSON)
        for port in (lambda_port, local_port)
    ]
    assert [answer.status for answer in answers] == [200, 200]
    assert comparable(answers[0]) == comparable(answers[1])


def write_function(folder: Path, source: str) -> Path:
    """A one-module function zipped the way the packager zips."""
    zip_path = folder / "function.zip"
    with zipfile.ZipFile(zip_path, "w") as archive:
        archive.writestr("lambda_handler.py", source)
    return zip_path


def test_an_invocation_error_answers_502_and_shows_in_the_log(tmp_path):
    source = "def handler(event, context):\n    raise KeyError('no such thing')\n"
    port = free_port()
    with local_lambda(write_function(tmp_path, source), port) as function:
        response = http_request(port, "GET", "/health")
        assert response.status == 502
        error = json.loads(response.body)
        assert error["errorType"] == "KeyError"
        assert "no such thing" in error["errorMessage"]
        deadline = time.monotonic() + 10
        while "no such thing" not in function.log() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "no such thing" in function.log()


def failed_start(zip_path: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        local_lambda_command(zip_path, free_port()),
        cwd=TOOLS_DIR,
        env={**os.environ, **importing(SRC_DIR), **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_function_whose_init_fails_stops_it_at_start_in_one_line(tmp_path):
    source = "import does_not_exist\n\ndef handler(event, context):\n    pass\n"
    completed = failed_start(write_function(tmp_path, source))
    assert completed.returncode == 1
    assert completed.stderr.strip() == (
        "local_lambda: the function failed to start: Runtime.ImportModuleError: "
        "Unable to import module 'lambda_handler': No module named 'does_not_exist'"
    )


REPORT_ENVIRONMENT = """
import json, os, sys

def handler(event, context):
    try:
        import flask
        flask_location = flask.__file__
    except ImportError:
        flask_location = None
    return {
        "statusCode": 200,
        "headers": {"content-type": "application/json"},
        "body": json.dumps({
            "cwd": os.getcwd(),
            "first_path": sys.path[0],
            "environ": dict(os.environ),
            "flask": flask_location,
            "request_id": context.aws_request_id,
            "remaining_ms": context.get_remaining_time_in_millis(),
            "event_version": event.get("version"),
        }),
    }
"""


def test_function_runs_in_a_clean_lambda_environment(tmp_path):
    port = free_port()
    settings = {"IRIS_CORS_ORIGINS": "https://example.org", "VIRTUAL_ENV": "/somewhere"}
    with local_lambda(write_function(tmp_path, REPORT_ENVIRONMENT), port, env=settings):
        report = json.loads(http_request(port, "GET", "/").body)
    environ = report["environ"]
    assert report["cwd"] == environ["LAMBDA_TASK_ROOT"] == report["first_path"]
    assert report["flask"] is None, "the virtualenv leaked into the function"
    assert environ["AWS_LAMBDA_FUNCTION_NAME"]
    assert environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] == "512"
    assert environ["AWS_REGION"]
    assert environ["IRIS_CORS_ORIGINS"] == "https://example.org"
    assert "VIRTUAL_ENV" not in environ and "HOME" not in environ
    assert report["request_id"]
    assert 0 < report["remaining_ms"] <= 30_000
    assert report["event_version"] == "2.0"


def test_zip_holds_src_and_dependencies_and_nothing_else(lambda_zip):
    names = zipfile.ZipFile(lambda_zip).namelist()
    assert {"lambda_handler.py", "server.py", "static/iris-icon.png"} <= set(names)
    assert any(name.startswith("flask/") for name in names)
    assert any(name.startswith("mangum/") for name in names)
    assert not [name for name in names if name.startswith(("tests/", "bin/"))]
    assert names == sorted(names)
    for info in zipfile.ZipFile(lambda_zip).infolist():
        assert info.date_time == (1980, 1, 1, 0, 0, 0)
        assert info.external_attr >> 16 == 0o100644


@pytest.mark.parametrize(
    ("stop_signal", "sent_to"),
    [(signal.SIGINT, "group"), (signal.SIGTERM, "process")],
    ids=["ctrl-c", "sigterm"],
)
def test_stopping_ends_every_process_and_removes_the_task_root(
    lambda_zip, tmp_path, stop_signal, sent_to
):
    """Ctrl-C reaches the terminal's whole foreground group; SIGTERM, from a process manager,
    only the main process. Either way nothing outlives it, not even the unpacked zip."""
    port, temp = free_port(), tmp_path / "temp"
    temp.mkdir()
    command = with_ctrl_c(local_lambda_command(lambda_zip, port))
    with running(command, port, TOOLS_DIR, {"TMPDIR": str(temp), **importing(SRC_DIR)}) as server:
        assert http_request(port, "GET", "/health").status == 200
        assert [path.name[:12] for path in temp.iterdir()] == ["lambda-task-"]
        group = server.process.pid
        if sent_to == "group":
            os.killpg(group, stop_signal)
        else:
            os.kill(group, stop_signal)
        assert exit_status(server.process, timeout=15) is not None
        deadline = time.monotonic() + 10
        while running_in_group(group) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert running_in_group(group) == [], "a process of the local Lambda outlived its stop"
        log = server.log()
    assert "Traceback" not in log, log
    assert list(temp.iterdir()) == []


def test_the_gateway_refuses_in_json_and_cuts_long_targets_in_its_log(lambda_zip):
    port = free_port()
    with local_lambda(lambda_zip, port) as server:
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(b"GET /health?" + b"q" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
            answer = b""
            while chunk := connection.recv(65536):
                answer += chunk
        long_header = http_request(port, "GET", "/health", headers={"X-Big": "v" * 70000})
        log = server.log()
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414")
    assert json.loads(body)["success"] is False
    assert long_header.status == 431
    assert json.loads(long_header.body)["request_id"]
    assert "q" * 300 not in log


def test_a_bad_setting_stops_it_at_start_in_one_line(lambda_zip):
    completed = failed_start(lambda_zip, {"LOG_LEVEL": "bogus"})
    assert completed.returncode == 1
    assert "serving" not in completed.stdout + completed.stderr
    assert completed.stderr.strip() == (
        "local_lambda: the function failed to start: ConfigError: "
        "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, not 'BOGUS'"
    )
