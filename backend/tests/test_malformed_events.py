"""Thousands of malformed events: `handler` answers well-formed or raises the one clear error.

Events start in each source's real shape and are then damaged: keys removed,
values swapped for None or the wrong type, bodies that lie about base64,
headers that are huge or not ASCII. Whatever arrives, the handler must return a
response Lambda can serialise, or raise `NotAnHttpEvent`; never anything else.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lambda_events import SOURCES, ClientRequest, LambdaContext, to_event

from lambda_adapter import NotAnHttpEvent
from lambda_handler import handler

SETTINGS = settings(
    max_examples=1500,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=8,
)
huge_text = st.builds(lambda char, count: char * count, st.characters(), st.integers(0, 70_000))
header_pairs = st.lists(
    st.tuples(st.text(min_size=1, max_size=30), st.text(max_size=60) | huge_text), max_size=6
)

client_requests = st.builds(
    ClientRequest,
    method=st.sampled_from(["GET", "POST", "HEAD", "OPTIONS", "PUT"]) | st.text(max_size=8),
    path=st.sampled_from(["/", "/health", "/api/iris/analyze", "/static/iris-icon.png"])
    | st.text(max_size=40).map(lambda text: "/" + text),
    query=st.text(max_size=40),
    headers=header_pairs,
    body=st.binary(max_size=200),
)


def key_paths(value, prefix=()):
    """Every place in a nested event a value could be removed or replaced."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield (*prefix, key)
            yield from key_paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield (*prefix, index)
            yield from key_paths(child, (*prefix, index))


@st.composite
def damaged_events(draw):
    event = to_event(draw(client_requests), draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(1, 4))):
        paths = list(key_paths(event))
        if not paths:
            break
        *parents, last = draw(st.sampled_from(paths))
        container = event
        for step in parents:
            container = container[step]
        replacement = draw(st.none() | json_values | huge_text | st.just("@@not base64@@"))
        if isinstance(container, dict) and draw(st.booleans()):
            del container[last]
        else:
            container[last] = replacement
    if draw(st.booleans()):
        event["isBase64Encoded"] = True
    return event


def check(event) -> None:
    try:
        result = handler(event, LambdaContext())
    except NotAnHttpEvent as error:
        assert "\n" not in str(error)
        return
    assert isinstance(result, dict)
    json.dumps(result)
    if result.keys() == {"statusCode"}:
        assert result["statusCode"] == 204
        return
    assert isinstance(result["statusCode"], int) and 100 <= result["statusCode"] <= 599
    assert isinstance(result["body"], str)
    assert isinstance(result["isBase64Encoded"], bool)


@SETTINGS
@given(damaged_events())
def test_damaged_events(event):
    check(event)


@SETTINGS
@given(json_values)
def test_arbitrary_json(event):
    check(event)


@SETTINGS
@given(client_requests, st.sampled_from(SOURCES))
def test_well_formed_events_with_odd_contents(request, source):
    check(to_event(request, source))
