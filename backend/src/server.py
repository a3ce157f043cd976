"""Local entry point: `python server.py` serves the IRIS backend on HOST:PORT.

The module-level `app` is the one Lambda serves too (see lambda_handler.py), so
a laptop and Lambda run the same code.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
from collections.abc import Mapping
from contextlib import suppress
from types import FrameType

SRC_DIR = os.path.dirname(os.path.abspath(__file__))
if SRC_DIR not in sys.path:
    sys.path.insert(0, SRC_DIR)

from flask.helpers import get_debug_flag  # noqa: E402
from werkzeug.serving import get_sockaddr, select_address_family  # noqa: E402

from iris import create_app  # noqa: E402  (needs SRC_DIR on sys.path first)
from iris.config import ConfigError  # noqa: E402


def _exit_with(error: ConfigError) -> None:
    """A bad setting is one line on stderr and exit status 2, not a traceback."""
    print(f"server.py: {error}", file=sys.stderr)
    sys.exit(2)


def _listening_port(environ: Mapping[str, str]) -> int:
    text = environ.get("PORT", "8080").strip()
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ConfigError(f"PORT must be a whole number from 1 to 65535, not {text!r}")
    return int(text)


def _listening_host(environ: Mapping[str, str]) -> str:
    """HOST, if this machine can listen there, found by binding a spare port on it.

    A name that does not resolve, or another machine's address, would otherwise
    surface as a bare "Name or service not known" from deep inside the server.
    A `unix://` path is Werkzeug's to bind: it replaces a stale socket file there.
    """
    host = environ.get("HOST", "127.0.0.1").strip()
    family = select_address_family(host, 0)
    if family == socket.AF_UNIX:
        return host
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind(get_sockaddr(host, 0, family))
    except OSError as error:
        raise ConfigError(
            f"HOST must be a name or an address of this machine, not {host!r} ({error.strerror})"
        ) from None
    return host


def _stop_serving(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (`kill`, a process manager, make passing on its own) stops as Ctrl-C does:
    the server closes and the process exits with status 0, so `make run` reports no error."""
    raise KeyboardInterrupt


if __name__ == "__main__":  # before the app, whose making may log: a bad setting is the one line
    try:
        port = _listening_port(os.environ)
        host = _listening_host(os.environ)
    except ConfigError as error:
        _exit_with(error)

try:
    app = create_app()
except ConfigError as error:
    if __name__ != "__main__":
        raise
    _exit_with(error)

if __name__ == "__main__":
    from iris.dev_server import JsonErrorRequestHandler  # only the local server needs it

    signal.signal(signal.SIGTERM, _stop_serving)
    with suppress(KeyboardInterrupt):  # Werkzeug catches it once serving, not while it sets up
        app.run(
            host=host,
            port=port,
            debug=get_debug_flag(),
            request_handler=JsonErrorRequestHandler,
            load_dotenv=False,
        )
