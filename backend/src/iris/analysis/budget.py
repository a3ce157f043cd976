"""The time an analysis may take, as the last line of defence.

Every pass of the analyzers is linear by construction; the budget is there for
what a reviewer missed. Analyzers call `Budget.tick()` inside their loops: it
counts, and only every `CHECK_EVERY` ticks reads the clock, so a check costs an
integer increment. When the time is up, the next check raises `OutOfTime` and
the analyzer answers with the units it has found so far.
"""

from __future__ import annotations

import time

CHECK_EVERY = 512


class OutOfTime(Exception):
    """The analysis ran past its budget."""


class Budget:
    """A deadline `seconds` from now; `None` means no deadline.

    `steps` counts every tick, so tests can check how the work of an analysis
    grows with the size of its input without timing anything.
    """

    def __init__(self, seconds: float | None) -> None:
        self.deadline = None if seconds is None else time.perf_counter() + seconds
        self.steps = 0
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
            raise OutOfTime


TOO_COMPLEX = "the file was too complex to finish in the time allowed"
