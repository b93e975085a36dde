"""The Python API: every construct into the typed graph, look-ups, equality without spans, the
builder, and one exception type carrying every diagnostic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap import MapBuilder, NodeKind, RelationKind
from argmap.api import load_result, loads_result, parse_document
from argmap.language.syntax import KEYWORDS

DATA = Path(__file__).parents[1] / "data"
EXAMPLE = DATA / "language_example.arg"


@pytest.fixture(scope="module")
def example() -> argmap.Map:
    return argmap.load(EXAMPLE)


# -- the example, construct by construct ---------------------------------------------


def test_example_sources_and_persons(example: argmap.Map) -> None:
    telegraph = example.source("telegraph")
    assert telegraph.title.startswith("Vladimir Putin could use peace talks")
    assert (telegraph.outlet, telegraph.date, telegraph.url, telegraph.file, telegraph.author) == (
        "The Telegraph",
        "2022-12",
        "https://example.org/article",
        "sources/telegraph.txt",
        None,
    )
    mirror = example.source("mirror")
    assert (mirror.outlet, mirror.author, mirror.date) == ("Daily Mirror", "Dan Bloom", "2022-03")
    assert example.person("cleverly") == argmap.Person("cleverly", "James Cleverly", "UK Foreign Secretary")
    assert example.person("zelensky").role == "President of Ukraine"  # attribute on the header line


def test_example_nodes(example: argmap.Map) -> None:
    c1 = example.node("C1")
    assert c1.kind is NodeKind.CLAIM
    assert c1.by == "cleverly"
    assert c1.quotes == (
        argmap.Quote("telegraph", "a ceasefire is actually just used by Putin to train up more troops"),
    )
    assert c1.tags == ("rearmament", "distrust")
    assert example.node("P2").implicit and example.node("P2").kind is NodeKind.PREMISE
    r1 = example.node("R1")
    assert r1.kind is NodeKind.REBUTTAL
    assert r1.text == 'Zelensky says the negotiating positions\n  already sound "more realistic".'
    assert r1.note == "a counter-voice reported in another article"
    # The included file's nodes are merged in, after the top file's.
    assert [n.id for n in example.nodes] == ["C1", "P1", "P2", "R1", "P3", "R2", "R3", "C7"]
    assert len(example.files) == 2 and example.files[1].endswith("language_example_more.arg")


def test_example_relations(example: argmap.Map) -> None:
    kinds = [(r.id, r.members, r.kind.value, r.target, r.outweighed) for r in example.relations]
    assert kinds == [
        ("S1", ("P1", "P2"), "supports", "C1", False),
        (None, ("P3",), "supports", "C1", False),
        (None, ("R1",), "attacks", "P2", False),
        (None, ("R3",), "attacks", "C1", True),
        (None, ("R2",), "undercuts", "S1", False),
        (None, ("C1",), "contradicts", "C7", False),
    ]
    assert example.relation("S1").linked
    assert not example.relations[1].linked


def test_example_spans_point_at_the_text(example: argmap.Map) -> None:
    c1 = example.node("C1")
    assert (c1.span.line, c1.span.column) == (20, 1)
    assert (c1.by_span.line, c1.by_span.column) == (21, 6)
    assert (c1.quotes[0].span.line, c1.quotes[0].span.column) == (22, 3)
    s1 = example.relation("S1")
    assert [(s.line, s.column) for s in s1.member_spans] == [(34, 5), (34, 10)]
    assert (s1.target_span.line, s1.target_span.column) == (34, 22)
    assert example.node("P3").span.file.endswith("language_example_more.arg")


def test_example_round_trips_through_dumps(example: argmap.Map) -> None:
    # The merged map prints as one file without the include; it reads back equal.
    assert argmap.loads(argmap.dumps(example)) == example


# -- look-ups ---------------------------------------------------------------------------------


def test_lookups(example: argmap.Map) -> None:
    assert example.get("telegraph") == example.source("telegraph")
    assert example.get("S1") is example.relation("S1")
    assert example.get("nobody") is None
    assert "C1" in example and "nobody" not in example and 3 not in example
    with pytest.raises(KeyError):
        example.node("S1")  # a relation, not a node
    with pytest.raises(KeyError):
        example.relation("C1")
    assert [r.kind for r in example.reasons("C1")] == [RelationKind.SUPPORTS, RelationKind.SUPPORTS]
    assert [r.members for r in example.objections("C1")] == [("R3",)]
    assert [r.members for r in example.objections("S1")] == [("R2",)]
    assert [r.members for r in example.objections("P2")] == [("R1",)]
    # Contradiction is symmetric: it is incoming and outgoing on both sides.
    assert any(r.kind is RelationKind.CONTRADICTS for r in example.incoming("C7"))
    assert any(r.kind is RelationKind.CONTRADICTS for r in example.incoming("C1"))
    assert {r.target for r in example.outgoing("P1")} == {"C1"}
    assert [n.id for n in example.roots()] == ["C1", "C7"]
    assert [n.id for n in example.claims()] == ["C1", "C7"]
    assert example.incoming("nobody") == ()


# -- equality and the builder ------------------------------------------------------------------

SMALL = """
title "Peace talks"
source telegraph "Putin could use peace talks to restock his army"
  outlet "The Telegraph"
  date 2022-12
person cleverly "James Cleverly"
  role "UK Foreign Secretary"
claim C1 "A ceasefire could let Putin rearm."
  by cleverly
  quote telegraph "train up more troops"
  tags rearmament
premise P1 "Putin has form."
premise P2 "Russia does not negotiate in good faith."
  implicit
rebuttal R1 "Talks can build trust."
  note "reported, not endorsed"
S1: P1 + P2 supports C1
R1 attacks C1 outweighed
R1 undercuts S1
C1 contradicts R1 note "they cannot both hold"
"""


def _built() -> argmap.Map:
    return (
        MapBuilder("Peace talks")
        .source("telegraph", "Putin could use peace talks to restock his army", outlet="The Telegraph", date="2022-12")
        .person("cleverly", "James Cleverly", "UK Foreign Secretary")
        .claim(
            "C1",
            "A ceasefire could let Putin rearm.",
            by="cleverly",
            quotes=[("telegraph", "train up more troops")],
            tags=["rearmament"],
        )
        .premise("P1", "Putin has form.")
        .premise("P2", "Russia does not negotiate in good faith.", implicit=True)
        .rebuttal("R1", "Talks can build trust.", note="reported, not endorsed")
        .supports(["P1", "P2"], "C1", id="S1")
        .attacks("R1", "C1", outweighed=True)
        .undercuts("R1", "S1")
        .contradicts("C1", "R1", note="they cannot both hold")
        .build()
    )


def test_a_built_map_equals_the_parsed_one_spans_ignored() -> None:
    parsed, built = argmap.loads(SMALL), _built()
    assert parsed == built
    assert parsed.node("C1").span != built.node("C1").span  # they differ, and equality ignores them
    assert built.node("C1").span == argmap.NO_SPAN
    assert hash(parsed.node("C1")) == hash(built.node("C1"))
    assert argmap.dumps(built) == argmap.dumps(parsed)


def test_a_canonical_relation_works_out_its_member_and_target_spans() -> None:
    """``member_spans=None, target_span=None``: the relation is one canonical line, and the
    spans follow from its own; they are the ones a parse gives, and take no part in equality."""
    from argmap.model import Relation, RelationKind, Span

    text = "claim C\n  implicit\npremise Pa\n  implicit\npremise Pbb\n  implicit\n"
    text = text.replace("claim C\n", 'claim C "c"\n').replace("premise Pa\n", 'premise Pa "a"\n')
    text = text.replace("premise Pbb\n", 'premise Pbb "b"\n')
    parsed = argmap.loads(text + "  L1: Pa + Pbb supports C\n", "t.arg").relations[0]
    lazy = Relation(
        RelationKind.SUPPORTS, ("Pa", "Pbb"), "C", id="L1", span=parsed.span, member_spans=None, target_span=None
    )
    assert parsed.span == Span("t.arg", 7, 3, 7, 26)
    assert lazy.member_spans == parsed.member_spans == (Span("t.arg", 7, 7, 7, 9), Span("t.arg", 7, 12, 7, 15))
    assert lazy.target_span == parsed.target_span == Span("t.arg", 7, 25, 7, 26)
    assert lazy.member_span(1) == parsed.member_spans[1] and lazy.member_span(5) == lazy.span
    assert lazy == Relation(RelationKind.SUPPORTS, ("Pa", "Pbb"), "C", id="L1")
    assert hash(lazy) == hash(Relation(RelationKind.SUPPORTS, ("Pa", "Pbb"), "C", id="L1"))
    assert "span" not in repr(lazy)
    unlabelled = Relation(RelationKind.ATTACKS, ("R",), "C", span=Span("f", 2, 1, 2, 12), target_span=None)
    assert unlabelled.target_span == Span("f", 2, 11, 2, 12)


def test_equality_still_sees_every_value() -> None:
    built = _built()
    other = argmap.loads(SMALL.replace("Putin has form.", "Putin has form!"))
    assert other != built


@pytest.mark.parametrize(
    ("builder", "message"),
    [
        (MapBuilder().claim("C1", "x").supports("P9", "C1"), "`P9` is not a declared node"),
        (MapBuilder().claim("C1", "x").premise("P1", "y").undercuts("P1", "C1"), "`undercuts` attacks an inference"),
        (MapBuilder().claim("C1", "x", by="C1"), "names a claim, not a person"),
        (MapBuilder().claim("C1", "x", quotes=[("nowhere", "q")]), "`nowhere` is not a declared source"),
        (MapBuilder().person("p", "P").claim("C1", "x").supports("p", "C1"), "`p` is a person"),
    ],
)
def test_builder_raises_value_error_for_bad_references(builder: MapBuilder, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        builder.build()


def test_builder_accepts_forward_references() -> None:
    m = MapBuilder().supports("P1", "C1").claim("C1", "x").premise("P1", "y").build()
    assert m.reasons("C1")[0].members == ("P1",)


# -- errors: one exception type, every diagnostic ---------------------------------------------

BROKEN = 'claim C1 "x"\nP1 supports C1\nP2 attacks C9\nclaim C1 "again"\n'


def test_loads_raises_argmap_error_with_every_diagnostic() -> None:
    with pytest.raises(argmap.ArgmapError) as raised:
        argmap.loads(BROKEN, "broken.arg")
    diagnostics = raised.value.diagnostics
    assert [(d.name, d.span.line) for d in diagnostics] == [
        ("undefined-id", 2),
        ("undefined-id", 3),
        ("undefined-id", 3),
        ("duplicate-id", 4),
    ]
    assert str(raised.value) == "broken.arg:2:1: error[AM002]: `P1` is not a declared node (and 3 more errors)"


def test_loads_result_returns_the_same_without_raising() -> None:
    result = loads_result(BROKEN, "broken.arg")
    assert not result.ok
    assert len(result.diagnostics) == 4
    assert result.texts == {"broken.arg": BROKEN}
    assert [n.id for n in result.map.nodes] == ["C1", "C1"]  # the map as far as it could be read


def test_a_syntax_error_is_a_diagnostic_not_a_lark_exception() -> None:
    with pytest.raises(argmap.ArgmapError) as raised:
        argmap.loads('claim C1 "x" @')
    (d,) = raised.value.diagnostics
    assert (d.name, d.span.line, d.span.column) == ("syntax-error", 1, 14)
    assert parse_document('claim C1 "x" @').parsed is False


def test_load_of_a_missing_file_is_an_argmap_error(tmp_path: Path) -> None:
    with pytest.raises(argmap.ArgmapError) as raised:
        argmap.load(tmp_path / "nope.arg")
    assert raised.value.diagnostics[0].name == "unreadable-file"
    result = load_result(str(tmp_path / "nope.arg"))
    assert result.diagnostics[0].message.endswith("no such file")


def test_load_accepts_str_and_path() -> None:
    assert argmap.load(str(EXAMPLE)) == argmap.load(EXAMPLE)


# -- lexical details --------------------------------------------------------------------------


def test_keywords_followed_directly_by_a_string() -> None:
    m = argmap.loads('title"T"\nclaim C1"x"\n  note"n"\nperson p"P"role"R"\n')
    assert m.title == "T"
    assert m.node("C1").note == "n"
    assert m.person("p").role == "R"


def test_ids_that_begin_with_a_keyword_are_ids() -> None:
    m = argmap.loads('claim claims "x"\npremise premise-1 "y"\npremise supports_ "z"\npremise-1 supports claims\n')
    assert [n.id for n in m.nodes] == ["claims", "premise-1", "supports_"]
    assert m.reasons("claims")[0].members == ("premise-1",)


@pytest.mark.parametrize("word", sorted(KEYWORDS))
def test_a_keyword_as_an_id_is_reported(word: str) -> None:
    result = loads_result(f'premise {word} "x"\n')
    assert [d.name for d in result.diagnostics] == ["reserved-word"]


def test_crlf_and_bom_give_the_same_spans_as_lf() -> None:
    lf = argmap.loads('claim C1 "x"\r\n  by p\r\nperson p "P"\r\n'.replace("\r\n", "\n"))
    crlf = argmap.loads('\ufeffclaim C1 "x"\r\n  by p\r\nperson p "P"\r\n')
    assert crlf == lf
    assert crlf.node("C1").by_span == lf.node("C1").by_span
    assert crlf.person("p").span == lf.person("p").span


def test_escapes() -> None:
    m = argmap.loads('claim C1 "say \\"no\\" and \\\\ back"\nclaim C2 """a "quoted" word\nand \\""" end"""\n')
    assert m.node("C1").text == 'say "no" and \\ back'
    assert m.node("C2").text == 'a "quoted" word\nand """ end'


def test_the_model_does_not_import_lark() -> None:
    code = "import argmap, argmap.model, argmap.language.printer, sys; print('lark' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_dumps_writes_a_carriage_return_as_a_line_break() -> None:
    """The language has no carriage return; `dumps` must still write text that reads back."""
    m = MapBuilder().claim("C1", "one\r\ntwo\rthree", implicit=True).build()
    assert argmap.loads(argmap.dumps(m)).node("C1").text == "one\ntwo\nthree"


@pytest.mark.parametrize("text", ["a\x00b", "x\u2028y", "tab\there", "ends with \\", '"""', 'a\n"', "\n", ""])
def test_dumps_round_trips_awkward_strings(text: str) -> None:
    m = MapBuilder().claim("C1", text, implicit=True).build()
    assert argmap.loads(argmap.dumps(m)) == m


# -- includes ---------------------------------------------------------------------------------


def test_includes_resolve_from_the_including_file_and_merge_once(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "main.arg").write_text('include "parts/a.arg"\ninclude "parts/b.arg"\nclaim C1 "x"\n', encoding="utf-8")
    (tmp_path / "parts" / "a.arg").write_text('include "shared.arg"\nP1 supports C1\n', encoding="utf-8")
    (tmp_path / "parts" / "b.arg").write_text('include "shared.arg"\nP1 attacks C2\nclaim C2 "y"\n', encoding="utf-8")
    (tmp_path / "parts" / "shared.arg").write_text('premise P1 "z"\n', encoding="utf-8")
    m = argmap.load(tmp_path / "main.arg")  # shared.arg is included twice: no duplicate P1
    assert [n.id for n in m.nodes] == ["C1", "P1", "C2"]
    assert len(m.files) == 4


def test_allow_outside_lets_an_include_leave_the_folder(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "common.arg").write_text('claim C1 "x"\n', encoding="utf-8")
    (tmp_path / "maps" / "m.arg").write_text(
        'include "../common.arg"\nP1 supports C1\npremise P1 "y"\n', encoding="utf-8"
    )
    with pytest.raises(argmap.ArgmapError) as raised:
        argmap.load(tmp_path / "maps" / "m.arg")
    assert [d.name for d in raised.value.diagnostics if d.is_error] == ["include-error", "undefined-id"]
    assert argmap.load(tmp_path / "maps" / "m.arg", allow_outside=True).node("C1").text == "x"


def test_a_symlink_loop_is_an_include_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "loop.arg").symlink_to(tmp_path / "loop.arg")
    (tmp_path / "m.arg").write_text('include "loop.arg"\nclaim C1 "x"\n', encoding="utf-8")
    result = load_result(tmp_path / "m.arg")
    assert [d.name for d in result.diagnostics] == ["include-error"]
    assert result.diagnostics[0].message == "cannot include `loop.arg`: the path leads into a loop of links"


def test_builder_names_every_problem_at_once() -> None:
    builder = MapBuilder().claim("C1", "x", by="nobody", step=2).supports("P9", "C1")
    with pytest.raises(ValueError, match="`nobody` is not a declared person") as raised:
        builder.build()
    assert "`P9` is not a declared node" in str(raised.value)
