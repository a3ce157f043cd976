"""What the model is asked: our own instructions, the numbered source, and the answer's schema.

Written from the IRIS contract (a file's intent is its title, its blocks the
table of contents), in our words. The source goes in numbered, `12|code`, so
the ranges that come back are the file's real line numbers. Changing any text
here changes the answers: raise `PROMPT_VERSION`, which is part of the cache
key, so no answer to an older prompt is served as an answer to this one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

PROMPT_VERSION = "iris-llm-1"
MAX_OUTPUT_TOKENS = 8192
"""A ceiling on what one answer may cost: twelve blocks need a small fraction of it,
and a reasoning model's thinking counts against it too."""

INSTRUCTIONS = """\
You write the table of contents of one source file, for a developer opening it for the first time.
Answer with JSON only, in the given schema.

file_intent: why the file exists, as a book's title would say it: one noun phrase of 2 to 20 \
words (under 10 is best), about its purpose, not its mechanics. No licence text, no compiler \
directive, no line break.

responsibility_blocks: the file's main responsibilities, as the chapters of that book.
- A block is one reason for the code to change. If its label needs "and", it is two blocks; \
if it means nothing on its own, it belongs to another block.
- label: a noun phrase of 2 to 5 words naming what the block is responsible for, in the \
file's own terms, specific enough to tell it from the other blocks. Never a catch-all such \
as "Helpers", "Utilities", "Misc" or "Other code".
- description: one sentence saying what the block does for the file.
- ranges: [first, last] pairs of line numbers, inclusive, as the source numbers its lines. \
A block may have several ranges; no line belongs to two blocks; lines need not all be covered.
- Imports, constants and types go with the block that uses them: never a block of imports alone.
- A file under 30 lines has one or two blocks; no file has more than 12.
- Order the blocks for a reader, not by line: where a reader starts (the entry point or \
public surface) first, then the core logic, then helpers and plumbing last.
"""

ANSWER_SCHEMA: dict[str, object] = {
    "type": "object",
    "properties": {
        "file_intent": {"type": "string"},
        "responsibility_blocks": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "label": {"type": "string"},
                    "description": {"type": "string"},
                    "ranges": {
                        "type": "array",
                        "items": {"type": "array", "items": {"type": "integer"}},
                    },
                },
                "required": ["label", "description", "ranges"],
                "additionalProperties": False,
            },
        },
    },
    "required": ["file_intent", "responsibility_blocks"],
    "additionalProperties": False,
}


def response_format(json_mode: str) -> dict[str, object]:
    """The schema in the form the server takes.

    `json_schema` is OpenAI's structured output; `json_object` with a `schema`
    is what llama.cpp's Python server and some others accept instead.
    """
    if json_mode == "json_object":
        return {"type": "json_object", "schema": ANSWER_SCHEMA}
    return {
        "type": "json_schema",
        "json_schema": {"name": "file_outline", "strict": True, "schema": ANSWER_SCHEMA},
    }


def numbered(lines: Sequence[str]) -> str:
    """The lines as the model reads them, each after its number and a bar: `12|code`."""
    return "\n".join(f"{number}|{line}" for number, line in enumerate(lines, start=1))


def request_body(
    model: str, json_mode: str, filename: str, language: str, lines: Sequence[str]
) -> bytes:
    """One chat-completions request for the file, as JSON in ASCII.

    Non-ASCII characters go as `\\u` escapes, so even a lone surrogate in the
    source reaches the server as valid JSON.
    """
    question = (
        f"File: {filename}\nLanguage: {language}\n"
        f"Source, each line after its number and a bar:\n{numbered(lines)}"
    )
    return json.dumps(
        {
            "model": model,
            "messages": [
                {"role": "system", "content": INSTRUCTIONS},
                {"role": "user", "content": question},
            ],
            "response_format": response_format(json_mode),
            "max_completion_tokens": MAX_OUTPUT_TOKENS,
        }
    ).encode("ascii")
