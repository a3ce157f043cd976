"""Settings for the IRIS app, read from environment variables and nowhere else.

Reading every variable in one place means a bad value stops the app at start-up
with a message naming the variable, instead of surfacing later as an odd error
in the middle of a request. Secrets (API keys) come from here too, so they never
live in the code or the repository.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_CORS_ORIGINS = ("https://github.com",)


class ConfigError(ValueError):
    """An environment variable holds a value the app cannot use."""


@dataclass(frozen=True)
class Settings:
    """What the app needs to know about its environment."""

    cors_origins: tuple[str, ...] = DEFAULT_CORS_ORIGINS
    max_content_length: int = 1024 * 1024
    max_source_bytes: int = 512 * 1024
    cache_entries: int = 256

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Build settings from `environ`, falling back to the defaults."""
        return cls(
            cors_origins=_names(environ, "IRIS_CORS_ORIGINS") or DEFAULT_CORS_ORIGINS,
            max_content_length=_count(environ, "MAX_CONTENT_LENGTH", cls.max_content_length),
            max_source_bytes=_count(environ, "IRIS_MAX_SOURCE_BYTES", cls.max_source_bytes),
            cache_entries=_count(environ, "IRIS_CACHE_ENTRIES", cls.cache_entries),
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
