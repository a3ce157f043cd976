"""Run the Lambda adapter's tests on the newest and on the oldest allowed runtime dependencies.

    python tools/compat.py [--newest | --oldest]

`constraints.txt` pins what the backend ships with; `requirements.txt` says
how old each of flask, flask-cors, mangum and asgiref may be. This builds a
throwaway virtualenv with the newest release of each (`--newest`), and one
with exactly each floor (`--oldest`); both by default. Each prints the
versions it got and runs the adapter's conformance, parity, malformed-event
and recorded-event tests, and the floors' own tests, there. A pass on the
newest says an upgrade is safe for the Lambda path; a pass on the floors says
a user who installs the oldest release we allow gets a working backend with
the fixes the floors are there for. The exit status is 1 if either failed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BACKEND_DIR = Path(__file__).resolve().parent.parent
RUNTIME = ("flask", "flask-cors", "mangum", "asgiref")
TEST_TOOLS = ("pytest", "hypothesis", "apig-wsgi")
TESTS = (
    "tests/test_lambda_conformance.py",
    "tests/test_lambda_parity.py",
    "tests/test_malformed_events.py",
    "tests/test_recorded_events.py",
    "tests/test_lambda_handler.py",
    "tests/test_adapter_fixes.py",
    "tests/test_floors.py",
)
_FLOOR = re.compile(r"^([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*$")


def floors() -> dict[str, str]:
    """Each runtime dependency's lowest allowed version, as `requirements.txt` states it."""
    found = {}
    for line in (BACKEND_DIR / "requirements.txt").read_text().splitlines():
        match = _FLOOR.match(line.split("#", 1)[0].strip())
        if match:
            found[match[1].lower()] = match[2]
    missing = set(RUNTIME) - set(found)
    if missing:
        raise SystemExit(f"compat: requirements.txt states no floor for {', '.join(missing)}")
    return found


def run(label: str, requirements: list[str]) -> bool:
    """The adapter's tests in a fresh virtualenv with `requirements`; whether they passed."""
    with tempfile.TemporaryDirectory(prefix="iris-compat-") as folder:
        python = Path(folder) / "bin" / "python"
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)
        print(f"compat: installing the {label} {', '.join(RUNTIME)}", flush=True)
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "--upgrade", *requirements], check=True)
        subprocess.run([*pip, *TEST_TOOLS, "-c", str(BACKEND_DIR / "constraints.txt")], check=True)
        versions = subprocess.run(
            [
                str(python),
                "-c",
                "from importlib.metadata import version; "
                f"print(', '.join(f'{{n}} {{version(n)}}' for n in {RUNTIME!r}))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        print(f"compat: testing with {versions} on Python {sys.version.split()[0]}", flush=True)
        completed = subprocess.run(
            [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS],
            cwd=BACKEND_DIR,
        )
        passed = completed.returncode == 0
        print(f"compat: the adapter's tests {'passed' if passed else 'FAILED'} with {versions}")
        return passed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--newest", action="store_true", help="only the newest releases")
    which.add_argument("--oldest", action="store_true", help="only the floors")
    options = parser.parse_args(argv)
    results = []
    if not options.oldest:
        results.append(run("newest", list(RUNTIME)))
    if not options.newest:
        oldest = floors()
        results.append(run("oldest allowed", [f"{name}=={oldest[name]}" for name in RUNTIME]))
    raise SystemExit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
