"""Python's outline, read with the standard library's `ast`, a bounded piece at a time.

Parsing a whole 512 KiB file at once builds about 300 MB of syntax tree, so
the file is first cut at its top-level statements by a small scanner (which
skips strings, comments and bracketed continuation lines), and `ast` parses
chunks of at most `CHUNK_CHARS` characters, one after another; each chunk's
tree is dropped before the next is built. `ast` cannot be interrupted and
its memory grows with the tokens it reads (up to about 1.4 KB a token, when a
parse fails), so what it is given is bounded first: a chunk by its size, a
single statement larger than a chunk by its tokens, and the budget's clock is
read before every parse.

A chunk that does not parse keeps what can be read exactly: the statements
before the error are parsed again on their own, the failing statement is cut
by its first line (`def name`, `class name`, `import ...`), and reading goes
on after it. After `MAX_PARSE_ERRORS` errors the rest of the file is cut by
first lines only.

A single statement of over `MAX_STATEMENT_TOKENS` tokens (100,000 statements
joined by `;` on one line, a run of decorators with nothing below them) is
read by its first line too, and the problem says so. Adjacent assignments,
and adjacent loose statements, are read as one unit.

Why every pass is linear in the size of the source:

- the scanner is one substitution over the text, whose pattern matches each
  whole string or comment with possessive quantifiers (so no match
  backtracks into itself), and brackets are then counted line by line on the
  masked text, each line once;
- each chunk is parsed once, plus once more for its prefix when it fails, and
  a failed parse stops at its error; the number of failures is capped; a
  statement's tokens are counted only up to the bound;
- a unit's names come from its own node or its own lines, and no two units
  share lines except statements on one line, which are read from their nodes.
"""

from __future__ import annotations

import ast
import keyword
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate

from iris.analysis.budget import LINES_PER_CHECK, Budget, OutOfBudget, collector_paused
from iris.analysis.doctext import doc_summary, heading_title, is_directive
from iris.analysis.model import MAX_EFFECTS, Effect, Outline, Unit, UnitKind
from iris.analysis.source import any_of, blank

ANALYZER = "iris-python"
VERSION = "3.0"
LANGUAGE_NAME = "Python"
CHUNK_CHARS = 16 * 1024
MAX_STATEMENT_TOKENS = 16 * 1024
"""A statement larger than a chunk is given to `ast` only up to this many tokens
(words, numbers, marks and line ends), about 25 MB of tree at worst: real
classes of a hundred kilobytes have fewer, a line of 100,000 statements joined
by `;` far more."""
MAX_PARSE_ERRORS = 16

_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError)
_FILENAME = "<iris-source>"
warnings.filterwarnings("ignore", category=SyntaxWarning, module=re.escape(_FILENAME))
"""A user's odd code (`1if x else y`) must not fill the server's log with warnings."""

_STRING_OR_COMMENT = re.compile(
    r"#[^\n]*"
    r"|'''(?:[^'\\]++|\\[\s\S]|'(?!''))*+(?:'''|\Z)"
    r'|"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+(?:"""|\Z)'
    r"|'(?:[^'\\\n]++|\\[\s\S])*+'?"
    r'|"(?:[^"\\\n]++|\\[\s\S])*+"?'
)
"""A whole string or comment. The quantifiers are possessive: a match never
backtracks, and an unterminated string simply ends at its line's end (or the
file's, for triple quotes)."""
_ALWAYS_STARTS = re.compile(r"(?:async[ \t]+def|def|class|import|from)[ \t]|@")
_TOKEN = re.compile(r"\w+|[^\w\s]|\n")
_WORD_REST = re.compile(r"\w*")
_TOKEN_MARKS = str.maketrans(
    {
        char: "a" if char.isalnum() or char == "_" else " " if char.isspace() else "."
        for char in map(chr, range(128))
        if char != "\n"
    }
)
"""ASCII as `_TOKEN` reads it: a word character as `a`, a space as a space, a line end as
itself, any other character (a token of its own) as `.`."""
_NOT_BRACKET = re.compile(r"[^{}()\[\]\n]+")
_AS_PARENTHESES = str.maketrans("{[]}", "(())")
_CONTINUATION = re.compile(r"(?:else|elif|except|finally)\b")
_HEADER = re.compile(
    r"(?:async\s+def|def)\s+([A-Za-z_]\w*)|class\s+([A-Za-z_]\w*)"
    r"|(?:import|from)\s+([\w.]+)|([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)"
)
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_")
_RUNS_APART = str.maketrans(
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) in "_.")}
)
"""Every ASCII character that is neither a word character nor a dot, as a space: what
`_name_runs` splits ASCII text on."""
_KEYWORDS = frozenset(keyword.kwlist)
_SHARED_REFERENCES: dict[frozenset[str], frozenset[str]] = {}
_MAX_SHARED_REFERENCES = 4096
"""The shared sets are few and small; emptied when full, they never outgrow a few hundred KB."""
"""A name on its own, not an attribute: how a unit refers to its neighbours."""


class PythonAnalyzer:
    """The builtin analyzer for Python: an `Analyzer` whose outline is read with `ast`."""

    name = ANALYZER
    version = VERSION

    def outline(self, lines: list[str], language: str, budget: Budget) -> Outline:
        """The outline of the Python file `lines`."""
        return outline(lines, language, budget)


def outline(lines: list[str], language: str, budget: Budget) -> Outline:
    """The units and doc text of the Python file `lines`; `language` is always Python."""
    reader = _Reader(lines, budget)
    try:
        with collector_paused():
            reader.read()
            units = _with_comments(reader.collected.done(), lines, budget)
            doc = reader.docstring or _leading_comment(lines, units, budget)
    except OutOfBudget:
        reader.finished = False
        units = reader.collected.done()
        doc = reader.docstring
    return Outline(units, lines, doc, LANGUAGE_NAME, reader.problems, reader.finished)


class _Collected:
    """Units in file order, with runs of adjacent settings or loose statements folded.

    `A = 1` on the line after `B = 2` is one section of settings; folding as
    the units arrive keeps a file of 100,000 one-line statements to a
    handful of units, with names and references gathered in lists and sets
    that only grow, never copied. The budget is told how many units are held.
    """

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.units: list[Unit] = []
        self._run: list[Unit] = []
        self._names: list[str] = []
        self._references: set[str] = set()

    def add(self, unit: Unit) -> None:
        run = self._run
        if run and unit.kind == run[0].kind and unit.start <= run[-1].end + 1:
            run.append(unit)
            self._names.extend(unit.names)
            self._references.update(unit.references)
            return
        self._flush()
        self.budget.holding(len(self.units) + 1)
        if unit.kind in ("constant", "code"):
            self._run = [unit]
            self._names = list(unit.names)
            self._references = set(unit.references)
        else:
            self.units.append(unit)

    def done(self) -> list[Unit]:
        self._flush()
        return self.units

    def _flush(self) -> None:
        run = self._run
        if not run:
            return
        first = run[0]
        if len(run) == 1:
            self.units.append(first)
        else:
            self.units.append(
                first._replace(
                    end=max(run[-1].end, first.end),
                    names=tuple(dict.fromkeys(self._names)),
                    references=frozenset(self._references),
                    detail=next((unit.detail for unit in run if unit.detail), ""),
                )
            )
        self._run = []


class _Reader:
    def __init__(self, lines: list[str], budget: Budget) -> None:
        self.lines = lines
        self.budget = budget
        self.collected = _Collected(budget)
        self.problems: list[str] = []
        self.docstring = ""
        self.finished = True
        self.parse_errors = 0
        self.first_statement = 0
        self.masked: list[str] = []
        """The lines with strings and comments blanked: where effects are looked for."""

    def read(self) -> None:
        masked = _masked(self.lines, self.budget)
        self.masked = masked.split("\n")
        starts = statement_starts(masked, self.masked, self.budget)
        self.first_statement = starts[0] if starts else 0
        offsets = list(accumulate(map((1).__add__, map(len, self.lines)), initial=0))
        for chunk in _chunks(self.lines, starts, offsets):
            self.budget.check()
            if len(chunk) == 2 and not _within_parse_bound(self.lines, chunk, offsets, self.budget):
                self.problems.append(
                    f"the statement on line {chunk[0]} has over {MAX_STATEMENT_TOKENS:,} tokens, "
                    "so only its first line was read"
                )
                self._cut(chunk)
            else:
                self._read_chunk(chunk)

    def _read_chunk(self, starts: list[int]) -> None:
        """Parse statements `starts[:-1]` (the last entry is where the chunk ends)."""
        while len(starts) > 1:
            if self.parse_errors >= MAX_PARSE_ERRORS:
                self._cut(starts)
                return
            failed_at = self._parse(starts[0], starts[-1])
            if failed_at is None:
                return
            self.parse_errors += 1
            index = max(bisect_right(starts, failed_at) - 1, 0)
            index = min(index, len(starts) - 2)
            if index and self._parse(starts[0], starts[index]) is not None:
                self._cut(starts[: index + 1])
            self._cut(starts[index : index + 2])
            starts = starts[index + 1 :]

    def _parse(self, first: int, end: int) -> int | None:
        """Units for lines `first` to `end - 1`, or the line of the error if they do not parse."""
        self.budget.check()
        text = "\n".join(self.lines[first - 1 : end - 1])
        try:
            tree = ast.parse(text, _FILENAME)
        except _PARSE_ERRORS as error:
            line = max(getattr(error, "lineno", None) or 1, 1)
            read = self.lines[first - 1 : first + line]
            self.budget.tick(sum(len(source_line) + 1 for source_line in read))
            self.problems.append(_describe_problem(error, first - 1))
            return first - 1 + line
        self.budget.tick(len(text))
        body = tree.body
        if first == self.first_statement and body and _is_docstring(body[0]):
            self.docstring = ast.get_docstring(tree) or ""
            body = body[1:]
        for unit in _units(body, self.lines, self.masked, first - 1, self.budget):
            self.collected.add(unit)
        return None

    def _cut(self, heads: Sequence[int]) -> None:
        """Units from first lines alone, for statements `ast` refused.

        A decorated definition is named by its first line that is not a
        decorator. Loose statements on adjacent lines are gathered into one
        unit here, their names read once for the whole run.
        """
        lines = self.lines
        self.budget.tick(len(heads))
        run_start = run_end = 0
        for index in range(len(heads) - 1):
            if index and not index % LINES_PER_CHECK:
                self.budget.check()
            start, end = heads[index], heads[index + 1] - 1
            while end > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
                end -= 1
            header = lines[start - 1]
            if header.startswith("@"):
                header = next((line for line in lines[start:end] if not line.startswith("@")), "")
            match = _HEADER.match(header)
            if match is None and run_end and start <= run_end + 1:
                run_end = end
                continue
            if run_end:
                self.collected.add(
                    Unit(
                        "code",
                        run_start,
                        run_end,
                        (),
                        "",
                        _line_references(lines, run_start, run_end),
                    )
                )
                run_end = 0
            if match is None:
                run_start, run_end = start, end
            else:
                self.collected.add(_unit_from_header(match, lines, start, end))
        if run_end:
            self.collected.add(
                Unit(
                    "code", run_start, run_end, (), "", _line_references(lines, run_start, run_end)
                )
            )


def statement_starts(masked: str, masked_lines: Sequence[str], budget: Budget) -> list[int]:
    """The lines where a top-level statement starts.

    A line starts a statement when it begins in column 0 with code, outside
    any string, bracket or backslash continuation; `else:`, `except:` and the
    like continue the statement above. A `def`, `class`, `import`, `from` or
    decorator in column 0 always starts one, even after an unclosed bracket,
    so a broken file still has its definitions found. What does not balance
    is left for `ast` to report, with its line. `masked` is the source with its
    strings and comments blanked (`_masked`), and `masked_lines` its lines.
    """
    brackets = _NOT_BRACKET.sub("", masked).translate(_AS_PARENTHESES).split("\n")
    starts: list[int] = []
    depth = 0
    continued = False
    budget.tick(len(masked_lines))
    for number, text in enumerate(masked_lines, start=1):
        if not number % LINES_PER_CHECK:
            budget.check()
        first = text[:1]
        if first and not first.isspace():
            if depth and _ALWAYS_STARTS.match(text):
                depth = 0
            if not depth and not continued and not (starts and _CONTINUATION.match(text)):
                starts.append(number)
        line_brackets = brackets[number - 1]
        if line_brackets:
            depth = max(depth + 2 * line_brackets.count("(") - len(line_brackets), 0)
        continued = text.endswith("\\")
    return starts


def _masked(lines: Sequence[str], budget: Budget) -> str:
    """The code with every string and comment blanked, newlines kept, in one pass.

    One atomic pattern matches each whole string or comment (an unterminated
    one runs to its line's end, or the file's for triple quotes), so the text
    is read once. A string keeps its opening quote, so a docstring in column
    0 still starts a statement.
    """

    def blanked(region: re.Match[str]) -> str:
        budget.tick()
        text = region.group()
        if text[0] == "#":
            return blank(text)
        return text[0] + blank(text[1:])

    return _STRING_OR_COMMENT.sub(blanked, "\n".join(lines))


def _chunks(lines: Sequence[str], starts: list[int], offsets: Sequence[int]) -> Iterator[list[int]]:
    """Runs of whole statements of at most `CHUNK_CHARS`, each ending where the next begins.

    A decorated definition is one statement, its decorators included (so is
    a run of decorators with nothing below them), so a chunk never ends
    between a decorator and what it decorates. A statement larger than a
    chunk is a chunk of its own. Sizes come from the lines' `offsets`, summed
    once.
    """
    if not starts:
        return
    statements = [
        start
        for index, start in enumerate(starts)
        if index == 0 or not lines[starts[index - 1] - 1].startswith("@")
    ]
    chunk = [statements[0]]
    for end in [*statements[1:], len(lines) + 1]:
        if len(chunk) > 1 and offsets[end - 1] - offsets[chunk[0] - 1] > CHUNK_CHARS:
            yield chunk
            chunk = [chunk[-1]]
        chunk.append(end)
    yield chunk


def _within_parse_bound(
    lines: Sequence[str], chunk: Sequence[int], offsets: Sequence[int], budget: Budget
) -> bool:
    """Whether the chunk is small, or its one statement has at most `MAX_STATEMENT_TOKENS` tokens.

    The size comes from the lines' `offsets`, so a small chunk is not joined
    for it. A token is at least one character and never a space or a tab, so
    a statement with fewer other characters is within the bound uncounted:
    most statements of a few tens of kilobytes are. The others' tokens are
    counted by `_token_count`.
    """
    if offsets[chunk[-1] - 1] - offsets[chunk[0] - 1] - 1 <= CHUNK_CHARS:
        return True
    text = "\n".join(lines[chunk[0] - 1 : chunk[-1] - 1])
    most = len(text) - text.count(" ") - text.count("\t")
    if most <= MAX_STATEMENT_TOKENS:
        budget.tick(most)
        return True
    count = _token_count(text)
    budget.tick(min(count, MAX_STATEMENT_TOKENS + 1))
    return count <= MAX_STATEMENT_TOKENS


def _token_count(text: str) -> int:
    """How many tokens `_TOKEN` finds in `text`, or a number over `MAX_STATEMENT_TOKENS`.

    ASCII text is translated once to `_TOKEN_MARKS`, where the tokens are
    counted in C without a list: the marks, the line ends, and the words by
    where each starts. Other text is counted by the regular-expression
    engine a window of about `CHUNK_CHARS` characters at a time, and counting
    stops at the first window that passes the bound: a window ends after a
    whole word (only words are longer than a character, and none spans a
    line), so no token is counted twice, and a window's list holds at most
    `CHUNK_CHARS` tokens.
    """
    if text.isascii():
        marks = text.translate(_TOKEN_MARKS)
        words = marks.count(" a") + marks.count(".a") + marks.count("\na") + marks.startswith("a")
        return words + marks.count(".") + marks.count("\n")
    count = position = 0
    while position < len(text) and count <= MAX_STATEMENT_TOKENS:
        window_end = min(position + CHUNK_CHARS, len(text))
        word_rest = _WORD_REST.match(text, window_end)
        window_end = word_rest.end() if word_rest else window_end
        count += len(_TOKEN.findall(text, position, window_end))
        position = window_end
    return count


_ASSIGNMENTS = (ast.Assign, ast.AnnAssign, ast.AugAssign)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_NAME_OR_ATTRIBUTE = re.compile(r"(?<![\w.])(?:(?:self|cls)\.([A-Za-z_]\w*)|([A-Za-z_]\w*))")
"""`self.items` or `cls.registry` (the state a method shares with its siblings), or a name."""
_MEMBER_DECORATORS = (
    "property",
    "setter",
    "getter",
    "deleter",
    "overload",
    "classmethod",
    "staticmethod",
    "abstractmethod",
    "cached_property",
)


def _units(
    body: Sequence[ast.stmt],
    lines: Sequence[str],
    masked: Sequence[str],
    offset: int,
    budget: Budget,
) -> Iterator[Unit]:
    """A unit per top-level node; a run of assignments on adjacent lines is one unit.

    Assignments are the commonest statement and a run of them is one section
    of settings, so a run is read as one unit, without a unit object per node.
    Each node is visited once: a run ends where the next node starts.
    """
    previous_end = 0
    index = 0
    while index < len(body):
        run_end = _assignment_run_end(body, index, offset)
        if run_end > index:
            unit = _settings(body[index:run_end], lines, offset, previous_end)
            budget.tick(run_end - index)
            index = run_end
        else:
            unit = _statement(body[index], lines, masked, offset, previous_end)
            budget.tick()
            index += 1
        budget.tick(len(unit.members))
        yield unit
        previous_end = unit.end


def _assignment_run_end(body: Sequence[ast.stmt], index: int, offset: int) -> int:
    """Where the run of assignments on adjacent lines starting at `index` ends (`index` if none)."""
    end = index
    last_line = -1
    while end < len(body) and isinstance(body[end], _ASSIGNMENTS):
        node = body[end]
        if last_line >= 0 and node.lineno + offset > last_line + 1:
            break
        last_line = (node.end_lineno or node.lineno) + offset
        end += 1
    return end


def _settings(
    run: Sequence[ast.stmt], lines: Sequence[str], offset: int, previous_end: int
) -> Unit:
    """One unit for assignments on adjacent lines: a section of settings or module state.

    On lines of its own, its references are read from its lines; sharing a
    line with the statement before, from its values' nodes only.
    """
    start = run[0].lineno + offset
    end = (run[-1].end_lineno or run[-1].lineno) + offset
    names: list[str] = []
    references: set[str] = set()
    own_lines = start > previous_end
    for node in run:
        assert isinstance(node, _ASSIGNMENTS)
        names.extend(_assigned_names(node))
        if not own_lines and not isinstance(node.value, (ast.Constant, type(None))):
            references.update(_node_references(node.value))
    if own_lines:
        references.update(_line_references(lines, start, end))
    kind: UnitKind = "export" if names == ["__all__"] else "constant"
    value = getattr(run[0], "value", None)
    return Unit(
        kind, start, end, tuple(dict.fromkeys(names)), "", frozenset(references),
        _value_shape(value),
    )  # fmt: skip


def _value_shape(value: ast.expr | None) -> str:
    """What a setting's value is, as the namer calls it: "table", "list", "text" ..."""
    if isinstance(value, (ast.Dict, ast.DictComp)):
        return "table"
    if isinstance(value, (ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.SetComp)):
        return "list"
    if isinstance(value, ast.Constant):
        if isinstance(value.value, bool):
            return "flag"
        if isinstance(value.value, str):
            return "text"
        return "number" if isinstance(value.value, (int, float)) else ""
    if isinstance(value, ast.Call) and _dotted(value.func).endswith("compile"):
        return "pattern"
    return ""


def _statement(
    node: ast.stmt, lines: Sequence[str], masked: Sequence[str], offset: int, previous_end: int
) -> Unit:
    """The unit of one top-level statement that is not an assignment."""
    start = node.lineno + offset
    end = (node.end_lineno or node.lineno) + offset
    if isinstance(node, _DEFINITIONS):
        return _definition(node, lines, masked, offset)
    if _is_import(node):
        names_bound, module = _imported(node)
        return Unit("import", start, end, names_bound, detail=module)
    if _is_main_guard(node):
        return Unit("entry", start, end, references=_line_references(lines, start, end))
    used = _node_references(node) if start <= previous_end else _line_references(lines, start, end)
    return Unit(
        "code", start, end, references=used, detail=_called_name(node), argument=_argument(node)
    )


def _definition(
    node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef,
    lines: Sequence[str],
    masked: Sequence[str],
    offset: int,
) -> Unit:
    """A function or class, its decorators included; a class with its members."""
    start = _first_line(node, offset)
    end = (node.end_lineno or node.lineno) + offset
    summary = _docstring_summary(node)
    public = not node.name.startswith("_")
    if isinstance(node, ast.ClassDef):
        members, used = _members(node, lines, masked, offset)
        references = _class_references(lines, start, end, members, used)
        summary = summary or next(
            (member.summary for member in members if member.names[:1] in _DESCRIBING_FIELDS), ""
        )
        effects = tuple(dict.fromkeys(e for member in members for e in member.effects))
        return Unit(
            "class", start, end, (node.name,), summary, references,
            _base_name(node), public, members, effects=effects[:MAX_EFFECTS],
        )  # fmt: skip
    detail = _decorated_as(node)
    references = _line_references(lines, start, end)
    return Unit(
        "function", start, end, (node.name,), summary, references, detail, public,
        parameters=_parameters(node), effects=_effects(lines, masked, start, end),
    )  # fmt: skip


def _class_references(
    lines: Sequence[str], start: int, end: int, members: Sequence[Unit], used: set[str]
) -> frozenset[str]:
    """The names a class uses: those its methods and nested classes `used` (already read),
    and those of the lines between its members.

    Each line is read once: the lines a member holds were read for the member.
    """
    found = used
    position = start
    for member in members:
        if member.kind == "field":
            continue
        if member.start > position:
            found.update(_line_references(lines, position, member.start - 1))
        position = max(position, member.end + 1)
    if position <= end:
        found.update(_line_references(lines, position, end))
    return frozenset(found)


def _first_line(node: ast.stmt, offset: int) -> int:
    decorators = getattr(node, "decorator_list", ())
    return min([node.lineno, *(decorator.lineno for decorator in decorators)]) + offset


def _members(
    node: ast.ClassDef, lines: Sequence[str], masked: Sequence[str], offset: int
) -> tuple[tuple[Unit, ...], set[str]]:
    """The methods, fields and nested classes of a class, in order, and the names (not the
    instance attributes) its methods and nested classes use.

    A method is named `.name` and refers to the instance attributes its lines
    use (`.items` for `self.items`) besides the module's names; adjacent
    fields are one member. The comment lines right above a method are its
    own, and describe it when it has no docstring. A field such as
    `description = "..."` says what the class is for. Each statement of the
    body is read once, and each line by one member only.
    """
    body = node.body[1:] if node.body and _is_docstring(node.body[0]) else node.body
    members: list[Unit] = []
    used_by_members: set[str] = set()
    previous_end = (body[0].lineno + offset - 1) if body else 0
    for child in body:
        start = _first_line(child, offset)
        end = (child.end_lineno or child.lineno) + offset
        if isinstance(child, _FUNCTIONS):
            attributes, used = _names_and_attributes("\n".join(lines[start - 1 : end]))
            used_by_members.update(used)
            start, comment = _comment_above(lines, start, previous_end)
            references = frozenset(attributes | used)
            members.append(
                Unit(
                    "method", start, end, ("." + child.name,),
                    _docstring_summary(child) or comment,
                    references, _decorated_as(child), not child.name.startswith("_"),
                    parameters=_parameters(child), effects=_effects(lines, masked, start, end),
                )
            )  # fmt: skip
            previous_end = end
            continue
        previous_end = end
        described = _describing_field(child)
        if described is not None:
            members.append(Unit("field", start, end, described[:1], doc_summary(described[1])))
            continue
        if isinstance(child, _ASSIGNMENTS):
            attributes = _names_and_attributes("\n".join(lines[start - 1 : end]))[0]
            names = tuple("." + name for name in _assigned_names(child))
            previous = members[-1] if members else None
            if previous and previous.kind == "field" and start <= previous.end + 1:
                members[-1] = previous._replace(
                    end=end,
                    names=previous.names + names,
                    references=previous.references | attributes,
                )
            else:
                members.append(Unit("field", start, end, names, references=frozenset(attributes)))
        elif isinstance(child, ast.ClassDef):
            nested = _definition(child, lines, masked, offset)
            used_by_members.update(nested.references)
            members.append(nested)
    return tuple(members), used_by_members


def _comment_above(lines: Sequence[str], start: int, previous_end: int) -> tuple[int, str]:
    """Where a member starts once the comment lines right above it are its own, and their
    first sentence ("" if none); only lines after `previous_end` are read."""
    first = start
    while first - 1 > previous_end and lines[first - 2].lstrip().startswith("#"):
        first -= 1
    if first == start:
        return start, ""
    text = "\n".join(line.strip().lstrip("#").strip() for line in lines[first - 1 : start - 1])
    return first, "" if heading_title(lines[first - 1 : start - 1]) else doc_summary(text)


def _describing_field(node: ast.stmt) -> tuple[str, str] | None:
    """`description = "..."` in a class: the field's name and its text, else None."""
    if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.Constant):
        return None
    names = _assigned_names(node)
    if len(names) != 1 or ("." + names[0],) not in _DESCRIBING_FIELDS:
        return None
    text = node.value.value
    return ("." + names[0], text) if isinstance(text, str) else None


_DESCRIBING_FIELDS = frozenset(
    ((".description",), (".summary",), (".help",), (".about",), (".short_description",))
)
"""A class field holding a string under one of these names says what the class is for."""
_EFFECT = re.compile(
    r"raise\s+(?P<raises>[A-Za-z_][\w.]*)"
    r"|return\s+(?P<chains>self|cls)[ \t]*$"
    r"|(?P<yields>yield)\b"
    r"|(?:print|sys\.std(?:out|err)\.write)\s*(?P<prints>\()"
    r"|_?(?:log|logger|logging|LOG|LOGGER)\.(?:debug|info|warning|warn|error|exception|critical)"
    r"\s*(?P<logs>\()"
    r"|warnings\.warn\s*(?P<warns>\()"
    r"|(?:io\.|codecs\.|gzip\.)?open\s*(?P<opens>\()"
    r"|(?:subprocess\.\w+|os\.system|os\.popen)\s*(?P<runs>\()"
    r"|\.(?P<schedules>call_later|call_at|call_soon)\s*\("
    r"|(?:requests|httpx|aiohttp|session|client)\.(?:get|post|put|patch|delete|request)"
    r"\s*(?P<fetches>\()|urlopen\s*(?P<fetched>\()",
    re.MULTILINE,
)
"""What code visibly does, matched on its masked lines (strings and comments blanked)."""
_EFFECT_START = any_of(
    (
        "raise", "return", "yield", "print", "sys.std", "log", "_log", "LOG", "warnings.warn",
        "codecs.open", "gzip.open", "open", "subprocess.", "os.system", "os.popen", ".call_",
        "requests.", "httpx.", "aiohttp.", "session.", "client.", "urlopen",
    )
)  # fmt: skip
"""Where an `_EFFECT` may start: literals, which the regular expression engine scans for
several times faster than `_EFFECT` itself; `_EFFECT` is then tried only there."""
_WRITE_MODE = re.compile(r"""['"]([rwxabt+]{1,4})['"]""")


def _effects(
    lines: Sequence[str], masked: Sequence[str], start: int, end: int
) -> tuple[Effect, ...]:
    """What a function or method visibly does, read from its masked lines in one pass.

    Raising an exception, returning `self` (a fluent setter), yielding,
    printing, logging, warning, reading or writing files, running a
    subprocess, scheduling a callback, making an HTTP request: each is found
    by the words that do it, where `_EFFECT_START` finds them; at most
    `MAX_EFFECTS` are kept. A file's mode and a warning's category are read
    just after the call.
    """
    text = "\n".join(masked[start - 1 : end])
    found: dict[Effect, None] = {}
    resume = 0
    for candidate in _EFFECT_START.finditer(text):
        position = candidate.start()
        if position < resume or not _starts_word(text, position):
            continue
        match = _EFFECT.match(text, position)
        if match is None:
            continue
        resume = match.end()
        effect = _effect_of(match, text, lines, start)
        if effect is not None:
            found.setdefault(effect)
            if len(found) >= MAX_EFFECTS:
                break
    return tuple(found)


def _starts_word(text: str, position: int) -> bool:
    """Whether `text[position]` begins a name, or an attribute's `.`; a logger may be one
    (`self.logger.info`), a builtin (`print`, `open`) may not."""
    if position == 0 or text[position] == ".":
        return True
    before = text[position - 1]
    if before == ".":
        return text.startswith(("log", "_log", "LOG"), position)
    return not (before.isalnum() or before == "_")


def _effect_of(match: re.Match[str], text: str, lines: Sequence[str], start: int) -> Effect | None:
    verb = match.lastgroup or ""
    if verb == "raises":
        name = match.group(verb).rsplit(".", 1)[-1]
        return Effect("raises", name) if name[:1].isupper() else None
    if verb == "warns":
        deprecated = "DeprecationWarning" in text[match.end() : match.end() + 300]
        return Effect("warns", "deprecated" if deprecated else "")
    if verb == "opens":
        line = text.count("\n", 0, match.end())
        call = "\n".join(lines[start - 1 + line : start + line + 1])[:400]
        mode = _WRITE_MODE.search(call[call.find("(") :]) if "(" in call else None
        writing = mode is not None and any(flag in mode.group(1) for flag in "wax+")
        return Effect("writes" if writing else "reads")
    if verb == "fetched":
        return Effect("fetches")
    return Effect(verb)


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[str, ...]:
    """The parameters' names, without the `self` or `cls` a method is given."""
    arguments = node.args
    names = [argument.arg for argument in (*arguments.posonlyargs, *arguments.args)]
    if names and names[0] in ("self", "cls"):
        names = names[1:]
    names.extend(argument.arg for argument in arguments.kwonlyargs)
    return tuple(names[:8])


def _decorated_as(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    """The decorator that changes what a method is (`property`, `overload`, ...), or ""."""
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = _dotted(target).rsplit(".", 1)[-1]
        if name in _MEMBER_DECORATORS:
            return name
    return ""


def _argument(node: ast.stmt) -> str:
    """The first literal string a loose call is given (`"/users"` in `app.add_url_rule(...)`)."""
    value = getattr(node, "value", None)
    if isinstance(node, ast.Expr) and isinstance(value, ast.Call) and value.args:
        first = value.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value[:200]
    return ""


def _name_runs(text: str) -> set[str]:
    """The distinct runs of word characters and dots in ASCII `text` (`self.items.append`).

    A name on its own starts a run (what follows a dot is an attribute), so
    the names are the runs' first parts: one translation and one split in C,
    then each distinct run looked at once, where the patterns `_IDENTIFIER`
    and `_NAME_OR_ATTRIBUTE` try a match at every character, twice as slowly.
    The patterns stay for text beyond ASCII, whose word characters the table
    does not know.
    """
    return set(text.translate(_RUNS_APART).split())


def _names_and_attributes(text: str) -> tuple[set[str], set[str]]:
    """The instance attributes (`.items` for `self.items`) and the names `text` uses, keywords
    left out: one pass over the text, each distinct run or match then looked at once."""
    attributes: set[str] = set()
    names: set[str] = set()
    if text.isascii():
        for run in _name_runs(text):
            if run[0] not in _NAME_START:
                continue
            head, _, rest = run.partition(".")
            if rest[:1] in _NAME_START and head in ("self", "cls"):
                attributes.add("." + rest.partition(".")[0])
            else:
                names.add(head)
    else:
        for attribute, name in set(_NAME_OR_ATTRIBUTE.findall(text)):
            if attribute:
                attributes.add("." + attribute)
            else:
                names.add(name)
    names.difference_update(_KEYWORDS)
    return attributes, names


def _line_references(lines: Sequence[str], start: int, end: int) -> frozenset[str]:
    """The names a unit's lines use, keywords left out; equal sets are shared.

    Thousands of small units often use the same few names, and one shared set
    for them kept a file of 65,000 broken definitions under 50 MB.
    """
    text = "\n".join(lines[start - 1 : end])
    if text.isascii():
        used = frozenset(run.partition(".")[0] for run in _name_runs(text) if run[0] in _NAME_START)
    else:
        used = frozenset(_IDENTIFIER.findall(text))
    found = used - _KEYWORDS
    if len(found) > 3:
        return found
    if len(_SHARED_REFERENCES) >= _MAX_SHARED_REFERENCES:
        _SHARED_REFERENCES.clear()
    return _SHARED_REFERENCES.setdefault(found, found)


def _node_references(node: ast.AST | None) -> frozenset[str]:
    if node is None or isinstance(node, ast.Constant):
        return frozenset()
    return frozenset(child.id for child in ast.walk(node) if isinstance(child, ast.Name))


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_import(node: ast.stmt) -> bool:
    """An import, a `try:` whose body only imports, or an `if TYPE_CHECKING:` of imports."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    if isinstance(node, (ast.Try, ast.If)):
        return bool(node.body) and all(_is_import(child) for child in node.body)
    return False


def _imported(node: ast.stmt) -> tuple[tuple[str, ...], str]:
    """The names an import binds, and the first module it reads."""
    names: list[str] = []
    modules: list[str] = []
    for child in ast.walk(node):
        if isinstance(child, ast.Import):
            for alias in child.names:
                names.append(alias.asname or alias.name.split(".")[0])
                modules.append(alias.name)
        elif isinstance(child, ast.ImportFrom):
            modules.append("." * child.level + (child.module or ""))
            names.extend(alias.asname or alias.name for alias in child.names if alias.name != "*")
    return tuple(names), modules[0] if modules else ""


def _assigned_names(node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> tuple[str, ...]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    if len(targets) == 1 and isinstance(targets[0], ast.Name):
        return (targets[0].id,)
    return tuple(
        name.id for target in targets for name in ast.walk(target) if isinstance(name, ast.Name)
    )


def _is_main_guard(node: ast.stmt) -> bool:
    """`if __name__ == "__main__":`, written either way round."""
    if not isinstance(node, ast.If) or not isinstance(node.test, ast.Compare):
        return False
    sides = [node.test.left, *node.test.comparators]
    names = {side.id for side in sides if isinstance(side, ast.Name)}
    values = {side.value for side in sides if isinstance(side, ast.Constant)}
    return names == {"__name__"} and values == {"__main__"}


def _called_name(node: ast.stmt) -> str:
    """`app.run` for `app.run(debug=True)`: what a loose statement does, for its label."""
    value = getattr(node, "value", None)
    if isinstance(node, ast.Expr) and isinstance(value, ast.Call):
        return _dotted(value.func)
    return ""


def _dotted(node: ast.expr) -> str:
    """`a.b.c` for a chain of attributes on a name, "" for anything else; no recursion."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute) and len(parts) < 8:
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def _base_name(node: ast.ClassDef) -> str:
    """The first base class's name, read without `ast.unparse` (which a hostile base can crash)."""
    for base in node.bases:
        name = _dotted(base)
        if name:
            return name.rsplit(".", 1)[-1]
    return ""


def _docstring_summary(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    docstring = ast.get_docstring(node, clean=False)
    return doc_summary(docstring) if docstring else ""


def _with_comments(units: list[Unit], lines: Sequence[str], budget: Budget) -> list[Unit]:
    """Each unit with the comment right above it, and the section heading it falls under.

    A comment paragraph that ends on the line above a unit is part of it, and
    its first sentence describes it when it has no docstring; a paragraph
    with a rule (`# ====`) names a section, for every unit below it until the
    next. The paragraph that opens the file speaks for the file, not a
    section. The lines between two units are read once, so this is one pass;
    the budget counts every unit and every line as it starts.
    """
    budget.tick(len(units) + len(lines))
    file_start = next(
        (
            number
            for number, line in enumerate(lines, 1)
            if line.strip() and not (line.startswith("#!") or is_directive(line.lstrip("# ")))
        ),
        0,
    )
    heading = ""
    previous_end = 0
    result = []
    for index, unit in enumerate(units, start=1):
        if not index % LINES_PER_CHECK:
            budget.check()
        paragraph: list[str] = []
        paragraph_start = 0
        for number in range(previous_end + 1, unit.start):
            if not number % LINES_PER_CHECK:
                budget.check()
            text = lines[number - 1].lstrip()
            if text.startswith("#") and not text.startswith("#!"):
                if not paragraph:
                    paragraph_start = number
                paragraph.append(text)
                continue
            if paragraph and paragraph_start != file_start:
                heading = heading_title(paragraph) or heading
            paragraph = []
        start, summary = unit.start, unit.summary
        if paragraph and paragraph_start != file_start:
            title = heading_title(paragraph)
            heading = title or heading
            start = paragraph_start
            if not summary and not title:
                summary = doc_summary("\n".join(line.lstrip("#").strip() for line in paragraph))
        previous_end = max(previous_end, unit.end)
        result.append(unit._replace(start=start, summary=summary, heading=heading))
    return result


def _leading_comment(lines: Sequence[str], units: Sequence[Unit], budget: Budget) -> str:
    """The first comment paragraph above the first definition or statement.

    Imports may come before it: a comment after them still speaks for the
    file. Shebang, encoding and lint lines are passed over.
    """
    limit = next((unit.start for unit in units if unit.kind != "import"), len(lines) + 1)
    paragraph: list[str] = []
    budget.tick(limit)
    for number, line in enumerate(lines[: limit - 1], start=1):
        if not number % LINES_PER_CHECK:
            budget.check()
        stripped = line.strip()
        if stripped.startswith("#"):
            text = stripped.lstrip("#").strip()
            if not is_directive(stripped[1:]):
                paragraph.append(text)
            continue
        if paragraph and doc_summary("\n".join(paragraph)):
            break
        paragraph = []
    return "\n".join(paragraph) if doc_summary("\n".join(paragraph)) else ""


def _describe_problem(error: BaseException, offset: int) -> str:
    if isinstance(error, SyntaxError) and error.lineno:
        return f"{error.msg} (line {error.lineno + offset})"
    return type(error).__name__


def _unit_from_header(match: re.Match[str], lines: Sequence[str], start: int, end: int) -> Unit:
    """The unit a definition, import or assignment line starts, by that line alone."""
    function, cls, module, assigned = match.groups()
    if module:
        return Unit("import", start, end, (module.split(".")[0],), detail=module)
    references = _line_references(lines, start, end)
    if function:
        return Unit(
            "function", start, end, (function,), "", references, "", not function.startswith("_")
        )
    if cls:
        return Unit("class", start, end, (cls,), "", references, "", not cls.startswith("_"))
    return Unit("constant", start, end, (assigned,), references=references)
