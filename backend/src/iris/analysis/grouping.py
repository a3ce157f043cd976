"""Turn an outline into responsibility blocks, the same way for every language.

A block is what a reader jumps to: one responsibility, a run of neighbouring
declarations, or of neighbouring parts of a large class or component, read in
the file's order. The rules:

1. Pieces. Each top-level unit is a piece, except a large class or component
   (`OPEN_LINES` or more, with at least three parts or one part that opens, and
   not a short class whose few methods all share some of its state), which is
   opened: its
   head (first line, doc, what comes before its first part), each of its
   parts (methods with their decorators and doc comments, hooks, handlers,
   what it renders, its styles) and its tail (the closing bracket) become
   pieces. A piece is never split, so no declaration with its doc comment is
   ever cut between blocks.
2. Glue. Some neighbours always go together: imports with what follows
   them; a tail with the part before it; fields, state and a constructor
   with their class's or component's head; `@overload` stubs and their
   implementation, a getter and its setter (one name twice in a row); an
   export or `X.propTypes = ...` with what it exports; a short constant or
   type with the neighbour below that uses it.
3. Runs. The rest is merged two neighbours at a time, the cheapest pair
   first. Joining costs the lines joined, divided by what ties the two:
   calls between them, private state only they touch, words their names
   share, doing the same kind of thing, being parallel siblings (one family of
   names: `acceptsCharsets`, `acceptsEncodings`; `CardHeader`, `CardTitle`),
   which are always joined while they fit in two fair shares. It costs more across a section
   heading, between a class's parts and what is outside it, and past twice
   a block's fair share of the file. Merging stops once the file has no
   more blocks than its share (about 0.4 times the square root of its
   lines; two under 30 lines; twelve at most) and no run is under a quarter
   of a fair share. An entry point (`main()`) is tied to nothing by what it
   calls: it is glue, what it calls is the work.
4. Blocks read in the file's order, each one range: from its first piece to
   its last, with the comment lines directly above it and any code below it
   that no piece holds, so no line of code is left out of every block.

Why this is linear, or n log n, in the number of pieces and lines: pieces are
made in one pass over the units and their parts; the glue is one pass over
the pieces; each merge pops a heap and pushes the two new neighbour pairs,
and a run's names are kept as sets of at most `BOND_NAMES`, the smaller moved
into the larger, so weighing two runs costs at most that many look-ups;
ranges are one pass over the runs, each gap line read once. The units are at
most the budget's `MAX_UNITS`, their parts at most a few per line, and every
loop ticks the analysis budget. When its time runs out in the grouping or
the namer, the top-level units are cut into runs of neighbours instead
(`groups_in_file_order`), one pass, and named with nothing left to check.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import islice

from iris.analysis import naming
from iris.analysis.budget import TOO_COMPLEX, Budget, OutOfTime
from iris.analysis.intent import file_intent
from iris.analysis.model import Analysis, Group, Outline, Unit
from iris.analysis.reading import joins_head, operator_family
from iris.analysis.words import MAX_NAME, forget_worked_out_words, kind_of_action, words_of

SMALL_FILE_LINES = 30
MAX_BLOCKS = 12
MAX_RANGES_PER_BLOCK = 60
BLOCKS_PER_ROOT_LINE = (0.3, 0.55)
"""A file of n lines has between these many times the square root of n blocks: 3 to 6
for 100 lines, 6 to 11 for 400, as a senior engineer's table of contents for such files
has. Below the upper bound, only runs tied closely enough are merged."""
TIED = 0.3
"""Below the most blocks a file may have, two neighbours are merged only if joining them
costs less than this: half a fair share with nothing to tie them, or more if tied."""
OPEN_LINES = 40
"""A class or component this long, with three parts or more, is opened into its parts."""
COHESIVE_LINES = 100
COHESIVE_METHODS = 4
"""A class shorter than `COHESIVE_LINES`, with at most `COHESIVE_METHODS` methods besides its
constructor, all sharing some of its state, stays whole (rule 1): more methods are more
than one thing to jump to, as a state machine's transitions, queries and setters are."""
OPEN_RENDER_LINES = 30
"""What a component returns is opened into its elements when it is this long."""
DATA_TABLE_LINES = 12
"""A constant this long stands on its own: a data table, not a setting of what follows."""
BOND_NAMES = 256
"""The names a run keeps to weigh its ties to its neighbours: enough for any real run, and
a bound on what one weighing costs."""
BARE_HEAD_LINES = 2
"""A class's head this short is its declaration line alone: not a responsibility of its own,
so the imports above it and it join the part below."""
SETUP_APART_LINES = 60
"""In a file this long, the imports and the setup beside them are a block of their own; in a
shorter one they go with the unit below, which is most likely the only one using them."""
_SETUP = frozenset(("import", "export", "constant", "type", "code"))
"""The pieces of a module's setup: imports and what is set up beside them. A run of them is
kept apart from the definitions around it, so the imports never swallow a definition."""
_PRIMARY = frozenset(
    ("class", "component", "function", "entry", "method", "handler", "render", "style", "hook")
)
_JOINS_HEAD = frozenset(("field", "state"))
_ENTRY_NAMES = frozenset(("main", "cli", "run_cli"))
_COMMENT_MARKS = ("#", "//", "/*", "*")
_QUIET_WORDS = frozenset(
    """a an the of to for in on by with and or is get set has can should self this props
    state value values data item items type types default""".split()
)
"""Words too common in names to say two pieces are about the same thing."""


def analysis_of(outline: Outline, filename: str = "", budget: Budget | None = None) -> Analysis:
    """The answer for an outline: intent, blocks in the file's order, and what went wrong.

    An anonymous default export (`export default class extends Component`)
    is named after the file, as its importers usually name it. `budget` is
    the one the outline was read under, so the grouping has what is left of
    it, and the answer says what ran out, if anything did. The intent reads
    the top-level units and the blocks once each: at most `MAX_UNITS` and
    `MAX_BLOCKS`, whatever time is left.

    The grouping and the namer read each name several times, so its words
    are worked out once (`words`); they are forgotten when the file is
    answered, so an idle server holds none.
    """
    try:
        return _answer(outline, filename, budget or Budget(None))
    finally:
        forget_worked_out_words()


def _answer(outline: Outline, filename: str, budget: Budget) -> Analysis:
    stem = _stem(filename)
    units = merge_overlapping(_named_defaults(outline.units, stem))
    try:
        groups = grouped(units, outline.lines, budget)
        blocks = naming.blocks_for(groups, stem, budget)
    except OutOfTime:
        groups = groups_in_file_order(units, len(outline.lines))
        blocks = naming.blocks_for(groups, stem)
    intent = file_intent(outline.doc, units, groups, blocks, stem, outline.language_name)
    blocks = naming.without_intent(blocks, groups, intent, stem)
    problems = list(outline.problems)
    if not outline.finished or budget.stopped_by:
        problems.insert(0, budget.stopped_by or TOO_COMPLEX)
    sentence = problem_sentence(problems, outline.more_problems)
    return Analysis(intent, tuple(blocks), len(outline.lines), sentence)


def _stem(filename: str) -> str:
    """`user-card` for `src/user-card.test.tsx`; `index` files speak for their folder."""
    parts = filename.replace("\\", "/").split("/")
    stem = parts[-1].split(".", 1)[0]
    if stem in ("index", "__init__", "main", "mod") and len(parts) > 1:
        stem = parts[-2]
    return stem[:MAX_NAME]


def _named_defaults(units: Sequence[Unit], stem: str) -> list[Unit]:
    name = "".join(word[:1].upper() + word[1:] for word in words_of(stem)) or "Default"
    return [
        unit._replace(names=(name, *unit.names[1:])) if unit.names[:1] == ("default",) else unit
        for unit in units
    ]


def problem_sentence(problems: Sequence[str], uncounted: int = 0) -> str | None:
    """One short sentence: the first problem, and how many more there are."""
    if not problems:
        return None
    more = len(problems) - 1 + uncounted
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
    return f"The file did not parse cleanly: {problems[0][:200]}{extra}."


def merge_overlapping(units: Iterable[Unit]) -> list[Unit]:
    """Fold a unit that starts on a line its predecessor ends on into it.

    `import os; x = 1` is two statements on one line; a line belongs to one
    block only, so they travel together under the first one's kind. Names and
    references are gathered in lists and joined once per run, so a line of
    60,000 statements costs one pass, not a growing copy per statement.
    """
    merged: list[Unit] = []
    run: list[Unit] = []
    run_end = 0
    for unit in sorted(units, key=lambda unit: (unit.start, unit.end)):
        if run and unit.start <= run_end:
            run.append(unit)
            run_end = max(run_end, unit.end)
            continue
        if run:
            merged.append(_fold(run))
        run, run_end = [unit], unit.end
    if run:
        merged.append(_fold(run))
    return merged


def _fold(run: list[Unit]) -> Unit:
    if len(run) == 1:
        return run[0]
    first = run[0]
    main = next(
        (unit for unit in run if unit.kind in _PRIMARY or unit.kind == "code"),
        next((unit for unit in run if unit.kind != "import"), first),
    )
    names = tuple(dict.fromkeys([*main.names, *(name for unit in run for name in unit.names)]))
    references: set[str] = set()
    for unit in run:
        references.update(unit.references)
    return Unit(
        kind=main.kind,
        start=first.start,
        end=max(unit.end for unit in run),
        names=names,
        summary=next((unit.summary for unit in run if unit.summary), ""),
        references=frozenset(references),
        detail=main.detail,
        public=any(unit.public for unit in run),
        argument=main.argument,
        heading=first.heading,
    )


class _Piece:
    """A unit, or the head, a part or the tail of an opened one: one span of lines.

    `owner` is the index of the top-level unit it comes from; `role` says
    which of the four it is ("unit", "head", "part" or "tail"); `names` and
    `uses` are its names and the names it uses, an instance attribute
    qualified by its owner. Slots, not a tuple: a file of 65,000 definitions
    has as many.
    """

    __slots__ = (
        "action", "end", "kind", "names", "owner", "role", "start", "state", "unit", "uses",
    )  # fmt: skip

    def __init__(self, unit: Unit, owner: int, role: str, start: int, end: int) -> None:
        self.unit = unit
        self.owner = owner
        self.role = role
        self.kind = "head" if role in ("head", "tail") else unit.kind
        """The unit's kind; a head or a tail is "head". Set once: the merge asks it often."""
        self.start = start
        self.end = end
        self.names: frozenset[str] = frozenset()
        self.uses: frozenset[str] = frozenset()
        self.state: frozenset[str] = frozenset()
        self.action: str | None = None

    @property
    def weight(self) -> int:
        return self.end - self.start + 1


def _pieces(units: Sequence[Unit], lines: Sequence[str], budget: Budget) -> list[_Piece]:
    """Every unit whole, or opened into its head, its parts and its tail (rule 1)."""
    pieces: list[_Piece] = []
    for owner, unit in enumerate(units):
        _add_pieces(pieces, unit, owner, "unit", lines, budget)
    return pieces


def _add_pieces(
    pieces: list[_Piece], unit: Unit, owner: int, role: str, lines: Sequence[str], budget: Budget
) -> None:
    """The unit as one piece, or its head, its parts' pieces and its tail."""
    budget.tick(1 + len(unit.members))
    if not _opens(unit) or _cohesive(unit, budget):
        pieces.append(_Piece(unit, owner, role, unit.start, unit.end))
        return
    first, last = unit.members[0], unit.members[-1]
    pieces.append(_Piece(unit, owner, "head", unit.start, max(unit.start, first.start - 1)))
    for member in unit.members:
        _add_pieces(pieces, member, owner, "part", lines, budget)
    if last.end < unit.end and _has_code((last.end + 1, unit.end), lines):
        pieces.append(_Piece(unit, owner, "tail", last.end + 1, unit.end))


def _opens(unit: Unit) -> bool:
    """Whether a unit is opened into its parts (rule 1). A unit with fewer than three parts
    opens when one of them does: an exported object whose 400-line `create` method holds
    the helpers. The outline nests parts at most three deep (a unit, its parts, theirs), so
    this reads a bounded number of parts per part."""
    weight = unit.end - unit.start + 1
    if unit.kind == "render":
        return len(unit.members) >= 2 and weight >= OPEN_RENDER_LINES
    opening = len(unit.members) >= 3 or any(_opens(member) for member in unit.members)
    return opening and weight >= OPEN_LINES


def _cohesive(unit: Unit, budget: Budget) -> bool:
    """A short class whose methods all use one piece of its state: one responsibility, read
    whole (a 76-line interceptor stack whose `use`, `eject`, `clear` and `forEach` all keep
    `this.handlers`). Each method's references are read once, and the budget counts them."""
    if unit.kind != "class" or unit.end - unit.start + 1 >= COHESIVE_LINES:
        return False
    methods = [m for m in unit.members if m.kind == "method" and not joins_head(m)]
    if not 2 <= len(methods) <= COHESIVE_METHODS:
        return False
    budget.tick(sum(len(method.references) for method in methods))
    shared = {name for name in methods[0].references if name[:1] == "."}
    for method in methods[1:]:
        shared &= method.references
    return bool(shared)


def _has_code(span: tuple[int, int], lines: Sequence[str]) -> bool:
    """Whether any line of `span` is not blank; each line is looked at once per opened unit."""
    start, end = span
    return start <= end and any(line.strip() for line in lines[start - 1 : end])


def _keyed(owner: int, names: Iterable[str]) -> frozenset[str]:
    """Names as they are looked up: an instance attribute (`.items`) within its own class only,
    so it is prefixed with its class's index."""
    prefix = str(owner)
    return frozenset(prefix + name if name[:1] == "." else name for name in names)


def _read_ties(pieces: Sequence[_Piece], budget: Budget) -> None:
    """Each piece's names, the names it uses that a piece of the file defines, and its state.

    A piece's state is the instance attributes it uses that at most a third
    of its class's methods (and at least two) use: what a few methods share
    apart from the rest. A head, a tail and an entry point use nothing: a
    head's references are its whole unit's, and what `main()` calls is not
    what it is about.

    A piece's uses are its references that are defined, less its own names:
    the intersection is taken first, so each piece costs its own references,
    never a copy of every name the file defines. A part's instance attributes
    are found the same way, by intersecting its references with the
    attributes its class defines, and with those a few of its methods share:
    those sets are made once per class, the second from one count of its
    parts' references, so no reference is looked at one by one.
    """
    defined: set[str] = set()
    attributes: dict[int, set[str]] = {}
    for piece in pieces:
        budget.tick(1 + len(piece.unit.names))
        if piece.role in ("unit", "part"):
            piece.names = _keyed(piece.owner, piece.unit.names)
            piece.action = kind_of_action(piece.unit.names[0]) if piece.unit.names else None
            defined.update(piece.names)
            attributes.setdefault(piece.owner, set()).update(
                name for name in piece.unit.names if name[:1] == "."
            )
    users: dict[int, Counter[str]] = {}
    methods: Counter[int] = Counter()
    for piece in pieces:
        budget.tick(1 + len(piece.unit.references))
        if piece.role == "part":
            methods[piece.owner] += 1
            users.setdefault(piece.owner, Counter()).update(piece.unit.references)
    shared = {owner: _shared_state(used, methods[owner]) for owner, used in users.items()}
    for piece in pieces:
        if piece.role in ("head", "tail") or _is_entry(piece.unit):
            continue
        references = piece.unit.references
        budget.tick(1 + len(references))
        if piece.role == "unit":
            piece.uses = (references & defined) - piece.names
            continue
        prefix = str(piece.owner)
        own = references & attributes.get(piece.owner, set())
        piece.uses = ((references & defined) | {prefix + name for name in own}) - piece.names
        piece.state = frozenset(prefix + name for name in references & shared[piece.owner])


def _shared_state(used: Counter[str], methods: int) -> frozenset[str]:
    """The instance attributes that more than one, and at most a third, of a class's `methods`
    use (two may, whatever their number); `used` counts its methods' references."""
    limit = max(2, methods // 3)
    return frozenset(name for name, count in used.items() if name[:1] == "." and 1 < count <= limit)


class _Run:
    """Neighbouring pieces `first` to `last` that will be one block, and what ties them."""

    __slots__ = (
        "alive", "family", "first", "head_owner", "last", "names", "next", "previous", "setup",
        "state", "substance", "uses", "version", "weight", "words",
    )  # fmt: skip

    def __init__(self, index: int, piece: _Piece) -> None:
        self.first = self.last = index
        self.weight = piece.weight
        bare = piece.role == "head" and piece.weight <= BARE_HEAD_LINES
        self.substance = 0 if piece.kind in ("import", "export") or bare else piece.weight
        """The lines of pieces that are not imports, exports or a class's bare first line: a
        run without any must merge."""
        self.setup = piece.role == "unit" and piece.kind in _SETUP
        """Whether it holds only the module's setup: imports, constants, types, loose code."""
        self.names: set[str] = set(piece.names)
        self.uses: set[str] = set(piece.uses)
        self.state: set[str] = set(piece.state)
        self.words: set[str] = _name_words(piece)
        self.family = _family(piece)
        """The family its definitions share (parallel siblings), `_MIXED` once they differ."""
        self.head_owner = piece.owner if piece.role == "head" else -1
        """The owner of the last head this run holds, -1 if none."""
        self.previous: _Run | None = None
        self.next: _Run | None = None
        self.version = 0
        self.alive = True

    def absorb(self, other: _Run) -> None:
        """Take in the run just after this one; each set grows by the smaller, up to a bound."""
        self.last = other.last
        self.weight += other.weight
        self.substance += other.substance
        self.setup = self.setup and other.setup
        if other.head_owner >= 0:
            self.head_owner = other.head_owner
        if not self.family or self.family == other.family:
            self.family = self.family or other.family
        elif other.family:
            self.family = _MIXED
        for mine, theirs in (
            (self.names, other.names),
            (self.uses, other.uses),
            (self.state, other.state),
            (self.words, other.words),
        ):
            if len(mine) < BOND_NAMES:
                mine.update(islice(theirs, BOND_NAMES - len(mine)))
        self.next = other.next
        if other.next is not None:
            other.next.previous = self
        other.alive = False
        self.version += 1


def _name_words(piece: _Piece) -> set[str]:
    """The words of a piece's names, lower-case, without the common ones: what it is about."""
    found: set[str] = set()
    for name in piece.unit.names[:4]:
        found.update(
            word.lower()
            for word in words_of(name.lstrip(".#_$"))
            if word.lower() not in _QUIET_WORDS and len(word) > 1
        )
    return found


def grouped(units: Sequence[Unit], lines: Sequence[str], budget: Budget) -> list[Group]:
    """Groups of neighbouring pieces, in the file's order, each with its anchor and its lines."""
    if not units:
        return []
    pieces = _pieces(units, lines, budget)
    _read_ties(pieces, budget)
    runs = _glued(pieces, budget)
    runs = _merged(runs, pieces, len(lines), budget)
    budget.check()
    spans = _spans(runs, pieces, lines, budget)
    return [_group(pieces, units, run, span) for run, span in zip(runs, spans, strict=True)]


def groups_in_file_order(units: Sequence[Unit], line_count: int) -> list[Group]:
    """Runs of neighbouring top-level units, each an equal share of the file's lines.

    What answers when the time ran out before the pieces could be weighed:
    one pass over the units, in file order, nothing opened and nothing to
    check. Each group is about its largest unit that is not an import.
    """
    if not units:
        return []
    groups = []
    target = _block_counts(line_count)[1]
    for run in _equal_shares([unit.end - unit.start + 1 for unit in units], target):
        members = tuple(units[index] for index in run)
        weights = tuple(unit.end - unit.start + 1 for unit in members)
        anchor = max(members, key=lambda unit: (unit.kind != "import", unit.end - unit.start))
        end = max(unit.end for unit in members)
        groups.append(Group(anchor, members, None, ((members[0].start, end),), False, weights))
    return groups


def _block_counts(line_count: int) -> tuple[int, int]:
    """The fewest and the most blocks a file of `line_count` lines should have (rule 3)."""
    root = math.sqrt(line_count)
    fewest, most = (max(1, min(MAX_BLOCKS, int(k * root + 0.5))) for k in BLOCKS_PER_ROOT_LINE)
    if line_count < SMALL_FILE_LINES:
        fewest, most = min(fewest, 2), min(most, 2)
    return fewest, most


def _equal_shares(sizes: Sequence[int], target: int) -> list[list[int]]:
    """Positions of `sizes` cut into runs of neighbours, each about an equal share, in one pass."""
    share = max(1, -(-sum(sizes) // target))
    runs: list[list[int]] = []
    filled = share
    for position, size in enumerate(sizes):
        if filled >= share:
            runs.append([])
            filled = 0
        runs[-1].append(position)
        filled += size
    return runs


def _is_entry(unit: Unit) -> bool:
    return unit.kind == "entry" or (
        unit.kind == "function" and bool(unit.names) and unit.names[0].lower() in _ENTRY_NAMES
    )


def _glued(pieces: Sequence[_Piece], budget: Budget) -> list[_Run]:
    """The pieces in runs, neighbours that always go together already joined (rule 2).

    One pass: each piece either joins the run before it or starts one. A
    short constant or type joins the run below it when the piece there uses
    its names, so it is looked at once more when that piece arrives.
    """
    runs: list[_Run] = []
    budget.tick(len(pieces))
    for index, piece in enumerate(pieces):
        run = runs[-1] if runs else None
        if run is not None and _glues(pieces, run, piece):
            run.absorb(_Run(index, piece))
        else:
            fresh = _Run(index, piece)
            if run is not None:
                run.next, fresh.previous = fresh, run
            runs.append(fresh)
    if len(runs) > 1 and all(
        pieces[i].kind == "import" for i in range(runs[-1].first, len(pieces))
    ):
        runs[-2].absorb(runs.pop())
    return runs


def _glues(pieces: Sequence[_Piece], run: _Run, piece: _Piece) -> bool:
    """Whether `piece` always goes with the run just before it (rule 2)."""
    before = pieces[run.last]
    if piece.role == "tail" or before.kind == "import":
        return True
    if before.role == "head" and before.unit.kind == "render":
        return True
    unit = piece.unit
    if unit.names and before.unit.names[:1] == unit.names[:1] and _same_level(before, piece):
        return True
    if piece.role == "part" and _joins_head(unit) and run.head_owner == piece.owner:
        return True
    if unit.kind == "export" or (
        unit.kind == "code" and not unit.argument and piece.uses & run.names
    ):
        return True
    small = piece.weight < DATA_TABLE_LINES
    if piece.kind in ("constant", "style") and small and piece.names & run.uses:
        return True
    if before.kind not in ("constant", "type") or before.weight >= DATA_TABLE_LINES:
        return False
    if before.role == "unit" and piece.role == "head":
        return bool(before.names & piece.unit.references)
    return bool(before.names & piece.uses) and (before.owner == piece.owner or piece.role == "unit")


def _same_level(before: _Piece, piece: _Piece) -> bool:
    """Two parts of one unit, or two top-level units: where one name twice in a row is an
    overload and its implementation, or a getter and its setter."""
    return before.owner == piece.owner or before.role == piece.role == "unit"


def _joins_head(unit: Unit) -> bool:
    """Fields, state, one-line hooks and a constructor belong to their owner's head."""
    return (
        unit.kind in _JOINS_HEAD
        or unit.detail == "constructor"
        or unit.names[:1] == (".__init__",)
        or (unit.kind == "hook" and unit.end - unit.start < 2 and bool(unit.names))
    )


def _merged(
    runs: list[_Run], pieces: Sequence[_Piece], line_count: int, budget: Budget
) -> list[_Run]:
    """Neighbouring runs merged, the cheapest pair first, down to the file's share (rule 3).

    A pair is pushed on the heap with the versions of both runs; a merge
    bumps the version of the run that absorbs, so an entry about a run that
    has changed or is gone is skipped when popped.
    """
    if len(runs) < 2:
        return runs
    fewest, most = _block_counts(line_count)
    share = max(1.0, 2 * line_count / (fewest + most))
    smallest = max(3.0, share / 4)
    apart = line_count >= SETUP_APART_LINES
    heap: list[tuple[int, float, int, int, int]] = []
    by_start = {run.first: run for run in runs}

    def push(left: _Run | None) -> None:
        if left is None or left.next is None:
            return
        right = left.next
        budget.tick(
            1 + min(len(left.uses), len(right.names)) + min(len(right.uses), len(left.names))
        )
        tier, cost = _cost(left, right, pieces, share, smallest, apart)
        heapq.heappush(heap, (tier, cost, left.first, left.version, right.version))

    for run in runs:
        push(run)
    count = len(runs)
    while heap and count > 1:
        tier, cost, first, version, next_version = heapq.heappop(heap)
        left = by_start.get(first)
        if left is None or not left.alive or left.version != version or left.next is None:
            continue
        right = left.next
        if right.version != next_version:
            continue
        if tier and (count <= fewest or (count <= most and cost >= TIED)):
            break
        del by_start[right.first]
        left.absorb(right)
        count -= 1
        push(left.previous)
        push(left)
    return [run for run in runs if run.alive]


def _cost(
    left: _Run,
    right: _Run,
    pieces: Sequence[_Piece],
    share: float,
    smallest: float,
    apart: bool,
) -> tuple[int, float]:
    """What joining two neighbouring runs costs: a tier (0 while one is too small) and a price.

    With `apart`, the imports and the module setup beside them (when that setup is not
    itself too small to stand alone) join the definition below only when the file has too
    many blocks: they never swallow it for being small."""
    end, start = pieces[left.last], pieces[right.first]
    links = len(left.uses & right.names) + len(right.uses & left.names)
    bond = float(min(links, 3) + min(len(left.state & right.state), 2))
    bond += 0.5 * min(len(left.words & right.words), 2)
    siblings = left.family not in ("", _MIXED) and left.family == right.family
    if siblings:
        bond += 2
    if end.kind == start.kind and end.kind in ("type", "constant"):
        bond += 2
    elif end.kind == start.kind and end.kind not in ("import", "head"):
        bond += 0.5
        if end.action is not None and end.action == start.action:
            bond += 1
    joined = left.weight + right.weight
    cost = joined / share / (1 + bond)
    if end.owner != start.owner and "part" in (end.role, start.role):
        cost *= 4
    section = start.unit.heading != end.unit.heading
    if section:
        cost *= 8
    if joined > 2 * share:
        cost *= 4
    wiring = not (left.substance and right.substance)
    setup_edge = apart and left.setup and not right.setup and left.substance >= smallest
    if setup_edge:
        cost *= 4
    tiny = min(left.weight, right.weight) < smallest and not section and not setup_edge
    parallel = siblings and joined <= 2 * share and not section
    return (0 if wiring or tiny or parallel else 1), cost


_MIXED = "\x00"
"""The family of a run whose definitions belong to different families: no one's sibling."""


def _family(piece: _Piece) -> str:
    """The first word of a definition's name, or the call a loose statement makes
    (`defineGetter(req, 'host', ...)`), an operator protocol, or fluent setters (methods
    that return their instance): `accepts`, `acceptsCharsets` and
    `acceptsEncodings`, `CardHeader` and `CardTitle` are parallel siblings of one family."""
    if piece.kind == "code" and piece.unit.detail:
        return piece.unit.detail
    if piece.kind == "method" and operator_family(piece.unit):
        return operator_family(piece.unit)
    if piece.kind == "method" and any(effect.verb == "chains" for effect in piece.unit.effects):
        return "fluent setters"
    if not piece.unit.names or piece.kind not in _PRIMARY:
        return ""
    found = words_of(piece.unit.names[0].lstrip(".#_$"))
    return found[0].lower() if found else ""


def _spans(
    runs: Sequence[_Run], pieces: Sequence[_Piece], lines: Sequence[str], budget: Budget
) -> list[tuple[int, int]]:
    """Each run's lines: its pieces, and the comment lines directly above the first.

    A comment separated from both runs by blank lines belongs to neither, and
    so does a module's docstring; each line between two runs is read at most
    once.
    """
    spans = []
    previous_end = 0
    for run in runs:
        start = pieces[run.first].start
        end = max(pieces[index].end for index in (run.first, run.last))
        budget.tick(1 + start - previous_end)
        while start - 1 > previous_end and lines[start - 2].lstrip().startswith(_COMMENT_MARKS):
            start -= 1
        spans.append((start, max(end, start)))
        previous_end = max(previous_end, end)
    return _with_gaps(spans, lines, budget)


def _with_gaps(
    spans: list[tuple[int, int]], lines: Sequence[str], budget: Budget
) -> list[tuple[int, int]]:
    """Each span stretched over the code between it and the next span (or the file's end).

    Code no piece holds (a member the analyzer could not read, a loose
    statement after the last unit) still belongs to some block: to the one
    above it, which it most likely continues. Each gap line is read at most
    once, from the gap's end back to its last line of code.
    """
    for index, (start, end) in enumerate(spans):
        limit = spans[index + 1][0] - 1 if index + 1 < len(spans) else len(lines)
        budget.tick(1 + max(0, limit - end))
        last = limit
        while last > end and not _is_code(lines[last - 1]):
            last -= 1
        spans[index] = (start, max(end, last))
    return spans


def _is_code(line: str) -> bool:
    text = line.strip()
    return bool(text) and not text.startswith(_COMMENT_MARKS)


def _group(
    pieces: Sequence[_Piece], units: Sequence[Unit], run: _Run, span: tuple[int, int]
) -> Group:
    """The group of a run: its whole units and parts, and the one it is mostly about.

    A run that holds the head of an opened unit and everything of it up to
    its tail holds that unit whole, and speaks of it as one. The head of
    what a component returns is part of the element below it.
    """
    members: list[Unit] = []
    weights: list[int] = []
    owner: Unit | None = None
    opened = False
    index = run.first
    while index <= run.last:
        piece = pieces[index]
        top = units[piece.owner]
        if piece.role == "head" and piece.unit is top:
            whole = _whole_end(pieces, index)
            if whole <= run.last:
                members.append(top)
                weights.append(top.end - top.start + 1)
                index = whole + 1
                continue
            owner, opened = top, True
        elif piece.role == "part":
            owner = owner or top
            members.append(piece.unit)
            weights.append(piece.weight)
        elif piece.role == "unit":
            members.append(piece.unit)
            weights.append(piece.weight)
        index += 1
    ranked = [
        (weight, -position)
        for position, (unit, weight) in enumerate(zip(members, weights, strict=True))
        if unit.kind not in ("import", "export")
    ]
    if ranked:
        anchor = members[-max(ranked)[1]]
    elif owner is not None:
        anchor = owner
    else:
        anchor = members[0] if members else units[pieces[run.first].owner]
    return Group(anchor, tuple(members), owner, (span,), opened, tuple(weights))


def _whole_end(pieces: Sequence[_Piece], head: int) -> int:
    """The index of the last piece of the opened unit whose head is at `head`."""
    index = head + 1
    owner = pieces[head].owner
    end = pieces[head].unit.end
    while index < len(pieces) and pieces[index].owner == owner and pieces[index].end <= end:
        index += 1
    return index - 1
