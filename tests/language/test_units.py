"""Direct unit tests of the language's stages, each on its own: syntax (text to tree and syntax
diagnostics), build (tree to model), names (resolution), printer (model to text), table."""

from __future__ import annotations

import pytest

from argmap.language.build import build_map
from argmap.language.document import parse_document
from argmap.language.names import check_names
from argmap.language.printer import encode_string, members_text, relation_text
from argmap.language.syntax import normalize_text, parse_text
from argmap.language.table import ATTRIBUTES, KEYWORDS, is_id, valid_date
from argmap.model import Map, Node, NodeKind, Relation, RelationKind, Source

# -- syntax ----------------------------------------------------------------------------------


def test_normalize_text_drops_the_bom_and_unifies_line_ends() -> None:
    assert normalize_text("\ufeffa\r\nb\rc\n") == "a\nb\nc\n"
    assert normalize_text("plain") == "plain"


def test_parse_text_gives_a_tree_and_the_comments() -> None:
    parsed = parse_text('claim C1 "x"  # why\n# alone\n', "f.arg")
    assert parsed.tree is not None and parsed.diagnostics == ()
    assert [(c.line, c.column, c.text) for c in parsed.comments] == [(1, 15, "# why"), (2, 1, "# alone")]


def test_parse_text_turns_a_parse_failure_into_one_diagnostic_with_a_hint() -> None:
    parsed = parse_text('claim C1 "x"\nC1 suports C2\n', "f.arg")
    assert parsed.tree is None
    (d,) = parsed.diagnostics
    assert (d.code, d.span.line, d.span.column) == ("AM001", 2, 4)
    assert d.hints and "supports" in d.hints[0]


# -- build -----------------------------------------------------------------------------------


def test_build_map_makes_the_model_with_spans() -> None:
    parsed = parse_text('source s "T"\n  date 2022-12\nclaim C1 "x"\n  quote s "q"\nC1 contradicts C1\n', "f.arg")
    assert parsed.tree is not None
    m, problems = build_map(parsed.tree, "f.arg")
    assert problems == ()
    assert m.sources == (Source("s", "T", date="2022-12"),)
    assert m.node("C1").quotes[0].source == "s"
    assert m.relations[0].kind is RelationKind.CONTRADICTS
    assert (m.node("C1").span.line, m.relations[0].target_span.column) == (3, 16)


def test_build_map_reports_a_bad_date_and_a_keyword_id() -> None:
    parsed = parse_text('source s "T"\n  date 2022-13\nclaim supports2 "x"\n', "f.arg")
    assert parsed.tree is not None
    _, problems = build_map(parsed.tree, "f.arg")
    assert [d.name for d in problems] == ["bad-value"]


def test_parse_document_takes_the_fast_path_or_lark_with_the_same_map() -> None:
    text = 'claim C1 "x"\npremise P1 "y"\nP1 supports C1\n'
    fast = parse_document(text, "f.arg")
    slow = parse_document(text + "# a comment inside\n", "f.arg")
    assert fast.parsed and slow.parsed and fast.map == slow.map


# -- names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("m", "name"),
    [
        (Map(nodes=(Node(NodeKind.CLAIM, "C1", "x"), Node(NodeKind.CLAIM, "C1", "y"))), "duplicate-id"),
        (Map(relations=(Relation(RelationKind.SUPPORTS, ("P9",), "C9"),)), "undefined-id"),
        (
            Map(
                nodes=(Node(NodeKind.CLAIM, "C1", "x"), Node(NodeKind.PREMISE, "P1", "y")),
                relations=(Relation(RelationKind.UNDERCUTS, ("P1",), "C1"),),
            ),
            "wrong-target",
        ),
    ],
)
def test_check_names_finds_each_kind_of_name_error(m: Map, name: str) -> None:
    assert name in {d.name for d in check_names(m)}


def test_check_names_suggests_the_close_id() -> None:
    m = Map(
        nodes=(Node(NodeKind.CLAIM, "C1", "x"), Node(NodeKind.PREMISE, "P3", "y")),
        relations=(Relation(RelationKind.SUPPORTS, ("P33",), "C1"),),
    )
    (d,) = check_names(m)
    assert any("P3" in hint for hint in d.hints)


# -- printer and table -----------------------------------------------------------------------


def test_encode_string_escapes_and_picks_triple_quotes_for_lines() -> None:
    assert encode_string('say "hi" \\ ok') == '"say \\"hi\\" \\\\ ok"'
    assert encode_string("one\ntwo") == '"""one\ntwo"""'
    assert encode_string("a\r\nb") == '"""a\nb"""'


def test_relation_text_as_written_with_and_without_its_parts() -> None:
    rel = Relation(RelationKind.ATTACKS, ("R1", "R2"), "C1", id="A1", note="n", outweighed=True)
    assert relation_text(rel) == 'A1: R1 + R2 attacks C1 outweighed note "n"'
    assert relation_text(rel, label=False, attributes=False) == "R1 + R2 attacks C1"
    long = Relation(RelationKind.SUPPORTS, tuple(f"P{i}" for i in range(9)), "C1")
    assert relation_text(long, shorten=True) == "P0 + P1 + P2 + ... + P8 (9 members) supports C1"
    assert members_text(("P1",)) == "P1"


def test_the_table_drives_ids_dates_and_attributes() -> None:
    assert is_id("C-1_b") and not is_id("1C") and not is_id("claim") and not is_id("")
    assert valid_date("2022") and valid_date("2022-12-01") and not valid_date("12/2022")
    assert "outweighed" in KEYWORDS and "quote" in KEYWORDS
    assert [a.keyword for a in ATTRIBUTES["node"]] == ["by", "quote", "tags", "note", "implicit", "step"]
