"""The author's own doc text, read for what it says a thing is for.

A docstring or leading comment is the best source of a description or an
intent, but only its prose: pragmas (`# noqa`, `// eslint-disable`),
shebangs, licence text, notes to maintainers, commented-out code and reST or
JSDoc fields (`:param x:`, `.. warning::`) are no summary. The analyzers use
this module while they read a file (`doc_summary`, `heading_title`,
`is_directive`), the namer when it writes the answer, and the model's
answers are mended with the same limits (`clip`, `DESCRIPTION_LIMIT`), so
it depends on nothing but the words.

Each function reads at most `MAX_DOC` characters of a doc, once, line by
line; its patterns are anchored and have no nested repeats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from iris.analysis.words import FILLER_WORDS, MAX_NAME, SPACES, lower_first, without_doubled_words

MAX_DOC = 2000
INTENT_WORDS = 20
DESCRIPTION_LIMIT = 240
_DIRECTIVE = re.compile(
    r"^\s*(?:@ts-|@flow|@jsx|@format|@noflow|eslint|jshint|jslint|global[s]?\s|prettier-|"
    r"istanbul|c8 |biome-|tslint|stylelint|type:\s*ignore|pylint:|noqa|mypy:|pyright:|"
    r"ruff:|fmt:|isort:|coding[:=]|-\*-|vim?:|!|<reference|<amd-|use strict|#)",
    re.IGNORECASE,
)
_LICENSE = re.compile(r"copyright|licen[cs]e|spdx|\(c\)|©|all rights reserved", re.IGNORECASE)
_NOTE = re.compile(r"^(?:to\s?do|fixme|xxx|hack|note|nb|see|cf|why|workaround)\b[:\s]", re.I)
_PROVENANCE = re.compile(
    r"\b(?:vendored|originally (?:sourced|from|written|based)|copied from|ported from|adapted from"
    r"|forked from|taken from|derived from|based on code)\b|^originally\b",
    re.I,
)
"""Where code came from is not what it does: never an intent or a description."""
_CODE_LIKE = re.compile(
    r"^(?:(?:import|from|return|const|let|var|def|class|if|for|while|function|export)\b"
    r"[^.]*[=(:{]|[\w.$\[\]'\"]+\s*(?:=|\+=|\(|\.\w+\()|.*[;{}]\s*$)"
)
"""A comment that is a line of code put out of use, not prose."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(:])")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,80})\]\([^)\s]{1,200}\)")
_DOC_NOISE = re.compile(r"^[=\-~#*`_+/\s]+$")
_FIELDS = (
    r":(?:param|parameter|arg|argument|key|keyword|type|raises?|except|exception|var|ivar"
    r"|cvar|vartype|returns?|rtype|yields?|ytype|meta)\b|\.\. [a-z-]+::"
    r"|@(?:param|arg|argument|returns?|throws|exception|type|typedef|template|example|see"
    r"|deprecated|since|default|private|internal)\b"
)
_DOC_FIELD = re.compile(f"^(?:{_FIELDS})")
"""A reST field (`:param dict x:`, `:return:`), directive (`.. warning::`) or JSDoc tag
(`@returns`): the summary ends there, and a doc that opens with one has none."""
_INLINE_FIELD = re.compile(f"\\s(?:{_FIELDS})")
"""The same, inside a line ("Returns the value :rtype: int"): the summary ends before it."""
_JSDOC_LINK = re.compile(r"\{@link(?:code|plain)?\s+([^}|\s]{1,120})(?:[|\s]\s*([^}]{1,120}))?\}")
"""`{@link Foo}` or `{@link Foo|the foo}` in JSDoc, said as its text."""
_HEADING_RULE = re.compile(r"^[\s#/*]*[=\-~*#]{3,}[\s/*]*$")


def same_text(text: str, other: str) -> bool:
    """The two say the same, but for case and a full stop: an answer says nothing twice."""
    return bool(other) and text.rstrip(".").lower() == other.rstrip(".").lower()


_CLAUSE_END = re.compile(r"[.;!?]\s+")


def says_again(text: str, other: str) -> bool:
    """`text` says `other` again: the whole of it, or as one of its sentences or clauses
    ("Renders the element; derives its URL." says "Renders the element." again)."""
    if not other or other.rstrip(".").lower() not in text.lower():
        return False
    return any(same_text(part, other) for part in _CLAUSE_END.split(text))


def as_sentence(text: str) -> str:
    """`text` as one sentence: capitalised, a word said twice once, ended by a full stop, a
    reST literal-block marker ("a token type::") or colon it ended on dropped."""
    text = without_doubled_words(text.strip()).rstrip(":").rstrip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def clip_words(text: str, limit: int = INTENT_WORDS) -> str:
    """`text` cut to `limit` words, never ending on a word that needs the next one ("by
    providing an.")."""
    words = text.split()
    if len(words) <= limit:
        return text
    words = words[:limit]
    while len(words) > 2 and words[-1].lower().rstrip(",;:") in FILLER_WORDS:
        words.pop()
    return " ".join(words).rstrip(",;:(") + "."


def is_directive(comment: str) -> bool:
    """A comment for a tool, not a reader: a pragma, a lint switch, a shebang."""
    return bool(_DIRECTIVE.match(comment[:MAX_NAME]))


_GOES_ON = re.compile(
    r"\b(?:that|which|where|when|if|iff|to|as|is|are|of|following|follows|like|e\.g\.):$", re.I
)
"""A sentence cut before its list that cannot end there ("... a library that:")."""
_LIST_ITEM = re.compile(r"(?:[-*+•]|\d{1,2}[.)])\s")
"""A list item ("- Cancel the upload", "1. Read"): the steps of what the summary above said,
never part of its sentence."""


def doc_summary(text: str) -> str:
    """The first sentence of a doc text's first paragraph, on one line, or "".

    Headings made of punctuation (`=====`), pragmas, lint directives,
    licence text, notes to maintainers and commented-out code never count.
    """
    text = text[:MAX_DOC].strip()
    paragraph: list[str] = []
    listed = False
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if paragraph:
                break
            continue
        if _DOC_FIELD.match(line):
            break
        if paragraph and _LIST_ITEM.match(line):
            listed = True
            break
        if _DOC_NOISE.match(line):
            if paragraph:
                break
            continue
        paragraph.append(line)
    joined = SPACES.sub(" ", " ".join(paragraph)).strip()
    joined = _MARKDOWN_LINK.sub(r"\1", joined) if "](" in joined else joined
    joined = _REST_ROLE.sub(_role_name, joined) if "`" in joined else joined
    joined = _JSDOC_LINK.sub(_link_text, joined) if "{@" in joined else joined
    field = _INLINE_FIELD.search(joined)
    joined = joined[: field.start()].rstrip() if field else joined
    if not joined or _DIRECTIVE.match(joined) or _LICENSE.search(joined):
        return ""
    if _NOTE.match(joined) or _CODE_LIKE.match(joined) or _PROVENANCE.search(joined[:200]):
        return ""
    sentence = _SENTENCE_END.split(joined, maxsplit=1)[0]
    if listed and sentence.endswith(":") and not _GOES_ON.search(sentence):
        sentence = f"{sentence[:-1].rstrip()}."
    if len(sentence.split()) < 2 or not _is_prose(sentence):
        return ""
    return clip(sentence, DESCRIPTION_LIMIT)


_REST_ROLE = re.compile(r"(?::[a-z]{1,12}){1,2}:`(~?)([^`\n]{1,120})`|``([^`\n]{1,120})``")
"""A reST role (":class:`~pkg.Markup`") or literal ("``__html__``"), said as the name in
plain backticks the way a reader writes it."""


def _link_text(match: re.Match[str]) -> str:
    return (match.group(2) or match.group(1)).strip()


def _role_name(match: re.Match[str]) -> str:
    if match.group(3) is not None:
        return f"`{match.group(3)}`"
    target = match.group(2).split("<")[-1].rstrip(">").strip()
    return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"


def _is_prose(text: str) -> bool:
    """Mostly letters: a table drawn in ASCII (`+---- eq? | |`) is not a sentence."""
    shown = text.replace(" ", "")
    return sum(map(str.isalpha, shown)) * 2 >= len(shown)


def heading_title(comment_lines: Sequence[str]) -> str:
    """The title of a section heading comment, or "" if these lines are not one.

    A heading is a short line of words next to a rule (`# ====`), or a line
    framed by dashes (`// --- Routes ---`), or a `region` marker.
    """
    texts = [line.strip().lstrip("#/*").strip() for line in comment_lines[:8]]
    has_rule = any(_HEADING_RULE.match(line) for line in comment_lines[:8])
    for text in texts:
        framed = re.fullmatch(r"[-=~*#]{2,}\s*(.+?)\s*[-=~*#]{2,}", text)
        if framed:
            return framed.group(1)[:MAX_NAME]
        region = re.match(r"#?region\b\s*(.+)", text)
        if region:
            return region.group(1)[:MAX_NAME]
        if has_rule and text and not _DOC_NOISE.match(text) and len(text.split()) <= 6:
            return text.rstrip(".:")[:MAX_NAME]
    return ""


_FILE_NAME_PREFIX = re.compile(r"^[\w.-]+\.(?:py|js|jsx|ts|tsx|mjs|cjs)\s*(?:[-—:]+\s*)", re.I)


def intent_from_doc(text: str) -> str:
    """A file intent from its doc text: one phrase of 2 to 20 words, or "" if it has none.

    A leading `csv.py - ` names the file, not its purpose, and is dropped.
    """
    summary = _FILE_NAME_PREFIX.sub("", doc_summary(text))
    summary = summary[:1].upper() + summary[1:]
    found = summary.split()
    if 2 <= len(found) <= TITLE_WORDS:
        following = _after_title(text, summary)
        if following:
            return clip_words(f"{summary.rstrip('.')}: {lower_first(following)}")
    if len(found) < 2:
        return ""
    if len(found) > INTENT_WORDS:
        clause = re.split(r"[,;:—]\s|\s[-–]\s|\s\(", summary, maxsplit=1)[0].split()
        found = clause if 2 <= len(clause) <= INTENT_WORDS else found[:INTENT_WORDS]
        return " ".join(found).rstrip(",;:.") + "."
    return summary


TITLE_WORDS = 4
"""A doc whose first paragraph is this short is a title ("Category Theory module."), and the
sentence after it says what the file is for."""


def _after_title(text: str, title: str) -> str:
    """The first sentence of the paragraph after a doc's title paragraph, or "".

    Only when the title is the whole of its paragraph; the rest of the doc is
    read once, up to `MAX_DOC` characters, by `doc_summary`.
    """
    head = text[:MAX_DOC].strip()
    index = head.find(title.rstrip(".")[1:])
    if index < 0:
        return ""
    rest = head[index + len(title) - 1 :]
    first_break = rest.find("\n")
    if first_break < 0 or rest[:first_break].strip(" .") != "":
        return ""
    return doc_summary(rest[first_break:])


def clip(text: str, limit: int) -> str:
    """`text` cut at the last word that fits in `limit` characters, an ellipsis saying so."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
