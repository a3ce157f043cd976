"""Group an analyzer's units into responsibility blocks.

The rules are the same for every language: imports, types, module state,
exports and loose top-level code each form one block; every class is a block of
its own; functions that refer to one another form a block together. Blocks come
in file order and never share a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from iris.analysis.describe import block_text
from iris.analysis.model import Block, Unit

_SHARED_KINDS = ("import", "type", "constant", "export", "code", "entry")


def build_blocks(units: Iterable[Unit], lines: Sequence[str]) -> tuple[Block, ...]:
    """Blocks for `units` of the file `lines`, each unit whole inside exactly one block."""
    units = _merge_shared_lines(sorted(units, key=lambda unit: (unit.start, unit.end)))
    groups: list[tuple[str, list[Unit]]] = []
    for kind in _SHARED_KINDS:
        members = [unit for unit in units if unit.kind == kind]
        if members:
            groups.append((kind, members))
    groups.extend(("class", [unit]) for unit in units if unit.kind == "class")
    functions = [unit for unit in units if unit.kind == "function"]
    groups.extend(("function", group) for group in _related(functions))
    blocks = [
        Block(*block_text(kind, members), _ranges(members, lines)) for kind, members in groups
    ]
    return tuple(sorted(blocks, key=lambda block: block.ranges[0]))


def _merge_shared_lines(units: list[Unit]) -> list[Unit]:
    """Fold a unit that starts on a line its predecessor ends on into it.

    `import os; x = 1` is two statements on one line; a line belongs to one
    block only, so they travel together under the first one's kind.
    """
    merged: list[Unit] = []
    for unit in units:
        if merged and unit.start <= merged[-1].end:
            previous = merged[-1]
            merged[-1] = Unit(
                kind=previous.kind,
                start=previous.start,
                end=max(previous.end, unit.end),
                names=previous.names + unit.names,
                summary=previous.summary or unit.summary,
                references=previous.references | unit.references,
            )
        else:
            merged.append(unit)
    return merged


def _related(functions: Sequence[Unit]) -> list[list[Unit]]:
    """Functions joined whenever one refers to another, in file order."""
    owner = {name: index for index, unit in enumerate(functions) for name in unit.names}
    parent = list(range(len(functions)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for index, unit in enumerate(functions):
        for name in unit.references:
            other = owner.get(name)
            if other is not None:
                parent[root(other)] = root(index)
    groups: dict[int, list[Unit]] = {}
    for index, unit in enumerate(functions):
        groups.setdefault(root(index), []).append(unit)
    return list(groups.values())


def _ranges(units: Sequence[Unit], lines: Sequence[str]) -> tuple[tuple[int, int], ...]:
    """The units' lines, joined where only blank lines lie between them."""
    ranges: list[tuple[int, int]] = []
    for unit in sorted(units, key=lambda unit: unit.start):
        gap = lines[ranges[-1][1] : unit.start - 1] if ranges else ()
        if ranges and not any(line.strip() for line in gap):
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], unit.end))
        else:
            ranges.append((unit.start, unit.end))
    return tuple(ranges)
