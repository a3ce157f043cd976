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
from iris.analysis.model import Outline, Unit
from iris.analysis.naming import class_summary, doc_summary, is_directive
from iris.analysis.source import blank

ANALYZER = "iris-python"
VERSION = "2.0"
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
_NOT_BRACKET = re.compile(r"[^{}()\[\]\n]+")
_AS_PARENTHESES = str.maketrans("{[]}", "(())")
_CONTINUATION = re.compile(r"(?:else|elif|except|finally)\b")
_HEADER = re.compile(
    r"(?:async\s+def|def)\s+([A-Za-z_]\w*)|class\s+([A-Za-z_]\w*)"
    r"|(?:import|from)\s+([\w.]+)|([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)"
)
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
_KEYWORDS = frozenset(keyword.kwlist)
_SHARED_REFERENCES: dict[frozenset[str], frozenset[str]] = {}
_MAX_SHARED_REFERENCES = 4096
"""The shared sets are few and small; emptied when full, they never outgrow a few hundred KB."""
"""A name on its own, not an attribute: how a unit refers to its neighbours."""


def outline(lines: list[str], language: str, budget: Budget) -> Outline:
    """The units and doc text of the Python file `lines`; `language` is always Python."""
    reader = _Reader(lines, budget)
    try:
        with collector_paused():
            reader.read()
            units = reader.collected.done()
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

    def read(self) -> None:
        starts = statement_starts(self.lines, self.budget)
        self.first_statement = starts[0] if starts else 0
        for chunk in _chunks(self.lines, starts):
            self.budget.check()
            if len(chunk) == 2 and not _within_parse_bound(self.lines, chunk, self.budget):
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
        for unit in _units(body, self.lines, first - 1, self.budget):
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


def statement_starts(lines: Sequence[str], budget: Budget) -> list[int]:
    """The lines where a top-level statement starts.

    A line starts a statement when it begins in column 0 with code, outside
    any string, bracket or backslash continuation; `else:`, `except:` and the
    like continue the statement above. A `def`, `class`, `import`, `from` or
    decorator in column 0 always starts one, even after an unclosed bracket,
    so a broken file still has its definitions found. What does not balance
    is left for `ast` to report, with its line.
    """
    masked = _masked(lines, budget)
    brackets = _NOT_BRACKET.sub("", masked).translate(_AS_PARENTHESES).split("\n")
    starts: list[int] = []
    depth = 0
    continued = False
    budget.tick(len(lines))
    for number, text in enumerate(masked.split("\n"), start=1):
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


def _chunks(lines: Sequence[str], starts: list[int]) -> Iterator[list[int]]:
    """Runs of whole statements of at most `CHUNK_CHARS`, each ending where the next begins.

    A decorated definition is one statement, its decorators included (so is
    a run of decorators with nothing below them), so a chunk never ends
    between a decorator and what it decorates. A statement larger than a
    chunk is a chunk of its own. Sizes come from the lines' offsets, summed
    once.
    """
    if not starts:
        return
    offsets = list(accumulate((len(line) + 1 for line in lines), initial=0))
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


def _within_parse_bound(lines: Sequence[str], chunk: Sequence[int], budget: Budget) -> bool:
    """Whether the chunk is small, or its one statement has at most `MAX_STATEMENT_TOKENS` tokens.

    Tokens are counted only up to the bound, so the count costs at most that
    many steps whatever the statement's size.
    """
    text = "\n".join(lines[chunk[0] - 1 : chunk[-1] - 1])
    if len(text) <= CHUNK_CHARS:
        return True
    count = 0
    for count, _ in enumerate(_TOKEN.finditer(text), start=1):
        if count > MAX_STATEMENT_TOKENS:
            break
    budget.tick(count)
    return count <= MAX_STATEMENT_TOKENS


_ASSIGNMENTS = (ast.Assign, ast.AnnAssign, ast.AugAssign)
_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _units(
    body: Sequence[ast.stmt], lines: Sequence[str], offset: int, budget: Budget
) -> Iterator[Unit]:
    """A unit per top-level node; a run of assignments on adjacent lines is one unit.

    Assignments are the commonest statement and a run of them is one section
    of settings, so they are gathered here without a unit object per node.
    """
    previous_end = 0
    index, count = 0, len(body)
    while index < count:
        node = body[index]
        start = node.lineno + offset
        end = (node.end_lineno or node.lineno) + offset
        if isinstance(node, _ASSIGNMENTS):
            names: list[str] = []
            references: set[str] = set()
            first = index
            own_lines = start > previous_end
            while True:
                names.extend(_assigned_names(node))
                if not isinstance(node.value, (ast.Constant, type(None))) and not own_lines:
                    references.update(_node_references(node.value))
                index += 1
                if index == count:
                    break
                node = body[index]
                if not isinstance(node, _ASSIGNMENTS) or node.lineno + offset > end + 1:
                    break
                end = (node.end_lineno or node.lineno) + offset
            budget.tick(index - first)
            if own_lines:
                references.update(_line_references(lines, start, end))
            yield Unit(
                "constant", start, end, tuple(dict.fromkeys(names)), "", frozenset(references)
            )
            previous_end = end
            continue
        budget.tick()
        index += 1
        if isinstance(node, _DEFINITIONS):
            if node.decorator_list:
                first_decorator = min(decorator.lineno for decorator in node.decorator_list)
                start = min(start, first_decorator + offset)
            public = not node.name.startswith("_")
            summary = _docstring_summary(node) or _class_summary(node)
            line_references = _line_references(lines, start, end)
            if isinstance(node, ast.ClassDef):
                base = _base_name(node)
                yield Unit(
                    "class", start, end, (node.name,), summary, line_references, base, public
                )
            else:
                yield Unit(
                    "function", start, end, (node.name,), summary, line_references, "", public
                )
        elif _is_import(node):
            names_bound, module = _imported(node)
            yield Unit("import", start, end, names_bound, detail=module)
        elif _is_main_guard(node):
            yield Unit("entry", start, end, references=_line_references(lines, start, end))
        else:
            used = (
                _node_references(node)
                if start <= previous_end
                else _line_references(lines, start, end)
            )
            yield Unit("code", start, end, references=used, detail=_called_name(node))
        previous_end = end


def _line_references(lines: Sequence[str], start: int, end: int) -> frozenset[str]:
    """The names a unit's lines use, keywords left out; equal sets are shared.

    Thousands of small units often use the same few names, and one shared set
    for them kept a file of 65,000 broken definitions under 50 MB.
    """
    found = frozenset(_IDENTIFIER.findall("\n".join(lines[start - 1 : end]))) - _KEYWORDS
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


def _class_summary(node: ast.AST) -> str:
    """For a class without a docstring: its base and its methods."""
    if not isinstance(node, ast.ClassDef):
        return ""
    methods = list(
        dict.fromkeys(
            child.name
            for child in node.body
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            and not (child.name.startswith("__") and child.name != "__init__")
        )
    )
    return class_summary(_base_name(node), methods)


def _docstring_summary(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    docstring = ast.get_docstring(node, clean=False)
    return doc_summary(docstring) if docstring else ""


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
