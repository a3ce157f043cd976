"""What an analyzer finds in a file, whatever its language.

Each language's analyzer only turns source into an `Outline`: the file's
top-level units, the parts inside its classes and components, and its doc
text. Grouping units into responsibility blocks and writing the prose are
shared (`grouping`, then `naming` and the modules it writes with), so the
five languages answer with one contract and follow one set of rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple, Protocol

from iris.analysis.budget import Budget

UnitKind = Literal[
    "import",
    "class",
    "function",
    "component",
    "type",
    "constant",
    "export",
    "entry",
    "code",
    "method",
    "field",
    "state",
    "hook",
    "handler",
    "render",
    "style",
]
"""The first nine are top-level constructs; the rest are parts of a class or component:
its methods and fields, a component's state, hooks, event handlers, the JSX or template it
renders and the styles it carries."""


class Effect(NamedTuple):
    """One thing a unit's code visibly does, as a verb and what it acts on.

    The verbs are few and fixed, so the namer can say them in words: "raises"
    or "throws" (an exception class), "chains" (returns its own instance), "yields",
    "emits" and "listens" (an event's name), "renders" (a component or
    element), "sets" (a piece of state), "fetches", "responds", "prints",
    "logs", "warns", "reads" and "writes" (files), "runs" (a subprocess),
    "schedules" and "cancels" (a timer), "registers" (a command, element or
    route by its name), "stores" (browser storage), "shows" (the intrinsic element a render
    returns, `button:onClick` with the prop it calls or `ul:cards` with the array it lists)
    and "says" (that element's visible text).
    """

    verb: str
    what: str = ""


MAX_EFFECTS = 8
"""A unit keeps at most this many effects, the first found: enough to say what it does."""


class Unit(NamedTuple):
    """One top-level construct, with its lines (1-based, inclusive).

    A unit is never split between blocks, so its lines must cover everything
    that belongs to it: decorators and a doc comment directly above included.
    `names` are what it defines (for an import, the names it binds);
    `references` the names its code uses; `detail` a hint for the label (an
    import's module, a base class, the call a loose statement makes).

    Inside a class or component, an instance attribute is written with a
    leading dot: a method `save` is named `.save`, and one that reads
    `self.items` or `this.items` refers to `.items`; that is how the parts
    that share state or call each other are found.
    """

    kind: UnitKind
    start: int
    end: int
    names: tuple[str, ...] = ()
    summary: str = ""
    references: frozenset[str] = frozenset()
    detail: str = ""
    public: bool = True
    members: tuple[Unit, ...] = ()
    """The parts of a class, component or large function a reader may jump to, in file
    order, each whole (decorators and doc comment included) and inside this unit's lines.
    What they leave of the unit (its first line, doc, closing bracket) is its head."""
    argument: str = ""
    """The first literal string a loose call is given: a route's path, a test's name, the id
    of a registered command. What tells parallel siblings apart."""
    parameters: tuple[str, ...] = ()
    """A function's or method's parameters (the instance's own left out), or a component's
    props: what it is given, for its description."""
    heading: str = ""
    """The title of the section the author opened above this unit with a heading comment
    (`# Feature flags` over a `# ====` rule, `// --- Routes ---`); "" outside any."""
    effects: tuple[Effect, ...] = ()
    """What its code visibly does (raises, emits, renders, writes ...), in the order found."""


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


class Group(NamedTuple):
    """The pieces the grouping put in one block, before the namer words it."""

    anchor: Unit
    """What the block is mostly about: its largest whole unit or part, else `owner`."""
    units: tuple[Unit, ...]
    """Every whole unit or part in the block, in file order (an opened unit's head is
    `owner`, with `opened`)."""
    owner: Unit | None
    """The opened class or component whose parts or head are in the block."""
    ranges: tuple[tuple[int, int], ...]
    opened: bool = False
    """The block holds `owner`'s head (its first line, doc and what precedes its parts), but
    not all of `owner`."""
    weights: tuple[int, ...] = ()
    """The lines of each of `units`, in the same order: what the namer weighs them by."""


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


class Analyzer(Protocol):
    """What reads one family of languages: its name and version, and the outline of a file."""

    name: str
    version: str

    def outline(self, lines: list[str], language: str, budget: Budget) -> Outline:
        """The outline of the file `lines`, written in `language`, within `budget`."""
        ...
