"""``argmap.analyze``: the one entry point, read once (issue 12, point 1)."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.analysis.analysis import analyze_map
from argmap.model import Map, Node, NodeKind, Relation, RelationKind

TEXT = 'source s "T"\n  file "a.txt"\nclaim C1 "x"\n  quote s "found here"\npremise P1 "y"\nS1: P1 supports C1\n'


def test_a_path_or_a_text_in_everything_out(tmp_path: Path) -> None:
    (tmp_path / "m.arg").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text("It was found here, once.", encoding="utf-8")
    from_file = argmap.analyze(tmp_path / "m.arg")
    from_text = argmap.analyze(tmp_path / "m.arg", text=TEXT)
    for analysis in (from_file, from_text):
        assert analysis.ok and analysis.parsed and not analysis.unreadable
        assert analysis.text == TEXT and analysis.articles == {"s": "It was found here, once."}
        assert analysis.evaluation.labels["C1"] is argmap.Status.IN
    assert from_file.map == from_text.map


def test_every_stage_is_in_the_sorted_diagnostics() -> None:
    analysis = argmap.analyze(text='claim C1 "x"\nP1 supports C1\npremise P1 "y"\nP1 supports P1\n')
    assert [d.name for d in analysis.diagnostics] == ["circular-support"]
    broken = argmap.analyze(text='claim C1 "x"\nP9 supports C1\n')
    assert [d.name for d in broken.errors] == ["undefined-id"]
    unparsable = argmap.analyze(text='claim C1 "x\n')
    assert not unparsable.parsed and [d.name for d in unparsable.diagnostics] == ["syntax-error"]


def test_files_stand_in_for_what_is_on_disk(tmp_path: Path) -> None:
    top = tmp_path / "m.arg"
    analysis = argmap.analyze(
        top,
        text='include "more.arg"\nclaim C1 "x"\n  quote s "pasted words"\nsource s "T"\n  file "a.txt"\n',
        files={
            str(tmp_path / "more.arg"): 'premise P1 "y"\nP1 supports C1\n',
            str(tmp_path / "a.txt"): "the pasted words",
        },
    )
    assert analysis.ok, analysis.diagnostics
    assert len(analysis.texts) == 2 and analysis.articles["s"] == "the pasted words"


def test_an_unreadable_file_is_a_diagnostic(tmp_path: Path) -> None:
    analysis = argmap.analyze(tmp_path / "missing.arg")
    assert analysis.unreadable and [d.name for d in analysis.diagnostics] == ["unreadable-file"]


def test_the_index_holds_every_ids_declaration_and_uses() -> None:
    analysis = argmap.analyze("<m>", text=TEXT + 'person p "P"\nclaim C2 "z"\n  by p\nR: C2 undercuts S1\n')
    index = analysis.index
    s = index.declaration("s")
    assert s is not None and (s.kind, s.span.line, s.span.column) == ("source", 1, 8)
    assert [(o.span.line, o.declaration) for o in index.references("s")] == [(1, True), (4, False)]
    assert [o.kind for o in index.references("S1")] == ["relation", "relation"]
    assert index.references("p", include_declaration=False)[0].span.line == 9
    at = index.at("<m>", 6, 6)
    assert at is not None and at.id == "P1" and not at.declaration
    assert index.at("<m>", 6, 4) is None  # between the label's colon and the member
    assert set(index.ids()) == {"s", "p", "C1", "P1", "C2", "S1", "R"}


def test_a_map_built_in_code_is_analysed_without_text() -> None:
    m = Map(
        nodes=(Node(NodeKind.PREMISE, "P1", "x"),),
        relations=(Relation(RelationKind.SUPPORTS, ("P1",), "P1"),),
    )
    analysis = analyze_map(m)
    assert "circular-support" in {d.name for d in analysis.errors}
    assert argmap.check(m) == analysis.findings()


def test_analyze_needs_something_to_read() -> None:
    with pytest.raises(argmap.UsageError):
        argmap.analyze()
