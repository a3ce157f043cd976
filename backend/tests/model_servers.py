"""Real chat-completions servers on 127.0.0.1 for the LLM analyzer's tests.

`llama_server` runs llama.cpp's OpenAI-compatible server (llama-cpp-python,
from `.venv-model-server`, which `make test` builds) on a tiny random model
that `tiny_model.py` writes. `ScriptedServer` is a plain HTTP server that
answers every request the way a test asks (a status, a body, a stall) and
records what it was sent: the failing peers the analyzer must survive.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import BACKEND_DIR
from processes import free_port, running

TESTS_DIR = Path(__file__).resolve().parent
MODEL_SERVER_PYTHON = Path(
    os.environ.get("MODEL_SERVER_PYTHON", BACKEND_DIR / ".venv-model-server" / "bin" / "python")
)
CONTEXT = 4608
"""Room for the prompt of the largest sample and an answer of about a thousand tokens:
a longer answer is cut off at the context's end, as at a token limit."""
SEED = 7
"""The server samples with a fixed seed: the same requests in the same order, the same answers."""


def model_server_python() -> Path:
    if not MODEL_SERVER_PYTHON.exists():
        pytest.fail(
            f"no model server at {MODEL_SERVER_PYTHON}: run the tests with `make -C backend test`, "
            "which builds it, or set MODEL_SERVER_PYTHON"
        )
    return MODEL_SERVER_PYTHON


def write_tiny_model(folder: Path) -> Path:
    path = folder / "tiny-random.gguf"
    subprocess.run(
        [str(model_server_python()), str(TESTS_DIR / "tiny_model.py"), str(path)], check=True
    )
    return path


@contextmanager
def llama_server(model: Path) -> Iterator[str]:
    """llama.cpp's server on a free port; yields its base URL (`http://127.0.0.1:PORT/v1`)."""
    port = free_port()
    command = [
        str(model_server_python()),
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        str(CONTEXT),
        "--seed",
        str(SEED),
    ]
    with running(command, port, TESTS_DIR):
        yield f"http://127.0.0.1:{port}/v1"


Answer = Callable[[BaseHTTPRequestHandler, "ScriptedServer"], None]


class ScriptedServer:
    """An HTTP server on a free port that answers each POST with `answer` and keeps what it got."""

    def __init__(self, answer: Answer) -> None:
        self.requests: list[dict] = []
        self.headers: list[dict[str, str]] = []
        self.client_ports: list[int] = []
        self.stop = threading.Event()
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                scripted.requests.append(json.loads(self.rfile.read(length)))
                scripted.headers.append(dict(self.headers))
                scripted.client_ports.append(self.client_address[1])
                answer(self, scripted)

            def log_message(self, *args: object) -> None:
                """Quiet: the tests read what was sent from `requests`."""

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                """Say nothing: socketserver would print the error on `sys.stderr`.

                A client that drops a kept-alive connection (the model client does,
                on its way to the retry) raises `ConnectionResetError` here, and the
                tests that read the app's log from a redirected `sys.stderr` would
                read socketserver's traceback as a log line. What the server got is
                in `requests`; a scripted answer that failed shows as the client's.
                """

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> ScriptedServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


def status(code: int, body: bytes = b'{"error": {"message": "scripted"}}') -> Answer:
    def answer(handler: BaseHTTPRequestHandler, _: ScriptedServer) -> None:
        handler.send_response(code)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def completion(
    content: str,
    finish_reason: str = "stop",
    model: object = "scripted-model",
    usage: object = None,
) -> Answer:
    """A 200 chat completion whose message is `content`."""
    body = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": usage or {"prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366},
    }
    return status(200, json.dumps(body).encode())


def hanging_up_after(answer: Answer) -> Answer:
    """`answer`, then close the connection without saying so, as an idle timeout does."""

    def hang_up(handler: BaseHTTPRequestHandler, server: ScriptedServer) -> None:
        answer(handler, server)
        handler.close_connection = True

    return hang_up


def dripping(
    first: bytes, repeated: bytes, size: int = 1, every: float = 0.02, longest: float = 20.0
) -> Answer:
    """Send `first`, then `repeated` over and over, `size` bytes every `every` seconds, as a
    slow or hostile server does: the client must hang up. After `longest` seconds it stops,
    so a client that never hangs up fails its test instead of holding it forever."""
    pieces = [repeated[start : start + size] for start in range(0, len(repeated), size)]

    def drip(handler: BaseHTTPRequestHandler, server: ScriptedServer) -> None:
        handler.close_connection = True
        given_up = time.monotonic() + longest
        try:
            handler.wfile.write(first)
            for piece in itertools.cycle(pieces):
                handler.wfile.flush()
                if server.stop.wait(every) or time.monotonic() > given_up:
                    return
                handler.wfile.write(piece)
        except OSError:
            return

    return drip


def with_bytes_after(answer: Answer, extra: bytes, pause: float = 0.02) -> Answer:
    """`answer`, then `pause` seconds later `extra` on the same kept connection, unasked."""

    def answer_and_more(handler: BaseHTTPRequestHandler, server: ScriptedServer) -> None:
        answer(handler, server)
        server.stop.wait(pause)
        handler.wfile.write(extra)
        handler.wfile.flush()

    return answer_and_more


def stall(_: BaseHTTPRequestHandler, server: ScriptedServer) -> None:
    """Never answer: hold the request until the test ends."""
    server.stop.wait(60)


def refused_url() -> str:
    """A base URL on a port where nothing listens: every connection is refused."""
    return f"http://127.0.0.1:{free_port()}/v1"
