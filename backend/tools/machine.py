"""What every benchmark prints beside its figures: the machine it ran on, and each verdict."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """CPU model, cores, Python version, system and architecture."""
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


def verdict(ok: bool) -> str:
    """A figure's verdict against its target, worded alike in every benchmark."""
    return "ok" if ok else "OVER TARGET"
