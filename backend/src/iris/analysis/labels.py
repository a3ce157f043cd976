"""Block labels: what each block is responsible for, in two to five words.

A label is a noun phrase naming a responsibility in the reader's words,
written from the code's own names (`CSVReader` is "CSV reader",
`load_config` "Config loading", `formatBytes` "Byte formatting", `S3Model`
"S3 model"), distinct within the answer, never a catch-all such as
"helpers". Parallel siblings are named by what they share ("Feature
registration") or by what differs ("User creation", "User deletion"); a
block of two responsibilities by both when that fits ("Argument parsing
and order loading").

Each label reads a bounded number of a group's units (`NAMES_READ`), and
making labels distinct tries at most that many words per block.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from iris.analysis.model import Group, Unit
from iris.analysis.reading import (
    DESCRIBING,
    DUNDER,
    NAMES_READ,
    STAGES,
    Entry,
    entries_of,
    fluent_setters,
    is_lifecycle,
    joins_head,
    operator_family,
    reexports,
    words_of_owner,
)
from iris.analysis.words import (
    ABBREVIATIONS,
    DETERMINERS,
    FILLER_WORDS,
    QUERY_VERBS,
    UPDATE_VERBS,
    action_noun,
    lower_first,
    phrase,
    plural_of,
    second_verb,
    singular,
    split_action,
    subject_words,
    verb_of,
    without_prefix,
    words_of,
    words_of_text,
)

MAX_LABEL_WORDS = 5
_HTML_TAGS = {
    "ul": "List",
    "ol": "List",
    "li": "List item",
    "table": "Table",
    "form": "Form",
    "nav": "Navigation",
    "header": "Header",
    "footer": "Footer",
    "button": "Button",
    "input": "Input field",
    "select": "Dropdown",
    "dialog": "Dialog",
    "section": "Section",
    "aside": "Sidebar",
    "main": "Main content",
}
_ROUTE_ACTIONS = {
    "post": "creation",
    "put": "update",
    "patch": "update",
    "delete": "deletion",
}


def function_label(name: str, subject: str = "", kind: str = "function") -> str:
    """`load_config` is "Config loading", `get_user_by_id` "User retrieval by ID".

    A bare verb (`load`) takes its object from `subject`, the file's name:
    `load` in `inventory.py` is "Inventory loading".
    """
    found = words_of(name.lstrip(".#_$"))
    if not found:
        return "Function definition"
    first = found[0].lower()
    if first == "main" and len(found) == 1:
        return "Program entry point"
    if first == "use" and len(found) > 1:
        return phrase(_cap([*found[1:4], "hook"]))
    if first in ("handle", "on") and len(found) > 1:
        return _handler_label(found[1:])
    verb, objects, tail = split_action(name)
    if verb:
        if not objects:
            objects = [word for word in subject_words(subject) if verb_of(word) != verb]
        objects = [word for word in objects if singular(word).lower() != action_noun(verb)]
        if objects and all(word.lower() in DETERMINERS for word in objects):
            return phrase(_cap(["bulk", action_noun(verb), *tail]))
        objects = [word for word in objects if word.lower() not in DETERMINERS]
        second = second_verb(found, verb)
        doing = [action_noun(verb), "and", action_noun(second)] if second else [action_noun(verb)]
        if not objects and not tail:
            return phrase(doing if second else [*doing, "logic"])
        objects = [ABBREVIATIONS.get(word.lower(), word) for word in objects]
        objects = [*objects[-3:-1], singular(objects[-1])] if objects else []
        if len(objects) + len(doing) + len(tail) > MAX_LABEL_WORDS:
            doing = doing[:1]
        return phrase(_cap([*objects, *doing, *tail]))
    if len(found) == 1 and kind == "logic" and subject_words(subject):
        return phrase(_cap([*subject_words(subject)[-2:], found[0]]))
    if len(found) == 1:
        return phrase([found[0], kind])
    return phrase(_cap(found))


_EVENT_WORDS = frozenset(
    """change click press down up input submit select focus blur scroll resize load error
    close open toggle drag drop enter leave over out move hover key keydown keyup""".split()
)
"""What an event handler's name ends with when it names the event, not what it does:
`handleOpenChange` handles the open state's change; it does not open the change."""


def _handler_label(found: list[str]) -> str:
    if len(found) > 1 and found[-1].lower() in _EVENT_WORDS:
        return phrase(_cap([*found[-3:], "handling"]))
    verb = verb_of(found[0])
    if verb and len(found) > 1:
        return phrase(_cap([*found[1:3], action_noun(verb)]))
    if verb:
        return phrase([action_noun(verb), "handling"])
    return phrase(_cap([*found[:3], "handling"]))


def _cap(words: Sequence[str]) -> list[str]:
    return list(words[:MAX_LABEL_WORDS])


def class_label(name: str, base: str = "") -> str:
    """`CSVReader` is "CSV reader", `TransactionFilter` "Transaction filter"."""
    found = without_prefix(words_of(name.lstrip("_")))
    if not found:
        return phrase([*words_of(base)[:3], "class"]) if base else "Class definition"
    if len(found) == 1:
        kind = "error" if re.search(r"(?:Error|Exception)$", base) else "class"
        base_words = words_of(base.rsplit(".", 1)[-1])
        if kind == "class" and base_words and base_words[-1].lower() in _BASE_KINDS:
            kind = base_words[-1].lower()
        if found[0].lower() in ("error", "exception"):
            kind = "type"
        if found[0].lower() == kind:
            kind = "definition"
        return phrase([found[0], kind])
    return phrase(_cap(found))


_BASE_KINDS = frozenset(
    """command controller service plugin element component model view handler provider
    store widget middleware adapter reporter""".split()
)
"""What a one-word class is when its base says it: `Token extends BaseCommand` is a command."""


def component_label(name: str) -> str:
    """A React component: `UserCard` is "User card component"."""
    found = words_of(name)
    if found and found[-1].lower() in ("component", "view", "page", "screen", "provider"):
        return phrase(_cap(found))
    return phrase([*found[:4], "component"]) if found else "React component"


def type_label(names: Sequence[str]) -> str:
    """Types named after what they describe: `StockLevel` gives "Stock level types"."""
    first_words = Counter(
        words_of(name)[0] for name in names[:NAMES_READ] if words_of(name)
    ).most_common(1)
    if len(names) > 1 and first_words and first_words[0][1] > 1:
        return phrase([singular(first_words[0][0]), "types"])
    found = words_of(names[0]) if names else []
    if not found:
        return "Type declarations"
    if found[-1].lower() in ("type", "types", "props", "schema", "interface", "options", "config"):
        return phrase(_cap(found)) if len(found) > 1 else phrase([found[0], "declarations"])
    return phrase([*found[:4], "type" if len(names) == 1 else "types"])


def constant_label(names: Sequence[str]) -> str:
    """Settings named by what their names share: `DB_POOL_MIN` and `DB_POOL_MAX` are DB pool."""
    words = [words_of(name) for name in names[:NAMES_READ] if words_of(name)]
    if not words:
        return "Module settings"
    if all(DUNDER.match(name) for name in names[:NAMES_READ]):
        return "Package metadata"
    found = _shared_prefix(words) or words[0]
    last = found[-1].lower()
    if last in ("config", "configuration", "settings", "options", "constants", "styles", "table"):
        return phrase(_cap(found))
    if len(words) == 1 and len(found) == 1 and singular(found[0]) != found[0]:
        return phrase([singular(found[0]), "table"])
    return phrase([*found[:4], "settings"])


_CALL_LABELS = (
    (re.compile(r"(?:^|\.)(?:get|post|put|patch|delete|all|route)$"), "HTTP route handlers"),
    (re.compile(r"(?:^|\.)(?:use)$"), "Middleware setup"),
    (re.compile(r"(?:^|\.)listen$"), "Server startup"),
    (re.compile(r"^(?:describe|it|test|suite)(?:\.\w+)?$"), "Test suite"),
    (re.compile(r"(?:render|createRoot|hydrate\w*)$"), "App rendering"),
    (re.compile(r"(?:^|\.)(?:main|run|start)$"), "Program startup"),
    (re.compile(r"(?:^|\.)(?:config|configure|setup|init\w*)$"), "Module configuration"),
    (re.compile(r"(?:^|\.)(?:register\w*|define|add\w*|command|on)$"), "Registrations"),
)


def _call_label(call: str) -> str | None:
    """The label of a call that runs the program, or None for any other call."""
    if call:
        for pattern, label in _CALL_LABELS:
            if pattern.search(call):
                return label
    return None


def route_label(unit: Unit) -> str | None:
    """`router.get('/users/:id')` is "User retrieval", `router.post('/users')` "User creation"."""
    method = unit.detail.rsplit(".", 1)[-1].lower()
    path = unit.argument
    if method not in ("get", "post", "put", "patch", "delete") or not path.startswith("/"):
        return None
    segments = [part for part in path.strip("/").split("/") if part]
    static = [part for part in segments if not part.startswith((":", "{", "<", "*", "["))]
    resource = words_of(static[-1]) if static else []
    if not resource:
        return phrase(["Root", "route"]) if method == "get" else None
    with_parameter = bool(segments) and segments[-1] != static[-1]
    if method == "get":
        action = "retrieval" if with_parameter else "listing"
    else:
        action = _ROUTE_ACTIONS[method]
    return phrase(_cap([*resource[:-1], singular(resource[-1]), action]))


_DEFINES = re.compile(r"(?:^|\.)define([A-Z]\w*)$")
"""`defineGetter(req, 'host', ...)` defines the host getter."""


def code_label(unit: Unit) -> str:
    """Loose top-level statements, named after the call they make and what it is given."""
    route = route_label(unit)
    if route:
        return route
    argument = [word for word in words_of(unit.argument) if len(word) > 1][:3]
    call = unit.detail
    if argument and re.search(r"^(?:describe|it|test|suite)\b", call):
        return phrase([*argument, "tests"])
    if argument and re.search(r"(?:register\w*|command|define|on)$", call):
        return phrase([*argument, "registration"])
    defined = _DEFINES.search(call)
    if argument and defined:
        return phrase([*argument, *words_of(defined.group(1))[-1:]])
    label = _call_label(call)
    if label:
        return label
    owner = words_of(call.split(".")[0]) if call else []
    return phrase([*owner[:3], "setup"]) if owner else "Module setup"


def label_of(group: Group, subject: str = "") -> str:
    """The label of one group, before labels are made distinct."""
    label = _label(group, subject)
    if label in ("Package metadata", "Module dependencies") and reexports(group):
        return (
            "Public API and package metadata"
            if label != "Module dependencies"
            else ("Public API re-exports")
        )
    label = label if " " in label else f"Module {label.lower()}"
    if "import" not in label.lower() and len(entries_of(group)) == 1 and _mostly_imports(group):
        words = ["Imports", "and", lower_first(label)]
        return " ".join(words) if len(label.split()) <= MAX_LABEL_WORDS - 2 else label
    return label


def _mostly_imports(group: Group) -> bool:
    """Imports are two thirds of the block's lines: a small helper among them is not what
    the block is ("Noop function" over twenty imports)."""
    weights = group.weights or tuple(unit.end - unit.start + 1 for unit in group.units)
    pairs = list(zip(group.units[: NAMES_READ * 4], weights, strict=False))
    imported = sum(weight for unit, weight in pairs if unit.kind == "import")
    return imported * 3 >= sum(weight for _, weight in pairs) * 2 > 0


def _label(group: Group, subject: str) -> str:
    """What the block is for: its main unit's responsibility, or what its units share.

    One unit of most of the block's lines names it; units of one kind are
    named by what their names share (four `register_*` functions are
    "Feature registration", three handlers "Vote and toggle handlers");
    two different ones by both, when that fits in five words.
    """
    entries = entries_of(group)
    if not entries:
        return _unit_label(group.anchor, group, subject)
    headings = {entry.unit.heading for entry in entries if entry.unit.kind in _SECTIONED}
    if len(headings) == 1 and "" not in headings and len(headings) == 1:
        heading = headings.pop()
        if all(entry.unit.kind in _SECTIONED for entry in entries):
            return phrase(_cap(words_of_text(heading)))
    if fluent_setters(entries):
        return phrase([*words_of_owner(group.owner)[:3], "configuration"])
    total = sum(entry.weight for entry in entries)
    top = entries[0]
    if len(entries) == 1 or (top.weight >= 0.65 * total and top.weight >= 2 * entries[1].weight):
        return _entry_label(top, group, subject)
    kinds: Counter[str] = Counter()
    for entry in entries:
        kinds["head" if entry.head else entry.unit.kind] += entry.weight
    kind, weight = kinds.most_common(1)[0]
    same = [entry.unit for entry in entries if not entry.head and entry.unit.kind == kind]
    if weight >= 0.7 * total and len(same) > 1:
        label = _kind_label(kind, same, group, subject)
        if label:
            return label
    if entries[1].weight < 3:
        return _entry_label(top, group, subject)
    first, second = _entry_label(top, group, subject), _entry_label(entries[1], group, subject)
    paired = _pair_label(first, second)
    if paired == first and entries[1].head:
        return second
    return paired


_SECTIONED = frozenset(("constant", "type", "code"))
"""Kinds named by the section heading they sit under, when they have one."""


def _entry_label(entry: Entry, group: Group, subject: str) -> str:
    return _head_label(group) if entry.head else _unit_label(entry.unit, group, subject)


def _pair_label(first: str, second: str) -> str:
    """Two responsibilities in one label when it fits in five words, else the first.

    "Argument parsing" and "Order loading" are "Argument parsing and order
    loading"; "CSV export" and "JSON export" are "CSV and JSON export".
    """
    a, b = first.split(), second.split()
    if a == b or second.lower() in first.lower():
        return first
    if len(a) > 1 and len(b) > 1 and [w.lower() for w in a[:-1]] == [w.lower() for w in b[:-1]]:
        return phrase([*a, "and", b[-1]]) if len(a) + 2 <= MAX_LABEL_WORDS else first
    if len(a) > 1 and len(b) > 1 and a[-1].lower() == b[-1].lower() and len(a) + len(b) <= 5:
        return phrase([*a[:-1], "and", *b[:-1], plural_of(b[-1])])
    if len(a) + len(b) + 1 <= MAX_LABEL_WORDS:
        return phrase([*a, "and", *b])
    return first


def _lifecycle_label(units: Sequence[Unit], owner_words: Sequence[str]) -> str:
    """Lifecycle methods named by the stages they serve: "Poll setup and teardown", not by
    the framework's method names, so two lifecycle blocks of one class read apart."""
    stages = list(
        dict.fromkeys(
            STAGES.get(unit.names[0].lstrip("."), "updates")
            for unit in sorted(units, key=lambda unit: unit.start)
            if unit.names
        )
    )[:2]
    joined = [stages[0], "and", stages[1]] if len(stages) == 2 else stages
    return phrase([*owner_words[:2], *joined]) if owner_words else phrase(["Lifecycle", *joined])


def _unit_label(unit: Unit, group: Group, subject: str) -> str:
    """The label of one unit or part, by its kind and names."""
    name = unit.names[0] if unit.names else ""
    kind = unit.kind
    owner_words = words_of_owner(group.owner)
    if unit.heading and kind in ("constant", "type", "code"):
        return phrase(_cap(words_of_text(unit.heading)))
    if kind == "method" and operator_family(unit):
        return operator_family(unit)
    if unit.detail == "constructor" or name == ".__init__":
        return phrase([*(owner_words[:3] or ["instance"]), "construction"])
    if kind == "method" and is_lifecycle(unit):
        return _lifecycle_label([unit], owner_words)
    if kind == "method":
        return function_label(name, "".join(owner_words) or subject, "logic")
    if kind == "handler":
        return function_label(name)
    if kind == "hook":
        return _hook_label(unit, group.owner)
    if kind == "render":
        return _render_label(unit, group.owner)
    if kind == "style":
        return phrase([*owner_words, "styles"])
    if kind == "state":
        return phrase([*owner_words, "state"])
    if kind == "field":
        return phrase([*owner_words, "properties"]) if owner_words else "Class properties"
    if kind == "function" and any(effect.verb == "styles" for effect in unit.effects):
        return "Style definitions"
    if kind == "function":
        return function_label(name, subject)
    if kind == "component":
        return component_label(name)
    if kind == "class":
        return class_label(name, unit.detail)
    if kind == "type":
        return type_label(unit.names[:1])
    if kind == "constant" and unit.detail == "style":
        return phrase([*words_of(name)[:3], "styles"])
    if kind == "constant":
        return constant_label(unit.names[:4])
    if kind == "entry":
        return "Script entry point"
    if kind == "export":
        folders = [part for part in unit.detail.split("/")[:-1] if part not in (".", "..")]
        source = words_of(folders[-1] if folders else unit.detail.rsplit("/", 1)[-1])
        return phrase([singular(source[-1]), "re-exports"]) if source else "Public exports"
    if kind == "import":
        return "Module dependencies"
    return code_label(unit)


def _kind_label(kind: str, units: Sequence[Unit], group: Group, subject: str) -> str:
    """Units of one kind named together by what they share, or "" when they share nothing."""
    owner_words = words_of_owner(group.owner)
    names = [unit.names[0] for unit in units[:NAMES_READ] if unit.names]
    if kind in ("function", "method"):
        families = {operator_family(unit) for unit in units}
        if len(families) == 1 and "" not in families:
            return families.pop()
        if all(is_lifecycle(unit) for unit in units):
            return _lifecycle_label(units, owner_words)
        return _siblings_label(units, group.owner, subject)
    if kind == "handler":
        events = [
            words_of(name.lstrip(".#_$").removeprefix("handle").removeprefix("on"))[:2]
            for name in names[:3]
        ]
        events = [found for found in events if found]
        if len(events) == 2 and len(events[0]) == len(events[1]) == 2:
            if events[0][0].lower() == events[1][0].lower():
                return phrase(_cap([*events[0], "and", events[1][1], "handlers"]))
            return phrase(_cap([events[0][0], "and", events[1][0], "handlers"]))
        if len(events) == 2:
            return phrase(_cap([*events[0], "and", *events[1], "handlers"]))
        return phrase([*owner_words, "event handlers"])
    if kind in ("hook", "state"):
        return phrase([*owner_words, "state and effects"])
    if kind == "render":
        return phrase([*owner_words, "rendering"])
    if kind == "type":
        return type_label(names)
    if kind == "constant":
        return constant_label([name for unit in units for name in unit.names[:4]])
    if kind in ("class", "component"):
        shared = _shared_words([without_prefix(words_of(name)) for name in names])
        if shared:
            plural = "components" if kind == "component" else "classes"
            return phrase([*shared[-2:], plural])
        return ""
    if kind == "code":
        calls = {unit.detail for unit in units}
        defined = _DEFINES.search(calls.pop()) if len(calls) == 1 else None
        in_order = sorted(units, key=lambda unit: unit.start)
        arguments = [words_of(unit.argument)[:2] for unit in in_order if unit.argument]
        if defined and len(arguments) == len(units):
            thing = words_of(defined.group(1))[-1:]
            plural = plural_of(thing[0])
            if len(arguments) == 2 and len(arguments[0]) + len(arguments[1]) <= 3:
                return phrase(_cap([*arguments[0], "and", *arguments[1], plural]))
            if len(arguments) == 3 and all(len(found) == 1 for found in arguments):
                first, second, third = (found[0] for found in arguments)
                return phrase([f"{first},", second, "and", third, plural])
            return phrase(_cap([*arguments[0], "and", "related", plural]))
        labels = [label for unit in units if (label := route_label(unit))]
        if len(labels) == len(units):
            if len(labels) == 2:
                return _pair_label(*labels)
            resources = {label.split()[0] for label in labels}
            if len(resources) == 1:
                return phrase([singular(resources.pop()), "routes"])
            return "HTTP routes"
    return ""


def _head_label(group: Group) -> str:
    """An opened class's or component's own lines: its construction, state or attributes."""
    owner = group.owner or group.anchor
    words = words_of_owner(owner) or without_prefix(words_of(owner.names[0] if owner.names else ""))
    joined = [unit for unit in group.units if joins_head(unit)]
    if owner.kind == "component":
        has_state = any(unit.kind in ("state", "hook") for unit in joined)
        return phrase([*words[:3], "state" if has_state else "props"])
    if any(unit.detail == "constructor" or unit.names[:1] == (".__init__",) for unit in joined):
        return phrase([*words[:3], "construction"])
    if any(unit.names[:1] in (DESCRIBING,) for unit in joined):
        return phrase([*words[:3], "metadata"])
    return phrase([*words[:3], "attributes" if joined else "definition"])


def _siblings_label(siblings: Sequence[Unit], owner: Unit | None, subject: str) -> str:
    """Parallel functions or methods, named by what they share: the object, the verb or the kind.

    `set_password` and `verify_password` are "Password setting and verification";
    `register_feature_to_a` and `register_feature_to_b` "Feature registration";
    a class's `getStatus` and `getContext` "Status and context retrieval"; a
    longer run of accessors "Order queries" after the class they belong to.
    Siblings that share nothing give "".
    """
    split = [split_action(unit.names[0]) for unit in siblings[:NAMES_READ] if unit.names]
    verbs = list(dict.fromkeys(verb for verb, _, _ in split if verb))
    objects = [things for _, things, _ in split if things]
    every = len(objects) == len(split) > 1
    shared = _shared_words(objects) if every else []
    shared = shared or (_shared_prefix(objects) if every and len(verbs) == 1 else [])
    base = words_of_owner(owner) or subject_words(subject)
    if shared and verbs:
        nouns = [action_noun(verb) for verb in verbs[:2]]
        joined = [nouns[0], "and", nouns[1]] if len(nouns) == 2 else nouns
        return phrase(_cap([*shared[:-1][:1], singular(shared[-1]), *joined]))
    if len(verbs) == 1 and len(objects) == 2 and len(objects[0]) + len(objects[1]) <= 3:
        return phrase([*objects[0], "and", *objects[1], action_noun(verbs[0])])
    if verbs and len(verbs) == len(split) and all(verb in QUERY_VERBS for verb in verbs):
        return phrase([*base, "queries"] if base else ["Lookup", "functions"])
    if verbs and len(verbs) == len(split) and all(verb in UPDATE_VERBS for verb in verbs):
        return phrase([*base, "updates"] if base else ["Update", "functions"])
    if len(verbs) == 1 and all(verb for verb, _, _ in split) and len(split) == len(siblings):
        return phrase(_cap([*base[:2], action_noun(verbs[0])]) if base else [verbs[0], "functions"])
    words = _shared_words([words_of(unit.names[0].lstrip(".#_$")) for unit in siblings])
    if words:
        return phrase(
            _cap([*words[-2:], "functions" if siblings[0].kind == "function" else "methods"])
        )
    return ""


def _shared_words(objects: Sequence[Sequence[str]]) -> list[str]:
    """Object words every name has, in the first name's order (`password` in `set_password`)."""
    if not objects or not all(objects):
        return []
    common = {singular(word).lower() for word in objects[0]}
    for other in objects[1:]:
        common &= {singular(word).lower() for word in other}
    return [word for word in objects[0] if singular(word).lower() in common]


def _shared_prefix(objects: Sequence[Sequence[str]]) -> list[str]:
    """The words every name opens with (`DB`, `POOL` in `DB_POOL_MIN` and `DB_POOL_MAX`)."""
    if not objects:
        return []
    prefix = list(objects[0])
    for other in objects[1:]:
        count = 0
        while (
            count < min(len(prefix), len(other)) and prefix[count].lower() == other[count].lower()
        ):
            count += 1
        prefix = prefix[:count]
    return prefix


def _hook_label(unit: Unit, owner: Unit | None) -> str:
    """`filteredItems = useMemo(...)` is "Item filtering", `visibleTasks` "Visible tasks";
    an effect is named by the state it sets ("Items update effect")."""
    name = unit.names[0] if unit.names else ""
    found = words_of(name)
    if found:
        verb = verb_of(found[0])
        if verb and len(found) > 1:
            return phrase(_cap([*found[1:-1], singular(found[-1]), action_noun(verb)]))
        if len(found) > 1:
            return phrase(_cap(found))
        return phrase(["derived", found[0]] if unit.detail == "useMemo" else [found[0], "value"])
    updated = [effect.what for effect in unit.effects if effect.verb == "sets"]
    if updated:
        return phrase(_cap([*words_of(updated[0])[:3], "update", "effect"]))
    called = words_of(unit.detail)[1:3]
    if called and unit.detail not in ("useEffect", "useLayoutEffect"):
        return phrase([*called, "hook"])
    return phrase([*words_of_owner(owner), "side effects"])


def _render_label(unit: Unit, owner: Unit | None) -> str:
    """A rendered element by its class, id or tag; a whole `return` by its component."""
    hint = unit.detail
    if unit.members and owner is not None:
        return phrase([*words_of_owner(owner), "rendering"])
    if hint.lower() in _HTML_TAGS:
        return phrase([*words_of(_HTML_TAGS[hint.lower()]), "rendering"])
    words = [word for word in words_of(hint) if word.lower() not in ("div", "span", "fragment")]
    if words:
        return phrase(_cap([*words[:3], "rendering"]))
    return phrase([*words_of_owner(owner), "rendering"])


def distinct_labels(labels: list[str], groups: Sequence[Group]) -> list[str]:
    """Labels made distinct: a repeated one says what differs (the call's argument, a name).

    Each label tries the words of its anchor, then of its other units, until
    one gives a label not yet taken; only where no word of the block tells it
    apart does it say which in order it is ("Later module setup"), never a
    number. At most `NAMES_READ` units are tried per label and there are
    twelve blocks at most, so the work stays small.
    """
    counts = Counter(labels)
    taken: set[str] = set()
    result = []
    for label, group in zip(labels, groups, strict=True):
        candidate = label
        if counts[label] > 1:
            tried = (group.anchor, *group.units[:NAMES_READ])
            options = (_qualified(label, unit) for unit in tried)
            candidate = next((option for option in options if option not in taken), label)
        if candidate in taken:
            candidate = next(
                (
                    option
                    for word in _ORDINALS
                    if (option := phrase([word, *label.split()][:MAX_LABEL_WORDS])) not in taken
                ),
                candidate,
            )
        taken.add(candidate)
        result.append(candidate)
    return result


_ORDINALS = ("later", "further", "more", "final", "trailing", "closing")
"""What tells apart blocks no name does, by where they stand: "Later module setup"."""


def _qualified(label: str, anchor: Unit) -> str:
    """`label` with the words that tell this group apart: `/users` routes, `Avatar` settings."""
    found = words_of(anchor.argument) or words_of(anchor.names[0] if anchor.names else "")
    if not found and anchor.detail:
        found = words_of(anchor.detail)
    qualifier = [
        word
        for word in found
        if word.lower() not in label.lower() and word.lower() not in FILLER_WORDS
    ][:2]
    if not qualifier:
        return label
    kept = label.split()[-(MAX_LABEL_WORDS - len(qualifier)) :]
    return phrase([*qualifier, *kept])
