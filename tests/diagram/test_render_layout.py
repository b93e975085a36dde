"""What the engineers found looking at the PNGs and worksheets: leaks, undercuts, outlets, layout.

Each test pins one fix: worksheets that give nothing away (kinds, groups), undercuts that cannot
be read as co-premises, footers naming every outlet, large maps drawn towards a 16:9 page, the
key and the notes placed beside the diagram, and relations the evaluation defeats.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import attrs
import pytest

from argmap.api import load as load_file
from argmap.diagram import THEMES, RenderOptions, build_dot, relation_keys
from argmap.model import Map, NodeKind
from tests.diagram.test_render_dot import (
    ALL,
    ATTACKS,
    GROUPS,
    KINDS,
    LINKED,
    UNDERCUTS,
    FakeLabelling,
    FakeStatus,
    load,
)

ROOT = Path(__file__).resolve().parents[2]
PEACE_TALKS = ROOT / "examples" / "peace-talks.arg"


def _node_lines(dot: str) -> list[str]:
    return [line for line in dot.splitlines() if 'id="node-' in line]


def _edge_lines(dot: str) -> list[str]:
    return [line for line in dot.splitlines() if " -> " in line and "style=invis" not in line]


# -- 1. worksheets leak nothing -----------------------------------------------------------


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_hidden_relation_kinds_draw_every_node_the_same(theme: str) -> None:
    t = THEMES[theme]
    m = load(ALL)
    dot = build_dot(m, RenderOptions(theme=t, hide_relation_kinds=True))
    nodes = _node_lines(dot)
    assert len(nodes) == len(m.nodes)
    # Everything but the node texts (which may use these words) and the tooltips (checked below).
    bare = re.sub(r'<FONT POINT-SIZE="15" COLOR="#[0-9A-F]+">.*?</FONT>|tooltip="[^"]*"', "", dot)
    for word in ("CLAIM", "PREMISE", "REBUTTAL", "undercut", "attack", "support", "because", "but"):
        assert not re.search(rf"\b{word}\b", bare), word
    for tooltip in re.findall(r'tooltip="([^"]*)"', dot):
        assert re.fullmatch(r"\w+ \(statement(, unstated)?\): .*|\w+( \+ \w+)* → \w+", tooltip.split("&#10;")[0]), (
            tooltip
        )
    for kind in ("claim", "premise", "rebuttal"):
        assert f"({kind}" not in dot and f'"{kind}' not in dot, kind  # tooltips and classes
    # Every box: the same class, fill, border and pen; only an unstated one's border is dashed.
    classes = {re.search(r'class="([^"]*)"', line).group(1) for line in nodes}  # type: ignore[union-attr]
    assert classes == {"statement", "statement implicit"}
    fills = {re.search(r'fillcolor="([^"]*)"', line).group(1) for line in nodes}  # type: ignore[union-attr]
    borders = {re.search(r' color="([^"]*)"', line).group(1) for line in nodes}  # type: ignore[union-attr]
    widths = {re.search(r"penwidth=([\d.]+)", line).group(1) for line in nodes}  # type: ignore[union-attr]
    assert len(fills) == len(borders) == len(widths) == 1
    # No junction is drawn as the diamond that marks an undercut's target.
    assert "diamond" not in dot
    # The key has no kind rows either.
    key = key_of(dot)
    assert "an objection" not in key and "a reason given" not in key


def test_hidden_relation_kinds_give_no_labels_in_ids_or_tooltips() -> None:
    # Labels an author may have chosen to say what a relation is.
    text = ATTACKS.replace("R1 attacks C1", "obj1: R1 attacks C1").replace("P1 supports C1", "why1: P1 supports C1")
    dot = build_dot(load(text), RenderOptions(hide_relation_kinds=True))
    assert "obj1" not in dot and "why1" not in dot
    assert "rel-" not in dot
    assert re.findall(r'id="(edge-\d+)"', dot) == [f"edge-{i}" for i in range(1, 5)]


def test_hidden_groups_name_no_co_premises_together() -> None:
    for text in (LINKED, UNDERCUTS, ALL):
        m = load(text)
        dot = build_dot(m, RenderOptions(hide_groups=True))
        for rel in m.relations:
            if len(rel.members) > 1:
                together = re.escape(rel.members[0]) + r"\W+" + re.escape(rel.members[1])
                assert not re.search(together, dot), (rel.members, text)
        assert "rel-" not in dot
        assert ">" not in "".join(re.findall(r'id="([^"]*)"', dot))
        for line in _edge_lines(dot):
            tooltip = re.search(r'tooltip="([^"]*)"', line)
            assert tooltip is not None and "+" not in tooltip.group(1), line


def test_relation_keys_contract_is_kept_for_steps_and_compare() -> None:
    # hidden and marks still take the keys (the SVG ids of a worksheet are what changed).
    m = load(LINKED)
    keys = relation_keys(m)
    assert keys == ("S1", "P3->C1")
    dot = build_dot(m, RenderOptions(hide_groups=True, hidden=frozenset({"P3->C1"})))
    assert re.search(r'n4 -> n1 \[id="edge-3", [^\]]*style="invis"', dot)


# -- 2. undercuts read as undercuts, in every theme ----------------------------------------


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_undercuts_are_dotted_named_and_end_on_a_diamond(theme: str) -> None:
    dot = build_dot(load(UNDERCUTS), RenderOptions(theme=THEMES[theme]))
    undercut = next(line for line in dot.splitlines() if 'id="rel-U1"' in line)
    assert 'style="dotted"' in undercut
    assert "<I>undercuts</I>" in undercut
    assert "n5 -> j1" in undercut  # on the junction of S1, not on a box
    # The undercut step's junction is a hollow diamond; co-premise lines stay solid and unlabelled.
    junction = next(line for line in dot.splitlines() if line.strip().startswith("j2 "))
    assert "shape=diamond" in junction and f'fillcolor="{THEMES[theme].background}"' in junction
    for member in ("rel-S2--m1", "rel-S2--m2"):
        line = next(x for x in dot.splitlines() if f'id="{member}"' in x)
        assert 'style="solid"' in line and "label=" not in line
    key = key_of(dot)
    assert "undercuts (dotted)" in key and "─◇─→" in key


def test_a_plain_linked_junction_stays_a_dot() -> None:
    dot = build_dot(load(LINKED))
    junction = next(line for line in dot.splitlines() if line.strip().startswith("j1 "))
    assert "shape=point" in junction
    assert "◊" not in dot


def test_outweighed_undercut_is_dotted_and_thin() -> None:
    text = UNDERCUTS.replace("U1: R1 undercuts S1", "U1: R1 undercuts S1 outweighed")
    dot = build_dot(load(text))
    line = next(x for x in dot.splitlines() if 'id="rel-U1"' in x)
    assert 'style="dotted"' in line and "(outweighed)" in line
    assert f"penwidth={THEMES['default'].outweighed_penwidth:g}" in line


# -- 3. every outlet a node quotes -------------------------------------------------------


def test_footer_names_every_outlet_and_grouping_leaves_such_nodes_outside() -> None:
    text = GROUPS.replace('quote mi "smoke and mirrors" tags', 'quote mi "smoke and mirrors" quote tg "army" tags')
    dot = build_dot(load(text), RenderOptions(group_by="source"))
    assert "Daily Mirror\u00a0[2] · The Telegraph\u00a0[1]" in dot
    # P1 quotes both articles: it is in no cluster; C1 (Telegraph only) is in one.
    clusters = re.findall(r"subgraph cluster_g\d+ \{(.*?)\n  \}", dot, re.S)
    inside = "".join(clusters)
    assert 'id="node-C1"' in inside
    assert 'id="node-P1"' not in inside
    assert 'id="node-P1"' in dot


# -- 4. wide maps are drawn towards a 16:9 page -------------------------------------------


def _big_map(leaves: int) -> Map:
    lines = ['claim C1 "The claim."']
    lines += [f'premise P{i} "Reason number {i}."\nP{i} supports C1' for i in range(1, leaves + 1)]
    return load("\n".join(lines) + "\n")


def test_small_maps_get_no_page_and_no_staggering() -> None:
    dot = build_dot(_big_map(10))
    assert "ratio=" not in dot and " size=" not in dot
    assert "minlen" not in dot


def test_large_maps_get_a_16_9_page_and_staggered_leaves() -> None:
    m = _big_map(40)
    dot = build_dot(m)
    size = re.search(r'ratio=compress, size="(\d+),(\d+)"', dot)
    assert size is not None
    width, height = int(size.group(1)), int(size.group(2))
    assert 1.6 < width / height < 1.95
    # 40 leaves of one claim: most move out of the first row, invisibly.
    staggered = re.findall(r"(n\d+) -> n1 \[style=invis, minlen=(\d+), arrowhead=none\]", dot)
    assert len(staggered) >= 25
    assert {int(n) for _, n in staggered} <= {2, 3, 4, 5}
    sideways = build_dot(m, RenderOptions(direction="left"))
    size = re.search(r'size="(\d+),(\d+)"', sideways)
    assert size is not None and int(size.group(1)) < int(size.group(2)) * 1.2


@pytest.mark.exe
@pytest.mark.skipif(shutil.which("dot") is None, reason="needs the system Graphviz dot")
def test_peace_talks_is_laid_out_near_16_9() -> None:
    if not PEACE_TALKS.exists():
        pytest.skip("examples/peace-talks.arg is not here")
    plain = subprocess.run(
        ["dot", "-Tplain"],
        input=build_dot(load_file(PEACE_TALKS)),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    _, _, width, height = plain.splitlines()[0].split()[:4]
    ratio = float(width) / float(height)
    assert 1.2 < ratio < 2.4, ratio  # it was 3.4 (7,700 × 2,250 px)


# -- 5. the key a strip above or below, the notes beside the leaves ---------------------------


def test_key_is_a_strip_above_or_below_and_notes_sit_beside_the_leaves() -> None:
    dot = build_dot(load(KINDS))
    label = key_of(dot)
    assert label.startswith("  graph [label=<<TABLE") and "labelloc=t" in label  # top: under the title
    assert re.search(r"subgraph notes_rank \{ rank=min; notes \[", dot)
    assert "rank=source" not in dot and "rank=sink" not in dot and "key_rank" not in dot
    bottom = build_dot(load(KINDS), RenderOptions(key="bottom"))
    assert "labelloc=b" in key_of(bottom)
    assert "subgraph cluster_titled" in bottom  # the title keeps the top
    assert "<B>Key</B>" not in build_dot(load(KINDS), RenderOptions(key="none"))


# -- the evaluation of inferences -------------------------------------------------------


def test_a_defeated_inference_is_drawn_rejected_with_a_key_entry() -> None:
    labels = {"C1": "in", "P3": "in", "R1": "in", "S1": "out", "S2": "in"}
    overlay = FakeLabelling({k: FakeStatus(v) for k, v in labels.items()})
    dot = build_dot(load(UNDERCUTS), RenderOptions(overlay=overlay))
    line = next(x for x in dot.splitlines() if 'id="rel-S1"' in x)
    assert "× step out" in line and f'color="{THEMES["default"].rejected}"' in line
    junction = next(x for x in dot.splitlines() if x.strip().startswith("j1 "))
    assert f'color="{THEMES["default"].rejected}"' in junction
    s2 = next(x for x in dot.splitlines() if 'id="rel-S2"' in x)
    assert "step out" not in s2
    assert "the step from its reasons is out" in key_of(dot)
    # Not used, not in the key.
    overlay = FakeLabelling({k: FakeStatus("in") for k in labels})
    assert "the step from its reasons is out" not in build_dot(load(UNDERCUTS), RenderOptions(overlay=overlay))


def test_the_real_grounded_evaluation_marks_an_undercut_step() -> None:
    semantics = pytest.importorskip("argmap.analysis.semantics")
    m = load(UNDERCUTS.replace("R3 attacks R1\n", ""))
    labelling = semantics.grounded(m)
    assert labelling.labels["U1"].value == "in"
    dot = build_dot(m, RenderOptions(overlay=labelling))
    line = next(x for x in dot.splitlines() if 'id="rel-S1"' in x)
    assert "× step out" in line


def key_of(dot: str) -> str:
    """The line of the DOT that holds the key (a graph label)."""
    return next(line for line in dot.splitlines() if "<B>Key</B>" in line)


def test_kind_words_stay_when_kinds_are_shown() -> None:
    dot = build_dot(load(ATTACKS), attrs.evolve(RenderOptions(), hide_groups=True))
    assert "REBUTTAL R1" in dot
    assert any(n.kind is NodeKind.REBUTTAL for n in load(ATTACKS).nodes)


def test_linked_co_premises_are_never_staggered_apart() -> None:
    lines = ['claim C1 "The claim."', 'premise A "One half."', 'premise B "Other half."', "A + B supports C1"]
    lines += [f'premise P{i} "Reason number {i}."\nP{i} supports C1' for i in range(1, 30)]
    m = load("\n".join(lines) + "\n")
    dot = build_dot(m)
    assert "minlen" in dot  # the separate reasons are staggered...
    names = {re.search(r'(n\d+) \[id="node-' + x + '"', dot).group(1) for x in ("A", "B")}  # type: ignore[union-attr]
    staggered = set(re.findall(r"(n\d+) -> \w+ \[style=invis", dot))
    assert not names & staggered  # ...the co-premises stay side by side
    assert re.search(r"\{ rank=same; n2; n3; \}", dot)


def test_longest_paths_rank_a_dag_and_survive_a_cycle() -> None:
    from argmap.diagram.dot import _longest_paths

    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "c")]
    succ: dict[str, list[str]] = {}
    for tail, head in edges:
        succ.setdefault(tail, []).append(head)
    assert _longest_paths(["a", "b", "c", "d"], edges, succ) == {"a": 0, "b": 1, "c": 2, "d": 0}
    cycle = [("x", "y"), ("y", "z"), ("z", "y")]
    succ = {"x": ["y"], "y": ["z"], "z": ["y"]}
    ranks = _longest_paths(["x", "y", "z"], cycle, succ)
    assert ranks["x"] == 0  # and it returned: a cycle cannot loop it


def test_a_deep_chain_is_staggered_in_one_pass() -> None:
    """20,000 boxes in a chain with a leaf on each: the row estimate must not scan every row
    for every box (it once made rendering a 20,000-node map take minutes)."""
    from argmap.diagram import build_dot
    from argmap.language.builder import MapBuilder

    builder = MapBuilder()
    for i in range(3000):
        builder.claim(f"C{i}", "x", implicit=True).premise(f"L{i}", "y", implicit=True)
        builder.supports(f"L{i}", f"C{i}")
        if i:
            builder.supports(f"C{i}", f"C{i - 1}")
    dot = build_dot(builder.build())
    assert dot.count("->") >= 5999  # every relation drawn
