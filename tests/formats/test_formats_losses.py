"""What AIF and Argdown exports leave out is counted, and ``convert`` says so."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.formats.losses import export_losses
from argmap.model import Map, Node, NodeKind

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "interchange" / "fixtures" / "all_constructs.arg"


def test_counts_per_format() -> None:
    m = argmap.load(FIXTURE, allow_errors=True)
    assert export_losses(m, "aif") == [
        "4 node kinds",
        "2 tags",
        "3 notes",
        "1 implicit mark",
        "1 step",
        "2 outweighed marks",
        "1 role",
        "the title",
    ]
    assert export_losses(m, "argdown") == ["1 person", "1 speaker (`by`)", "1 note"]
    assert export_losses(m, "json") == export_losses(m, "arg") == []


def test_a_map_that_fits_loses_nothing() -> None:
    m = Map(nodes=(Node(NodeKind.CLAIM, "C1", "one line"),))
    assert export_losses(m, "aif") == export_losses(m, "argdown") == []


def test_convert_notes_the_losses(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", str(FIXTURE), "-o", str(tmp_path / "x.argdown")]) == 0
    assert capsys.readouterr().err == (
        "argmap: note: argdown has no place for 1 person, 1 speaker (`by`), 1 note (see docs/formats.md)\n"
    )
    assert main(["convert", str(FIXTURE), "-o", str(tmp_path / "x.json")]) == 0
    assert capsys.readouterr().err == ""


def test_argdown_notes_changed_whitespace_and_repeated_relations() -> None:
    """Issue 17: runs of spaces and line breaks were collapsed, and a repeated relation (two
    identical supports read from AIF) merged, without a word."""
    from argmap.formats import from_argdown, to_argdown
    from argmap.model import Relation, RelationKind

    support = Relation(RelationKind.SUPPORTS, ("P",), "C")
    m = Map(
        nodes=(Node(NodeKind.CLAIM, "C", "two  spaces"), Node(NodeKind.PREMISE, "P", "a\nb")),
        relations=(support, support),
    )
    assert export_losses(m, "argdown") == [
        "2 texts with line breaks or runs of spaces (written with single spaces)",
        "1 repeated relation (Argdown states each once)",
    ]
    back = from_argdown(to_argdown(m))
    assert [n.text for n in back.nodes] == ["two spaces", "a b"] and back.relations == (support,)
    assert export_losses(m, "aif") == []  # AIF keeps both (two RA-nodes) and every character
