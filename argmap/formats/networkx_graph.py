"""The map as a typed networkx ``MultiDiGraph``, for analysis.

Graph nodes are the map's nodes (``type="node"``, ``kind``, ``text``, ``by``, ``tags``, ...) and
its relations (``type="relation"``, ``kind``, ``linked``, ``members``, ...), keyed by id; a
relation without a label gets the key ``#<n>`` (its 1-based place in the map). Edges run
member -> relation (``role="member"``, ``group`` the relation key) and relation -> target
(``role="target"``), so a linked group is one relation node with several members and an
undercut simply targets a relation node. For a plain node-to-node view use
``statement_graph`` (one edge per member, undercuts left out), e.g. for degree counts.
networkx is imported only when called; without it a ``MissingDependencyError`` error says so in
one line.
"""

from __future__ import annotations

from typing import Any

from argmap.errors import MissingDependencyError
from argmap.model import Map, RelationKind

__all__ = ["MissingDependencyError", "relation_key", "statement_graph", "to_networkx"]


def _networkx() -> Any:
    try:
        import networkx
    except ImportError:
        raise MissingDependencyError(
            "networkx is not installed: pip install networkx (or argmap[dev])", hint="pip install networkx"
        ) from None
    return networkx


def relation_key(m: Map, index: int) -> str:
    """The graph key of the ``index``-th relation: its id, or ``#<index + 1>``."""
    rel = m.relations[index]
    return rel.id if rel.id is not None else f"#{index + 1}"


def to_networkx(m: Map) -> Any:
    """A ``networkx.MultiDiGraph`` of nodes and relations (see the module docstring)."""
    nx = _networkx()
    graph = nx.MultiDiGraph(title=m.title)
    for node in m.nodes:
        graph.add_node(
            node.id,
            type="node",
            kind=node.kind.value,
            text=node.text,
            by=node.by,
            tags=node.tags,
            note=node.note,
            implicit=node.implicit,
            step=node.step,
            quotes=tuple((q.source, q.text) for q in node.quotes),
        )
    keys = {rel.id: relation_key(m, i) for i, rel in enumerate(m.relations) if rel.id is not None}
    for index, rel in enumerate(m.relations):
        key = relation_key(m, index)
        graph.add_node(
            key,
            type="relation",
            kind=rel.kind.value,
            members=rel.members,
            linked=rel.linked,
            label=rel.id,
            note=rel.note,
            outweighed=rel.outweighed,
        )
        for member in rel.members:
            graph.add_edge(member, key, role="member", kind=rel.kind.value, group=key)
        target = keys.get(rel.target, rel.target) if rel.kind is RelationKind.UNDERCUTS else rel.target
        graph.add_edge(key, target, role="target", kind=rel.kind.value, group=key)
    return graph


def statement_graph(m: Map) -> Any:
    """A ``MultiDiGraph`` of nodes only: one edge per member (``kind``, ``group``, ``linked``);
    contradictions as two edges; undercuts, which aim at relations, are left out."""
    nx = _networkx()
    graph = nx.MultiDiGraph(title=m.title)
    for node in m.nodes:
        graph.add_node(node.id, kind=node.kind.value, text=node.text)
    for index, rel in enumerate(m.relations):
        if rel.kind is RelationKind.UNDERCUTS:
            continue
        key = relation_key(m, index)
        for member in rel.members:
            graph.add_edge(member, rel.target, key=key, kind=rel.kind.value, group=key, linked=rel.linked)
        if rel.kind is RelationKind.CONTRADICTS:
            back = f"{key}~"  # its own key: a self-contradiction still gets two edges
            graph.add_edge(rel.target, rel.members[0], key=back, kind=rel.kind.value, group=key, linked=False)
    return graph
