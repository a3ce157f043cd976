"""The lowest versions `requirements.txt` allows carry the fixes we need.

Each floor is stated here with its reason, and checked where it can fail: the
installed release behaves as the fix says. `make compat` runs this file on
exactly the floors (`tools/compat.py --oldest`), so a floor set too low fails
there, on the behaviour a user would meet.
"""

from __future__ import annotations

import asyncio
import re
from importlib.metadata import version

import pytest
from conftest import BACKEND_DIR
from flask import Flask, session
from flask_cors import CORS
from packaging.version import Version

from lambda_adapter import LambdaWsgiToAsgi
from lambda_adapter.bridge import Refused

FLOORS = {
    "flask": (
        "3.1.3",
        "GHSA-68rp-wp8r-4726 (CVE-2026-27205): before 3.1.3, reading the session only for its "
        "keys (`in`, `len`) did not set `Vary: Cookie`, so a cache could serve one user's page "
        "to another",
    ),
    "flask-cors": (
        "6.0.1",
        "CVE-2024-6866 (paths matched without case) and CVE-2024-6844 (`+` read as a space) are "
        "fixed in 6.0.0; CVE-2024-6839 (a longer, looser resource pattern winning over a more "
        "specific one) was fixed in 6.0.0 with its sort the wrong way round, put right in 6.0.1",
    ),
    "mangum": (
        "0.17.0",
        "what the adapter uses: `custom_handlers` with `infer` (0.15), `text_mime_types` "
        "(0.16) and `mangum.types`; `make compat` runs the adapter's tests on 0.17.0",
    ),
    "asgiref": (
        "3.11.1",
        "CVE-2025-14550: before 3.11.1, `WsgiToAsgi` built the environ from any number of "
        "values of one header, a denial of service; 3.11.1 refuses past `duplicate_header_limit`, "
        "which the Lambda bridge passes on through `super()`",
    ),
}


def stated_floors() -> dict[str, str]:
    floors = {}
    for line in (BACKEND_DIR / "requirements.txt").read_text().splitlines():
        match = re.fullmatch(r"([a-z0-9_-]+)>=(\S+)", line.strip())
        if match:
            floors[match[1]] = match[2]
    return floors


def test_requirements_state_these_floors_and_no_other_dependency():
    assert stated_floors() == {name: floor for name, (floor, _) in FLOORS.items()}


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_the_installed_release_is_at_or_above_its_floor(name):
    assert Version(version(name)) >= Version(FLOORS[name][0]), FLOORS[name][1]


def test_flask_varies_on_the_cookie_when_only_the_sessions_keys_are_read():
    app = Flask(__name__)
    app.secret_key = "test"

    @app.get("/keys")
    def keys():
        return {"signed_in": "user" in session, "fields": len(session)}

    assert "Cookie" in app.test_client().get("/keys").headers.get("Vary", ""), FLOORS["flask"][1]


def cors_answer(resources: dict, path: str, origin: str) -> str | None:
    app = Flask(__name__)
    CORS(app, resources=resources)

    @app.get("/<path:anything>")
    def anything(anything):
        return anything

    return (
        app.test_client()
        .get(path, headers={"Origin": origin})
        .headers.get("Access-Control-Allow-Origin")
    )


def test_flask_cors_applies_the_most_specific_resource():
    resources = {r"/api/.*": {"origins": "https://good.example"}, r"/.*": {"origins": "*"}}
    assert cors_answer(resources, "/api/secret", "https://evil.example") is None, FLOORS[
        "flask-cors"
    ][1]
    assert cors_answer(resources, "/api/secret", "https://good.example") == "https://good.example"


def test_flask_cors_matches_paths_with_their_case_and_their_plus_signs():
    assert (
        cors_answer(
            {r"/api/.*": {"origins": "https://good.example"}}, "/API/x", "https://good.example"
        )
        is None
    )
    assert (
        cors_answer(
            {r"/files/a b": {"origins": "https://good.example"}},
            "/files/a+b",
            "https://good.example",
        )
        is None
    )


def test_the_bridge_refuses_a_flood_of_one_headers_values_before_the_app():
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": "GET",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"x-flood", b"v")] * 10_000,
        "server": ("localhost", 80),
        "aws.event": {},
        "aws.context": None,
    }
    called = []

    def app(environ, start_response):
        called.append(environ)
        start_response("200 OK", [])
        return [b""]

    async def exchange() -> list[dict]:
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            sent.append(message)

        await LambdaWsgiToAsgi(app)(scope, receive, send)
        return sent

    with pytest.raises(Refused, match="Too many duplicate headers") as refused:
        asyncio.run(exchange())
    assert refused.value.status == 400, FLOORS["asgiref"][1]
    assert called == []
