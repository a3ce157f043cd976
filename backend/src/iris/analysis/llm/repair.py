"""The model's answer, checked and mended until it keeps the IRIS rules, or refused.

A model's answer is text that should be JSON in the answer schema, and often
is not quite: cut off at the token limit, raw control characters inside its
strings, ranges outside the file or backwards, blocks that share lines, labels
empty or a paragraph long, too many blocks. What can be mended is, and each
kind of mending is named in `Mended.repairs`; what cannot raises `Unusable`,
and the builtin analyzer answers instead.

Why no answer can make this slow: the text is at most the client's
`MAX_REPLY_BYTES`. Control characters go in one `str.translate`; the JSON is
read by one pass of a tokenizer whose patterns are possessive (a string token
cannot backtrack), and `json.loads` runs once on the result. At most
`MAX_BLOCKS_READ` blocks of `MAX_RANGES_READ` ranges are looked at. Ranges are
kept as sorted interval lists, never as sets of lines, so a range over a
million lines costs what a range over one does; taking the lines already
claimed out of a block walks both sorted lists once, and adding a block's
lines to the claimed ones sorts at most a few thousand intervals.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from iris.analysis.doctext import DESCRIPTION_LIMIT, MAX_DOC, clip, intent_from_doc
from iris.analysis.grouping import MAX_BLOCKS, MAX_RANGES_PER_BLOCK, SMALL_FILE_LINES
from iris.analysis.intent import intent_from_labels
from iris.analysis.labels import MAX_LABEL_WORDS
from iris.analysis.model import Block, Outline, Unit
from iris.analysis.words import PREPOSITIONS

MAX_BLOCKS_READ = 64
MAX_RANGES_READ = 256
MAX_DEPTH = 8
"""The schema nests five deep; an answer nested deeper is not the schema's."""
MAX_LABEL_CHARS = 60
GENERIC_LABELS = frozenset(
    """misc miscellaneous helpers helper utilities utility utils other others
    everything-else remaining module-level-code misc-code other-code helper-functions
    utility-functions""".split()
)
_CONNECTORS = PREPOSITIONS | frozenset(("and", "or", "the", "a", "an", "&"))
_CONTROL = dict.fromkeys([*range(32), 127], " ")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"\s+")
_EDGE_NOISE = " \t/#*!<>-=;:,.\"'`()[]{}|\\"
_TOKEN = re.compile(
    r"""
    (?P<string>"(?:[^"\\]++|\\.)*+")
    | (?P<open_string>"(?:[^"\\]++|\\.)*+)
    | (?P<open>[\[{])
    | (?P<close>[\]}])
    | (?P<colon>:)
    | (?P<comma>,)
    | (?P<space>\s++)
    | (?P<scalar>[^\s\[\]{}:,"]++)
    """,
    re.VERBOSE | re.DOTALL,
)
_PARTIAL_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{0,3}\Z")
_CLOSER = {"[": "]", "{": "}"}


class Unusable(ValueError):
    """The model's answer cannot be mended into one that keeps the rules; says why."""


class Mended(NamedTuple):
    """An answer that keeps the rules, and the kinds of mending it needed (none if it kept them)."""

    file_intent: str
    blocks: tuple[Block, ...]
    repairs: tuple[str, ...]


def mended_text(text: str, outline: Outline) -> Mended:
    """The model's answer text about the file `outline` was read from, read and mended."""
    repairs: set[str] = set()
    answer = parsed(text, repairs)
    return mended(answer, len(outline.lines), outline.units, outline.language_name, repairs)


def parsed(text: str, repairs: set[str]) -> Any:
    """The JSON value in `text`, with raw control characters made spaces and a cut-off end closed.

    A cut-off answer is cut back to the last point where a value had just
    ended (or an array or object had just opened) and the brackets still
    open there are closed, so the blocks the model finished are kept. A
    string cut off as a value is closed where it stops (a half-written
    `\\u` escape dropped).
    """
    cleaned = text.translate(_CONTROL)
    if cleaned != text:
        repairs.add("control_characters")
    try:
        return json.loads(cleaned)
    except RecursionError:
        raise Unusable("the model's answer was nested too deeply") from None
    except ValueError:
        pass
    closed = _closed(cleaned)
    try:
        value = json.loads(closed)
    except (ValueError, RecursionError):
        raise Unusable("the model's answer was not JSON") from None
    repairs.add("json_closed")
    return value


def _closed(text: str) -> str:
    """`text` cut back to its last complete point, with the brackets open there closed.

    One pass over the tokens. `stack` holds the open brackets; in an object,
    `after_colon` says whether the next string is a value (safe to end after)
    or a key (not). `safe` is the end of the last complete point and the
    brackets open there; a comma marks one too, just before it, since what
    came before it was complete.
    """
    stack: list[str] = []
    after_colon = False
    safe = (0, "")
    for token in _TOKEN.finditer(text):
        kind = token.lastgroup
        in_object = bool(stack) and stack[-1] == "{"
        if kind == "open":
            if len(stack) >= MAX_DEPTH:
                raise Unusable("the model's answer was nested too deeply")
            stack.append(token.group())
            after_colon = False
            safe = (token.end(), "".join(stack))
        elif kind == "close":
            if not stack or _CLOSER[stack.pop()] != token.group():
                raise Unusable("the model's answer was not JSON")
            after_colon = False
            safe = (token.end(), "".join(stack))
        elif kind == "colon":
            after_colon = True
        elif kind == "comma":
            safe = (token.start(), "".join(stack))
            after_colon = False
        elif kind == "string" and (after_colon or not in_object):
            safe = (token.end(), "".join(stack))
        elif kind == "open_string" and (after_colon or not in_object):
            cut = _PARTIAL_ESCAPE.sub("", token.group())
            return text[: token.start()] + cut + '"' + _closers("".join(stack))
    end, still_open = safe
    return text[:end] + _closers(still_open)


def _closers(still_open: str) -> str:
    return "".join(_CLOSER[bracket] for bracket in reversed(still_open))


def mended(
    answer: Any, line_count: int, units: Sequence[Unit], language_name: str, repairs: set[str]
) -> Mended:
    """The answer made to keep the rules, or `Unusable`.

    Ranges are clipped to the file and turned round when reversed; lines that
    an earlier block already claims are taken out of a later one (the model
    lists blocks in reading order, so the earlier is the more important). A
    block with a label that cannot be made a specific 2-to-5-word phrase is
    dropped, and so is one left with no lines. A block of imports alone gives
    its lines to the first block. Beyond two blocks for a small file, or
    twelve for any, the last are dropped. An intent that is not one short
    phrase is written from the labels instead.
    """
    if not isinstance(answer, dict):
        raise Unusable("the model's answer was not a JSON object")
    raw_blocks = answer.get("responsibility_blocks")
    if not isinstance(raw_blocks, list):
        raise Unusable("the model's answer had no responsibility_blocks list")
    if len(raw_blocks) > MAX_BLOCKS_READ:
        repairs.add("blocks_dropped")
    claimed: list[tuple[int, int]] = []
    blocks: list[Block] = []
    for raw in raw_blocks[:MAX_BLOCKS_READ]:
        block = _block(raw, line_count, claimed, repairs)
        if block is not None:
            blocks.append(block)
            claimed = _union(claimed, block.ranges)
    blocks = _imports_joined(blocks, units, repairs)
    limit = 2 if line_count < SMALL_FILE_LINES else MAX_BLOCKS
    if len(blocks) > limit:
        repairs.add("blocks_dropped")
        blocks = blocks[:limit]
    if not blocks:
        raise Unusable("the model's answer had no usable responsibility block")
    intent = intent_from_doc(_plain(answer.get("file_intent")).lstrip(_EDGE_NOISE))
    if not intent:
        repairs.add("intent_written")
        intent = intent_from_labels([block.label for block in blocks], language_name)
    return Mended(intent, tuple(blocks), tuple(sorted(repairs)))


def _block(
    raw: object, line_count: int, claimed: list[tuple[int, int]], repairs: set[str]
) -> Block | None:
    if not isinstance(raw, dict):
        repairs.add("blocks_dropped")
        return None
    label = _label(raw.get("label"), repairs)
    ranges = _ranges(raw.get("ranges"), line_count, repairs)
    unclaimed = _difference(ranges, claimed)
    if unclaimed != ranges:
        repairs.add("overlaps_removed")
    if not label or not unclaimed:
        repairs.add("blocks_dropped")
        return None
    if len(unclaimed) > MAX_RANGES_PER_BLOCK:
        repairs.add("ranges_dropped")
        unclaimed = unclaimed[:MAX_RANGES_PER_BLOCK]
    description = clip(_plain(raw.get("description")), DESCRIPTION_LIMIT)
    if not description:
        repairs.add("description_written")
        description = f"{label}."
    return Block(label, description, tuple(unclaimed))


def _plain(text: object) -> str:
    """Text on one line: no control characters, lone surrogates or runs of spaces."""
    if not isinstance(text, str):
        return ""
    text = _SURROGATES.sub(" ", text[:MAX_DOC].translate(_CONTROL))
    return _SPACES.sub(" ", text).strip()


def _label(raw: object, repairs: set[str]) -> str:
    """A 2-to-5-word label, cut at a word if longer, or "" when it is too short or a catch-all."""
    words = _plain(raw).strip(_EDGE_NOISE).split()
    if len(words) > MAX_LABEL_WORDS or len(" ".join(words)) > MAX_LABEL_CHARS:
        repairs.add("labels_shortened")
        words = words[:MAX_LABEL_WORDS]
        while words and (
            len(" ".join(words)) > MAX_LABEL_CHARS or words[-1].lower() in _CONNECTORS
        ):
            words.pop()
        if words and not words[-1].rstrip(_EDGE_NOISE):
            words.pop()
        elif words:
            words[-1] = words[-1].rstrip(_EDGE_NOISE)
    if len(words) < 2 or "-".join(words).lower() in GENERIC_LABELS:
        return ""
    label = " ".join(words)
    return label[:1].upper() + label[1:]


def _ranges(raw: object, line_count: int, repairs: set[str]) -> list[tuple[int, int]]:
    """The block's ranges inside the file, each start before its end, sorted and merged."""
    if not isinstance(raw, list):
        repairs.add("ranges_dropped")
        return []
    if len(raw) > MAX_RANGES_READ:
        repairs.add("ranges_dropped")
    found: list[tuple[int, int]] = []
    for pair in raw[:MAX_RANGES_READ]:
        numbers = [n for n in pair[:2] if _is_line(n)] if isinstance(pair, list) else []
        if len(numbers) != 2 or len(pair) != 2:
            repairs.add("ranges_malformed")
            if not numbers:
                continue
        start, end = numbers[0], numbers[-1]
        if start > end:
            repairs.add("ranges_reversed")
            start, end = end, start
        if start < 1 or end > line_count:
            repairs.add("ranges_clipped")
            start, end = max(start, 1), min(end, line_count)
            if start > end:
                continue
        found.append((start, end))
    return _union([], found)


def _is_line(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _union(
    first: Sequence[tuple[int, int]], second: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The intervals of both, sorted, with overlapping and touching ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted([*first, *second]):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _difference(
    ranges: Sequence[tuple[int, int]], taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The lines of sorted, disjoint `ranges` that sorted, disjoint `taken` does not hold."""
    left: list[tuple[int, int]] = []
    index = 0
    for start, end in ranges:
        while index < len(taken) and taken[index][1] < start:
            index += 1
        probe = index
        while start <= end and probe < len(taken) and taken[probe][0] <= end:
            taken_start, taken_end = taken[probe]
            if taken_start > start:
                left.append((start, taken_start - 1))
            start = max(start, taken_end + 1)
            probe += 1
        if start <= end:
            left.append((start, end))
    return left


def _imports_joined(blocks: list[Block], units: Sequence[Unit], repairs: set[str]) -> list[Block]:
    """Blocks that hold imports and no other code give their lines to the first other block.

    What is an import and what is other code comes from the builtin
    analyzer's outline of the same file. With one block there is nothing to
    join: a file of imports alone is one block.
    """
    if len(blocks) < 2:
        return blocks
    imports = _union([], ((u.start, u.end) for u in units if u.kind == "import"))
    code = _union([], ((u.start, u.end) for u in units if u.kind != "import"))
    alone = [_overlaps(b.ranges, imports) and not _overlaps(b.ranges, code) for b in blocks]
    if not any(alone) or all(alone):
        return blocks
    repairs.add("import_blocks_joined")
    pairs = list(zip(blocks, alone, strict=True))
    given = [lines for block, only in pairs if only for lines in block.ranges]
    kept = [block for block, only in pairs if not only]
    kept[0] = kept[0]._replace(ranges=tuple(_union(kept[0].ranges, given)))
    return kept


def _overlaps(ranges: Sequence[tuple[int, int]], other: Sequence[tuple[int, int]]) -> bool:
    return _difference(ranges, other) != list(ranges)
