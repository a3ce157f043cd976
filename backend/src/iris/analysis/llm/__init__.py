"""The LLM analyzer: one structured call to a language model, its answer mended to keep the rules.

This is what the IRIS team's own backend does, behind the same API. It is
used only when `IRIS_ANALYZER=llm`, and the builtin analyzer stays behind it:
the service reads the file's outline first, so the mending knows which lines
are imports, and so that whenever the model fails the builtin answer is a
grouping away.
"""

from __future__ import annotations

import time
from typing import NamedTuple

from iris.analysis.llm.client import ChatEndpoint, ModelCallFailed
from iris.analysis.llm.prompt import PROMPT_VERSION, request_body
from iris.analysis.llm.repair import Unusable, mended_text
from iris.analysis.model import Block, Outline
from iris.config import ModelSettings
from iris.version import backend_version

ANALYZER = "llm"
VERSION = PROMPT_VERSION


class ModelFailed(Exception):
    """No answer from the model can be used; the builtin analyzer answers instead.

    `reason` goes to the client as `metadata.fallback_reason`; `call` holds
    what a call that was made cost, for the metadata and the log.
    """

    def __init__(self, reason: str, call: dict[str, object]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.call = call


class ModelAnswer(NamedTuple):
    """The mended answer, and what the call cost."""

    file_intent: str
    blocks: tuple[Block, ...]
    about: dict[str, object]
    """What holds for this answer wherever it is served from: `model`, `llm_repairs` if any."""
    cost: dict[str, object]
    """What this call cost: `input_tokens`, `output_tokens`, `llm_latency_ms`."""


class LlmAnalyzer:
    """Asks the model configured in `settings` about a file."""

    def __init__(self, settings: ModelSettings, endpoint: ChatEndpoint | None = None) -> None:
        self.settings = settings
        self.endpoint = endpoint or ChatEndpoint(
            settings.base_url, settings.api_key, f"iris-backend/{backend_version()}"
        )
        self.last_failure: str | None = None
        """Why the endpoint's last call failed, or None if it answered: what `/health` tells."""

    def __repr__(self) -> str:
        return f"LlmAnalyzer({self.settings.model!r} at {self.endpoint!r})"

    @property
    def cache_identity(self) -> tuple[str, str, str]:
        """What, besides the file, decides the answer: cached answers are keyed by it."""
        return (ANALYZER, self.settings.model, PROMPT_VERSION)

    def answer(self, outline: Outline, language: str, filename: str) -> ModelAnswer:
        """The model's answer about the file `outline` was read from, mended, or `ModelFailed`."""
        deadline = time.perf_counter() + self.settings.timeout_ms / 1000
        body = request_body(
            self.settings.model, self.settings.json_mode, filename, language, outline.lines
        )
        try:
            reply = self.endpoint.complete(body, deadline)
        except ModelCallFailed as failure:
            self.last_failure = failure.reason
            call = {"model": self.settings.model, "llm_latency_ms": failure.latency_ms}
            raise ModelFailed(failure.reason, call) from None
        self.last_failure = None
        about: dict[str, object] = {"model": reply.model or self.settings.model}
        cost: dict[str, object] = {
            "input_tokens": reply.input_tokens,
            "output_tokens": reply.output_tokens,
            "llm_latency_ms": reply.latency_ms,
        }
        try:
            answer = mended_text(reply.content, outline)
        except Unusable as unusable:
            reason = str(unusable) + (" (cut off at the token limit)" if reply.truncated else "")
            raise ModelFailed(reason, {**about, **cost}) from None
        if answer.repairs:
            about["llm_repairs"] = list(answer.repairs)
        return ModelAnswer(answer.file_intent, answer.blocks, about, cost)
