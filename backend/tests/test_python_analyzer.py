"""The Python analyzer: exact blocks for a sample, broken and hostile sources, chunked parsing."""

from __future__ import annotations

import ast

import pytest
from analyzing import SAMPLES, analyze, blocks_of

from iris.analysis import python
from iris.analysis.budget import Budget
from iris.analysis.source import editor_lines


def test_inventory_sample_blocks_are_runs_of_neighbours_in_file_order():
    analysis = analyze((SAMPLES / "inventory.py").read_text(), filename="inventory.py")
    assert analysis.file_intent == "Keeps a small stock inventory and reports what to reorder."
    assert analysis.line_count == 50
    assert blocks_of(analysis) == [
        ("Item class", [[7, 20]]),
        ("Inventory class", [[23, 30]]),
        ("Inventory loading and reporting", [[33, 50]]),
    ]
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Inventory class"] == "Items by name, with stock movements."


def test_leading_comment_is_the_intent_when_there_is_no_docstring():
    source = "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# Sends the nightly report.\n\nx = 1"
    assert analyze(source).file_intent == "Sends the nightly report."


def test_a_comment_after_the_imports_still_speaks_for_the_file():
    source = "import os\n\n# Cleans the build folder before a release.\n\ndef clean():\n    pass\n"
    analysis = analyze(source)
    assert analysis.file_intent == "Cleans the build folder before a release."
    assert blocks_of(analysis) == [("Cleaning logic", [[1, 6]])]


def test_intent_is_written_from_the_main_definition_without_doc_text():
    source = (
        "class Reader:\n    def read_rows(self):\n        pass\n\n"
        "    def skip_header(self):\n        pass\n\n\ndef load_config():\n    pass\n"
    )
    assert analyze(source).file_intent == "Reader class that reads the rows and skips the header."


def test_imports_join_the_definition_that_uses_them():
    source = "import functools\n\n\n@functools.cache\n@staticmethod\ndef f():\n    return 1\n"
    assert blocks_of(analyze(source)) == [("F function", [[1, 7]])]


def test_a_file_of_imports_is_one_block():
    assert blocks_of(analyze("import os\nimport sys\n")) == [("Module dependencies", [[1, 2]])]


def test_statements_sharing_a_line_share_a_block():
    assert blocks_of(analyze("import os; LIMIT = 3\nx = 1\n")) == [("Limit settings", [[1, 2]])]


def test_syntax_error_keeps_the_blocks_that_can_be_found():
    source = (
        '"""Tools for the build."""\nimport os\n\n\ndef good():\n    return os.getcwd()\n\n\n'
        "def bad(:\n    pass\n\n\nclass Later:\n    def method(self):\n        return 1\n"
    )
    analysis = analyze(source)
    assert analysis.parse_problem == "The file did not parse cleanly: invalid syntax (line 9)."
    assert analysis.file_intent == "Tools for the build."
    assert blocks_of(analysis) == [("Good function", [[2, 10]]), ("Later class", [[13, 15]])]


def test_cr_only_line_endings_are_counted_as_an_editor_counts_them():
    source = "import os\rdef f():\r    return os.sep\r\rdef g():\r    pass\r"
    analysis = analyze(source)
    assert analysis.line_count == 6
    assert analysis.parse_problem is None
    assert max(end for block in analysis.blocks for _, end in block.ranges) <= 6


def test_a_byte_order_mark_is_an_encoding_mark():
    analysis = analyze('\ufeff"""Reads the mark as a mark."""\nimport os\n')
    assert analysis.parse_problem is None
    assert analysis.file_intent == "Reads the mark as a mark."


@pytest.mark.parametrize(
    "source",
    [
        "class A(" + "-" * 2000 + "1): pass\n",
        "class A(0x" + "f" * 5000 + "): pass\n",
        "x = " + "(" * 300 + "1" + ")" * 300 + "\n",
        "def f(): pass\n" + "@" * 5000 + "\n",
    ],
    ids=["deep-unary", "huge-integer", "deep-parentheses", "decorator-run"],
)
def test_hostile_sources_get_an_answer_not_a_crash(source):
    analysis = analyze(source)
    assert all(block.label and block.description for block in analysis.blocks)


def test_a_file_larger_than_a_chunk_reads_as_if_parsed_whole():
    functions = "".join(
        f"def f{n}(value):\n    '''Step {n}.'''\n    return value + {n}\n\n\n" for n in range(3000)
    )
    source = '"""Many steps."""\nimport os\n\n' + functions + "x = (\n    1,\n)\n"
    assert len(source) > 3 * python.CHUNK_CHARS
    lines = editor_lines(source)
    outline = python.outline(lines, "python", Budget(None))
    whole = ast.parse(source)
    expected = [
        (
            min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))]),
            node.end_lineno,
        )
        for node in whole.body[1:]
    ]
    assert [(unit.start, unit.end) for unit in outline.units] == expected
    assert outline.doc == "Many steps."
    assert outline.problems == []


def test_an_error_in_one_chunk_leaves_the_others_exact():
    good = "".join(f"def f{n}():\n    return {n}\n\n\n" for n in range(4000))
    source = good + "def broken(:\n    pass\n\n\n" + good.replace("def f", "def g")
    outline = python.outline(editor_lines(source), "python", Budget(None))
    names = [unit.names[0] for unit in outline.units]
    assert names[:4000] == [f"f{n}" for n in range(4000)]
    assert names[4000] == "broken"
    assert names[4001:] == [f"g{n}" for n in range(4000)]
    assert len(outline.problems) == 1


@pytest.mark.parametrize(
    ("filename", "label"),
    [
        ("inventory.py", "Inventory loading"),
        ("a.py", "Loading logic"),
        ("utils.py", "Loading logic"),
    ],
)
def test_a_bare_verb_takes_its_object_from_a_meaningful_file_name_only(filename, label):
    analysis = analyze("def load(path):\n    return open(path).read()\n", filename=filename)
    assert [block.label for block in analysis.blocks] == [label]


def test_a_block_is_a_run_of_neighbours_and_never_reaches_past_one():
    """Two calls to `base` far below it stay with their neighbours: a block is one range."""
    body = "".join(f"    v = v + {n}\n" for n in range(8)) + "    return v\n\n"
    source = (
        "def base(v):\n" + body
        + "def unrelated(v):\n" + body
        + "def first_user(): return base(1)\n\n"
        + "def second_user(): return base(2)\n"
    )  # fmt: skip
    blocks = blocks_of(analyze(source))
    assert [ranges for _, ranges in blocks] == [[[1, 10]], [[12, 25]]]


def test_a_large_class_is_opened_into_runs_of_methods_that_share_state_and_calls():
    """`Ledger` (over 40 lines) is cut where its methods stop sharing state and calls: its
    construction with the recording methods and the helpers they call, the methods on closed
    months, the totals, the exports; the `@overload` stubs go with their implementation, and
    each method stays whole."""
    analysis = analyze((SAMPLES / "ledger.py").read_text(), filename="ledger.py")
    assert analysis.file_intent == (
        "Keeps a household ledger: entries, balances per account and monthly exports."
    )
    assert blocks_of(analysis) == [
        ("Ledger construction and income recording", [[3, 31]]),
        ("Month closing and reopening", [[33, 49]]),
        ("Monthly totals", [[51, 60]]),
        ("CSV and JSON exporting", [[62, 72]]),
        ("Amount parsing", [[75, 83]]),
    ]
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Ledger construction and income recording"].startswith(
        "Takes the currency and sets up the instance"
    )
    assert described["Month closing and reopening"].endswith("raises ValueError.")


def test_main_does_not_swallow_what_it_calls_and_parallel_siblings_are_one_block():
    analysis = analyze((SAMPLES / "orders.py").read_text(), filename="orders.py")
    assert blocks_of(analysis) == [
        ("Argument parsing and order loading", [[3, 30]]),
        ("Report formatting", [[33, 38]]),
        ("Feature registration", [[41, 50]]),
        ("Program entry point", [[53, 60]]),
    ]
    described = {block.label: block.description for block in analysis.blocks}
    assert described["Program entry point"] == "Runs the program; prints its output."
    assert described["Feature registration"].startswith("Registers feature to web")


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("load_s3_models", "S3 model loading"),
        ("format_bytes", "Byte formatting"),
        ("split_shlex", "Shlex splitting"),
        ("clear_caches", "Cache clearing"),
        ("get_user_by_id", "User retrieval by ID"),
        ("parse_args", "Argument parsing"),
    ],
)
def test_labels_keep_acronyms_and_digits_and_are_inflected(name, label):
    source = f"def {name}(value):\n    return value\n"
    assert [block.label for block in analyze(source).blocks] == [label]


def test_a_comment_above_a_setting_describes_it_and_a_heading_names_its_section():
    source = (
        '"""Settings of the report service."""\n\nTIMEOUT = 30\n\n'
        "# Feature flags\n# ==========\n\n"
        "# Shows the redesigned dashboard.\nENABLE_DASHBOARD = False\n"
        "# Pushes notifications over a socket.\nENABLE_PUSH = True\n"
    )
    analysis = analyze(source)
    assert blocks_of(analysis) == [("Timeout settings", [[3, 3]]), ("Feature flags", [[8, 11]])]
    assert analysis.blocks[1].description == (
        "Shows the redesigned dashboard; pushes notifications over a socket."
    )


def test_a_package_init_is_its_public_api_and_metadata_and_a_title_doc_says_more():
    source = (
        '"""\nSorted things.\n\nProvides sorted lists and sets that stay sorted as items are'
        ' added.\n"""\n\n'
        "from .lists import SortedList, SortedKeyList\nfrom .sets import SortedSet\n\n"
        "__all__ = ['SortedList', 'SortedKeyList', 'SortedSet']\n\n"
        "__title__ = 'sorted'\n__version__ = '1.0'\n__author__ = 'Someone'\n"
    )
    analysis = analyze(source, "python", "__init__.py")
    assert analysis.file_intent == (
        "Sorted things: provides sorted lists and sets that stay sorted as items are added."
    )
    assert [(block.label, block.description) for block in analysis.blocks] == [
        (
            "Public API and package metadata",
            "Re-exports SortedList, SortedKeyList and SortedSet from lists and sets; "
            "records the package's title, version and author.",
        )
    ]


def test_a_docs_field_list_is_never_read_as_its_summary():
    """`:param dict x:` lines are reference, not a sentence: the summary ends where they start."""
    body = "    return values\n" + "    values = dict(values)\n" * 8
    source = (
        'def resolve(values):\n    """Resolves the template\'s parameters.\n'
        '    :param dict values: the values given\n    """\n' + body + "\n\n"
        'def merge(values):\n    """\n    :param dict values: the values given\n'
        '    :return: the merged values\n    """\n' + body
    )
    descriptions = " ".join(b.description for b in analyze(source, "python", "t.py").blocks)
    assert "Resolves the template's parameters." in descriptions
    assert ":param" not in descriptions and ":return" not in descriptions


def test_two_docs_doing_two_things_to_one_object_are_said_once():
    methods = "".join(
        f'    def {name}(self):\n        """{name.capitalize()}s the tooltip."""\n'
        + "        self.step()\n" * 8
        + "\n"
        for name in ("show", "hide")
    )
    source = f"class Tooltip:\n{methods}"
    analysis = analyze(source, "python", "tooltip.py")
    assert [block.description for block in analysis.blocks] == ["Shows and hides the tooltip."]


def test_a_doc_copied_onto_two_blocks_is_said_once_and_the_other_from_its_code():
    body = "    channel.append(message)\n" * 30
    source = "".join(
        f'def {name}(message):\n    """Append messages to the output channel."""\n{body}\n\n'
        for name in ("write_info", "send_error")
    )
    analysis = analyze(source, "python", "logging_service.py")
    described = [block.description for block in analysis.blocks]
    assert described == ["Append messages to the output channel.", "Sends the error."]


def test_a_file_of_functions_is_said_by_the_one_the_others_serve():
    source = (
        "import os\n\n\ndef choose_boundary():\n    return os.urandom(16).hex()\n\n\n"
        "def iter_fields(fields):\n    yield from fields\n\n\n"
        "def encode_formdata(fields, boundary=None):\n"
        '    """Encode a dictionary of fields using the multipart/form-data MIME format."""\n'
        "    boundary = boundary or choose_boundary()\n"
        "    return [boundary, *iter_fields(fields)]\n"
    )
    analysis = analyze(source, "python", "filepost.py")
    assert analysis.file_intent == (
        "Encode a dictionary of fields using the multipart/form-data MIME format."
    )


def test_a_class_without_a_doc_is_said_by_what_its_documented_methods_do():
    methods = "".join(
        f'    def {name}(self, item):\n        """{doc}"""\n        self.handlers.{name}(item)\n\n'
        for name, doc in (
            ("use", "Add a new interceptor to the stack."),
            ("eject", "Remove an interceptor from the stack."),
            ("clear", "Clear all interceptors from the stack."),
        )
    )
    head = "class InterceptorManager:\n    def __init__(self):\n        self.handlers = {}\n\n"
    source = head + methods
    analysis = analyze(source, "python", "interceptor_manager.py")
    assert analysis.file_intent == (
        "Interceptor manager that adds a new interceptor to the stack"
        " and removes an interceptor from the stack."
    )


def test_the_module_setup_does_not_swallow_the_first_definition_below_it():
    body = "    value = value.strip()\n" * 20
    source = (
        "import codecs\nimport os\nimport typing\n\nwriter = codecs.lookup('utf-8')[3]\n\n"
        "FIELDS = typing.Union[\n    typing.Sequence[str],\n    typing.Mapping[str, str],\n"
        "    typing.Tuple[str, str],\n]\n\n\n"
        "def choose_boundary() -> str:\n    return os.urandom(16).hex()\n\n\n"
        f"def iter_fields(value):\n{body}    yield value\n\n\n"
        f"def encode_formdata(value):\n{body}    return choose_boundary() + value\n"
    )
    assert len(source.splitlines()) >= 60
    ranges = [ranges[0] for _, ranges in blocks_of(analyze(source, "python", "filepost.py"))]
    assert ranges[0] == [1, 11]


def test_an_intent_cut_after_a_clause_ends_on_a_full_stop_alone():
    source = (
        "class Argument:\n"
        '    def name(self):\n        """Return argument name."""\n'
        + "        self.value = 1\n"
        * 20
        + '    def default(self, value):\n        """Set the default value, and optionally'
        ' supply the description to be displayed in the help."""\n'
        + "        self.value = value\n"
        * 20
    )
    assert analyze(source, "python", "argument.py").file_intent == (
        "Argument class that returns argument name and sets the default value."
    )
