"""The DOT text of diagrams: golden files for every construct and theme, and its invariants.

Regenerate the golden files after an intended change with
``ARGMAP_UPDATE_GOLDEN=1 pytest tests/diagram/test_render_dot.py`` and review the diff.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import attrs
import pytest
from hypothesis import given

from argmap.api import loads_result
from argmap.diagram import THEMES, RenderOptions, Theme, build_dot, relation_keys
from argmap.diagram.theme import DEFAULT
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from tests.strategies import maps

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "render"
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GOLDEN"))

SOURCES = """
source tg "Putin could use peace talks to restock his army"
  outlet "The Telegraph"
  date 2022-12
  url "https://example.org/telegraph"
source mi "Peace talks are smoke and mirrors"
  outlet "Daily Mirror"
  author "Dan Bloom"
person cl "James Cleverly" role "UK Foreign Secretary"
"""

# name -> (.arg text, options); one case per construct, then themes, directions and options.
KINDS = (
    SOURCES
    + """
title "Node kinds"
claim C1 "A ceasefire could let Putin rearm." by cl quote tg "restock his army" tags rearm
premise P1 "Putin has form." quote tg "has got form" quote mi "smoke and mirrors"
premise P2 "Russia does not negotiate in good faith." implicit
rebuttal R1 "The positions sound more realistic." quote mi "more realistic" note "a counter-voice"
P1 supports C1
P2 supports C1
R1 attacks C1
"""
)
LINKED = """
claim C1 "The claim."
premise P1 "First co-premise."
premise P2 "Second co-premise."
premise P3 "A separate reason."
S1: P1 + P2 supports C1
P3 supports C1
"""
ATTACKS = """
claim C1 "The claim."
premise P1 "A reason."
rebuttal R1 "An objection."
rebuttal R2 "An objection to the objection."
rebuttal R3 "A weighed objection."
P1 supports C1
R1 attacks C1
R2 attacks R1
R3 attacks C1 outweighed
"""
UNDERCUTS = """
claim C1 "The claim."
premise P1 "A reason."
premise P2 "A co-premise."
premise P3 "Another reason."
rebuttal R1 "The reason does not bear on the claim."
rebuttal R2 "Nor does this linked one."
rebuttal R3 "That undercut misses the point."
S1: P3 supports C1
S2: P1 + P2 supports C1
U1: R1 undercuts S1
R2 undercuts S2
R3 attacks R1
"""
CONTRADICTS = """
claim C1 "Talks now."
claim C2 "No talks now."
premise P1 "A reason for talks."
P1 supports C1
C1 contradicts C2
"""
GROUPS = (
    SOURCES
    + """
claim C1 "A claim from the Telegraph." quote tg "restock his army" tags rearm
premise P1 "A premise from the Mirror." quote mi "smoke and mirrors" tags trust, rearm
premise P2 "An unsourced premise."
P1 supports C1
P2 supports C1
"""
)


def prefixed(text: str, prefix: str) -> str:
    """The same map with every id renamed (``C1`` -> ``xC1``), to combine cases into one map."""
    return re.sub(r"\b([CPRSUK]\d)\b", prefix + r"\1", text)


ALL = KINDS + prefixed(ATTACKS, "a") + prefixed(UNDERCUTS, "u") + prefixed(CONTRADICTS, "c")

CASES: dict[str, tuple[str, RenderOptions]] = {
    "kinds": (KINDS, RenderOptions()),
    "linked": (LINKED, RenderOptions()),
    "attacks": (ATTACKS, RenderOptions()),
    "undercuts": (UNDERCUTS, RenderOptions()),
    "contradicts": (CONTRADICTS, RenderOptions()),
    "group-source": (GROUPS, RenderOptions(group_by="source")),
    "group-tag": (GROUPS, RenderOptions(group_by="tag")),
    "direction-down": (LINKED, RenderOptions(direction="down")),
    "direction-left": (LINKED, RenderOptions(direction="left")),
    "direction-right": (LINKED, RenderOptions(direction="right")),
    "theme-classic": (ALL, RenderOptions(theme=THEMES["classic"])),
    "theme-print": (ALL, RenderOptions(theme=THEMES["print"])),
    "hidden": (UNDERCUTS, RenderOptions(hidden=frozenset({"R1", "P2", "P3->C1"}))),
    "worksheet": (LINKED, RenderOptions(text_overrides={"P1": "(1) ______", "P2": "(2) ______"})),
    "hide-kinds": (ATTACKS + "C1 contradicts R2\n", RenderOptions(hide_relation_kinds=True)),
    "hide-groups": (UNDERCUTS, RenderOptions(hide_groups=True)),
    "marks": (ATTACKS, RenderOptions(marks={"R1": "missing", "R2": "extra", "P1->C1": "wrong"})),
}


@attrs.frozen
class FakeLabelling:
    """A stand-in evaluation with fixed labels, so the golden overlay does not depend on semantics."""

    labels: Mapping[str, FakeStatus]

    def why(self, element_id: str) -> str:
        return f"{element_id} is {self.labels[element_id].value}: because the test says so"


@attrs.frozen
class FakeStatus:
    value: str


def load(text: str) -> Map:
    result = loads_result(text)
    assert result.ok, [str(d) for d in result.diagnostics if d.is_error]
    return result.map


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.dot"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with ARGMAP_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name}: DOT differs from {path}"


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_dot(name: str) -> None:
    text, options = CASES[name]
    check_golden(name, build_dot(load(text), options))


def test_golden_overlay() -> None:
    labels = {"C1": "in", "P1": "in", "R1": "out", "R2": "in", "R3": "undecided"}
    overlay = FakeLabelling({k: FakeStatus(v) for k, v in labels.items()})
    dot = build_dot(load(ATTACKS), RenderOptions(overlay=overlay))
    check_golden("overlay", dot)
    assert "● in" in dot
    assert "× out" in dot
    assert "? undecided" in dot
    assert "R1 is out: because the test says so" in dot


def test_overlay_with_the_real_grounded_evaluation() -> None:
    semantics = pytest.importorskip("argmap.analysis.semantics")
    m = load(ATTACKS)
    labelling = semantics.grounded(m)
    dot = build_dot(m, RenderOptions(overlay=labelling))
    # R2 is unattacked, so it stands and R1 falls; C1 keeps its reason and its weighed objection.
    assert re.search(r'id="node-R2", class="rebuttal status-in"', dot)
    assert re.search(r'id="node-R1", class="rebuttal status-out"', dot)
    assert re.search(r'id="node-C1", class="claim status-in"', dot)
    assert "evaluation: " in dot


def test_every_golden_file_has_a_case() -> None:
    names = {p.stem for p in GOLDEN.glob("*.dot")}
    assert names == set(CASES) | {"overlay"}


# -- invariants ------------------------------------------------------------------------------

_COLOUR_ATTR = re.compile(r'\b(?:color|fillcolor|fontcolor|bgcolor|pencolor|COLOR|BGCOLOR)="([^"]*)"')


def key_of(dot: str) -> str:
    """The line of the DOT that holds the key (a graph label)."""
    return next(line for line in dot.splitlines() if "<B>Key</B>" in line)


def colours(dot: str) -> list[str]:
    return _COLOUR_ATTR.findall(dot)


@pytest.mark.parametrize("name", sorted(CASES))
def test_print_theme_uses_only_greys(name: str) -> None:
    text, options = CASES[name]
    labels = {"C1": "in", "P1": "out", "R1": "undecided"}
    overlay = FakeLabelling({k: FakeStatus(v) for k, v in labels.items()})
    options = attrs.evolve(options, theme=THEMES["print"], overlay=overlay)
    found = colours(build_dot(load(text), options))
    assert found
    for colour in found:
        assert re.fullmatch(r"#[0-9A-F]{6}", colour), colour
        r, g, b = colour[1:3], colour[3:5], colour[5:7]
        assert r == g == b, f"{colour} is not a grey"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_colour_is_a_hex_value(theme: str) -> None:
    dot = build_dot(load(ALL), RenderOptions(theme=THEMES[theme]))
    assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", c) for c in colours(dot))
    # Colour and its greyscale partner: every relation also says what it is in words.
    for word in ("supports", "attacks", "attacks (outweighed)"):
        assert f"<I>{word}</I>" in dot


def test_default_theme_is_okabe_ito() -> None:
    okabe_ito = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"}
    t = THEMES["default"]
    for colour in (t.support, t.attack, t.counter, t.accepted, t.rejected, t.undecided):
        assert colour in okabe_ito


def test_key_lists_only_the_encodings_used() -> None:
    dot = build_dot(load(LINKED))
    key = key_of(dot)
    assert "supports: a reason for" in key
    assert "linked: premises joined at a dot" in key
    assert "premise: a reason given" in key
    for absent in ("attacks", "outweighed", "contradicts", "rebuttal", "unstated", "status-"):
        assert absent not in key, absent
    full = build_dot(load(ATTACKS + prefixed(UNDERCUTS, "u")))
    key = key_of(full)
    for present in ("attacks: an objection", "attacks an objection (a rebuttal of it)", "attacks, outweighed", "─◇─→"):
        assert present in key, present


def test_no_key_and_no_notes_for_an_empty_map() -> None:
    dot = build_dot(Map())
    assert "key [" not in dot
    assert "notes [" not in dot
    assert dot.startswith("digraph argmap {")


def test_source_notes_are_numbered_with_links() -> None:
    dot = build_dot(load(KINDS))
    notes = dot[dot.index("notes [") :]
    assert "[1] The Telegraph, 2022-12: Putin could use" in notes
    assert "[2] Daily Mirror, Dan Bloom: Peace talks are smoke" in notes
    assert 'HREF="https://example.org/telegraph"' in notes
    # The node names its speaker and outlet, not the article's text.
    assert "— James Cleverly · The Telegraph\u00a0[1]" in dot
    # A node quoting two articles names both outlets, not just the first.
    assert "— The Telegraph\u00a0[1] · Daily Mirror\u00a0[2]" in dot


def test_tooltips_carry_full_text_speaker_quotes_and_sources() -> None:
    dot = build_dot(load(KINDS))
    line = next(x for x in dot.splitlines() if 'id="node-C1"' in x)
    tooltip = re.search(r'tooltip="([^"]*)"', line)
    assert tooltip is not None
    text = tooltip.group(1)
    assert "C1 (claim): A ceasefire could let Putin rearm." in text
    assert "by James Cleverly (UK Foreign Secretary)" in text
    assert "“restock his army” — [1] The Telegraph, 2022-12: Putin could use" in text
    assert "tags: rearm" in text


def test_build_dot_is_deterministic() -> None:
    m = load(ALL)
    options = RenderOptions(group_by="tag")
    assert build_dot(m, options) == build_dot(m, options)
    assert build_dot(m, options) == build_dot(load(ALL), options)


@given(maps())
def test_any_valid_map_gives_balanced_dot_with_stable_ids(m: Map) -> None:
    dot = build_dot(m)
    assert dot == build_dot(m)
    for line in dot.splitlines():
        # No map text carries a raw double quote, so every statement's quotes pair up.
        assert line.count('"') % 2 == 0, line
    for node in m.nodes:
        assert f'id="node-{node.id}"' in dot


def test_every_node_and_relation_has_an_element_id() -> None:
    m = load(ALL)
    dot = build_dot(m)
    for node in m.nodes:
        assert f'id="node-{node.id}"' in dot
    for key in relation_keys(m):
        assert f'id="rel-{key.replace(">", "&gt;")}"' in dot


def test_relation_keys() -> None:
    m = Map(
        nodes=(Node(NodeKind.CLAIM, "C", "c"), Node(NodeKind.PREMISE, "P", "p"), Node(NodeKind.PREMISE, "Q", "q")),
        relations=(
            Relation(RelationKind.SUPPORTS, ("P", "Q"), "C"),
            Relation(RelationKind.SUPPORTS, ("P", "Q"), "C"),
            Relation(RelationKind.SUPPORTS, ("P",), "C", id="S1"),
        ),
    )
    assert relation_keys(m) == ("P+Q->C", "P+Q->C.2", "S1")


def test_linked_group_is_one_arrow_through_a_junction() -> None:
    dot = build_dot(load(LINKED))
    assert dot.count('id="rel-S1--junction"') == 1
    assert re.search(r'n2 -> j1 \[id="rel-S1--m1".*arrowhead="none"', dot)
    assert re.search(r'n3 -> j1 \[id="rel-S1--m2".*arrowhead="none"', dot)
    assert re.search(r'j1 -> n1 \[id="rel-S1".*arrowhead="normal"', dot)
    assert "{ rank=same; n2; n3; }" in dot
    # The separate reason is its own arrow.
    assert re.search(r'n4 -> n1 \[id="rel-P3-&gt;C1"', dot)


def test_undercut_points_at_the_inference() -> None:
    dot = build_dot(load(UNDERCUTS))
    # S1 has one premise, but is undercut: it gets a junction for the undercut to aim at.
    assert re.search(r'j1 \[id="rel-S1--junction"', dot)
    assert re.search(r'n5 -> j1 \[id="rel-U1".*arrowhead="tee"', dot)
    assert re.search(r'n6 -> j2 \[id="rel-R2-&gt;S2"', dot)


def test_hidden_elements_keep_their_place_but_are_invisible() -> None:
    m = load(UNDERCUTS)
    shown = build_dot(m)
    hidden = build_dot(m, RenderOptions(hidden=frozenset({"R1"})))
    line = next(x for x in hidden.splitlines() if 'id="node-R1"' in x)
    assert 'style="invis"' in line
    assert "tooltip" not in line  # nothing of a hidden node leaks into the SVG
    assert re.search(r'id="rel-U1".*style="invis"', hidden)  # its undercut goes with it
    assert re.search(r'id="rel-R3-&gt;R1".*style="invis"', hidden)
    assert shown.count("\n") == hidden.count("\n")  # same statements: the layout does not move


def test_text_overrides_replace_text_and_tooltip() -> None:
    dot = build_dot(load(LINKED), RenderOptions(text_overrides={"P1": "(1) ______"}))
    assert "(1) ______" in dot
    assert "First co-premise" not in dot


def test_hide_relation_kinds_reveals_no_kind() -> None:
    dot = build_dot(load(ATTACKS + "C1 contradicts R2\n"), RenderOptions(hide_relation_kinds=True))
    edges = "\n".join(line for line in dot.splitlines() if "->" in line or "junction" in line or "<B>Key</B>" in line)
    assert edges.count("->") == 5
    for word in ("outweighed", "contradicts", "supports", "attacks", "undercut", "tee"):
        assert word not in edges, word
    theme = THEMES["default"]
    arrows = "\n".join(line for line in dot.splitlines() if "->" in line)
    assert theme.support not in arrows
    assert theme.attack not in arrows
    assert "a relation (which kind is for you to decide)" in edges


def test_hide_groups_draws_separate_arrows() -> None:
    dot = build_dot(load(LINKED), RenderOptions(hide_groups=True))
    assert "junction" not in dot
    assert "rank=same" not in dot
    # Numbered ids: ``rel-S1`` and ``rel-S1--m2`` would say the two lines belong together.
    assert re.search(r'n2 -> n1 \[id="edge-1".*tooltip="P1 supports C1"', dot)
    assert re.search(r'n3 -> n1 \[id="edge-2".*tooltip="P2 supports C1"', dot)
    assert "rel-" not in dot
    assert "P1 + P2" not in dot


def test_marks_are_emphasised_and_explained() -> None:
    dot = build_dot(load(ATTACKS), RenderOptions(marks={"R1": "missing", "P1->C1": "wrong"}))
    assert re.search(r'id="node-R1", class="rebuttal mark-missing".*style="rounded,filled,dotted"', dot)
    assert "supports [wrong]" in dot
    key = key_of(dot)
    assert "in the model answer, missing here" in key
    assert "drawn differently in the model answer" in key
    assert "not in the model answer" not in key.replace("drawn differently in the model answer", "")


def test_options_are_validated() -> None:
    with pytest.raises(ValueError, match="direction"):
        RenderOptions(direction="sideways")
    with pytest.raises(ValueError, match="group_by"):
        RenderOptions(group_by="speaker")
    with pytest.raises(ValueError, match="mark"):
        RenderOptions(marks={"C1": "bad"})


def test_themes_are_data_that_can_be_evolved() -> None:
    custom = attrs.evolve(DEFAULT, support="#117733", name="mine")
    assert isinstance(custom, Theme)
    dot = build_dot(load(LINKED), RenderOptions(theme=custom))
    assert 'color="#117733"' in dot
    with pytest.raises(ValueError, match="#RRGGBB"):
        attrs.evolve(DEFAULT, support='red" image="/etc/passwd')
    with pytest.raises(ValueError, match="font"):
        attrs.evolve(DEFAULT, font='Sans" fontpath="/tmp')
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT.support = "#000000"  # type: ignore[misc]


def test_dangling_names_are_skipped_when_forced() -> None:
    m = Map(
        nodes=(Node(NodeKind.CLAIM, "C", "c"),),
        relations=(
            Relation(RelationKind.SUPPORTS, ("X",), "C"),
            Relation(RelationKind.SUPPORTS, ("C",), "Y"),
            Relation(RelationKind.UNDERCUTS, ("C",), "NOPE"),
            Relation(RelationKind.UNDERCUTS, ("C",), "S", id="U"),
            Relation(RelationKind.SUPPORTS, ("X",), "C", id="S"),
        ),
    )
    dot = build_dot(m)
    assert "->" not in dot  # nothing resolvable, and no implicit nodes created by dangling edges


def test_mutual_undercuts_are_drawn() -> None:
    m = Map(
        nodes=(Node(NodeKind.PREMISE, "A", "a"), Node(NodeKind.PREMISE, "B", "b")),
        relations=(
            Relation(RelationKind.UNDERCUTS, ("A",), "U2", id="U1"),
            Relation(RelationKind.UNDERCUTS, ("B",), "U1", id="U2"),
        ),
    )
    dot = build_dot(m)
    assert re.search(r'j1 -> j2 \[id="rel-U1"', dot)
    assert re.search(r'j2 -> j1 \[id="rel-U2"', dot)


def test_junctions_sit_in_their_targets_cluster() -> None:
    text = GROUPS + "R1: P1 + P2 supports C1\n"
    dot = build_dot(load(text), RenderOptions(group_by="source"))
    cluster = dot[dot.index("subgraph cluster_g1 {") : dot.index("  }\n")]
    assert 'id="node-C1"' in cluster
    assert 'id="rel-R1--junction"' in cluster  # dot ranks a cluster on its own: the path must stay inside


def test_options_are_frozen_copies() -> None:
    overrides = {"P1": "(1) ______"}
    options = RenderOptions(text_overrides=overrides, hidden=["R1"])  # any iterable of ids will do
    overrides["P1"] = "changed"
    assert options.text_overrides["P1"] == "(1) ______"
    assert options.hidden == frozenset({"R1"})
    with pytest.raises(TypeError):
        options.marks["x"] = "missing"  # type: ignore[index]
    assert options == RenderOptions(text_overrides={"P1": "(1) ______"}, hidden=frozenset({"R1"}))
