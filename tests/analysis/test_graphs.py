"""The shared graph algorithms against their definitions: two nodes share a strongly connected
component exactly when each reaches the other; a graph is acyclic exactly when no node reaches
itself."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import TypeVar

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.graphs import acyclic, strongly_connected

T = TypeVar("T", bound=Hashable)


def reachable(edges: Mapping[T, Iterable[T]], start: T) -> set[T]:
    """Every node a path from ``start`` reaches, ``start`` included (the definitions' oracle)."""
    seen, todo = {start}, [start]
    while todo:
        for nxt in edges.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@given(st.dictionaries(st.integers(0, 9), st.lists(st.integers(0, 9), max_size=4), max_size=10))
def test_components_are_the_mutually_reachable_nodes(edges: dict[int, list[int]]) -> None:
    nodes = set(edges) | {v for targets in edges.values() for v in targets}
    found = strongly_connected(edges, sorted(nodes))
    assert sorted(v for component in found for v in component) == sorted(nodes)  # each node once
    reach = {v: reachable(edges, v) for v in nodes}
    for component in found:
        for a in component:
            assert {b for b in nodes if b in reach[a] and a in reach[b]} == set(component)
    # Tarjan's order: a component comes after every component it reaches.
    position = {v: i for i, component in enumerate(found) for v in component}
    for a in nodes:
        assert all(position[b] <= position[a] for b in reach[a])


@given(st.dictionaries(st.integers(0, 9), st.lists(st.integers(0, 9), max_size=4), max_size=10))
def test_acyclic_exactly_when_no_node_reaches_itself(edges: dict[int, list[int]]) -> None:
    nodes = set(edges) | {v for targets in edges.values() for v in targets}
    comes_back = any(v in reachable({k: [*t] for k, t in edges.items()}, w) for v in nodes for w in edges.get(v, ()))
    assert acyclic(edges) == (not comes_back)


def test_acyclic_follows_a_long_chain_without_recursion() -> None:
    chain = {i: [i + 1] for i in range(100_000)}
    assert acyclic(chain)
    chain[100_000] = [0]
    assert not acyclic(chain)
