"""Python analysis with the standard library's `ast`.

A file that does not parse still gets an answer: the longest prefix that
parses is read exactly, and the rest is cut at its top-level lines.
"""

from __future__ import annotations

import ast
import gc
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from iris.analysis.blocks import build_blocks
from iris.analysis.describe import describe_file, list_names, summarize
from iris.analysis.model import Analysis, Unit

ANALYZER = "iris-python"
VERSION = "1.0"
LANGUAGE_NAME = "Python"

_PARSE_ERRORS = (SyntaxError, ValueError, RecursionError, MemoryError)
_FILENAME = "<iris-source>"
warnings.filterwarnings("ignore", category=SyntaxWarning, module=re.escape(_FILENAME))
"""A user's odd code (`1if x else y`) must not fill the server's log with warnings."""
_PREFIX_ATTEMPTS = 8
_HEADER = re.compile(r"(?:async\s+def|def|class)\s+([A-Za-z_]\w*)|(?:import|from)\s+([\w.]+)")
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
"""A name on its own, not an attribute: how a function refers to its neighbours."""
_ASSIGNMENT = re.compile(r"([A-Za-z_][\w.]*)\s*(?::[^=]*)?=[^=]")


def analyze(source: str, language: str = "python") -> Analysis:
    """Cut `source` into units and describe it; `language` is always Python here."""
    lines = source.split("\n")
    line_count = len(lines) - (1 if source.endswith("\n") else 0)
    problem = None
    with _collector_paused():
        try:
            tree = ast.parse(source, _FILENAME)
        except _PARSE_ERRORS as error:
            problem = _describe_problem(error)
            units, docstring = _recover(lines, getattr(error, "lineno", None) or 1)
        else:
            units = list(_units(tree.body, lines))
            docstring = ast.get_docstring(tree)
    intent_text = docstring or _leading_comment(lines)
    intent = summarize(intent_text) if intent_text else describe_file(LANGUAGE_NAME, units)
    return Analysis(intent, build_blocks(units, lines), line_count, problem)


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


def _units(body: Sequence[ast.stmt], lines: Sequence[str]) -> Iterator[Unit]:
    for index, node in enumerate(body):
        if index == 0 and _is_docstring(node):
            continue
        decorators = getattr(node, "decorator_list", [])
        start = min([node.lineno, *(decorator.lineno for decorator in decorators)])
        end = node.end_lineno or node.lineno
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            references = frozenset(_IDENTIFIER.findall("\n".join(lines[start - 1 : end])))
            yield Unit("function", start, end, (node.name,), _docstring_summary(node), references)
        elif isinstance(node, ast.ClassDef):
            yield Unit("class", start, end, (node.name,), _class_summary(node))
        elif _is_import(node):
            yield Unit("import", start, end, tuple(_imported_modules(node)))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            yield Unit("constant", start, end, tuple(_assigned_names(node)))
        elif _is_main_guard(node):
            yield Unit("entry", start, end)
        else:
            yield Unit("code", start, end)


def _is_docstring(node: ast.stmt) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _is_import(node: ast.stmt) -> bool:
    """An import, or a `try:` whose body only imports (the optional-dependency idiom)."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    return isinstance(node, ast.Try) and all(_is_import(child) for child in node.body)


def _imported_modules(node: ast.stmt) -> Iterator[str]:
    for child in ast.walk(node):
        if isinstance(child, ast.Import):
            yield from (alias.name for alias in child.names)
        elif isinstance(child, ast.ImportFrom):
            yield "." * child.level + (child.module or "")


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


def _docstring_summary(node: ast.AST) -> str:
    docstring = ast.get_docstring(node)  # type: ignore[arg-type]
    return summarize(docstring) if docstring else ""


def _class_summary(node: ast.ClassDef) -> str:
    summary = _docstring_summary(node)
    if summary:
        return summary
    bases = [ast.unparse(base) for base in node.bases]
    methods = [
        child.name
        for child in node.body
        if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    text = f"Defines the class {node.name}"
    if bases:
        text += f", based on {list_names(bases)}"
    if methods:
        text += f", with the methods {list_names(methods)}"
    return text + "."


def _leading_comment(lines: Sequence[str]) -> str:
    """The comment paragraph at the top of the file, past a shebang and coding line."""
    comment: list[str] = []
    for line in lines:
        stripped = line.strip()
        if stripped.startswith("#!") or (
            stripped.startswith("#") and "coding" in stripped and "-*-" in stripped
        ):
            continue
        if not stripped.startswith("#"):
            if comment or stripped:
                break
            continue
        comment.append(stripped.lstrip("#").strip())
    return "\n".join(comment).strip()


def _describe_problem(error: BaseException) -> str:
    if isinstance(error, SyntaxError):
        return f"The file did not parse cleanly: {error.msg} (line {error.lineno})."
    return f"The file did not parse cleanly: {type(error).__name__}."


def _recover(lines: Sequence[str], error_line: int) -> tuple[list[Unit], str | None]:
    """Exact units for the longest clean prefix, line-cut units from the broken statement on.

    The module docstring comes back too, when the clean prefix holds it.
    """
    starts = [number for number in range(1, len(lines) + 1) if _starts_statement(lines[number - 1])]
    before = [number for number in starts if number <= error_line]
    for boundary in reversed(before[-_PREFIX_ATTEMPTS:]):
        try:
            tree = ast.parse("\n".join(lines[: boundary - 1]), _FILENAME)
        except _PARSE_ERRORS:
            continue
        rest = _cut_at_top_level(lines, [number for number in starts if number >= boundary])
        return list(_units(tree.body, lines)) + rest, ast.get_docstring(tree)
    return _cut_at_top_level(lines, starts), None


def _starts_statement(line: str) -> bool:
    return bool(line) and not line[0].isspace() and line[0] not in "#)]}"


def _cut_at_top_level(lines: Sequence[str], starts: Sequence[int]) -> list[Unit]:
    """Units from top-level lines alone, for text that `ast` refuses.

    A decorator line starts the unit of the definition below it.
    """
    heads = [
        number
        for index, number in enumerate(starts)
        if index == 0 or not lines[starts[index - 1] - 1].startswith("@")
    ]
    units = []
    for index, start in enumerate(heads):
        end = heads[index + 1] - 1 if index + 1 < len(heads) else len(lines)
        while end > start and (
            not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")
        ):
            end -= 1
        header = next((line for line in lines[start - 1 : end] if not line.startswith("@")), "")
        units.append(_unit_from_header(header, start, end))
    return units


def _unit_from_header(header: str, start: int, end: int) -> Unit:
    match = _HEADER.match(header)
    if match and match.group(1):
        kind = "class" if header.startswith("class") else "function"
        return Unit(kind, start, end, (match.group(1),))
    if match:
        return Unit("import", start, end, (match.group(2),))
    assignment = _ASSIGNMENT.match(header)
    if assignment:
        return Unit("constant", start, end, (assignment.group(1),))
    return Unit("code", start, end)
