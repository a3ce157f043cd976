"""Turn an outline into responsibility blocks, the same way for every language.

The rules, from the IRIS team's own prompt and validators:

1. Definitions carry responsibilities: each class, component, function and
   entry point starts a group, and so do loose statements that run the
   program (routes, a server, tests, `main()`). A file that defines nothing
   is cut into neighbouring runs of what it has.
2. A function or class that only one other definition uses is part of that
   one's responsibility, so it joins its user's group (a chain of single-use
   helpers joins the chain's head). What several places use, or only the
   entry point, stays its own.
3. Imports, constants, types, export lists and other loose statements are
   never a block alone: each joins the group that uses its names most, or
   else the one whose names it uses most; one that neither uses nor is used
   joins the nearest group below it (an unused import, the first block).
4. Too many groups for the file's size are merged, smallest first, into the
   group they share most names with, else their neighbour in the file. Small
   files (under 30 lines) get at most two blocks, larger ones at most twelve,
   each with at most sixty ranges.
5. Blocks come in reading order: entry points and loose statements first, then
   the public surface nobody else in the file uses, then what others use,
   private helpers, types and settings last.

Why this is linear (or n log n) in the number of units and lines: names are
looked up in dictionaries; groups are joined with union-find (path halving,
union by size); merging to the target pops a heap once per merge and moves the
smaller group's members into the larger; ranges are built in one pass over
units sorted once. No step rescans the file or rebuilds a growing sequence.
The units are at most the budget's `MAX_UNITS`, and the loops tick the
analysis budget; when its time runs out here, the blocks are cut from the
units in file order instead (`blocks_in_file_order`), one pass.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Sequence

from iris.analysis import naming
from iris.analysis.budget import TOO_COMPLEX, Budget, OutOfTime
from iris.analysis.model import Analysis, Block, Outline, Unit

SMALL_FILE_LINES = 30
MAX_BLOCKS = 12
MAX_RANGES_PER_BLOCK = 60
MAX_GROUPS_BY_NAME = 256
"""Beyond this many groups (thousands of tiny definitions, as no hand writes),
neighbours are joined first, so merging by shared names stays cheap."""
_PRIMARY = frozenset(("class", "component", "function", "entry", "code"))


def analysis_of(outline: Outline, filename: str = "", budget: Budget | None = None) -> Analysis:
    """The answer for an outline: intent, blocks in reading order, and what went wrong.

    An anonymous default export (`export default class extends Component`)
    is named after the file, as its importers usually name it. `budget` is
    the one the outline was read under, so the grouping has what is left of
    it, and the answer says what ran out, if anything did.
    """
    budget = budget or Budget(None)
    stem = _stem(filename)
    units = merge_overlapping(_named_defaults(outline.units, stem))
    try:
        blocks = build_blocks(units, len(outline.lines), stem, budget)
    except OutOfTime:
        blocks = blocks_in_file_order(units, len(outline.lines), stem)
    if not units:
        intent = f"Empty {outline.language_name} file with no code yet."
    else:
        intent = naming.intent_from_doc(outline.doc) or naming.intent_from_labels(
            [block.label for block in blocks], outline.language_name
        )
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
        (unit for unit in run if unit.kind in _PRIMARY),
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
    )


class _Groups:
    """Union-find over unit indexes, each root holding its members and line total."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.parent = list(range(len(units)))
        self.members: dict[int, list[int]] = {}
        self.size: dict[int, int] = {}

    def add(self, index: int, weight: int) -> None:
        self.members[index] = [index]
        self.size[index] = weight

    def attach(self, index: int, root: int, weight: int) -> None:
        """Put `index`, in no group yet, into the group of `root`."""
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

        The shorter member list is copied into the longer one, so a unit is
        copied O(log n) times however the joins come.
        """
        child, into = self.root(child), self.root(into)
        if child == into:
            return into
        moved, kept = self.members.pop(child), self.members[into]
        if len(moved) > len(kept):
            moved, kept = kept, moved
            self.members[into] = kept
        kept.extend(moved)
        self.size[into] += self.size.pop(child)
        self.parent[child] = into
        return into


def build_blocks(
    units: Sequence[Unit], line_count: int, subject: str = "", budget: Budget | None = None
) -> list[Block]:
    """Blocks for units that do not overlap, each unit whole inside exactly one block."""
    if not units:
        return []
    budget = budget or Budget(None)
    owner: dict[str, int] = {}
    for index, unit in enumerate(units):
        budget.tick(1 + len(unit.names))
        for name in unit.names:
            owner.setdefault(name, index)
    used_by: dict[int, set[int]] = {}
    for index, unit in enumerate(units):
        budget.tick(1 + len(unit.references))
        for name in unit.references:
            target = owner.get(name)
            if target is not None and target != index:
                used_by.setdefault(target, set()).add(index)

    primary = [index for index, unit in enumerate(units) if _is_primary(unit)]
    defines_nothing = not primary
    if not primary:
        primary = [index for index, unit in enumerate(units) if unit.kind != "import"]
    if not primary:
        primary = list(range(len(units)))
    is_primary = set(primary)
    groups = _Groups(units)
    for index in primary:
        groups.add(index, _weight(units[index]))
    _join_single_use_helpers(units, is_primary, used_by, groups, line_count, budget)
    unused_imports = _attach_the_rest(units, is_primary, used_by, owner, groups, budget)
    if line_count < SMALL_FILE_LINES:
        target = 1 if defines_nothing else 2
    else:
        target = _target_blocks(line_count)
    if defines_nothing:
        _merge_neighbours(target, units, groups)
    else:
        if len(groups.members) > MAX_GROUPS_BY_NAME:
            _merge_neighbours(MAX_GROUPS_BY_NAME, units, groups)
        _merge_to(target, units, groups, owner, budget)
    budget.check()
    roots = sorted(groups.members, key=lambda root: _reading_rank(root, units, groups, used_by))
    for index in unused_imports:
        groups.attach(index, roots[0], _weight(units[index]))
    return [_block(units, groups.members[root], root, subject) for root in roots]


def blocks_in_file_order(units: Sequence[Unit], line_count: int, subject: str = "") -> list[Block]:
    """Blocks of neighbouring units, each run of the file an equal share of its lines.

    What answers when the time ran out before the units' names could be
    weighed: one pass over the units, in file order, with nothing to check.
    Each block is named after its first unit that is not an import.
    """
    if not units:
        return []
    target = 2 if line_count < SMALL_FILE_LINES else _target_blocks(line_count)
    blocks = []
    for run in _equal_shares([_weight(unit) for unit in units], target):
        anchor = next((index for index in run if units[index].kind != "import"), run[0])
        blocks.append(_block(units, run, anchor, subject))
    return blocks


def _is_primary(unit: Unit) -> bool:
    """Definitions carry responsibilities; loose statements only when they run the program.

    `app.listen(...)`, route registrations, test suites and `main()` are what
    a reader looks for first; `Greeting.propTypes = ...` or a log line belong
    to what they mention.
    """
    if unit.kind == "code":
        return naming.is_notable_call(unit.detail)
    return unit.kind in _PRIMARY


def _weight(unit: Unit) -> int:
    return unit.end - unit.start + 1


def _target_blocks(line_count: int) -> int:
    return min(MAX_BLOCKS, max(3, round(line_count**0.5 / 2)))


def _join_single_use_helpers(
    units: Sequence[Unit],
    primary: set[int],
    used_by: dict[int, set[int]],
    groups: _Groups,
    line_count: int,
    budget: Budget,
) -> None:
    """A function or class that exactly one other definition uses joins that unit's group.

    A helper larger than a quarter of the file stays its own: it is a
    responsibility in its own right, whoever calls it. So does what only the
    entry point calls: `main()` is thin glue, what it calls is the work.
    """
    limit = max(60, line_count // 4)
    for index in sorted(primary):
        budget.tick()
        unit = units[index]
        if unit.kind not in ("function", "class", "component"):
            continue
        users = {user for user in used_by.get(index, ()) if user in primary}
        if len(users) != 1 or _weight(unit) > limit:
            continue
        (user,) = users
        if units[user].kind in ("entry", "code"):
            continue
        if groups.root(user) != groups.root(index):
            groups.join(index, user)


def _attach_the_rest(
    units: Sequence[Unit],
    is_primary: set[int],
    used_by: dict[int, set[int]],
    owner: dict[str, int],
    groups: _Groups,
    budget: Budget,
) -> list[int]:
    """Imports, constants, types and exports join the group that uses them most.

    Two rounds: a constant used only by another constant follows it once that
    one has a group. A unit nobody uses but that uses others (an export
    list, `Greeting.propTypes = ...`) joins what it uses most. What neither
    uses nor is used joins the next group below it in the
    file, or the last one above. Imports nobody uses are returned: they join
    the first block once the reading order is known.
    """
    pending = [index for index in range(len(units)) if index not in is_primary]
    for _ in range(2):
        still = []
        for index in pending:
            budget.tick(1 + len(units[index].references))
            best = _most_voted(groups.group_of(user) for user in used_by.get(index, ()))
            if best is None:
                best = _most_voted(
                    groups.group_of(target)
                    for name in units[index].references
                    if (target := owner.get(name)) is not None
                )
            if best is None:
                still.append(index)
            else:
                groups.attach(index, best, _weight(units[index]))
        pending = still
    anchors = sorted(is_primary)
    position = 0
    unused_imports = []
    for index in pending:
        if units[index].kind == "import":
            unused_imports.append(index)
            continue
        while position < len(anchors) and anchors[position] < index:
            position += 1
        nearest = anchors[min(position, len(anchors) - 1)]
        groups.attach(index, groups.root(nearest), _weight(units[index]))
    return unused_imports


def _most_voted(votes: Iterable[int | None]) -> int | None:
    """The group named most often (the earliest on a tie), or None if none is named."""
    counted = Counter(vote for vote in votes if vote is not None)
    if not counted:
        return None
    return max(counted.items(), key=lambda item: (item[1], -item[0]))[0]


def _merge_to(
    target: int, units: Sequence[Unit], groups: _Groups, owner: dict[str, int], budget: Budget
) -> None:
    """Merge the smallest groups until at most `target` remain.

    Each merge pops the smallest group from a heap (stale entries are skipped)
    and puts it into the group it shares the most names with, else into its
    neighbour in file order; the neighbour links are kept as a linked list.
    """
    if len(groups.members) <= target:
        return
    order = sorted(groups.members, key=lambda root: units[root].start)
    previous = {root: order[i - 1] if i else None for i, root in enumerate(order)}
    following = {root: order[i + 1] if i + 1 < len(order) else None for i, root in enumerate(order)}
    heap = [(groups.size[root], units[root].start, root) for root in order]
    heapq.heapify(heap)
    while len(groups.members) > target and heap:
        size, _, root = heapq.heappop(heap)
        if root not in groups.members or groups.size[root] != size:
            continue
        members = groups.members[root]
        budget.tick(sum(len(units[member].references) for member in members))
        partner = _closest_partner(root, units, groups, owner)
        if partner is None:
            partner = previous[root] if previous[root] is not None else following[root]
        if partner is None:
            break
        before, after = previous.pop(root), following.pop(root)
        if before is not None:
            following[before] = after
        if after is not None:
            previous[after] = before
        merged = groups.join(root, partner)
        heapq.heappush(heap, (groups.size[merged], units[merged].start, merged))


def _merge_neighbours(target: int, units: Sequence[Unit], groups: _Groups) -> None:
    """Settings and types with nothing that uses them: cut the file into `target` runs.

    Names say little about how constants relate, so neighbours in the file
    stay together; each run takes an equal share of the lines, in one pass.
    """
    order = sorted(groups.members, key=lambda root: units[root].start)
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


def _closest_partner(
    root: int, units: Sequence[Unit], groups: _Groups, owner: dict[str, int]
) -> int | None:
    """The other group whose names this group's members use most."""
    return _most_voted(
        other
        for member in groups.members[root]
        for name in units[member].references
        if (target := owner.get(name)) is not None
        and (other := groups.group_of(target)) not in (None, root)
    )


def _reading_rank(
    root: int, units: Sequence[Unit], groups: _Groups, used_by: dict[int, set[int]]
) -> tuple[int, int]:
    """Entry points first, then public roots, what others use, private helpers, then the rest."""
    anchor = units[root]
    members = groups.members[root]
    if anchor.kind in ("entry", "code"):
        return (0, anchor.start)
    if anchor.kind not in _PRIMARY:
        return (5, anchor.start)
    outside_users = any(
        groups.root(user) != root
        for member in members
        if units[member].kind != "import"
        for user in used_by.get(member, ())
    )
    if not anchor.public:
        return (4, anchor.start)
    if anchor.kind == "component" and not outside_users:
        return (1, anchor.start)
    return (3 if outside_users else 2, anchor.start)


def _block(units: Sequence[Unit], members: list[int], root: int, subject: str) -> Block:
    anchor = units[root]
    chosen = sorted(members)
    member_units = [units[index] for index in chosen]
    ranges: list[tuple[int, int]] = []
    last = -2
    for index in chosen:
        unit = units[index]
        if index == last + 1:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], unit.end))
        else:
            ranges.append((unit.start, unit.end))
        last = index
    if len(ranges) > MAX_RANGES_PER_BLOCK:
        kept = sorted(ranges, key=lambda r: r[0] - r[1])[:MAX_RANGES_PER_BLOCK]
        ranges = sorted(kept)
    label = naming.unit_label(anchor, subject)
    return Block(label, naming.block_description(anchor, member_units), tuple(ranges))
