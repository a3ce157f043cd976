"""The IRIS backend: a Flask app that reads source files for the IRIS extensions.

`create_app` builds the app from environment variables; `server.py` serves it on
a laptop and `lambda_handler.py` hands it to AWS Lambda.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from flask import Flask
from flask_cors import CORS


def create_app(environ: Mapping[str, str] | None = None) -> Flask:
    """Build the app from `environ` (the process environment by default)."""
    from iris.api import api
    from iris.config import Settings
    from iris.errors import register_error_handlers
    from iris.headers import register_response_headers
    from iris.logs import configure_logging
    from iris.pages import pages
    from iris.paths import MergedSlashes
    from iris.request_log import log_requests
    from iris.security import KEY_HEADER, protect_api
    from json_errors import REQUEST_ID_HEADER

    settings = Settings.from_environ(os.environ if environ is None else environ)
    configure_logging(settings)
    app = Flask(__name__, static_folder=None)
    app.config["IRIS_SETTINGS"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings.max_content_length
    CORS(
        app,
        origins=list(settings.cors_origins),
        allow_headers=["Content-Type", KEY_HEADER] if settings.api_keys else ["Content-Type"],
        methods=["GET", "POST", "OPTIONS"],
        expose_headers=[REQUEST_ID_HEADER],
    )
    log_requests(app, settings)
    protect_api(app, settings.api_keys)
    app.register_blueprint(pages)
    app.register_blueprint(api)
    register_error_handlers(app)
    register_response_headers(app)
    app.wsgi_app = MergedSlashes(app.wsgi_app)  # type: ignore[method-assign]
    return app
