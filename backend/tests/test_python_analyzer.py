"""The Python analyzer: exact blocks and ranges for a sample with every kind of unit."""

from __future__ import annotations

from pathlib import Path

from iris.analysis.python import analyze

SAMPLES = Path(__file__).resolve().parent / "samples"


def blocks_of(source: str) -> list[tuple[str, list[list[int]]]]:
    return [(block.label, [list(r) for r in block.ranges]) for block in analyze(source).blocks]


def test_inventory_sample_blocks_and_ranges():
    analysis = analyze((SAMPLES / "inventory.py").read_text())
    assert analysis.file_intent == "Keeps a small stock inventory and reports what to reorder."
    assert analysis.line_count == 50
    assert [(block.label, [list(r) for r in block.ranges]) for block in analysis.blocks] == [
        ("Imports", [[7, 10]]),
        ("Module constants and state", [[12, 13]]),
        ("Class Item", [[16, 20]]),
        ("Class Inventory", [[23, 30]]),
        ("Functions load and parse", [[33, 39]]),
        ("Function report", [[42, 44]]),
        ("Module-level code", [[47, 47]]),
        ("Entry point", [[49, 50]]),
    ]
    descriptions = {block.label: block.description for block in analysis.blocks}
    assert descriptions["Class Inventory"] == "Items by name, with stock movements."
    assert descriptions["Class Item"] == "Defines the class Item."
    assert descriptions["Function report"] == "Names of the items that need reordering."
    assert descriptions["Imports"] == "Brings in __future__, json and dataclasses."


def test_leading_comment_is_the_intent_when_there_is_no_docstring():
    source = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Sends the nightly report.\n\nx = 1"
    assert analyze(source).file_intent == "Sends the nightly report."


def test_intent_is_written_from_definitions_without_doc_text():
    source = "class A:\n    pass\n\n\ndef f():\n    pass\n\n\ndef g():\n    pass\n"
    assert analyze(source).file_intent == (
        "Python module that defines the class A and 2 functions f and g."
    )


def test_decorators_belong_to_their_definition():
    source = "import functools\n\n\n@functools.cache\n@staticmethod\ndef f():\n    return 1\n"
    assert blocks_of(source) == [("Imports", [[1, 1]]), ("Function f", [[4, 7]])]


def test_statements_sharing_a_line_share_a_block():
    source = "import os; LIMIT = 3\nx = 1\n"
    assert blocks_of(source) == [("Imports", [[1, 1]]), ("Module constants and state", [[2, 2]])]


def test_related_functions_share_a_block_across_an_unrelated_one():
    source = "def a():\n    return c()\n\ndef b():\n    pass\n\ndef c():\n    pass\n"
    assert blocks_of(source) == [
        ("Functions a and c", [[1, 2], [7, 8]]),
        ("Function b", [[4, 5]]),
    ]


def test_syntax_error_keeps_the_blocks_that_can_be_found():
    source = (
        '"""Tools."""\nimport os\n\n\ndef good():\n    return os.getcwd()\n\n\n'
        "def bad(:\n    pass\n\n\nclass Later:\n    def method(self):\n        return 1\n"
    )
    analysis = analyze(source)
    assert analysis.parse_problem == "The file did not parse cleanly: invalid syntax (line 9)."
    assert analysis.file_intent == "Tools."
    assert blocks_of(source) == [
        ("Imports", [[2, 2]]),
        ("Function good", [[5, 6]]),
        ("Function bad", [[9, 10]]),
        ("Class Later", [[13, 15]]),
    ]


def test_imports_only_module_intent():
    assert analyze("import os\nimport sys\n").file_intent == (
        "Python module that only imports other modules."
    )
