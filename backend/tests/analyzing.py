"""Analyse text the way the service does, without the cache: for the analyzer tests."""

from __future__ import annotations

from iris.analysis import ANALYZERS
from iris.analysis.budget import Budget
from iris.analysis.grouping import analysis_of
from iris.analysis.model import Analysis
from iris.analysis.source import editor_lines


def analyze(
    source: str, language: str = "python", filename: str = "", budget: Budget | None = None
) -> Analysis:
    outline = ANALYZERS[language]().outline(editor_lines(source), language, budget or Budget(None))
    return analysis_of(outline, filename)


def blocks_of(analysis: Analysis) -> list[tuple[str, list[list[int]]]]:
    return [(block.label, [list(r) for r in block.ranges]) for block in analysis.blocks]
