"""The first promises: the example from the language issue parses, prints and formats."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

import argmap
from argmap.cli import VERSION, main
from argmap.language.formatting import format_source

EXAMPLE = Path(__file__).parents[1] / "data" / "language_example.arg"


def test_version_matches_package() -> None:
    assert argmap.__version__ == VERSION


def test_language_example_parses_into_the_typed_graph() -> None:
    m = argmap.load(EXAMPLE)
    assert m.title == "Peace talks as cover for rearmament"
    assert [n.id for n in m.claims()] == ["C1", "C7"]
    s1 = m.relation("S1")
    assert s1.members == ("P1", "P2")
    assert s1.linked
    assert m.node("P2").implicit
    assert {r.kind for r in m.incoming("C1")} == {
        argmap.RelationKind.SUPPORTS,
        argmap.RelationKind.ATTACKS,
        argmap.RelationKind.CONTRADICTS,
    }
    assert [r.id for r in m.objections("S1")] == [None]
    assert m.node("R1").text.startswith("Zelensky says the negotiating positions\n")


def test_round_trip_and_fmt_idempotent() -> None:
    m = argmap.load(EXAMPLE)
    assert argmap.loads(argmap.dumps(m)) == m
    text = EXAMPLE.read_text(encoding="utf-8")
    once = format_source(text, str(EXAMPLE))
    assert format_source(once, str(EXAMPLE)) == once
    assert once.count("#") == text.count("#")


def test_cli_check_clean_example(capsys: object) -> None:
    assert main(["check", str(EXAMPLE)]) == 0


class _Formatter:
    """What IPython's SVG display formatter offers: functions registered by type name."""

    def __init__(self) -> None:
        self.by_name: dict[tuple[str, str], object] = {}

    def for_type_by_name(self, module: str, name: str, function: object) -> None:
        self.by_name[(module, name)] = function


class _Shell:
    def __init__(self) -> None:
        self.display_formatter = types.SimpleNamespace(formatters={"image/svg+xml": _Formatter()})


def test_a_running_notebook_learns_to_show_maps(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap import api

    shell = _Shell()
    monkeypatch.setitem(sys.modules, "IPython", types.SimpleNamespace(get_ipython=lambda: shell))
    api._register_with_running_notebook()
    show = shell.display_formatter.formatters["image/svg+xml"].by_name[("argmap.model.graph", "Map")]
    assert show is api.notebook_svg
    # The registration names the class where it lives: a moved Map would silently stop showing.
    assert (type(argmap.Map()).__module__, type(argmap.Map()).__qualname__) == ("argmap.model.graph", "Map")


def test_jupyter_shows_a_map_as_svg() -> None:
    import xml.etree.ElementTree as ET

    from argmap.api import notebook_svg
    from argmap.diagram.engine import find_engine
    from argmap.errors import EngineError

    try:
        find_engine("auto")
    except EngineError:
        pytest.skip("no layout engine installed")
    svg = notebook_svg(argmap.load(EXAMPLE))
    assert svg is not None
    ids = {element.get("id") for element in ET.fromstring(svg).iter()}
    assert {"node-C1", "node-P1", "node-R1"} <= ids


def test_to_graphviz_is_a_graphviz_source_of_argmaps_dot() -> None:
    import graphviz

    m = argmap.load(EXAMPLE)
    source = argmap.to_graphviz(m, argmap.RenderOptions(direction="left"))
    assert isinstance(source, graphviz.Source)
    assert source.source == argmap.build_dot(m, argmap.RenderOptions(direction="left"))


def test_lazy_public_names_resolve_and_stay_lazy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, argmap\n"
        "lazy = ('argmap.analysis.loading', 'attrs', 'argmap.diagram', 'argmap.formats',"
        " 'argmap.analysis.semantics', 'lark')\n"
        "heavy = [m for m in lazy if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "for name in argmap.__all__:\n"
        "    getattr(argmap, name)\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr
    m = argmap.load(EXAMPLE)
    assert argmap.evaluate(m)[0].labels == argmap.grounded(m).labels
    assert argmap.grounded(m).labels["C1"] in set(argmap.Status)


def test_subpackages_stay_reachable_after_lazy_names() -> None:
    """A lazy name must not shadow a subpackage: ``argmap.diagram`` stays the module."""
    import argmap.diagram

    assert argmap.build_dot is argmap.diagram.build_dot
    assert hasattr(argmap.diagram, "RenderOptions")


def test_first_nodes_keeps_the_first_declaration_in_file_order() -> None:
    result = argmap.loads_result('claim A "1" implicit\nclaim B "2" implicit\nclaim A "3" implicit\n')
    assert [(n.id, n.text) for n in result.map.first_nodes()] == [("A", "1"), ("B", "2")]
