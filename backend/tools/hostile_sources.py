"""Families of hostile sources, each a function of the size wanted, for tests and benchmarks.

Each was found to be slow, to crash or to balloon before the analyzers were
made linear and bounded (the first eighteen in a first round, the rest in a
second); `tools/bench_analysis.py` times them and measures their memory, the
tests count their work.
"""

from __future__ import annotations

from collections.abc import Callable

Family = tuple[str, Callable[[int], str]]


def _repeat(fragment: str) -> Callable[[int], str]:
    return lambda size: fragment * max(1, size // len(fragment))


_REQUEST_HEAD = '{"filename": "a.py", "language": "python", "source_code": "x = 1\\n", "unused": '


def _in_an_unused_field(value: str) -> Callable[[int], bytes]:
    """A request body of about `size` bytes: a small file, and an array of `value` over and
    over in a field nobody reads."""

    def body(size: int) -> bytes:
        count = max(1, (size - len(_REQUEST_HEAD) - 3) // (len(value) + 1))
        return f"{_REQUEST_HEAD}[{','.join([value] * count)}]}}".encode()

    return body


def _nested_in_an_unused_field(size: int) -> bytes:
    depth = max(1, (size - len(_REQUEST_HEAD) - 1) // 2)
    return f"{_REQUEST_HEAD}{'[' * depth}{']' * depth}}}".encode()


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
    "decorators with nothing below": ("python", _repeat("@d\n")),
    "decorator lists": ("python", _repeat("@[a,a,a,a,a,a,a,a,a,a,a,a,a,a,a]\n")),
    "loose statements apart (Python)": ("python", _repeat("a\n\n")),
    "empty comments apart (Python)": ("python", _repeat("#\n\n")),
    "empty lines (Python)": ("python", _repeat("\n")),
    "one-line assignments (JS)": ("javascript", _repeat("x=1\n")),
    "one-line assignments (TS)": ("typescript", _repeat("x=1\n")),
    "names ended by semicolons": ("javascript", _repeat("a;\n")),
    "names on their own": ("javascript", _repeat("a\n")),
    "numbers on their own": ("javascript", _repeat("1\n")),
    "loose statements apart (JS)": ("javascript", _repeat("a\n\n")),
    "comments apart (JS)": ("javascript", _repeat("//x\n\n")),
    "empty lines (JS)": ("javascript", _repeat("\n")),
}


BODY_FAMILIES: dict[str, Callable[[int], bytes]] = {
    "empty arrays in an unused field": _in_an_unused_field("[]"),
    "empty objects in an unused field": _in_an_unused_field("{}"),
    "empty strings in an unused field": _in_an_unused_field('""'),
    "numbers in an unused field": _in_an_unused_field("1"),
    "arrays nested in an unused field": _nested_in_an_unused_field,
}
"""Whole request bodies, each a function of the body's size in bytes: the request
is one object of four fields, and these hold many values or deep nesting besides."""
