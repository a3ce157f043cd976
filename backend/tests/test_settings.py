"""A bad setting stops `python server.py` at once: one line naming the variable, and status 2."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SRC_DIR


@pytest.mark.parametrize(
    ("environ", "line"),
    [
        ({"LOG_LEVEL": "bogus"}, "LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL"),
        ({"PORT": "abc"}, "PORT must be a whole number from 1 to 65535, not 'abc'"),
        ({"HOST": "no.such.host.invalid"}, "HOST must be a name or an address of this machine"),
        ({"HOST": "192.0.2.1"}, "HOST must be a name or an address of this machine, not '192.0"),
        ({"IRIS_CACHE_BYTES": "-1"}, "IRIS_CACHE_BYTES must be a whole number of at least 0"),
        ({"IRIS_ANALYSIS_BUDGET_MS": "2s"}, "IRIS_ANALYSIS_BUDGET_MS must be a whole number"),
    ],
)
def test_a_bad_setting_stops_server_py_with_one_line_and_status_2(environ, line):
    completed = subprocess.run(
        [sys.executable, "server.py"],
        cwd=SRC_DIR,
        env={"PATH": "/usr/bin:/bin", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().startswith(f"server.py: {line}")
    assert completed.stderr.strip().count("\n") == 0
