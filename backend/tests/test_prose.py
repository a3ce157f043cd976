"""The text of an answer reads as sentences: no empty slot, no word said twice, no label
that opens with a conjunction or ends in a number, no reST markup left in a description."""

from __future__ import annotations

import pytest
from analyzing import analyze
from answer_rules import intent_is_not_filler_or_stitched, text_is_not_broken

from iris.analysis.labels import class_label, function_label
from iris.analysis.model import Analysis
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
