"""The JavaScript-family analyzer: exact blocks for samples full of tricky constructs."""

from __future__ import annotations

from pathlib import Path

import pytest

from iris.analysis.javascript import analyze
from iris.analysis.jsscan import scan

SAMPLES = Path(__file__).resolve().parent / "samples"


def blocks_of(analysis):
    return [(block.label, [list(r) for r in block.ranges]) for block in analysis.blocks]


def test_javascript_sample():
    analysis = analyze((SAMPLES / "checkout.js").read_text(), "javascript")
    assert analysis.file_intent == "Checkout helpers: prices, discount codes and the order summary."
    assert analysis.parse_problem is None
    assert analysis.line_count == 55
    assert blocks_of(analysis) == [
        ("Imports", [[6, 8]]),
        ("Module constants and state", [[10, 15]]),
        ("Functions isValidCode and loadCodes", [[17, 25]]),
        ("Functions lineItems and summarize", [[27, 37]]),
        ("Class Cart", [[39, 51]]),
        ("Module-level code", [[53, 53]]),
        ("Exports", [[55, 55]]),
    ]
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Imports"] == "Brings in ./money.js, ./config.js and fs/promises."
    assert described["Class Cart"] == (
        "Defines the class Cart, with the methods constructor, add and total."
    )
    assert described["Functions isValidCode and loadCodes"].startswith(
        "Whether a discount code looks valid."
    )


def test_typescript_sample():
    analysis = analyze((SAMPLES / "inventory.ts").read_text(), "typescript")
    assert analysis.file_intent == "Stock levels for the warehouse, with typed events."
    assert analysis.parse_problem is None
    assert blocks_of(analysis) == [
        ("Imports", [[7, 8]]),
        ("Type definitions", [[10, 42]]),
        ("Function sealed", [[44, 46]]),
        ("Class Store", [[48, 59]]),
        ("Function totalQuantity", [[61, 62]]),
        ("Exports", [[64, 65]]),
    ]
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Type definitions"] == (
        "Declares StockLevel, StockEvent, Warehouse, Limits and 3 more."
    )
    assert described["Class Store"] == (
        "Defines the class Store, extending EventEmitter, with the methods reorder and add."
    )


def test_jsx_sample():
    analysis = analyze((SAMPLES / "Greeting.jsx").read_text(), "javascriptreact")
    assert analysis.parse_problem is None
    assert analysis.file_intent == (
        "JavaScript (React) module that defines 2 functions Avatar and Greeting."
    )
    assert blocks_of(analysis) == [
        ("Imports", [[1, 2]]),
        ("Module constants and state", [[4, 6]]),
        ("Functions Avatar and Greeting", [[8, 33]]),
        ("Module-level code", [[35, 38]]),
    ]
    greeting = analysis.blocks[2]
    assert greeting.description.startswith("Greets the signed-in user, or asks them to sign in.")


def test_tsx_sample():
    analysis = analyze((SAMPLES / "Board.tsx").read_text(), "typescriptreact")
    assert analysis.parse_problem is None
    assert analysis.file_intent == "A sortable board of cards for the project view."
    assert blocks_of(analysis) == [
        ("Imports", [[3, 4]]),
        ("Type definitions", [[6, 11]]),
        ("Functions sortBy, List and Board", [[13, 27]]),
    ]


@pytest.mark.parametrize(
    ("source", "masked"),
    [
        ("x = a / b / c;", "x = a / b / c;"),
        ("x = /[/{]'/g.test(s);", "x = /     /g.test(s);"),
        ("f(`a ${`b ${c}`} {`)", "f(`  ${`  ${c}`}  `)"),
        ("s = 'it\\'s {';", "s = '       ';"),
        ("/* { */ x // }", "        x     "),
        ("return <p>Don't {x}</p>;", "return <p>      {x}</p>;"),
        ("a = b < c && d > e;", "a = b < c && d > e;"),
    ],
)
def test_scanner_blanks_everything_but_code(source, masked):
    assert scan(source, jsx=True).masked == masked


def test_typescript_angle_brackets_are_not_jsx():
    source = "const n = <number>value;\nconst s = 'x';"
    assert scan(source, jsx=False).masked == "const n = <number>value;\nconst s = ' ';"


@pytest.mark.parametrize(
    ("source", "problem", "blocks"),
    [
        (
            'import a from "a";\n\nfunction broken() {\n  if (x) {\n    return 1;\n}\n\n'
            "function fine() {\n  return 2;\n}\n\nexport const y = 3;\n",
            "a bracket opened on line 3 is never closed",
            [
                ("Imports", [[1, 1]]),
                ("Function broken", [[3, 6]]),
                ("Function fine", [[8, 10]]),
                ("Module constants and state", [[12, 12]]),
            ],
        ),
        (
            'const s = "never closed;\nfunction f() {}\n',
            "an unterminated string on line 1",
            [("Module constants and state", [[1, 1]]), ("Function f", [[2, 2]])],
        ),
        (
            "}\nfunction h() {}\n",
            "an unmatched closing bracket on line 1",
            [("Function h", [[2, 2]])],
        ),
        (
            "const t = `open ${x}\nfunction g() {}\n",
            "an unterminated template",
            [("Module constants and state", [[1, 1]])],
        ),
    ],
    ids=["unbalanced-brace", "unterminated-string", "extra-brace", "unterminated-template"],
)
def test_broken_sources_keep_the_blocks_that_can_be_found(source, problem, blocks):
    analysis = analyze(source, "javascript")
    assert analysis.parse_problem == f"The file did not parse cleanly: {problem}."
    assert blocks_of(analysis) == blocks
