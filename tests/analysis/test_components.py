"""The connected parts ``check_connections`` reads (``components``) against their definition:
two nodes share a part exactly when a chain of relations joins them, through members, targets
and relation labels, whatever the kinds, and through names declared nowhere."""

from __future__ import annotations

from hypothesis import given

from argmap.analysis.checks.connections import components
from argmap.model import Map
from tests.analysis.test_upstream import _maps


def _parts(m: Map) -> set[frozenset[str]]:
    """Breadth first over the undirected graph of names each relation joins."""
    joined: dict[str, set[str]] = {}
    for rel in m.relations:
        names = [*rel.members, rel.target, *([rel.id] if rel.id is not None else [])]
        for name in names:
            joined.setdefault(name, set()).update(names)
    node_ids = {n.id for n in m.nodes}
    parts: set[frozenset[str]] = set()
    seen: set[str] = set()
    for start in node_ids - seen:
        if start in seen:
            continue
        reached, todo = {start}, [start]
        while todo:
            for other in joined.get(todo.pop(), ()):
                if other not in reached:
                    reached.add(other)
                    todo.append(other)
        seen |= reached
        parts.add(frozenset(reached & node_ids))
    return parts


@given(_maps(messy=True) | _maps())
def test_nodes_share_a_part_exactly_when_relations_join_them(m: Map) -> None:
    part = components(m)
    assert set(part) == {n.id for n in m.nodes}
    found: dict[int, set[str]] = {}
    for node_id, number in part.items():
        found.setdefault(number, set()).add(node_id)
    assert {frozenset(ids) for ids in found.values()} == _parts(m)
