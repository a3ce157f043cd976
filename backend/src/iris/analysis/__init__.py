"""Analysis of source files: which analyzer reads which language, and the answer's shape.

Analyzers are imported on first use, so a cold start that only answers
`/health` never pays for them.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Mapping
from types import ModuleType

ANALYZERS = {
    "python": "iris.analysis.python",
}


class UnsupportedLanguage(ValueError):
    """The request names a language no analyzer reads."""


class AnalyzerUnavailable(RuntimeError):
    """The analyzer for a supported language cannot be loaded."""


class AnalysisService:
    """Runs the analyzer for a language and shapes its result for the API."""

    def __init__(self, analyzers: Mapping[str, str] = ANALYZERS) -> None:
        self.analyzers = dict(analyzers)

    @property
    def languages(self) -> list[str]:
        return sorted(self.analyzers)

    def analyze(self, language: str, source: str) -> dict[str, object]:
        """The API's success fields for `source`, written in `language`."""
        analyzer = self._load(language)
        started = time.perf_counter()
        analysis = analyzer.analyze(source, language)
        metadata: dict[str, object] = {
            "analyzer": analyzer.ANALYZER,
            "analyzer_version": analyzer.VERSION,
            "language": language,
            "line_count": analysis.line_count,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "cached": False,
            "parsed_cleanly": analysis.parse_problem is None,
        }
        if analysis.parse_problem:
            metadata["parse_problem"] = analysis.parse_problem
        return {
            "file_intent": analysis.file_intent,
            "responsibility_blocks": [block.as_json() for block in analysis.blocks],
            "metadata": metadata,
        }

    def _load(self, language: str) -> ModuleType:
        if language not in self.analyzers:
            raise UnsupportedLanguage(language)
        try:
            return importlib.import_module(self.analyzers[language])
        except ImportError as error:
            raise AnalyzerUnavailable(f"The {language} analyzer cannot be loaded") from error
