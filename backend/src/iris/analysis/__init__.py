"""Analysis of source files: which analyzer reads which language, the cache, and the answer.

This package and the analyzers are imported on the first analyze request, so a
cold start that only answers `/health` never pays for them.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import time
from collections.abc import Mapping
from functools import partial
from types import ModuleType
from typing import NamedTuple

from iris.analysis.cache import LruCache
from iris.analysis.model import Analysis
from iris.errors import ApiError

ANALYZERS = {
    "python": "iris.analysis.python",
    "javascript": "iris.analysis.javascript",
    "javascriptreact": "iris.analysis.javascript",
    "typescript": "iris.analysis.javascript",
    "typescriptreact": "iris.analysis.javascript",
}


class UnsupportedLanguage(ValueError):
    """The request names a language no analyzer reads."""


class AnalyzerUnavailable(ApiError):
    """The analyzer for a supported language cannot be loaded: a 503, worth a retry."""

    def __init__(self, language: str) -> None:
        super().__init__(503, f"The {language} analyzer cannot be loaded; try again later")


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


class AnalysisService:
    """Runs the analyzer for a language, remembers its answers, and shapes them for the API."""

    def __init__(
        self,
        analyzers: Mapping[str, str] = ANALYZERS,
        cache_entries: int = 256,
        max_source_bytes: int = 512 * 1024,
    ) -> None:
        self.analyzers = dict(analyzers)
        self.cache: LruCache[_Result] = LruCache(cache_entries)
        self.max_source_bytes = max_source_bytes

    @property
    def languages(self) -> list[str]:
        return sorted(self.analyzers)

    def analyze(self, language: str, source: str) -> Answer:
        """The answer for `source`, written in `language`.

        Answers are cached by language and the source's SHA-256, so a file seen
        before costs a hash and a lookup. A source over `max_source_bytes` gets a 413.
        """
        started = time.perf_counter()
        encoded = source.encode("utf-8", "surrogatepass")
        if len(encoded) > self.max_source_bytes:
            raise ApiError(
                413,
                f"source_code is {len(encoded)} bytes, over the limit of "
                f"{self.max_source_bytes} bytes (IRIS_MAX_SOURCE_BYTES)",
            )
        key = (language, hashlib.sha256(encoded).hexdigest())
        result = self.cache.get(key)
        cached = result is not None
        if result is None:
            analyzer = self._load(language)
            analysis = analyzer.analyze(source, language)
            blocks_json = _compact_json([block.as_json() for block in analysis.blocks])
            result = _Result(analysis, analyzer.ANALYZER, analyzer.VERSION, blocks_json)
            self.cache.put(key, result)
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
        if language not in self.analyzers:
            raise UnsupportedLanguage(language)
        try:
            return importlib.import_module(self.analyzers[language])
        except ImportError as error:
            raise AnalyzerUnavailable(language) from error
