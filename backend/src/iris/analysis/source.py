"""The source text as the clients send it, turned into the lines an editor shows.

The VS Code extension prefixes every line with its number (`12 | code`, lines
joined by `\\n`), as the IRIS API contract asks; other clients send the file as
it is. Both must give the same answer, so the prefixes come off here, before
any analyzer sees the text, and the line numbers that come back are the ones
the client numbered.

Lines are counted as VS Code counts them: `\\n`, `\\r\\n` and a lone `\\r`
each end a line, and a leading byte-order mark is an encoding mark, not text.

Every function here makes one pass over the text (`str.split`,
`str.partition` and `str.replace` on each line once), so reading costs time
linear in the size of the source whatever it holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

BYTE_ORDER_MARK = "\ufeff"
_LONE_CR = re.compile(r"\r(?!\n)")
_LINE_BREAK = re.compile(r"\n|\r(?!\n)")
"""A line break as an editor reads one; the `\\r` of a `\\r\\n` stays with its line."""
FIRST_PREFIX_CHARS = 64
"""How far into the text the first line's `1 |` is looked for, before any line is split."""


class SourceText(NamedTuple):
    """The code to analyse, and whether the client sent it line-numbered."""

    code: str
    line_numbered: bool


def read_source(text: str) -> SourceText:
    """The code in `text`, with the line-number prefixes removed if every line has one.

    A file that looks numbered on some lines only is plain source: a stray
    `3 | x` inside ordinary code must not lose its first characters. A
    byte-order mark before `1 | ` is not part of the first line. Lines are
    numbered as an editor ends them (a lone `\\r` too), or else as the VS Code
    extension numbers them, splitting on `\\n` only; numbered lines come back
    joined by `\\n`, a `\\r\\n` line keeping its `\\r`. Text whose first line
    has no `1 |` is not split at all.
    """
    numbered = text.removeprefix(BYTE_ORDER_MARK)
    bar = numbered.find("|", 0, FIRST_PREFIX_CHARS)
    if bar < 0 or numbered[:bar].strip() != "1":
        return SourceText(text, False)
    code = None
    if _LONE_CR.search(numbered):
        code = _without_prefixes(_LINE_BREAK.split(numbered))
    if code is None:
        code = _without_prefixes(numbered.split("\n"))
    return SourceText(text, False) if code is None else SourceText(code, True)


def _without_prefixes(pieces: list[str]) -> str | None:
    """The lines of `pieces` without their `N | ` or `N|` prefixes, or None if one lacks it.

    The form is set by the first line (`1 | ` or `1|`, with or without spaces
    before the number, as `f"{n:4d}|"` writes it) and every line must use it,
    numbered 1, 2, 3, ... in order. In the spaced form an empty line may have
    lost its trailing space to an editor (`7 |`). An empty last piece is the
    line ending of the last line, not a line.
    """
    trailing = len(pieces) > 1 and pieces[-1] == ""
    if trailing:
        pieces.pop()
    head, bar, _ = pieces[0].partition("|")
    if not bar or head.strip() != "1":
        return None
    spaced = head.endswith(" ")
    code_lines = []
    for number, piece in enumerate(pieces, start=1):
        head, bar, rest = piece.partition("|")
        if not bar or head.strip() != str(number) or head.endswith(" ") != spaced:
            return None
        if spaced and rest.startswith(" "):
            rest = rest[1:]
        elif spaced and rest not in ("", "\r"):
            return None
        code_lines.append(rest)
    if trailing:
        code_lines.append("")
    return "\n".join(code_lines)


def editor_lines(code: str) -> list[str]:
    """The lines of `code` as an editor numbers them, without their line endings.

    A file that ends with a line ending has no extra empty line after it, as
    in VS Code's line count less the empty last line it shows.
    """
    if code.startswith(BYTE_ORDER_MARK):
        code = code[1:]
    if not code:
        return []
    lines = code.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


class LineCounter:
    """Line numbers of offsets, counted from the offset asked about last.

    Counting from the start of the text for every question made a file full
    of unterminated strings or comments quadratic. Scanners ask in increasing
    order (stepping back at most a bounded distance), so each newline is
    counted about once.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        if offset < self.offset:
            self.line -= self.text.count("\n", offset, self.offset)
        else:
            self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def blank(text: str) -> str:
    """Spaces in place of `text`, its newlines kept: a region masked out of the code."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join(" " * len(part) for part in text.split("\n"))


def any_of(literals: Sequence[str], *patterns: str) -> re.Pattern[str]:
    """A pattern for any of `literals` (or of `patterns`), its branches grouped by first character.

    The regular-expression engine tries an alternation's branches one by one
    at every character; grouped (`r(?:eturn|es)` for `return` and `res`), it
    tries one group, twice as fast over a file. Within a group the literals
    keep their order, so at every position the same one matches as in the
    plain alternation `literal|literal|...`.
    """
    groups: dict[str, list[str]] = {}
    for literal in literals:
        groups.setdefault(literal[0], []).append(re.escape(literal[1:]))
    branches = [f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in groups.items()]
    return re.compile("|".join([*branches, *patterns]))
