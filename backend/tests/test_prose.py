"""The text of an answer reads as sentences: no empty slot, no word said twice, no label
that opens with a conjunction or ends in a number, no reST markup left in a description."""

from __future__ import annotations

import pytest
from analyzing import analyze
from answer_rules import (
    descriptions_carry_no_doc_markup,
    descriptions_do_not_only_name_the_code,
    intent_is_not_filler_or_stitched,
    labels_are_distinct,
    labels_say_more_than_a_kind,
    no_sentence_is_said_twice,
    text_is_not_broken,
)

from iris.analysis.descriptions import describe
from iris.analysis.doctext import doc_summary
from iris.analysis.labels import class_label, code_label, distinct_labels, function_label
from iris.analysis.model import Analysis, Group, Unit
from iris.analysis.words import singular, without_doubled_words


def answer_of(analysis: Analysis) -> dict:
    return {
        "file_intent": analysis.file_intent,
        "responsibility_blocks": [
            {"label": block.label, "description": block.description, "ranges": block.ranges}
            for block in analysis.blocks
        ],
    }


def test_the_rule_fails_on_the_broken_text_a_reader_found():
    answer = {
        "file_intent": "Internationalization support for your programs by providing an.",
        "responsibility_blocks": [
            {"label": "Props handling", "description": "Takes the props props.", "ranges": []},
            {"label": "Value setting", "description": "Sets the.", "ranges": []},
            {"label": "Query setting", "description": "Sets the  and j query.", "ranges": []},
            {"label": "And merge validation", "description": "Merges.", "ranges": []},
            {"label": "App setup 2", "description": "Sets up the app.", "ranges": []},
            {"label": "Token types", "description": "Convert into a token type::.", "ranges": []},
        ],
    }
    assert len(text_is_not_broken(answer)) == 7


def test_the_rule_lets_a_docs_own_words_be():
    """An identifier with a digit (`repr1`, from Python 3.13's reprlib) is a word of its own."""
    answer = {
        "file_intent": "Heap queue algorithm (a.k.a. priority queue).",
        "responsibility_blocks": [
            {"label": "Netrc parsing", "description": "Read a .netrc file.", "ranges": []},
            {"label": "Flag stripping", "description": "Strip '-arch ARCH' flags.", "ranges": []},
            {"label": "Item counting", "description": "Count b in a.", "ranges": []},
            {"label": "Alias command", "description": "Alias [name [arg arg ...]].", "ranges": []},
            {"label": "Repr repr1", "description": "Reprs a value.", "ranges": []},
        ],
    }
    assert text_is_not_broken(answer) == []


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Takes the props props.", "Takes the props."),
        ("Class class", "Class"),
        ("Strip '-arch ARCH'", "Strip '-arch ARCH'"),
        ("Alias [name [arg arg ...]]", "Alias [name [arg arg ...]]"),
        ("the  and", "the and"),
    ],
)
def test_a_word_said_twice_is_said_once(text, said):
    assert without_doubled_words(text) == said


@pytest.mark.parametrize(
    ("name", "subject", "label"),
    [
        ("load_all", "", "Bulk loading"),
        ("validate_and_merge", "", "Validation and merging"),
        ("get_and_bind_all_tvars", "", "Tvar retrieval and binding"),
        ("warn", "warnings", "Warning logic"),
        ("axiosRequest", "", "Axios request"),
        ("getUsers", "", "User retrieval"),
    ],
)
def test_function_labels_never_repeat_or_open_with_a_conjunction(name, subject, label):
    assert function_label(name, subject) == label


def test_a_name_ending_in_s_after_a_vowel_is_kept_whole():
    assert [singular(word) for word in ("axios", "canvas", "users", "files")] == [
        "axios",
        "canvas",
        "user",
        "file",
    ]


def test_a_class_named_for_its_kind_is_not_said_twice():
    assert class_label("Class") == "Class definition"


def test_a_rest_literal_block_marker_and_roles_do_not_reach_the_description():
    source = (
        "def tokenize(text):\n"
        '    """Convert a string into a :class:`~pkg.tokens.Token` type::\n\n'
        "        tokenize('a')\n"
        '    """\n'
        "    return text.split()\n"
    )
    description = analyze(source).blocks[0].description
    assert description == "Convert a string into a `Token` type."


def test_a_constructor_that_returns_its_instance_does_not_chain():
    source = (
        "class Money:\n"
        "    def __new__(cls, amount):\n"
        "        if amount < 0:\n"
        "            raise ValueError('negative')\n"
        "        self = object.__new__(cls)\n"
        "        return self\n"
    )
    analysis = analyze(source)
    assert not [b for b in analysis.blocks if "chain" in b.description]


def test_names_without_words_leave_no_empty_slot():
    source = "const $ = window.jQuery;\nconst _ = window.lodash;\nconst jQuery = $;\n"
    assert text_is_not_broken(answer_of(analyze(source, "javascript"))) == []


def test_a_block_of_imports_and_a_small_helper_says_both():
    source = "\n".join(f"import module{i}" for i in range(12)) + "\n\n\ndef noop():\n    pass\n"
    assert [block.label for block in analyze(source).blocks] == ["Imports and noop function"]


@pytest.mark.parametrize("name", ["_dataclass_setstate", "maybe_compile", "possibly_sorted"])
def test_a_name_that_says_no_value_is_not_said_as_what_it_returns(name):
    source = f"def {name}(obj, state):\n    obj.state = state\n"
    assert not analyze(source).blocks[0].description.startswith("Returns")


def test_a_noun_named_function_says_what_it_returns():
    source = "def color_status(code):\n    return 'green' if code < 400 else 'red'\n"
    assert analyze(source).blocks[0].description == "Returns the color status."


def test_the_rules_fail_on_the_descriptions_and_labels_a_reader_found():
    answer = {
        "file_intent": "Path specifications.",
        "responsibility_blocks": [
            {"label": "Some function", "description": "The when function.", "ranges": []},
            {
                "label": "Parameter value check",
                "description": "Checks it is valid :param dict parameter_values: :return: True.",
                "ranges": [],
            },
            {
                "label": "Module setup",
                "description": ".. warning:: This method is not part of the public API.",
                "ranges": [],
            },
            {
                "label": "Tree matching",
                "description": "Walks the root path for all files; walks the root path for all"
                " files.",
                "ranges": [],
            },
            {"label": "Ky definition", "description": "The ky class.", "ranges": []},
            {
                "label": "Retry",
                "description": "Returns the delay. @returns the delay",
                "ranges": [],
            },
        ],
    }
    assert len(descriptions_carry_no_doc_markup(answer)) == 3
    assert len(no_sentence_is_said_twice(answer)) == 1
    assert len(descriptions_do_not_only_name_the_code(answer)) == 2
    assert labels_say_more_than_a_kind(answer) == [
        "label 'Some function' only names a kind of code"
    ]


@pytest.mark.parametrize(
    ("doc", "label"),
    [
        (
            "Create a composed middleware that runs the first middleware that returns true.",
            "Composed middleware creation",
        ),
        ("Default error handler.", "Default error handler"),
        (
            "Return a request handler callback for node's native http server.",
            "Request handler callback",
        ),
        ("Parse Range header field, capping to the given `size`.", "Range header field parsing"),
    ],
)
def test_a_function_whose_name_says_only_its_kind_is_named_by_its_doc(doc, label):
    """`some`, `onerror`: one word that is no verb gives "Some function"; the doc says more."""
    source = (
        f"/** {doc} */\nexport function some(first, second) {{\n  return first || second;\n}}\n"
    )
    analysis = analyze(source, "javascript", "index.js")
    assert [block.label for block in analysis.blocks] == [label]


def test_an_undocumented_one_word_function_is_named_with_what_its_file_is_about():
    source = "function reducer(state, action) {\n  return { ...state, ...action };\n}\n"
    analysis = analyze(source, "typescript", "use-toast.ts")
    assert [block.label for block in analysis.blocks] == ["Toast reducer"]
    assert analysis.blocks[0].description == "Takes the state and action."


@pytest.mark.parametrize(
    ("name", "subject", "label"),
    [
        ("tryParseArgs", "", "Argument parsing"),
        ("attempt_connect", "database", "Database connection"),
        ("use", "interceptors", "Interceptor registration"),
    ],
)
def test_a_verb_is_flipped_into_a_noun_only_when_it_acts(name, subject, label):
    """`try` only says the action after it may fail; `use` (axios, express, Vue) registers."""
    assert function_label(name, subject) == label


def test_a_description_never_says_only_the_name_again():
    """With nothing but the name to go on, what is sure is said: what the function takes."""
    analysis = analyze("export function noop() {}\n", "javascript", "index.js")
    assert [block.description for block in analysis.blocks] == ["Takes no arguments."]


def test_a_class_doc_does_not_describe_the_block_that_constructs_it():
    methods = "".join(
        f"    def step_{i}(self, value):\n"
        + "".join(f"        value = self.field_{i} * value + {j}\n" for j in range(20))
        + "        return value\n\n"
        for i in range(8)
    )
    source = (
        "class Pipeline:\n"
        '    """A pipeline that scales values through eight steps."""\n\n'
        "    def __init__(self, scale, offset):\n"
        "        self.scale = scale\n"
        "        self.offset = offset\n\n" + methods
    )
    blocks = analyze(source, "python", "pipeline.py").blocks
    assert len(blocks) > 1
    head = next(block for block in blocks if block.ranges[0][0] <= 4 <= block.ranges[0][1])
    assert head.description == "Takes the scale and offset and sets up the instance."


def test_two_docs_that_end_alike_say_the_end_once():
    """base64's `encode` and `decode` in one block: "...; input and output are binary files"
    once, and one doc copied onto two functions said once."""
    encode = Unit(
        "function", 1, 8, ("encode",), "Encode a file; input and output are binary files."
    )
    decode = Unit(
        "function", 9, 16, ("decode",), "Decode a file; input and output are binary files."
    )
    alias = Unit("function", 17, 24, ("decode_file",), decode.summary)
    said = describe(Group(encode, (encode, decode), None, ((1, 16),)))
    assert said == "Encode a file; input and output are binary files; decode a file."
    said = describe(Group(decode, (decode, alias), None, ((9, 24),)))
    assert said == "Decode a file; input and output are binary files."


def test_statements_that_define_a_name_are_named_by_it():
    """`const loadingSkeleton = ...` in a component is no "Module setup"."""
    assert code_label(Unit("code", 411, 424, ("loadingSkeleton",))) == "Loading skeleton"
    assert code_label(Unit("code", 1, 2)) == "Module setup"


@pytest.mark.parametrize(
    ("doc", "summary"),
    [
        ("Parse a value\n@param x the value\n@returns the thing", "Parse a value"),
        ("Returns the value :rtype: int", "Returns the value"),
        ("Checks it is valid :param dict values: :return: True, if it is.", "Checks it is valid"),
        (
            "Parse a value\n\n.. warning:: This method is not part of the public API.",
            "Parse a value",
        ),
        ("Parse a value as a {@link Token} now.", "Parse a value as a Token now."),
        (
            "Mail the maintainer at a@param.com for it.",
            "Mail the maintainer at a@param.com for it.",
        ),
    ],
)
def test_doc_fields_and_tags_end_the_summary_wherever_they_stand(doc, summary):
    """A reST field, directive or JSDoc tag is for a documentation tool: inside a line as at
    its start, the summary ends before it; a JSDoc link is said as its text."""
    assert doc_summary(doc) == summary


def test_labels_that_differ_only_in_number_are_told_apart():
    answer = {
        "file_intent": "Conditional rendering.",
        "responsibility_blocks": [
            {"label": "When function", "description": "Renders one of two cases.", "ranges": []},
            {"label": "When functions", "description": "Takes the condition.", "ranges": []},
        ],
    }
    assert labels_are_distinct(answer) == ["label 'when function' is used twice"]
    groups = [
        Group(unit, (unit,), None, ((unit.start, unit.end),))
        for unit in (Unit("function", 1, 5, ("when",)), Unit("function", 6, 9, ("whenever",)))
    ]
    first, second = distinct_labels(["When function", "When functions"], groups)
    assert first == "When function"
    assert second.lower().rstrip("s") != first.lower()


@pytest.mark.parametrize(
    ("code", "description"),
    [
        (
            "def calculate_retry_delay(attempt_count, error):\n    return 2 ** attempt_count\n",
            "Calculates the retry delay from the given attempt count and error.",
        ),
        (
            "def get_profile(user_id, x):\n    return PROFILES[user_id]\n",
            "Gets the profile for the given user ID.",
        ),
        ("def load_config(path):\n    return open(path).read()\n", None),
    ],
)
def test_a_function_that_computes_or_looks_up_says_from_what(code, description):
    """The name says what is made ("the retry delay"); what it is made from is what a reader
    learns beyond the name. One-letter parameters say nothing and are not said."""
    analysis = analyze(f"{code}\n\nVERSION = 1\n")
    said = {analysis.file_intent, analysis.blocks[0].description}
    if description is None:
        assert any(" the given path" in text for text in said)
    else:
        assert description in said


@pytest.mark.parametrize(
    ("intent", "labels"),
    [
        (
            "Interceptor manager: interceptor using, interceptor eject and interceptor clearing.",
            ["Interceptor construction", "Interceptor using", "Interceptor eject"],
        ),
        (
            "Functions for on error type, body limit error and body limit.",
            ["On error type", "Body limit error", "Body limit"],
        ),
        ("Load more component.", ["Load more component"]),
        ("Ky class that creates the ky.", ["Creation logic", "Ky construction"]),
        ("Message detail component that gets the initial state.", ["Message detail component"]),
        ("Avatar component that updates its state.", ["Avatar component"]),
    ],
)
def test_the_reader_rules_catch_an_intent_made_of_labels_or_a_name(intent, labels):
    answer = {
        "file_intent": intent,
        "responsibility_blocks": [
            {"label": label, "description": "", "ranges": []} for label in labels
        ],
    }
    assert intent_is_not_filler_or_stitched(answer) != []


@pytest.mark.parametrize(
    ("doc", "summary"),
    [
        (
            "Delete the file with the given ID:\n- Cancel the upload if in progress.\n- Drop it.",
            "Delete the file with the given ID.",
        ),
        (
            "The arborist manages three trees:\n- actual\n- virtual\n- ideal",
            "The arborist manages three trees.",
        ),
        (
            "Each token is one of the following:\n1. A word\n2. A mark",
            "Each token is one of the following:",
        ),
    ],
)
def test_a_list_below_a_doc_summary_is_not_part_of_its_sentence(doc, summary):
    """The list's items are the steps of what the summary said; a sentence that cannot end
    before its list keeps its colon for the reader rules to see."""
    assert doc_summary(doc) == summary
