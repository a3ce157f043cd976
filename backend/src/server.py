"""Local entry point: `python server.py` serves the IRIS backend on HOST:PORT.

The module-level `app` is the one Lambda serves too (see lambda_handler.py), so
a laptop and Lambda run the same code.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

SRC_DIR = os.path.dirname(os.path.abspath(__file__))
if SRC_DIR not in sys.path:
    sys.path.insert(0, SRC_DIR)

from flask.helpers import get_debug_flag  # noqa: E402

from iris import create_app  # noqa: E402  (needs SRC_DIR on sys.path first)
from iris.config import ConfigError  # noqa: E402


def _stop(error: ConfigError) -> None:
    """A bad setting is one line on stderr and exit status 2, not a traceback."""
    print(f"server.py: {error}", file=sys.stderr)
    sys.exit(2)


def _port(environ: Mapping[str, str]) -> int:
    text = environ.get("PORT", "8080").strip()
    if not text.isdigit() or not 0 < int(text) < 65536:
        raise ConfigError(f"PORT must be a whole number from 1 to 65535, not {text!r}")
    return int(text)


if __name__ == "__main__":  # before the app, whose making may log: a bad PORT is the one line
    try:
        port = _port(os.environ)
    except ConfigError as error:
        _stop(error)

try:
    app = create_app()
except ConfigError as error:
    if __name__ != "__main__":
        raise
    _stop(error)

if __name__ == "__main__":
    from iris.dev_server import JsonErrorRequestHandler  # only the local server needs it

    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=port,
        debug=get_debug_flag(),
        request_handler=JsonErrorRequestHandler,
        load_dotenv=False,
    )
