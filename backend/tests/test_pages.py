"""The service's own pages (`iris/pages.py`): the welcome, `/health` and the static assets."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from conftest import ICON


def test_welcome_names_the_service_and_version(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.json["service"] == "IRIS backend"
    with (Path(__file__).resolve().parent.parent / "pyproject.toml").open("rb") as pyproject:
        assert response.json["version"] == tomllib.load(pyproject)["project"]["version"]


def test_the_welcome_lists_every_route_but_itself_and_the_static_files(app, client):
    elsewhere = "api.elsewhere_in_the_api"
    routes = {rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != elsewhere}
    routes -= {"/", "/static/<path:filename>"}
    assert sorted(client.get("/").json["endpoints"].values()) == sorted(routes)


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_static_icon_is_the_png_on_disk(client):
    response = client.get("/static/iris-icon.png")
    assert response.status_code == 200
    assert response.mimetype == "image/png"
    assert response.data == ICON.read_bytes()
    assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert response.headers["ETag"]


def test_static_icon_revalidates_by_etag(client):
    etag = client.get("/static/iris-icon.png").headers["ETag"]
    response = client.get("/static/iris-icon.png", headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.data == b""


@pytest.mark.parametrize(
    "path",
    [
        "/static/missing.png",
        "/static/../server.py",
        "/static/%2e%2e/server.py",
        "/static/..%2fserver.py",
        "/static//etc/passwd",
        "/static/",
    ],
)
def test_static_unknown_or_escaping_paths_are_json_404(client, path):
    response = client.get(path, follow_redirects=True)
    assert response.status_code == 404
    assert response.is_json
    assert response.json["success"] is False
