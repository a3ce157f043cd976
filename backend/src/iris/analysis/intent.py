"""The file intent: what the file is for, in 2 to 20 words.

From its doc text when it has some (never a pragma, shebang, licence or
commented-out code), else from its main class or component (its doc, what
it declares of itself, what its parts do), else from what the file is made
of: a family of error classes, HTTP routes, settings, types, or the topics
of its blocks. The intent is written after the blocks, from their labels,
so it says what the answer shows.

It reads the file's units a fixed number of times over and its blocks once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from iris.analysis.descriptions import class_description
from iris.analysis.doctext import as_sentence, clip_words, intent_from_doc
from iris.analysis.labels import class_label, component_label, route_label
from iris.analysis.model import Block, Group, Unit
from iris.analysis.reading import DESCRIBING, documented_summary
from iris.analysis.words import (
    listed_text,
    lower_first,
    name_as_words,
    phrase,
    singular,
    subject_words,
    words_of,
)


def file_intent(
    doc: str,
    units: Sequence[Unit],
    groups: Sequence[Group],
    blocks: Sequence[Block],
    subject: str,
    language_name: str,
) -> str:
    """What the file is for: its doc text, else its main export's, else what its parts do."""
    if not units:
        return f"Empty {language_name} file with no code yet."
    from_doc = intent_from_doc(doc)
    if from_doc:
        return from_doc
    errors = _error_classes(units) or _family_of_parts(units)
    if errors:
        return errors
    main = _main_unit(units)
    summary = documented_summary(main) if main is not None else ""
    if main is not None and summary:
        return intent_from_doc(summary) or clip_words(as_sentence(summary))
    described = _self_description(main) if main is not None else ""
    if main is not None and described:
        return clip_words(f"{_class_name(main)}: {lower_first(described.rstrip('.'))}.")
    topics = _topics(blocks, main)[:3]
    if main is not None:
        what = component_label(main.names[0]) if main.kind == "component" else _class_name(main)
        rendered = list(dict.fromkeys(e.what for e in main.effects if e.verb == "renders"))
        if main.kind == "component" and len(rendered) >= 2:
            return clip_words(f"{what} that renders {listed_text(rendered[:3], 3)}.")
        if len(topics) >= 2:
            return clip_words(f"{what}: {listed_text(topics, 3)}.")
        said = class_description(main) if main.kind == "class" else ""
        return clip_words(f"{what} that {said}.") if said else f"{what}."
    return _intent_of_parts(units, blocks, subject, topics)


def _self_description(unit: Unit) -> str:
    """What a class says of itself in a `description` field its framework shows as help."""
    return next((m.summary for m in unit.members if m.names[:1] == DESCRIBING and m.summary), "")


def _error_classes(units: Sequence[Unit]) -> str:
    """A file of two or more error classes and little else: which errors, of what."""
    classes = [unit for unit in units if unit.kind == "class" and unit.names]
    definitions = [u for u in units if u.kind in ("class", "function", "component")]
    if len(classes) < 2 or len(classes) != len(definitions):
        return ""
    if not all(_ERROR_NAME.search(u.names[0]) or _ERROR_NAME.search(u.detail) for u in classes):
        return ""
    root = next((u for u in classes if u.detail in ("Error", "Exception")), classes[0])
    words = [w for w in words_of(root.names[0]) if w.lower() not in ("error", "exception")]
    names = [unit.names[0] for unit in classes]
    return clip_words(f"{phrase([*words[:2], 'error', 'classes'])}: {listed_text(names, 4)}.")


_ERROR_NAME = re.compile(r"(?:Error|Exception)$")


def _family_of_parts(units: Sequence[Unit]) -> str:
    """Three or more components (or classes) whose names share their first word, and little
    else: the parts of one thing (`Card`, `CardHeader`, `CardTitle`), named together."""
    definitions = [u for u in units if u.kind in ("class", "function", "component") and u.names]
    if len(definitions) < 3 or len({u.kind for u in definitions}) != 1:
        return ""
    firsts = {(words_of(u.names[0]) or [""])[0] for u in definitions}
    if len(firsts) != 1 or definitions[0].kind == "function":
        return ""
    family = firsts.pop()
    plural = "components" if definitions[0].kind == "component" else "classes"
    return clip_words(f"{family} {plural}: {listed_text([u.names[0] for u in definitions], 6)}.")


def _class_name(unit: Unit) -> str:
    return class_label(unit.names[0] if unit.names else "", unit.detail)


def _topics(blocks: Sequence[Block], main: Unit | None) -> list[str]:
    """The blocks' labels as topics of a sentence, the main unit's own setup left out."""
    own = {word.lower() for word in words_of(main.names[0])} if main and main.names else set()
    topics = []
    for block in blocks:
        words = block.label.split()
        if words[-1].lower() in _HEAD_TAILS and {w.lower() for w in words[:-1]} <= own:
            continue
        if words[0].lower() == "module":
            continue
        rest = words
        while len(rest) > 2 and rest[0].lower() in own and rest[1].lower() != "and":
            rest = rest[1:]
        topics.append(lower_first(" ".join(rest)) if rest != words else lower_first(block.label))
    return topics


_HEAD_TAILS = frozenset(("construction", "state", "props", "attributes", "definition", "metadata"))


def _main_unit(units: Sequence[Unit]) -> Unit | None:
    """The largest class or component, when it is most of the file's definitions."""
    definitions = [unit for unit in units if unit.kind in ("class", "component")]
    if not definitions:
        return None
    largest = max(definitions, key=lambda unit: unit.end - unit.start)
    total = sum(
        unit.end - unit.start + 1
        for unit in units
        if unit.kind in ("class", "component", "function")
    )
    return largest if (largest.end - largest.start + 1) * 2 >= total else None


_TOPIC_TAILS = frozenset(("settings", "types", "type", "table", "config", "declarations"))


def _intent_of_parts(
    units: Sequence[Unit], blocks: Sequence[Block], subject: str, topics: Sequence[str]
) -> str:
    """A file without one main definition: what its parts are for, under one heading."""
    kinds = Counter(unit.kind for unit in units)
    code = len(units) - kinds["import"]
    lead = name_as_words(subject) if subject_words(subject) else ""
    routes = [unit for unit in units if unit.kind == "code" and route_label(unit)]
    if routes:
        resources = Counter(
            singular(words_of(unit.argument.strip("/").split("/")[0])[-1]).lower()
            for unit in routes
            if words_of(unit.argument.strip("/").split("/")[0])
        )
        resource = resources.most_common(1)[0][0] if resources else "resource"
        actions = [label.split()[-1].lower() for unit in routes if (label := route_label(unit))]
        return clip_words(f"HTTP routes for {resource}s: {listed_text(actions, 5)}.")
    plain = [
        " ".join(word for word in topic.split() if word.lower() not in _TOPIC_TAILS) or topic
        for topic in topics
    ]
    if kinds["type"] and kinds["type"] + kinds["export"] >= code:
        return clip_words(f"Type definitions for {listed_text(plain, 3)}.")
    if kinds["constant"] and kinds["constant"] >= code:
        return clip_words(f"Settings for {listed_text(plain, 3)}.")
    if kinds["export"] and kinds["export"] == code:
        return f"Entry point re-exporting the {lead or 'package'} modules."
    if kinds["code"] == code:
        return f"{(lead or 'module').capitalize()} code run when the file is loaded."
    if not topics:
        return f"{(lead or 'module').capitalize()} code."
    if len(topics) == 1 and len(blocks) == 1:
        return f"{blocks[0].label}{' for ' + lead if lead and lead not in topics[0] else ''}."
    noun = "classes" if kinds["class"] > kinds["function"] else "functions"
    if lead:
        return clip_words(f"{lead[:1].upper()}{lead[1:]} {noun}: {listed_text(topics, 3)}.")
    return clip_words(f"{noun.capitalize()} for {listed_text(topics, 3)}.")


def intent_from_labels(labels: Sequence[str], language_name: str) -> str:
    """An intent for a model's answer whose own intent was unusable: its first block's label."""
    if not labels:
        return f"Empty {language_name} file."
    return f"{labels[0]}."
