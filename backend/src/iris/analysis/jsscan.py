"""A scanner for the JavaScript family that blanks out everything that is not code.

Strings, template text, comments, regular-expression literals and JSX text can
hold any character, braces and quotes included, so no line-level reading of a
file is safe until they are gone. `scan` returns the source with each of them
replaced by spaces (newlines kept, so every line and column stays where it was),
the comments it removed, and what it found unbalanced or unterminated.

It is a scanner, not a parser: it tracks only what decides where those regions
begin and end (quote and comment delimiters, the braces of `${...}` and JSX
`{...}`, and whether a `/` or `<` stands where an expression may start).
Each step matches a whole region with one regular expression, so it runs at
regex speed over long files.

Why it is linear in the size of the source, whatever the source holds:

- every step moves forward, matching with patterns that are anchored at the
  current position and atomic (`(?>...)`), so no match backtracks into itself;
- a `<` read as the start of a JSX element may turn out to be a comparison;
  the scanner then steps back, but only while it is still inside that tag's
  first `ABORT_WINDOW` characters and has opened nothing inside it, and never
  for the same `<` twice, so each character is rescanned a bounded number of
  times (a nested `<a{<a{...};};` once doubled the work at every level);
- a `/` that fails to read as a regular expression rules out regular
  expressions for the rest of its line, so `/[` repeated is one pass, not one
  scan to the end of the line per `/`;
- what looks back (is the word before this `/` a keyword?) looks at most
  a keyword's length back, and line numbers are counted forward (`LineCounter`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from iris.analysis.budget import Budget, OutOfTime
from iris.analysis.source import LineCounter, blank

_CODE_RUNS = {
    (False, False): re.compile(r"[^\"'`/]+"),
    (False, True): re.compile(r"[^\"'`/{}]+"),
    (True, False): re.compile(r"[^\"'`/<]+"),
    (True, True): re.compile(r"[^\"'`/{}<]+"),
}
"""Plain code up to the next character that may change mode, by (JSX on, nested frame).

Braces matter only inside `${...}` and JSX `{...}`, where the closing one ends
the frame; at the top level they are plain code and brackets are counted later.
"""
_STRINGS = {
    "'": re.compile(r"'(?:[^'\\\n]++|\\[\s\S])*+(')?"),
    '"': re.compile(r'"(?:[^"\\\n]++|\\[\s\S])*+(")?'),
}
"""A string up to its closing quote, or to its line's end when it has none (no group 1)."""
_REST_OF_LINE = re.compile(r"[^\n]*")
_LINE_COMMENTS = re.compile(r"//[^\n]*+(?:\n[ \t]*+//[^\n]*+)*+")
"""A `//` comment and the `//` lines right below it: one comment, as a reader sees it."""
_BLOCK_COMMENT_END = re.compile(r"\*/")
_REGEX_LITERAL = re.compile(r"/(?![*/])(?>[^/\\\[\n]+|\\.|\[(?>[^\]\\\n]+|\\.)*\])+/[A-Za-z]*")
_TEMPLATE_TEXT = re.compile(r"(?>[^`\\$]+|\\[\s\S]|\$(?!\{))*")
_BLANK_TO_LINE_END = re.compile(r"[ \t]*(?:\n|$)")
MAX_PROBLEMS = 20
ABORT_WINDOW = 256
"""How far into a would-be JSX tag the scanner may still decide it was a comparison."""
_KEYWORD_LENGTH = 10
"""The longest word after which an expression may start (`instanceof`)."""
_JSX_TEXT = re.compile(r"[^{<]*")
_JSX_NAME = re.compile(r"[A-Za-z_$][\w$.:-]*")
_JSX_CLOSING = re.compile(r"</\s*[A-Za-z_$]?[\w$.:-]*\s*>")
_JSX_START = re.compile(r"<(?:>|[A-Za-z_$])")
_TS_GENERIC = re.compile(r"<\s*[A-Za-z_$][\w$]*\s*(?:,|extends\b)")
_SPACE = re.compile(r"\s+")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$")
_BEFORE_EXPRESSION = frozenset(
    """return typeof instanceof in of new delete void throw case do else yield await""".split()
)
_ENDS_OPERAND = frozenset(")]\"'`")

CODE, TEMPLATE, JSX_TAG, JSX_CHILDREN = "code", "template", "jsx-tag", "jsx-children"


class Comment(NamedTuple):
    start_line: int
    end_line: int
    text: str
    standalone: bool
    """Nothing but the comment on its lines, so it may document what follows."""


@dataclass
class Scan:
    masked: str
    comments: list[Comment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0
    nested: list[tuple[int, int]] = field(default_factory=list)
    """Offsets of each template literal or JSX element entered from top-level code.

    A line that starts inside one (a styled-components body or a closing
    backtick in column 0) continues the statement above it.
    """
    jsx_starts: list[int] = field(default_factory=list)
    """Offsets where a JSX element starts: what marks a function as a component."""
    finished: bool = True


@dataclass
class _Frame:
    kind: str
    braces: int = 0
    abort_to: tuple[int, int, int, int] | None = None


def scan(source: str, jsx: bool, budget: Budget | None = None) -> Scan:
    """Blank out the non-code regions of `source`; `jsx` turns on JSX element reading.

    When `budget` runs out, the rest of the source becomes empty lines (only
    its line breaks are kept, counted at C speed: nothing will read it) and
    `finished` is False.
    """
    return _Scanner(source, jsx, budget or Budget(None)).run()


class _Scanner:
    def __init__(self, source: str, jsx: bool, budget: Budget) -> None:
        self.source = source
        self.jsx = jsx
        self.budget = budget
        self.position = 0
        self.output: list[str] = []
        self.stack = [_Frame(CODE)]
        self.operand_end = 0
        self.result = Scan("")
        self.lines = LineCounter(source)
        self.not_jsx: set[int] = set()
        self.code_runs = (_CODE_RUNS[jsx, False], _CODE_RUNS[jsx, True])
        self.content_end = 0
        self.no_regex_before = 0
        self.nested_from = 0

    def run(self) -> Scan:
        if self.source.startswith("#!"):
            self._comment(_match(_REST_OF_LINE, self.source).end())
        steps = {
            CODE: self._code,
            TEMPLATE: self._template,
            JSX_TAG: self._jsx_tag,
            JSX_CHILDREN: self._jsx_children,
        }
        length = len(self.source)
        tick = self.budget.tick
        try:
            while self.position < length:
                tick()
                depth = len(self.stack)
                steps[self.stack[-1].kind]()
                if depth == 1 and len(self.stack) > 1:
                    self.nested_from = self.position - 1
                elif depth > 1 and len(self.stack) == 1:
                    self.result.nested.append((self.nested_from, self.position))
        except OutOfTime:
            self.result.finished = False
            self.output.append("\n" * self.source.count("\n", self.position))
            return self._done()
        if len(self.stack) > 1:
            self.result.nested.append((self.nested_from, length))
        if len(self.stack) > 1:
            self._problem(f"an unterminated {self.stack[-1].kind.replace('-', ' ')}", None)
        return self._done()

    def _problem(self, what: str, position: int | None) -> None:
        """Word the first few problems, with their lines; only count the rest.

        A file of a million unterminated strings then costs a count each.
        """
        if len(self.result.problems) >= MAX_PROBLEMS:
            self.result.more_problems += 1
            return
        where = "" if position is None else f" on line {self._line(position)}"
        self.result.problems.append(what + where)

    def _done(self) -> Scan:
        self.result.masked = "".join(self.output)
        return self.result

    # Code, the default mode, also inside `${...}` and JSX `{...}`.

    def _code(self) -> None:
        """A run of plain code, then the character that ends it, in one step."""
        source, position = self.source, self.position
        run = self.code_runs[len(self.stack) > 1].match(source, position)
        if run:
            text = run.group()
            self.output.append(text)
            kept = len(text.rstrip())
            if kept:
                self.operand_end = position + kept
            position = self.position = run.end()
            if position >= len(source):
                return
        char = source[position]
        if char in _STRINGS:
            self._string(char)
        elif char == "`":
            self._emit_code("`", position + 1)
            self.stack.append(_Frame(TEMPLATE))
        elif char == "/":
            self._slash()
        elif char == "{":
            self.stack[-1].braces += 1
            self._emit_code("{", position + 1)
        elif char == "}":
            self._close_brace()
        else:
            self._angle_bracket()

    def _string(self, quote: str) -> None:
        match = _match(_STRINGS[quote], self.source, self.position)
        if match.group(1) is None:
            self._problem("an unterminated string", self.position)
            self.output.append(blank(match.group()))
            self.position = match.end()
            return
        self._emit_delimited(match.end())

    def _slash(self) -> None:
        source, position = self.source, self.position
        following = source[position + 1 : position + 2]
        if following == "/":
            self._comment(_match(_LINE_COMMENTS, source, position).end())
        elif following == "*":
            end = _BLOCK_COMMENT_END.search(source, position + 2)
            if end is None:
                self._problem("an unterminated comment", position)
            self._comment(end.end() if end else len(source))
        else:
            literal = None
            if position >= self.no_regex_before and self._expression_expected():
                literal = _REGEX_LITERAL.match(source, position)
                if literal is None:
                    line_end = source.find("\n", position)
                    self.no_regex_before = len(source) if line_end < 0 else line_end
                    self.budget.tick(self.no_regex_before - position)
            if literal:
                closing = position + literal.group().rfind("/") + 1
                self._emit_delimited(closing)
                self._emit_code(source[closing : literal.end()], literal.end())
            else:
                self._emit_code("/", position + 1)

    def _close_brace(self) -> None:
        """Inside `${...}` or JSX `{...}`: one level less, or back to what opened it."""
        frame = self.stack[-1]
        if frame.braces:
            frame.braces -= 1
        else:
            self.stack.pop()
        self._emit_code("}", self.position + 1)

    def _angle_bracket(self) -> None:
        """`<` opens a JSX element where an expression may start; elsewhere it compares."""
        source, position = self.source, self.position
        if (
            position not in self.not_jsx
            and self._expression_expected()
            and _JSX_START.match(source, position)
            and not _TS_GENERIC.match(source, position)
        ):
            snapshot = (position, len(self.output), self.operand_end, len(self.stack))
            self.result.jsx_starts.append(position)
            self.output.append("<")
            self.position = position + 1
            self.stack.append(_Frame(JSX_TAG, abort_to=snapshot))
            self._jsx_tag_name()
        else:
            self._emit_code("<", position + 1)

    # Template literals.

    def _template(self) -> None:
        text = _match(_TEMPLATE_TEXT, self.source, self.position)
        self.output.append(blank(text.group()))
        self.position = text.end()
        if self.source.startswith("${", self.position):
            self.output.append("${")
            self.position += 2
            self.stack.append(_Frame(CODE))
        elif self.position < len(self.source):
            self.stack.pop()
            self._emit_code("`", self.position + 1)

    # JSX.

    def _jsx_tag_name(self) -> None:
        """The element's name, and its type arguments in TSX (`<Select<Option | false>`)."""
        name = _JSX_NAME.match(self.source, self.position)
        if name:
            self.output.append(name.group())
            self.position = name.end()
            if self.source.startswith("<", self.position):
                end = _type_arguments_end(self.source, self.position)
                if end is not None:
                    self.output.append(self.source[self.position : end])
                    self.position = end

    def _jsx_tag(self) -> None:
        """One piece of an opening tag: space, an attribute, a value, or the tag's end."""
        source, position = self.source, self.position
        char = source[position]
        frame = self.stack[-1]
        if char.isspace():
            end = _match(_SPACE, source, position).end()
            self.output.append(source[position:end])
            self.position = end
        elif char in "\"'":
            end = source.find(char, position + 1)
            end = len(source) if end < 0 else end + 1
            self.output.append(char + blank(source[position + 1 : end - 1]) + source[end - 1 : end])
            self.position = end
            frame.abort_to = None
        elif char == "{":
            self.output.append("{")
            self.position = position + 1
            frame.abort_to = None
            self.stack.append(_Frame(CODE))
        elif source.startswith("/>", position):
            self.output.append("/>")
            self.position = position + 2
            self._element_done()
        elif char == ">":
            self.output.append(">")
            self.position = position + 1
            self.stack[-1] = _Frame(JSX_CHILDREN, abort_to=None)
        elif char == "=" or _JSX_NAME.match(source, position):
            match = _JSX_NAME.match(source, position)
            end = match.end() if match else position + 1
            self.output.append(source[position:end])
            self.position = end
        elif frame.abort_to is not None and position - frame.abort_to[0] <= ABORT_WINDOW:
            self._abort_jsx(frame.abort_to)
        else:
            self.output.append(char)
            self.position = position + 1

    def _jsx_children(self) -> None:
        source = self.source
        text = _match(_JSX_TEXT, source, self.position)
        self.output.append(blank(text.group()))
        self.position = text.end()
        if self.position >= len(source):
            return
        if source[self.position] == "{":
            self.output.append("{")
            self.position += 1
            self.stack.append(_Frame(CODE))
            return
        closing = _JSX_CLOSING.match(source, self.position)
        if closing:
            self.output.append(closing.group())
            self.position = closing.end()
            self._element_done()
            return
        self.result.jsx_starts.append(self.position)
        self.output.append("<")
        self.position += 1
        self.stack.append(_Frame(JSX_TAG))
        self._jsx_tag_name()

    def _element_done(self) -> None:
        """An element ended: back to its parent's children, or to code as a finished operand."""
        self.stack.pop()
        if self.stack[-1].kind == CODE:
            self.operand_end = self.position

    def _abort_jsx(self, snapshot: tuple[int, int, int, int]) -> None:
        """Not JSX after all (a TSX generic, a comparison): undo and read `<` as an operator."""
        position, output_length, operand_end, stack_depth = snapshot
        self.budget.tick(self.position - position)
        self.not_jsx.add(position)
        del self.result.jsx_starts[-1:]
        del self.output[output_length:]
        del self.stack[stack_depth:]
        self.operand_end = operand_end
        self.position = position
        self._emit_code("<", position + 1)

    # Shared steps.

    def _emit_code(self, text: str, end: int) -> None:
        self.output.append(text)
        self.position = end
        self.operand_end = end

    def _emit_delimited(self, end: int) -> None:
        """A string or regex literal: delimiters kept, contents blanked."""
        text = self.source[self.position : end]
        self.output.append(text[0] + blank(text[1:-1]) + text[-1])
        self.position = end
        self.operand_end = end

    def _comment(self, end: int) -> None:
        """Record a comment; it is standalone when nothing but space shares its lines.

        Before it, only the space since the last code or comment is looked at;
        after it, only the space up to the line's end: each is read once. A
        `//` comment after code on its line keeps only that line: the `//`
        lines below it are a comment of their own.
        """
        source, start = self.source, self.position
        before = source[self.content_end : start]
        self.budget.tick(len(before))
        alone_before = (self.content_end == 0 or "\n" in before) and not before.rsplit("\n", 1)[
            -1
        ].strip()
        if not alone_before and source.startswith("//", start):
            first_line_end = source.find("\n", start, end)
            end = end if first_line_end < 0 else first_line_end
        standalone = alone_before and _BLANK_TO_LINE_END.match(source, end) is not None
        self.content_end = end
        first_line = self._line(start)
        text = source[start:end]
        self.result.comments.append(
            Comment(first_line, first_line + text.count("\n"), text, standalone)
        )
        self.output.append(blank(text))
        self.position = end

    def _expression_expected(self) -> bool:
        """Whether the token before `position` leaves room for an operand (a regex, JSX)."""
        end = self.operand_end
        if end == 0:
            return True
        source = self.source
        last = source[end - 1]
        if last in _WORD_CHARS:
            start = end - 1
            while start and end - start <= _KEYWORD_LENGTH and source[start - 1] in _WORD_CHARS:
                start -= 1
            return source[start:end] in _BEFORE_EXPRESSION
        return last not in _ENDS_OPERAND

    def _line(self, position: int) -> int:
        return self.lines.at(position)


def _match(pattern: re.Pattern[str], text: str, position: int = 0) -> re.Match[str]:
    """The match of a pattern that matches at any position (if only the empty string)."""
    match = pattern.match(text, position)
    assert match is not None, pattern.pattern
    return match


def _type_arguments_end(source: str, position: int) -> int | None:
    """Where the `<...>` at `position` closes, looking at most `ABORT_WINDOW` characters.

    Nested `<>` count, `=>` is an arrow, not a closing bracket; anything
    longer or unbalanced is not type arguments.
    """
    depth = 0
    limit = min(len(source), position + ABORT_WINDOW)
    index = position
    while index < limit:
        char = source[index]
        if char == "<":
            depth += 1
        elif char == ">" and source[index - 1] != "=":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char in ";{}":
            return None
        index += 1
    return None
