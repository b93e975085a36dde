"""Kialo plain-text import: each construct on a small fixture (the real sample is in
test_formats_samples.py)."""

from __future__ import annotations

from pathlib import Path

import argmap
from argmap.formats import from_kialo_result
from argmap.formats.kialo import looks_like_kialo
from argmap.model import NodeKind, RelationKind

FIXTURE = Path(__file__).resolve().parent / "data" / "interchange" / "fixtures" / "kialo_constructs.txt"


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
