"""The connected parts ``check_connections`` reads (``components``) against their definition:
two nodes share a part exactly when a chain of relations joins them, through members, targets
and relation labels, whatever the kinds, and through names declared nowhere (on messy maps too,
where a label can equal a node's id)."""

from __future__ import annotations

from hypothesis import given

from argmap.analysis.checks.connections import components
from argmap.model import Map
from tests.analysis.test_graphs import reachable
from tests.strategies import tangled_maps


def _parts(m: Map) -> set[frozenset[str]]:
    """Breadth first over the undirected graph of what each relation joins: the relation itself
    (by its label, when it has one), its members and its target. A name means the node with that
    id, else the relation with that label, else nothing declared (a part of its own)."""
    node_ids = {n.id for n in m.nodes}
    labels = {r.id for r in m.relations if r.id is not None}

    def vertex(name: str) -> tuple[str, str]:
        return ("node", name) if name in node_ids else ("label", name) if name in labels else ("undefined", name)

    joined: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for rel in m.relations:
        anchor = ("label", rel.id) if rel.id is not None else vertex(rel.members[0])
        names = [anchor, *map(vertex, (*rel.members, rel.target))]
        for name in names:
            joined.setdefault(name, set()).update(names)
    return {
        frozenset(name for kind, name in reachable(joined, ("node", node_id)) if kind == "node") for node_id in node_ids
    }


@given(tangled_maps(messy=True) | tangled_maps())
def test_nodes_share_a_part_exactly_when_relations_join_them(m: Map) -> None:
    part = components(m)
    assert set(part) == {n.id for n in m.nodes}
    found: dict[int, set[str]] = {}
    for node_id, number in part.items():
        found.setdefault(number, set()).add(node_id)
    assert {frozenset(ids) for ids in found.values()} == _parts(m)
