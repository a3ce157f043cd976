"""Run the Lambda adapter's tests on the newest flask, flask-cors, mangum and asgiref.

    python tools/compat.py

`constraints.txt` pins what the backend ships with; this builds a throwaway
virtualenv with the newest release of each runtime dependency instead (and
the pinned test tools), prints the versions it got, and runs the adapter's
conformance, parity, malformed-event and recorded-event tests there. A pass
says an upgrade is safe for the Lambda path; a failure says where it is not.
The exit status is pytest's.
"""

from __future__ import annotations

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
)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="iris-compat-") as folder:
        python = Path(folder) / "bin" / "python"
        subprocess.run([sys.executable, "-m", "venv", folder], check=True)
        print(f"compat: installing the newest {', '.join(RUNTIME)}", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--upgrade", *RUNTIME],
            check=True,
        )  # fmt: skip
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             *TEST_TOOLS, "-c", str(BACKEND_DIR / "constraints.txt")],
            check=True,
        )  # fmt: skip
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
        verdict = "passed" if completed.returncode == 0 else "FAILED"
        print(f"compat: the adapter's tests {verdict} with {versions}")
        raise SystemExit(completed.returncode)


if __name__ == "__main__":
    main()
