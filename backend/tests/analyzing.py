"""Analyse text the way the service does, without the cache: for the analyzer tests."""

from __future__ import annotations

from pathlib import Path

from iris.analysis import ANALYZERS, read_code
from iris.analysis.budget import Budget
from iris.analysis.model import Analysis

SAMPLES = Path(__file__).resolve().parent / "samples"
LANGUAGE_OF_SUFFIX = {
    ".py": "python",
    ".js": "javascript",
    ".ts": "typescript",
    ".jsx": "javascriptreact",
    ".tsx": "typescriptreact",
}
"""The VS Code language id of a file, by its suffix, as the extension would send it."""
SAMPLE_PATHS = sorted(path for path in SAMPLES.iterdir() if path.suffix in LANGUAGE_OF_SUFFIX)
"""The sample files in a language the backend reads."""


def analyze(
    source: str, language: str = "python", filename: str = "", budget: Budget | None = None
) -> Analysis:
    return read_code(ANALYZERS[language](), source, language, filename, budget)


def blocks_of(analysis: Analysis) -> list[tuple[str, list[list[int]]]]:
    return [(block.label, [list(r) for r in block.ranges]) for block in analysis.blocks]
