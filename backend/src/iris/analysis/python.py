"""Python's outline, read with the standard library's `ast`, a bounded piece at a time.

Parsing a whole 512 KiB file at once builds about 300 MB of syntax tree, so
the file is first cut at its top-level statements by a small scanner (which
skips strings, comments and bracketed continuation lines), and `ast` parses
chunks of at most `CHUNK_CHARS` characters, one after another; each chunk's
tree is dropped before the next is built.

A chunk that does not parse keeps what can be read exactly: the statements
before the error are parsed again on their own, the failing statement is cut
by its first line (`def name`, `class name`, `import ...`), and reading goes
on after it. After `MAX_PARSE_ERRORS` errors the rest of the file is cut by
first lines only.

Why every pass is linear in the size of the source:

- the scanner moves forward only: each step is one regular-expression search
  from the current position, strings are skipped by one match each (their
  patterns are atomic, so a failed match cannot backtrack into itself), and
  line numbers come from a running count, never from the start of the file;
- each chunk is parsed once, plus once more for its prefix when it fails, and
  a failed parse stops at its error; the number of failures is capped;
- a unit's names come from its own node or its own lines, and no two units
  share lines except statements on one line, which are read from their nodes.
"""

from __future__ import annotations

import ast
import gc
import re
import warnings
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from iris.analysis.budget import Budget, OutOfTime
from iris.analysis.model import Outline, Unit
from iris.analysis.naming import doc_summary, is_directive

ANALYZER = "iris-python"
VERSION = "2.0"
LANGUAGE_NAME = "Python"
CHUNK_CHARS = 32 * 1024
MAX_PARSE_ERRORS = 16

_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError)
_FILENAME = "<iris-source>"
warnings.filterwarnings("ignore", category=SyntaxWarning, module=re.escape(_FILENAME))
"""A user's odd code (`1if x else y`) must not fill the server's log with warnings."""

_TOKEN = re.compile(
    r"#[^\n]*|'''|\"\"\"|['\"]|[(\[{]|[)\]}]|\\\n"
    r"|\n(?=(?:async[ \t]+def|def|class|import|from)[ \t]|@)"
)
"""What can change the scanner's state; everything between is plain code."""
_STRING_END = {
    "'''": re.compile(r"(?>[^'\\]+|\\[\s\S]|'(?!''))*'''"),
    '"""': re.compile(r'(?>[^"\\]+|\\[\s\S]|"(?!""))*"""'),
    "'": re.compile(r"(?>[^'\\\n]+|\\[\s\S])*'"),
    '"': re.compile(r'(?>[^"\\\n]+|\\[\s\S])*"'),
}
_CONTINUATION = re.compile(r"(?:else|elif|except|finally)\b")
_HEADER = re.compile(
    r"(?:async\s+def|def)\s+([A-Za-z_]\w*)|class\s+([A-Za-z_]\w*)"
    r"|(?:import|from)\s+([\w.]+)|([A-Za-z_]\w*)\s*(?::[^=\n]*)?=(?!=)"
)
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
"""A name on its own, not an attribute: how a unit refers to its neighbours."""


def outline(lines: list[str], language: str, budget: Budget) -> Outline:
    """The units and doc text of the Python file `lines`; `language` is always Python."""
    reader = _Reader(lines, budget)
    try:
        reader.read()
    except OutOfTime:
        reader.finished = False
    doc = reader.docstring or _leading_comment(lines, reader.units)
    return Outline(reader.units, lines, doc, LANGUAGE_NAME, reader.problems, reader.finished)


class _Reader:
    def __init__(self, lines: list[str], budget: Budget) -> None:
        self.lines = lines
        self.budget = budget
        self.units: list[Unit] = []
        self.problems: list[str] = []
        self.docstring = ""
        self.finished = True
        self.parse_errors = 0

    def read(self) -> None:
        starts = statement_starts(self.lines, self.budget)
        for chunk in _chunks(self.lines, starts):
            self.budget.check()
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
        text = "\n".join(self.lines[first - 1 : end - 1])
        with _collector_paused():
            try:
                tree = ast.parse(text, _FILENAME)
            except _PARSE_ERRORS as error:
                line = getattr(error, "lineno", None) or 1
                self.problems.append(_describe_problem(error, first - 1))
                return first - 1 + max(line, 1)
        body = tree.body
        if not self.units and not self.docstring and body and _is_docstring(body[0]):
            self.docstring = ast.get_docstring(tree) or ""
            body = body[1:]
        self.units.extend(_units(body, self.lines, first - 1, self.budget))
        return None

    def _cut(self, starts: Sequence[int]) -> None:
        """Units from first lines alone, for statements `ast` refused.

        A decorator line starts the unit of the definition below it.
        """
        heads = [
            start
            for index, start in enumerate(starts)
            if index == 0 or not self.lines[starts[index - 1] - 1].startswith("@")
        ]
        for index in range(len(heads) - 1):
            self.budget.tick()
            start, end = heads[index], heads[index + 1] - 1
            while end > start and (
                not self.lines[end - 1].strip() or self.lines[end - 1].lstrip().startswith("#")
            ):
                end -= 1
            self.units.append(_unit_from_header(self.lines, start, end))


def statement_starts(lines: Sequence[str], budget: Budget) -> list[int]:
    """The lines where a top-level statement starts.

    A line starts a statement when it begins in column 0 with code, outside
    any string, bracket or backslash continuation; `else:`, `except:` and the
    like continue the statement above. A `def`, `class`, `import`, `from` or
    decorator in column 0 always starts one, even after an unclosed bracket,
    so a broken file still has its definitions found. What does not balance
    is left for `ast` to report, with its line.
    """
    code = "\n".join(lines)
    blocked: list[tuple[int, int]] = []
    depth = 0
    opened_at = 0
    position = 0
    while True:
        budget.tick()
        token = _TOKEN.search(code, position)
        if token is None:
            break
        text = token.group()
        start = token.start()
        position = token.end()
        if text in _STRING_END:
            end = _STRING_END[text].match(code, position)
            if end is None:
                limit = len(code) if len(text) == 3 else code.find("\n", position)
                limit = len(code) if limit < 0 else limit
                if depth == 0:
                    blocked.append((start, limit))
                position = limit
                continue
            if len(text) == 3 and depth == 0:
                blocked.append((start, end.end()))
            position = end.end()
        elif text[0] in "([{":
            if depth == 0:
                opened_at = start
            depth += 1
        elif text[0] in ")]}":
            depth -= 1
            if depth == 0:
                blocked.append((opened_at, start))
            depth = max(depth, 0)
        elif text == "\\\n" and depth == 0:
            blocked.append((start, position))
        elif text == "\n" and depth:
            blocked.append((opened_at, start))
            depth = 0
    if depth:
        blocked.append((opened_at, len(code)))
    return _unblocked_starts(lines, blocked, budget)


def _unblocked_starts(
    lines: Sequence[str], blocked: list[tuple[int, int]], budget: Budget
) -> list[int]:
    """Lines in column 0 whose start lies outside every blocked span, in one forward pass.

    The spans are disjoint and in order (strings and continuations inside
    brackets are not recorded: the bracket's span covers them), so one
    pointer walks them alongside the lines.
    """
    starts = []
    span = 0
    offset = 0
    for number, line in enumerate(lines, start=1):
        budget.tick()
        while span < len(blocked) and blocked[span][1] < offset:
            span += 1
        inside = span < len(blocked) and blocked[span][0] < offset <= blocked[span][1]
        if (
            line
            and not inside
            and not line[0].isspace()
            and line[0] != "#"
            and not (starts and _CONTINUATION.match(line))
        ):
            starts.append(number)
        offset += len(line) + 1
    return starts


def _chunks(lines: Sequence[str], starts: list[int]) -> Iterator[list[int]]:
    """Runs of statements of at most `CHUNK_CHARS`, each ending where the next begins.

    A chunk never ends after a decorator line, which belongs to what follows.
    """
    if not starts:
        return
    chunk = [starts[0]]
    size = 0
    for index in range(1, len(starts) + 1):
        end = starts[index] if index < len(starts) else len(lines) + 1
        previous = chunk[-1]
        size += sum(len(line) + 1 for line in lines[previous - 1 : end - 1])
        if index < len(starts) and (size < CHUNK_CHARS or lines[previous - 1].startswith("@")):
            chunk.append(end)
            continue
        chunk.append(end)
        yield chunk
        chunk, size = [end], 0


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Hold off the garbage collector while `ast` builds thousands of nodes.

    Every node counts towards a collection that would find nothing to free;
    pausing it saves about a tenth of the analysis.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _units(
    body: Sequence[ast.stmt], lines: Sequence[str], offset: int, budget: Budget
) -> Iterator[Unit]:
    previous_end = 0
    for node in body:
        budget.tick()
        decorators = getattr(node, "decorator_list", [])
        start = min([node.lineno, *(decorator.lineno for decorator in decorators)]) + offset
        end = (node.end_lineno or node.lineno) + offset
        shares_line = start <= previous_end
        previous_end = end
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            references = _line_references(lines, start, end)
            summary = _docstring_summary(node)
            public = not node.name.startswith("_")
            if isinstance(node, ast.ClassDef):
                detail = _base_name(node)
                yield Unit("class", start, end, (node.name,), summary, references, detail, public)
            else:
                yield Unit("function", start, end, (node.name,), summary, references, "", public)
        elif _is_import(node):
            names, module = _imported(node)
            yield Unit("import", start, end, names, detail=module)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            names = tuple(_assigned_names(node))
            references = _node_references(node.value) if node.value is not None else frozenset()
            yield Unit("constant", start, end, names, references=references)
        elif _is_main_guard(node):
            yield Unit("entry", start, end, references=_line_references(lines, start, end))
        else:
            references = (
                _node_references(node) if shares_line else _line_references(lines, start, end)
            )
            yield Unit("code", start, end, references=references, detail=_called_name(node))


def _line_references(lines: Sequence[str], start: int, end: int) -> frozenset[str]:
    return frozenset(_IDENTIFIER.findall("\n".join(lines[start - 1 : end])))


def _node_references(node: ast.AST) -> frozenset[str]:
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


def _assigned_names(node: ast.Assign | ast.AnnAssign | ast.AugAssign) -> Iterator[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    for target in targets:
        for name in ast.walk(target):
            if isinstance(name, ast.Name):
                yield name.id


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
    parts = []
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
    docstring = ast.get_docstring(node)
    return doc_summary(docstring) if docstring else ""


def _leading_comment(lines: Sequence[str], units: Sequence[Unit]) -> str:
    """The first comment paragraph above the first definition or statement.

    Imports may come before it: a comment after them still speaks for the
    file. Shebang, encoding and lint lines are passed over.
    """
    limit = next((unit.start for unit in units if unit.kind != "import"), len(lines) + 1)
    paragraph: list[str] = []
    for line in lines[: limit - 1]:
        stripped = line.strip()
        if stripped.startswith("#"):
            text = stripped.lstrip("#").strip()
            if not is_directive(stripped[1:]):
                paragraph.append(text)
            continue
        if doc_summary("\n".join(paragraph)):
            break
        paragraph = []
    return "\n".join(paragraph) if doc_summary("\n".join(paragraph)) else ""


def _describe_problem(error: BaseException, offset: int) -> str:
    if isinstance(error, SyntaxError) and error.lineno:
        return f"{error.msg} (line {error.lineno + offset})"
    return type(error).__name__


def _unit_from_header(lines: Sequence[str], start: int, end: int) -> Unit:
    header = next(
        (line for line in lines[start - 1 : end] if not line.startswith("@")), lines[start - 1]
    )
    references = _line_references(lines, start, end)
    match = _HEADER.match(header)
    if match is None:
        return Unit("code", start, end, references=references)
    function, cls, module, assigned = match.groups()
    if function:
        return Unit(
            "function", start, end, (function,), "", references, "", not function.startswith("_")
        )
    if cls:
        return Unit("class", start, end, (cls,), "", references, "", not cls.startswith("_"))
    if module:
        return Unit("import", start, end, (module.split(".")[0],), detail=module)
    return Unit("constant", start, end, (assigned,), references=references)
