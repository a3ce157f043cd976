"""Settings for the IRIS app, read from environment variables and nowhere else.

Reading every variable in one place means a bad value stops the app at start-up
with a message naming the variable, instead of surfacing later as an odd error
in the middle of a request. Secrets (API keys) come from here too, so they never
live in the code or the repository.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple
from urllib.parse import urlsplit

DEFAULT_CORS_ORIGINS = ("https://github.com",)
DEFAULT_MAX_SOURCE_BYTES = 512 * 1024
BODY_BYTES_PER_SOURCE_BYTE = 12
"""Room in a request body for each byte of source, in the worst case.

A numbered line costs its prefix (`524288 | `, 9 bytes) and JSON escaping
costs up to 6 bytes per byte (`\u0001`); a file of empty lines, each a
prefix and an escaped newline, needs 11 bytes per source byte, the most any
file within `IRIS_MAX_SOURCE_BYTES` needs.
"""
DEFAULT_CACHE_ENTRIES = 256
DEFAULT_CACHE_BYTES = 32 * 1024 * 1024
DEFAULT_ANALYSIS_BUDGET_MS = 2000
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
ANALYZER_KINDS = ("builtin", "llm")
JSON_MODES = ("json_schema", "json_object")
OPENAI_BASE_URL = "https://api.openai.com/v1"
DEFAULT_LLM_MODEL = "gpt-5-nano"
DEFAULT_LLM_TIMEOUT_MS = 10_000
"""Under the VS Code extension's 15 s abort, with room left for the builtin fallback."""


class ConfigError(ValueError):
    """An environment variable holds a value the app cannot use."""


def _repr_hiding(settings: tuple, fields: tuple[str, ...], secrets: frozenset[str]) -> str:
    """A settings tuple's repr with each secret shown as `***`, so no log or traceback shows it."""
    shown = (
        "***" if name in secrets and value else repr(value)
        for name, value in zip(fields, settings, strict=True)
    )
    return (
        f"{type(settings).__name__}("
        + ", ".join(f"{name}={value}" for name, value in zip(fields, shown, strict=True))
        + ")"
    )


class ModelSettings(NamedTuple):
    """How to reach the language model when `IRIS_ANALYZER=llm`: any chat-completions server."""

    base_url: str = OPENAI_BASE_URL
    model: str = DEFAULT_LLM_MODEL
    api_key: str = ""
    timeout_ms: int = DEFAULT_LLM_TIMEOUT_MS
    json_mode: str = "json_schema"

    def __repr__(self) -> str:
        return _repr_hiding(self, self._fields, frozenset(("api_key",)))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> ModelSettings:
        """The `IRIS_LLM_*` variables; OpenAI's own endpoint cannot be asked without a key."""
        base_url = environ.get("IRIS_LLM_BASE_URL", "").strip().rstrip("/") or OPENAI_BASE_URL
        address = urlsplit(base_url)
        if address.scheme not in ("http", "https") or not address.hostname:
            raise ConfigError(
                f"IRIS_LLM_BASE_URL must be an http:// or https:// URL, not {base_url[:200]!r}"
            )
        api_key = environ.get("IRIS_LLM_API_KEY", "").strip()
        if address.hostname == urlsplit(OPENAI_BASE_URL).hostname and not api_key:
            raise ConfigError("IRIS_ANALYZER=llm with OpenAI's endpoint needs IRIS_LLM_API_KEY")
        timeout_ms = _count(environ, "IRIS_LLM_TIMEOUT_MS", DEFAULT_LLM_TIMEOUT_MS)
        if timeout_ms == 0:
            raise ConfigError("IRIS_LLM_TIMEOUT_MS must be at least 1")
        return cls(
            base_url=base_url,
            model=environ.get("IRIS_LLM_MODEL", "").strip() or DEFAULT_LLM_MODEL,
            api_key=api_key,
            timeout_ms=timeout_ms,
            json_mode=_choice(environ, "IRIS_LLM_JSON_MODE", JSON_MODES),
        )


class Settings(NamedTuple):
    """What the app needs to know about its environment."""

    cors_origins: tuple[str, ...] = DEFAULT_CORS_ORIGINS
    max_content_length: int = BODY_BYTES_PER_SOURCE_BYTE * DEFAULT_MAX_SOURCE_BYTES
    max_source_bytes: int = DEFAULT_MAX_SOURCE_BYTES
    cache_entries: int = DEFAULT_CACHE_ENTRIES
    cache_bytes: int = DEFAULT_CACHE_BYTES
    analysis_budget_ms: int = DEFAULT_ANALYSIS_BUDGET_MS
    api_keys: tuple[str, ...] = ()
    log_level: str = "INFO"
    model: ModelSettings | None = None
    """Set when `IRIS_ANALYZER=llm`: the builtin analyzer is then the fallback."""

    def __repr__(self) -> str:
        """Everything but the keys, so a logged or printed setting never shows a secret."""
        return _repr_hiding(self, self._fields, frozenset(("api_keys",)))

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Build settings from `environ`, falling back to the defaults.

        The body limit follows the source limit unless it is set: a source
        within `IRIS_MAX_SOURCE_BYTES` must fit, numbered and escaped.
        """
        max_source_bytes = _count(environ, "IRIS_MAX_SOURCE_BYTES", DEFAULT_MAX_SOURCE_BYTES)
        return cls(
            cors_origins=_names(environ, "IRIS_CORS_ORIGINS") or DEFAULT_CORS_ORIGINS,
            max_content_length=_count(
                environ, "MAX_CONTENT_LENGTH", BODY_BYTES_PER_SOURCE_BYTE * max_source_bytes
            ),
            max_source_bytes=max_source_bytes,
            cache_entries=_count(environ, "IRIS_CACHE_ENTRIES", DEFAULT_CACHE_ENTRIES),
            cache_bytes=_count(environ, "IRIS_CACHE_BYTES", DEFAULT_CACHE_BYTES),
            analysis_budget_ms=_count(
                environ, "IRIS_ANALYSIS_BUDGET_MS", DEFAULT_ANALYSIS_BUDGET_MS
            ),
            api_keys=_names(environ, "IRIS_API_KEYS"),
            log_level=_log_level(environ),
            model=(
                ModelSettings.from_environ(environ)
                if _choice(environ, "IRIS_ANALYZER", ANALYZER_KINDS) == "llm"
                else None
            ),
        )


def _names(environ: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated list, with blanks dropped so `a,,b ,` means `a,b`."""
    return tuple(item.strip() for item in environ.get(name, "").split(",") if item.strip())


def _count(environ: Mapping[str, str], name: str, default: int) -> int:
    """A whole number of at least zero."""
    value = environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number of at least 0, not {value!r}")
    return int(value)


def _choice(environ: Mapping[str, str], name: str, choices: tuple[str, ...]) -> str:
    """One of `choices`, the first being the default."""
    value = environ.get(name, "").strip().lower() or choices[0]
    if value not in choices:
        raise ConfigError(f"{name} must be one of {', '.join(choices)}, not {value[:100]!r}")
    return value


def _log_level(environ: Mapping[str, str]) -> str:
    level = environ.get("LOG_LEVEL", "").strip().upper() or "INFO"
    if level not in LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    return level
