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
from iris.analysis.doctext import doc_summary, is_directive
from iris.analysis.jsscan import Comment, scan
from iris.analysis.model import MAX_EFFECTS, Effect, Outline, Unit, UnitKind
from iris.analysis.source import any_of

ANALYZER = "iris-javascript"
VERSION = "3.0"
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
MIN_MEMBER_LINES = 4
"""The parts of a shorter class or component are not read: it is one line or two."""
MIN_RENDER_PART_LINES = 6
"""A rendered element this long among its siblings is a part of its own."""
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
_NAME_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$")
_RUNS_APART = str.maketrans(
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) in "_$.")}
)
"""Every ASCII character that is neither a name's nor a dot, as a space: what `_names_in`
splits ASCII text on."""
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
_STYLE_VALUE = re.compile(
    r"(?:^|[\s=(])(?:css|styled(?:\.\w+)?|keyframes|createGlobalStyle|StyleSheet\.create)\b"
)
_WRAPPER = re.compile(r"(?:React\s*\.\s*)?(forwardRef|memo|observer|lazy)\s*(?:<[^()]*>)?\s*\(\s*")
_ASSIGNED_FUNCTION = re.compile(rf"(?:{_NAME}\s*\.\s*)+(?:prototype\s*\.\s*)?({_NAME})\s*=(?![=>])")
"""`app.render = function ...`, `Foo.prototype.bar = ...`, `exports.parse = ...`: a function
defined on an object, as older JavaScript defines its methods and exports."""
_ABOUT_IMPORTS = re.compile(
    r"(?:[\w-]+ ){0,2}(?:dependencies|imports|requires)\b[.:]?\s*$|"
    r"(?:module |external )?(?:dependencies|imports|requires)\b",
    re.I,
)
"""A comment that only titles the imports below it ("Internal dependencies", "Third-party
imports", "Module dependencies. Some notes..."), not what the file is for."""
_COMMONJS_EXPORT = re.compile(r"(?:module\.exports|exports\.([\w$]+))\s*=")
_CALL = re.compile(rf"(?:await\s+)?({_NAME}(?:\s*\.\s*{_NAME})*)\s*\(")
_DIRECTIVE = re.compile(r"""['"][ ]*['"];?\s*$""")
_MEMBER_NAME = rf"#?{_NAME}|\[[^\]\n]{{1,80}}\]"
"""A member's name, or a computed one (`[Symbol.iterator]`, `[_read]`)."""
_OBJECT_CALL = r"(?:[\w$]+\s*\.\s*)?(?:createClass|createReactClass|defineComponent|extend)\s*\(\s*"
_OBJECT_LITERAL = re.compile(
    rf"(?:module\s*\.\s*exports\s*=\s*|export\s+default\s+)(?:{_OBJECT_CALL})?\{{"
    rf"|(?:export\s+)?(?:const|let|var)\s+[\w$]+\s*=\s*{_OBJECT_CALL}\{{"
)
"""An object literal exported or assigned at top level whose properties are a unit's members:
`module.exports = { meta, create(context) {...} }`, `React.createClass({ render() {...} })`, a
Vue component's options. A plain `const X = {` is a table, not one of these."""
_PROPERTY_FUNCTION = re.compile(
    rf"^({_MEMBER_NAME})\s*:\s*(?:async\s+)?(?:function\b|\([^()]*\)\s*=>|{_NAME}\s*=>)"
)
OPEN_FUNCTION_LINES = 40
"""A method of an object literal this long is opened into its inner functions."""
_METHOD = re.compile(
    r"^\s*(?:(?:public|private|protected|static|async|get|set|override|readonly|abstract)\s+)*"
    rf"\*?\s*({_MEMBER_NAME})\s*(?:<[^>]*>)?\s*\("
)
_ARGUMENT = re.compile(r"""^[\w$.\s]*\(\s*(?:[\w$.]+\s*,\s*)?['"`]([^'"`\n]{1,200})['"`]""")
"""The first literal string a loose call is given, first or after one name:
`app.get('/x', ...)`, `defineGetter(req, 'host', ...)`."""
"""The first literal string of a loose call: `router.get('/users', ...)` gives `/users`."""
_LINT_HINT = re.compile(r"//\s*(?:eslint|@ts-|prettier|istanbul|jshint|global\s|tslint)")
_FILE_TAGS = ("@file", "@fileoverview", "@overview", "@module")
_JSDOC_TAG = re.compile(
    r"^@(?:file|fileoverview|overview|module|summary|description)\b\s*(.*)", re.DOTALL
)
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


class JavaScriptAnalyzer:
    """The builtin analyzer for JavaScript, TypeScript and JSX: an `Analyzer` over `jsscan`."""

    name = ANALYZER
    version = VERSION

    def outline(self, lines: list[str], language: str, budget: Budget) -> Outline:
        """The outline of the file `lines`, written in `language`."""
        return outline(lines, language, budget)


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
        ending_at = {comment.end_line: comment for comment in comments}
        jsx_lines = _line_numbers(result.jsx_starts, lines, budget)
        for start, end in _extents(read, starts, budget):
            budget.tick()
            unit = _unit(read, lines, start, end, language, jsx_lines, ending_at, budget)
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
    comments: dict[int, Comment],
    budget: Budget,
) -> Unit | None:
    """The unit on lines `start` to `end`, without its doc comment yet.

    `public` says for now whether the unit carries `export`; `_with_docs`
    settles who is public once every export list has been read. Reading a
    class's or component's parts counts its lines in the budget.
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
    members = _object_members(head, lines, source_lines, start, end, comments, budget, language)
    if members and kind in ("export", "constant"):
        kind = "class"
        reading = reading._replace(names=reading.names or ("default",))
    parameters = _parameters(head) if kind in ("function", "component") else ()
    if kind in ("class", "component") and not members and end - start >= MIN_MEMBER_LINES:
        in_class = reading.kind == "class"
        jsx = language in JSX_LANGUAGES
        members = tuple(_members(lines, source_lines, start, end, in_class, comments, budget, jsx))
    masked = "" if members or kind == "import" else _joined(lines, start, end)
    references: frozenset[str] = frozenset()
    if kind != "import":
        found = _names_used(lines, start, end, members) if members else _names_in(masked)
        found.difference_update(_KEYWORDS, reading.names)
        found.update(reading.references)
        references = frozenset(found)
    argument = _ARGUMENT.search(original[:HEAD_CHARS]) if kind == "code" else None
    effects: tuple[Effect, ...] = ()
    if members:
        effects = tuple(dict.fromkeys(e for member in members for e in member.effects))
    elif kind in ("function", "component", "code"):
        effects = _effects(masked, original, language in JSX_LANGUAGES)
        if kind == "component":
            effects = _with_shown_element(effects, masked, original)
    return Unit(
        kind,
        start,
        end,
        reading.names,
        "",
        references,
        reading.detail,
        reading.exported,
        members,
        argument.group(1) if argument else "",
        parameters,
        effects=effects[:MAX_EFFECTS],
    )


def _names_used(lines: Sequence[_Line], start: int, end: int, members: Sequence[Unit]) -> set[str]:
    """The names a unit's lines use: its parts' (already read), and those of the lines between.

    Each line is read once: the lines a part holds were read for the part.
    """
    found: set[str] = set()
    position = start
    for member in members:
        found.update(name for name in member.references if not name.startswith("."))
        found.update(member.names if not member.names[:1] or member.names[0][:1] != "." else ())
        if member.start > position:
            found.update(_names_in(_joined(lines, position, member.start - 1)))
        position = max(position, member.end + 1)
    if position <= end:
        found.update(_names_in(_joined(lines, position, end)))
    return found


def _names_in(text: str) -> set[str]:
    """The names `text` uses on their own or spread (`_IDENTIFIER`'s matches), in one pass.

    In ASCII text a name on its own starts a run of name characters and
    dots, and a spread one follows three dots inside a run, so one
    translation and one split in C, then each distinct run looked at once,
    find them twice as fast as the pattern, which tries a match at every
    character; it stays for text beyond ASCII, whose letters the table does
    not know.
    """
    if not text.isascii():
        return set(_IDENTIFIER.findall(text))
    found: set[str] = set()
    for run in set(text.translate(_RUNS_APART).split()):
        if "..." in run:
            parts = run.split(".")
            found.update(
                part
                for index, part in enumerate(parts)
                if part[:1] in _NAME_START
                and (index == 0 or (index > 2 and not parts[index - 1] and not parts[index - 2]))
            )
        elif run[0] in _NAME_START:
            found.add(run.partition(".")[0])
    return found


def _joined(lines: Sequence[_Line], start: int, end: int) -> str:
    return "\n".join(line.masked for line in lines[start - 1 : end])


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
    assigned = _ASSIGNED_FUNCTION.match(statement)
    if (
        assigned
        and assigned.group(1) != "exports"
        and _is_function_value(statement[assigned.end() :].lstrip())
    ):
        exported = statement.startswith(("exports.", "module.exports"))
        return _Reading("function", (assigned.group(1),), "", exported)
    commonjs = _COMMONJS_EXPORT.match(statement)
    if commonjs:
        value = statement[commonjs.end() :].lstrip()
        if not commonjs.group(1) and _is_function_value(value):
            return _Reading("function", ("default",), "", True)
        if not commonjs.group(1) and _CLASS.match(value):
            return _Reading("class", ("default",), "", True)
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
    return _Reading("constant", names, _value_shape(value), exported)


_SHAPES = (
    (_STYLE_VALUE, "style"),
    (re.compile(r"\{|new\s+Map\b|Object\.freeze\s*\(\s*\{"), "table"),
    (re.compile(r"\[|new\s+Set\b|Object\.freeze\s*\(\s*\["), "list"),
    (re.compile(r"['\"`]"), "text"),
    (re.compile(r"/[^/*]"), "pattern"),
    (re.compile(r"[-+]?\.?\d"), "number"),
    (re.compile(r"(?:true|false)\b"), "flag"),
)
"""What a constant's value is, from its first characters: what the namer calls it."""


def _value_shape(value: str) -> str:
    """The value's shape: style, table, list, text, pattern, number or flag, else ""."""
    return next((shape for pattern, shape in _SHAPES if pattern.match(value)), "")


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
    unit too, but a lint line is never its description. The comment that
    opens the file, a blank line above the first declaration, is the file's
    doc, not that declaration's. In a file that exports anything, only what
    it exports is public.
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
    file_start = next((number for number, line in enumerate(lines, 1) if line.strip()), 0)
    for unit in units:
        start, summary = unit.start, unit.summary
        line, gap = unit.start - 1, 0
        while line > previous_end and gap <= DOC_GAP_LINES:
            comment = ending_at.get(line)
            if comment is not None and _is_lint(comment):
                start = comment.start_line
                line = comment.start_line - 1
                continue
            if comment is not None and gap and comment.start_line == file_start:
                break
            if comment is not None:
                if unit.kind in ("function", "class", "type", "constant", "component", "code"):
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


DOC_COMMENTS_READ = 32
"""How many of a file's first comments may be its doc comment."""


def _file_doc(comments: Sequence[Comment], units: Sequence[Unit]) -> str:
    """The file's doc comment, if it has one.

    It comes before any code but imports, and is not a licence, a tool
    directive or a note on the imports right below it ("Module dependencies.").
    A comment a declaration took as its doc documents that declaration
    instead, unless a file tag (`@file`, `@fileoverview`, `@module`) says it
    is about the file. Only the first `DOC_COMMENTS_READ` comments are read:
    a file of nothing but comments is not read in full for its doc.
    """
    first_code = next((unit.start for unit in units if unit.kind != "import"), None)
    taken = {unit.start for unit in units if unit.kind != "import"}
    imports = {unit.start for unit in units if unit.kind == "import"}
    for comment in comments[:DOC_COMMENTS_READ]:
        below = range(comment.end_line + 1, comment.end_line + 2 + DOC_GAP_LINES)
        if any(line in imports for line in below) and _ABOUT_IMPORTS.match(_comment_text(comment)):
            continue
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


_THIS_ATTRIBUTE = re.compile(
    r"this(?<![\w$]this)(?:(?<=\.\.\.this)|(?<!\.this))\s*\.\s*(#?[A-Za-z_$][\w$]*)"
)
"""`this.name` (or spread, `...this.name`), not `other.this.name`: the word comes first and
what may stand before it is looked at behind it, so the engine jumps from one `this` to the
next instead of trying a match at every character, fifteen times faster."""
_STATE_HOOK = re.compile(r"(?:React\s*\.\s*)?use(?:State|Reducer|Ref|Context|Signal|Store|Atom)\b")
_HOOK_CALL = re.compile(r"(?:React\s*\.\s*)?(use[A-Z]\w*)\s*(?:<[^()]*>)?\s*\(")
_HANDLER_NAME = re.compile(r"(?:handle|on)[A-Z]")
_LOCAL = re.compile(
    rf"(?:const|let|var|function\*?|async\s+function)\s+({_NAME}|\[[^\]]*\]|\{{[^}}]*\}})"
)
_FIELD = re.compile(
    r"^(?:(?:public|private|protected|static|readonly|declare|override|accessor)\s+)*"
    rf"({_MEMBER_NAME})\s*[?!]?\s*[:=;]"
)
_DECORATOR_LINE = re.compile(rf"^@{_NAME}(?:\.{_NAME})*\s*(?:\(.*\))?\s*$")
"""A line that only decorates what follows (`@property()`), unlike `@query('x') body: El;`,
a decorated field of its own."""
_HANDLER_NAME = re.compile(r"^(?:handle|on)[A-Z]")
_METHOD_KEYWORDS = frozenset(
    "get set static async default delete new of from as type declare".split()
)
"""Keywords a class may still take as a method's name (`async get (args)`): a class body
holds no statements, so none of these followed by `(` can be anything else there."""
_ACCESSOR = re.compile(r"^(?:(?:public|private|protected|static|override)\s+)*(get|set)\s+(?!\()")
_RENDER_HINT = re.compile(
    r"""(?:className|class|id|aria-label|data-testid|role)\s*=\s*\{?\s*['"`]([\w -]{2,60})"""
)
_JSX_TAG_NAME = re.compile(r"<\s*([A-Za-z][\w.]*)")


def _members(
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    start: int,
    end: int,
    in_class: bool,
    comments: dict[int, Comment],
    budget: Budget,
    jsx: bool,
    listed: bool = False,
) -> Iterator[Unit]:
    """The parts of a class or component body: members, state, hooks, handlers, what it renders.

    `listed` says the body is an object literal (`module.exports = {...}`,
    `React.createClass({...})`), whose properties are its members and are
    separated by commas, so a line after one ending in a comma starts one.

    A part starts on a line at the body's bracket depth, where a statement
    may start, and runs to the last code line before the next; a doc comment
    right above a part, or one blank line above it, belongs to it. Each line
    of the unit is looked at a fixed number of times (its depth, its first
    characters), so reading the parts is linear in the unit's size. The
    budget counts the lines as it starts, and its clock is read every
    `LINES_PER_CHECK` lines.
    """
    budget.tick(end - start + 1)
    inner = range(start + 1, end)
    depths = [lines[number - 1].depth for number in inner if lines[number - 1].masked.strip()]
    if not depths:
        return
    body_depth = max(1, min(depths))
    starts = []
    previous = ""
    for number in inner:
        if not number % LINES_PER_CHECK:
            budget.check()
        line = lines[number - 1]
        code = line.masked.strip()
        if not code:
            continue
        if (
            line.depth == body_depth
            and not line.continued
            and not code.startswith(_CONTINUES_LINE)
            and not (
                previous.endswith(_CONTINUED_BY)
                and not previous.endswith("{")
                and not (listed and previous.endswith(","))
            )
            and not _DECORATOR_LINE.match(previous)
        ):
            starts.append(number)
        previous = code if line.depth >= body_depth else ""
    for index, first in enumerate(starts):
        last = (starts[index + 1] if index + 1 < len(starts) else end) - 1
        while last > first and not lines[last - 1].masked.strip():
            last -= 1
        member = _member(lines, source_lines, first, last, in_class, budget, jsx)
        if member is None:
            continue
        if listed:
            member = _object_property(member, lines, source_lines, comments, budget, jsx)
        above = first - 1
        if above - 1 > start and not source_lines[above - 1].strip():
            above -= 1
        comment = comments.get(above)
        if comment is not None and comment.start_line > start and not _is_lint(comment):
            summary = doc_summary(_comment_text(comment))
            member = member._replace(start=comment.start_line, summary=summary)
        yield member


def _object_members(
    head: str,
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    start: int,
    end: int,
    comments: dict[int, Comment],
    budget: Budget,
    language: str,
) -> tuple[Unit, ...]:
    """The properties of an exported object literal, when some are functions: its members,
    as a class's are (`module.exports = { meta: {...}, create(context) {...} }`); else none,
    and the unit is what it was (a list of re-exported names, a table)."""
    if end - start < MIN_MEMBER_LINES or not _OBJECT_LITERAL.match(_without_decorators(head)):
        return ()
    jsx = language in JSX_LANGUAGES
    found = tuple(_members(lines, source_lines, start, end, True, comments, budget, jsx, True))
    return found if any(member.kind in ("method", "render") for member in found) else ()


def _object_property(
    member: Unit,
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    comments: dict[int, Comment],
    budget: Budget,
    jsx: bool,
) -> Unit:
    """A property of an exported object literal, read as a class member: one whose value is a
    function (`create: function (context) {`) is a method, and a method of `OPEN_FUNCTION_LINES`
    or more holds its inner functions and statements as parts, as a component's body does.

    The inner parts are read once more, one level down only (they are not listed), so each
    line is read a fixed number of times."""
    head = _head(lines, member.start, member.end)
    if member.kind == "field" and _PROPERTY_FUNCTION.match(head):
        member = member._replace(kind="method", references=member.references - set(member.names))
    if member.kind not in ("method", "render") or member.end - member.start < OPEN_FUNCTION_LINES:
        return member
    parts = tuple(
        _inner_function(part, lines)
        for part in _members(
            lines, source_lines, member.start, member.end, False, comments, budget, jsx
        )
    )
    return member._replace(members=parts) if len(parts) >= 2 else member


def _inner_function(part: Unit, lines: Sequence[_Line]) -> Unit:
    """A part of a function's body as what it is there: an inner function declared with
    `function` or as an arrow is a function, and what the body returns is its result, not
    markup it renders. Reads the part's head only."""
    if part.kind == "render":
        return part._replace(kind="code", members=(), effects=())
    if part.kind != "code" or not part.names:
        return part
    head = _head(lines, part.start, part.end)
    local = _LOCAL.match(head)
    value = head[local.end() :].lstrip().removeprefix("=").lstrip() if local else ""
    declared = head.startswith(("function", "async function"))
    return part._replace(kind="function") if declared or _is_function_value(value) else part


def _member(
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    start: int,
    end: int,
    in_class: bool,
    budget: Budget,
    jsx: bool,
) -> Unit | None:
    """What one part of a class or component body is, from its first words."""
    head = _without_decorators(_head(lines, start, end))
    masked = "\n".join(line.masked for line in lines[start - 1 : end])
    references = _names_in(masked)
    references.difference_update(_KEYWORDS)
    original = "\n".join(source_lines[start - 1 : end])
    if in_class:
        references.update("." + name for name in _THIS_ATTRIBUTE.findall(masked))
        return _class_member(head, masked, original, start, end, frozenset(references), jsx)
    return _component_part(head, original, lines, source_lines, start, end, references, budget)


def _class_member(
    head: str,
    masked: str,
    original: str,
    start: int,
    end: int,
    references: frozenset[str],
    jsx: bool,
) -> Unit | None:
    accessor = _ACCESSOR.match(head)
    method = _METHOD.match(head)
    if method and (method.group(1) not in _KEYWORDS or method.group(1) in _METHOD_KEYWORDS):
        name = _member_name(method.group(1))
        kind: UnitKind = "render" if name == "render" else "method"
        detail = accessor.group(1) if accessor else ("constructor" if name == "constructor" else "")
        public = not head.startswith(("private", "protected", "#")) and not name.startswith("_")
        if accessor and accessor.group(1) == "get" and _RETURNS_LITERAL.search(original):
            described = _RETURNS_LITERAL.search(original) if name in _DESCRIBING else None
            summary = described.group(2).strip() if described and described.group(2) else ""
            return Unit("field", start, end, ("." + name,), summary, references)
        effects = _effects(masked, original, jsx)
        if kind == "render" and not jsx:
            effects += _template_elements(original)
        elif kind == "render":
            effects = _with_shown_element(effects, masked, original)
        return Unit(
            kind, start, end, ("." + name,), "", references - {"." + name}, detail, public,
            parameters=_parameters(head[method.end() - 1 :]), effects=effects[:MAX_EFFECTS],
        )  # fmt: skip
    field = _FIELD.match(head)
    if field:
        name = _member_name(field.group(1))
        value = head[field.end() :]
        if head[field.end() - 1] == "=" and _is_function_value(value.lstrip()):
            kind = "handler" if _HANDLER_NAME.match(name) else "method"
            return Unit(
                kind, start, end, ("." + name,), "", references - {"." + name}, "",
                not head.startswith(("private", "protected", "#")) and not name.startswith("_"),
                parameters=_parameters(value.lstrip().removeprefix("async").lstrip()),
                effects=_effects(masked, original, jsx),
            )  # fmt: skip
        styled = _STYLE_VALUE.search(value) or name.lower().endswith(("styles", "style", "css"))
        kind = "style" if styled else "field"
        described = _DESCRIBED_AS.match(original) if name in _DESCRIBING else None
        summary = described.group(2).strip() if described else ""
        return Unit(kind, start, end, ("." + name,), summary, references)
    if head.startswith("static") and "{" in head[:8]:
        return Unit("field", start, end, (".static",), "", references)
    return None


_DESCRIBED_AS = re.compile(r"""^[^=]{1,80}=\s*(['"`])([^'"`\n]{3,200})\1""")
"""`static description = 'Manage your authentication tokens'`: a class describing itself
in a string its framework shows (a command's help text) is its documentation."""
_DESCRIBING = frozenset(("description", "summary"))
_RETURNS_LITERAL = re.compile(
    r"""^[^{\n]*\{\s*return\s+(?:(['"`])([^'"`\n]{1,200})\1|[\[\d])[^\n]*\s*\}\s*$"""
)
"""A getter that only returns a literal (`static get name () { return 'bugs' }`): a setting
the class declares, read like a field."""
_CUSTOM_ELEMENT = re.compile(r"<([a-z][a-z0-9]*(?:-[a-z0-9]+)+)[\s>/]")


def _template_elements(original: str) -> tuple[Effect, ...]:
    """The custom elements (`<sl-popup>`) a template string renders, the first three, once each.

    One regular-expression pass over the method's text, bounded by `EFFECT_CHARS`.
    """
    found = dict.fromkeys(_CUSTOM_ELEMENT.findall(original[:EFFECT_CHARS]))
    return tuple(Effect("renders", name) for name in list(found)[:3])


def _member_name(written: str) -> str:
    """`save` for `#save`, `iterator` for `[Symbol.iterator]`: the name a reader calls it by."""
    if written.startswith("["):
        found = re.findall(_NAME, written)
        return found[-1] if found else "computed"
    return written.lstrip("#")


def _component_part(
    head: str,
    original: str,
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    start: int,
    end: int,
    references: set[str],
    budget: Budget,
) -> Unit:
    """State, a hook, a handler, what it renders, or other code of a component's body."""
    local = _LOCAL.match(head)
    names = _declared_names(local.group(1)) if local else ()
    references.difference_update(names)
    value = head[local.end() :] if local else head
    value = value.split("=", 1)[1].lstrip() if local and "=" in value[:200] else value
    hook = _HOOK_CALL.match(value)
    kind: UnitKind = "code"
    detail = hook.group(1) if hook else ""
    if hook and _STATE_HOOK.match(value):
        kind = "state"
    elif names and _HANDLER_NAME.match(names[0]):
        kind = "handler"
    elif hook or head.startswith(("useEffect", "useLayoutEffect")):
        kind = "hook"
        detail = detail or head.split("(", 1)[0]
    elif head.startswith("return") or (head.startswith("if") and re.search(r"\breturn\b", head)):
        kind = "render"
    elif names and (_STYLE_VALUE.search(value) or names[0].lower().endswith(("styles", "classes"))):
        kind = "style"
    members: tuple[Unit, ...] = ()
    if kind == "render":
        detail = _render_hint(source_lines, start, min(end, start + 3))
        members = tuple(_rendered_parts(lines, source_lines, start, end, budget))
    masked = "\n".join(line.masked for line in lines[start - 1 : end])
    return Unit(
        kind, start, end, names, "", frozenset(references), detail, True, members,
        effects=(
            _with_shown_element(_effects(masked, original), masked, original)
            if kind == "render"
            else _effects(masked, original)
        ),
    )  # fmt: skip


def _rendered_parts(
    lines: Sequence[_Line], source_lines: Sequence[str], start: int, end: int, budget: Budget
) -> Iterator[Unit]:
    """The children of the element a `return (...)` renders, each a part a reader jumps to.

    The root element is the first line that opens a tag; its children are the
    lines indented one step further that open a tag or an expression. One
    pass over the return's lines, counted in the budget.
    """
    budget.tick(end - start + 1)
    root = next(
        (n for n in range(start, end + 1) if lines[n - 1].masked.lstrip().startswith("<")), None
    )
    if root is None:
        return
    root_indent = _indent(lines[root - 1].masked)
    child_indent = None
    child_starts = []
    closing = end
    for number in range(root + 1, end + 1):
        if not number % LINES_PER_CHECK:
            budget.check()
        text = lines[number - 1].masked
        code = text.strip()
        if not code:
            continue
        indent = _indent(text)
        if indent <= root_indent:
            closing = number - 1
            break
        if child_indent is None:
            child_indent = indent
        if indent == child_indent and code.startswith(("<", "{")) and not code.startswith("</"):
            child_starts.append(number)
    for index, first in enumerate(child_starts):
        last = (child_starts[index + 1] - 1) if index + 1 < len(child_starts) else closing
        while last > first and not lines[last - 1].masked.strip():
            last -= 1
        if last - first + 1 >= MIN_RENDER_PART_LINES:
            hint = _render_hint(source_lines, first, min(last, first + 3))
            yield Unit("render", first, last, (), "", frozenset(), hint)


_EFFECT = re.compile(
    r"throw\s+new\s+(?P<throws>[A-Z][\w$]*)"
    r"|return\s+(?P<chains>this)\s*[;}\n]"
    r"|(?:emit|\$emit|dispatchEvent|fire|trigger)\s*\(\s*(?:new\s+\w*Event\s*\(\s*)?(?P<emits>['\"`])"
    r"|(?:addEventListener|\.on|\.once)\s*\(\s*(?P<listens>['\"`])"
    r"|(?P<fetches>fetch|axios|\$http|XMLHttpRequest)\b"
    r"|(?:res|reply|response)\s*\.\s*(?P<responds>json|send|status|render|redirect|code)\s*\("
    r"|(?:console\s*\.\s*(?:log|info|table)|process\s*\.\s*std(?:out|err)\s*\.\s*write"
    r"|output)\s*(?P<prints>\()"
    r"|(?:console\s*\.\s*(?:warn|error|debug)|log\s*\.\s*(?:warn|error|info|verbose|silly"
    r"|http|notice))\s*(?P<logs>\()"
    r"|(?P<schedules>setTimeout|setInterval|requestAnimationFrame)\s*\("
    r"|(?P<cancels>clearTimeout|clearInterval|cancelAnimationFrame)\s*\("
    r"|set(?P<sets>[A-Z][\w$]*)\s*\("
    r"|<(?P<renders>[A-Z][\w$.]*)(?=[\s>/])"
    r"|(?:fs|fsp|promises)\s*\.\s*(?P<writes>writeFile|appendFile|mkdir|rm|rmdir|unlink"
    r"|rename|createWriteStream|copyFile)\w*\s*\("
    r"|(?:fs|fsp|promises)\s*\.\s*(?P<reads>readFile|readdir|stat|lstat|createReadStream"
    r"|access|exists)\w*\s*\("
    r"|(?P<runs>spawn|execFile|execSync|fork)\s*\("
    r"|(?P<stores>localStorage|sessionStorage)\b"
    r"|(?P<styles>css|keyframes|injectGlobal)\s*`|(?:makeStyles|StyleSheet\s*\.\s*create)\s*(?P<styled>\()"
    r"|customElements\s*\.\s*define\s*\(\s*(?P<registers>['\"`])"
)
"""What code visibly does, matched on its masked text (strings and comments blanked, the
same length as the source, so a quoted name is read from the source at the same place).
It is tried only where `_EFFECT_START` finds one of its first words (`_starts_word`)."""
_EFFECT_START = any_of(
    (
        "throw", "return", "emit", "$emit", "dispatchEvent", "fire", "trigger",
        "addEventListener", ".on", "fetch", "axios", "$http", "XMLHttpRequest", "res", "reply",
        "console", "process", "output", "log", "set", "clear", "cancel", "requestAnimationFrame",
        "fs", "promises", "spawn", "exec", "fork", "localStorage", "sessionStorage", "css",
        "keyframes", "injectGlobal", "makeStyles", "StyleSheet", "customElements",
    ),
    "<[A-Z]",
)  # fmt: skip
"""Where an `_EFFECT` may start: literals (and an element's `<`), which the regular
expression engine scans for quickly; `_EFFECT` is then tried only there."""
EFFECT_CHARS = 20_000
"""How much of a unit is searched for effects: what it does shows early."""
_MESSAGE = re.compile(r"""\s*\(\s*(['"`])([A-Z][^'"`\n$<>\\]{2,60})\1""")
"""The message an error is thrown with, when it starts with a literal: it names the condition."""
_QUOTED = re.compile(r"""['"`]([\w:.\-/ ]{1,60})['"`]""")


def _starts_word(text: str, start: int) -> bool:
    """Whether `text[start]` begins a name (or a `.member`, or an element's `<`)."""
    if start == 0 or text[start] == ".":
        return True
    before = text[start - 1]
    if text[start] == "<":
        return not (before.isalnum() or before in "_$.)]")
    return not (before.isalnum() or before in "_$")


def _effects(masked: str, original: str, jsx: bool = True) -> tuple[Effect, ...]:
    """What a unit's code visibly does, in the order found: one pass over its text.

    Event names (what is emitted, listened for or registered) are read from
    the source text where the masked text has its quote. Without JSX, no
    `<Name` is an element: it is a type argument.
    """
    found: dict[Effect, None] = {}
    resume = 0
    for start in _EFFECT_START.finditer(masked, 0, min(len(masked), EFFECT_CHARS)):
        if start.start() < resume or not _starts_word(masked, start.start()):
            continue
        match = _EFFECT.match(masked, start.start())
        if match is None:
            continue
        resume = match.end()
        verb = match.lastgroup or ""
        what = match.group(verb)
        verb = "styles" if verb == "styled" else verb
        if verb == "renders" and not jsx:
            continue
        if verb in ("emits", "listens", "registers"):
            quoted = _QUOTED.match(original, match.start(verb))
            if quoted is None:
                continue
            what = quoted.group(1)
        elif verb == "throws":
            message = _MESSAGE.match(original, match.end())
            what = f"{what}: {message.group(2).strip(' :,.')}" if message else what
        elif verb not in ("sets", "renders"):
            what = ""
        elif verb == "sets":
            what = what[:1].lower() + what[1:]
        found.setdefault(Effect(verb, what))
        if len(found) >= MAX_EFFECTS:
            break
    return tuple(found)


_RETURNED = re.compile(r"(?:\breturn|=>)\s*\(?\s*<(?P<tag>[A-Za-z][\w.-]*)?")
"""JSX a render returns, at its first element: `return (<button`, `=> <ul`."""
SHOWN_ELEMENTS = frozenset(
    "button form ul ol table input textarea select dialog nav img a label video audio".split()
)
"""The intrinsic elements a user sees as one thing: what a render's root says it shows."""
_LISTS = frozenset(("ul", "ol", "table", "select"))
_TITLED_BY_CHILD = frozenset(("button", "a", "label"))
"""Elements whose first child is their own text; a form's or a list's is a child's."""
EARLY_RETURNS = 3
"""Self-closed components returned before the root (a spinner, an empty state) passed over."""
OPENING_TAG_CHARS = 1_000
"""How far an element's opening tag is read for its end: attributes are short."""
CHILD_CHARS = 300
"""How far past an opening tag its visible text or mapped array is looked for."""
_WIRED = re.compile(r"\bon[A-Z]\w*=\{\s*(?:this\s*\.\s*)?(?:props\s*\.\s*)?([\w$]+)\s*\}")
_LABELLED = re.compile(r"""\b(?:aria-label|title|alt|placeholder)=(['"])([^'"\n{}<>]{1,60})\1""")
_MESSAGE_TEXT = re.compile(r"""\bdefaultMessage=\{?\s*(['"])([^'"\n{}<>]{1,60})\1""")
_MAPPED = re.compile(r"([\w$]+)\s*\.\s*map\s*\(")


def _shown_element(masked: str, original: str) -> tuple[Effect, ...]:
    """The intrinsic element a render returns and its visible text: ("shows", "button:onClick")
    and ("says", "Load more"); for a list, what it lists ("shows", "ul:cards").

    The root is the first returned element, passing over at most `EARLY_RETURNS` lone
    components (`if (loading) return <Spinner />`); a component, a `div` or a fragment shows
    nothing in itself, so nothing is said. Bounded: one forward `_RETURNED` search over the
    first `EFFECT_CHARS` characters, stopped after `EARLY_RETURNS + 1` matches, each reading
    at most `OPENING_TAG_CHARS` of its tag; then `CHILD_CHARS` after the root's tag, once.
    """
    tag, opened = "", 0
    returns = _RETURNED.finditer(masked, 0, min(len(masked), EFFECT_CHARS))
    for match, _ in zip(returns, range(EARLY_RETURNS + 1), strict=False):
        name = match.group("tag") or ""
        if name[:1].isupper() and masked[_opening_tag_end(masked, match.end()) - 1] == "/":
            continue
        tag, opened = name, match.end()
        break
    if tag not in SHOWN_ELEMENTS:
        return ()
    closed = _opening_tag_end(masked, opened)
    attributes = original[opened:closed]
    after = original[closed + 1 : closed + 1 + CHILD_CHARS]
    wired = _MAPPED.search(masked, closed, closed + CHILD_CHARS) if tag in _LISTS else None
    wired = wired or _WIRED.search(attributes)
    shown = Effect("shows", f"{tag}:{wired.group(1)}" if wired else tag)
    has_children = closed < len(masked) and masked[closed] == ">" and masked[closed - 1] != "/"
    has_children = has_children and tag in _TITLED_BY_CHILD
    literal = after.split("<", 1)[0].split("{", 1)[0].strip() if has_children else ""
    first_child = after[: after.find("<", after.find("<") + 1)] if has_children else ""
    text = _LABELLED.search(attributes) or _MESSAGE_TEXT.search(first_child)
    said = literal if 1 < len(literal) <= 60 else (text.group(2).strip() if text else "")
    return (shown, Effect("says", said)) if said else (shown,)


def _opening_tag_end(masked: str, start: int) -> int:
    """Where the opening tag begun before `start` closes (its `>`), outside the `{...}` of its
    attributes; at most `OPENING_TAG_CHARS` read."""
    depth = 0
    for index in range(start, min(len(masked), start + OPENING_TAG_CHARS)):
        char = masked[index]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == ">" and depth <= 0:
            return index
    return min(len(masked), start + OPENING_TAG_CHARS)


def _with_shown_element(
    effects: tuple[Effect, ...], masked: str, original: str
) -> tuple[Effect, ...]:
    """`effects`, in their order, and then what the render shows, kept within `MAX_EFFECTS`."""
    shown = _shown_element(masked, original)
    return effects[: MAX_EFFECTS - len(shown)] + shown if shown else effects[:MAX_EFFECTS]


_PARAMETER = re.compile(rf"(?:\.\.\.)?({_NAME})")


def _parameters(head: str) -> tuple[str, ...]:
    """The names in the first parameter list of a head (bounded), destructured props included.

    `({ items, onSelect }: Props)` gives items and onSelect; types and
    defaults are left out. One pass over the list's characters.
    """
    opening = head.find("(")
    if opening < 0:
        return ()
    close = _matching(head, opening, "(", ")")
    if close is None:
        return ()
    names = []
    depth = 0
    expecting = True
    for index in range(opening + 1, close):
        char = head[index]
        if char in "{[(<":
            depth += 1
            expecting = char in "{["
        elif char in "}])>":
            depth -= 1
        elif char == ",":
            expecting = True
        elif char in ":=":
            expecting = False
        elif expecting and (char.isalpha() or char in "_$."):
            found = _PARAMETER.match(head, index)
            if found and found.group(1) not in _KEYWORDS:
                names.append(found.group(1))
            expecting = False
    return tuple(names[:8])


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _render_hint(source_lines: Sequence[str], start: int, end: int) -> str:
    """What a rendered element is called: its class, id or label, else its tag."""
    text = "\n".join(line[:HEAD_CHARS] for line in source_lines[start - 1 : end])
    named = _RENDER_HINT.search(text)
    if named:
        return named.group(1).strip()
    tag = _JSX_TAG_NAME.search(text)
    return tag.group(1) if tag else ""
