"""What an analyzer finds in a file, whatever its language.

Each language's analyzer only has to cut the file into units; grouping units
into responsibility blocks and writing the prose is shared, so the five
languages answer with one contract.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

UnitKind = Literal["import", "class", "function", "type", "constant", "export", "entry", "code"]


class Unit(NamedTuple):
    """One top-level construct, with its lines (1-based, inclusive).

    A unit is never split between blocks, so its lines must cover everything
    that belongs to it: decorators and a doc comment directly above included.
    """

    kind: UnitKind
    start: int
    end: int
    names: tuple[str, ...] = ()
    summary: str = ""
    references: frozenset[str] = frozenset()


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
