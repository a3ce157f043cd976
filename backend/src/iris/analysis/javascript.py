"""The outline of a JavaScript, TypeScript or JSX file.

`jsscan` blanks strings, comments, regular expressions and JSX text, so what
is left can be read line by line: a top-level unit starts on a line at bracket
depth 0 whose code begins in column 0 (or right after a comment that does),
outside any template literal or JSX element, and runs to the next one. Each
unit is then classified by its first words (import, function, class, type,
a component, ...). When brackets do not balance, declaration keywords in
column 0 still start units, so a broken file keeps the blocks that can be found.

Why every pass is linear in the size of the source: the scanner is (see its
docstring); depths, unit starts and extents are one pass over the lines each;
a unit is classified from a head of at most `HEAD_CHARS` characters, with
patterns anchored at its start; a unit's names and references are read from
its own lines, and units never share lines; line numbers of offsets are found
by walking the sorted offsets and the lines together once. Every pass up to
the units counts its lines in the budget as it starts and reads the clock
every `LINES_PER_CHECK` lines, and the outline holds at most the budget's
units; the doc comments are then attached in one pass over what was found.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from iris.analysis.budget import LINES_PER_CHECK, Budget, OutOfBudget, collector_paused
from iris.analysis.jsscan import Comment, scan
from iris.analysis.model import Outline, Unit, UnitKind
from iris.analysis.naming import class_summary, doc_summary, is_directive

ANALYZER = "iris-javascript"
VERSION = "2.0"
LANGUAGE_NAMES = {
    "javascript": "JavaScript",
    "javascriptreact": "JavaScript (React)",
    "typescript": "TypeScript",
    "typescriptreact": "TypeScript (React)",
}
JSX_LANGUAGES = frozenset(("javascript", "javascriptreact", "typescriptreact"))
REACT_LANGUAGES = frozenset(("javascriptreact", "typescriptreact"))
SHARED_LINE_CHARS = 8
"""Lines this short, at the same depth, are one object however often they recur: a file
of half a million blank or `x=1` lines would otherwise hold a line object each."""
HEAD_LINES = 12
HEAD_CHARS = 2000
DOC_GAP_LINES = 3
"""Blank or lint-directive lines allowed between a doc comment and its declaration."""

_NAME = r"[A-Za-z_$][\w$]*"
_CONTINUES_LINE = tuple(".,)]}?:+-*/%&|^=<>{`")
_CONTINUED_BY = tuple(",=([{+-*/%&|^?:.<>")
_DECLARATION_START = re.compile(
    r"(?:export|import|function|async\s+function|class|abstract\s+class|const|let|var|"
    r"interface|type\s|enum|namespace|declare|@)"
)
_NOT_BRACKET = re.compile(r"[^{}()\[\]\n]+")
_AS_PARENTHESES = str.maketrans("{[]}", "(())")
_IDENTIFIER = re.compile(rf"(?<![\w$])(?:(?<=\.\.\.)|(?<!\.)){_NAME}")
"""A name used on its own (or spread), not as a property after a dot."""
_MODULE_SOURCE = re.compile(r"""(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]""")
_IMPORT_BINDINGS = re.compile(
    rf"import\s+(?:type\s+)?(?:({_NAME})\s*,?\s*)?(?:\*\s*as\s+({_NAME}))?\s*(?:\{{([^}}]*)\}})?"
)
_EXPORT_LIST = re.compile(r"export\s+(?:type\s+)?(?:\*(?:\s+as\s+([\w$]+))?|\{([^}]*)\})")
_EXPORT_DEFAULT_VALUE = re.compile(
    r"export\s+default\s+(?!(?:async\s+)?function\b|(?:abstract\s+)?class\b)"
)
_FUNCTION = re.compile(
    rf"(export\s+(?:default\s+)?)?(?:declare\s+)?(?:async\s+)?function\b\s*\*?\s*({_NAME})?"
)
_CLASS = re.compile(
    rf"(export\s+(?:default\s+)?)?(?:declare\s+)?(?:abstract\s+)?class\b\s*"
    rf"(?!(?:extends|implements)\b)({_NAME})?"
    rf"(?:\s*<[^{{>]*>)?(?:\s+extends\s+({_NAME}(?:\.{_NAME})*))?"
)
_TYPE = re.compile(
    rf"(export\s+(?:default\s+)?)?(?:declare\s+)?"
    rf"(?:interface\s+({_NAME})|type\s+({_NAME})\s*[=<]|(?:const\s+)?enum\s+({_NAME})"
    rf"|(?:namespace|module)\s+({_NAME}(?:\.{_NAME})*)|global\b)"
)
_DECLARE = re.compile(
    rf"(?:export\s+)?declare\s+(?:(?:const|let|var|function|abstract\s+class|class|const\s+enum|"
    rf"enum|interface|type|namespace|module)\s+)?({_NAME}(?:\.{_NAME})*|['\"]([^'\"]*)['\"])?"
)
_DECORATOR_NAME = re.compile(r"@[\w$.]*\s*")
_VARIABLE = re.compile(
    rf"(export\s+)?(?:declare\s+)?(?:const|let|var)\s+({_NAME}|\{{[^}}]*\}}|\[[^\]]*\])"
    rf"\s*(?::[^=]+)?(?:=\s*(.*))?",
    re.DOTALL,
)
_WRAPPER = re.compile(r"(?:React\s*\.\s*)?(forwardRef|memo|observer|lazy)\s*(?:<[^()]*>)?\s*\(\s*")
_COMMONJS_EXPORT = re.compile(r"(?:module\.exports|exports\.([\w$]+))\s*=")
_CALL = re.compile(rf"(?:await\s+)?({_NAME}(?:\s*\.\s*{_NAME})*)\s*\(")
_DIRECTIVE = re.compile(r"""['"][ ]*['"];?\s*$""")
_METHOD = re.compile(
    r"^\s*(?:(?:public|private|protected|static|async|get|set|override|readonly|abstract)\s+)*"
    rf"\*?\s*(#?{_NAME})\s*(?:<[^>]*>)?\s*\("
)
_LINT_HINT = re.compile(r"//\s*(?:eslint|@ts-|prettier|istanbul|jshint|global\s|tslint)")
_FILE_TAGS = ("@file", "@fileoverview", "@overview", "@module")
_JSDOC_TAG = re.compile(r"^@(?:file|fileoverview|overview|module)\b\s*(.*)", re.DOTALL)
_PASCAL_CASE = re.compile(r"[A-Z][A-Za-z0-9]*$")
_COMPONENT_BASES = re.compile(r"(?:^|\.)(?:Pure)?Component$")
_KEYWORDS = frozenset(
    """abstract as async await break case catch class const continue debugger declare
    default delete do else enum export extends false finally for from function get if
    implements import in instanceof interface let new null of package private protected
    public readonly return set static super switch this throw true try type typeof
    undefined var void while with yield""".split()
)


class _Line(NamedTuple):
    depth: int
    masked: str
    continued: bool
    """The line starts inside a template literal or JSX element opened above it."""


class _Reading(NamedTuple):
    """What a unit's first words say it is."""

    kind: UnitKind
    names: tuple[str, ...]
    detail: str = ""
    exported: bool = False
    references: tuple[str, ...] = ()


def outline(lines: list[str], language: str, budget: Budget) -> Outline:
    """The units and doc text of the file `lines`, written in `language`.

    When the budget runs out, the units read so far are the outline.
    """
    with collector_paused():
        return _outline(lines, language, budget)


def _outline(lines: list[str], language: str, budget: Budget) -> Outline:
    source = "\n".join(lines)
    result = scan(source, jsx=language in JSX_LANGUAGES, budget=budget)
    problems = list(result.problems)
    finished = result.finished
    comments: list[Comment] = []
    readings: list[Unit] = []
    try:
        masked = result.masked.split("\n") if lines else []
        continued = _lines_starting_inside(result.nested, lines, budget)
        read, unbalanced = _depths(masked, continued, budget)
        problems += unbalanced
        starts = _unit_starts(read, lines, budget, recovering=bool(problems))
        comments = _comment_blocks(result.comments, budget)
        jsx_lines = _line_numbers(result.jsx_starts, lines, budget)
        for start, end in _extents(read, starts, budget):
            budget.tick()
            unit = _unit(read, lines, start, end, language, jsx_lines)
            if unit is not None:
                readings.append(unit)
                budget.holding(len(readings))
    except OutOfBudget:
        finished = False
    units = _with_docs(readings, comments, lines)
    doc = _file_doc(comments, units)
    return Outline(
        units,
        lines,
        doc,
        LANGUAGE_NAMES[language],
        problems,
        finished,
        result.more_problems,
    )


def _offset_lines(offsets: Sequence[int], lines: Sequence[str], budget: Budget) -> Iterator[int]:
    """The line number of each offset, for offsets in increasing order: one walk of both."""
    budget.tick(len(offsets))
    number, line_end = 1, len(lines[0]) if lines else 0
    for offset in offsets:
        while offset > line_end and number < len(lines):
            line_end += len(lines[number]) + 1
            number += 1
            if not number % LINES_PER_CHECK:
                budget.check()
        yield number


def _line_numbers(offsets: Sequence[int], lines: Sequence[str], budget: Budget) -> list[int]:
    return list(_offset_lines(sorted(offsets), lines, budget))


def _lines_starting_inside(
    spans: Sequence[tuple[int, int]], lines: Sequence[str], budget: Budget
) -> list[bool]:
    """For each line, whether it starts inside one of the (ordered, disjoint) `spans`."""
    inside = [False] * len(lines)
    flat = [offset for span in spans for offset in span]
    numbers = list(_offset_lines(flat, lines, budget))
    for index in range(0, len(numbers), 2):
        budget.tick(1 + numbers[index + 1] - numbers[index])
        for number in range(numbers[index] + 1, numbers[index + 1] + 1):
            inside[number - 1] = True
    return inside


def _depths(
    masked: Sequence[str], continued: Sequence[bool], budget: Budget
) -> tuple[list[_Line], list[str]]:
    """Each line's bracket depth at its start, and what does not balance (three sentences at most).

    The masked text has no strings or comments left, so every bracket in it is
    code. They are picked out of the whole text at once and reduced to `(` and
    `)`, so a line costs a count, and nothing when it has no bracket.
    """
    brackets = _NOT_BRACKET.sub("", "\n".join(masked)).translate(_AS_PARENTHESES).split("\n")
    lines = []
    problems: list[str] = []
    shared: dict[tuple[int, str, bool], _Line] = {}
    unmatched = 0
    depth = 0
    opened_at = None
    budget.tick(len(masked))
    for number, text in enumerate(masked, 1):
        if not number % LINES_PER_CHECK:
            budget.check()
        if len(text) > SHARED_LINE_CHARS:
            lines.append(_Line(depth, text, continued[number - 1]))
        else:
            key = (depth, text, continued[number - 1])
            lines.append(shared.get(key) or shared.setdefault(key, _Line(*key)))
        line_brackets = brackets[number - 1]
        if not line_brackets:
            continue
        if depth == 0 and line_brackets.startswith("("):
            opened_at = number
        depth += 2 * line_brackets.count("(") - len(line_brackets)
        if depth < 0:
            unmatched += 1
            if unmatched == 1:
                problems.append(f"an unmatched closing bracket on line {number}")
            depth = 0
    if depth:
        problems.append(f"a bracket opened on line {opened_at} is never closed")
    if unmatched > 1:
        problems.append(f"{unmatched - 1} more unmatched closing brackets")
    return lines, problems


def _unit_starts(
    lines: Sequence[_Line], source_lines: Sequence[str], budget: Budget, recovering: bool = False
) -> list[int]:
    """Lines (1-based) where a top-level unit begins.

    While recovering from unbalanced brackets or an unterminated string, a
    declaration keyword in column 0 starts a unit whatever came before it.
    """
    starts = []
    previous = ""
    budget.tick(len(lines))
    for number, line in enumerate(lines, start=1):
        if not number % LINES_PER_CHECK:
            budget.check()
        text = line.masked
        code = text.lstrip()
        if not code:
            continue
        indent = len(text) - len(code)
        at_column_0 = indent == 0 or not source_lines[number - 1][:1].isspace()
        stripped = code.rstrip()
        if (
            at_column_0
            and not line.continued
            and (
                (recovering and _DECLARATION_START.match(code))
                or (
                    line.depth == 0
                    and not code.startswith(_CONTINUES_LINE)
                    and not previous.endswith(_CONTINUED_BY)
                )
            )
        ):
            starts.append(number)
        previous = stripped
    return starts


def _extents(
    lines: Sequence[_Line], starts: Sequence[int], budget: Budget
) -> Iterator[tuple[int, int]]:
    """(first, last) line of each unit; decorators join the declaration below them.

    Made one at a time as the units are read, so an outline stopped at the
    budget's units never holds the extents of the rest.
    """
    budget.tick(len(starts))
    first = 0
    for index, start in enumerate(starts):
        if index and not index % LINES_PER_CHECK:
            budget.check()
        if not (index and lines[starts[index - 1] - 1].masked.lstrip().startswith("@")):
            first = start
        following = index + 1 < len(starts)
        if following and lines[start - 1].masked.lstrip().startswith("@"):
            continue
        end = starts[index + 1] - 1 if following else len(lines)
        while end > first and not lines[end - 1].masked.strip():
            end -= 1
        yield first, end


def _comment_blocks(comments: Sequence[Comment], budget: Budget) -> list[Comment]:
    """Standalone comments, with runs of `//` lines joined into one and lint lines apart.

    The scanner already gives a run of `//` lines as one comment; a lint line
    inside it (`// eslint-disable-next-line`) is split out here, since it is
    for a tool, never a description. Runs are gathered in lists and joined
    once: joining line by line made a file of 80,000 `//` lines quadratic.
    """
    runs: list[list[Comment]] = []
    joinable_before = False
    for comment in _lint_lines_apart(comments):
        budget.tick()
        if not comment.standalone:
            continue
        joinable = comment.text.startswith("//") and not _is_lint(comment)
        if joinable and joinable_before and comment.start_line == runs[-1][-1].end_line + 1:
            runs[-1].append(comment)
        else:
            runs.append([comment])
        joinable_before = joinable
    return [
        run[0]
        if len(run) == 1
        else Comment(run[0].start_line, run[-1].end_line, "\n".join(c.text for c in run), True)
        for run in runs
    ]


def _lint_lines_apart(comments: Sequence[Comment]) -> Iterator[Comment]:
    """Each comment, a run of `//` lines that holds a lint line cut into its lines."""
    for comment in comments:
        text = comment.text
        if not (text.startswith("//") and "\n" in text and _LINT_HINT.search(text[:4000])):
            yield comment
            continue
        for number, line in enumerate(text.split("\n"), start=comment.start_line):
            yield Comment(number, number, line.strip(), comment.standalone)


def _is_lint(comment: Comment) -> bool:
    body = comment.text[2:].lstrip("*").strip()
    return is_directive(body) or body.startswith(("@ts-", "eslint", "prettier", "istanbul"))


def _comment_text(comment: Comment) -> str:
    """A comment's prose: markers and JSDoc tags gone, a file tag's text kept."""
    text = comment.text[:4000]
    if text.startswith("/*"):
        text = text[2:-2] if text.endswith("*/") else text[2:]
        text = text.lstrip("*!")
    kept = []
    for line in text.split("\n"):
        line = line.strip()
        line = line[2:] if line.startswith("//") else line.lstrip("*")
        line = line.strip()
        tag = _JSDOC_TAG.match(line)
        if tag:
            line = tag.group(1)
        elif line.startswith("@"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def _head(lines: Sequence[_Line], start: int, end: int) -> str:
    """The unit's first lines of code on one line, at most `HEAD_CHARS` long."""
    parts = [line.masked[:HEAD_CHARS] for line in lines[start - 1 : min(end, start + HEAD_LINES)]]
    return " ".join(" ".join(parts)[: 2 * HEAD_CHARS].split())[:HEAD_CHARS]


def _unit(
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    start: int,
    end: int,
    language: str,
    jsx_lines: Sequence[int],
) -> Unit | None:
    """The unit on lines `start` to `end`, without its doc comment yet.

    `public` says for now whether the unit carries `export`; `_with_docs`
    settles who is public once every export list has been read.
    """
    head = _head(lines, start, end)
    if _DIRECTIVE.match(head):
        return None
    original = "\n".join(source_lines[start - 1 : end])
    reading = _classify(head, original, lines, start, end)
    kind = reading.kind
    name = reading.names[0] if reading.names else ""
    if kind in ("function", "class", "constant") and (
        _PASCAL_CASE.match(name) or name == "default"
    ):
        index = bisect_left(jsx_lines, start)
        has_jsx = index < len(jsx_lines) and jsx_lines[index] <= end
        component_class = kind == "class" and _COMPONENT_BASES.search(reading.detail)
        wrapped = kind == "constant" and reading.detail in ("forwardRef", "memo", "observer")
        if (
            (has_jsx and kind != "class")
            or component_class
            or wrapped
            or (kind == "function" and language in REACT_LANGUAGES)
        ):
            kind = "component"
    masked = "\n".join(line.masked for line in lines[start - 1 : end])
    references: frozenset[str] = frozenset()
    if kind != "import":
        found = set(_IDENTIFIER.findall(masked))
        found.difference_update(_KEYWORDS, reading.names)
        found.update(reading.references)
        references = frozenset(found)
    summary = _class_summary(reading, lines, start, end) if reading.kind == "class" else ""
    return Unit(
        kind, start, end, reading.names, summary, references, reading.detail, reading.exported
    )


def _classify(head: str, original: str, lines: Sequence[_Line], start: int, end: int) -> _Reading:
    """What the unit is, from its head (code with strings blanked) and its source text."""
    statement = _without_decorators(head)
    if re.match(r"import\b(?!\s*[(.])", statement):
        return _import_reading(statement, original)
    declared = _DECLARE.match(statement)
    if declared:
        quoted = re.search(r"""declare\s+module\s+['"]([^'"\n]*)['"]""", original[:HEAD_CHARS])
        name = quoted.group(1) if quoted else declared.group(1)
        return _Reading("type", (name or "global",))
    export_list = _EXPORT_LIST.match(statement)
    if export_list:
        listed = export_list.group(2) or ""
        local = [part.split(" as ")[0].strip() for part in listed.split(",") if part.strip()]
        module = _MODULE_SOURCE.search(original[:HEAD_CHARS])
        if module:
            return _Reading("export", (), module.group(1), True)
        return _Reading("export", (), "", True, tuple(name for name in local if name))
    if _EXPORT_DEFAULT_VALUE.match(statement):
        return _Reading("export", (), "", True)
    function = _FUNCTION.match(statement)
    if function:
        return _Reading("function", (function.group(2) or "default",), "", bool(function.group(1)))
    declared_class = _CLASS.match(statement)
    if declared_class:
        name = declared_class.group(2) or "default"
        return _Reading(
            "class", (name,), declared_class.group(3) or "", bool(declared_class.group(1))
        )
    declared_type = _TYPE.match(statement)
    if declared_type:
        name = next((group for group in declared_type.groups()[1:] if group), "global")
        return _Reading("type", (name,), "", bool(declared_type.group(1)))
    variable = _VARIABLE.match(statement)
    if variable:
        return _variable_reading(variable, original)
    commonjs = _COMMONJS_EXPORT.match(statement)
    if commonjs:
        return _Reading("export", (), "", True)
    call = _CALL.match(statement)
    return _Reading("code", (), call.group(1).replace(" ", "") if call else "")


def _import_reading(statement: str, original: str) -> _Reading:
    module = _MODULE_SOURCE.search(original[:HEAD_CHARS])
    bindings = _IMPORT_BINDINGS.match(statement)
    names: list[str] = []
    if bindings:
        default, namespace, listed = bindings.groups()
        names.extend(name for name in (default, namespace) if name and name != "type")
        for part in (listed or "").split(","):
            bound = part.split(" as ")[-1].strip().removeprefix("type ").strip()
            if re.fullmatch(_NAME, bound):
                names.append(bound)
    return _Reading("import", tuple(names), module.group(1) if module else "")


def _variable_reading(variable: re.Match[str], original: str) -> _Reading:
    exported = bool(variable.group(1))
    names = _declared_names(variable.group(2))
    value = (variable.group(3) or "").lstrip()
    if re.match(r"require\s*\(", value) or re.match(r"await\s+import\s*\(", value):
        module = _MODULE_SOURCE.search(original[:HEAD_CHARS])
        return _Reading("import", names, module.group(1) if module else "")
    wrapper = _WRAPPER.match(value)
    if wrapper:
        return _Reading("constant", names, wrapper.group(1), exported)
    if _is_function_value(value):
        return _Reading("function", names, "", exported)
    return _Reading("constant", names, "", exported)


def _is_function_value(value: str) -> bool:
    """Whether `value` (a head, so bounded) is a function expression or an arrow function.

    Parameter lists are matched by counting brackets, so parameters whose
    types hold parentheses (`({ onClick }: { onClick: () => void }) =>`) count.
    """
    value = value.removeprefix("async").lstrip() if value.startswith("async") else value
    if value.startswith("function"):
        return True
    if value.startswith("<"):
        close = _matching(value, 0, "<", ">")
        if close is None:
            return False
        value = value[close + 1 :].lstrip()
    if value.startswith("("):
        close = _matching(value, 0, "(", ")")
        if close is None:
            return False
        rest = value[close + 1 :].lstrip()
        return rest.startswith("=>") or (rest.startswith(":") and "=>" in rest)
    return bool(re.match(rf"{_NAME}\s*=>", value))


def _matching(text: str, start: int, opening: str, closing: str) -> int | None:
    """The index of the bracket closing the one at `start`, counting nested ones; one pass."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == opening:
            depth += 1
        elif char == closing and not (closing == ">" and text[index - 1] == "="):
            depth -= 1
            if depth == 0:
                return index
    return None


def _without_decorators(head: str) -> str:
    """The declaration after any `@decorator(...)` in front of it, in one pass."""
    position = 0
    while head.startswith("@", position):
        name = _DECORATOR_NAME.match(head, position)
        position = name.end() if name else position + 1
        if head.startswith("(", position):
            close = _matching(head, position, "(", ")")
            if close is None:
                return head[position:]
            position = close + 1
        while position < len(head) and head[position] == " ":
            position += 1
    return head[position:]


def _class_summary(reading: _Reading, lines: Sequence[_Line], start: int, end: int) -> str:
    methods = [
        method.group(1)
        for line in lines[start:end]
        if line.depth == 1
        and (method := _METHOD.match(line.masked[:HEAD_CHARS]))
        and method.group(1) not in _KEYWORDS
    ]
    return class_summary(reading.detail, methods)


def _declared_names(target: str) -> tuple[str, ...]:
    """`x`, or the names a `{ a, b: c }` or `[a, b]` pattern binds."""
    if target[0] not in "{[":
        return (target,)
    names = []
    for part in target.strip("{}[]").split(","):
        binding = part.split(":")[-1].split("=")[0].strip().lstrip(".")
        if binding and re.fullmatch(_NAME, binding):
            names.append(binding)
    return tuple(names)


def _with_docs(units: list[Unit], comments: Sequence[Comment], lines: Sequence[str]) -> list[Unit]:
    """Each unit with its doc comment and any lint lines between them, and who is public.

    A doc comment may be separated from its declaration by a few blank lines
    or `// eslint-disable-next-line` style comments; those lines belong to the
    unit too, but a lint line is never its description. In a file that
    exports anything, only what it exports is public.
    """
    ending_at = {comment.end_line: comment for comment in comments}
    exported: set[str] = set()
    for unit in units:
        if unit.kind == "export":
            exported.update(unit.references)
        elif unit.public:
            exported.update(unit.names)
    has_exports = bool(exported) or any(unit.kind == "export" for unit in units)
    documented = []
    previous_end = 0
    for unit in units:
        start, summary = unit.start, unit.summary
        line, gap = unit.start - 1, 0
        while line > previous_end and gap <= DOC_GAP_LINES:
            comment = ending_at.get(line)
            if comment is not None and _is_lint(comment):
                start = comment.start_line
                line = comment.start_line - 1
                continue
            if comment is not None:
                if unit.kind in ("function", "class", "type", "constant", "component"):
                    start = comment.start_line
                    summary = doc_summary(_comment_text(comment)) or summary
                break
            if lines[line - 1].strip():
                break
            line -= 1
            gap += 1
        previous_end = unit.end
        public = not has_exports or any(name in exported for name in unit.names)
        documented.append(unit._replace(start=start, summary=summary, public=public))
    return documented


def _file_doc(comments: Sequence[Comment], units: Sequence[Unit]) -> str:
    """The file's doc comment, if it has one.

    It comes before any code but imports, and is not a licence or a tool
    directive. A comment a declaration took as its doc documents that
    declaration instead, unless a file tag (`@file`, `@fileoverview`,
    `@module`) says it is about the file.
    """
    first_code = next((unit.start for unit in units if unit.kind != "import"), None)
    taken = {unit.start for unit in units if unit.kind != "import"}
    for comment in comments:
        if first_code is not None and comment.start_line >= first_code and not _tagged(comment):
            break
        if _is_lint(comment):
            continue
        text = _comment_text(comment)
        if not doc_summary(text):
            continue
        if _tagged(comment) or comment.start_line not in taken:
            return text
    return ""


def _tagged(comment: Comment) -> bool:
    return any(tag in comment.text[:4000] for tag in _FILE_TAGS)
