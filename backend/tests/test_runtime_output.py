"""End to end: the packaged zip under AWS's runtime client writes what operators read.

The zip `make lambda` serves runs in its own process under awslambdaric, with
Lambda's variables (`tools/local_lambda`); every event source's events go to
the one warm container in turn. Its stdout must hold, per request, one log
line in Powertools' shape and one EMF object, with the X-Ray trace the
Runtime API handed over, and a cold start reported once: on the first.
"""

from __future__ import annotations

import json
import threading
import zipfile

import pytest
from conftest import BACKEND_DIR
from lambda_events import SOURCES, ClientRequest, json_request, read_response, to_event
from local_lambda.function import (
    RUNTIME_DIR_NAME,
    FunctionConfig,
    LocalFunction,
    install_runtime_client,
)
from local_lambda.runtime_api import Invocations, RuntimeApiServer
from processes import free_port, http_request
from reference_output import emf_problems, split_output
from test_local_lambda import lambda_zip  # noqa: F401  (a fixture)
from test_local_lambda import local_lambda as make_lambda

ANALYSIS = {"filename": "a.py", "language": "python", "source_code": "import os\n"}


@pytest.fixture
def warm_container(lambda_zip, tmp_path):  # noqa: F811  (the fixture imported above)
    """One function process under awslambdaric, kept for the test: a warm container."""
    with zipfile.ZipFile(lambda_zip) as archive:
        archive.extractall(tmp_path / "task")
    config = FunctionConfig(
        task_root=tmp_path / "task",
        runtime_dir=install_runtime_client(BACKEND_DIR / "build" / RUNTIME_DIR_NAME),
    )
    invocations = Invocations(config.arn)
    server = RuntimeApiServer(invocations)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    function = LocalFunction(config, invocations, server.address)
    try:
        yield function
    finally:
        function.stop()
        server.shutdown()
        server.server_close()


def test_one_line_and_one_object_per_request_and_one_cold_start_for_every_source(
    warm_container, capfd
):
    capfd.readouterr()
    sent = []
    for source in SOURCES:
        for request in (
            ClientRequest("GET", "/health"),
            json_request("POST", "/api/iris/analyze", ANALYSIS),
        ):
            result, error = warm_container.invoke(to_event(request, source))
            assert error is None and read_response(result, source).status == 200
            sent.append(request.path)
    logs, objects = split_output(capfd.readouterr().out)
    requests = [line for line in logs if line["message"] == "request"]
    assert [line["path"] for line in requests] == sent
    assert len(objects) == len(sent)
    assert [line["cold_start"] for line in requests] == [True] + [False] * (len(sent) - 1)
    assert ["ColdStart" in emf for emf in objects] == [True] + [False] * (len(sent) - 1)
    assert all(emf_problems(emf) == [] for emf in objects)
    assert len({line["function_request_id"] for line in requests}) == len(sent)
    for line in requests:
        assert line["service"] == "iris" and line["function_name"] == "iris-backend-local"
        assert line["xray_trace_id"].startswith("1-")


@pytest.mark.parametrize("event_format", ["2.0", "1.0"])
def test_make_lambda_writes_the_log_and_the_metrics_of_each_request(lambda_zip, event_format):  # noqa: F811
    port = free_port()
    with make_lambda(lambda_zip, port, event_format, env={"LOG_LEVEL": "INFO"}) as server:
        for _ in range(3):
            assert http_request(port, "GET", "/api/iris/health").status == 200
        written = server.log()
    lines = [json.loads(line) for line in written.splitlines() if line.startswith("{")]
    requests = [line for line in lines if line.get("message") == "request"]
    objects = [line for line in lines if "_aws" in line]
    assert len(requests) == len(objects) == 3
    assert [line["cold_start"] for line in requests] == [True, False, False]
    assert [emf.get("ColdStart") for emf in objects] == [1, None, None]
