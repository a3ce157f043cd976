"""Paths with repeated slashes are routed as if written once, never redirected.

Werkzeug answers `/api//iris/analyze` with a 308 to `/api/iris/analyze` and an
HTML page. A client whose base URL ends in a slash sends such paths; some
clients resend a redirected POST and some do not, and none of them parses the
HTML. Routing the path as `/api/iris/analyze` answers it directly, with the
same JSON and the same checks (API key, limits) as the canonical path. It is
safe here because no route of the app tells `a//b` from `a/b`, and a path
that escapes a folder is refused by the static route whatever its slashes.

An empty path (a REST or HTTP API stage's own URL, `/prod`, with nothing
after it) is routed as `/` for the same reason: Werkzeug would redirect it
with an HTML page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

_REPEATED_SLASHES = re.compile(r"//+")


class MergedSlashes:
    """WSGI middleware: `PATH_INFO` with each run of slashes made one, and never empty."""

    def __init__(self, app: WSGIApplication) -> None:
        self.app = app

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if "//" in path:
            environ["PATH_INFO"] = _REPEATED_SLASHES.sub("/", path)
        elif not path:
            environ["PATH_INFO"] = "/"
        return self.app(environ, start_response)
