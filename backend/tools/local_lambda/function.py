"""The packaged function in its own process, started the way Lambda starts it.

The process sees only what Lambda gives a function: the unpacked task root as
its working directory and first `sys.path` entry, the runtime client beside it
(as Lambda's `/var/runtime`), the standard library, and Lambda's environment
variables. Nothing from the developer's virtualenv leaks in, so an import that
works on a laptop only by luck fails here as it would after a deploy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from package_lambda import install_once

from local_lambda.runtime_api import Invocations

PASSED_THROUGH = (
    "IRIS_",
    "LOG_LEVEL",
    "MAX_CONTENT_LENGTH",
    "API_GATEWAY_BASE_PATH",
    "AWS_LAMBDA_LOG_",
    "POWERTOOLS_",
)


RUNTIME_DIR_NAME = f"lambda-runtime-{sys.version_info.major}.{sys.version_info.minor}"
"""One runtime client per Python version: its C extension is built for one."""


def install_runtime_client(runtime_dir: Path) -> Path:
    """AWS's runtime client alone in a folder, at the version constraints.txt pins."""
    return install_once(runtime_dir, "awslambdaric")


@dataclass(frozen=True)
class FunctionConfig:
    """What a Lambda function's configuration says."""

    task_root: Path
    runtime_dir: Path
    handler: str = "lambda_handler.handler"
    name: str = "iris-backend-local"
    memory_mb: int = 512
    timeout_s: float = 30.0
    region: str = "us-east-1"
    environment: dict[str, str] = field(default_factory=dict)

    @property
    def arn(self) -> str:
        return f"arn:aws:lambda:{self.region}:000000000000:function:{self.name}"


def lambda_environment(config: FunctionConfig, runtime_api: str) -> dict[str, str]:
    """The variables Lambda sets, plus the function's own configuration.

    `PYTHONDONTWRITEBYTECODE` stands for Lambda's read-only task root: a module
    without shipped bytecode is compiled at every cold start, never cached. The
    log format is JSON, as `template.yaml` configures Lambda's log controls.
    """
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "en_US.UTF-8",
        "TZ": ":UTC",
        "PYTHONPATH": f"{config.task_root}{os.pathsep}{config.runtime_dir}",
        "LAMBDA_TASK_ROOT": str(config.task_root),
        "LAMBDA_RUNTIME_DIR": str(config.runtime_dir),
        "AWS_LAMBDA_RUNTIME_API": runtime_api,
        "AWS_EXECUTION_ENV": f"AWS_Lambda_python{version}",
        "AWS_LAMBDA_FUNCTION_NAME": config.name,
        "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(config.memory_mb),
        "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{config.name}",
        "AWS_LAMBDA_LOG_STREAM_NAME": time.strftime("%Y/%m/%d/[$LATEST]local"),
        "AWS_LAMBDA_LOG_FORMAT": "JSON",
        "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
        "AWS_REGION": config.region,
        "AWS_DEFAULT_REGION": config.region,
        "_HANDLER": config.handler,
        "PYTHONDONTWRITEBYTECODE": "1",
        **config.environment,
    }


def passed_through(environ: dict[str, str]) -> dict[str, str]:
    """The developer's IRIS settings, handed on as the function's environment variables."""
    return {name: value for name, value in environ.items() if name.startswith(PASSED_THROUGH)}


class LocalFunction:
    """One warm container: a runtime client process, one request at a time, restarted if it dies."""

    def __init__(self, config: FunctionConfig, invocations: Invocations, runtime_api: str) -> None:
        self.config = config
        self.invocations = invocations
        self.runtime_api = runtime_api
        self.process: subprocess.Popen | None = None
        self.lock = threading.Lock()

    def start(self) -> dict[str, Any] | None:
        """Start the function and wait for its init: None once it asks for an event, else why not.

        What the function logs meanwhile goes where its log always goes, as
        CloudWatch would get it; the error returned says in one line what stopped it.
        """
        with self.lock:
            self._start()
            return self._init_error()

    def _init_error(self) -> dict[str, Any] | None:
        deadline = time.monotonic() + self.config.timeout_s
        while not self.invocations.asked.wait(0.05):
            if self.process.poll() is not None:
                return self._exit_error()
            if time.monotonic() > deadline:
                self.stop()
                message = f"Init timed out after {self.config.timeout_s:.2f} seconds"
                return {"errorType": "Sandbox.Timedout", "errorMessage": message}
        return None

    def invoke(self, event: dict[str, Any]) -> tuple[Any, dict[str, Any] | None]:
        """The function's result for `event`, or the error that stopped it."""
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self._start()
            invocation = self.invocations.submit(event, self.config.timeout_s)
            while not invocation.done.wait(0.05):
                if self.process.poll() is not None:
                    self.invocations.abandon_all(self._exit_error())
                elif time.time() * 1000 > invocation.deadline_ms:
                    self.stop()
                    message = f"Task timed out after {self.config.timeout_s:.2f} seconds"
                    self.invocations.abandon_all(
                        {"errorType": "Sandbox.Timedout", "errorMessage": message}
                    )
            return invocation.result, invocation.error

    def stop(self) -> None:
        """The runtime client never exits by itself: end it, forcefully if it must."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _start(self) -> None:
        self.invocations.init_error = None
        self.invocations.asked.clear()
        self.process = subprocess.Popen(
            [sys.executable, "-S", "-m", "awslambdaric", self.config.handler],
            cwd=self.config.task_root,
            env=lambda_environment(self.config, self.runtime_api),
        )

    def _exit_error(self) -> dict[str, Any]:
        if self.invocations.init_error is not None:
            return self.invocations.init_error
        return {
            "errorType": "Runtime.ExitError",
            "errorMessage": f"Runtime exited with status {self.process.returncode}",
        }
