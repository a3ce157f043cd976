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

from typing import NamedTuple

BYTE_ORDER_MARK = "\ufeff"


class SourceText(NamedTuple):
    """The code to analyse, and whether the client sent it line-numbered."""

    code: str
    line_numbered: bool


def read_source(text: str) -> SourceText:
    """The code in `text`, with the line-number prefixes removed if every line has one.

    A file that looks numbered on some lines only is plain source: a stray
    `3 | x` inside ordinary code must not lose its first characters.
    """
    pieces = text.split("\n")
    if pieces[-1] == "" and len(pieces) > 1:
        trailing, pieces = [""], pieces[:-1]
    else:
        trailing = []
    code_lines = _without_prefixes(pieces)
    if code_lines is None:
        return SourceText(text, False)
    return SourceText("\n".join(code_lines + trailing), True)


def _without_prefixes(pieces: list[str]) -> list[str] | None:
    """Each piece without its `N | ` or `N|` prefix, or None if one piece lacks it.

    The form is set by the first line (`1 | ` or `1|`, with or without spaces
    before the number, as `f"{n:4d}|"` writes it) and every line must use it,
    numbered 1, 2, 3, ... in order. In the spaced form an empty line may have
    lost its trailing space to an editor (`7 |`).
    """
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
    return code_lines


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
