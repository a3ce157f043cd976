"""Groups into blocks: each group's label and description, said once per answer.

The grouping decides which units belong together; this turns each group
into the block a client shows, keeping the answer's promises across blocks:
labels distinct, no description given twice, none repeating the file's
intent. The prose itself is written by `labels`, `descriptions` and
`intent`.
"""

from __future__ import annotations

from collections.abc import Sequence

from iris.analysis.budget import Budget
from iris.analysis.descriptions import describe
from iris.analysis.doctext import same_text
from iris.analysis.labels import distinct_labels, label_of
from iris.analysis.model import Block, Group


def blocks_for(
    groups: Sequence[Group], subject: str = "", budget: Budget | None = None
) -> list[Block]:
    """One block per group: its label (distinct within the answer), description and ranges.

    A description an earlier block already gave (one doc comment copied onto
    several methods) is said again from the block's code, where that differs.

    The namer reads each group's units a fixed number of times over: the
    budget counts them all before any is named. Without one, the groups are
    bounded by the outline's units.
    """
    if budget is not None:
        budget.tick(sum(len(group.units) for group in groups))
    labels = distinct_labels([label_of(group, subject) for group in groups], groups)
    blocks = []
    said: set[str] = set()
    for label, group in zip(labels, groups, strict=True):
        description = describe(group, subject)
        if description in said:
            description = describe(group, subject, avoid=description)
        said.add(description)
        blocks.append(Block(label, description, group.ranges))
    return blocks


def without_intent(
    blocks: Sequence[Block], groups: Sequence[Group], intent: str, subject: str = ""
) -> list[Block]:
    """The blocks, any whose description only repeats the file's intent said again from code."""
    return [
        block._replace(description=describe(group, subject, intent))
        if same_text(block.description, intent)
        else block
        for block, group in zip(blocks, groups, strict=True)
    ]
