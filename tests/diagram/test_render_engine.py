"""Layout engines: real renders with each engine, hostile text, and every way an engine can fail."""

from __future__ import annotations

import os
import shutil
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.api import loads_result, notebook_svg
from argmap.cli import exit_code
from argmap.diagram import RenderOptions, build_dot, engine
from argmap.diagram import render_diagram as render
from argmap.diagram.escape import visible
from argmap.errors import EXIT_ENVIRONMENT, EngineError, UsageError
from argmap.model import Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source
from tests.strategies import maps

DATA = Path(__file__).parents[1] / "data"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def _program(kind: str) -> str | None:
    try:
        found_kind, program = engine.find_engine(kind)
    except EngineError:
        return None
    return program if found_kind == kind else None


@pytest.fixture(params=["system", "bundled"])
def engine_kind(request: pytest.FixtureRequest) -> str:
    """Each engine in turn; skips (with the reason) where it is not installed."""
    kind = str(request.param)
    if _program(kind) is None:
        what = "Graphviz `dot` is not on PATH" if kind == "system" else "graphviz-pure is not installed"
        pytest.skip(f"{what}: cannot test the {kind} engine")
    return kind


def _example() -> Map:
    result = loads_result((DATA / "language_example.arg").read_text(encoding="utf-8"), str(DATA / "x.arg"))
    assert result.ok
    return result.map


def _texts(svg: bytes) -> tuple[str, list[str], list[str]]:
    """All drawn text (whitespace removed), the tooltips, and the link targets of an SVG."""
    root = ET.fromstring(svg)
    drawn = "".join("".join((t.text or "").split()) for t in root.iter(f"{SVG}text"))
    tooltips = [a.get(f"{XLINK}title", "") for a in root.iter(f"{SVG}a")]
    links = [a.get(f"{XLINK}href", "") for a in root.iter(f"{SVG}a") if a.get(f"{XLINK}href") is not None]
    return drawn, tooltips, links


@pytest.mark.exe
def test_real_render_contains_every_node(engine_kind: str) -> None:
    m = _example()
    svg = render(m, "svg", RenderOptions(), engine=engine_kind)
    root = ET.fromstring(svg)
    ids = {g.get("id") for g in root.iter(f"{SVG}g")}
    drawn, _, _ = _texts(svg)
    for node in m.nodes:
        assert f"node-{node.id}" in ids
        assert "".join(node.text.split()).replace('"', "") in drawn.replace('"', "")
    assert "rel-S1" in ids
    assert "rel-S1--junction" in ids
    assert "rel-C1->C7" in ids


@pytest.mark.exe
def test_png_render(engine_kind: str) -> None:
    png = render(_example(), "png", engine=engine_kind)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


@pytest.mark.exe
def test_pdf_with_the_system_engine_and_a_clear_error_with_the_bundled_one(engine_kind: str) -> None:
    if engine_kind == "system":
        assert render(_example(), "pdf", engine="system").startswith(b"%PDF")
    else:
        with pytest.raises(EngineError, match="cannot write PDF") as caught:
            render(_example(), "pdf", engine="bundled")
        assert exit_code(caught.value) == EXIT_ENVIRONMENT
        assert caught.value.hint is not None
        assert "install Graphviz" in caught.value.hint


HOSTILE = [
    'say "no" \\ back\\slash',
    "<b>bold</b> & &amp; &lt; &#92; &#x5C;",
    "\\N \\G \\L \\E \\T \\H \\n \\l \\r \\\\N",
    "{braces} [brackets] | pipes ; semicolons",
    "line1\nline2\ttab",
    "\u202eevil override\u202c \u2066iso\u2069 \u200bzero",
    "]]> <!-- comment --> <![CDATA[x]]>",
    '<IMG SRC="/etc/passwd"/> " image="/etc/passwd',
    "\x07bell \x1bescape",
    "🙂 مرحبا 中文 ε",
]


def _hostile_map(text: str) -> Map:
    """A map with the hostile text in every field a diagram shows."""
    return Map(
        title=text,
        sources=(Source("s1", text, outlet=text, date=text, url="https://example.org/a?q=" + text, author=text),),
        persons=(Person("p1", text, role=text),),
        nodes=(
            Node(NodeKind.CLAIM, "C1", text, by="p1", quotes=(Quote("s1", text),), tags=(text,), note=text),
            Node(NodeKind.PREMISE, text, text, implicit=True),
            Node(NodeKind.REBUTTAL, "R1", text),
        ),
        relations=(
            Relation(RelationKind.SUPPORTS, (text,), "C1", id=text, note=text),
            Relation(RelationKind.UNDERCUTS, ("R1",), text, note=text),
        ),
    )


@pytest.mark.exe
@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_parses_and_shows_literally(engine_kind: str, text: str) -> None:
    m = _hostile_map(text)
    expected = "".join(visible(" ".join(text.split())).split())
    for options in (RenderOptions(), RenderOptions(group_by="tag"), RenderOptions(group_by="source")):
        svg = render(m, "svg", options, engine=engine_kind)
        drawn, tooltips, links = _texts(svg)
        assert expected in drawn, f"{expected!r} not drawn literally"
        assert any(expected in "".join(t.split()) for t in tooltips)
        for char in "\u202e\u2066\x07\x1b\u200b":
            assert char not in svg.decode("utf-8")
        root = ET.fromstring(svg)
        assert not list(root.iter(f"{SVG}image"))
        assert all(link.startswith("https://example.org/a?q=") for link in links)
        ids = {g.get("id") for g in root.iter(f"{SVG}g")}
        assert f"node-{visible(text)}" in ids


@pytest.mark.exe
def test_only_http_links_become_links(engine_kind: str) -> None:
    sources = tuple(
        Source(f"s{i}", "t", url=url)
        for i, url in enumerate(
            ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "https://ok.example/"]
        )
    )
    svg = render(Map(sources=sources), "svg", engine=engine_kind)
    _, _, links = _texts(svg)
    assert links == ["https://ok.example/"]


@pytest.mark.exe
def test_hidden_nodes_leave_no_text_in_the_svg(engine_kind: str) -> None:
    m = _example()
    shown = ET.fromstring(render(m, "svg", engine=engine_kind))
    svg = render(m, "svg", RenderOptions(hidden=frozenset({"R1"})), engine=engine_kind)
    assert b"Zelensky says" not in svg
    assert b"Zelensky says" in ET.tostring(shown)
    hidden = ET.fromstring(svg)
    # Laid out all the same: the frame has the size of the whole diagram.
    assert (hidden.get("width"), hidden.get("height")) == (shown.get("width"), shown.get("height"))


@pytest.mark.exe
def test_invalid_dot_is_one_line_error(engine_kind: str) -> None:
    with pytest.raises(EngineError) as caught:
        engine.run_engine("digraph { a -> ", "svg", engine=engine_kind)
    assert exit_code(caught.value) == EXIT_ENVIRONMENT
    assert "\n" not in caught.value.message
    assert "failed" in caught.value.message


@pytest.mark.exe
def test_repr_svg_for_jupyter() -> None:
    if _program("system") is None and _program("bundled") is None:
        pytest.skip("no layout engine installed")
    svg = notebook_svg(_example())
    assert svg is not None
    assert svg.lstrip().startswith("<?xml")


# -- failures, with fake or missing engines (no real engine needed) -----------------------------


@pytest.fixture
def no_engines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PATH holds only an empty folder, and pip's scripts folder has no graphviz-pure."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr(engine, "_bundled_dirs", lambda: [empty])
    return empty


def _fake(folder: Path, name: str, script: str) -> None:
    path = folder / name
    # The test's PATH is empty: the fake finds cat and sleep on its own.
    path.write_text("#!/bin/sh\nPATH=/usr/bin:/bin\n" + script + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.mark.parametrize(
    ("kind", "message", "hint"),
    [
        ("system", "Graphviz `dot` is not installed", "apt install graphviz"),
        ("bundled", "`graphviz-pure` is not installed", "pip install graphviz-pure"),
        ("auto", "no Graphviz engine found", "pip install graphviz-pure"),
    ],
)
def test_missing_engine(no_engines: Path, kind: str, message: str, hint: str) -> None:
    with pytest.raises(EngineError) as caught:
        render(Map(), "svg", engine=kind)
    assert exit_code(caught.value) == EXIT_ENVIRONMENT
    assert message in caught.value.message
    assert caught.value.hint is not None
    assert hint in caught.value.hint


def test_auto_falls_back_to_the_bundled_engine(no_engines: Path) -> None:
    _fake(no_engines, "graphviz-pure", 'cat > /dev/null; echo "<svg from bundled/>"')
    assert engine.find_engine("auto")[0] == "bundled"
    assert render(Map(), "svg") == b"<svg from bundled/>\n"
    _fake(no_engines, "dot", 'cat > /dev/null; echo "<svg from system/>"')
    assert render(Map(), "svg") == b"<svg from system/>\n"


@pytest.mark.skipif(os.name == "nt", reason="shell-script fake engines")
def test_timeout_stops_the_engine(no_engines: Path) -> None:
    _fake(no_engines, "dot", "exec sleep 30")
    with pytest.raises(EngineError) as caught:
        render(Map(), "svg", engine="system", timeout=0.3)
    assert exit_code(caught.value) == EXIT_ENVIRONMENT
    assert "did not finish within 0.3 s" in caught.value.message
    assert caught.value.hint is not None
    assert "--timeout" in caught.value.hint


@pytest.mark.skipif(os.name == "nt", reason="shell-script fake engines")
def test_failing_engine_is_summarised_to_one_line(no_engines: Path) -> None:
    _fake(
        no_engines,
        "dot",
        "cat > /dev/null; echo 'Warning: something minor' >&2; echo 'Error: <stdin>: syntax error in line 3' >&2; "
        "echo 'more detail' >&2; exit 1",
    )
    with pytest.raises(EngineError) as caught:
        render(Map(), "svg", engine="system")
    assert caught.value.message == "Graphviz `dot` failed (exit 1): Error: <stdin>: syntax error in line 3"


@pytest.mark.skipif(os.name == "nt", reason="shell-script fake engines")
def test_engine_without_the_format(no_engines: Path) -> None:
    _fake(no_engines, "dot", "cat > /dev/null; echo 'Format: \"pdf\" not recognized. Use one of: svg' >&2; exit 1")
    with pytest.raises(EngineError, match="cannot write PDF"):
        render(Map(), "pdf", engine="system")


def test_unknown_format_and_engine() -> None:
    with pytest.raises(UsageError, match="unknown output format"):
        engine.run_engine("digraph {}", "gif")
    with pytest.raises(UsageError, match="unknown engine"):
        engine.find_engine("neato")


def test_dot_format_needs_no_engine(no_engines: Path) -> None:
    m = _example()
    assert render(m, "dot") == build_dot(m).encode("utf-8")


def test_bundled_engine_is_found_beside_the_interpreter() -> None:
    found = engine._find_bundled()
    if found is None:
        pytest.skip("graphviz-pure is not installed in this environment")
    assert Path(found).name.startswith("graphviz-pure")
    assert shutil.which(found) is not None


@pytest.mark.exe
@settings(max_examples=25)
@given(
    m=maps(), direction=st.sampled_from(["up", "down", "left", "right"]), group=st.sampled_from([None, "source", "tag"])
)
def test_any_valid_map_renders(m: Map, direction: str, group: str | None) -> None:
    kinds = [kind for kind in ("system", "bundled") if _program(kind) is not None]
    if not kinds:
        pytest.skip("no layout engine installed")
    options = RenderOptions(direction=direction, group_by=group)
    for kind in kinds:
        root = ET.fromstring(render(m, "svg", options, engine=kind))
        ids = {g.get("id") for g in root.iter(f"{SVG}g")}
        assert all(f"node-{visible(node.id)}" in ids for node in m.nodes)


def test_repr_svg_without_an_engine_falls_back(no_engines: Path) -> None:
    assert notebook_svg(Map()) is None  # Jupyter then shows the plain repr instead of a traceback


@pytest.mark.exe
def test_an_argument_cycling_through_clusters_renders(engine_kind: str) -> None:
    # Found by test_any_valid_map_renders: dot ranked each cluster on its own and failed with
    # "trouble in init_rank" when supports and attacks ran in a cycle through two clusters.
    def claim(node_id: str, *tags: str) -> Node:
        return Node(NodeKind.CLAIM, node_id, "", tags=tags)

    m = Map(
        nodes=(claim("a"), claim("b", "a0"), claim("c"), claim("d", "a"), claim("e", "a"), claim("f")),
        relations=(
            Relation(RelationKind.CONTRADICTS, ("e",), "c"),
            Relation(RelationKind.SUPPORTS, ("a", "d"), "e"),
            Relation(RelationKind.SUPPORTS, ("b",), "a"),
            Relation(RelationKind.CONTRADICTS, ("a",), "a"),
            Relation(RelationKind.ATTACKS, ("c", "e", "f"), "b"),
            Relation(RelationKind.CONTRADICTS, ("c",), "a"),
        ),
    )
    svg = render(m, "svg", RenderOptions(group_by="tag"), engine=engine_kind)
    ids = {g.get("id") for g in ET.fromstring(svg).iter(f"{SVG}g")}
    assert {f"node-{n}" for n in "abcdef"} <= ids
