"""The step-by-step reveal: which frame shows what, and that nothing moves between frames."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from argmap.api import load, loads
from argmap.classroom.order import frames, visible_relations
from argmap.classroom.steps import frame_name, frame_options, steps_page
from argmap.cli import main
from argmap.commands._steps import render_steps
from argmap.diagram import RenderOptions, build_dot, relation_keys
from argmap.diagram.engine import run_engine
from argmap.errors import CommandError
from argmap.model import Map

ROOT = Path(__file__).resolve().parents[2]
KEY = ROOT / "examples" / "classroom" / "key.arg"

ENGINES = [
    pytest.param("system", marks=pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` not on PATH")),
    "bundled",
]


# -- the order ----------------------------------------------------------------------------------


def test_default_order_is_the_claim_then_file_order() -> None:
    assert frames(load(KEY)) == [("C1",), ("P1",), ("P2",), ("P3",), ("P4",), ("R1",), ("R2",)]


def test_root_claims_share_the_first_frame_and_inner_claims_wait() -> None:
    m = loads(
        'premise P1 "p"\nclaim C1 "c"\nclaim C2 "c2"\nclaim C3 "sub-claim"\n'
        "P1 supports C3\nC3 supports C1\nC1 contradicts C2\n"
    )
    assert frames(m) == [("C1", "C2"), ("P1",), ("C3",)]


def test_step_numbers_reorder_and_group() -> None:
    m = loads(
        'claim C1 "c"\npremise P1 "p1" step 3\npremise P2 "p2"\npremise P3 "p3" step 2\n'
        'premise P4 "p4" step 3\nP1 supports C1\nP2 supports C1\nP3 supports C1\nP4 supports C1\n'
    )
    # C1 has no number (rank 0); P2 follows P1 (rank 3); P1 and P4 share step 3.
    assert frames(m) == [("C1",), ("P3",), ("P1", "P4"), ("P2",)]


def test_every_node_appears_in_exactly_one_frame() -> None:
    m = load(KEY)
    shown = [node_id for frame in frames(m) for node_id in frame]
    assert sorted(shown) == sorted(n.id for n in m.nodes)
    assert frames(Map()) == []


def test_a_relation_appears_when_all_its_ends_do() -> None:
    m = load(KEY)
    assert visible_relations(m, {"C1", "P1"}) == []
    assert [r.id for r in visible_relations(m, {"C1", "P1", "P2"})] == ["S1"]
    undercut = loads('claim C "c"\npremise P "p"\nrebuttal R "r"\nS: P supports C\nR undercuts S\n')
    assert [r.kind.value for r in visible_relations(undercut, {"C", "R"})] == []
    assert len(visible_relations(undercut, {"C", "P", "R"})) == 2


def test_frame_options_hide_what_is_not_yet_revealed() -> None:
    m = load(KEY)
    plan = frame_options(m, RenderOptions())
    keys = dict(zip((r.id or "" for r in m.relations), relation_keys(m), strict=True))
    first = plan[0][1].hidden
    assert "C1" not in first
    assert {"P1", "P2", "P3", "P4", "R1", "R2", keys["S1"]} <= first
    after_p2 = plan[2][1].hidden
    assert "P1" not in after_p2
    assert keys["S1"] not in after_p2
    assert plan[-1][1].hidden == frozenset()


def test_a_map_without_nodes_has_one_empty_frame() -> None:
    assert [revealed for revealed, _ in frame_options(loads('title "Nothing yet"\n'), RenderOptions())] == [()]


def test_frame_names_are_zero_padded() -> None:
    assert frame_name(1, 7, "svg") == "step-01.svg"
    assert frame_name(7, 120, "png") == "step-007.png"


# -- nothing moves ------------------------------------------------------------------------------


def _positions(laid_out_dot: str) -> list[str]:
    """Every ``pos`` (nodes and edges, invisible ones included) and the bounding box, in order."""
    return re.findall(r'\b(?:pos|bb)="([^"]*)"', laid_out_dot.replace("\\\n", ""))


_TOP_GROUP = re.compile(r'<g id="([^"]*)" class="(?:node|edge|cluster)\b[^"]*">')
_SHAPE = re.compile(r'<(?:path|polygon|ellipse)\b[^>]*?\s(?:d|points|cx)="([^"]*)"')


def _node_geometry(svg: str) -> dict[str, tuple[str, ...]]:
    """Node id -> the coordinates of its drawn outline (Graphviz leaves invisible nodes out)."""
    groups = list(_TOP_GROUP.finditer(svg))
    out = {}
    for i, match in enumerate(groups):
        element_id = html.unescape(match.group(1))
        if element_id.startswith("node-"):
            end = groups[i + 1].start() if i + 1 < len(groups) else len(svg)
            out[element_id[5:]] = tuple(_SHAPE.findall(svg[match.end() : end]))
    return out


@pytest.mark.exe
@pytest.mark.parametrize("engine", ENGINES)
def test_node_positions_are_identical_in_every_frame(engine: str) -> None:
    m = load(KEY)
    plan = frame_options(m, RenderOptions())
    layouts = [_positions(run_engine(build_dot(m, o), "dot", engine=engine).decode()) for _, o in plan]
    assert len(layouts[0]) > len(m.nodes)
    assert all(layout == layouts[0] for layout in layouts)
    # And in the SVG: every node, once drawn, has the same outline in every later frame.
    svgs = [run_engine(build_dot(m, o), "svg", engine=engine).decode() for _, o in plan]
    final = _node_geometry(svgs[-1])
    assert set(final) == {n.id for n in m.nodes}
    assert all(final.values())
    shown: set[str] = set()
    for (revealed, _), svg in zip(plan, svgs, strict=True):
        shown.update(revealed)
        geometry = _node_geometry(svg)
        for node_id in shown:
            assert geometry[node_id] == final[node_id], f"{node_id} moved"
        for node_id in set(final) - shown:
            assert not geometry.get(node_id), f"{node_id} drawn before its step"


@pytest.mark.exe
def test_an_early_frame_does_not_give_away_later_text() -> None:
    m = load(KEY)
    (_, first), *_ = frame_options(m, RenderOptions())
    svg = run_engine(build_dot(m, first), "svg").decode()
    assert "The West must be very careful" in svg
    assert "train more troops" not in svg
    assert "Being willing to talk" not in svg


# -- writing the frames and the page ------------------------------------------------------------


@pytest.mark.exe
def test_render_steps_writes_frames_and_page(tmp_path: Path) -> None:
    out = tmp_path / "new" / "folder"
    written = render_steps(load(KEY), RenderOptions(), out, "svg")
    names = [p.name for p in written]
    assert names == [f"step-0{i}.svg" for i in range(1, 8)] + ["steps.html"]
    page = (out / "steps.html").read_text(encoding="utf-8")
    assert page.count('<section class="frame"') == 7
    assert page.count("<svg") == 1, "the frames share one drawing"
    assert "Step 1 of 7" in page
    assert "<link" not in page and " src=" not in page  # self-contained
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert len(ids) == len(set(ids))
    # The first frame file shows the claim and hides the rest; the last hides nothing.
    first = (out / "step-01.svg").read_text(encoding="utf-8")
    last = (out / "step-07.svg").read_text(encoding="utf-8")
    assert 'id="node-C1"' in first and 'id="node-P1"' not in first
    assert "train more troops" not in first  # a later node's text is not in the file at all
    assert 'id="node&#45;P1"' in last


@pytest.mark.exe
def test_render_steps_removes_stale_frames(tmp_path: Path) -> None:
    (tmp_path / "step-09.svg").write_text("old", encoding="utf-8")
    (tmp_path / "step-09.png").write_text("other format: kept", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("kept", encoding="utf-8")
    render_steps(loads('claim C1 "only one"\n'), RenderOptions(), tmp_path, "svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt", "step-01.svg", "step-09.png", "steps.html"]


def test_render_steps_refuses_a_file_as_folder_and_bad_formats(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        render_steps(load(KEY), RenderOptions(), blocker, "svg")
    assert error.value.exit_code == 3
    assert "\n" not in error.value.message
    with pytest.raises(CommandError) as error:
        render_steps(load(KEY), RenderOptions(), tmp_path, "html")
    assert error.value.exit_code == 2


def test_steps_page_escapes_captions_and_hashes_its_script() -> None:
    svg = '<svg width="10pt" height="10pt" viewBox="0 0 10 10"><g id="a"></g></svg>'
    page = steps_page("<b>title</b>", svg, ["<script>alert(1)</script>", "two"])
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)" in page
    assert "&lt;b&gt;title" in page
    assert page.count("<script>") == 1
    assert "script-src 'sha256-" in html.unescape(page)
    assert page.count('id="a"') == 1


@pytest.mark.exe
def test_cli_render_steps(tmp_path: Path) -> None:
    assert main(["render", str(KEY), "--steps", "-o", str(tmp_path / "frames")]) == 0
    assert (tmp_path / "frames" / "step-07.svg").is_file()
    assert (tmp_path / "frames" / "steps.html").is_file()


@pytest.mark.exe
def test_frames_in_another_format_still_get_an_svg_page(tmp_path: Path) -> None:
    m = loads('claim C1 "c"\npremise P1 "p"\nP1 supports C1\n')
    written = render_steps(m, RenderOptions(), tmp_path, "dot")
    assert [p.name for p in written] == ["step-01.dot", "step-02.dot", "steps.html"]
    assert (tmp_path / "step-01.dot").read_text(encoding="utf-8").startswith("digraph")
    assert (tmp_path / "steps.html").read_text(encoding="utf-8").count("<svg") == 1
