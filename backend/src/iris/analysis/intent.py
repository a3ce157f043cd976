"""The file intent: what the file is for, in 2 to 20 words.

From its doc text when it has some (never a pragma, shebang, licence or
commented-out code), else from its main export: the class or component that
is most of the file, or the function the others serve (named like the file,
or the one public function no other calls): its doc or an overload's, what
its documented methods say they do, what its code shows it does. Else from
what the file is made of: a family of error classes, HTTP routes, settings,
types, or its largest definitions by name. Never the block labels listed,
never a name with "component" or "class" added: those say nothing a reader
does not see in the table of contents.

It reads the file's units a fixed number of times over and its blocks once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from iris.analysis.descriptions import action_sentence, class_description
from iris.analysis.doctext import INTENT_WORDS, as_sentence, clip_words, intent_from_doc
from iris.analysis.labels import class_label, component_label, route_label
from iris.analysis.model import Block, Group, Unit, UnitKind
from iris.analysis.reading import (
    DESCRIBING,
    NAMES_READ,
    documented_summary,
    is_lifecycle,
    joins_head,
)
from iris.analysis.words import (
    listed_text,
    lower_first,
    name_as_words,
    phrase,
    singular,
    subject_words,
    third_person,
    verb_of,
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
    main = _main_unit(units) or _main_export(units, subject)
    said = _intent_of_main(main, units) if main is not None else ""
    if said:
        return said
    topics = _topics(blocks, main)[:3]
    return _intent_of_parts(units, blocks, subject, topics)


def _intent_of_main(main: Unit, units: Sequence[Unit]) -> str:
    """What the main export is for, in a true sentence: its doc (or an overload's), what its
    documented methods do, else what its code shows it does; "" when none says anything.

    Never the block labels listed, never its name with "component" or "class" added: a
    shorter true intent beats a long stitched one. Reads the units and `main`'s members once.
    """
    summary = next(
        (
            said
            for unit in units
            if unit.names[:1] == main.names[:1] and unit.kind == main.kind
            if (said := documented_summary(unit))
        ),
        "",
    )
    if summary:
        return _intent_from_summary(summary)
    what = _main_name(main)
    described = _self_description(main)
    if described:
        return clip_words(f"{what}: {lower_first(described.rstrip('.'))}.")
    methods = _documented_methods(main)
    if methods:
        return _fitted(f"{what} that {' and '.join(methods[:2])}.")
    if main.kind == "function":
        action = action_sentence(main)
        return _fitted(action) if action and not action.startswith(_ECHOES) else ""
    own = main._replace(members=tuple(m for m in main.members if not is_lifecycle(m)))
    said = class_description(own, with_effects=False)
    if not said or (main.kind == "component" and said.startswith("holds ")):
        said = class_description(main) or said
    if said:
        return _fitted(f"{what} that {said}.")
    props = [name_as_words(name) for name in main.parameters[:3]]
    if main.kind == "component" and props:
        return clip_words(f"{what} given the {listed_text(props, 3)}.")
    return ""


def _main_name(main: Unit) -> str:
    return component_label(main.names[0]) if main.kind == "component" else _class_name(main)


_ECHOES = ("Gives the ", "Returns the ")
"""An action said only from a name that has no verb: an echo of the name, not a purpose."""


def _intent_from_summary(summary: str) -> str:
    """A doc summary as the intent: whole when it fits in 20 words, else cut after its last
    clause that fits (never mid-clause: "When `condition` is true, returns the result")."""
    if len(summary.split()) <= INTENT_WORDS:
        return as_sentence((intent_from_doc(summary) or summary).rstrip(",;: "))
    return _fitted(summary, intent_from_doc(summary), _CLAUSE_MARKS[:2])


_CLAUSE_MARKS = (", ", "; ", " and ")


def _fitted(text: str, otherwise: str = "", marks: Sequence[str] = _CLAUSE_MARKS) -> str:
    """`text` as one sentence of at most 20 words, cut after its last clause that fits (at one
    of `marks`), else `otherwise`, else cut at the limit."""
    words = text.split()
    if len(words) <= INTENT_WORDS:
        return as_sentence(text.rstrip(",;: "))
    kept = " ".join(words[:INTENT_WORDS])
    cut = max(kept.rfind(mark) for mark in marks)
    if cut > 0 and len(kept[:cut].split()) >= _CLAUSE_WORDS:
        return as_sentence(kept[:cut].rstrip(",;: "))
    return otherwise or clip_words(as_sentence(text))


_CLAUSE_WORDS = 6
"""A doc's leading clauses kept as the intent say at least this many words."""


def _documented_methods(main: Unit) -> list[str]:
    """What a class's public methods say they do, from their docs: "adds a new interceptor
    to the stack". Only docs that start with a verb speak of what the class does."""
    said = []
    for member in main.members[:NAMES_READ]:
        words = member.summary.rstrip(".,;: ").split()
        if member.kind != "method" or not member.public or not words or joins_head(member):
            continue
        verb = verb_of(words[0]) or verb_of(singular(words[0]))
        if verb is None or len(words) < 3:
            continue
        first = third_person(verb) if verb == words[0].lower() else words[0].lower()
        said.append(" ".join([first, *words[1:]]))
    return said


def _main_export(units: Sequence[Unit], subject: str) -> Unit | None:
    """The public definition the file's others serve: named like the file (`suggestSimilar` in
    suggestSimilar.js, `LoadMore` in load_more.jsx), else the only public one that no other
    calls and that calls some of them (`encode_multipart_formdata` in filepost.py).

    Overloads share one name, and the documented one speaks for them. One pass to collect
    the names used, one to choose.
    """
    definitions = [u for u in units if u.kind in ("class", "component", "function") and u.names]
    if not definitions:
        return None
    file_name = "".join(words_of(subject)).lower()
    named = [u for u in definitions if "".join(words_of(u.names[0])).lower() == file_name]
    if file_name and named:
        return max(named, key=lambda unit: (bool(unit.summary), unit.end - unit.start))
    names = {unit.names[0] for unit in definitions}
    called: set[str] = set()
    for unit in definitions:
        called.update((unit.references & names) - {unit.names[0]})
    top = [u for u in definitions if u.public and u.names[0] not in called]
    if len(top) == 1 and top[0].references & (names - {top[0].names[0]}):
        return top[0]
    return None


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
    definitions = [u for u in units if u.kind in _PLURALS]
    largest = max(definitions, key=lambda unit: unit.end - unit.start, default=None)
    total = sum(unit.end - unit.start + 1 for unit in definitions)
    if largest is not None and (largest.end - largest.start + 1) * 2 <= total:
        largest = None
    said = _intent_of_main(largest, units) if largest is not None else ""
    if said:
        return said
    given = [f"`{name}`" for name in largest.parameters[:2]] if largest is not None else []
    if len(topics) == 1 and len(blocks) == 1 and given:
        return f"{blocks[0].label} of {listed_text(given, 2)}."
    if len(topics) == 1 and len(blocks) == 1:
        return f"{blocks[0].label}{' for ' + lead if lead and lead not in topics[0] else ''}."
    noun = max(_PLURALS, key=lambda kind: kinds[kind])
    heaviest = sorted(
        (u for u in units if u.kind == noun and u.names),
        key=lambda unit: unit.start - unit.end,
    )[:3]
    names = [unit.names[0] for unit in sorted(heaviest, key=lambda unit: unit.start)]
    if not names:
        return f"{(lead or 'module').capitalize()} code."
    return clip_words(
        f"{(lead or 'module').capitalize()} {_PLURALS[noun]}: {listed_text(names, 3)}."
    )


_PLURALS: dict[UnitKind, str] = {
    "function": "functions",
    "class": "classes",
    "component": "components",
}


def intent_from_labels(labels: Sequence[str], language_name: str) -> str:
    """An intent for a model's answer whose own intent was unusable: its first block's label."""
    if not labels:
        return f"Empty {language_name} file."
    return f"{labels[0]}."
