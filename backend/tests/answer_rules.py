"""The rules for a good answer, as small pure checks over an answer's JSON.

Each returns a list of what breaks the rule (empty when it holds), so a
failing test says what was wrong. The first are the IRIS team's rules,
written from their prompt and quality validators, not copied from them; the
rest are what a reader judging the answers found wrong before (filler and
stitched intents, descriptions that only list names, repeated labels, a
large file left as one block, a declaration cut in two).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

GENERIC_LABELS = {
    "misc",
    "miscellaneous",
    "helpers",
    "utilities",
    "utility",
    "other",
    "everything else",
    "remaining",
    "module-level code",
}
NOT_AN_INTENT = re.compile(
    r"^\s*(?:#!|///\s*<reference|eslint|@ts-|/\*|//|'use strict'|\"use strict\"|"
    r"copyright|\(c\)|spdx-license|licensed)",
    re.IGNORECASE,
)
IMPORT_LINE = re.compile(r"^\s*(?:import\b|from\s+\S+\s+import\b|export\s+\*\s+from\b)")
SMALL_FILE_LINES = 30
LARGE_FILE_LINES = 150
FILLER_INTENT = re.compile(
    r"\bin (?:Python|JavaScript|TypeScript)(?: \(React\))?\.$|^Module setup\b", re.IGNORECASE
)
NAME_ECHO = re.compile(
    r"([A-Z][\w ]*?) (?:component|components|class|classes|function|functions)\."
)
"""An intent that is a name and its kind, nothing said of what it is for ("Load more
component."), when a block's label starts with that name: the name is the file's, not a
doc's ("RFC 2104 HMAC class.")."""
DIRECTIVE = re.compile(r"""^(['"])use [\w -]+\1;?$""")
NAME_LIST = re.compile(r"^(?:Defines |A class extending |Also defines )|\bAlso defines\b")
EMPTY_SLOT = re.compile(r"\bthe\s*[.,;:!?](?=\s|$)|\S {2,}\S|\bthe (?:and|or)\b|\ban\.$", re.I)
TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]+|\.\.\.|\S")
CONJUNCTIONS = frozenset("and or but nor so yet".split())


def ranges_are_sorted_and_disjoint(answer: dict, line_count: int) -> list[str]:
    problems = []
    claimed: set[int] = set()
    for block in answer["responsibility_blocks"]:
        previous_end = 0
        for start, end in block["ranges"]:
            if not 1 <= start <= end <= max(line_count, 1):
                problems.append(f"{block['label']}: range {start}-{end} outside 1-{line_count}")
            if start <= previous_end:
                problems.append(f"{block['label']}: ranges not sorted and disjoint")
            previous_end = end
            lines = set(range(start, end + 1))
            if lines & claimed:
                problems.append(f"{block['label']}: shares lines with another block")
            claimed |= lines
    return problems


def labels_are_short_noun_phrases(answer: dict) -> list[str]:
    problems = []
    for block in answer["responsibility_blocks"]:
        label = block["label"]
        words = label.split()
        if not 2 <= len(words) <= 5:
            problems.append(f"label {label!r} has {len(words)} words")
        if label.lower().strip() in GENERIC_LABELS:
            problems.append(f"label {label!r} is a catch-all")
        if not block["description"].strip():
            problems.append(f"label {label!r} has no description")
    return problems


def intent_is_one_short_phrase(answer: dict) -> list[str]:
    intent = answer["file_intent"]
    problems = []
    if not 2 <= len(intent.split()) <= 20:
        problems.append(f"intent {intent!r} is not 2 to 20 words")
    if NOT_AN_INTENT.match(intent) or "\n" in intent:
        problems.append(f"intent {intent!r} is a directive, a licence or several lines")
    return problems


def no_block_is_only_imports(answer: dict, lines: Sequence[str]) -> list[str]:
    """Every block holds some code that is not an import, unless imports are all there is.

    A file with a single block has nothing else its imports could join.
    """
    if len(answer["responsibility_blocks"]) < 2:
        return []
    problems = []
    for block in answer["responsibility_blocks"]:
        block_lines = [
            lines[number - 1]
            for start, end in block["ranges"]
            for number in range(start, end + 1)
            if number <= len(lines)
        ]
        meaningful = [
            line
            for line in block_lines
            if line.strip() and not line.strip().startswith(("#", "//", "*", "/*"))
        ]
        if meaningful and all(IMPORT_LINE.match(line) for line in meaningful):
            problems.append(f"block {block['label']!r} holds only imports")
    return problems


def small_files_have_few_blocks(answer: dict, line_count: int) -> list[str]:
    count = len(answer["responsibility_blocks"])
    if line_count < SMALL_FILE_LINES and count > 2:
        return [f"a {line_count}-line file has {count} blocks"]
    return []


def intent_is_not_filler_or_stitched(answer: dict) -> list[str]:
    """No " in Python." tail, no list of the block labels, not a name and its kind alone."""
    intent = answer["file_intent"]
    labels = [block["label"] for block in answer["responsibility_blocks"]]
    problems = []
    if FILLER_INTENT.search(intent):
        problems.append(f"intent {intent!r} ends in filler")
    if len(labels) >= 2 and intent.lower().rstrip(".") == f"{labels[0]} and {labels[1]}".lower():
        problems.append(f"intent {intent!r} is two labels stitched together")
    if intent_lists_labels(intent, labels):
        problems.append(f"intent {intent!r} is a list of block labels")
    name = NAME_ECHO.fullmatch(intent)
    if name and any(label.lower().startswith(name[1].lower()) for label in labels):
        problems.append(f"intent {intent!r} only names the main unit and its kind")
    return problems


def intent_lists_labels(intent: str, labels: Sequence[str]) -> bool:
    """ "X: a, b and c" (or "Functions for a, b and c") where two or more of a, b, c are the
    block labels, or their ends after the owner's name."""
    head, colon, tail = intent.rstrip(".").partition(": ")
    listed = tail if colon else re.sub(r"^\w+ for ", "", head)
    items = [item.strip().lower() for item in re.split(r", | and ", listed) if item.strip()]
    said = {label.lower() for label in labels}
    return len(items) >= 2 and sum(any(s.endswith(item) for s in said) for item in items) >= 2


def descriptions_say_what_blocks_do(answer: dict) -> list[str]:
    """No description that only lists names ("Defines X and Y.", "A class extending ...")."""
    return [
        f"description of {block['label']!r} only lists names: {block['description']!r}"
        for block in answer["responsibility_blocks"]
        if NAME_LIST.search(block["description"])
    ]


def labels_are_distinct(answer: dict) -> list[str]:
    labels = [block["label"].lower() for block in answer["responsibility_blocks"]]
    return [
        f"label {label!r} is used twice" for label in sorted(set(labels)) if labels.count(label) > 1
    ]


def large_files_are_opened(answer: dict, line_count: int, definitions: int) -> list[str]:
    """A file of 150+ lines with several definitions is more than one block."""
    if (
        line_count >= LARGE_FILE_LINES
        and definitions > 1
        and len(answer["responsibility_blocks"]) < 2
    ):
        return [f"a {line_count}-line file with {definitions} definitions is one block"]
    return []


def declarations_stay_whole(answer: dict, declarations: Sequence[tuple[int, int]]) -> list[str]:
    """Each declaration (its decorators and doc comment with it) lies in one block, and in one."""
    owner: dict[int, int] = {}
    for index, block in enumerate(answer["responsibility_blocks"]):
        for start, end in block["ranges"]:
            for number in range(start, end + 1):
                owner[number] = index
    problems = []
    for start, end in declarations:
        blocks = {owner.get(number) for number in range(start, end + 1)}
        if len(blocks) != 1 or None in blocks:
            problems.append(f"the declaration on lines {start}-{end} is cut or left out")
    return problems


def all_rules(answer: dict, lines: Sequence[str]) -> list[str]:
    """The IRIS team's rules: the floor every answer keeps, a model's mended one included."""
    line_count = len(lines)
    return [
        *ranges_are_sorted_and_disjoint(answer, line_count),
        *labels_are_short_noun_phrases(answer),
        *intent_is_one_short_phrase(answer),
        *no_block_is_only_imports(answer, lines),
        *small_files_have_few_blocks(answer, line_count),
    ]


def reader_rules(answer: dict, lines: Sequence[str]) -> list[str]:
    """The IRIS rules and what a reader judging the builtin analyzer's answers found wrong."""
    return [
        *all_rules(answer, lines),
        *intent_is_not_filler_or_stitched(answer),
        *descriptions_say_what_blocks_do(answer),
        *labels_are_distinct(answer),
        *module_sentence_stays_outside_classes(answer, lines),
        *text_is_not_broken(answer),
    ]


def code_lines(lines: Sequence[str], python: bool) -> list[int]:
    """The numbers of the lines that hold code: not blank, not only a comment, not the docstring
    that opens a Python module nor a directive ('use strict') that opens a script."""
    numbers = []
    in_comment = ""
    for number, line in enumerate(lines, 1):
        text = line.strip()
        if in_comment:
            if in_comment in text:
                text = text.split(in_comment, 1)[1].strip()
                in_comment = ""
            else:
                continue
        opening = text.lstrip("rRuU")[:3]
        if python and not numbers and opening in ('"""', "'''"):
            if opening not in text.lstrip("rRuU")[3:]:
                in_comment = opening
            continue
        if not python and not numbers and DIRECTIVE.match(text):
            continue
        if not python and text.startswith("/*"):
            if "*/" not in text[2:]:
                in_comment = "*/"
                continue
            text = text[text.index("*/", 2) + 2 :].strip()
        if text and not text.startswith("#" if python else "//"):
            numbers.append(number)
    return numbers


def code_lines_are_covered(answer: dict, lines: Sequence[str], python: bool) -> list[str]:
    """Every line that holds code is in some block: a reader jumping by the table of contents
    never misses code."""
    covered = {
        number
        for block in answer["responsibility_blocks"]
        for start, end in block["ranges"]
        for number in range(start, end + 1)
    }
    missed = [number for number in code_lines(lines, python) if number not in covered]
    if not missed:
        return []
    return [f"{len(missed)} code lines are in no block, the first {missed[:5]}"]


def module_sentence_stays_outside_classes(answer: dict, lines: Sequence[str]) -> list[str]:
    """ "Statements run when the module is loaded." never describes a block that opens with an
    indented line: a part of a class or component is not module code."""
    problems = []
    for block in answer["responsibility_blocks"]:
        if block["description"] != "Statements run when the module is loaded.":
            continue
        first = block["ranges"][0][0]
        if first <= len(lines) and lines[first - 1][:1] in (" ", "\t"):
            problems.append(f"block {block['label']!r} is a class part said as module code")
    return problems


def doubled_word(text: str) -> bool:
    """A word said twice in a row ("props props", "Class class"), but not an upper-case echo
    ("arch ARCH") nor a repetition a doc writes on purpose ("parameter parameter ...")."""
    tokens = TOKEN.findall(text)
    return any(
        len(first) > 1
        and first.isalpha()
        and first.lower() == second.lower()
        and not second.isupper()
        and third != "..."
        for first, second, third in zip(tokens, tokens[1:], [*tokens[2:], ""], strict=False)
    )


def text_is_not_broken(answer: dict) -> list[str]:
    """No sentence with an empty slot ("Sets the.", "the  and j query") or a doubled word
    ("Takes the props props."), no label that opens with a conjunction or ends in a number
    added to tell it apart, no reST "::" left at a description's end."""
    texts = [("intent", answer["file_intent"])]
    for block in answer["responsibility_blocks"]:
        texts += [("label", block["label"]), ("description", block["description"])]
    problems = []
    for kind, text in texts:
        if EMPTY_SLOT.search(text):
            problems.append(f"{kind} {text!r} has an empty slot")
        if doubled_word(text):
            problems.append(f"{kind} {text!r} says a word twice")
        if kind == "description" and text.rstrip().endswith("::."):
            problems.append(f"{kind} {text!r} ends in a reST '::'")
    for block in answer["responsibility_blocks"]:
        words = block["label"].split()
        if words and words[0].lower() in CONJUNCTIONS:
            problems.append(f"label {block['label']!r} starts with a conjunction")
        if words and words[-1].isdigit():
            problems.append(f"label {block['label']!r} ends in a number")
    return problems
