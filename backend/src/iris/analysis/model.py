"""What an analyzer finds in a file, whatever its language.

Each language's analyzer only turns source into an `Outline`: the file's
top-level units and its doc text. Grouping units into responsibility blocks
and writing the prose are shared (`grouping`, `naming`), so the five languages
answer with one contract and follow one set of rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

UnitKind = Literal[
    "import", "class", "function", "component", "type", "constant", "export", "entry", "code"
]


class Unit(NamedTuple):
    """One top-level construct, with its lines (1-based, inclusive).

    A unit is never split between blocks, so its lines must cover everything
    that belongs to it: decorators and a doc comment directly above included.
    `names` are what it defines (for an import, the names it binds);
    `references` the names its code uses; `detail` a hint for the label (an
    import's module, a base class, the call a loose statement makes).
    """

    kind: UnitKind
    start: int
    end: int
    names: tuple[str, ...] = ()
    summary: str = ""
    references: frozenset[str] = frozenset()
    detail: str = ""
    public: bool = True


class Outline(NamedTuple):
    """An analyzer's reading of one file, before grouping."""

    units: list[Unit]
    lines: Sequence[str]
    doc: str
    language_name: str
    problems: list[str]
    finished: bool = True
    """False when the analysis budget ran out: `units` are those found so far."""
    more_problems: int = 0
    """Problems found beyond those listed, counted but not worded."""


class Block(NamedTuple):
    """A responsibility block as the extensions show it."""

    label: str
    description: str
    ranges: tuple[tuple[int, int], ...]

    def as_json(self) -> dict[str, object]:
        return {
            "label": self.label,
            "description": self.description,
            "ranges": [[start, end] for start, end in self.ranges],
        }


class Analysis(NamedTuple):
    """The language-independent result of analysing one file."""

    file_intent: str
    blocks: tuple[Block, ...]
    line_count: int
    parse_problem: str | None = None
