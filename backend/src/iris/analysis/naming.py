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
from typing import NamedTuple

from iris.analysis.budget import Budget
from iris.analysis.model import Block, Effect, Group, Unit

MAX_NAME = 80
MAX_DOC = 2000
MAX_LABEL_WORDS = 5
INTENT_WORDS = 20
DESCRIPTION_LIMIT = 240
NAMES_READ = 24
"""How many units of a group the namer reads: enough to say what a group does."""
_WORD = re.compile(
    r"[A-Z]+\d*(?=[A-Z][a-z])|[A-Z]?[a-z]+(?:\d+(?![\da-z]|[A-Z]{2}))?|[A-Z]+\d*"
    r"|\d+(?:[a-z]{1,3}|[A-Z]{1,3})(?![a-z])|\d+"
)
"""Words of an identifier. Digits stay with the word before them (`base64`, `utf8`) unless
letters follow that read as an acronym with its number (`enable2fa` is enable, 2fa)."""
_DIGIT_ACRONYM = re.compile(r"\d+[a-z]{1,3}")
_ACRONYMS = frozenset(
    """api ast aws cli cors css csv db dns dom gc gui html http https id io ip js json jsx jwt
    llm mime orm pdf rpc sdk sha sql ssh ssl svg tcp tls ts tsx ui uri url utf uuid vm xml
    xss yaml ssr ttl""".split()
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
    "exec": "execution",
    "raise": "raising",
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
    unwrap upload use wait walk warn watch wrap write capitalize open raise throw exec consume
    tokenize stringify canonicalize emit detach spawn""".split()
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
_SPACES = re.compile(r"\s+")
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]{1,80})\]\([^)\s]{1,200}\)")
_DOC_NOISE = re.compile(r"^[=\-~#*`_+/\s]+$")
_DOC_FIELD = re.compile(
    r"^(?::(?:param|parameter|arg|argument|key|keyword|type|raises?|except|exception|var|ivar"
    r"|cvar|vartype|returns?|rtype|yields?|ytype|meta)\b|\.\. [a-z-]+::)"
)
"""A reST field (`:param dict x:`, `:return:`) or directive (`.. warning::`): the summary
ends there, and a doc that opens with one has none."""
_HEADING_RULE = re.compile(r"^[\s#/*]*[=\-~*#]{3,}[\s/*]*$")


def words_of(name: str) -> list[str]:
    """The words of an identifier: `getUserById` is get, User, By, Id; `S3Model` S3, Model."""
    return _WORD.findall(name[:MAX_NAME])


def _shown(word: str) -> str:
    lower = word.lower()
    letters = lower.rstrip("0123456789")
    if lower in _ACRONYMS or (letters in _ACRONYMS and letters != lower):
        return word.upper()
    if _DIGIT_ACRONYM.fullmatch(lower):
        return lower.upper()
    if lower[-1:] == "s" and lower[:-1] in _ACRONYMS:
        return lower[:-1].upper() + "s"
    if any(char.isdigit() for char in word) and any(char.isupper() for char in word):
        return word
    return lower


def phrase(words: Sequence[str]) -> str:
    """Words as a label: the first capitalised, acronyms upper-case, the rest lower-case,
    a word the one before it already said ("Warning warning") said once."""
    text = without_doubled_words(" ".join(_shown(word) for word in words if word))
    return text[:1].upper() + text[1:]


_DOUBLED_WORD = re.compile(r"\b([A-Za-z]{2,})(?:\s+\1\b)+", re.IGNORECASE)


def without_doubled_words(text: str) -> str:
    """`text` with a word said twice in a row ("the props props") said once, the spaces a
    missing word left ("the  and") closed; an upper-case echo ("arch ARCH") and a doc's
    deliberate repeat before an ellipsis ("parameter parameter ...") stay.

    The pattern has one repeat and no look-around, so it matches each run of one word once
    and never backtracks over the text."""
    text = _SPACES.sub(" ", text)

    def once(match: re.Match[str]) -> str:
        deliberate = text[match.end() : match.end() + 4].lstrip().startswith("...")
        if deliberate or match.group(0).split()[-1].isupper():
            return match.group(0)
        return match.group(1)

    return _DOUBLED_WORD.sub(once, text)


def singular(word: str) -> str:
    """`bytes` is byte, `caches` cache, `categories` category; `status` and `class` stay.

    A final s after a vowel other than e is kept: `axios`, `canvas` and `alias` are
    names, not plurals, and a plural kept whole reads better than a name cut short."""
    lower = word.lower()
    if len(lower) < 4 or lower.endswith(("ss", "us", "is", "ics", "news")) or lower in _PLURAL_ONLY:
        return word
    if lower.endswith("ies"):
        return word[:-3] + ("Y" if word.isupper() else "y")
    if lower.endswith(_PLURAL_E) or lower[:-1].endswith(_PLURAL_E):
        return word[:-1] if lower.endswith("s") else word
    if lower.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if lower.endswith("s") and lower[-2] not in "aiou":
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


_VERB_ENDINGS = ("ize", "ise", "ify")


def _split_action(name: str) -> tuple[str | None, list[str], list[str]]:
    """A name's verb, its objects and the tail after a preposition: `get_user_by_id`."""
    found = [word for word in words_of(name.lstrip(".#_$")) if word]
    if not found:
        return None, [], []
    first = _SHORT_VERBS.get(found[0].lower(), found[0].lower())
    verb = first if first in _VERBS or (len(first) > 5 and first.endswith(_VERB_ENDINGS)) else None
    rest = found[1:] if verb else found
    if verb is None and len(found) > 1 and _verb_of(found[0]):
        verb, rest = _verb_of(found[0]), found[1:]
    if verb is None and len(found) > 2 and found[1].lower() in _VERBS:
        verb, rest = found[1].lower(), found[2:]
    if verb and len(rest) > 1 and rest[0].lower() in CONJUNCTIONS and _verb_of(rest[1]):
        rest = rest[2:]
    split = next((i for i, word in enumerate(rest) if word.lower() in PREPOSITIONS), len(rest))
    tail = rest[split:] if len(rest) - split > 1 else []
    return verb, rest[:split], tail


_SHORT_VERBS = {"rm": "remove", "del": "delete", "ls": "list", "cp": "copy", "mv": "move"}
"""Shell-style verbs a command's methods are named by: `rm` removes."""


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
        objects = [word for word in objects if singular(word).lower() != action_noun(verb)]
        if objects and all(word.lower() in _DETERMINERS for word in objects):
            return phrase(_cap(["bulk", action_noun(verb), *tail]))
        objects = [word for word in objects if word.lower() not in _DETERMINERS]
        second = _second_verb(found, verb)
        doing = [action_noun(verb), "and", action_noun(second)] if second else [action_noun(verb)]
        if not objects and not tail:
            return phrase(doing if second else [*doing, "logic"])
        objects = [_ABBREVIATIONS.get(word.lower(), word) for word in objects]
        objects = [*objects[-3:-1], singular(objects[-1])] if objects else []
        if len(objects) + len(doing) + len(tail) > MAX_LABEL_WORDS:
            doing = doing[:1]
        return phrase(_cap([*objects, *doing, *tail]))
    if len(found) == 1 and kind == "logic" and _subject_words(subject):
        return phrase(_cap([*_subject_words(subject)[-2:], found[0]]))
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


_DUNDER = re.compile(r"^__\w+__$")
"""`__version__`, `__author__`: what a package says of itself, not settings of its code."""


def constant_label(names: Sequence[str]) -> str:
    """Settings named by what their names share: `DB_POOL_MIN` and `DB_POOL_MAX` are DB pool."""
    words = [words_of(name) for name in names[:NAMES_READ] if words_of(name)]
    if not words:
        return "Module settings"
    if all(_DUNDER.match(name) for name in names[:NAMES_READ]):
        return "Package metadata"
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


_DEFINES = re.compile(r"(?:^|\.)define([A-Z]\w*)$")
"""`defineGetter(req, 'host', ...)` defines the host getter."""


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
    defined = _DEFINES.search(call)
    if argument and defined:
        return phrase([*argument, *words_of(defined.group(1))[-1:]])
    label = _call_label(call)
    if label:
        return label
    owner = words_of(call.split(".")[0]) if call else []
    return phrase([*owner[:3], "setup"]) if owner else "Module setup"


_OPERATORS = {
    "Arithmetic operators": """add radd iadd sub rsub isub mul rmul imul truediv rtruediv
        itruediv floordiv rfloordiv ifloordiv div rdiv mod rmod imod pow rpow ipow neg pos abs
        invert matmul imatmul and or xor rand ror rxor iand ior ixor lshift rshift ilshift
        irshift""",
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


def kind_of_action(name: str) -> str | None:
    """What kind of thing a name does: its verb, or "query" or "update" for the verbs that
    read or change state (`get` and `find` are both queries); None without a verb."""
    verb = _split_action(name)[0]
    if verb in _QUERY_VERBS:
        return "query"
    if verb in _UPDATE_VERBS:
        return "update"
    return verb


def blocks_for(
    groups: Sequence[Group], subject: str = "", budget: Budget | None = None
) -> list[Block]:
    """One block per group: its label (distinct within the answer), description and ranges.

    A description an earlier block already gave (one doc comment copied onto
    several methods) is said again from the block's code, where that differs.

    The namer reads each group's units a fixed number of times over: the
    budget counts them all before any is named. Without one, the groups are
    bounded by the outline's units.
    """
    if budget is not None:
        budget.tick(sum(len(group.units) for group in groups))
    labels = _distinct([label_of(group, subject) for group in groups], groups)
    blocks = []
    said: set[str] = set()
    for label, group in zip(labels, groups, strict=True):
        description = describe(group, subject)
        if description in said:
            description = describe(group, subject, avoid=description)
        said.add(description)
        blocks.append(Block(label, description, group.ranges))
    return blocks


def _without_prefix(found: list[str]) -> list[str]:
    """`SlRating` is a rating: a two-letter namespace prefix (not an acronym) says nothing."""
    prefix = found[0] if found else ""
    if len(found) > 1 and len(prefix) == 2 and prefix.isalpha() and prefix.lower() not in _ACRONYMS:
        return found[1:]
    return found


def _owner_words(owner: Unit | None) -> list[str]:
    """`OrderStateMachine` gives Order, State: the owner's name without its generic tail.

    A long name keeps its last two words, the thing it is about:
    `RuleDetailsMatchingInstances` is matching instances.
    """
    if owner is None or not owner.names:
        return []
    found = _without_prefix(words_of(owner.names[0]))
    while len(found) > 1 and found[-1].lower() in _GENERIC_TAILS:
        found = found[:-1]
    return found if len(found) <= 3 else found[-2:]


class _Entry(NamedTuple):
    """A unit of a group as the namer weighs it; `head` stands for an opened owner's head,
    with the fields, state and constructor that joined it."""

    unit: Unit
    weight: int
    head: bool = False


def joins_head(unit: Unit) -> bool:
    """Fields, state, one-line hooks and a constructor belong to their owner's head."""
    return (
        unit.kind in ("field", "state")
        or unit.detail == "constructor"
        or unit.names[:1] == (".__init__",)
        or (unit.kind == "hook" and unit.end - unit.start < 2 and bool(unit.names))
    )


def _entries(group: Group) -> list[_Entry]:
    """The group's units that say what it does, heaviest first: imports and exports left out,
    and an opened owner's head counted once with what joined it."""
    entries: list[_Entry] = []
    head_weight = 0
    weights = group.weights or tuple(unit.end - unit.start + 1 for unit in group.units)
    for position, (unit, weight) in enumerate(zip(group.units, weights, strict=True)):
        if position >= NAMES_READ * 4:
            break
        if unit.kind in ("import", "export"):
            continue
        if group.opened and joins_head(unit):
            head_weight += weight
            continue
        entries.append(_Entry(unit, weight))
    owner = group.owner
    if group.opened and owner is not None:
        own = owner.members[0].start - owner.start if owner.members else 1
        entries.append(_Entry(owner, head_weight + own, True))
    entries.sort(
        key=lambda entry: (-entry.weight, _RANK.get(entry.unit.kind, 2), not entry.unit.public)
    )
    return entries


_RANK = {"component": 0, "class": 0, "function": 0, "method": 0, "handler": 1, "render": 1}
"""On equal weight, definitions speak for a block before state, constants and types."""


def label_of(group: Group, subject: str = "") -> str:
    """The label of one group, before labels are made distinct."""
    label = _label(group, subject)
    if label in ("Package metadata", "Module dependencies") and _reexported(group):
        return (
            "Public API and package metadata"
            if label != "Module dependencies"
            else ("Public API re-exports")
        )
    label = label if " " in label else f"Module {label.lower()}"
    if "import" not in label.lower() and len(_entries(group)) == 1 and _mostly_imports(group):
        words = ["Imports", "and", _lower_first(label)]
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
    entries = _entries(group)
    if not entries:
        return _unit_label(group.anchor, group, subject)
    headings = {entry.unit.heading for entry in entries if entry.unit.kind in _SECTIONED}
    if len(headings) == 1 and "" not in headings and len(headings) == 1:
        heading = headings.pop()
        if all(entry.unit.kind in _SECTIONED for entry in entries):
            return phrase(_cap(words_of_text(heading)))
    if _fluent(entries):
        return phrase([*_owner_words(group.owner)[:3], "configuration"])
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


def _entry_label(entry: _Entry, group: Group, subject: str) -> str:
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
        return phrase([*a[:-1], "and", *b[:-1], _plural(b[-1])])
    if len(a) + len(b) + 1 <= MAX_LABEL_WORDS:
        return phrase([*a, "and", *b])
    return first


_UNCOUNTED = _PLURAL_ONLY | frozenset("setup state props data metadata logic code".split())


def _plural(word: str) -> str:
    """`component` is components, `class` classes, `query` queries; a gerund stays as it is."""
    lower = word.lower()
    if lower.endswith(("ing", "s", "ion", "ment", "ness", "ship", "ic")) or lower in _UNCOUNTED:
        return word
    if lower.endswith(("x", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


_LIFECYCLE = frozenset(
    """componentDidMount componentWillUnmount componentDidUpdate componentWillMount
    componentWillReceiveProps shouldComponentUpdate getSnapshotBeforeUpdate componentDidCatch
    connectedCallback disconnectedCallback attributeChangedCallback adoptedCallback
    firstUpdated updated willUpdate update shouldUpdate ngOnInit ngOnDestroy ngOnChanges
    ngAfterViewInit mounted unmounted beforeMount beforeUnmount created beforeDestroy
    destroyed""".split()
)
"""Methods a framework calls at points of a component's life: named by when, not what."""


def _lifecycle_label(units: Sequence[Unit], owner_words: Sequence[str]) -> str:
    """Lifecycle methods named by the stages they serve: "Poll setup and teardown", not by
    the framework's method names, so two lifecycle blocks of one class read apart."""
    stages = list(
        dict.fromkeys(
            _STAGES.get(unit.names[0].lstrip("."), "updates")
            for unit in sorted(units, key=lambda unit: unit.start)
            if unit.names
        )
    )[:2]
    joined = [stages[0], "and", stages[1]] if len(stages) == 2 else stages
    return phrase([*owner_words[:2], *joined]) if owner_words else phrase(["Lifecycle", *joined])


_STAGES = {
    **dict.fromkeys(
        """componentDidMount componentWillMount connectedCallback firstUpdated ngOnInit
        ngAfterViewInit mounted beforeMount created""".split(),
        "setup",
    ),
    **dict.fromkeys(
        """componentWillUnmount disconnectedCallback ngOnDestroy unmounted beforeUnmount
        beforeDestroy destroyed""".split(),
        "teardown",
    ),
    "componentDidCatch": "error handling",
}
"""The stage of a component's life each lifecycle method serves; the rest react to updates."""


_WHEN = {"setup": "on mount", "teardown": "on unmount", "error handling": "on a child's error"}


def _is_lifecycle(unit: Unit) -> bool:
    return bool(unit.names) and unit.names[0].lstrip(".") in _LIFECYCLE


def _unit_label(unit: Unit, group: Group, subject: str) -> str:
    """The label of one unit or part, by its kind and names."""
    name = unit.names[0] if unit.names else ""
    kind = unit.kind
    owner_words = _owner_words(group.owner)
    if unit.heading and kind in ("constant", "type", "code"):
        return phrase(_cap(words_of_text(unit.heading)))
    if kind == "method" and operator_family(unit):
        return operator_family(unit)
    if unit.detail == "constructor" or name == ".__init__":
        return phrase([*(owner_words[:3] or ["instance"]), "construction"])
    if kind == "method" and _is_lifecycle(unit):
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
    owner_words = _owner_words(group.owner)
    names = [unit.names[0] for unit in units[:NAMES_READ] if unit.names]
    if kind in ("function", "method"):
        families = {operator_family(unit) for unit in units}
        if len(families) == 1 and "" not in families:
            return families.pop()
        if all(_is_lifecycle(unit) for unit in units):
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
        shared = _shared_words([_without_prefix(words_of(name)) for name in names])
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
            plural = _plural(thing[0])
            if len(arguments) == 2 and len(arguments[0]) + len(arguments[1]) <= 3:
                return phrase(_cap([*arguments[0], "and", *arguments[1], plural]))
            if len(arguments) == 3 and all(len(found) == 1 for found in arguments):
                first, second, third = (found[0] for found in arguments)
                return phrase([f"{first},", second, "and", third, plural])
            return phrase(_cap([*arguments[0], "and", "related", plural]))
        labels = [label for unit in units if (label := _route_label(unit))]
        if len(labels) == len(units):
            if len(labels) == 2:
                return _pair_label(*labels)
            resources = {label.split()[0] for label in labels}
            if len(resources) == 1:
                return phrase([singular(resources.pop()), "routes"])
            return "HTTP routes"
    return ""


def words_of_text(text: str) -> list[str]:
    """The words of a heading or sentence, without punctuation."""
    return re.findall(r"[A-Za-z][\w'-]*|\d+", text[:MAX_NAME])


def _head_label(group: Group) -> str:
    """An opened class's or component's own lines: its construction, state or attributes."""
    owner = group.owner or group.anchor
    words = _owner_words(owner) or _without_prefix(words_of(owner.names[0] if owner.names else ""))
    joined = [unit for unit in group.units if joins_head(unit)]
    if owner.kind == "component":
        has_state = any(unit.kind in ("state", "hook") for unit in joined)
        return phrase([*words[:3], "state" if has_state else "props"])
    if any(unit.detail == "constructor" or unit.names[:1] == (".__init__",) for unit in joined):
        return phrase([*words[:3], "construction"])
    if any(unit.names[:1] in (_DESCRIBING,) for unit in joined):
        return phrase([*words[:3], "metadata"])
    return phrase([*words[:3], "attributes" if joined else "definition"])


_DESCRIBING = (".description",)


def _siblings_label(siblings: Sequence[Unit], owner: Unit | None, subject: str) -> str:
    """Parallel functions or methods, named by what they share: the object, the verb or the kind.

    `set_password` and `verify_password` are "Password setting and verification";
    `register_feature_to_a` and `register_feature_to_b` "Feature registration";
    a class's `getStatus` and `getContext` "Status and context retrieval"; a
    longer run of accessors "Order queries" after the class they belong to.
    Siblings that share nothing give "".
    """
    split = [_split_action(unit.names[0]) for unit in siblings[:NAMES_READ] if unit.names]
    verbs = list(dict.fromkeys(verb for verb, _, _ in split if verb))
    objects = [things for _, things, _ in split if things]
    every = len(objects) == len(split) > 1
    shared = _shared_words(objects) if every else []
    shared = shared or (_shared_prefix(objects) if every and len(verbs) == 1 else [])
    base = _owner_words(owner) or _subject_words(subject)
    if shared and verbs:
        nouns = [action_noun(verb) for verb in verbs[:2]]
        joined = [nouns[0], "and", nouns[1]] if len(nouns) == 2 else nouns
        return phrase(_cap([*shared[:-1][:1], singular(shared[-1]), *joined]))
    if len(verbs) == 1 and len(objects) == 2 and len(objects[0]) + len(objects[1]) <= 3:
        return phrase([*objects[0], "and", *objects[1], action_noun(verbs[0])])
    if verbs and len(verbs) == len(split) and all(verb in _QUERY_VERBS for verb in verbs):
        return phrase([*base, "queries"] if base else ["Lookup", "functions"])
    if verbs and len(verbs) == len(split) and all(verb in _UPDATE_VERBS for verb in verbs):
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
        return phrase(["derived", found[0]] if unit.detail == "useMemo" else [found[0], "value"])
    updated = [effect.what for effect in unit.effects if effect.verb == "sets"]
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
CONJUNCTIONS = frozenset("and or but nor so yet".split())
_FILLER_WORDS = CONJUNCTIONS | PREPOSITIONS | {"the", "a", "an"}
"""Words that never start a label: "And merge validation" is no noun phrase."""


def _qualified(label: str, anchor: Unit) -> str:
    """`label` with the words that tell this group apart: `/users` routes, `Avatar` settings."""
    found = words_of(anchor.argument) or words_of(anchor.names[0] if anchor.names else "")
    if not found and anchor.detail:
        found = words_of(anchor.detail)
    qualifier = [
        word
        for word in found
        if word.lower() not in label.lower() and word.lower() not in _FILLER_WORDS
    ][:2]
    if not qualifier:
        return label
    kept = label.split()[-(MAX_LABEL_WORDS - len(qualifier)) :]
    return phrase([*qualifier, *kept])


def describe(group: Group, subject: str = "", avoid: str = "") -> str:
    """What the block does: its authors' doc text, else what its code does, in a sentence or two.

    The doc of the block's heaviest documented unit speaks for it when that
    unit is a good part of the block (two docs when two such units have
    one); otherwise the sentence is said from the code: what its units' names
    say they do, then what the code visibly does (raises, emits, renders,
    writes ...). `avoid` is text the answer already says (the file's intent),
    never repeated.
    """
    entries = _entries(group)
    if _fluent(entries):
        return clip(_sentence_of(_what_it_does(group, entries, subject)), DESCRIPTION_LIMIT)
    total = sum(entry.weight for entry in entries) or 1
    docs = [
        summary
        for entry in entries[:3]
        if entry.weight * 4 >= total
        and (summary := _documented(entry.unit))
        and not _same_text(summary, avoid)
    ]
    if docs and entries and _documented(entries[0].unit) and not _same_text(docs[0], avoid):
        text = _sentence_of(docs[0])
        if len(docs) > 1 and len(text) + len(docs[1]) < DESCRIPTION_LIMIT:
            second = _sentence_of(docs[1])
            text = _one_object(text, second) or f"{text.rstrip('.')}; {_lower_first(second)}"
        return clip(text, DESCRIPTION_LIMIT)
    text = _what_it_does(group, entries, subject)
    exported = _reexported(group)
    if exported:
        text = f"{exported}; {_lower_first(text)}" if text else exported
    if not text or _same_text(text, avoid):
        text = docs[0] if docs and not _same_text(docs[0], avoid) else _fallback(group)
    return clip(_sentence_of(text), DESCRIPTION_LIMIT)


_VERB_AND_OBJECT = re.compile(r"^([A-Z][a-z]+s) (the [\w -]{1,60}?)\.?$")


def _one_object(first: str, second: str) -> str:
    """Two short docs that do two things to one object, said once: "Shows the tooltip." and
    "Hides the tooltip." are "Shows and hides the tooltip."; "" when they are not that."""
    a, b = _VERB_AND_OBJECT.match(first), _VERB_AND_OBJECT.match(second)
    if a is None or b is None or a.group(2).lower() != b.group(2).lower():
        return ""
    return f"{a.group(1)} and {b.group(1).lower()} {a.group(2)}."


def _reexported(group: Group) -> str:
    """What a package's `__init__` makes public from its submodules: the names its relative
    imports bring in when an `__all__` beside them lists them."""
    if not any(unit.kind == "export" and unit.names[:1] == ("__all__",) for unit in group.units):
        return ""
    imports = [u for u in group.units if u.kind == "import" and u.detail.startswith(".")]
    names = [name for unit in imports for name in unit.names[:4]]
    if not names:
        return ""
    modules = _listed([unit.detail.lstrip(".") for unit in imports], 3)
    return f"Re-exports {_listed(names, 4)} from {modules}"


def _same_text(text: str, other: str) -> bool:
    return bool(other) and text.rstrip(".").lower() == other.rstrip(".").lower()


def _sentence_of(text: str) -> str:
    """`text` as one sentence: capitalised, a word said twice once, ended by a full stop, a
    reST literal-block marker ("a token type::") or colon it ended on dropped."""
    text = without_doubled_words(text.strip()).rstrip(":").rstrip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def _fallback(group: Group) -> str:
    """What is left to say of a block nothing else describes: what it imports or exports."""
    modules = [unit.detail for unit in group.units if unit.kind == "import" and unit.detail]
    if modules:
        return f"Imports {_listed(modules, 3)} for the rest of the file."
    if any(unit.kind == "export" for unit in group.units):
        return "Lists what the module makes public."
    anchor = group.anchor
    if group.owner is not None or anchor.kind not in ("code", "entry", "constant"):
        whose = " ".join(word.lower() for word in _owner_words(group.owner or anchor))
        if anchor.kind == "render" or any(unit.kind == "render" for unit in group.units):
            return f"Renders the {whose} markup." if whose else "Renders the markup."
        if anchor.kind == "field":
            return f"Holds the {whose}'s settings." if whose else "Holds its settings."
        named = _words_phrase(anchor.names[0]) if anchor.names else ""
        return f"The {named} part of the {whose}." if named and whose else "Code of the class."
    return "Statements run when the module is loaded."


def _fluent(entries: Sequence[_Entry]) -> list[Unit]:
    """The methods of a run of fluent setters (each returns its instance), when all of the
    block's methods are, and there are two or more; else []."""
    if any(entry.head for entry in entries):
        return []
    methods = [entry.unit for entry in entries]
    chaining = [
        unit
        for unit in methods
        if unit.kind == "method" and any(effect.verb == "chains" for effect in unit.effects)
    ]
    return chaining if len(chaining) >= 2 and len(chaining) == len(methods) else []


def _what_it_does(group: Group, entries: Sequence[_Entry], subject: str) -> str:
    """The block's work said from its code: its main units' actions, then their effects."""
    if not entries:
        return ""
    setters = sorted(_fluent(entries), key=lambda unit: unit.start)
    if setters:
        named = [_words_phrase(unit.names[0]) for unit in setters if unit.names]
        return f"Sets {_listed(named, 6)}; each returns the instance, so calls chain"
    about = _owner_words(group.owner) or _subject_words(subject)
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
    done = "; ".join(merged) if any(" and " in action for action in merged) else _listed(merged, 3)
    if done and said:
        return f"{done}; {said}"
    anchor = entries[0].unit
    plain = ""
    if anchor.names and anchor.kind in ("method", "function", "class", "component"):
        kind = (
            "property" if anchor.detail in ("get", "property", "cached_property") else anchor.kind
        )
        plain = f"The {_words_phrase(anchor.names[0])} {kind}".strip()
    if done:
        return done
    if said and plain:
        return f"{plain} {said}"
    return said or plain


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


def _entry_action(entry: _Entry, group: Group, about: Sequence[str]) -> tuple[str, str] | None:
    """What one unit does, as a verb and its object; None when its name says nothing of it."""
    unit = entry.unit
    name = unit.names[0] if unit.names else ""
    if entry.head:
        return _head_action(group)
    if unit.kind in ("method", "function") and operator_family(unit):
        said = _operator_description(unit, group.units).rstrip(".")
        verb, _, rest = said.partition(" ")
        return verb.lower(), rest
    if unit.kind == "method" and _is_lifecycle(unit):
        return "runs", _WHEN.get(_STAGES.get(name.lstrip("."), "updates"), "on update")
    if _is_entry_name(unit) and any(other.kind == "entry" for other in group.units):
        return "runs", "the program"
    if unit.kind in ("function", "method"):
        called = _own_calls(unit, group.owner)
        bare_verb, objects, _ = _split_action(name)
        if called and bare_verb in _DISPATCH_VERBS and not objects:
            return (
                ("dispatches to", _listed(called, 4))
                if len(called) > 1
                else ("calls", f"the {called[0]} method")
            )
        action = _action_of(unit, about)
        return action if action and action[0] != "gives" else None
    if unit.kind == "handler":
        event = _words_phrase(name.lstrip(".#_$").removeprefix("handle").removeprefix("on"))
        event = event.lower()
        return ("handles", event) if event else None
    if unit.kind == "hook":
        if unit.detail in ("useMemo", "useCallback") and name:
            return "derives", f"{_words_phrase(name)} from props and state"
        if unit.detail.startswith("use") and unit.detail not in _EFFECT_HOOKS and name:
            return "reads", f"{_words_phrase(name)} from {unit.detail}"
        return None
    if unit.kind == "render":
        parts = [
            _words_phrase(part.detail)
            for part in unit.members
            if part.detail and part.detail.lower() not in _PLAIN_TAGS
        ]
        return ("renders", f"the {_listed(parts, 3)}") if parts else None
    if unit.kind == "class":
        said = _class_description(unit, with_effects=False)
        return (said, "") if said else None
    if unit.kind == "component":
        return "renders", f"the {_words_phrase(name)}" if name else "the component"
    if unit.kind == "type":
        return ("describes the shape of", _words_phrase(name)) if name else None
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
        _words_phrase(member.names[0])
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
    names = [_words_phrase(name) for name in unit.names[:3]]
    listed = _listed(names, 3)
    plural = "s" if len(names) > 1 else ""
    if unit.names and all(_DUNDER.match(name) for name in unit.names):
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
    constructor = next(
        (u for u in joined if u.detail == "constructor" or u.names[:1] == (".__init__",)), None
    )
    described = next((u.summary for u in joined if u.names[:1] == _DESCRIBING and u.summary), "")
    if described:
        return "declares", f"its description ({described.rstrip('.')})"
    if owner.kind == "component":
        given = [_words_phrase(p) for p in owner.parameters if p.lower() not in _VAGUE_PARAMETERS]
        kept = [_words_phrase(u.names[0]) for u in joined if u.kind == "state" and u.names]
        if kept:
            return "keeps", f"{_listed(kept, 3)} in state"
        return ("takes", f"the {_listed(given, 3)} props") if given else None
    if constructor is not None:
        given = [_words_phrase(p) for p in constructor.parameters]
        if given:
            return "takes", f"the {_listed(given, 3)} and sets up the instance"
        return "sets up", "the instance"
    fields = [_words_phrase(name) for u in joined if u.kind == "field" for name in u.names[:3]]
    if fields:
        return "declares", f"the {_listed(fields, 3)} attributes"
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
            said.append(f"{verb} {_listed(things, 3)}")
        elif verb == "warns":
            said.append("warns that it is deprecated" if "deprecated" in things else "warns")
        elif verb in ("emits", "listens") and things:
            plural = "s" if len(things) > 1 else ""
            shown = _listed(things, 3)
            said.append(
                f"emits the {shown} event{plural}"
                if verb == "emits"
                else f"listens for the {shown} event{plural}"
            )
        elif verb == "sets" and things == ["state"]:
            said.append("updates its state")
        elif verb == "sets" and things:
            shown = _listed([_words_phrase(t).removesuffix(" state") for t in things], 3)
            said.append(f"updates the {shown} state" if shown else "updates its state")
        elif verb == "renders" and things:
            said.append(f"renders {_listed(things, 3)}")
        elif verb == "registers" and things:
            said.append(f"registers {_listed(things, 2)}")
        elif verb in _EFFECT_WORDS:
            said.append(_EFFECT_WORDS[verb])
    return _listed(said[:4], 4)


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


def _class_description(unit: Unit, with_effects: bool = True) -> str:
    """A class said from what its public methods do, or from what it holds and exposes."""
    name = unit.names[0] if unit.names else ""
    words = words_of(name)
    if re.search(r"(?:Error|Exception)$", name) or re.search(r"(?:Error|Exception)$", unit.detail):
        what = [word for word in words if word.lower() not in ("error", "exception")]
        return f"Error raised for {_words_phrase(''.join(what))}" if what else "An error type"
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
    said = _listed(_merge_actions(actions), 3)
    if said:
        return f"{said}; {effects}" if effects else said
    if effects:
        return effects
    held = [_words_phrase(n) for m in unit.members if m.kind == "field" for n in m.names[:6]]
    held += [
        _words_phrase(p)
        for m in unit.members
        if m.detail == "constructor" or m.names[:1] == (".__init__",)
        for p in m.parameters
    ]
    exposed = [
        _words_phrase(m.names[0])
        for m in unit.members
        if m.detail in ("get", "property", "cached_property") and m.names
    ]
    said = " and ".join(
        part
        for part in (
            f"holds the {_listed(list(dict.fromkeys(held)), 3)}" if held else "",
            f"exposes the {_listed(list(dict.fromkeys(exposed)), 3)}" if exposed else "",
        )
        if part
    )
    return said


def _words_phrase(name: str) -> str:
    """An identifier as words in a sentence: `selectedId` is "selected ID"; a name with no
    words (`$`, `_`) as itself in backticks, so no sentence is left with an empty slot."""
    said = " ".join(_shown(word) for word in words_of(name.lstrip(".#_$")))
    return said or (f"`{name[:MAX_NAME]}`" if name.strip() else "")


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
    also = _second_verb(words, verb)
    if verb is None and len(words) == 1 and re.search(r"(?:ify|ize|ise|ate)$", words[0]):
        verb = words[0].lower()
    if verb is None:
        if not _names_a_value(words):
            return None
        if len(words) > 1 and unit.kind == "function":
            return "returns", "the " + " ".join(_shown(word) for word in words)
        if words:
            return "gives", "the " + " ".join(_shown(word) for word in words)
        return None
    if verb in ("is", "has", "can", "should") and not objects:
        return None
    if verb in ("is", "has", "can", "should"):
        state = " ".join(_shown(word) for word in objects[:-1]) or None
        thing = singular(objects[-1]).lower()
        if verb == "is" and state:
            return "checks whether", f"the {thing} is {state}"
        return "checks whether", f"it {verb} {' '.join(_shown(word) for word in objects)}"
    parameters = [p for p in unit.parameters if p.lower() not in _VAGUE_PARAMETERS]
    subject = [word for word in subject if _verb_of(word) != verb]
    thing_words = [*objects, *tail]
    first = unit.parameters[0].lower() if unit.parameters else ""
    if not objects and first in _FUNCTION_PARAMETERS:
        thing_words = ["a", "function"]
    elif not objects and first and first not in _VAGUE_PARAMETERS | _SOURCE_PARAMETERS:
        thing_words = [*words_of(_ABBREVIATIONS.get(first, unit.parameters[0])), *tail]
        parameters = parameters[1:]
    elif not objects and subject:
        thing_words = [*subject, *tail]
    thing = " ".join(_shown(word) for word in thing_words if word)
    if thing and not tail and thing_words[0].lower() not in _DETERMINERS:
        thing = "the " + thing
    source = next((p for p in parameters if p.lower() in _SOURCE_PARAMETERS), None)
    if source and verb in _READING_VERBS:
        thing = f"{thing} from the given {_words_phrase(source)}".strip()
    if not thing:
        return None
    said = _third_person(verb) + (f" and {_third_person(also)}" if also else "")
    return said, thing


_DETERMINERS = frozenset("a an the all each every any some".split())
"""Words that already say which thing: "gets all tvars", never "gets the all tvars"."""


def _second_verb(words: Sequence[str], verb: str | None) -> str | None:
    """The verb a name joins to its first with a conjunction: `get_and_bind_all` binds too."""
    lowered = [word.lower() for word in words[:4]]
    if verb is None or verb not in lowered[:2]:
        return None
    at = lowered.index(verb) + 1
    if len(lowered) > at + 1 and lowered[at] in CONJUNCTIONS:
        return _verb_of(lowered[at + 1])
    return None


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
    past = last.endswith("ed") and _verb_of(last)
    return not (first in _NOT_A_VALUE or past or last in _ONLY_VERBS or _GLUED_VERB.fullmatch(last))


_ONLY_VERBS = frozenset("open close compile run exec execute parse encode decode".split())
"""Verbs that are never the noun of a value, unlike `cache`, `check` or `tag`."""


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
    return [
        f"{verbs} {_with_one_when(things)}".strip() for verbs, things in list(by_verbs.items())[:4]
    ]


def _with_one_when(things: list[str]) -> str:
    """Things listed, a "when ..." clause they all end with said once, at the end: "X.update
    and Y.update when the module is loaded"."""
    clause = things[0].partition(" when ")[2] if things else ""
    if len(things) < 2 or not clause or not all(t.endswith(f" when {clause}") for t in things):
        return _listed(things)
    return f"{_listed([t.removesuffix(f' when {clause}') for t in things])} when {clause}"


def _listed(items: Sequence[str], limit: int = 4) -> str:
    """`a`, `a and b`, `a, b and c`, `a, b, c, d and others`.

    An item another one opens with and goes on from ("holds the slots" beside "holds the
    slots and getitem") is said once, in the longer one."""
    unique = [item for item in dict.fromkeys(items[: limit * 4]) if item]
    shown = [
        item
        for item in unique
        if not any(other.startswith((f"{item} and ", f"{item}, ")) for other in unique)
    ][: limit + 1]
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
    summary = _documented(main) if main is not None else ""
    if main is not None and summary:
        return intent_from_doc(summary) or clip_words(_sentence_of(summary))
    described = _self_description(main) if main is not None else ""
    if main is not None and described:
        return clip_words(f"{_class_name(main)}: {_lower_first(described.rstrip('.'))}.")
    topics = _topics(blocks, main)[:3]
    if main is not None:
        what = component_label(main.names[0]) if main.kind == "component" else _class_name(main)
        rendered = list(dict.fromkeys(e.what for e in main.effects if e.verb == "renders"))
        if main.kind == "component" and len(rendered) >= 2:
            return clip_words(f"{what} that renders {_listed(rendered[:3], 3)}.")
        if len(topics) >= 2:
            return clip_words(f"{what}: {_listed(topics, 3)}.")
        said = _class_description(main) if main.kind == "class" else ""
        return clip_words(f"{what} that {said}.") if said else f"{what}."
    return _intent_of_parts(units, blocks, subject, topics)


def _documented(unit: Unit) -> str:
    """The unit's doc summary, unless it only names the unit ("CommanderError class")."""
    summary = unit.summary
    named = {word.lower() for name in unit.names[:1] for word in words_of(name.lstrip(".#_$"))}
    said = {word.lower() for token in words_of_text(summary) for word in words_of(token)}
    if not said or said <= named | _ECHO_WORDS:
        return ""
    return summary


_ECHO_WORDS = frozenset(
    "the a an class function method component constructor constructs type module".split()
)


def _self_description(unit: Unit) -> str:
    """What a class says of itself in a `description` field its framework shows as help."""
    return next((m.summary for m in unit.members if m.names[:1] == _DESCRIBING and m.summary), "")


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
    return clip_words(f"{phrase([*words[:2], 'error', 'classes'])}: {_listed(names, 4)}.")


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
    return clip_words(f"{family} {plural}: {_listed([u.names[0] for u in definitions], 6)}.")


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
        topics.append(_lower_first(" ".join(rest)) if rest != words else _lower_first(block.label))
    return topics


_HEAD_TAILS = frozenset(("construction", "state", "props", "attributes", "definition", "metadata"))


def _lower_first(label: str) -> str:
    first, _, rest = label.partition(" ")
    upper = first.isupper() and len(first) > 1
    shown = first if upper or any(c.isdigit() for c in first) else first.lower()
    return f"{shown} {rest}".strip()


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
    lead = _words_phrase(subject) if _subject_words(subject) else ""
    routes = [unit for unit in units if unit.kind == "code" and _route_label(unit)]
    if routes:
        resources = Counter(
            singular(words_of(unit.argument.strip("/").split("/")[0])[-1]).lower()
            for unit in routes
            if words_of(unit.argument.strip("/").split("/")[0])
        )
        resource = resources.most_common(1)[0][0] if resources else "resource"
        actions = [label.split()[-1].lower() for unit in routes if (label := _route_label(unit))]
        return clip_words(f"HTTP routes for {resource}s: {_listed(actions, 5)}.")
    plain = [
        " ".join(word for word in topic.split() if word.lower() not in _TOPIC_TAILS) or topic
        for topic in topics
    ]
    if kinds["type"] and kinds["type"] + kinds["export"] >= code:
        return clip_words(f"Type definitions for {_listed(plain, 3)}.")
    if kinds["constant"] and kinds["constant"] >= code:
        return clip_words(f"Settings for {_listed(plain, 3)}.")
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
        return clip_words(f"{lead[:1].upper()}{lead[1:]} {noun}: {_listed(topics, 3)}.")
    return clip_words(f"{noun.capitalize()} for {_listed(topics, 3)}.")


def without_intent(
    blocks: Sequence[Block], groups: Sequence[Group], intent: str, subject: str = ""
) -> list[Block]:
    """The blocks, any whose description only repeats the file's intent said again from code."""
    return [
        block._replace(description=describe(group, subject, intent))
        if _same_text(block.description, intent)
        else block
        for block, group in zip(blocks, groups, strict=True)
    ]


def clip_words(text: str, limit: int = INTENT_WORDS) -> str:
    """`text` cut to `limit` words, never ending on a word that needs the next one ("by
    providing an.")."""
    words = text.split()
    if len(words) <= limit:
        return text
    words = words[:limit]
    while len(words) > 2 and words[-1].lower().rstrip(",;:") in _FILLER_WORDS:
        words.pop()
    return " ".join(words).rstrip(",;:(") + "."


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
        if _DOC_FIELD.match(line):
            break
        if _DOC_NOISE.match(line):
            if paragraph:
                break
            continue
        paragraph.append(line)
    joined = _SPACES.sub(" ", " ".join(paragraph)).strip()
    joined = _MARKDOWN_LINK.sub(r"\1", joined) if "](" in joined else joined
    joined = _REST_ROLE.sub(_role_name, joined) if "`" in joined else joined
    if not joined or _DIRECTIVE.match(joined) or _LICENSE.search(joined):
        return ""
    if _NOTE.match(joined) or _CODE_LIKE.match(joined) or _PROVENANCE.search(joined[:200]):
        return ""
    sentence = _SENTENCE_END.split(joined, maxsplit=1)[0]
    if len(sentence.split()) < 2 or not _is_prose(sentence):
        return ""
    return clip(sentence, DESCRIPTION_LIMIT)


_REST_ROLE = re.compile(r"(?::[a-z]{1,12}){1,2}:`(~?)([^`\n]{1,120})`|``([^`\n]{1,120})``")
"""A reST role (":class:`~pkg.Markup`") or literal ("``__html__``"), said as the name in
plain backticks the way a reader writes it."""


def _role_name(match: re.Match[str]) -> str:
    if match.group(3) is not None:
        return f"`{match.group(3)}`"
    target = match.group(2).split("<")[-1].rstrip(">").strip()
    return f"`{target.rsplit('.', 1)[-1] if match.group(1) else target}`"


def _is_prose(text: str) -> bool:
    """Mostly letters: a table drawn in ASCII (`+---- eq? | |`) is not a sentence."""
    shown = text.replace(" ", "")
    return sum(char.isalpha() for char in shown) * 2 >= len(shown)


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
            return clip_words(f"{summary.rstrip('.')}: {_lower_first(following)}")
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
