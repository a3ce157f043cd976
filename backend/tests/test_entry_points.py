"""The entry points work from every place they are started, as a real process would start them."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys

import pytest
from conftest import BACKEND_DIR, SRC_DIR
from processes import free_port, http_request, importing, serve_locally

HEALTH_EVENT = {
    "version": "2.0",
    "rawPath": "/health",
    "rawQueryString": "",
    "headers": {"host": "example.execute-api.eu-west-1.amazonaws.com"},
    "requestContext": {
        "http": {"method": "GET", "path": "/health", "sourceIp": "203.0.113.7"},
        "stage": "$default",
        "requestId": "smoke",
    },
    "isBase64Encoded": False,
}

INVOKE_LIKE_LAMBDA = """
import importlib, json, sys
module_name, function_name = sys.argv[1].rsplit(".", 1)
handler = getattr(importlib.import_module(module_name.replace("/", ".")), function_name)
print(json.dumps(handler(json.loads(sys.argv[2]), None)))
"""


@pytest.mark.parametrize(
    ("task_root", "handler_string"),
    [
        (SRC_DIR, "lambda_handler.handler"),
        (BACKEND_DIR, "src.lambda_handler.handler"),
        (BACKEND_DIR, "src/lambda_handler.handler"),
    ],
)
def test_handler_string_imports_from_its_task_root(task_root, handler_string):
    completed = subprocess.run(
        [sys.executable, "-c", INVOKE_LIKE_LAMBDA, handler_string, json.dumps(HEALTH_EVENT)],
        cwd=task_root,
        env={"PYTHONPATH": str(task_root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    assert result["statusCode"] == 200
    assert json.loads(result["body"]) == {"status": "ok"}


def test_repl_import_from_any_directory_opens_no_socket(tmp_path):
    script = """
import socket, sys
def refuse(*args, **kwargs):
    raise AssertionError("importing lambda_handler opened a connection or a server")
for method in ("bind", "connect", "connect_ex", "listen"):
    setattr(socket.socket, method, refuse)
from lambda_handler import handler
from mangum import Mangum
print(isinstance(handler, Mangum))
"""
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env={**os.environ, **importing(SRC_DIR)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "True"


README = BACKEND_DIR.parent / "README.md"
SMOKE_CHECK = re.compile(
    r"```sh\n(?P<shell>[^`]*/backend/\.venv/bin/python\"?\n)```\s*```python\n(?P<session>[^`]*)```"
)
RUN_AS_DOCTEST = """
import doctest, sys
session = doctest.DocTestParser().get_doctest({session!r}, {{}}, "README", "README.md", 0)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
runner.run(session)
sys.exit(1 if runner.summarize(verbose=False).failed else 0)
"""


def test_the_readmes_smoke_check_works_as_written(tmp_path):
    """The README's shell lines, its clone path filled in, start the interpreter from another
    folder; that interpreter then runs the README's session and must print what it shows."""
    found = SMOKE_CHECK.search(README.read_text())
    assert found, "the README has no smoke check: a sh block starting the virtualenv's Python"
    shell = found["shell"].replace("/path/to/your/clone", shlex.quote(str(BACKEND_DIR.parent)))
    assert shell != found["shell"], "the smoke check no longer says where the clone is"
    completed = subprocess.run(
        ["bash", "-e", "-c", shell],
        input=RUN_AS_DOCTEST.format(session=found["session"]),
        cwd=tmp_path,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.parametrize("start_in", ["src", "backend", "elsewhere"])
def test_server_py_serves_health_over_real_http(start_in, tmp_path):
    cwd = {"src": SRC_DIR, "backend": BACKEND_DIR, "elsewhere": tmp_path}[start_in]
    port = free_port()
    with serve_locally(port, cwd, SRC_DIR / "server.py"):
        response = http_request(port, "GET", "/health")
    assert response.status == 200
    assert response.headers["content-type"] == "application/json"
    assert json.loads(response.body) == {"status": "ok"}


LOADED_AFTER_EACH_REQUEST = """
import json, sys
import lambda_handler
health = json.loads(sys.argv[1])
analyze = {**health, "rawPath": "/api/iris/analyze", "body": json.dumps(
    {"filename": "a.py", "language": "python", "source_code": "x = 1"}),
    "headers": {**health["headers"], "content-type": "application/json"}}
analyze["requestContext"] = {**health["requestContext"], "http": {
    **health["requestContext"]["http"], "method": "POST", "path": "/api/iris/analyze"}}
seen = []
for event in (health, analyze):
    assert lambda_handler.handler(event, None)["statusCode"] == 200
    seen.append(sorted(name for name in sys.modules if name.startswith("iris.analysis")))
print(json.dumps(seen))
"""


@pytest.mark.parametrize("analyzer", ["builtin", "llm"])
def test_health_loads_no_analyzer_and_analyze_only_the_one_it_uses(analyzer):
    """The analysis package waits for the first analyze; the LLM analyzer for IRIS_ANALYZER=llm."""
    environ = {"PATH": "/usr/bin:/bin", "LOG_LEVEL": "ERROR", "IRIS_ANALYZER": analyzer}
    if analyzer == "llm":
        environ["IRIS_LLM_BASE_URL"] = f"http://127.0.0.1:{free_port()}/v1"
    completed = subprocess.run(
        [sys.executable, "-c", LOADED_AFTER_EACH_REQUEST, json.dumps(HEALTH_EVENT)],
        cwd=SRC_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    after_health, after_analyze = json.loads(completed.stdout.strip().splitlines()[-1])
    assert after_health == []
    assert "iris.analysis.python" in after_analyze
    assert "iris.analysis.javascript" not in after_analyze
    assert ("iris.analysis.llm" in after_analyze) == (analyzer == "llm")
