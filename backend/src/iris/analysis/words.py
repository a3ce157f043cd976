"""The words of identifiers, and the English that turns them into labels and sentences.

Everything the namer says is built from code's own names: `getUserById` is
the words get, User, By, Id; `get` is a verb whose action is "retrieval" and
whose third person is "gets"; `categories` is the plural of category. This
module knows those words and nothing of outlines or groups, so the labels,
the descriptions and the grouping (which weighs what two units' names share)
all read a name the same way.

Every function looks at a bounded prefix of its input (`MAX_NAME`
characters, a few words of a name), so a huge identifier costs what a short
one does, and nothing here recurses.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

MAX_NAME = 80
SPLITS_KEPT = 2048
"""Names whose words (and verb) are kept once split: the grouping and the namer read each
unit's names several times, and a file has a few hundred. Kept as tuples, handed out as
fresh lists, so no caller can change what the next one reads; forgotten when a file has
been answered (`forget_worked_out_words`)."""
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
    "use": "registration",
}
_VERBS = frozenset(_NOUN_OF_VERB) | frozenset(
    """accept activate adjust attempt greet welcome reopen
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
QUERY_VERBS = frozenset("get is has can should find list count lookup fetch read".split())
UPDATE_VERBS = frozenset(
    "set add remove delete update clear reset push pop insert put append upsert".split()
)
PREPOSITIONS = frozenset("by for from in into of on to with as at per".split())
SPACES = re.compile(r"\s+")


def words_of(name: str) -> list[str]:
    """The words of an identifier: `getUserById` is get, User, By, Id; `S3Model` S3, Model."""
    return list(_words_of(name[:MAX_NAME]))


@lru_cache(maxsize=SPLITS_KEPT)
def _words_of(name: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(name))


def forget_worked_out_words() -> None:
    """Forget the words, verbs and shown forms kept for the file just answered."""
    _words_of.cache_clear()
    _split_action.cache_clear()
    word_shown.cache_clear()


@lru_cache(maxsize=SPLITS_KEPT)
def word_shown(word: str) -> str:
    """A word as a reader writes it: an acronym upper-case (`Json` is JSON, `urls` URLs), a
    name with digits as it is (`S3`), any other lower-case; kept, like a name's words."""
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
    text = without_doubled_words(" ".join(word_shown(word) for word in words if word))
    return text[:1].upper() + text[1:]


_DOUBLED_WORD = re.compile(r"\b([A-Za-z]{2,})(?:\s+\1\b)+", re.IGNORECASE)


def without_doubled_words(text: str) -> str:
    """`text` with a word said twice in a row ("the props props") said once, the spaces a
    missing word left ("the  and") closed; an upper-case echo ("arch ARCH") and a doc's
    deliberate repeat before an ellipsis ("parameter parameter ...") stay.

    The pattern has one repeat and no look-around, so it matches each run of one word once
    and never backtracks over the text."""
    text = SPACES.sub(" ", text)

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


def third_person(verb: str) -> str:
    """`load` is loads, `fetch` fetches, `apply` applies: how a description starts."""
    verb = verb.lower()
    if verb in _THIRD_PERSON:
        return _THIRD_PERSON[verb]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def verb_of(word: str) -> str | None:
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


def split_action(name: str) -> tuple[str | None, list[str], list[str]]:
    """A name's verb, its objects and the tail after a preposition: `get_user_by_id`."""
    verb, objects, tail = _split_action(name)
    return verb, list(objects), list(tail)


@lru_cache(maxsize=SPLITS_KEPT)
def _split_action(name: str) -> tuple[str | None, tuple[str, ...], tuple[str, ...]]:
    found = [word for word in _words_of(name.lstrip(".#_$")[:MAX_NAME]) if word]
    if not found:
        return None, (), ()
    first = _SHORT_VERBS.get(found[0].lower(), found[0].lower())
    verb = first if first in _VERBS or (len(first) > 5 and first.endswith(_VERB_ENDINGS)) else None
    rest = found[1:] if verb else found
    if verb is None and len(found) > 1 and verb_of(found[0]):
        verb, rest = verb_of(found[0]), found[1:]
    if verb is None and len(found) > 2 and found[1].lower() in _VERBS:
        verb, rest = found[1].lower(), found[2:]
    if verb in _ATTEMPTS and rest and verb_of(rest[0]):
        verb, rest = verb_of(rest[0]), rest[1:]
    if verb and len(rest) > 1 and rest[0].lower() in CONJUNCTIONS and verb_of(rest[1]):
        rest = rest[2:]
    split = next((i for i, word in enumerate(rest) if word.lower() in PREPOSITIONS), len(rest))
    tail = rest[split:] if len(rest) - split > 1 else []
    return verb, tuple(rest[:split]), tuple(tail)


_ATTEMPTS = frozenset(("try", "attempt"))
"""Verbs that only say the action after them may fail: `tryParseArgs` parses arguments."""
_SHORT_VERBS = {"rm": "remove", "del": "delete", "ls": "list", "cp": "copy", "mv": "move"}
"""Shell-style verbs a command's methods are named by: `rm` removes."""
_VAGUE_FILE_NAMES = frozenset(
    """app code common core file files helper helpers index init lib main misc mod module
    script scripts src temp test tests tmp tool tools util utils utility utilities""".split()
)


def subject_words(subject: str) -> list[str]:
    """A file name's words when they say what the file is about: `inventory`, not `utils`."""
    found = [word for word in words_of(subject) if len(word) > 2]
    if not found or any(word.lower() in _VAGUE_FILE_NAMES for word in found):
        return []
    return found[:3]


def kind_of_action(name: str) -> str | None:
    """What kind of thing a name does: its verb, or "query" or "update" for the verbs that
    read or change state (`get` and `find` are both queries); None without a verb."""
    verb = _split_action(name)[0]
    if verb in QUERY_VERBS:
        return "query"
    if verb in UPDATE_VERBS:
        return "update"
    return verb


def without_prefix(found: list[str]) -> list[str]:
    """`SlRating` is a rating: a two-letter namespace prefix (not an acronym) says nothing."""
    prefix = found[0] if found else ""
    if len(found) > 1 and len(prefix) == 2 and prefix.isalpha() and prefix.lower() not in _ACRONYMS:
        return found[1:]
    return found


_UNCOUNTED = _PLURAL_ONLY | frozenset("setup state props data metadata logic code".split())


def plural_of(word: str) -> str:
    """`component` is components, `class` classes, `query` queries; a gerund stays as it is."""
    lower = word.lower()
    if lower.endswith(("ing", "s", "ion", "ment", "ness", "ship", "ic")) or lower in _UNCOUNTED:
        return word
    if lower.endswith(("x", "ch", "sh")):
        return word + "es"
    if lower.endswith("y") and lower[-2:-1] not in _VOWELS:
        return word[:-1] + "ies"
    return word + "s"


def words_of_text(text: str) -> list[str]:
    """The words of a heading or sentence, without punctuation."""
    return re.findall(r"[A-Za-z][\w'-]*|\d+", text[:MAX_NAME])


CONJUNCTIONS = frozenset("and or but nor so yet".split())
FILLER_WORDS = CONJUNCTIONS | PREPOSITIONS | {"the", "a", "an"}
"""Words that never start a label: "And merge validation" is no noun phrase."""


def name_as_words(name: str) -> str:
    """An identifier as words in a sentence: `selectedId` is "selected ID"; a name with no
    words (`$`, `_`) as itself in backticks, so no sentence is left with an empty slot."""
    said = " ".join(word_shown(word) for word in words_of(name.lstrip(".#_$")))
    return said or (f"`{name[:MAX_NAME]}`" if name.strip() else "")


ABBREVIATIONS = {
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
DETERMINERS = frozenset("a an the all each every any some".split())
"""Words that already say which thing: "gets all tvars", never "gets the all tvars"."""


def second_verb(words: Sequence[str], verb: str | None) -> str | None:
    """The verb a name joins to its first with a conjunction: `get_and_bind_all` binds too."""
    lowered = [word.lower() for word in words[:4]]
    if verb is None or verb not in lowered[:2]:
        return None
    at = lowered.index(verb) + 1
    if len(lowered) > at + 1 and lowered[at] in CONJUNCTIONS:
        return verb_of(lowered[at + 1])
    return None


def listed_text(items: Sequence[str], limit: int = 4) -> str:
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


def lower_first(label: str) -> str:
    """A label or sentence carried into the middle of another: its first word lower-case,
    unless it is an acronym or has digits ("HTTP routes", "S3 model")."""
    first, _, rest = label.partition(" ")
    upper = first.isupper() and len(first) > 1
    shown = first if upper or any(c.isdigit() for c in first) else first.lower()
    return f"{shown} {rest}".strip()
