"""The prose of an analysis: file intents, block labels and descriptions.

Analyzers hand over names and doc text; the wording lives here so that every
language reads the same way in the extensions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from iris.analysis.model import Unit

INTENT_LIMIT = 300
_BLANK_LINE = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"\s+")


def summarize(text: str, limit: int = INTENT_LIMIT) -> str:
    """The first paragraph of a docstring or doc comment, on one line."""
    paragraph = _SPACES.sub(" ", _BLANK_LINE.split(text.strip(), maxsplit=1)[0]).strip()
    if len(paragraph) <= limit:
        return paragraph
    return paragraph[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def list_names(names: Sequence[str], limit: int = 4) -> str:
    """`a`, `a and b`, `a, b and c`, or `a, b, c, d and 3 more`."""
    if len(names) > limit:
        return f"{', '.join(names[:limit])} and {len(names) - limit} more"
    if len(names) > 1:
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return names[0] if names else ""


def unit_names(units: Sequence[Unit]) -> list[str]:
    """Every name the units define, once each, in file order."""
    return list(dict.fromkeys(name for unit in units for name in unit.names))


def block_text(kind: str, units: Sequence[Unit]) -> tuple[str, str]:
    """The label and description of a block of `units`, all of one `kind`."""
    names = unit_names(units)
    summaries = [unit.summary for unit in units if unit.summary]
    if kind == "import":
        return "Imports", f"Brings in {list_names(names)}." if names else "Imports other modules."
    if kind == "type":
        return "Type definitions", f"Declares {list_names(names)}."
    if kind == "constant":
        return "Module constants and state", f"Sets up {list_names(names)}."
    if kind == "export":
        return "Exports", f"Makes {list_names(names)} available to other modules."
    if kind == "entry":
        return "Entry point", "Runs when the file is executed as a script."
    if kind == "code":
        return "Module-level code", "Statements that run when the module is loaded."
    if kind == "class":
        return f"Class {names[0]}", summaries[0] if summaries else f"Defines the class {names[0]}."
    if len(names) == 1:
        return f"Function {names[0]}", summaries[0] if summaries else f"Defines {names[0]}."
    together = f"{list_names(names)} work together, one calling another."
    return (
        f"Functions {list_names(names, limit=3)}",
        f"{summaries[0]} {together}" if summaries else together,
    )


def describe_file(language: str, units: Sequence[Unit]) -> str:
    """An intent written from what the file defines, for files with no doc text."""

    def named(kind: str) -> list[str]:
        return unit_names([unit for unit in units if unit.kind == kind])

    classes, functions, types = named("class"), named("function"), named("type")
    parts = []
    if classes:
        parts.append(f"the class{'es' if len(classes) > 1 else ''} {list_names(classes)}")
    if functions:
        noun = "function" if len(functions) == 1 else f"{len(functions)} functions"
        parts.append(f"{noun} {list_names(functions)}")
    if types:
        parts.append(f"the type{'s' if len(types) > 1 else ''} {list_names(types)}")
    runs = " and runs as a script" if any(unit.kind == "entry" for unit in units) else ""
    if parts:
        return f"{language} module that defines {list_names(parts)}{runs}."
    if runs:
        return f"{language} script."
    if any(unit.kind in ("constant", "export") for unit in units):
        return f"{language} module of configuration values and exports."
    if units and all(unit.kind == "import" for unit in units):
        return f"{language} module that only imports other modules."
    return f"{language} module of top-level statements."
