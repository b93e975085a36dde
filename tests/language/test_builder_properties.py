"""``MapBuilder`` refuses at the call whatever ``.arg`` cannot hold, so every map it builds prints
with ``dumps`` to text that loads back equal (issue 12, point 7)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import argmap
from argmap import MapBuilder
from argmap.language.builder import BuildError
from argmap.language.table import KEYWORDS

# Ids a user might try: good ones, keywords, and strings that are not ids at all.
IDS = st.one_of(
    st.sampled_from(["C1", "P1", "P2", "R1", "S1", "src", "who", "_x", "a-b"]),
    st.sampled_from(sorted(KEYWORDS)),
    st.text(max_size=6),
    st.integers(),
)
TEXTS = st.one_of(st.text(max_size=20), st.none(), st.integers())
QUOTES = st.one_of(
    st.lists(st.tuples(IDS, st.text(max_size=10)), max_size=2),
    st.lists(st.text(max_size=5), max_size=2),
    st.text(max_size=5),
)


@st.composite
def calls(draw: st.DrawFn) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
    steps: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["claim", "premise", "rebuttal", "source", "person", "supports", "attacks"]))
        if kind in ("claim", "premise", "rebuttal"):
            extra = {"quotes": draw(QUOTES), "tags": draw(st.lists(IDS, max_size=2)), "by": draw(st.none() | IDS)}
            extra["step"] = draw(st.none() | st.integers(-2, 5))
            steps.append((kind, (draw(IDS), draw(TEXTS)), extra))
        elif kind == "source":
            date = draw(st.none() | st.sampled_from(["2022", "2022-12", "2022-12-01", "12/2022", "x"]))
            steps.append((kind, (draw(IDS), draw(TEXTS)), {"date": date, "file": draw(TEXTS)}))
        elif kind == "person":
            steps.append((kind, (draw(IDS), draw(TEXTS)), {"role": draw(TEXTS)}))
        else:
            members = draw(st.one_of(IDS, st.lists(IDS, max_size=3)))
            steps.append((kind, (members, draw(IDS)), {"id": draw(st.none() | IDS)}))
    return steps


@settings(max_examples=300, deadline=None)
@given(calls())
def test_whatever_the_builder_builds_round_trips(steps: list[tuple[str, tuple[Any, ...], dict[str, Any]]]) -> None:
    builder = MapBuilder("a title")
    refusals: list[BuildError] = []
    for name, args, kwargs in steps:
        try:
            getattr(builder, name)(*args, **kwargs)
        except BuildError as refused:
            refusals.append(refused)
    for refusal in refusals:
        assert isinstance(refusal, argmap.UsageError) and isinstance(refusal, ValueError)
        assert refusal.message and "\n" not in refusal.message
    try:
        m = builder.build()
    except BuildError:
        return  # a reference to nothing: named by build(), as documented
    assert argmap.loads(argmap.dumps(m), allow_errors=True) == m


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda b: b.claim("1bad", "x"), "not a valid id"),
        (lambda b: b.claim("supports", "x"), "is a keyword"),
        (lambda b: b.claim("C1", "x").premise("C1", "y"), "already declared"),
        (lambda b: b.claim("C1", "x").supports("P1", "C1", id="C1"), "already declared"),
        (lambda b: b.claim("C1", "x", quotes=["paper"]), "(source id, text) pair"),
        (lambda b: b.claim("C1", "x", quotes="paper"), "not one string"),
        (lambda b: b.claim("C1", "x", tags="t"), "not one string"),
        (lambda b: b.claim("C1", "x", by="by"), "is a keyword"),
        (lambda b: b.claim("C1", 5), "must be a string"),
        (lambda b: b.source("s", "t", date="12/2022"), "YYYY"),
        (lambda b: b.claim("C1", "x", step=-1), "whole number"),
        (lambda b: b.supports([], "C1"), "at least one member"),
    ],
)
def test_the_builder_refuses_at_the_call(call: Any, words: str) -> None:
    with pytest.raises(BuildError, match=None) as refused:
        call(MapBuilder())
    assert words in str(refused.value)


def test_a_carriage_return_becomes_a_line_break_as_in_a_file() -> None:
    m = MapBuilder().claim("C1", "one\r\ntwo").build()
    assert argmap.loads(argmap.dumps(m), allow_errors=True) == m
