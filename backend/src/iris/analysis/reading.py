"""How the namer reads a group: which of its units speak for it, and what they are.

A block's label and its description must be about the same thing, so both
read a group the same way: its units weighed by their lines, heaviest first,
an opened class's fields and constructor counted with its head
(`entries_of`); a class named without its generic tail (`OrderService` is
about orders); a special method by the protocol it keeps; a lifecycle
method by the stage of a component's life it serves. `labels` and
`descriptions` both build on this; neither knows the other.

At most `NAMES_READ` units of a group (four times that for the weighing)
are read, so a group of thousands of units is named at the cost of a few.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from iris.analysis.model import Group, Unit
from iris.analysis.words import listed_text, without_prefix, words_of, words_of_text

NAMES_READ = 24
"""How many units of a group the namer reads: enough to say what a group does."""
_GENERIC_TAILS = frozenset(
    """service manager machine controller store class component handler helper helpers util
    utils provider container module base impl object""".split()
)
DUNDER = re.compile(r"^__\w+__$")
"""`__version__`, `__author__`: what a package says of itself, not settings of its code."""
_OPERATORS = {
    "Arithmetic operators": """add radd iadd sub rsub isub mul rmul imul truediv rtruediv
        itruediv floordiv rfloordiv ifloordiv div rdiv mod rmod imod pow rpow ipow neg pos abs
        invert matmul imatmul and or xor rand ror rxor iand ior ixor lshift rshift ilshift
        irshift""",
    "Comparison operators": "eq ne lt le gt ge hash",
    "Container protocol": """len iter next getitem setitem delitem contains reversed
        missing""",
    "Object representation": "repr str format bytes bool",
    "Attribute access": "getattr getattribute setattr delattr dir",
    "Copying and pickling": "copy deepcopy reduce reduce_ex getstate setstate getnewargs",
    "Context management": "enter exit aenter aexit",
}
_OPERATOR_OF = {
    method: family for family, methods in _OPERATORS.items() for method in methods.split()
}


def operator_family(unit: Unit) -> str:
    """The protocol a Python special method belongs to (`__radd__`: "Arithmetic operators")."""
    name = unit.names[0] if unit.names else ""
    if not (name.startswith(".__") and name.endswith("__")):
        return ""
    return _OPERATOR_OF.get(name[3:-2], "")


def words_of_owner(owner: Unit | None) -> list[str]:
    """`OrderStateMachine` gives Order, State: the owner's name without its generic tail.

    A long name keeps its last two words, the thing it is about:
    `RuleDetailsMatchingInstances` is matching instances.
    """
    if owner is None or not owner.names:
        return []
    found = without_prefix(words_of(owner.names[0]))
    while len(found) > 1 and found[-1].lower() in _GENERIC_TAILS:
        found = found[:-1]
    return found if len(found) <= 3 else found[-2:]


class Entry(NamedTuple):
    """A unit of a group as the namer weighs it; `head` stands for an opened owner's head,
    with the fields, state and constructor that joined it."""

    unit: Unit
    weight: int
    head: bool = False


def joins_head(unit: Unit) -> bool:
    """Fields, state, one-line hooks and a constructor belong to their owner's head."""
    return (
        unit.kind in ("field", "state")
        or unit.detail == "constructor"
        or unit.names[:1] == (".__init__",)
        or (unit.kind == "hook" and unit.end - unit.start < 2 and bool(unit.names))
    )


def entries_of(group: Group) -> list[Entry]:
    """The group's units that say what it does, heaviest first: imports and exports left out,
    and an opened owner's head counted once with what joined it."""
    entries: list[Entry] = []
    head_weight = 0
    weights = group.weights or tuple(unit.end - unit.start + 1 for unit in group.units)
    for position, (unit, weight) in enumerate(zip(group.units, weights, strict=True)):
        if position >= NAMES_READ * 4:
            break
        if unit.kind in ("import", "export"):
            continue
        if group.opened and joins_head(unit):
            head_weight += weight
            continue
        entries.append(Entry(unit, weight))
    owner = group.owner
    if group.opened and owner is not None:
        own = owner.members[0].start - owner.start if owner.members else 1
        entries.append(Entry(owner, head_weight + own, True))
    entries.sort(
        key=lambda entry: (-entry.weight, _RANK.get(entry.unit.kind, 2), not entry.unit.public)
    )
    return entries


_RANK = {"component": 0, "class": 0, "function": 0, "method": 0, "handler": 1, "render": 1}
"""On equal weight, definitions speak for a block before state, constants and types."""
_LIFECYCLE = frozenset(
    """componentDidMount componentWillUnmount componentDidUpdate componentWillMount
    componentWillReceiveProps shouldComponentUpdate getSnapshotBeforeUpdate componentDidCatch
    connectedCallback disconnectedCallback attributeChangedCallback adoptedCallback
    firstUpdated updated willUpdate update shouldUpdate ngOnInit ngOnDestroy ngOnChanges
    ngAfterViewInit mounted unmounted beforeMount beforeUnmount created beforeDestroy
    destroyed""".split()
)
"""Methods a framework calls at points of a component's life: named by when, not what."""
STAGES = {
    **dict.fromkeys(
        """componentDidMount componentWillMount connectedCallback firstUpdated ngOnInit
        ngAfterViewInit mounted beforeMount created""".split(),
        "setup",
    ),
    **dict.fromkeys(
        """componentWillUnmount disconnectedCallback ngOnDestroy unmounted beforeUnmount
        beforeDestroy destroyed""".split(),
        "teardown",
    ),
    "componentDidCatch": "error handling",
}
"""The stage of a component's life each lifecycle method serves; the rest react to updates."""


def is_lifecycle(unit: Unit) -> bool:
    """A method a framework calls at a point of a component's life (`componentDidMount`)."""
    return bool(unit.names) and unit.names[0].lstrip(".") in _LIFECYCLE


DESCRIBING = (".description",)


def reexports(group: Group) -> str:
    """What a package's `__init__` makes public from its submodules: the names its relative
    imports bring in when an `__all__` beside them lists them."""
    if not any(unit.kind == "export" and unit.names[:1] == ("__all__",) for unit in group.units):
        return ""
    imports = [u for u in group.units if u.kind == "import" and u.detail.startswith(".")]
    names = [name for unit in imports for name in unit.names[:4]]
    if not names:
        return ""
    modules = listed_text([unit.detail.lstrip(".") for unit in imports], 3)
    return f"Re-exports {listed_text(names, 4)} from {modules}"


def fluent_setters(entries: Sequence[Entry]) -> list[Unit]:
    """The methods of a run of fluent setters (each returns its instance), when all of the
    block's methods are, and there are two or more; else []."""
    if any(entry.head for entry in entries):
        return []
    methods = [entry.unit for entry in entries]
    chaining = [
        unit
        for unit in methods
        if unit.kind == "method" and any(effect.verb == "chains" for effect in unit.effects)
    ]
    return chaining if len(chaining) >= 2 and len(chaining) == len(methods) else []


def documented_summary(unit: Unit) -> str:
    """The unit's doc summary, unless it only names the unit ("CommanderError class")."""
    summary = unit.summary
    named = {word.lower() for name in unit.names[:1] for word in words_of(name.lstrip(".#_$"))}
    said = {word.lower() for token in words_of_text(summary) for word in words_of(token)}
    if not said or said <= named | _ECHO_WORDS:
        return ""
    return summary


_ECHO_WORDS = frozenset(
    "the a an class function method component constructor constructs type module".split()
)
