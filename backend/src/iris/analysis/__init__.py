"""Analysis of source files: which analyzer reads which language, the cache, and the answer.

This package and the analyzers are imported on the first analyze request, so a
cold start that only answers `/health` never pays for them. Each analyzer is
loaded by a small function that imports it, the first time its language is
asked for. HTTP policy (status codes, size limits) is the API layer's: this
package only says what went wrong.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from functools import partial
from types import ModuleType
from typing import NamedTuple

from iris.analysis.budget import Budget
from iris.analysis.cache import LruCache
from iris.analysis.grouping import analysis_of
from iris.analysis.model import Analysis
from iris.analysis.source import editor_lines
from iris.config import (
    DEFAULT_ANALYSIS_BUDGET_MS,
    DEFAULT_CACHE_BYTES,
    DEFAULT_CACHE_ENTRIES,
)


def _python() -> ModuleType:
    from iris.analysis import python

    return python


def _javascript() -> ModuleType:
    from iris.analysis import javascript

    return javascript


AnalyzerLoader = Callable[[], ModuleType]
"""Returns a module with `ANALYZER`, `VERSION` and `outline(lines, language, budget)`."""

ANALYZERS: Mapping[str, AnalyzerLoader] = {
    "python": _python,
    "javascript": _javascript,
    "javascriptreact": _javascript,
    "typescript": _javascript,
    "typescriptreact": _javascript,
}


class UnsupportedLanguage(ValueError):
    """The request names a language no analyzer reads."""


class AnalyzerUnavailable(RuntimeError):
    """The analyzer for a supported language cannot be loaded; a later request may succeed."""


_compact_json = partial(json.dumps, sort_keys=True, separators=(",", ":"))


class _Result(NamedTuple):
    analysis: Analysis
    analyzer: str
    version: str
    blocks_json: str


class Answer(NamedTuple):
    """The success fields of an analyze answer, the bulky blocks already serialised.

    The blocks are most of an answer and the same on every cache hit, so they
    are written out once; encoding them again took half of each hit's time.
    """

    file_intent: str
    metadata: dict[str, object]
    blocks_json: str

    def to_json(self) -> str:
        """The whole body, keys sorted and compact, the way Flask's `jsonify` writes it."""
        return (
            f'{{"file_intent":{_compact_json(self.file_intent)},'
            f'"metadata":{_compact_json(self.metadata)},'
            f'"responsibility_blocks":{self.blocks_json},"success":true}}'
        )


def read_code(
    analyzer: ModuleType, code: str, language: str, filename: str = "", budget: Budget | None = None
) -> Analysis:
    """What `analyzer` makes of `code`: its outline, grouped into an answer."""
    outline = analyzer.outline(editor_lines(code), language, budget or Budget(None))
    return analysis_of(outline, filename)


class AnalysisService:
    """Runs the analyzer for a language, remembers its answers, and shapes them for the API."""

    def __init__(
        self,
        analyzers: Mapping[str, AnalyzerLoader] = ANALYZERS,
        cache_entries: int = DEFAULT_CACHE_ENTRIES,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        budget_ms: int = DEFAULT_ANALYSIS_BUDGET_MS,
    ) -> None:
        self.analyzers = dict(analyzers)
        self.cache: LruCache[_Result] = LruCache(cache_entries, cache_bytes)
        self.budget_ms = budget_ms

    @property
    def languages(self) -> list[str]:
        return sorted(self.analyzers)

    def analyze(self, language: str, code: str, encoded: bytes, filename: str = "") -> Answer:
        """The answer for `code` (`encoded` is its UTF-8), in `language`, from the file `filename`.

        Answers are cached by language, the file's name and the code's SHA-256
        (the name can label an anonymous default export), so a file seen
        before costs a hash and a lookup. The caller has the bytes already, to
        measure the source against its limit; they are not made twice.
        """
        started = time.perf_counter()
        if language not in self.analyzers:
            raise UnsupportedLanguage(language)
        key = (language, filename, hashlib.sha256(encoded).hexdigest())
        result = self.cache.get(key)
        cached = result is not None
        if result is None:
            analyzer = self._load(language)
            budget = Budget(self.budget_ms / 1000 if self.budget_ms else None)
            analysis = read_code(analyzer, code, language, filename, budget)
            blocks_json = _compact_json([block.as_json() for block in analysis.blocks])
            result = _Result(analysis, analyzer.ANALYZER, analyzer.VERSION, blocks_json)
            self.cache.put(key, result, len(blocks_json) + len(analysis.file_intent) + 512)
        analysis = result.analysis
        metadata: dict[str, object] = {
            "analyzer": result.analyzer,
            "analyzer_version": result.version,
            "language": language,
            "line_count": analysis.line_count,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "cached": cached,
            "parsed_cleanly": analysis.parse_problem is None,
        }
        if analysis.parse_problem:
            metadata["parse_problem"] = analysis.parse_problem
        return Answer(analysis.file_intent, metadata, result.blocks_json)

    def _load(self, language: str) -> ModuleType:
        try:
            return self.analyzers[language]()
        except ImportError as error:
            raise AnalyzerUnavailable(language) from error
