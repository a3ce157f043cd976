"""The prose of an analysis: block labels, descriptions and the file intent.

The IRIS team's rules for a good answer, which every language follows:

- a label is a noun phrase of 2 to 5 words naming a responsibility, written
  from the code's own names (`CSVReader` is "CSV reader", `TransactionFilter`
  "Transaction filtering", `load_config` "Config loading", `Avatar` in a React
  file "Avatar component"), never a catch-all such as "helpers" or "misc";
- the intent is one phrase of 2 to 20 words saying why the file exists, taken
  from its doc text when it has some (never from a pragma, shebang, lint
  directive or licence), or else written from its first blocks' labels.

Every function here looks at a bounded prefix of its input (`MAX_NAME`,
`MAX_DOC` characters), so the prose costs the same for a huge literal as for
a short one, and nothing here recurses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from iris.analysis.model import Unit

MAX_NAME = 80
MAX_DOC = 2000
MAX_LABEL_WORDS = 5
INTENT_WORDS = 20
DESCRIPTION_LIMIT = 240
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_ACRONYMS = frozenset(
    """api ast aws cli css csv db dom html http https id io ip json jwt llm sdk sql ssh
    ssl tcp tls ui uri url utf uuid xml yaml""".split()
)
_NOUN_OF_VERB = {
    "add": "addition",
    "authenticate": "authentication",
    "authorize": "authorization",
    "calc": "calculation",
    "calculate": "calculation",
    "check": "checks",
    "collect": "collection",
    "compare": "comparison",
    "compute": "computation",
    "configure": "configuration",
    "connect": "connection",
    "convert": "conversion",
    "create": "creation",
    "decode": "decoding",
    "delete": "deletion",
    "describe": "description",
    "detect": "detection",
    "encode": "encoding",
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
    "serialize": "serialization",
    "deserialize": "deserialization",
    "set": "setting",
    "setup": "setup",
    "should": "check",
    "summarize": "summary",
    "can": "check",
    "transform": "transformation",
    "translate": "translation",
    "update": "updates",
    "validate": "validation",
    "verify": "verification",
    "to": "conversion",
    "make": "construction",
    "build": "building",
    "apply": "application",
}
_VERBS = frozenset(_NOUN_OF_VERB) | frozenset(
    """accept analyze append assert await bind cache call cancel clean clear close commit
    copy count dispatch download draw drop dump emit ensure enqueue export fetch fill
    filter flush format group handle hash hide import index inject install invoke join
    keep load lock log map mark match merge mount move open parse patch pick play poll
    post prepare print process publish pull push put query queue read receive record
    reduce refresh reload render replace report request reset resize restore retry return
    run save scan schedule search select send serve show sort split start stop store
    submit subscribe summarize sync test toggle track train trigger try unlock unmount
    unsubscribe upload use wait walk watch wrap write""".split()
)
_DOUBLED = frozenset(
    """begin commit drop emit get log map plan put run scan set ship shop skip stop
    submit swap tag trim wrap""".split()
)
_NOMINAL_SUFFIX = frozenset(
    """filter sort search validate parse format render merge match transform convert""".split()
)
PREPOSITIONS = frozenset("by for from in into of on to with as at per".split())
_DIRECTIVE = re.compile(
    r"^\s*(?:@ts-|@flow|@jsx|@format|@noflow|eslint|jshint|jslint|global[s]?\s|prettier-|"
    r"istanbul|c8 |biome-|tslint|stylelint|type:\s*ignore|pylint:|noqa|mypy:|pyright:|"
    r"ruff:|fmt:|isort:|coding[:=]|-\*-|vim?:|!|<reference|<amd-|use strict|#)",
    re.IGNORECASE,
)
_LICENSE = re.compile(r"copyright|licen[cs]e|spdx|\(c\)|©|all rights reserved", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`\"'(])")
_SPACES = re.compile(r"\s+")
_DOC_NOISE = re.compile(r"^[=\-~#*`_\s]+$")


def words_of(name: str) -> list[str]:
    """The words of an identifier: `getUserById` is get, User, By, Id; `CSVReader` CSV, Reader."""
    return _WORD.findall(name[:MAX_NAME])


def phrase(words: Sequence[str]) -> str:
    """Words as a label: the first capitalised, acronyms upper-case, the rest lower-case."""
    shown = []
    for word in words:
        lower = word.lower()
        shown.append(word.upper() if lower in _ACRONYMS else lower)
    text = " ".join(shown)
    return text[:1].upper() + text[1:]


def _gerund(verb: str) -> str:
    if verb in _DOUBLED:
        return verb + verb[-1] + "ing"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        return verb[:-1] + "ing"
    return verb + "ing"


def action_noun(verb: str) -> str:
    """The noun for doing `verb`: validate is validation, load is loading."""
    verb = verb.lower()
    return _NOUN_OF_VERB.get(verb) or _gerund(verb)


def _cap(words: list[str]) -> list[str]:
    return words[:MAX_LABEL_WORDS]


def function_label(name: str, subject: str = "") -> str:
    """`load_config` is "Config loading", `get_user_by_id` "User retrieval by ID".

    A bare verb (`load`) takes its object from `subject`, the file's name:
    `load` in `inventory.py` is "Inventory loading".
    """
    found = words_of(name)
    if not found:
        return "Function definition"
    if found[0].lower() == "main" and len(found) == 1:
        return "Program entry point"
    if found[0].lower() == "use" and len(found) > 1:
        return phrase(_cap([*found[1:4], "hook"]))
    if found[0].lower() in _VERBS:
        rest = found[1:]
        split = next(
            (index for index, word in enumerate(rest) if word.lower() in PREPOSITIONS), len(rest)
        )
        objects, tail = rest[:split], rest[split:]
        noun = action_noun(found[0])
        if not objects and not tail:
            objects = _subject_words(subject)
        if not objects and not tail:
            return phrase([noun, "logic"])
        return phrase(_cap([*objects[-3:], noun, *tail]))
    if len(found) == 1:
        return phrase([found[0], "function"])
    return phrase(_cap(found))


_VAGUE_FILE_NAMES = frozenset(
    """app code common core file files helper helpers index init lib main misc mod module
    script scripts src temp test tests tmp tool tools util utils""".split()
)


def _subject_words(subject: str) -> list[str]:
    """A file name's words when they say what the file is about: `inventory`, not `utils`."""
    found = [word for word in words_of(subject) if len(word) > 2]
    if not found or any(word.lower() in _VAGUE_FILE_NAMES for word in found):
        return []
    return found[:3]


def class_label(name: str, base: str = "") -> str:
    """`CSVReader` is "CSV reader", `TransactionFilter` "Transaction filtering"."""
    found = words_of(name)
    if not found:
        return phrase(words_of(base) or ["Class"]) + " class" if base else "Class definition"
    if len(found) > 1 and found[-1].lower() in _NOMINAL_SUFFIX:
        found = [*found[:-1], action_noun(found[-1])]
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


def type_label(name: str) -> str:
    """Types named after what they describe: `StockLevel` gives "Stock level types"."""
    found = words_of(name)
    return phrase([*found[:4], "types"]) if found else "Type declarations"


def constant_label(name: str) -> str:
    """Module state and settings: `DEFAULT_TIMEOUT` gives "Default timeout settings"."""
    found = words_of(name)
    if not found:
        return "Module settings"
    last = found[-1].lower()
    if last in ("config", "configuration", "settings", "options", "constants", "styles"):
        return phrase(_cap(found))
    return phrase([*found[:4], "settings"])


_CALL_LABELS = (
    (re.compile(r"(?:^|\.)(?:get|post|put|patch|delete|all|route)$"), "HTTP route handlers"),
    (re.compile(r"(?:^|\.)(?:use)$"), "Middleware setup"),
    (re.compile(r"(?:^|\.)listen$"), "Server startup"),
    (re.compile(r"^(?:describe|it|test|suite)(?:\.\w+)?$"), "Test suite"),
    (re.compile(r"(?:render|createRoot|hydrate\w*)$"), "App rendering"),
    (re.compile(r"(?:^|\.)(?:main|run|start)$"), "Program startup"),
    (re.compile(r"(?:^|\.)(?:config|configure|setup|init\w*)$"), "Module configuration"),
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


def code_label(call: str) -> str:
    """Loose top-level statements, named after the call they make."""
    label = _call_label(call)
    if label:
        return label
    owner = words_of(call.split(".")[0]) if call else []
    return phrase([*owner[:3], "setup"]) if owner else "Module setup"


def unit_label(unit: Unit, subject: str = "") -> str:
    """The label a block gets when `unit` is its main unit, in a file named after `subject`.

    A name that gives a one-word label (`CONSTANTS`) is put in context: "Module constants".
    """
    label = _label_for_kind(unit, subject)
    return label if " " in label else f"Module {label.lower()}"


def _label_for_kind(unit: Unit, subject: str) -> str:
    name = unit.names[0] if unit.names else ""
    if unit.kind == "function":
        return function_label(name, subject)
    if unit.kind == "component":
        return component_label(name)
    if unit.kind == "class":
        return class_label(name, unit.detail)
    if unit.kind == "type":
        return type_label(name)
    if unit.kind == "constant":
        return constant_label(name)
    if unit.kind == "entry":
        return "Script entry point"
    if unit.kind == "export":
        return "Public exports"
    if unit.kind == "import":
        return "Module dependencies"
    return code_label(unit.detail)


def list_names(names: Sequence[str], limit: int = 4) -> str:
    """`a`, `a and b`, `a, b and c`, or `a, b, c, d and 3 more`."""
    shown = [name[:MAX_NAME] for name in names[: limit + 1]]
    if len(names) > limit:
        return f"{', '.join(shown[:limit])} and {len(names) - limit} more"
    if len(shown) > 1:
        return f"{', '.join(shown[:-1])} and {shown[-1]}"
    return shown[0] if shown else ""


def class_summary(base: str, methods: Sequence[str]) -> str:
    """What a class without a doc comment is, in every language: its base and its methods."""
    text = f"A class extending {base}" if base else "A class"
    if methods:
        text += f"{',' if base else ''} with the methods {list_names(methods)}"
    return text + "."


def block_description(main: Unit, members: Sequence[Unit]) -> str:
    """The main unit's doc summary, or what the block defines, in one or two sentences."""
    defined = list(
        dict.fromkeys(
            name
            for unit in members
            if unit.kind not in ("import", "export", "code", "entry")
            for name in unit.names[:1]
        )
    )
    others = [name for name in defined if not main.names or name != main.names[0]]
    if main.summary:
        text = main.summary
        if others:
            text = text if text.endswith((".", "!", "?", "…")) else text + "."
            text += f" Also defines {list_names(others)}."
    elif main.kind == "entry":
        text = "Runs when the file is executed as a script."
    elif main.kind == "code":
        text = "Statements that run when the module is loaded."
        if defined:
            text += f" Also defines {list_names(defined)}."
    elif defined:
        text = f"Defines {list_names(defined)}."
    else:
        modules = [unit.detail for unit in members if unit.detail]
        text = f"Makes {list_names(modules)} available." if modules else "Module wiring."
    return clip(text, DESCRIPTION_LIMIT)


def is_directive(comment: str) -> bool:
    """A comment for a tool, not a reader: a pragma, a lint switch, a shebang."""
    return bool(_DIRECTIVE.match(comment[:MAX_NAME]))


def doc_summary(text: str) -> str:
    """The first sentence of a doc text's first paragraph, on one line, or "".

    Headings made of punctuation (`=====`), pragmas, lint directives and
    licence text never count.
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
            continue
        paragraph.append(line)
    joined = _SPACES.sub(" ", " ".join(paragraph)).strip()
    if not joined or _DIRECTIVE.match(joined) or _LICENSE.search(joined):
        return ""
    sentence = _SENTENCE_END.split(joined, maxsplit=1)[0]
    return clip(sentence, DESCRIPTION_LIMIT)


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
    """An intent written from the labels of the first blocks, for files without doc text."""
    chosen = [label for label in labels if label != "Script entry point"][:2] or list(labels[:1])
    if not chosen:
        return f"Empty {language_name} file."
    if len(chosen) == 1:
        return f"{chosen[0]} in {language_name}."
    second = chosen[1]
    if not second.split()[0].isupper():
        second = second[:1].lower() + second[1:]
    return f"{chosen[0]} and {second}."


def clip(text: str, limit: int) -> str:
    """`text` cut at the last word that fits in `limit` characters, an ellipsis saying so."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
