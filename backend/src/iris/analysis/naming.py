"""The prose of an analysis: block labels, descriptions and the file intent.

The rules for a good answer, which every language follows:

- a label is a noun phrase of 2 to 5 words naming a responsibility in the
  reader's words, written from the code's own names (`CSVReader` is "CSV
  reader", `load_config` "Config loading", `formatBytes` "Byte formatting",
  `S3Model` "S3 model"), distinct within the answer, never a catch-all such
  as "helpers"; parallel siblings are named by what they share ("Feature
  registration") or by what differs ("User creation", "User deletion");
- a description says what the block does and why a reader would open it:
  the author's doc text where there is one, else what the code does, said
  from its names (what it loads, renders, handles, holds), never a bare
  list of names;
- the intent says what the file is for, in 2 to 20 words: from its doc text
  when it has some (never a pragma, shebang, licence or commented-out
  code), else from its main export and what its parts do.

Every function here looks at a bounded prefix of its input (`MAX_NAME`,
`MAX_DOC` characters, a few units of a group), so the prose costs the same
for a huge literal as for a short one, and nothing here recurses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from iris.analysis.budget import Budget
from iris.analysis.model import Block, Group, Unit

MAX_NAME = 80
MAX_DOC = 2000
MAX_LABEL_WORDS = 5
INTENT_WORDS = 20
DESCRIPTION_LIMIT = 240
NAMES_READ = 24
"""How many units of a group the namer reads: enough to say what a group does."""
_WORD = re.compile(r"[A-Z]+\d*(?=[A-Z][a-z])|[A-Z]?[a-z]+\d*|[A-Z]+\d*|\d+")
_ACRONYMS = frozenset(
    """api ast aws cli cors css csv db dns dom gc gui html http https id io ip js json jsx jwt
    llm mime orm pdf rpc sdk sha sql ssh ssl svg tcp tls ts tsx ui uri url utf uuid vm xml
    xss yaml ssr ttl url urls ids""".split()
)
_NOUN_OF_VERB = {
    "add": "addition",
    "adjust": "adjustment",
    "authenticate": "authentication",
    "authorize": "authorization",
    "calc": "calculation",
    "calculate": "calculation",
    "check": "checks",
    "collect": "collection",
    "compare": "comparison",
    "complete": "completion",
    "compute": "computation",
    "configure": "configuration",
    "connect": "connection",
    "convert": "conversion",
    "create": "creation",
    "delete": "deletion",
    "describe": "description",
    "detect": "detection",
    "estimate": "estimation",
    "evaluate": "evaluation",
    "execute": "execution",
    "extract": "extraction",
    "find": "lookup",
    "generate": "generation",
    "get": "retrieval",
    "init": "initialization",
    "initialize": "initialization",
    "insert": "insertion",
    "is": "check",
    "has": "check",
    "list": "listing",
    "lookup": "lookup",
    "migrate": "migration",
    "normalize": "normalization",
    "notify": "notification",
    "optimize": "optimization",
    "register": "registration",
    "remove": "removal",
    "resolve": "resolution",
    "retrieve": "retrieval",
    "select": "selection",
    "serialize": "serialization",
    "deserialize": "deserialization",
    "setup": "setup",
    "should": "check",
    "submit": "submission",
    "summarize": "summary",
    "can": "check",
    "transform": "transformation",
    "translate": "translation",
    "update": "update",
    "validate": "validation",
    "verify": "verification",
    "to": "conversion",
    "make": "construction",
    "build": "building",
    "apply": "application",
    "destroy": "teardown",
    "dispose": "disposal",
    "reset": "reset",
    "upsert": "upsert",
}
_VERBS = frozenset(_NOUN_OF_VERB) | frozenset(
    """accept activate adjust greet welcome reopen
    analyze append assert assign attach await bind cache call cancel
    capture clean clear clone close commit copy count debounce decode decorate deactivate
    detach dispatch download draw drop dump edit emit enable disable encode ensure enqueue
    escape expand export fetch fill filter flatten flush fold format freeze group handle
    hash hide highlight hydrate import index inject install invoke join keep load lock log
    map mark match measure memoize merge mount move open pack parse patch pause pick play
    poll post prepare print process publish pull push put query queue read receive record
    reduce refresh reload render rename reorder repeat replace report request require
    resize restore resume retry return reverse rewrite round run save scan schedule scroll
    search send serve set show shuffle skip slice slugify sort split start stop store
    stream strip submit subscribe summarize swap sync tag test throttle toggle tokenize
    track train trigger trim truncate try unlock unmount unpack unregister unsubscribe
    unwrap upload use wait walk warn watch wrap write capitalize open""".split()
)
_DOUBLED = frozenset(
    """format submit commit emit omit admit permit refer prefer begin forget control patrol
    compel regret unwrap rerun remap unmap unset reset preset""".split()
)
_VOWELS = "aeiou"
_PLURAL_ONLY = frozenset(
    """settings options details credentials permissions preferences contents params args kwargs
    stats metrics assets data series species""".split()
)
_PLURAL_E = ("cache", "niche", "avalanche", "headache", "database", "response", "course")
_QUERY_VERBS = frozenset("get is has can should find list count lookup fetch read".split())
_UPDATE_VERBS = frozenset(
    "set add remove delete update clear reset push pop insert put append upsert".split()
)
_GENERIC_TAILS = frozenset(
    """service manager machine controller store class component handler helper helpers util
    utils provider container module base impl object""".split()
)
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
PREPOSITIONS = frozenset("by for from in into of on to with as at per".split())
_DIRECTIVE = re.compile(
    r"^\s*(?:@ts-|@flow|@jsx|@format|@noflow|eslint|jshint|jslint|global[s]?\s|prettier-|"
    r"istanbul|c8 |biome-|tslint|stylelint|type:\s*ignore|pylint:|noqa|mypy:|pyright:|"
    r"ruff:|fmt:|isort:|coding[:=]|-\*-|vim?:|!|<reference|<amd-|use strict|#)",
    re.IGNORECASE,
)
_LICENSE = re.compile(r"copyright|licen[cs]e|spdx|\(c\)|©|all rights reserved", re.IGNORECASE)
_NOTE = re.compile(r"^(?:todo|fixme|xxx|hack|note|nb|see|cf|why|workaround)\b[:\s]", re.I)
_CODE_LIKE = re.compile(
    r"^(?:(?:import|from|return|const|let|var|def|class|if|for|while|function|export)\b"
    r"[^.]*[=(:{]|[\w.$\[\]'\"]+\s*(?:=|\+=|\(|\.\w+\()|.*[;{}]\s*$)"
)
"""A comment that is a line of code put out of use, not prose."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(])")
_SPACES = re.compile(r"\s+")
_DOC_NOISE = re.compile(r"^[=\-~#*`_+/\s]+$")
_SETTER = re.compile(r"set[A-Z]")
"""`setItems`: a React state setter, what an effect or handler updates."""
_HEADING_RULE = re.compile(r"^[\s#/*]*[=\-~*#]{3,}[\s/*]*$")


def words_of(name: str) -> list[str]:
    """The words of an identifier: `getUserById` is get, User, By, Id; `S3Model` S3, Model."""
    return _WORD.findall(name[:MAX_NAME])


def _shown(word: str) -> str:
    lower = word.lower()
    letters = lower.rstrip("0123456789")
    if lower in _ACRONYMS or (letters in _ACRONYMS and letters != lower):
        return word.upper()
    if any(char.isdigit() for char in word) and any(char.isupper() for char in word):
        return word
    return lower


def phrase(words: Sequence[str]) -> str:
    """Words as a label: the first capitalised, acronyms upper-case, the rest lower-case."""
    text = " ".join(_shown(word) for word in words if word)
    return text[:1].upper() + text[1:]


def singular(word: str) -> str:
    """`bytes` is byte, `caches` cache, `categories` category; `status` and `class` stay."""
    lower = word.lower()
    if len(lower) < 4 or lower.endswith(("ss", "us", "is", "ics", "news")) or lower in _PLURAL_ONLY:
        return word
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word.isupper() else "y")
    if lower.endswith(_PLURAL_E) or lower[:-1].endswith(_PLURAL_E):
        return word[:-1] if lower.endswith("s") else word
    if lower.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return word[:-1]
    return word


def _gerund(verb: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    syllables = len(re.findall(r"[aeiouy]+", verb))
    cvc = (
        len(verb) >= 3
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    )
    if verb in _DOUBLED or (syllables == 1 and cvc):
        return verb + verb[-1] + "ing"
    return verb + "ing"


def action_noun(verb: str) -> str:
    """The noun for doing `verb`: validate is validation, format formatting, split splitting."""
    verb = verb.lower()
    return _NOUN_OF_VERB.get(verb) or _gerund(verb)


_THIRD_PERSON = {
    "is": "checks whether",
    "has": "checks whether it has",
    "can": "checks whether it can",
    "should": "decides whether to",
    "to": "converts to",
    "init": "initializes",
    "setup": "sets up",
    "calc": "calculates",
    "lookup": "looks up",
}


def _third_person(verb: str) -> str:
    """`load` is loads, `fetch` fetches, `apply` applies: how a description starts."""
    verb = verb.lower()
    if verb in _THIRD_PERSON:
        return _THIRD_PERSON[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _verb_of(word: str) -> str | None:
    """The verb a word is, or the verb of a past participle (`filtered` is filter), else None."""
    lower = word.lower()
    if lower in _VERBS:
        return lower
    if lower.endswith("ed") and len(lower) > 4:
        for stem in (lower[:-1], lower[:-2], lower[:-3]):
            if stem in _VERBS:
                return stem
    return None


def _split_action(name: str) -> tuple[str | None, list[str], list[str]]:
    """A name's verb, its objects and the tail after a preposition: `get_user_by_id`."""
    found = [word for word in words_of(name.lstrip(".#_$")) if word]
    if not found:
        return None, [], []
    verb = found[0].lower() if found[0].lower() in _VERBS else None
    rest = found[1:] if verb else found
    if verb is None and len(found) > 1 and _verb_of(found[0]):
        verb, rest = _verb_of(found[0]), found[1:]
    if verb is None and len(found) > 2 and found[1].lower() in _VERBS:
        verb, rest = found[1].lower(), found[2:]
    split = next((i for i, word in enumerate(rest) if word.lower() in PREPOSITIONS), len(rest))
    tail = rest[split:] if len(rest) - split > 1 else []
    return verb, rest[:split], tail


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
    verb, objects, tail = _split_action(name)
    if verb:
        if not objects:
            objects = [word for word in _subject_words(subject) if _verb_of(word) != verb]
        if not objects and not tail:
            return phrase([action_noun(verb), "logic"])
        objects = [_ABBREVIATIONS.get(word.lower(), word) for word in objects]
        objects = [*objects[-3:-1], singular(objects[-1])] if objects else []
        return phrase(_cap([*objects, action_noun(verb), *tail]))
    if len(found) == 1:
        return phrase([found[0], kind])
    return phrase(_cap(found))


def _handler_label(found: list[str]) -> str:
    verb = _verb_of(found[0])
    if verb and len(found) > 1:
        return phrase(_cap([*found[1:3], action_noun(verb)]))
    if verb:
        return phrase([action_noun(verb), "handling"])
    return phrase(_cap([*found[:3], "handling"]))


def _cap(words: Sequence[str]) -> list[str]:
    return list(words[:MAX_LABEL_WORDS])


_VAGUE_FILE_NAMES = frozenset(
    """app code common core file files helper helpers index init lib main misc mod module
    script scripts src temp test tests tmp tool tools util utils utility utilities""".split()
)


def _subject_words(subject: str) -> list[str]:
    """A file name's words when they say what the file is about: `inventory`, not `utils`."""
    found = [word for word in words_of(subject) if len(word) > 2]
    if not found or any(word.lower() in _VAGUE_FILE_NAMES for word in found):
        return []
    return found[:3]


def class_label(name: str, base: str = "") -> str:
    """`CSVReader` is "CSV reader", `TransactionFilter` "Transaction filter"."""
    found = _without_prefix(words_of(name.lstrip("_")))
    if not found:
        return phrase([*words_of(base)[:3], "class"]) if base else "Class definition"
    if len(found) == 1:
        kind = "error" if re.search(r"(?:Error|Exception)$", base) else "class"
        return phrase([found[0], kind])
    return phrase(_cap(found))


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
    shared = words[0]
    for other in words[1:]:
        count = 0
        while (
            count < min(len(shared), len(other)) and shared[count].lower() == other[count].lower()
        ):
            count += 1
        shared = shared[:count]
    found = shared or words[0]
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


def is_notable_call(call: str) -> bool:
    """Whether a loose statement's call runs the program: routes, a server, tests, `main()`."""
    return _call_label(call) is not None


def _route_label(unit: Unit) -> str | None:
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


def is_route(unit: Unit) -> bool:
    """Whether a loose call registers an HTTP route: each is an endpoint of its own."""
    return _route_label(unit) is not None


def code_label(unit: Unit) -> str:
    """Loose top-level statements, named after the call they make and what it is given."""
    route = _route_label(unit)
    if route:
        return route
    argument = [word for word in words_of(unit.argument) if len(word) > 1][:3]
    call = unit.detail
    if argument and re.search(r"^(?:describe|it|test|suite)\b", call):
        return phrase([*argument, "tests"])
    if argument and re.search(r"(?:register\w*|command|define|on)$", call):
        return phrase([*argument, "registration"])
    label = _call_label(call)
    if label:
        return label
    owner = words_of(call.split(".")[0]) if call else []
    return phrase([*owner[:3], "setup"]) if owner else "Module setup"


_OPERATORS = {
    "Arithmetic operators": """add radd iadd sub rsub isub mul rmul imul truediv rtruediv
        floordiv rfloordiv div rdiv mod rmod pow rpow neg pos abs invert matmul and or xor
        rand ror rxor lshift rshift""",
    "Comparison operators": "eq ne lt le gt ge hash",
    "Container protocol": """len iter next getitem setitem delitem contains reversed
        missing""",
    "Object representation": "repr str format bytes bool",
    "Attribute access": "getattr getattribute setattr delattr dir",
    "Copying and pickling": "copy deepcopy reduce reduce_ex getstate setstate getnewargs",
    "Context management": "enter exit aenter aexit",
}
_OPERATOR_OF = {
    method: family for family, methods in _OPERATORS.items() for method in methods.split()
}


def operator_family(unit: Unit) -> str:
    """The protocol a Python special method belongs to (`__radd__`: "Arithmetic operators")."""
    name = unit.names[0] if unit.names else ""
    if not (name.startswith(".__") and name.endswith("__")):
        return ""
    return _OPERATOR_OF.get(name[3:-2], "")


def same_subject(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two names start with the same word (`LoginRequest`, `LoginResponse`), or stem."""
    if not first or not second:
        return False
    a, b = words_of(first[0]), words_of(second[0])
    if not a or not b:
        return False
    x, y = a[0].lower(), b[0].lower()
    return x == y or (len(x) >= 6 and len(y) >= 6 and x[:5] == y[:5])


def same_kind_of_action(first: Sequence[str], second: Sequence[str]) -> bool:
    """Whether two names do the same kind of thing: `get_a` and `get_b`, `setX` and `addY`.

    The grouping asks this of adjacent short siblings only.
    """
    if not first or not second:
        return False
    verb_a, verb_b = _split_action(first[0])[0], _split_action(second[0])[0]
    if verb_a is None or verb_b is None:
        return False
    return verb_a == verb_b or any(
        verb_a in family and verb_b in family for family in (_QUERY_VERBS, _UPDATE_VERBS)
    )


def blocks_for(
    groups: Sequence[Group], subject: str = "", budget: Budget | None = None
) -> list[Block]:
    """One block per group: its label (distinct within the answer), description and ranges.

    The namer reads each group's units at most a few times over: the budget
    counts them all before any is named. Without one, the groups are
    bounded by the outline's units.
    """
    if budget is not None:
        budget.tick(sum(len(group.units) for group in groups))
    labels = [label_of(group, subject) for group in groups]
    labels = _distinct(labels, groups)
    return [
        Block(label, describe(group, subject), group.ranges)
        for label, group in zip(labels, groups, strict=True)
    ]


def _without_prefix(found: list[str]) -> list[str]:
    """`SlRating` is a rating: a two-letter namespace prefix (not an acronym) says nothing."""
    prefix = found[0] if found else ""
    if len(found) > 1 and len(prefix) == 2 and prefix.isalpha() and prefix.lower() not in _ACRONYMS:
        return found[1:]
    return found


def _owner_words(owner: Unit | None) -> list[str]:
    """`OrderStateMachine` gives Order, State: the owner's name without its generic tail."""
    if owner is None or not owner.names:
        return []
    found = _without_prefix(words_of(owner.names[0]))
    while len(found) > 1 and found[-1].lower() in _GENERIC_TAILS:
        found = found[:-1]
    return found[:3]


def label_of(group: Group, subject: str = "") -> str:
    """The label of one group, before labels are made distinct."""
    label = _label_for_kind(group, subject)
    return label if " " in label else f"Module {label.lower()}"


def _label_for_kind(group: Group, subject: str) -> str:
    anchor = group.anchor
    name = anchor.names[0] if anchor.names else ""
    kind = anchor.kind
    siblings = [
        unit
        for unit in group.units[:NAMES_READ]
        if unit.kind == kind
        and (
            unit is anchor
            or kind not in ("function", "method")
            or same_kind_of_action(unit.names, anchor.names)
        )
    ]
    if group.opened:
        return _head_label(group)
    if anchor.heading and kind in ("constant", "type", "code"):
        return phrase(_cap(words_of_text(anchor.heading)))
    if kind == "method" and operator_family(anchor):
        return operator_family(anchor)
    if kind in ("function", "method") and len(siblings) > 1:
        return _siblings_label(siblings, group.owner, subject)
    if kind == "method":
        return function_label(name, "".join(_owner_words(group.owner)) or subject, "logic")
    if kind == "handler":
        if len(siblings) > 1:
            return phrase([*_owner_words(group.owner), "event handlers"])
        return function_label(name)
    if kind == "hook":
        return _hook_label(anchor, group.owner)
    if kind == "render":
        return _render_label(anchor, group.owner)
    if kind == "style":
        return phrase([*_owner_words(group.owner), "styles"])
    if kind == "function":
        return function_label(name, subject)
    if kind == "component":
        return component_label(name)
    if kind == "class":
        return class_label(name, anchor.detail)
    if kind == "type":
        return type_label([n for unit in siblings for n in unit.names[:1]])
    if kind == "constant":
        names = [n for unit in siblings for n in unit.names[:4]]
        return constant_label(names)
    if kind == "entry":
        return "Script entry point"
    if kind == "export":
        folders = [part for part in anchor.detail.split("/")[:-1] if part not in (".", "..")]
        source = words_of(folders[-1] if folders else anchor.detail.rsplit("/", 1)[-1])
        return phrase([singular(source[-1]), "re-exports"]) if source else "Public exports"
    if kind == "import":
        return "Module dependencies"
    return code_label(anchor)


def words_of_text(text: str) -> list[str]:
    """The words of a heading or sentence, without punctuation."""
    return re.findall(r"[A-Za-z][\w'-]*|\d+", text[:MAX_NAME])


def _head_label(group: Group) -> str:
    anchor = group.anchor
    words = _without_prefix(words_of(anchor.names[0])) if anchor.names else []
    if anchor.kind == "component":
        core = words[:3] if words and words[-1].lower() != "component" else words[:-1]
        return phrase([*core[:4], "state" if _has(group, "state") else "setup"])
    constructor = any(
        unit.detail == "constructor" or unit.names[:1] == (".__init__",) for unit in group.units
    )
    return phrase([*words[:4], "setup" if constructor else "fields"])


def _has(group: Group, kind: str) -> bool:
    return any(unit.kind == kind for unit in group.units[:NAMES_READ])


def _siblings_label(siblings: Sequence[Unit], owner: Unit | None, subject: str) -> str:
    """Parallel functions or methods, named by what they share: the object, the verb or the kind.

    `set_password` and `verify_password` are "Password setting and verification";
    `register_feature_to_a` and `register_feature_to_b` "Feature registration";
    a class's `getStatus` and `getContext` "Status and context retrieval"; a
    longer run of accessors "Order queries" after the class they belong to.
    """
    split = [_split_action(unit.names[0]) for unit in siblings if unit.names]
    verbs = list(dict.fromkeys(verb for verb, _, _ in split if verb))
    objects = [things for _, things, _ in split if things]
    shared = _shared_words(objects) if len(objects) == len(split) else []
    shared = shared or (_shared_prefix(objects) if len(verbs) == 1 else [])
    base = _owner_words(owner) or _subject_words(subject)
    if shared and verbs:
        nouns = [action_noun(verb) for verb in verbs[:2]]
        joined = [nouns[0], "and", nouns[1]] if len(nouns) == 2 else nouns
        return phrase(_cap([*shared[:-1][:1], singular(shared[-1]), *joined]))
    if len(verbs) == 1 and len(objects) == 2 and len(objects[0]) + len(objects[1]) <= 3:
        return phrase([*objects[0], "and", *objects[1], action_noun(verbs[0])])
    if verbs and all(verb in _QUERY_VERBS for verb in verbs):
        return phrase([*base, "queries"] if base else ["Lookup", "functions"])
    if verbs and all(verb in _UPDATE_VERBS | _QUERY_VERBS for verb in verbs):
        return phrase([*base, "updates"] if base else ["Update", "functions"])
    if len(verbs) == 1:
        return phrase(_cap([*base[:2], action_noun(verbs[0])]) if base else [verbs[0], "functions"])
    return function_label(siblings[0].names[0], subject)


def _shared_words(objects: Sequence[Sequence[str]]) -> list[str]:
    """Object words every name has, in the first name's order (`password` in `set_password`)."""
    if not objects or not all(objects):
        return []
    common = {singular(word).lower() for word in objects[0]}
    for other in objects[1:]:
        common &= {singular(word).lower() for word in other}
    return [word for word in objects[0] if singular(word).lower() in common]


def _shared_prefix(objects: Sequence[Sequence[str]]) -> list[str]:
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
        verb = _verb_of(found[0])
        if verb and len(found) > 1:
            return phrase(_cap([*found[1:-1], singular(found[-1]), action_noun(verb)]))
        if len(found) > 1:
            return phrase(_cap(found))
        return phrase([found[0], "value"])
    updated = sorted(reference[3:] for reference in unit.references if _SETTER.match(reference))
    if updated:
        return phrase(_cap([*words_of(updated[0])[:3], "update", "effect"]))
    called = words_of(unit.detail)[1:3]
    if called and unit.detail not in ("useEffect", "useLayoutEffect"):
        return phrase([*called, "hook"])
    return phrase([*_owner_words(owner), "side effects"])


def _render_label(unit: Unit, owner: Unit | None) -> str:
    """A rendered element by its class, id or tag; a whole `return` by its component."""
    hint = unit.detail
    if unit.members and owner is not None:
        return phrase([*_owner_words(owner), "rendering"])
    if hint.lower() in _HTML_TAGS:
        return phrase([*words_of(_HTML_TAGS[hint.lower()]), "rendering"])
    words = [word for word in words_of(hint) if word.lower() not in ("div", "span", "fragment")]
    if words:
        return phrase(_cap([*words[:3], "rendering"]))
    return phrase([*_owner_words(owner), "rendering"])


def _distinct(labels: list[str], groups: Sequence[Group]) -> list[str]:
    """Labels made distinct: a repeated one says what differs (the call's argument, the name).

    Where even that repeats, a number tells them apart. Each label tries one
    qualifier, then counts up past the labels taken, so the work is at most
    quadratic in the number of blocks, which is twelve at most.
    """
    counts = Counter(labels)
    taken: set[str] = set()
    result = []
    for label, group in zip(labels, groups, strict=True):
        candidate = _qualified(label, group.anchor) if counts[label] > 1 else label
        number = 1
        while candidate in taken:
            number += 1
            candidate = f"{label} {number}"
        taken.add(candidate)
        result.append(candidate)
    return result


def _qualified(label: str, anchor: Unit) -> str:
    """`label` with the words that tell this group apart: `/users` routes, `Avatar` settings."""
    found = words_of(anchor.argument) or words_of(anchor.names[0] if anchor.names else "")
    qualifier = [word for word in found if word.lower() not in label.lower()][:2]
    if not qualifier:
        return label
    kept = label.split()[-(MAX_LABEL_WORDS - len(qualifier)) :]
    return phrase([*qualifier, *kept])


def describe(group: Group, subject: str = "") -> str:
    """What the block does: the anchor's doc text, else what its code does, in one sentence."""
    anchor = group.anchor
    if anchor.summary and not group.opened:
        return clip(anchor.summary, DESCRIPTION_LIMIT)
    documented = (
        ""
        if group.opened
        else next((unit.summary for unit in group.units[:NAMES_READ] if unit.summary), "")
    )
    text = _what_it_does(group, subject) or documented or "Module wiring."
    return clip(text, DESCRIPTION_LIMIT)


def _what_it_does(group: Group, subject: str) -> str:
    anchor = group.anchor
    kind = anchor.kind
    units = group.units[:NAMES_READ]
    if group.opened:
        if anchor.summary:
            return anchor.summary
        if kind == "component":
            state = [unit for unit in units if unit.kind == "state"]
            kept = _listed([_words_phrase(unit.names[0]) for unit in state if unit.names])
            return f"Keeps {kept} in state." if kept else "Sets up the component's props."
        fields = [
            _words_phrase(name)
            for unit in units
            if unit.kind == "field"
            or unit.detail == "constructor"
            or unit.names[:1] == (".__init__",)
            for name in (unit.names if unit.kind == "field" else sorted(unit.references))
            if name.startswith(".")
        ]
        if fields:
            return f"Sets up the {_listed(fields)} the other methods share."
        return "Sets up the instance the other methods work on."
    if kind in ("function", "method"):
        if operator_family(anchor):
            return _operator_description(anchor, units)
        about = _owner_words(group.owner) or _subject_words(subject)
        actions = [
            action
            for unit in units
            if unit.kind == kind
            and (unit is anchor or same_kind_of_action(unit.names, anchor.names))
            and (action := _action_of(unit, about)) is not None
        ]
        return _sentence(_merge_actions(actions))
    if kind == "handler":
        updated = sorted(
            {
                _words_phrase(ref[3:])
                for unit in units
                for ref in unit.references
                if ref.startswith("set") and ref[3:4].isupper()
            }
        )
        events = _listed(
            [
                _words_phrase(unit.names[0].removeprefix("handle").removeprefix("on"))
                for unit in units
                if unit.names
            ]
        )
        tail = f", updating {_listed(updated)}" if updated else ""
        return f"Handles the {events} event{'s' if len(units) > 1 else ''}{tail}."
    if kind == "hook":
        name = anchor.names[0] if anchor.names else ""
        if anchor.detail in ("useMemo", "useCallback") and name:
            return f"Derives {_words_phrase(name)} from props and state, only when they change."
        if anchor.detail.startswith("use") and name:
            return f"Gets {_words_phrase(name)} from the {anchor.detail} hook."
        updated = sorted(_words_phrase(ref[3:]) for ref in anchor.references if _SETTER.match(ref))
        watched = sorted(
            _words_phrase(ref)
            for ref in anchor.references
            if not re.match(r"(?:set|use)[A-Z]", ref) and ref[:1].islower() and len(ref) > 2
        )
        if updated and watched:
            return f"Updates {_listed(updated)} when {_listed(watched)} change."
        return "Runs side effects after render, when its dependencies change."
    if kind == "render":
        parts = [_words_phrase(part.detail) for part in anchor.members if part.detail]
        if parts:
            return f"Renders the {_listed(parts)}."
        hint = _words_phrase(anchor.detail) if anchor.detail else "component's markup"
        return f"Renders the {hint}."
    if kind == "style":
        return "Styles the component's elements."
    if kind == "class":
        return _class_description(anchor, group)
    if kind == "component":
        return f"Renders the {_words_phrase(anchor.names[0]) if anchor.names else 'component'}."
    if kind == "type":
        names = [
            _words_phrase(unit.names[0]) for unit in units if unit.kind == "type" and unit.names
        ]
        return f"Describes the shape of {_listed(names)}."
    if kind == "constant":
        names = [
            _words_phrase(name)
            for unit in units
            if unit.kind == "constant"
            for name in unit.names[:3]
        ]
        return f"Values for {_listed(names)}."
    if kind == "entry":
        return "Runs when the file is executed as a script."
    if kind == "export":
        sources = [
            words_of(folders[-1])
            for unit in units
            if (folders := [p for p in unit.detail.split("/") if p not in (".", "..", "")])
        ]
        names = list(
            dict.fromkeys(" ".join(w.lower() for w in found) for found in sources if found)
        )
        if names:
            return f"Re-exports the public names of the {_listed(names)} modules."
        return "Lists the names the module makes public."
    if kind == "import":
        modules = [unit.detail for unit in units if unit.detail]
        return f"Imports {_listed(modules)}." if modules else "Imports the file's dependencies."
    if anchor.argument and anchor.detail:
        method = anchor.detail.rsplit(".", 1)[-1]
        if method.lower() in ("get", "post", "put", "patch", "delete"):
            return f"Handles {method.upper()} {anchor.argument}."
        return f"Calls {anchor.detail} for {anchor.argument}."
    if anchor.detail:
        return f"Calls {anchor.detail} when the module is loaded."
    return "Statements that run when the module is loaded."


def _operator_description(anchor: Unit, units: Sequence[Unit]) -> str:
    """Special methods, said as what they let code write: `a + b`, `a == b`, `len(a)`."""
    names = [unit.names[0][3:-2] for unit in units if operator_family(unit)]
    family = operator_family(anchor)
    if family == "Arithmetic operators":
        return f"Lets instances be combined with arithmetic operators ({_listed(names, 6)})."
    if family == "Comparison operators":
        return "Lets instances be compared and used as dictionary keys."
    if family == "Container protocol":
        return "Lets instances be measured, iterated and indexed like a container."
    if family == "Object representation":
        return "Says how an instance is shown as text and whether it counts as true."
    if family == "Context management":
        return "Lets an instance be used in a with statement."
    return f"Special methods that give instances the {family.lower()}."


def _class_description(anchor: Unit, group: Group) -> str:
    name = anchor.names[0] if anchor.names else ""
    words = words_of(name)
    if re.search(r"(?:Error|Exception)$", name) or re.search(
        r"(?:Error|Exception)$", anchor.detail
    ):
        what = [word for word in words if word.lower() not in ("error", "exception")]
        return (
            f"Error raised for {_words_phrase(''.join(what)) or 'a failure'}."
            if what
            else "An error type."
        )
    methods = [
        unit
        for unit in anchor.members
        if unit.kind == "method"
        and unit.public
        and unit.detail != "constructor"
        and not unit.names[0].startswith(".__")
    ]
    actions = [
        action for unit in methods[:8] if (action := _action_of(unit, words[:2])) is not None
    ]
    if actions:
        return _sentence(_merge_actions(actions))
    fields = [
        _words_phrase(n) for unit in anchor.members if unit.kind == "field" for n in unit.names[:6]
    ]
    if fields:
        return f"Holds {_listed(fields)} for a {_words_phrase(name)}."
    return (
        f"The {_words_phrase(name)}{' ' + _words_phrase(anchor.detail) if anchor.detail else ''}."
    )


def _words_phrase(name: str) -> str:
    """An identifier as words in a sentence: `selectedId` is "selected ID"."""
    return " ".join(_shown(word) for word in words_of(name.lstrip(".#_$")))


_VAGUE_PARAMETERS = frozenset(
    """args kwargs options opts props config ctx context event e evt _ cb callback fn func
    kw rest params self cls req res next""".split()
)
_SOURCE_PARAMETERS = frozenset(
    """path file filename filepath url uri text source src stream string content raw line
    lines buffer input fp html json yaml xml""".split()
)
_FUNCTION_PARAMETERS = frozenset("fn func callback cb handler listener".split())
_ABBREVIATIONS = {
    "args": "arguments",
    "argv": "arguments",
    "opts": "options",
    "params": "parameters",
    "arr": "array",
    "str": "string",
    "obj": "object",
    "num": "number",
    "val": "value",
    "el": "element",
    "elem": "element",
    "btn": "button",
    "cfg": "config",
    "msg": "message",
    "err": "error",
    "idx": "index",
    "s": "string",
    "n": "number",
    "x": "value",
    "o": "object",
    "d": "date",
}
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
        return "gives", "the " + " ".join(_shown(word) for word in words)
    if unit.kind == "function" and name.lower() in ("main", "cli", "run_cli"):
        return "runs", "the program"
    if len(words) > 1 and words[0] == "use":
        return "provides", "the " + " ".join(_shown(word) for word in words[1:]) + " as a hook"
    verb, objects, tail = _split_action(name)
    if verb is None and len(words) == 1 and re.search(r"(?:ify|ize|ise|ate)$", words[0]):
        verb = words[0].lower()
    if verb is None:
        if len(words) > 1 and unit.kind == "function":
            return "returns", "the " + " ".join(_shown(word) for word in words)
        if words:
            return "gives", "the " + " ".join(_shown(word) for word in words)
        return None
    if verb in ("is", "has", "can", "should") and objects:
        state = " ".join(_shown(word) for word in objects[:-1]) or None
        thing = singular(objects[-1]).lower()
        if verb == "is" and state:
            return "checks whether", f"the {thing} is {state}"
        return "checks whether", f"it {verb} {' '.join(_shown(word) for word in objects)}"
    parameters = [p for p in unit.parameters if p.lower() not in _VAGUE_PARAMETERS]
    subject = [word for word in subject if _verb_of(word) != verb]
    thing_words = [*objects, *tail]
    if not objects and subject:
        thing_words = [*subject, *tail]
    elif not objects and unit.parameters:
        first = unit.parameters[0].lower()
        if first in _FUNCTION_PARAMETERS:
            thing_words = ["a", "function"]
        elif first not in _VAGUE_PARAMETERS | _SOURCE_PARAMETERS:
            thing_words = [_ABBREVIATIONS.get(first, first), *tail]
            parameters = parameters[1:]
    thing = " ".join(_shown(word) for word in thing_words)
    if thing_words and not tail and thing_words[0] != "a":
        thing = "the " + thing
    source = next((p for p in parameters if p.lower() in _SOURCE_PARAMETERS), None)
    if source and verb in _READING_VERBS:
        thing = f"{thing} from the given {_words_phrase(source)}".strip()
    return _third_person(verb), thing


def _merge_actions(actions: Sequence[tuple[str, str]]) -> list[str]:
    """Actions on one thing share it, actions with one verb share the verb.

    ("parses", "the settings") and ("reads", "the settings") give "parses and
    reads the settings"; three setters give "sets the payment, address and
    tracking number".
    """
    by_thing: dict[str, list[str]] = {}
    for verb, thing in actions:
        by_thing.setdefault(thing, []).append(verb)
    by_verbs: dict[str, list[str]] = {}
    for thing, verbs in by_thing.items():
        things = by_verbs.setdefault(_listed(list(dict.fromkeys(verbs))), [])
        things.append(thing.removeprefix("the ") if things else thing)
    return [f"{verbs} {_listed(things)}".strip() for verbs, things in list(by_verbs.items())[:4]]


def _sentence(phrases: Sequence[str]) -> str:
    if not phrases:
        return ""
    text = _listed(list(phrases))
    return text[:1].upper() + text[1:] + "."


def _listed(items: Sequence[str], limit: int = 4) -> str:
    """`a`, `a and b`, `a, b and c`, `a, b, c, d and others`."""
    shown = [item for item in dict.fromkeys(items) if item][: limit + 1]
    if len(shown) > limit:
        return f"{', '.join(shown[:limit])} and others"
    if len(shown) > 1:
        return f"{', '.join(shown[:-1])} and {shown[-1]}"
    return shown[0] if shown else ""


def file_intent(
    doc: str,
    units: Sequence[Unit],
    groups: Sequence[Group],
    blocks: Sequence[Block],
    subject: str,
    language_name: str,
) -> str:
    """What the file is for: its doc text, else its main export and what its parts do."""
    if not units:
        return f"Empty {language_name} file with no code yet."
    from_doc = intent_from_doc(doc)
    if from_doc:
        return from_doc
    main = _main_unit(units)
    if main is not None:
        return _intent_of_main(main)
    return _intent_of_parts(units, blocks, subject)


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


def _intent_of_main(main: Unit) -> str:
    """`ProductService` with get, search, create methods: "Product service that searches, ..."."""
    if main.summary:
        return intent_from_doc(main.summary) or clip_words(main.summary)
    name = main.names[0] if main.names else ""
    what = component_label(name) if main.kind == "component" else class_label(name, main.detail)
    verbs: list[str] = []
    objects: Counter[str] = Counter()
    for member in main.members[:NAMES_READ]:
        if member.kind not in ("method", "handler", "hook") or not member.public:
            continue
        source = member.names[0] if member.names else ""
        if member.kind == "handler":
            source = source.lstrip(".").removeprefix("handle").removeprefix("on")
        verb, things, _ = _split_action(source)
        if verb and verb not in _PLUMBING_VERBS:
            verbs.append(_third_person(verb))
        if verb and things:
            objects[singular(things[-1]).lower()] += 1
    if not verbs:
        return f"{what}."
    thing = objects.most_common(1)[0][0] if objects else ""
    plural = f" {thing}s" if thing and not thing.endswith("s") else (f" {thing}" if thing else "")
    return clip_words(f"{what} that {_listed(list(dict.fromkeys(verbs))[:3])}{plural}.")


_PLUMBING_VERBS = frozenset(("get", "set", "is", "has", "init", "to", "use", "can", "should"))
_TOPIC_TAILS = frozenset(("settings", "types", "type", "table", "config", "declarations"))


def _intent_of_parts(units: Sequence[Unit], blocks: Sequence[Block], subject: str) -> str:
    """A file without one main definition: what its parts are, under one heading."""
    kinds = Counter(unit.kind for unit in units)
    code = len(units) - kinds["import"]
    lead = _words_phrase(subject) if _subject_words(subject) else ""
    topics = [
        " ".join(word for word in block.label.split() if word.lower() not in _TOPIC_TAILS).lower()
        or block.label.lower()
        for block in blocks[:5]
    ]
    routes = [unit for unit in units if unit.kind == "code" and _route_label(unit)]
    if routes:
        resources = Counter(
            singular(words_of(unit.argument.strip("/").split("/")[0])[-1]).lower()
            for unit in routes
            if words_of(unit.argument.strip("/").split("/")[0])
        )
        resource = resources.most_common(1)[0][0] if resources else "resource"
        actions = [block.label.split()[-1].lower() for block in blocks if block.label.split()]
        return clip_words(f"HTTP routes for {resource}s: {_listed(actions, 5)}.")
    functions = [unit for unit in units if unit.kind == "function"]
    verbs = list(
        dict.fromkeys(
            verb
            for unit in functions[:NAMES_READ]
            if (verb := _split_action(unit.names[0])[0]) and verb not in _PLUMBING_VERBS
        )
    )
    if functions and verbs:
        objects = Counter(
            singular(things[-1]).lower()
            for unit in functions[:NAMES_READ]
            if (things := _split_action(unit.names[0])[1])
        )
        common = objects.most_common(1)
        thing = ""
        if common and common[0][1] > 1:
            thing = f" {common[0][0]}" + ("" if common[0][0].endswith("s") else "s")
        start = f"{lead[:1].upper()}{lead[1:]} helpers" if lead else "Helpers"
        return clip_words(f"{start} that {_listed(verbs[:4])}{thing}.")
    if kinds["type"] and kinds["type"] + kinds["export"] >= code:
        return clip_words(f"Type definitions for {_listed(topics)}.")
    if kinds["constant"] and kinds["constant"] >= code:
        return clip_words(f"Settings for {_listed(topics)}.")
    if kinds["export"] and kinds["export"] == code:
        return f"Entry point re-exporting the {lead or 'package'} modules."
    if kinds["code"] == code:
        return f"{(lead or 'module').capitalize()} code run when the file is loaded."
    if lead:
        return clip_words(f"{lead[:1].upper()}{lead[1:]} module: {_listed(topics)}.")
    return clip_words(f"Module for {_listed(topics)}.")


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def clip_words(text: str, limit: int = INTENT_WORDS) -> str:
    words = text.split()
    if len(words) <= limit:
        return text
    return " ".join(words[:limit]).rstrip(",;:") + "."


def is_directive(comment: str) -> bool:
    """A comment for a tool, not a reader: a pragma, a lint switch, a shebang."""
    return bool(_DIRECTIVE.match(comment[:MAX_NAME]))


def doc_summary(text: str) -> str:
    """The first sentence of a doc text's first paragraph, on one line, or "".

    Headings made of punctuation (`=====`), pragmas, lint directives,
    licence text, notes to maintainers and commented-out code never count.
    """
    text = text[:MAX_DOC].strip()
    paragraph: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if paragraph:
                break
            continue
        if _DOC_NOISE.match(line):
            if paragraph:
                break
            continue
        paragraph.append(line)
    joined = _SPACES.sub(" ", " ".join(paragraph)).strip()
    if not joined or _DIRECTIVE.match(joined) or _LICENSE.search(joined):
        return ""
    if _NOTE.match(joined) or _CODE_LIKE.match(joined):
        return ""
    sentence = _SENTENCE_END.split(joined, maxsplit=1)[0]
    return clip(sentence, DESCRIPTION_LIMIT)


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
    if len(found) < 2:
        return ""
    if len(found) > INTENT_WORDS:
        clause = re.split(r"[,;:—]\s|\s[-–]\s|\s\(", summary, maxsplit=1)[0].split()
        found = clause if 2 <= len(clause) <= INTENT_WORDS else found[:INTENT_WORDS]
        return " ".join(found).rstrip(",;:.") + "."
    return summary


def intent_from_labels(labels: Sequence[str], language_name: str) -> str:
    """An intent for a model's answer whose own intent was unusable: its first block's label."""
    if not labels:
        return f"Empty {language_name} file."
    return f"{labels[0]}."


def clip(text: str, limit: int) -> str:
    """`text` cut at the last word that fits in `limit` characters, an ellipsis saying so."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def names_in(units: Iterable[Unit]) -> list[str]:
    """The first name of each unit, for tests and tools that show what a block holds."""
    return [unit.names[0] for unit in units if unit.names]
