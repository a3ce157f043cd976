"""What one analysis may spend: time, and the number of units its outline holds.

Every pass of the analyzers and of the grouping is linear by construction; the
budget is there for what a reviewer missed, and for inputs so large that even
linear work is too much. Passes call `Budget.tick()` inside their loops: it
counts, and only every `CHECK_EVERY` ticks reads the clock, so a check costs an
integer increment. A pass that cannot be interrupted (`ast.parse`) checks the
clock before it starts, and is given only input whose cost is bounded.

Memory grows with the units an outline holds, whatever the time allows (a
fast machine reads more units in two seconds than a slow one), so the units
are bounded too: `Budget.holding()` is told how many there are.

When either runs out, the next check raises `OutOfBudget` and the analyzer
answers with the units it has found so far; `Budget.stopped_by` says why, in
the words the answer's `parse_problem` uses.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

CHECK_EVERY = 512
LINES_PER_CHECK = 1024
"""Passes over lines count them all as they start and read the clock once every this
many lines: a test of the line number is all a check costs in between."""
MAX_UNITS = 10_000
"""Units an outline may hold: real files hold a few hundred (the standard library's
largest module below 512 KiB, 1,031); each costs up to a few kilobytes, with what the
grouping builds for it."""
TOO_COMPLEX = "the file was too complex to finish in the time allowed"
TOO_MANY_UNITS = f"the file has over {MAX_UNITS:,} top-level statements, so only those were read"


class OutOfBudget(Exception):
    """The analysis ran out of time or units; `Budget.stopped_by` says which."""


class OutOfTime(OutOfBudget):
    """The analysis ran past its deadline."""


class Budget:
    """A deadline `seconds` after `started` (a `time.perf_counter()` value, default now),
    and at most `max_units` units; `seconds=None` means no deadline.

    `steps` counts every tick, so tests can check how the work of an analysis
    grows with the size of its input without timing anything.
    """

    def __init__(
        self, seconds: float | None, started: float | None = None, max_units: int = MAX_UNITS
    ) -> None:
        start = time.perf_counter() if started is None else started
        self.deadline = None if seconds is None else start + seconds
        self.max_units = max_units
        self.steps = 0
        self.stopped_by: str | None = None
        self._until_check = CHECK_EVERY

    def tick(self, steps: int = 1) -> None:
        self.steps += steps
        self._until_check -= steps
        if self._until_check <= 0:
            self._until_check = CHECK_EVERY
            self.check()

    def check(self) -> None:
        """Read the clock now: for the few steps that each do a lot of work."""
        if self.deadline is not None and time.perf_counter() > self.deadline:
            self.stopped_by = TOO_COMPLEX
            raise OutOfTime

    def holding(self, units: int) -> None:
        """The outline now holds `units` units; past `max_units` it may hold no more."""
        if units > self.max_units:
            self.stopped_by = TOO_MANY_UNITS
            raise OutOfBudget

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Time spent inside is not this budget's: waiting on a model server has its own."""
        paused_at = time.perf_counter()
        try:
            yield
        finally:
            if self.deadline is not None:
                self.deadline += time.perf_counter() - paused_at


@contextmanager
def collector_paused() -> Iterator[None]:
    """Hold off the garbage collector while a file is read.

    An analyzer makes an object or more per line and per unit (`ast` builds
    thousands of nodes), and each counts towards a collection that would
    find nothing to free: none of them holds a cycle, and what a pass drops
    is freed by reference counting. Collections over a growing heap made a
    file of half a million empty lines take twice as long; pausing the
    collector saved a tenth to a third of a typical analysis.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
