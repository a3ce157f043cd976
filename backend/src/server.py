"""Local entry point: `python server.py` serves the IRIS backend on HOST:PORT.

The module-level `app` is the one Lambda serves too (see lambda_handler.py), so
a laptop and Lambda run the same code.
"""

from __future__ import annotations

import os
import sys

SRC_DIR = os.path.dirname(os.path.abspath(__file__))
if SRC_DIR not in sys.path:
    sys.path.insert(0, SRC_DIR)

from flask.helpers import get_debug_flag  # noqa: E402

from iris import create_app  # noqa: E402  (needs SRC_DIR on sys.path first)

app = create_app()

if __name__ == "__main__":
    from iris.dev_server import JsonErrorRequestHandler  # only the local server needs it

    app.run(
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8080")),
        debug=get_debug_flag(),
        request_handler=JsonErrorRequestHandler,
        load_dotenv=False,
    )
