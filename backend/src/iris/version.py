"""Which release of the backend this is: `version` in pyproject.toml's `[project]`, and only there.

A checkout reads it from pyproject.toml, beside `src/`. The Lambda zip has no
pyproject.toml: `tools/package_lambda.py` writes the project's metadata into
it (`iris_backend-<version>.dist-info`), as pip does for any installed
distribution, and it is read from there. Either is read on first use, never
at start-up, so a cold start that only answers `/health` pays for neither.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "iris-backend"
PYPROJECT = Path(__file__).resolve().parent.parent.parent / "pyproject.toml"


@cache
def backend_version() -> str:
    """The installed distribution's version (the Lambda zip), else the checkout's pyproject.toml.

    Flask has already imported `importlib.metadata`; `tomllib` only a checkout needs.
    """
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        import tomllib

        with PYPROJECT.open("rb") as pyproject:
            version: str = tomllib.load(pyproject)["project"]["version"]
            return version
