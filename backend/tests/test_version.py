"""The version is written once, in pyproject.toml's `[project]`, and read wherever the app runs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile

from conftest import BACKEND_DIR, SRC_DIR
from test_local_lambda import lambda_zip  # noqa: F401  (a fixture)

PRINT_VERSION = "from iris.version import backend_version; print(backend_version())"


def project_version() -> str:
    with (BACKEND_DIR / "pyproject.toml").open("rb") as pyproject:
        return tomllib.load(pyproject)["project"]["version"]


def test_a_checkout_reads_it_from_the_pyproject_beside_its_code(tmp_path):
    shutil.copytree(SRC_DIR, tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    pyproject = '[project]\nname = "iris-backend"\nversion = "9.8.7"\n'
    (tmp_path / "pyproject.toml").write_text(pyproject)
    completed = subprocess.run(
        [sys.executable, "-c", PRINT_VERSION],
        cwd=tmp_path / "src",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "9.8.7"


def test_the_lambda_zip_carries_it_as_the_projects_metadata(lambda_zip, tmp_path):  # noqa: F811
    """The zip has no pyproject.toml: only its metadata can tell the version there."""
    with zipfile.ZipFile(lambda_zip) as archive:
        archive.extractall(tmp_path / "task")
    completed = subprocess.run(
        [sys.executable, "-S", "-c", PRINT_VERSION],
        cwd=tmp_path / "task",
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path / "task")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == project_version()
    assert not (tmp_path / "pyproject.toml").exists()
