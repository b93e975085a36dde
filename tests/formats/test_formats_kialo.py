"""Kialo plain-text import: each construct on a small fixture (the real sample is in
test_formats_samples.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis.loading import loads_result
from argmap.formats import FormatError, from_kialo_result
from argmap.formats.kialo import looks_like_kialo
from argmap.model import NodeKind, RelationKind

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "interchange" / "fixtures" / "kialo_constructs.txt"


def test_constructs() -> None:
    result = from_kialo_result(FIXTURE.read_text(encoding="utf-8"), "k.txt")
    m = result.map
    assert m.title == "Should homework be banned?"
    assert [(n.id, n.kind) for n in m.nodes] == [
        ("k1", NodeKind.CLAIM),
        ("k1_1", NodeKind.PREMISE),
        ("k1_1_1", NodeKind.REBUTTAL),
        ("k1_2", NodeKind.REBUTTAL),
        ("k1_2_1", NodeKind.PREMISE),
        ("k1_4", NodeKind.REBUTTAL),
    ]
    assert m.node("k1").text == "Homework should be banned (in primary schools)."
    assert m.node("k1_1_1").text == "Play can be *structured* too [see below]."
    assert m.node("k1_2").text == "Homework builds habits.\nIt also shows parents what is taught."
    assert [(r.kind, r.members, r.target) for r in m.relations] == [
        (RelationKind.SUPPORTS, ("k1_1",), "k1"),
        (RelationKind.ATTACKS, ("k1_1_1",), "k1_1"),
        (RelationKind.ATTACKS, ("k1_2",), "k1"),
        (RelationKind.SUPPORTS, ("k1_2_1",), "k1_2"),
        (RelationKind.ATTACKS, ("k1_4",), "k1"),
        (RelationKind.SUPPORTS, ("k1_2_1",), "k1_1"),  # `-> See 1.2.1.`: a link, not a copy
    ]
    lines = [(w.span.line, w.message) for w in result.warnings]
    assert lines == [
        (10, "claim 1.3 links to claim 1.9, which is not in the file"),
        (11, "claim 1.4 points to another Kialo discussion; kept as its link text"),
    ]
    assert argmap.loads(argmap.dumps(m)) == m


def test_detection() -> None:
    assert looks_like_kialo(FIXTURE.read_text(encoding="utf-8"))
    assert looks_like_kialo("1. A thesis\n1.1. Pro: x")
    assert not looks_like_kialo("Some notes\n")


# -- the current export layout (issue 17) ---------------------------------------------------------

CURRENT = """Discussion Name:
Should homework be banned?

1. Thesis:
Homework should be banned \\(in primary schools\\).

  1.1. Pro:
  Children need time to play [1].

    1.1.1. Con:
    Play can be *structured* too.

  1.2. Con:
  Homework builds habits.
  It also shows parents what is taught [2].

    1.2.1. Pro:
    -> See 1.1.1.

Sources:
[1] https://example.org/play
[2] A survey of parents,
continued on a second line.
[3] https://example.org/never-cited
"""


def test_the_current_layout_is_read() -> None:
    result = from_kialo_result(CURRENT, "k.txt")
    m = result.map
    assert result.warnings == ()
    assert m.title == "Should homework be banned?"
    assert [(n.id, n.kind, n.text) for n in m.nodes] == [
        ("k1", NodeKind.CLAIM, "Homework should be banned (in primary schools)."),
        ("k1_1", NodeKind.PREMISE, "Children need time to play [1]."),
        ("k1_1_1", NodeKind.REBUTTAL, "Play can be *structured* too."),
        ("k1_2", NodeKind.REBUTTAL, "Homework builds habits.\nIt also shows parents what is taught [2]."),
    ]
    assert [(r.kind, r.members, r.target) for r in m.relations] == [
        (RelationKind.SUPPORTS, ("k1_1",), "k1"),
        (RelationKind.ATTACKS, ("k1_1_1",), "k1_1"),
        (RelationKind.ATTACKS, ("k1_2",), "k1"),
        (RelationKind.SUPPORTS, ("k1_1_1",), "k1_2"),  # `-> See 1.1.1.` on its own line
    ]
    # Footnotes: each claim notes the ones it cites; one nobody cites is a source of the map.
    assert m.node("k1_1").note == "[1] https://example.org/play"
    assert m.node("k1_2").note == "[2] A survey of parents, continued on a second line."
    assert [(s.id, s.url) for s in m.sources] == [("kialo_source_3", "https://example.org/never-cited")]
    assert argmap.loads(argmap.dumps(m)) == m


def test_both_layouts_are_detected() -> None:
    assert looks_like_kialo(CURRENT)
    assert looks_like_kialo("Discussion Name: Inline title\n\n1. Thesis:\nA\n")


def test_a_bad_line_in_the_sources_list_names_its_line() -> None:
    text = CURRENT.replace("[1] https://example.org/play", "not a footnote")
    with pytest.raises(FormatError, match=r"k.txt:21:1: expected a footnote like `\[1\] ...`"):
        from_kialo_result(text, "k.txt")


SHARED = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "interchange"


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/testdata/interchange is not there")
@pytest.mark.parametrize("name", ["kialo_current_layout_sample.txt", "kialo_faith_and_science.txt"])
def test_the_shared_kialo_exports_read_every_numbered_claim(name: str) -> None:
    text = (SHARED / name).read_text(encoding="utf-8")
    m = from_kialo_result(text, name).map
    # The file's own reading: every numbered line is a claim, or a link (`-> See`) to one.
    numbered = re.findall(r"^[ \t]*([0-9]+(?:\.[0-9]+)*)\.[ \t]", text, re.MULTILINE)
    links = len(re.findall(r"->\s*See\s+[0-9]", text))
    assert len(m.nodes) == len(numbered) - links
    assert len(m.relations) <= len(numbered) - 1  # one per answer; a link repeating a relation adds none
    assert argmap.loads(argmap.dumps(m)) == m


_KIALO_LINES = [
    "Discussion Name:",
    "Discussion Title: T",
    "A title",
    "",
    "1. Thesis:",
    "1. The thesis [1].",
    "  1.1. Pro:",
    "  1.1. Con: inline text",
    "  Text on the next line [2].",
    "    1.1.1. Con:",
    "    -> See 1.1.",
    "    -> See 1.9.",
    "    -> See discussion #123",
    "  1.2. Pro:",
    "Sources:",
    "[1] https://example.org/a",
    "[2] A book,",
    "continued.",
    "1.3. Thesis:",
]


@given(st.lists(st.sampled_from(_KIALO_LINES), max_size=14))
def test_any_mix_of_both_layouts_reads_or_names_the_line(lines: list[str]) -> None:
    try:
        m = from_kialo_result("\n".join(lines) + "\n", "k.txt").map
    except FormatError as error:
        refused: FormatError | None = error
    else:
        refused = None
    if refused is not None:
        assert "\n" not in str(refused) and refused.span.line > 0
        return
    assert loads_result(argmap.dumps(m), "<converted>").map == m
