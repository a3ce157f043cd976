"""Analyse text the way the service does, without the cache: for the analyzer tests."""

from __future__ import annotations

from iris.analysis import ANALYZERS, read_code
from iris.analysis.budget import Budget
from iris.analysis.model import Analysis


def analyze(
    source: str, language: str = "python", filename: str = "", budget: Budget | None = None
) -> Analysis:
    return read_code(ANALYZERS[language](), source, language, filename, budget)


def blocks_of(analysis: Analysis) -> list[tuple[str, list[list[int]]]]:
    return [(block.label, [list(r) for r in block.ranges]) for block in analysis.blocks]
