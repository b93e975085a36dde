"""``to_networkx``: a typed MultiDiGraph; networkx is imported only when it is called."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings

import argmap
from argmap.formats import statement_graph, to_networkx
from argmap.model import Map, RelationKind
from tests.strategies import maps

nx = pytest.importorskip("networkx")
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "language_example.arg"


def test_nodes_relations_groups_and_undercuts_are_typed() -> None:
    m = argmap.load(EXAMPLE)
    graph = to_networkx(m)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.graph["title"] == m.title
    assert graph.nodes["C1"]["type"] == "node" and graph.nodes["C1"]["kind"] == "claim"
    assert graph.nodes["C1"]["by"] == m.node("C1").by
    # S1: P1 + P2 supports C1 -- one relation node, two member edges, one target edge.
    s1 = graph.nodes["S1"]
    assert (s1["type"], s1["kind"], s1["linked"], s1["members"]) == ("relation", "supports", True, ("P1", "P2"))
    assert {u for u, _, d in graph.in_edges("S1", data=True) if d["role"] == "member"} == {"P1", "P2"}
    assert [v for _, v, d in graph.out_edges("S1", data=True) if d["role"] == "target"] == ["C1"]
    # R2 undercuts S1: its relation node targets the relation node S1.
    undercut = next(k for k, d in graph.nodes(data=True) if d.get("kind") == "undercuts")
    assert list(graph.successors(undercut)) == ["S1"]
    assert list(graph.predecessors(undercut)) == ["R2"]


@settings(max_examples=40)
@given(maps())
def test_every_element_becomes_a_graph_node(m: Map) -> None:
    graph = to_networkx(m)
    kinds = [d["type"] for _, d in graph.nodes(data=True)]
    assert kinds.count("node") == len(m.nodes)
    assert kinds.count("relation") == len(m.relations)
    assert graph.number_of_edges() == sum(len(r.members) + 1 for r in m.relations)


@settings(max_examples=40)
@given(maps())
def test_statement_graph_has_one_edge_per_member(m: Map) -> None:
    graph = statement_graph(m)
    expected = sum(
        len(r.members) * (2 if r.kind is RelationKind.CONTRADICTS else 1)
        for r in m.relations
        if r.kind is not RelationKind.UNDERCUTS
    )
    assert graph.number_of_edges() == expected
    assert set(graph.nodes) == {n.id for n in m.nodes}


def test_networkx_is_imported_lazily_and_missing_is_one_line() -> None:
    code = (
        "import sys; import argmap.formats; assert 'networkx' not in sys.modules; "
        "sys.modules['networkx'] = None\n"
        "from argmap.formats import to_networkx, MissingDependencyError\n"
        "from argmap.model import Map\n"
        "try:\n    to_networkx(Map())\nexcept MissingDependencyError as e:\n    print(e)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "networkx is not installed: pip install networkx (or argmap[dev])"
