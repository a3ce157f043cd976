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
from typing import TYPE_CHECKING, NamedTuple

from iris.analysis.budget import Budget
from iris.analysis.cache import LruCache
from iris.analysis.grouping import analysis_of, problem_sentence
from iris.analysis.model import Analysis, Outline
from iris.analysis.source import editor_lines
from iris.config import (
    DEFAULT_ANALYSIS_BUDGET_MS,
    DEFAULT_CACHE_BYTES,
    DEFAULT_CACHE_ENTRIES,
)

if TYPE_CHECKING:
    from iris.analysis.llm import LlmAnalyzer


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
NO_CALL: Mapping[str, object] = {"input_tokens": 0, "output_tokens": 0, "llm_latency_ms": 0}
"""What a model's answer served from the cache cost: nothing."""


class _Result(NamedTuple):
    """An answer as the cache keeps it (`_result` makes one)."""

    analysis: Analysis
    """Without its blocks: they are kept as `blocks_json` only."""
    analyzer: str
    version: str
    blocks_json: str
    about: Mapping[str, object] = {}
    """For a model's answer: which model, what was mended; the same on every cache hit."""


class Answer(NamedTuple):
    """The success fields of an analyze answer, the bulky blocks already serialised.

    The blocks are most of an answer and the same on every cache hit, so they
    are written out once; encoding them again took half of each hit's time.
    """

    file_intent: str
    metadata: dict[str, object]
    blocks_json: str
    model_call: Mapping[str, object] = {}
    """With a model: which model, what was mended, what the call cost and why the builtin
    answered if it did; also in `metadata`, and what the request's log line tells."""

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
    """What `analyzer` makes of `code`: its outline, grouped into an answer, under one budget."""
    budget = budget or Budget(None)
    outline = analyzer.outline(editor_lines(code), language, budget)
    return analysis_of(outline, filename, budget)


class AnalysisService:
    """Runs the analyzer for a language, remembers its answers, and shapes them for the API.

    With a `model` (an `LlmAnalyzer`), the model answers and the builtin
    analyzer is its fallback: the metadata says which answered, and why the
    fallback did.
    """

    def __init__(
        self,
        analyzers: Mapping[str, AnalyzerLoader] = ANALYZERS,
        cache_entries: int = DEFAULT_CACHE_ENTRIES,
        cache_bytes: int = DEFAULT_CACHE_BYTES,
        budget_ms: int = DEFAULT_ANALYSIS_BUDGET_MS,
        model: LlmAnalyzer | None = None,
    ) -> None:
        self.analyzers = dict(analyzers)
        self.cache: LruCache[_Result] = LruCache(cache_entries, cache_bytes)
        self.budget_ms = budget_ms
        self.model = model

    @property
    def languages(self) -> list[str]:
        return sorted(self.analyzers)

    def analyze(
        self,
        language: str,
        code: str,
        encoded: bytes,
        filename: str = "",
        started: float | None = None,
    ) -> Answer:
        """The answer for `code` (`encoded` is its UTF-8), in `language`, from the file `filename`.

        Answers are cached by who answers (the analyzer; for a model, which
        model and prompt), language, the file's name and the code's SHA-256
        (the name can label an anonymous default export, and the model reads
        it), so a file seen before costs a hash and a lookup, and no call. The
        caller has the bytes already, to measure the source against its
        limit; they are not made twice. An answer the builtin analyzer gave
        because the model failed is cached as the builtin's, never as the
        model's: the next request asks the model again.

        The analysis budget counts from `started` (a `time.perf_counter()`
        value: when the request arrived, so reading it counts too) and covers
        the outline and the grouping; the model's call has its own deadline.
        """
        started = time.perf_counter() if started is None else started
        if language not in self.analyzers:
            raise UnsupportedLanguage(language)
        budget = Budget(self.budget_ms / 1000 if self.budget_ms else None, started)
        file_key = (language, filename, hashlib.sha256(encoded).hexdigest())
        details: dict[str, object] = {}
        if self.model is None:
            result, cached = self._builtin(file_key, code, budget)
        else:
            result, cached, details = self._asking_model(self.model, file_key, code, budget)
        analysis = result.analysis
        metadata: dict[str, object] = {
            "analyzer": result.analyzer,
            "analyzer_version": result.version,
            "language": language,
            "line_count": analysis.line_count,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
            "cached": cached,
            "parsed_cleanly": analysis.parse_problem is None,
            **details,
        }
        if analysis.parse_problem:
            metadata["parse_problem"] = analysis.parse_problem
        return Answer(analysis.file_intent, metadata, result.blocks_json, details)

    def _builtin(
        self,
        file_key: tuple[str, str, str],
        code: str,
        budget: Budget,
        outline: Outline | None = None,
    ) -> tuple[_Result, bool]:
        """The builtin analyzer's answer, from the cache or from `outline` if already read."""
        language, filename, _ = file_key
        key = ("builtin", *file_key)
        result = self.cache.get(key)
        if result is not None:
            return result, True
        analyzer = self._load(language)
        outline = outline or self._outline(analyzer, code, language, budget)
        analysis = analysis_of(outline, filename, budget)
        result = _result(analysis, analyzer.ANALYZER, analyzer.VERSION)
        self.cache.put(key, result)
        return result, False

    def _asking_model(
        self, model: LlmAnalyzer, file_key: tuple[str, str, str], code: str, budget: Budget
    ) -> tuple[_Result, bool, dict[str, object]]:
        """The model's answer, or the builtin one with `fallback_reason` and the call's cost."""
        from iris.analysis.llm import ANALYZER, VERSION, ModelFailed

        language, filename, _ = file_key
        key = (*model.cache_identity, *file_key)
        result = self.cache.get(key)
        if result is not None:
            return result, True, {**result.about, **NO_CALL}
        outline = self._outline(self._load(language), code, language, budget)
        if not outline.lines:
            result, cached = self._builtin(file_key, code, budget, outline)
            return result, cached, {"fallback_reason": "the file is empty: no model was asked"}
        try:
            with budget.paused():
                answer = model.answer(outline, language, filename)
        except ModelFailed as failure:
            result, cached = self._builtin(file_key, code, budget, outline)
            return result, cached, {"fallback_reason": failure.reason, **failure.call}
        problem = problem_sentence(outline.problems, outline.more_problems)
        analysis = Analysis(answer.file_intent, answer.blocks, len(outline.lines), problem)
        result = _result(analysis, ANALYZER, VERSION, answer.about)
        self.cache.put(key, result)
        return result, False, {**answer.about, **answer.cost}

    def _outline(self, analyzer: ModuleType, code: str, language: str, budget: Budget) -> Outline:
        outline: Outline = analyzer.outline(editor_lines(code), language, budget)
        return outline

    def _load(self, language: str) -> ModuleType:
        try:
            return self.analyzers[language]()
        except ImportError as error:
            raise AnalyzerUnavailable(language) from error


def _result(
    analysis: Analysis, analyzer: str, version: str, about: Mapping[str, object] = {}
) -> _Result:
    """What is kept of an answer: its blocks only as the JSON they are served as.

    Twelve blocks of sixty ranges held as objects take ten times their JSON,
    and nothing reads them again once written out.
    """
    blocks_json = _compact_json([block.as_json() for block in analysis.blocks])
    return _Result(analysis._replace(blocks=()), analyzer, version, blocks_json, about)
