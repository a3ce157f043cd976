"""Block descriptions: what a block does and why a reader would open it, in a sentence or two.

The author's doc text speaks first, where the block's main unit has some;
else the sentence is said from the code: what its units' names say they do
(what they load, render, handle, hold), then what the code visibly does
(raises, emits, writes, fetches), never a bare list of names. A description
never repeats the file's intent or another block's.

Only the three heaviest units of a group and a bounded number of their
members are read, and every sentence is clipped to `DESCRIPTION_LIMIT`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from iris.analysis.doctext import DESCRIPTION_LIMIT, as_sentence, clip, same_text, says_again
from iris.analysis.model import Effect, Group, Unit
from iris.analysis.reading import (
    DESCRIBING,
    DUNDER,
    NAMES_READ,
    STAGES,
    Entry,
    documented_summary,
    entries_of,
    fluent_setters,
    is_constructor,
    is_lifecycle,
    joins_head,
    operator_family,
    reexports,
    words_of_owner,
)
from iris.analysis.words import (
    ABBREVIATIONS,
    DETERMINERS,
    QUERY_VERBS,
    listed_text,
    lower_first,
    name_as_words,
    second_verb,
    singular,
    split_action,
    subject_words,
    third_person,
    verb_of,
    word_shown,
    words_of,
    words_of_text,
)

_WHEN = {"setup": "on mount", "teardown": "on unmount", "error handling": "on a child's error"}


def describe(group: Group, subject: str = "", avoid: str = "") -> str:
    """What the block does: its authors' doc text, else what its code does, in a sentence or two.

    The doc of the block's heaviest documented unit speaks for it when that
    unit is a good part of the block (two docs when two such units have
    one, a doc said once however many units repeat it). Where the docs
    cover less than half of the block, what the rest does is said after
    them, so a merged block is described by all it holds, not by one
    member. Otherwise the sentence is said from the code: what its units'
    names say they do, then what the code visibly does (raises, emits,
    renders, writes ...). `avoid` is text the answer already says (the
    file's intent), never repeated.
    """
    entries = entries_of(group)
    if fluent_setters(entries):
        return clip(as_sentence(_what_it_does(group, entries, subject)), DESCRIPTION_LIMIT)
    total = sum(entry.weight for entry in entries) or 1
    documented = [
        (entry, summary)
        for entry in entries[:3]
        if entry.weight * 4 >= total
        and (summary := _doc_of(entry, group))
        and not same_text(summary, avoid)
    ]
    docs = list(dict.fromkeys(summary.rstrip(".") for _, summary in documented))
    if documented and documented[0][0] is entries[0]:
        text = as_sentence(docs[0])
        if len(docs) > 1 and len(text) + len(docs[1]) < DESCRIPTION_LIMIT:
            second = as_sentence(_not_said_in(docs[1], text))
            text = _one_object(text, second) or f"{text.rstrip('.')}; {lower_first(second)}"
        else:
            docs = docs[:1]
        said = [entry for entry, summary in documented if summary.rstrip(".") in docs]
        rest = [
            entry
            for entry in entries
            if entry.weight >= _MEMBER_LINES and all(entry is not other for other in said)
        ]
        if sum(entry.weight for entry in said) * 2 < total and rest:
            others = _what_the_rest_does([entry.unit for entry in rest], group.units)
            text = f"{text.rstrip('.')}; {lower_first(others)}" if others else text
        return clip(as_sentence(text), DESCRIPTION_LIMIT)
    text = _what_it_does(group, entries, subject)
    exported = reexports(group)
    if exported:
        text = f"{exported}; {lower_first(text)}" if text else exported
    if not text or same_text(text, avoid):
        text = docs[0] if docs else _fallback(group)
    return clip(as_sentence(text), DESCRIPTION_LIMIT)


def _what_the_rest_does(rest: Sequence[Unit], units: Sequence[Unit]) -> str:
    """What a block's undocumented members do, from what their code shows rather than their
    names: the protocols their special methods keep ("lets instances be compared ...") and
    their effects ("throws TypeError"). A member's name said as a verb ("returns the
    fastcopy fcopyfile") would only guess."""
    families = list(dict.fromkeys(operator_family(unit) for unit in rest if operator_family(unit)))
    protocols = [
        _operator_description(next(u for u in rest if operator_family(u) == family), units)
        for family in families[:3]
    ]
    actions = [tuple(said.rstrip(".").partition(" ")[::2]) for said in protocols]
    merged = _merge_actions([(verb.lower(), thing) for verb, thing in actions])
    effects = _effects_clause([effect for unit in rest[:NAMES_READ] for effect in unit.effects])
    return "; ".join(part for part in (listed_text(merged, 3), effects) if part)


def _not_said_in(text: str, said: str) -> str:
    """`text` without the clauses `said` already has: two docs that end alike ("Encode a
    file; input and output are binary files." and "Decode a file; ...") say the end once."""
    kept = [part for part in _CLAUSES.split(text) if not says_again(said, part)]
    return "; ".join(part.rstrip(".;") for part in kept) or text


_CLAUSES = re.compile(r"(?<=[.;])\s+")
_MEMBER_LINES = 3
"""A member this long is a part of the block its description must cover; a one-line
constant beside a documented function is not."""


def _doc_of(entry: Entry, group: Group) -> str:
    """The doc that speaks for an entry. An opened class's head speaks by its constructor's
    doc, never by the class's: the class doc says what the whole class is, and the head
    block is only how an instance is made."""
    if not entry.head:
        return documented_summary(entry.unit)
    constructor = next((unit for unit in group.units if is_constructor(unit)), None)
    if constructor is None:
        return documented_summary(entry.unit)
    summary = documented_summary(constructor)
    owner = {word.lower() for word in words_of_owner(entry.unit)}
    said = {word.lower() for token in words_of_text(summary) for word in words_of(token)}
    return "" if said <= owner | _CONSTRUCTING_WORDS else summary


_CONSTRUCTING_WORDS = frozenset(
    """initialize initializes initialise initialises initialization init create creates
    construct constructs constructor new instance instantiation object class method called
    by for of a an the this""".split()
)
"""A constructor doc of only these and its class's name ("Initialize a template.") says less
than what the constructor is given, which is said instead."""


_VERB_AND_OBJECT = re.compile(r"^([A-Z][a-z]+s) (the [\w -]{1,60}?)\.?$")


def _one_object(first: str, second: str) -> str:
    """Two short docs that do two things to one object, said once: "Shows the tooltip." and
    "Hides the tooltip." are "Shows and hides the tooltip."; "" when they are not that."""
    a, b = _VERB_AND_OBJECT.match(first), _VERB_AND_OBJECT.match(second)
    if a is None or b is None or a.group(2).lower() != b.group(2).lower():
        return ""
    return f"{a.group(1)} and {b.group(1).lower()} {a.group(2)}."


def _fallback(group: Group) -> str:
    """What is left to say of a block nothing else describes: what it imports or exports."""
    modules = [unit.detail for unit in group.units if unit.kind == "import" and unit.detail]
    if modules:
        return f"Imports {listed_text(modules, 3)} for the rest of the file."
    if any(unit.kind == "export" for unit in group.units):
        return "Lists what the module makes public."
    anchor = group.anchor
    if group.owner is not None or anchor.kind not in ("code", "entry", "constant"):
        whose = " ".join(word.lower() for word in words_of_owner(group.owner or anchor))
        if anchor.kind == "render" or any(unit.kind == "render" for unit in group.units):
            return f"Renders the {whose} markup." if whose else "Renders the markup."
        if anchor.kind == "field":
            return f"Holds the {whose}'s settings." if whose else "Holds its settings."
        named = name_as_words(anchor.names[0]) if anchor.names else ""
        if anchor.kind in ("function", "method", "component", "class"):
            return _interface(anchor)
        return f"The {named} part of the {whose}." if named and whose else _interface(anchor)
    return "Statements run when the module is loaded."


def _parameter_words(parameter: str) -> str:
    """A parameter as a reader says it: `fn` is the function, `x` the value."""
    if parameter.lower() in _FUNCTION_PARAMETERS:
        return "function"
    return name_as_words(ABBREVIATIONS.get(parameter.lower(), parameter))


def _interface(unit: Unit) -> str:
    """All that is sure of a unit whose name and code say nothing more: what it is given.
    Never its name said again ("The noop function."): the label already says that."""
    if unit.detail in ("get", "property", "cached_property"):
        return "Computed each time it is read."
    given = [_parameter_words(p) for p in unit.parameters[:NAMES_READ] if p.strip("*.")]
    if unit.kind == "component":
        return (
            f"Renders from the {listed_text(given, 3)} props."
            if given
            else "Renders the component."
        )
    if unit.kind in ("function", "method", "handler", "hook"):
        return f"Takes the {listed_text(given, 3)}." if given else "Takes no arguments."
    return "Declares the class and its members." if unit.kind == "class" else "Code of the class."


def _what_it_does(group: Group, entries: Sequence[Entry], subject: str) -> str:
    """The block's work said from its code: its main units' actions, then their effects."""
    if not entries:
        return ""
    setters = sorted(fluent_setters(entries), key=lambda unit: unit.start)
    if setters:
        named = [name_as_words(unit.names[0]) for unit in setters if unit.names]
        return f"Sets {listed_text(named, 6)}; each returns the instance, so calls chain"
    about = words_of_owner(group.owner) or subject_words(subject)
    actions: list[tuple[str, str]] = []
    effects: list[Effect] = []
    for entry in entries[:3]:
        action = _entry_action(entry, group, about)
        if action is not None:
            actions.append(action)
        seen = entry.unit.effects if not entry.head else _head_effects(group)
        effects.extend(e for e in seen if e.verb != "chains" or _chains(entry.unit))
    said = _effects_clause(effects, {verb for verb, _ in actions})
    merged = _merge_actions(actions)[:3]
    done = (
        "; ".join(merged) if any(" and " in action for action in merged) else listed_text(merged, 3)
    )
    if done and said:
        return f"{done}; {said}"
    return done or said


def _chains(unit: Unit) -> bool:
    """Some method of it returns its instance so calls chain. A unit's own members are
    read, not theirs."""
    return any(_chains_itself(part) for part in (unit.members[:NAMES_READ] or (unit,)))


def _chains_itself(unit: Unit) -> bool:
    """Only a method chains: a special method returning `self` (`__iter__`, `__enter__`,
    `__iadd__`) keeps a protocol, a constructor returns what it made, and a function
    returning the class it was given (`return cls`) is a decorator."""
    name = unit.names[0].lstrip(".") if unit.names else ""
    special = unit.detail == "constructor" or name == "constructor" or name.startswith("__")
    return (
        unit.kind == "method"
        and not special
        and any(effect.verb == "chains" for effect in unit.effects)
    )


def _head_effects(group: Group) -> list[Effect]:
    return [effect for unit in group.units if joins_head(unit) for effect in unit.effects]


def _entry_action(entry: Entry, group: Group, about: Sequence[str]) -> tuple[str, str] | None:
    """What one unit does, as a verb and its object; None when its name says nothing of it."""
    unit = entry.unit
    name = unit.names[0] if unit.names else ""
    if entry.head:
        return _head_action(group)
    if unit.kind in ("method", "function") and operator_family(unit):
        said = _operator_description(unit, group.units).rstrip(".")
        verb, _, rest = said.partition(" ")
        return verb.lower(), rest
    if unit.kind == "method" and is_lifecycle(unit):
        return "runs", _WHEN.get(STAGES.get(name.lstrip("."), "updates"), "on update")
    if _is_entry_name(unit) and any(other.kind == "entry" for other in group.units):
        return "runs", "the program"
    if unit.kind in ("function", "method"):
        called = _own_calls(unit, group.owner)
        bare_verb, objects, _ = split_action(name)
        if called and bare_verb in _DISPATCH_VERBS and not objects:
            return (
                ("dispatches to", listed_text(called, 4))
                if len(called) > 1
                else ("calls", f"the {called[0]} method")
            )
        action = _action_of(unit, about)
        return action if action and action[0] != "gives" else None
    if unit.kind == "handler":
        event = name_as_words(name.lstrip(".#_$").removeprefix("handle").removeprefix("on"))
        event = event.lower()
        return ("handles", event) if event else None
    if unit.kind == "hook":
        if unit.detail in ("useMemo", "useCallback") and name:
            return "derives", f"{name_as_words(name)} from props and state"
        if unit.detail.startswith("use") and unit.detail not in _EFFECT_HOOKS and name:
            return "reads", f"{name_as_words(name)} from {unit.detail}"
        return None
    shown = shown_element(unit.effects)
    if unit.kind == "render":
        parts = [
            name_as_words(part.detail)
            for part in unit.members
            if part.detail and part.detail.lower() not in _PLAIN_TAGS
        ]
        if shown and not parts:
            return "renders", shown
        return ("renders", f"the {listed_text(parts, 3)}") if parts else None
    if unit.kind == "class":
        said = class_description(unit, with_effects=False)
        return (said, "") if said else None
    if unit.kind == "component":
        return "renders", shown or (f"the {name_as_words(name)}" if name else "the component")
    if unit.kind == "type":
        return ("describes the shape of", name_as_words(name)) if name else None
    if unit.kind == "constant":
        return _constant_action(unit)
    if unit.kind == "code":
        return _code_action(unit)
    if unit.kind == "entry" and not any(_is_entry_name(other) for other in group.units):
        return "runs", "the program when the file is executed as a script"
    return None


_DISPATCH_VERBS = frozenset("exec execute run handle dispatch process invoke perform".split())


def _own_calls(unit: Unit, owner: Unit | None) -> list[str]:
    """The other methods of its class a method uses, in file order, as words: what a bare verb
    (`exec`, `run`) hands its work to."""
    if owner is None:
        return []
    return [
        name_as_words(member.names[0])
        for member in owner.members[:NAMES_READ]
        if member.kind in ("method", "handler")
        and member.names
        and member is not unit
        and member.names[0] in unit.references
    ]


def _is_entry_name(unit: Unit) -> bool:
    return unit.kind == "function" and bool(unit.names) and unit.names[0] in ("main", "cli")


def _constant_action(unit: Unit) -> tuple[str, str]:
    """A constant by what its value is: a table, a list, a text, a pattern, a setting."""
    names = [name_as_words(name) for name in unit.names[:3]]
    listed = listed_text(names, 3)
    plural = "s" if len(names) > 1 else ""
    if unit.names and all(DUNDER.match(name) for name in unit.names):
        return "records", f"the package's {listed}"
    if unit.detail == "style":
        return "styles", f"the {listed} element{plural}"
    if unit.detail == "table":
        return "maps", f"the {listed} entries" if not plural else f"the {listed} tables"
    if unit.detail == "list":
        return "lists", f"the {listed}"
    if unit.detail == "pattern":
        return "holds", f"the {listed} pattern{plural}"
    if unit.detail == "text":
        return "holds", f"the {listed} text{plural}"
    return "sets", f"the {listed}"


def _code_action(unit: Unit) -> tuple[str, str] | None:
    """A loose statement by the call it makes: a route, a registration, a setup call."""
    if unit.detail.startswith(("console.", "print", "log.", "logger.")):
        return None
    if unit.argument and unit.detail:
        method = unit.detail.rsplit(".", 1)[-1]
        if method.lower() in ("get", "post", "put", "patch", "delete"):
            return "handles", f"{method.upper()} {unit.argument}"
        return "calls", f"{unit.detail} for {unit.argument}"
    if unit.detail:
        return "calls", f"{unit.detail} when the module is loaded"
    return None


_EFFECT_HOOKS = frozenset(("useEffect", "useLayoutEffect", "useInsertionEffect"))
_PLAIN_TAGS = frozenset("div span fragment p a b i section article".split())


def _head_action(group: Group) -> tuple[str, str] | None:
    """What a class's or component's own lines do: what it is given, keeps or declares."""
    owner = group.owner or group.anchor
    joined = [unit for unit in group.units if joins_head(unit)]
    constructor = next((u for u in joined if is_constructor(u)), None)
    described = next((u.summary for u in joined if u.names[:1] == DESCRIBING and u.summary), "")
    if described:
        return "declares", f"its description ({described.rstrip('.')})"
    if owner.kind == "component":
        given = [name_as_words(p) for p in owner.parameters if p.lower() not in _VAGUE_PARAMETERS]
        kept = [name_as_words(u.names[0]) for u in joined if u.kind == "state" and u.names]
        if kept:
            return "keeps", f"{listed_text(kept, 3)} in state"
        return ("takes", f"the {listed_text(given, 3)} props") if given else None
    if constructor is not None:
        given = [name_as_words(p) for p in constructor.parameters]
        if given:
            return "takes", f"the {listed_text(given, 3)} and sets up the instance"
        return "sets up", "the instance"
    fields = [name_as_words(name) for u in joined if u.kind == "field" for name in u.names[:3]]
    if fields:
        return "declares", f"the {listed_text(fields, 3)} attributes"
    return None


_EFFECT_WORDS = {
    "chains": "returns the instance so calls chain",
    "yields": "yields its results one at a time",
    "fetches": "makes HTTP requests",
    "responds": "sends the HTTP response",
    "prints": "prints its output",
    "logs": "logs what happens",
    "reads": "reads files",
    "writes": "writes files",
    "runs": "runs a subprocess",
    "schedules": "schedules a timer",
    "cancels": "cancels the timer",
    "stores": "keeps data in browser storage",
    "styles": "defines CSS styles",
}


def _effects_clause(effects: Sequence[Effect], said_already: Iterable[str] = ()) -> str:
    """What code visibly does, in words: "throws TypeError, emits the change event".

    A verb the block's actions already say (`renders`) is not said again;
    each verb names at most three things.
    """
    by_verb: dict[str, list[str]] = {}
    skipped = set(said_already)
    shown = "" if "renders" in skipped else shown_element(effects)
    if shown:
        by_verb["renders"] = [shown]
        skipped.add("renders")
    skipped.update(("shows", "says"))
    for effect in effects:
        if effect.verb in skipped:
            continue
        by_verb.setdefault(effect.verb, [])
        if effect.what and effect.what not in by_verb[effect.verb]:
            by_verb[effect.verb].append(effect.what)
    generic = {"raises": ["Exception"], "throws": ["Error"]}
    if len(by_verb) > 1:
        by_verb = {verb: found for verb, found in by_verb.items() if generic.get(verb) != found}
    said = []
    for verb, found in by_verb.items():
        things = found[:3]
        messages = [thing.split(": ", 1)[1] for thing in things if ": " in thing]
        if verb in ("raises", "throws") and messages:
            quoted = [f'"{message}"' for message in messages[:2]]
            said.append(f"fails with {' or '.join(quoted)}")
        elif verb in ("raises", "throws") and things:
            said.append(f"{verb} {listed_text(things, 3)}")
        elif verb == "warns":
            said.append("warns that it is deprecated" if "deprecated" in things else "warns")
        elif verb in ("emits", "listens") and things:
            plural = "s" if len(things) > 1 else ""
            shown = listed_text(things, 3)
            said.append(
                f"emits the {shown} event{plural}"
                if verb == "emits"
                else f"listens for the {shown} event{plural}"
            )
        elif verb == "sets" and things == ["state"]:
            said.append("updates its state")
        elif verb == "sets" and things:
            shown = listed_text([name_as_words(t).removesuffix(" state") for t in things], 3)
            said.append(f"updates the {shown} state" if shown else "updates its state")
        elif verb == "renders" and things:
            said.append(f"renders {listed_text(things, 3)}")
        elif verb == "registers" and things:
            said.append(f"registers {listed_text(things, 2)}")
        elif verb in _EFFECT_WORDS:
            said.append(_EFFECT_WORDS[verb])
    return listed_text(said[:4], 4)


_ELEMENT_NOUNS = {
    "button": "button",
    "form": "form",
    "ul": "list",
    "ol": "numbered list",
    "table": "table",
    "input": "input field",
    "textarea": "text area",
    "select": "drop-down list",
    "dialog": "dialog",
    "nav": "navigation bar",
    "img": "image",
    "a": "link",
    "label": "label",
    "video": "video",
    "audio": "audio player",
}
"""What a user calls the element a render shows."""


def shown_element(effects: Iterable[Effect]) -> str:
    """The element a render shows, as its user sees it: "a 'Load more' button that calls
    onClick", "a list of cards"; "" when it shows none. Reads the first `shows` and `says`."""
    shows = says = ""
    for effect in effects:
        if effect.verb == "shows" and not shows:
            shows = effect.what
        elif effect.verb == "says" and not says:
            says = effect.what
    tag, _, wired = shows.partition(":")
    noun = _ELEMENT_NOUNS.get(tag, "")
    if not noun:
        return ""
    article = "an" if noun[0] in "aeiou" and not says else "a"
    said = f"{article} '{says}' {noun}" if says else f"{article} {noun}"
    if wired and tag in ("ul", "ol", "table"):
        return f"{said} of {name_as_words(wired)}"
    return f"{said} that calls {wired}" if wired else said


def _operator_description(anchor: Unit, units: Sequence[Unit]) -> str:
    """Special methods, said as what they let code write: `a + b`, `a == b`, `len(a)`."""
    family = operator_family(anchor)
    names = [unit.names[0][3:-2] for unit in units if operator_family(unit) == family]
    if family == "Arithmetic operators":
        return f"Lets instances be combined with arithmetic operators ({listed_text(names, 6)})."
    if family == "Comparison operators":
        return "Lets instances be compared and used as dictionary keys."
    if family == "Container protocol":
        return "Lets instances be measured, iterated and indexed like a container."
    if family == "Object representation":
        return "Says how an instance is shown as text and whether it counts as true."
    if family == "Context management":
        return "Lets an instance be used in a with statement."
    return f"Special methods that give instances the {family.lower()}."


_DECLARED_FOR_THE_FRAMEWORK = frozenset(
    "propTypes defaultProps contextTypes childContextTypes displayName".split()
)
"""A component's fields that tell React how to check, default or name its props: what
every class component may declare, never what this one holds for its user."""


def class_description(unit: Unit, with_effects: bool = True) -> str:
    """A class said from what its public methods do, or from what it holds and exposes."""
    name = unit.names[0] if unit.names else ""
    words = words_of(name)
    if re.search(r"(?:Error|Exception)$", name) or re.search(r"(?:Error|Exception)$", unit.detail):
        what = [word for word in words if word.lower() not in ("error", "exception")]
        return f"Error raised for {name_as_words(''.join(what))}" if what else "An error type"
    methods = [
        member
        for member in unit.members[:NAMES_READ]
        if member.kind == "method"
        and member.public
        and member.detail not in ("constructor", "get", "property", "cached_property")
        and not member.names[0].startswith(".__")
    ]
    actions = [
        action
        for member in methods[:8]
        if (action := _action_of(member, words[:2])) is not None and action[0] != "gives"
    ]
    effects = _effects_clause([e for m in unit.members for e in m.effects]) if with_effects else ""
    said = listed_text(_merge_actions(actions), 3)
    if said:
        return f"{said}; {effects}" if effects else said
    if effects:
        return effects
    held = [
        name_as_words(n)
        for m in unit.members
        if m.kind == "field"
        for n in m.names[:6]
        if n.lstrip(".") not in _DECLARED_FOR_THE_FRAMEWORK
    ]
    held += [name_as_words(p) for m in unit.members if is_constructor(m) for p in m.parameters]
    exposed = [
        name_as_words(m.names[0])
        for m in unit.members
        if m.detail in ("get", "property", "cached_property") and m.names
    ]
    said = " and ".join(
        part
        for part in (
            f"holds the {listed_text(list(dict.fromkeys(held)), 3)}" if held else "",
            f"exposes the {listed_text(list(dict.fromkeys(exposed)), 3)}" if exposed else "",
        )
        if part
    )
    return said


def action_sentence(unit: Unit) -> str:
    """What a function does, said from its name and parameters ("Loads the config from the
    given path."), or "" when its name says no action."""
    action = _action_of(unit)
    return as_sentence(f"{action[0]} {action[1]}") if action else ""


_VAGUE_PARAMETERS = frozenset(
    """args kwargs options opts props config ctx context event e evt _ cb callback fn func
    kw rest params self cls req res next""".split()
)
_SOURCE_PARAMETERS = frozenset(
    """path file filename filepath url uri text source src stream string content raw line
    lines buffer input fp html json yaml xml""".split()
)
_FUNCTION_PARAMETERS = frozenset("fn func callback cb handler listener".split())
_READING_VERBS = frozenset("load read parse fetch decode extract import open scan".split())


def _action_of(unit: Unit, subject: Sequence[str] = ()) -> tuple[str, str] | None:
    """What a function or method does, as a verb and its object: ("loads", "the config").

    The object comes from the name, else from what the class or file is
    about, else from the first parameter; a reading verb says what it reads
    from (`load(path)` in an inventory module: "loads the inventory from the
    given path"). A name without a verb is what the function returns.
    """
    name = unit.names[0] if unit.names else ""
    words = words_of(name.lstrip(".#_$"))
    if unit.detail in ("get", "property", "cached_property") and words:
        return "gives", "the " + " ".join(word_shown(word) for word in words)
    if unit.kind == "function" and name.lower() in ("main", "cli", "run_cli"):
        return "runs", "the program"
    if len(words) > 1 and words[0] == "use":
        return "provides", "the " + " ".join(word_shown(word) for word in words[1:]) + " as a hook"
    verb, objects, tail = split_action(name)
    also = second_verb(words, verb)
    if verb is None and len(words) == 1 and re.search(r"(?:ify|ize|ise|ate)$", words[0]):
        verb = words[0].lower()
    if verb is None:
        if not _names_a_value(words):
            return None
        if len(words) > 1 and unit.kind == "function":
            return "returns", "the " + " ".join(word_shown(word) for word in words)
        if words:
            return "gives", "the " + " ".join(word_shown(word) for word in words)
        return None
    if verb in ("is", "has", "can", "should") and not objects:
        return None
    if verb in ("is", "has", "can", "should"):
        state = " ".join(word_shown(word) for word in objects[:-1]) or None
        thing = singular(objects[-1]).lower()
        if verb == "is" and state:
            return "checks whether", f"the {thing} is {state}"
        return "checks whether", f"it {verb} {' '.join(word_shown(word) for word in objects)}"
    parameters = [p for p in unit.parameters if p.lower() not in _VAGUE_PARAMETERS]
    subject = [word for word in subject if verb_of(word) != verb]
    thing_words = [*objects, *tail]
    first = unit.parameters[0].lower() if unit.parameters else ""
    if not objects and first in _FUNCTION_PARAMETERS:
        thing_words = ["a", "function"]
    elif not objects and first and first not in _VAGUE_PARAMETERS | _SOURCE_PARAMETERS:
        thing_words = [*words_of(ABBREVIATIONS.get(first, unit.parameters[0])), *tail]
        parameters = parameters[1:]
    elif not objects and subject:
        thing_words = [*subject, *tail]
    thing = " ".join(word_shown(word) for word in thing_words if word)
    if thing and not tail and thing_words[0].lower() not in DETERMINERS:
        thing = "the " + thing
    source = next((p for p in parameters if p.lower() in _SOURCE_PARAMETERS), None)
    if source and verb in _READING_VERBS:
        thing = f"{thing} from the given {name_as_words(source)}".strip()
    elif objects and not tail and verb in (_COMPUTING_VERBS | QUERY_VERBS) - _READING_VERBS:
        thing = (
            f"{thing}{_inputs(parameters, thing, 'from' if verb in _COMPUTING_VERBS else 'for')}"
        )
    if not thing:
        return None
    said = third_person(verb) + (f" and {third_person(also)}" if also else "")
    return said, thing


_COMPUTING_VERBS = frozenset(
    """calculate calc compute make build create generate convert derive estimate format
    normalize serialize hash encode decode merge resolve render""".split()
)
"""Verbs whose result is made from what the function is given: a description says from
what ("calculates the retry delay from the given attempt count"), which the name does not."""


def _inputs(parameters: Sequence[str], thing: str, preposition: str) -> str:
    """What a computing or looking-up function works from, as " from the given X and Y":
    its first two parameters the name does not already say, each of three letters or more
    (`f`, `el` say nothing); "" when it has none."""
    said = {word.lower() for word in thing.split()}
    given = [
        name_as_words(ABBREVIATIONS.get(p.lower(), p))
        for p in parameters[:4]
        if len(p.strip("_*$")) > 2 and not {word.lower() for word in words_of(p)} <= said
    ][:2]
    return f" {preposition} the given {listed_text(given, 2)}" if given else ""


_NOT_A_VALUE = frozenset("do maybe possibly try in on if when not".split())
_GLUED_VERB = re.compile(r"(?:get|set|del|has|is)[a-z]{3,}")
"""`setstate`, `getattr`: a verb and its object written as one word, Python's special
method style, so the name says an action, not a value."""


def _names_a_value(words: Sequence[str]) -> bool:
    """A verbless name reads as the value a function gives (`color_status`, `exact_ratio`)
    unless it opens with an adverb or a helper word (`maybe_compile`, `do_cmp`) or ends
    with a past participle or a verb that is no noun (`possibly_sorted`, `slave_open`,
    `dataclass_setstate`)."""
    if not words:
        return False
    first, last = words[0].lower(), words[-1].lower()
    past = last.endswith("ed") and verb_of(last)
    return not (first in _NOT_A_VALUE or past or last in _ONLY_VERBS or _GLUED_VERB.fullmatch(last))


_ONLY_VERBS = frozenset("open close compile run exec execute parse encode decode".split())
"""Verbs that are never the noun of a value, unlike `cache`, `check` or `tag`."""


def _merge_actions(actions: Sequence[tuple[str, str]]) -> list[str]:
    """Actions on one thing share it, actions with one verb share the verb.

    ("parses", "the settings") and ("reads", "the settings") give "parses and
    reads the settings"; three setters give "sets the payment, address and
    tracking number"; words a thing opens with as the first did are said once
    ("lets instances be compared, combined with operators and measured").
    """
    by_thing: dict[str, list[str]] = {}
    for verb, thing in actions:
        by_thing.setdefault(thing, []).append(verb)
    by_verbs: dict[str, list[str]] = {}
    for thing, verbs in by_thing.items():
        things = by_verbs.setdefault(listed_text(list(dict.fromkeys(verbs))), [])
        things.append(_without_opening(thing, things[0]) if things else thing)
    return [
        f"{verbs} {_with_one_when(things)}".strip() for verbs, things in list(by_verbs.items())[:4]
    ]


def _without_opening(thing: str, first: str) -> str:
    """`thing` without "the", or without the two or three words it opens with as `first`
    does ("instances be"), so a list says them once. One shared noun stays: "card
    header" after "the card" is not a header of anything said."""
    words = thing.removeprefix("the ").split()
    opening = first.removeprefix("the ").split()
    shared = 0
    while shared < min(3, len(words) - 1, len(opening)) and words[shared] == opening[shared]:
        shared += 1
    return " ".join(words[shared:] if shared > 1 else words)


def _with_one_when(things: list[str]) -> str:
    """Things listed, a "when ..." or "from the given ..." clause they all end with said
    once, at the end: "X.update and Y.update when the module is loaded"."""
    for joint in (" when ", " from the given ", " for the given "):
        clause = things[0].partition(joint)[2] if things else ""
        ending = f"{joint}{clause}"
        if len(things) > 1 and clause and all(t.endswith(ending) for t in things):
            return f"{listed_text([t.removesuffix(ending) for t in things])}{ending}"
    return listed_text(things)
