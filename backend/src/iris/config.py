"""Settings for the IRIS app, read from environment variables and nowhere else.

Reading every variable in one place means a bad value stops the app at start-up
with a message naming the variable, instead of surfacing later as an odd error
in the middle of a request. Secrets (API keys) come from here too, so they never
live in the code or the repository.
"""

from __future__ import annotations

import re
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
LAMBDA_LOG_LEVELS = {"TRACE": "DEBUG", "WARN": "WARNING", "FATAL": "CRITICAL"}
"""Lambda's own level names (its log controls offer TRACE to FATAL), as Python names them."""
LOG_LEVEL_VARIABLES = ("AWS_LAMBDA_LOG_LEVEL", "POWERTOOLS_LOG_LEVEL", "LOG_LEVEL")
"""Where the log level comes from, first set first: Lambda's log controls, Powertools', ours."""
LOG_FORMATS = ("json", "text")
"""`AWS_LAMBDA_LOG_FORMAT`'s values (Lambda writes `JSON` or `Text`) to the log's format."""
LOCAL_LOG = "local"
"""The log off Lambda: JSON lines on stderr, as `python server.py` has always written them."""
DEFAULT_SERVICE = "iris"
DEFAULT_METRICS_NAMESPACE = "IRIS/Analysis"
SWITCHES = ("on", "off")
MAX_DIMENSION_VALUE_CHARS = 1024
MAX_NAMESPACE_CHARS = 255
_NAMESPACE = re.compile(r"[A-Za-z0-9.\-_/#: ]+")
"""CloudWatch's characters for a namespace."""
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
    log_format: str = LOCAL_LOG
    """`local`, or Lambda's `json` (Powertools' fields on stdout) or `text` (plain lines)."""
    service: str = DEFAULT_SERVICE
    """The `service` of every Lambda log line and the metrics' dimension."""
    metrics_namespace: str | None = None
    """Where the request metrics go (Embedded Metric Format on stdout); None writes none."""
    provisioned_concurrency: bool = False
    """Lambda made the container ahead of any request, so no request meets a cold start."""
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
        log_format = _log_format(environ)
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
            log_format=log_format,
            service=_service(environ),
            metrics_namespace=_metrics_namespace(environ, on_by_default=log_format != LOCAL_LOG),
            provisioned_concurrency=(
                environ.get("AWS_LAMBDA_INITIALIZATION_TYPE") == "provisioned-concurrency"
            ),
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
    """The first level set in `LOG_LEVEL_VARIABLES`, each set one checked so a typo shows."""
    levels = [
        _level(environ, name) for name in LOG_LEVEL_VARIABLES if environ.get(name, "").strip()
    ]
    return levels[0] if levels else "INFO"


def _level(environ: Mapping[str, str], name: str) -> str:
    level = environ[name].strip().upper()
    level = LAMBDA_LOG_LEVELS.get(level, level)
    if level not in LOG_LEVELS:
        raise ConfigError(f"{name} must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
    return level


def _log_format(environ: Mapping[str, str]) -> str:
    """Lambda's log format (its runtime sets `AWS_LAMBDA_LOG_FORMAT`), else the local log."""
    value = environ.get("AWS_LAMBDA_LOG_FORMAT", "").strip()
    if not value:
        return LOCAL_LOG
    if value.lower() not in LOG_FORMATS:
        raise ConfigError(f"AWS_LAMBDA_LOG_FORMAT must be JSON or Text, not {value[:100]!r}")
    return value.lower()


def _service(environ: Mapping[str, str]) -> str:
    service = environ.get("POWERTOOLS_SERVICE_NAME", "").strip() or DEFAULT_SERVICE
    if len(service) > MAX_DIMENSION_VALUE_CHARS or not service.isprintable():
        raise ConfigError(
            f"POWERTOOLS_SERVICE_NAME must be at most {MAX_DIMENSION_VALUE_CHARS} printable "
            f"characters, not {service[:100]!r}"
        )
    return service


def _metrics_namespace(environ: Mapping[str, str], on_by_default: bool) -> str | None:
    """The metrics' namespace, or None when `IRIS_METRICS` is off (by default off Lambda).

    CloudWatch drops metrics in a namespace it refuses, silently: a name of
    other characters, too long, or in AWS's own `AWS/` space stops the app
    here instead.
    """
    switch = environ.get("IRIS_METRICS", "").strip().lower() or ("on" if on_by_default else "off")
    if switch not in SWITCHES:
        raise ConfigError(f"IRIS_METRICS must be on or off, not {switch[:100]!r}")
    if switch == "off":
        return None
    namespace = environ.get("POWERTOOLS_METRICS_NAMESPACE", "").strip() or DEFAULT_METRICS_NAMESPACE
    if (
        len(namespace) > MAX_NAMESPACE_CHARS
        or not _NAMESPACE.fullmatch(namespace)
        or namespace.startswith("AWS/")
    ):
        raise ConfigError(
            f"POWERTOOLS_METRICS_NAMESPACE must be at most {MAX_NAMESPACE_CHARS} letters, digits "
            f"and . - _ / # : or spaces, outside AWS/, not {namespace[:100]!r}"
        )
    return namespace
