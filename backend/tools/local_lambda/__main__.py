"""Serve a packaged Lambda zip over HTTP, under AWS's runtime client, with no Docker and no AWS.

    python -m local_lambda --zip dist/lambda.zip [--port 3000] [--event-format 2.0|1.0]

Each HTTP request becomes an API Gateway event, goes through a local Lambda
Runtime API to the function running under `awslambdaric` in its own clean
process, and its answer comes back as HTTP. The function starts before the
gateway listens, so one whose init fails stops this at once with one line
saying why, rather than answering 502 to every request. Ctrl-C or SIGTERM (as a process
manager or a container runtime sends it) stops everything: the function
process first, so it is never left asking a Runtime API that has gone.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import tempfile
import threading
import zipfile
from pathlib import Path

from package_lambda import BACKEND_DIR

from local_lambda.function import (
    RUNTIME_DIR_NAME,
    FunctionConfig,
    LocalFunction,
    install_runtime_client,
    passed_through,
)
from local_lambda.gateway import GatewayServer
from local_lambda.runtime_api import Invocations, RuntimeApiServer


def _stop_serving(signum: int, frame: object) -> None:
    """SIGTERM takes the same way out as Ctrl-C."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m local_lambda", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--zip", type=Path, required=True, help="the deployment package")
    parser.add_argument(
        "--runtime-dir",
        type=Path,
        default=BACKEND_DIR / "build" / RUNTIME_DIR_NAME,
        help="where the runtime client is installed, as Lambda's /var/runtime (made if missing)",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--event-format", choices=["2.0", "1.0"], default="2.0")
    parser.add_argument("--handler", default="lambda_handler.handler")
    parser.add_argument("--memory", type=int, default=512, help="AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per invocation")
    parser.add_argument("--region", default="us-east-1")
    options = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="local_lambda: %(message)s", stream=sys.stderr)
    signal.signal(signal.SIGTERM, _stop_serving)

    with tempfile.TemporaryDirectory(prefix="lambda-task-") as task_root:
        with zipfile.ZipFile(options.zip) as archive:
            archive.extractall(task_root)
        config = FunctionConfig(
            task_root=Path(task_root),
            runtime_dir=install_runtime_client(options.runtime_dir.resolve()),
            handler=options.handler,
            memory_mb=options.memory,
            timeout_s=options.timeout,
            region=options.region,
            environment=passed_through(dict(os.environ)),
        )
        invocations = Invocations(config.arn)
        runtime_api = RuntimeApiServer(invocations)
        threading.Thread(target=runtime_api.serve_forever, daemon=True).start()
        function = LocalFunction(config, invocations, runtime_api.address)
        try:
            serve(function, options)
        except KeyboardInterrupt:
            logging.info("stopping")
        finally:
            function.stop()
            runtime_api.shutdown()
            runtime_api.server_close()


def serve(function: LocalFunction, options: argparse.Namespace) -> None:
    """Start the function, then the gateway in front of it: a function whose init fails
    (a bad setting, a missing module) stops everything at start, in one line."""
    error = function.start()
    if error is not None:
        raise SystemExit(
            f"local_lambda: the function failed to start: "
            f"{error['errorType']}: {error['errorMessage']}"
        )
    with GatewayServer(function, options.event_format, options.host, options.port) as gateway:
        logging.info(
            "serving %s on http://%s:%d (payload %s); Ctrl-C stops",
            options.zip,
            options.host,
            gateway.server_address[1],
            options.event_format,
        )
        gateway.serve_forever()


if __name__ == "__main__":
    main()
