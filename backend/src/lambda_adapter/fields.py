"""Reading fields out of a Lambda event that may be malformed.

Events come from AWS, from test tools and from people typing JSON. A field of
the wrong type must not crash the handler: these readers give the caller an
empty value of the expected type instead, and the translation carries on.
"""

from __future__ import annotations

from typing import Any


def mapping(container: Any, key: str) -> dict[str, Any]:
    """The dict at `key`, or an empty one when it is missing or not a dict."""
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, dict) else {}


def text(container: Any, key: str, default: str = "") -> str:
    """The string at `key`, or `default` when it is missing or not a string."""
    value = container.get(key) if isinstance(container, dict) else None
    return value if isinstance(value, str) else default


def text_pairs(values: Any) -> list[tuple[str, str]]:
    """`{name: value}` as pairs, dropping entries that are not strings."""
    if not isinstance(values, dict):
        return []
    return [(k, v) for k, v in values.items() if isinstance(k, str) and isinstance(v, str)]


def multi_text_pairs(values: Any) -> list[tuple[str, str]]:
    """`{name: [value, ...]}` as pairs, one per value, dropping what is not a string."""
    if not isinstance(values, dict):
        return []
    return [
        (name, item)
        for name, items in values.items()
        if isinstance(name, str) and isinstance(items, list)
        for item in items
        if isinstance(item, str)
    ]
