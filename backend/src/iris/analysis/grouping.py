"""Turn an outline into responsibility blocks, the same way for every language.

A block is what a reader jumps to: one responsibility, which may gather parts
of several declarations. The rules:

1. Pieces. Each top-level unit is a piece, except a large class or component
   (`OPEN_LINES` or more, with at least three parts), which is opened: its
   head (first line, doc, closing bracket) and each of its parts (methods,
   hooks, handlers, what it renders, its styles) become pieces. A part is
   never split, and neither is a unit that is not opened, so no declaration
   with its doc comment is ever cut between blocks.
2. Definitions carry responsibilities: functions, classes, components,
   methods, handlers, rendered parts, entry points, loose statements that run
   the program (routes, a server, tests) and data tables each start a group.
   Fields, state and a constructor join their class's or component's head.
3. Pieces that belong together are joined: `@overload` stubs and their
   implementation (one name, several definitions), a getter and its setter;
   a helper that exactly one other piece uses joins that piece, unless that
   piece is an entry point (`main()` is glue, what it calls is the work);
   adjacent small siblings that do the same kind of thing (four
   `register_*` functions, a class's `get*` accessors) join each other.
4. Imports, constants, types and exports are never a block alone: each joins
   the group that uses its names most, else the one whose names it uses
   most; one that neither uses nor is used joins the nearest group below it
   (an unused import, the first block). Types that several groups share stay
   together as the file's types.
5. Too many groups for the file's size are merged, smallest first, into the
   group they are most tied to: the one they use or that uses them, else the
   neighbour in the file whose names they share most. Files under 30 lines
   get at most two blocks, larger ones one per `LINES_PER_BLOCK` lines and
   at most twelve, each with at most sixty ranges.
6. Blocks come in reading order: entry points first, then the public surface
   nobody else in the file uses, then what others use, private helpers,
   types and settings last; the parts of an opened unit follow its head.

Why this is linear (or n log n) in the number of pieces and lines: names are
looked up in dictionaries; groups are joined with union-find (path halving,
the smaller member list moved into the larger); merging pops a heap once per
merge and compares a group with two neighbours only, moving the smaller
name set into the larger; ranges are built in one pass over spans sorted
once. No step rescans the file or rebuilds a growing sequence.

The units are at most the budget's `MAX_UNITS`, their parts at most a few per
line, and every loop over pieces, names or references ticks the analysis
budget. When its time runs out in the grouping or the namer, the top-level
units are cut into runs of neighbours instead (`groups_in_file_order`), one
pass, and named with nothing left to check.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence

from iris.analysis import naming
from iris.analysis.budget import TOO_COMPLEX, Budget, OutOfTime
from iris.analysis.model import Analysis, Group, Outline, Unit

SMALL_FILE_LINES = 30
MAX_BLOCKS = 12
MAX_RANGES_PER_BLOCK = 60
LINES_PER_BLOCK = 10
"""About how many lines a block may stand for before the file may have another."""
OPEN_LINES = 60
"""A class or component this long, with three parts or more, is opened into its parts."""
OPEN_RENDER_LINES = 30
"""What a component returns is opened into its elements when it is this long."""
SIBLING_LINES = 15
"""Adjacent siblings this short that do the same kind of thing are one block."""
DATA_TABLE_LINES = 12
"""A constant this long among definitions is a data table, a block of its own."""
SHARED_TYPE_LINES = 3
"""A type several groups use is one of the file's shared types if it is this long; a one-line
alias goes with the group that uses it most."""
MAX_GROUPS_BY_NAME = 256
"""Beyond this many groups (thousands of tiny definitions, as no hand writes),
neighbours are joined first, so merging by shared names stays cheap."""
_PRIMARY = frozenset(
    ("class", "component", "function", "entry", "method", "handler", "render", "style", "hook")
)
_JOINS_HEAD = frozenset(("field", "state"))
_ENTRY_NAMES = frozenset(("main", "cli", "run_cli"))


def analysis_of(outline: Outline, filename: str = "", budget: Budget | None = None) -> Analysis:
    """The answer for an outline: intent, blocks in reading order, and what went wrong.

    An anonymous default export (`export default class extends Component`)
    is named after the file, as its importers usually name it. `budget` is
    the one the outline was read under, so the grouping has what is left of
    it, and the answer says what ran out, if anything did. The intent reads
    the top-level units and the blocks once each: at most `MAX_UNITS` and
    `MAX_BLOCKS`, whatever time is left.
    """
    budget = budget or Budget(None)
    stem = _stem(filename)
    units = merge_overlapping(_named_defaults(outline.units, stem))
    try:
        groups = grouped(units, outline.lines, budget)
        blocks = naming.blocks_for(groups, stem, budget)
    except OutOfTime:
        groups = groups_in_file_order(units, len(outline.lines))
        blocks = naming.blocks_for(groups, stem)
    intent = naming.file_intent(outline.doc, units, groups, blocks, stem, outline.language_name)
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
    return stem[: naming.MAX_NAME]


def _named_defaults(units: Sequence[Unit], stem: str) -> list[Unit]:
    name = "".join(word[:1].upper() + word[1:] for word in naming.words_of(stem)) or "Default"
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
    """A unit, or a part or the head of an opened one, with the lines it claims.

    `owner` is the index of the top-level unit it comes from; `head_spans`,
    for the head of an opened unit, the lines it keeps once its parts are
    taken out. Slots, not a tuple: a file of 65,000 definitions has as many.
    """

    __slots__ = ("head_spans", "owner", "unit")

    def __init__(
        self, unit: Unit, owner: int, head_spans: tuple[tuple[int, int], ...] = ()
    ) -> None:
        self.unit = unit
        self.owner = owner
        self.head_spans = head_spans

    @property
    def head(self) -> bool:
        return bool(self.head_spans)

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return self.head_spans or ((self.unit.start, self.unit.end),)

    @property
    def start(self) -> int:
        return self.head_spans[0][0] if self.head_spans else self.unit.start

    @property
    def weight(self) -> int:
        return sum(end - start + 1 for start, end in self.spans)


def _pieces(units: Sequence[Unit], lines: Sequence[str], budget: Budget) -> list[_Piece]:
    """Every unit whole, or opened into its head and parts when it is large (rule 1)."""
    pieces: list[_Piece] = []
    for owner, unit in enumerate(units):
        _add_pieces(pieces, unit, owner, lines, budget)
    return pieces


def _add_pieces(
    pieces: list[_Piece], unit: Unit, owner: int, lines: Sequence[str], budget: Budget
) -> None:
    """The unit as one piece, or its head and its parts' pieces; the head's lines read once."""
    budget.tick()
    if not _opens(unit):
        pieces.append(_Piece(unit, owner))
        return
    budget.tick(len(unit.members) + unit.end - unit.start)
    head_spans = []
    position = unit.start
    for member in unit.members:
        if member.start > position:
            head_spans.append((position, member.start - 1))
        position = max(position, member.end + 1)
    if position <= unit.end:
        head_spans.append((position, unit.end))
    spans = tuple(span for span in head_spans if _has_code(span, lines)) or (
        (unit.start, unit.start),
    )
    pieces.append(_Piece(unit, owner, spans))
    for member in unit.members:
        _add_pieces(pieces, member, owner, lines, budget)


def _opens(unit: Unit) -> bool:
    weight = unit.end - unit.start + 1
    if unit.kind == "render":
        return len(unit.members) >= 2 and weight >= OPEN_RENDER_LINES
    return len(unit.members) >= 3 and weight >= OPEN_LINES


def _has_code(span: tuple[int, int], lines: Sequence[str]) -> bool:
    """Whether any line of `span` is not blank; each line is looked at once per opened unit."""
    start, end = span
    return start <= end and any(line.strip() for line in lines[start - 1 : end])


class _Groups:
    """Union-find over piece indexes, each root holding its members and line total."""

    def __init__(self, count: int) -> None:
        self.parent = list(range(count))
        self.members: dict[int, list[int]] = {}
        self.size: dict[int, int] = {}

    def add(self, index: int, weight: int) -> None:
        self.members[index] = [index]
        self.size[index] = weight

    def attach(self, index: int, root: int, weight: int) -> None:
        """Put `index`, in no group yet, into the group of `root`."""
        root = self.root(root)
        self.parent[index] = root
        self.members[root].append(index)
        self.size[root] += weight

    def group_of(self, index: int) -> int | None:
        """The root of the group `index` is in, or None while it is in none."""
        root = self.root(index)
        return root if root in self.members else None

    def root(self, index: int) -> int:
        parent = self.parent
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    def join(self, child: int, into: int) -> int:
        """Put `child`'s group into `into`'s, which stays the anchor.

        The shorter member list is copied into the longer one, so a piece is
        copied O(log n) times however the joins come.
        """
        child, into = self.root(child), self.root(into)
        if child == into or child not in self.members or into not in self.members:
            return into
        moved, kept = self.members.pop(child), self.members[into]
        if len(moved) > len(kept):
            moved, kept = kept, moved
            self.members[into] = kept
        kept.extend(moved)
        self.size[into] += self.size.pop(child)
        self.parent[child] = into
        return into


class _Graph:
    """Who defines which name, and who uses whom, among the pieces."""

    def __init__(self, pieces: Sequence[_Piece], budget: Budget) -> None:
        self.owner: dict[str, int] = {}
        for index, piece in enumerate(pieces):
            budget.tick(1 + len(piece.unit.names))
            for name in piece.unit.names:
                self.owner.setdefault(_key(piece, name), index)
        self.pieces = pieces
        self.used_by: dict[int, set[int]] = {}
        for index in range(len(pieces)):
            budget.tick(1 + len(pieces[index].unit.references))
            for target in self.uses(index):
                self.used_by.setdefault(target, set()).add(index)

    def uses(self, index: int) -> Iterator[int]:
        """The pieces whose names piece `index` uses, read from its references each time.

        Kept as sets, one per piece, they took a third of the memory for a
        file of 65,000 tiny definitions. The head of an opened unit uses
        nothing: its references are its whole unit's, which its parts use.
        """
        piece = self.pieces[index]
        if piece.head:
            return
        for name in piece.unit.references:
            target = self.owner.get(_key(piece, name))
            if target is not None and target != index:
                yield target


def _key(piece: _Piece, name: str) -> str:
    """Instance attributes (`.items`) are looked up within their own class only."""
    return f"{piece.owner}{name}" if name.startswith(".") else name


def grouped(units: Sequence[Unit], lines: Sequence[str], budget: Budget) -> list[Group]:
    """Groups of pieces, in reading order, each with its anchor, its units and its lines."""
    if not units:
        return []
    line_count = len(lines)
    pieces = _pieces(units, lines, budget)
    graph = _Graph(pieces, budget)
    groups = _Groups(len(pieces))
    budget.tick(len(pieces))
    primary = _primary(pieces)
    defines_nothing = not any(pieces[index].unit.kind != "constant" for index in primary)
    if not primary:
        primary = [i for i, piece in enumerate(pieces) if piece.unit.kind != "import"]
    if not primary:
        primary = list(range(len(pieces)))
    for index in primary:
        groups.add(index, pieces[index].weight)
    is_primary = set(primary)
    _join_parts_to_heads(pieces, groups, budget)
    _join_same_names(pieces, graph, groups, is_primary, budget)
    _join_single_use_helpers(pieces, graph, groups, is_primary, line_count, budget)
    _join_siblings(pieces, groups, primary, budget)
    unused_imports = _attach_the_rest(pieces, graph, groups, budget)
    target = _target_blocks(line_count, defines_nothing)
    if len(groups.members) > MAX_GROUPS_BY_NAME:
        _merge_neighbours(MAX_GROUPS_BY_NAME, pieces, groups)
    _merge_to(target, pieces, graph, groups, budget)
    budget.check()
    ranks = _reading_ranks(pieces, graph, groups, budget)
    roots = sorted(
        groups.members,
        key=lambda root: (ranks[root], pieces[root].owner, pieces[root].start),
    )
    for index in unused_imports:
        groups.attach(index, roots[0], pieces[index].weight)
    ranges = _ranges(pieces, groups, budget)
    return [_group(pieces, units, groups.members[root], root, ranges[root]) for root in roots]


def groups_in_file_order(units: Sequence[Unit], line_count: int) -> list[Group]:
    """Runs of neighbouring top-level units, each an equal share of the file's lines.

    What answers when the time ran out before the pieces could be weighed:
    one pass over the units, in file order, nothing opened and nothing to
    check. Each group is about its first unit that is not an import.
    """
    if not units:
        return []
    target = _target_blocks(line_count, defines_nothing=False)
    groups = []
    for run in _equal_shares([unit.end - unit.start + 1 for unit in units], target):
        members = tuple(units[index] for index in run)
        anchor = next((unit for unit in members if unit.kind != "import"), members[0])
        end = max(unit.end for unit in members)
        groups.append(Group(anchor, members, None, ((members[0].start, end),)))
    return groups


def _primary(pieces: Sequence[_Piece]) -> list[int]:
    """Pieces that start a group (rule 2)."""
    has_definitions = any(
        piece.unit.kind in _PRIMARY or piece.unit.kind == "code" for piece in pieces
    )
    chosen = []
    for index, piece in enumerate(pieces):
        unit = piece.unit
        if piece.head:
            if unit.kind != "render":
                chosen.append(index)
        elif unit.kind == "code":
            if naming.is_notable_call(unit.detail):
                chosen.append(index)
        elif unit.kind in _PRIMARY or (
            unit.kind == "constant" and (not has_definitions or piece.weight >= DATA_TABLE_LINES)
        ):
            chosen.append(index)
    return chosen


def _is_member(piece: _Piece) -> bool:
    return bool(piece.unit.names) and piece.unit.names[0].startswith(".")


def _join_parts_to_heads(pieces: Sequence[_Piece], groups: _Groups, budget: Budget) -> None:
    """Fields, state, one-line hooks and a constructor are the head of their class or component.

    What a component returns, once opened, leaves its `return (` and its
    outer element: they go with the first element inside.
    """
    head_of: dict[int, int] = {}
    budget.tick(len(pieces))
    for index, piece in enumerate(pieces):
        if piece.head and piece.unit.kind == "render" and index + 1 < len(pieces):
            groups.attach(index, index + 1, piece.weight)
            continue
        if piece.head and piece.owner not in head_of:
            head_of[piece.owner] = index
            continue
        head = head_of.get(piece.owner)
        if head is None or piece.head:
            continue
        unit = piece.unit
        joins = unit.kind in _JOINS_HEAD or unit.detail == "constructor"
        joins = joins or (unit.kind == "hook" and unit.end - unit.start < 2 and bool(unit.names))
        joins = joins or unit.names[:1] == (".__init__",)
        if not joins:
            continue
        if groups.group_of(index) is None:
            groups.attach(index, head, piece.weight)
        else:
            groups.join(index, head)


def _join_same_names(
    pieces: Sequence[_Piece], graph: _Graph, groups: _Groups, primary: set[int], budget: Budget
) -> None:
    """`@overload` stubs and their implementation, a getter and its setter: one name, one group.

    Each definition joins the first that has its name; a class's special methods join
    the first of their protocol (`__add__`, `__radd__`, `__sub__`: its arithmetic).
    """
    first_of_family: dict[tuple[int, str], int] = {}
    budget.tick(len(primary))
    for index in sorted(primary):
        piece = pieces[index]
        if piece.head or not piece.unit.names:
            continue
        first = graph.owner[_key(piece, piece.unit.names[0])]
        if first != index and first in primary and not pieces[first].head:
            groups.join(index, first)
        family = naming.operator_family(piece.unit)
        if family:
            groups.join(index, first_of_family.setdefault((piece.owner, family), index))


def _join_single_use_helpers(
    pieces: Sequence[_Piece],
    graph: _Graph,
    groups: _Groups,
    primary: set[int],
    line_count: int,
    budget: Budget,
) -> None:
    """A function, class or method that exactly one other piece uses joins that piece's group.

    A helper larger than a quarter of the file stays its own: it is a
    responsibility in its own right, whoever calls it. So does what only an
    entry point calls: `main()` is thin glue, what it calls is the work.
    """
    limit = max(60, line_count // 4)
    for index in sorted(primary):
        budget.tick(1 + len(graph.used_by.get(index, ())))
        piece = pieces[index]
        if piece.head or piece.unit.kind not in ("function", "class", "component", "method"):
            continue
        users = {
            groups.root(user)
            for user in graph.used_by.get(index, ())
            if groups.group_of(user) is not None
        }
        users.discard(groups.root(index))
        if len(users) != 1 or piece.weight > limit:
            continue
        if piece.unit.kind in ("class", "component") and piece.weight > SIBLING_LINES:
            continue
        (user,) = users
        if _is_entry(pieces[user].unit) or pieces[user].head:
            continue
        groups.join(index, user)


def _is_entry(unit: Unit) -> bool:
    return unit.kind in ("entry", "code") or (
        unit.kind == "function" and bool(unit.names) and unit.names[0].lower() in _ENTRY_NAMES
    )


def _join_siblings(
    pieces: Sequence[_Piece], groups: _Groups, primary: list[int], budget: Budget
) -> None:
    """Adjacent siblings that do the same kind of thing, or share state, are one group (rule 3).

    Four `register_*` functions, a class's `get*` accessors, five one-line
    handlers; two methods next to each other that work on an attribute few
    of their class's methods touch (`closed_months` in `close_month` and
    `reopen_month`). Each piece is compared with the one before it only, and
    attributes are counted in one pass.
    """
    users: Counter[tuple[int, str]] = Counter()
    methods: Counter[int] = Counter()
    for index in primary:
        piece = pieces[index]
        budget.tick(1 + len(piece.unit.references))
        if piece.unit.kind == "method":
            methods[piece.owner] += 1
            for name in piece.unit.references:
                if name.startswith("."):
                    users[piece.owner, name] += 1
    previous: int | None = None
    for index in primary:
        piece = pieces[index]
        budget.tick(1 + len(piece.unit.references))
        if previous is not None and (
            _siblings(pieces[previous], piece)
            or _share_state(pieces[previous], piece, users, methods[piece.owner])
        ):
            groups.join(index, previous)
        previous = index


def _share_state(
    first: _Piece, second: _Piece, users: Counter[tuple[int, str]], methods: int
) -> bool:
    """Two adjacent methods that touch an attribute at most a third of their class's methods do."""
    if first.unit.kind != "method" or second.unit.kind != "method" or first.owner != second.owner:
        return False
    limit = max(2, methods // 3)
    shared = first.unit.references & second.unit.references
    return any(
        name.startswith(".") and users[first.owner, name] <= limit
        for name in shared
        if (first.owner, name) in users
    )


def _siblings(first: _Piece, second: _Piece) -> bool:
    a, b = first.unit, second.unit
    if first.head or second.head or (first.owner != second.owner and _is_member(first)):
        return False
    if a.kind != b.kind:
        return False
    if a.kind in ("type", "constant"):
        return naming.same_subject(a.names[:1], b.names[:1])
    if (
        a.kind == "method"
        and naming.operator_family(a)
        and (naming.operator_family(a) == naming.operator_family(b))
    ):
        return True
    if a.kind not in ("function", "method", "code", "handler", "hook"):
        return False
    if first.weight > SIBLING_LINES or second.weight > SIBLING_LINES:
        return False
    if a.kind == "code":
        return bool(a.detail) and a.detail == b.detail and not naming.is_route(a)
    if a.kind == "handler":
        return True
    if a.kind == "hook":
        return a.detail == b.detail
    return naming.same_kind_of_action(a.names[:1], b.names[:1])


def _attach_the_rest(
    pieces: Sequence[_Piece], graph: _Graph, groups: _Groups, budget: Budget
) -> list[int]:
    """Imports, constants, types and exports join the group that uses them most (rule 4).

    Two rounds: a constant used only by another constant follows it once that
    one has a group. A type several groups use stays with the file's other
    shared types. A piece nobody uses but that uses others (an export list,
    `Greeting.propTypes = ...`) joins what it uses most. What neither uses
    nor is used joins the next group below it in the file, or the last one
    above. Imports nobody uses are returned: they join the first block once
    the reading order is known.
    """
    budget.tick(len(pieces))
    pending = [index for index in range(len(pieces)) if groups.group_of(index) is None]
    shared_types: int | None = None
    for _ in range(2):
        still = []
        for index in pending:
            budget.tick(1 + len(graph.used_by.get(index, ())) + len(pieces[index].unit.references))
            users = [groups.group_of(user) for user in graph.used_by.get(index, ())]
            shared = len(set(users) - {None}) > 1 and pieces[index].weight >= SHARED_TYPE_LINES
            if pieces[index].unit.kind == "type" and shared:
                if shared_types is None:
                    shared_types = index
                    groups.add(index, pieces[index].weight)
                else:
                    groups.attach(index, shared_types, pieces[index].weight)
                continue
            best = _most_voted(users)
            if best is None:
                best = _most_voted(groups.group_of(target) for target in graph.uses(index))
            if best is None:
                still.append(index)
            else:
                groups.attach(index, best, pieces[index].weight)
        pending = still
    anchors = sorted(root for root in groups.members)
    position = 0
    unused_imports = []
    budget.tick(len(pending) + len(anchors))
    for index in pending:
        if pieces[index].unit.kind == "import":
            unused_imports.append(index)
            continue
        while position < len(anchors) and anchors[position] < index:
            position += 1
        nearest = anchors[min(position, len(anchors) - 1)]
        groups.attach(index, nearest, pieces[index].weight)
    return unused_imports


def _most_voted(votes: Iterable[int | None]) -> int | None:
    """The group named most often (the earliest on a tie), or None if none is named."""
    counted = Counter(vote for vote in votes if vote is not None)
    if not counted:
        return None
    return max(counted.items(), key=lambda item: (item[1], -item[0]))[0]


def _target_blocks(line_count: int, defines_nothing: bool) -> int:
    if line_count < SMALL_FILE_LINES:
        return 1 if defines_nothing and line_count < 10 else 2
    per_block = LINES_PER_BLOCK // 2 if defines_nothing else LINES_PER_BLOCK
    return min(MAX_BLOCKS, max(3, round(line_count / per_block)))


def _merge_to(
    target: int, pieces: Sequence[_Piece], graph: _Graph, groups: _Groups, budget: Budget
) -> None:
    """Merge the smallest groups until at most `target` remain (rule 5).

    Each merge pops the smallest group from a heap (stale entries are
    skipped) and puts it into the group it uses or is used by most, unless
    that one would grow past twice a block's fair share of the file, else
    into the neighbour in file order whose names it shares most; the neighbour
    links are kept as a linked list and each group's words as a set, the
    smaller set moved into the larger on a merge.
    """
    if len(groups.members) <= target:
        return
    order = sorted(groups.members, key=lambda root: pieces[root].start)
    previous = {root: order[i - 1] if i else None for i, root in enumerate(order)}
    following = {root: order[i + 1] if i + 1 < len(order) else None for i, root in enumerate(order)}
    words = {root: _words(pieces, groups.members[root]) for root in order}
    share_limit = 2 * sum(groups.size.values()) / target
    heap = [(groups.size[root], pieces[root].start, root) for root in order]
    heapq.heapify(heap)
    while len(groups.members) > target and heap:
        size, _, root = heapq.heappop(heap)
        if root not in groups.members or groups.size[root] != size:
            continue
        budget.tick(
            sum(
                1 + len(pieces[member].unit.references) + len(graph.used_by.get(member, ()))
                for member in groups.members[root]
            )
        )
        partner = _closest_partner(root, graph, groups)
        if partner is None or groups.size[partner] + size > share_limit:
            partner = _likeliest_neighbour(root, previous, following, words, groups.size)
        if partner is None:
            break
        before, after = previous.pop(root), following.pop(root)
        if before is not None:
            following[before] = after
        if after is not None:
            previous[after] = before
        merged = groups.join(root, partner)
        moved, kept = words.pop(root), words[merged]
        if len(moved) > len(kept):
            moved, kept = kept, moved
            words[merged] = kept
        kept.update(moved)
        heapq.heappush(heap, (groups.size[merged], pieces[merged].start, merged))


def _words(pieces: Sequence[_Piece], members: Iterable[int]) -> set[str]:
    """The words of the names a group defines and uses, lower-case: what it is about."""
    found: set[str] = set()
    for member in members:
        unit = pieces[member].unit
        for name in (*unit.names[:4], unit.heading):
            found.update(word.lower() for word in naming.words_of(name.lstrip(".")))
    return found


def _likeliest_neighbour(
    root: int,
    previous: dict[int, int | None],
    following: dict[int, int | None],
    words: dict[int, set[str]],
    sizes: dict[int, int],
) -> int | None:
    """The neighbour whose names share most words with this group's, else the smaller one."""
    before, after = previous[root], following[root]
    if before is None or after is None:
        return before if after is None else after
    mine = words[root]
    shared_before, shared_after = len(mine & words[before]), len(mine & words[after])
    if shared_before == shared_after:
        return after if sizes[after] < sizes[before] else before
    return after if shared_after > shared_before else before


def _merge_neighbours(target: int, pieces: Sequence[_Piece], groups: _Groups) -> None:
    """Thousands of groups: cut the file into `target` runs of neighbours, in one pass."""
    order = sorted(groups.members, key=lambda root: pieces[root].start)
    for run in _equal_shares([groups.size[root] for root in order], target):
        for position in run[1:]:
            groups.join(order[position], order[run[0]])


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


def _closest_partner(root: int, graph: _Graph, groups: _Groups) -> int | None:
    """The other group this group's members use, or are used by, most; never an entry point.

    `main()` uses everything it runs; merging by that link would swallow the work into it.
    """
    return _most_voted(
        other
        for member in groups.members[root]
        for linked in (*graph.uses(member), *graph.used_by.get(member, ()))
        if (other := groups.group_of(linked)) not in (None, root)
        and not _is_entry(graph.pieces[other].unit)
    )


def _reading_ranks(
    pieces: Sequence[_Piece], graph: _Graph, groups: _Groups, budget: Budget
) -> dict[int, int]:
    """Each group's place in the reading order (rule 6), from one pass over the uses.

    Entry points first, then public components nobody in the file uses, the
    public surface nobody else uses, what other groups use, private helpers,
    then types and settings. The parts of an opened unit take its head's place.
    """
    budget.tick(len(pieces) + sum(len(users) for users in graph.used_by.values()))
    used_outside = {
        groups.root(index)
        for index, piece in enumerate(pieces)
        if piece.unit.kind != "import"
        for user in graph.used_by.get(index, ())
        if groups.root(user) != groups.root(index)
    }
    head_root = {piece.owner: groups.root(i) for i, piece in enumerate(pieces) if piece.head}
    ranks: dict[int, int] = {}
    parts = []
    for root in groups.members:
        piece = pieces[root]
        if piece.owner in head_root and not piece.head:
            parts.append(root)
            continue
        unit = piece.unit
        if _is_entry(unit):
            ranks[root] = 0
        elif unit.kind not in _PRIMARY:
            ranks[root] = 5
        elif not unit.public:
            ranks[root] = 4
        elif unit.kind == "component" and root not in used_outside:
            ranks[root] = 1
        else:
            ranks[root] = 3 if root in used_outside else 2
    for root in parts:
        ranks[root] = ranks.get(head_root[pieces[root].owner], 2)
    return ranks


def _ranges(
    pieces: Sequence[_Piece], groups: _Groups, budget: Budget
) -> dict[int, list[tuple[int, int]]]:
    """Each group's line ranges: spans next to each other in the file, of one group, are one.

    The blank lines between two pieces of the same group go with them. All
    spans are sorted once and walked once.
    """
    budget.tick(len(pieces))
    spans = sorted(
        (start, end, groups.root(index))
        for index, piece in enumerate(pieces)
        for start, end in piece.spans
    )
    ranges: dict[int, list[tuple[int, int]]] = {root: [] for root in groups.members}
    last_root = None
    for start, end, root in spans:
        own = ranges[root]
        if root == last_root and own:
            own[-1] = (own[-1][0], max(own[-1][1], end))
        else:
            own.append((start, end))
        last_root = root
    for root, own in ranges.items():
        if len(own) > MAX_RANGES_PER_BLOCK:
            kept = sorted(own, key=lambda span: span[0] - span[1])[:MAX_RANGES_PER_BLOCK]
            ranges[root] = sorted(kept)
    return ranges


def _group(
    pieces: Sequence[_Piece],
    units: Sequence[Unit],
    members: list[int],
    root: int,
    ranges: list[tuple[int, int]],
) -> Group:
    anchor = pieces[root]
    chosen = sorted(members, key=lambda index: pieces[index].start)
    if not anchor.unit.public and not anchor.head:
        anchor = next(
            (
                pieces[index]
                for index in chosen
                if pieces[index].unit.public and pieces[index].unit.kind == anchor.unit.kind
            ),
            anchor,
        )
    owner = units[anchor.owner]
    return Group(
        anchor=anchor.unit,
        units=tuple(pieces[index].unit for index in chosen),
        owner=owner if owner is not anchor.unit else None,
        ranges=tuple(ranges),
        opened=anchor.head,
    )
