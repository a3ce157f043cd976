"""Analysis of JavaScript, TypeScript and their JSX dialects.

`jsscan` blanks strings, comments, regular expressions and JSX text, so what
is left can be read line by line: a top-level unit starts on a line at brace
depth 0 whose code begins in column 0, and runs to the next one. Each unit is
then classified by its first words (import, function, class, type, ...).
When braces do not balance, declaration keywords in column 0 still start
units, so a broken file keeps the blocks that can be found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from iris.analysis.blocks import build_blocks
from iris.analysis.describe import describe_file, list_names, summarize
from iris.analysis.jsscan import Comment, scan
from iris.analysis.model import Analysis, Unit, UnitKind

ANALYZER = "iris-javascript"
VERSION = "1.0"
LANGUAGE_NAMES = {
    "javascript": "JavaScript",
    "javascriptreact": "JavaScript (React)",
    "typescript": "TypeScript",
    "typescriptreact": "TypeScript (React)",
}
JSX_LANGUAGES = {"javascript", "javascriptreact", "typescriptreact"}

_NAME = r"[A-Za-z_$][\w$]*"
_CONTINUES_LINE = tuple(".,)]}?:+-*/%&|^=<>")
_CONTINUED_BY = tuple(",=([{+-*/%&|^?:.<>")
_DECLARATION_START = re.compile(
    r"(?:export|import|function|async\s+function|class|abstract\s+class|const|let|var|"
    r"interface|type\s|enum|namespace|declare|@)"
)
_NOT_BRACKET = re.compile(r"[^{}()\[\]\n]+")
_AS_PARENTHESES = str.maketrans("{[]}", "(())")
_IDENTIFIER = re.compile(rf"(?<![\w$])(?:(?<=\.\.\.)|(?<!\.)){_NAME}")
"""A name used on its own (or spread), not as a property after a dot."""
_MODULE_SOURCE = re.compile(r"""(?:\bfrom\s*|\bimport\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]""")
_EXPORT_LIST = re.compile(r"export\s+(?:type\s+)?(?:\*|\{([^}]*)\})")
_EXPORT_DEFAULT_VALUE = re.compile(
    rf"export\s+default\s+(?!(?:async\s+)?function\b|(?:abstract\s+)?class\b)({_NAME})?"
)
_FUNCTION = re.compile(
    rf"(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:async\s+)?function\b\s*\*?\s*({_NAME})?"
)
_CLASS = re.compile(
    rf"(?:export\s+(?:default\s+)?)?(?:declare\s+)?(?:abstract\s+)?class\b\s*({_NAME})?"
    rf"(?:\s*<[^{{]*?>)?(?:\s+extends\s+({_NAME}(?:\.{_NAME})*))?"
)
_TYPE = re.compile(
    rf"(?:export\s+(?:default\s+)?)?(?:declare\s+)?"
    rf"(?:interface\s+({_NAME})|type\s+({_NAME})\s*[=<]|(?:const\s+)?enum\s+({_NAME})"
    rf"|(?:namespace|module)\s+({_NAME}(?:\.{_NAME})*)|global\b)"
)
_DECLARE = re.compile(
    rf"(?:export\s+)?declare\s+(?:(?:const|let|var|function|abstract\s+class|class|const\s+enum|"
    rf"enum|interface|type|namespace|module)\s+)?({_NAME}(?:\.{_NAME})*|['\"]([^'\"]*)['\"])?"
)
_DECORATOR = re.compile(r"@[\w$.]*\s*")
_VARIABLE = re.compile(
    rf"(?:export\s+)?(?:declare\s+)?(?:const|let|var)\s+({_NAME}|\{{[^}}]*\}}|\[[^\]]*\])"
    rf"\s*(?::[^=]+)?(=\s*(.*))?",
    re.DOTALL,
)
_FUNCTION_VALUE = re.compile(
    rf"(?:async\s+)?(?:function\b|(?:<[^>]*>\s*)?\([^)]*\)\s*(?::[^=]*)?=>|{_NAME}\s*=>)"
)
_COMMONJS_EXPORT = re.compile(r"(?:module\.exports|exports\.[\w$]+)\s*=")
_DIRECTIVE = re.compile(r"""['"][ ]*['"];?\s*$""")
_METHOD = re.compile(
    r"^\s*(?:(?:public|private|protected|static|async|get|set|override|readonly|abstract)\s+)*"
    rf"\*?\s*(#?{_NAME})\s*(?:<[^>]*>)?\s*\("
)
_FILE_TAGS = ("@file", "@fileoverview", "@overview", "@module")
_JSDOC_TAG = re.compile(r"^@(?:file|fileoverview|overview|module)\b\s*(.*)", re.DOTALL)
_LICENSE = re.compile(r"copyright|licen[cs]e|spdx", re.IGNORECASE)
_KEYWORDS = frozenset(
    """abstract as async await break case catch class const continue debugger declare
    default delete do else enum export extends false finally for from function get if
    implements import in instanceof interface let new null of package private protected
    public readonly return set static super switch this throw true try type typeof
    undefined var void while with yield""".split()
)


@dataclass
class _Line:
    depth: int
    masked: str


def analyze(source: str, language: str) -> Analysis:
    """Cut `source` into units and describe it."""
    result = scan(source, jsx=language in JSX_LANGUAGES)
    source_lines = source.split("\n")
    line_count = len(source_lines) - (1 if source.endswith("\n") else 0)
    lines, unbalanced = _depths(result.masked)
    problems = result.problems + unbalanced
    starts = _unit_starts(lines, recovering=bool(problems))
    comments = _comment_blocks(result.comments)
    docs = {comment.end_line: comment for comment in comments}
    units = [_unit(lines, source_lines, docs, start, end) for start, end in _extents(lines, starts)]
    units = [unit for unit in units if unit is not None]
    intent_text = _file_doc(comments, units)
    name = LANGUAGE_NAMES[language]
    intent = summarize(intent_text) if intent_text else describe_file(name, units)
    problem = f"The file did not parse cleanly: {'; '.join(problems)}." if problems else None
    return Analysis(intent, build_blocks(units, source_lines), line_count, problem)


def _depths(masked: str) -> tuple[list[_Line], list[str]]:
    """Each line's bracket depth at its start, and what does not balance.

    The masked text has no strings or comments left, so every bracket in it is
    code. They are reduced to `(` and `)` first, so each line costs one count.
    """
    brackets = _NOT_BRACKET.sub("", masked).translate(_AS_PARENTHESES).split("\n")
    lines = []
    problems = []
    depth = 0
    opened_at = None
    for number, (text, line_brackets) in enumerate(
        zip(masked.split("\n"), brackets, strict=True), 1
    ):
        lines.append(_Line(depth, text))
        if depth == 0 and line_brackets.startswith("("):
            opened_at = number
        depth += 2 * line_brackets.count("(") - len(line_brackets)
        if depth < 0:
            problems.append(f"an unmatched closing bracket on line {number}")
            depth = 0
    if depth:
        problems.append(f"a bracket opened on line {opened_at} is never closed")
    return lines, problems


def _unit_starts(lines: Sequence[_Line], recovering: bool = False) -> list[int]:
    """Lines (1-based) where a top-level unit begins.

    While recovering from unbalanced brackets or an unterminated string, a
    declaration keyword in column 0 starts a unit whatever came before it.
    """
    starts = []
    previous = ""
    for number, line in enumerate(lines, start=1):
        text = line.masked
        stripped = text.rstrip()
        if not stripped:
            continue
        if (recovering and _DECLARATION_START.match(text)) or (
            line.depth == 0
            and not text[0].isspace()
            and not text.startswith(_CONTINUES_LINE)
            and not previous.endswith(_CONTINUED_BY)
        ):
            starts.append(number)
        previous = stripped
    return starts


def _extents(lines: Sequence[_Line], starts: Sequence[int]) -> list[tuple[int, int]]:
    """(first, last) line of each unit; decorators join the declaration below them."""
    extents = []
    for index, start in enumerate(starts):
        if index and lines[starts[index - 1] - 1].masked.startswith("@"):
            start = extents.pop()[0]
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(lines)
        while end > start and not lines[end - 1].masked.strip():
            end -= 1
        extents.append((start, end))
    return extents


def _comment_blocks(comments: Sequence[Comment]) -> list[Comment]:
    """Standalone comments, with runs of `//` lines joined into one."""
    blocks: list[Comment] = []
    for comment in comments:
        if not comment.standalone:
            continue
        previous = blocks[-1] if blocks else None
        if (
            previous
            and comment.text.startswith("//")
            and previous.text.startswith("//")
            and comment.start_line == previous.end_line + 1
        ):
            blocks[-1] = Comment(
                previous.start_line, comment.end_line, f"{previous.text}\n{comment.text}", True
            )
        else:
            blocks.append(comment)
    return blocks


def _comment_text(comment: Comment) -> str:
    """A comment's prose: markers and JSDoc tags gone, a file tag's text kept."""
    text = comment.text
    if text.startswith("/*"):
        text = text[2:-2] if text.endswith("*/") else text[2:]
        text = text.lstrip("*")
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


def _unit(
    lines: Sequence[_Line],
    source_lines: Sequence[str],
    docs: dict[int, Comment],
    start: int,
    end: int,
) -> Unit | None:
    """The unit on lines `start` to `end`, its doc comment (the one ending just above) included."""
    head = " ".join(
        " ".join(line.masked for line in lines[start - 1 : min(end, start + 4)]).split()
    )
    if _DIRECTIVE.match(head):
        return None
    original = "\n".join(source_lines[start - 1 : end])
    kind, names, summary = _classify(head, original, lines, start, end)
    doc = docs.get(start - 1)
    if doc is not None and kind in ("function", "class", "type", "constant"):
        start = doc.start_line
        summary = summarize(_comment_text(doc)) or summary
    references: frozenset[str] = frozenset()
    if kind == "function":
        masked = "\n".join(line.masked for line in lines[start - 1 : end])
        references = frozenset(_IDENTIFIER.findall(masked)) - _KEYWORDS - set(names)
    return Unit(kind, start, end, names, summary, references)


def _classify(
    head: str, original: str, lines: Sequence[_Line], start: int, end: int
) -> tuple[UnitKind, tuple[str, ...], str]:
    """The unit's kind, the names it defines, and a fallback summary.

    `head` is the unit's code on one line with strings blanked, so names of
    modules come from `original`, the unit's source text.
    """
    statement = _without_decorators(head)
    if re.match(r"import\b(?!\s*[(.])", statement):
        return "import", tuple(_MODULE_SOURCE.findall(original)[:1]), ""
    declared = _DECLARE.match(statement)
    if declared:
        quoted = re.search(r"""declare\s+module\s+['"]([^'"]*)['"]""", original)
        name = quoted.group(1) if quoted else declared.group(1)
        return "type", (name or "global",), ""
    export_list = _EXPORT_LIST.match(statement)
    if export_list:
        listed = export_list.group(1) or ""
        names = [part.split(" as ")[-1].strip() for part in listed.split(",") if part.strip()]
        return "export", tuple(names or _MODULE_SOURCE.findall(original)[:1] or ["*"]), ""
    default_value = _EXPORT_DEFAULT_VALUE.match(statement)
    if default_value:
        return "export", (default_value.group(1) or "default",), ""
    function = _FUNCTION.match(statement)
    if function:
        return "function", (function.group(1) or "default",), ""
    declared_class = _CLASS.match(statement)
    if declared_class:
        return "class", *_class_text(declared_class, lines, start, end)
    declared_type = _TYPE.match(statement)
    if declared_type:
        return "type", (next((g for g in declared_type.groups() if g), "global"),), ""
    variable = _VARIABLE.match(statement)
    if variable:
        kind = _variable_kind(variable)
        if kind == "import":
            return kind, tuple(_MODULE_SOURCE.findall(original)[:1]), ""
        return kind, _declared_names(variable.group(1)), ""
    if _COMMONJS_EXPORT.match(statement):
        return "export", ("module.exports",), ""
    return "code", (), ""


def _without_decorators(head: str) -> str:
    """The declaration after any `@decorator(...)` lines in front of it."""
    while head.startswith("@"):
        position = _DECORATOR.match(head).end()
        if head.startswith("(", position):
            depth = 0
            for index in range(position, len(head)):
                depth += {"(": 1, ")": -1}.get(head[index], 0)
                if depth == 0:
                    position = index + 1
                    break
            else:
                return head
        head = head[position:].lstrip()
    return head


def _class_text(
    match: re.Match[str], lines: Sequence[_Line], start: int, end: int
) -> tuple[tuple[str, ...], str]:
    name = match.group(1) or "default"
    methods = [
        method.group(1)
        for line in lines[start:end]
        if line.depth == 1
        and (method := _METHOD.match(line.masked))
        and method.group(1) not in _KEYWORDS
    ]
    text = f"Defines the class {name}"
    if match.group(2):
        text += f", extending {match.group(2)}"
    if methods:
        text += f", with the methods {list_names(methods)}"
    return (name,), text + "."


def _variable_kind(variable: re.Match[str]) -> UnitKind:
    value = (variable.group(3) or "").lstrip()
    if value.startswith("require"):
        return "import"
    return "function" if _FUNCTION_VALUE.match(value) else "constant"


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


def _file_doc(comments: Sequence[Comment], units: Sequence[Unit]) -> str:
    """The leading doc comment, if the file has one.

    It must come before any code and not be a licence. A comment directly above
    a declaration documents that declaration instead, unless a file tag
    (`@file`, `@fileoverview`, `@module`) says it is about the file.
    """
    first_code = units[0].start if units else None
    for comment in comments:
        if first_code is not None and comment.start_line >= first_code:
            break
        text = _comment_text(comment)
        if not text or _LICENSE.search(text):
            continue
        tagged = any(tag in comment.text for tag in _FILE_TAGS)
        documents_next = any(
            unit.start == comment.start_line and unit.kind != "import" for unit in units
        )
        if tagged or not documents_next:
            return text
    return ""
