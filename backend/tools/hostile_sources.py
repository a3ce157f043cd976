"""Families of hostile sources, each a function of the size wanted, for tests and benchmarks.

Each was found to be slow, to crash or to balloon before the analyzers were
made linear; `tools/bench_analysis.py` times them, the tests count their work.
"""

from __future__ import annotations

from collections.abc import Callable

Family = tuple[str, Callable[[int], str]]


def _repeat(fragment: str) -> Callable[[int], str]:
    return lambda size: fragment * max(1, size // len(fragment))


FAMILIES: dict[str, Family] = {
    "nested false JSX starts": ("javascript", lambda n: "<a{" * (n // 5) + "x" + "};" * (n // 5)),
    "nested false JSX starts (TSX)": (
        "typescriptreact",
        lambda n: "<a{" * (n // 5) + "x" + "};" * (n // 5),
    ),
    "unclosed regex classes": ("javascript", _repeat("x=/[")),
    "empty line comments": ("javascript", _repeat("//\n")),
    "unterminated strings (JS)": ("javascript", _repeat("'\n")),
    "at signs (TS)": ("typescript", _repeat("@")),
    "block comments on one line": ("javascript", _repeat("/**/")),
    "comparisons that look like tags": ("typescriptreact", _repeat("<a ")),
    "unmatched closing braces": ("javascript", _repeat("}\n")),
    "statements on one line": ("python", _repeat("x=1;")),
    "assignments": ("python", _repeat("x=1\n")),
    "unclosed ifs": ("python", _repeat("if x:\n" + "x=1\n" * 200)),
    "a syntax error on every line": ("python", _repeat("def f(:\n")),
    "unterminated strings (Python)": ("python", _repeat("'\n")),
    "open brackets (Python)": ("python", _repeat("(")),
    "deep unary operators": ("python", lambda n: "class A(" + "-" * (n - 20) + "1): pass\n"),
    "huge integer base": ("python", lambda n: "class A(0x" + "f" * (n - 20) + "): pass\n"),
    "mutually calling functions": ("javascript", _repeat("function f(){return g()}\n")),
}
