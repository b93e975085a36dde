"""Graph algorithms the checks and the evaluation share, on any hashable nodes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import chain
from typing import TypeVar

__all__ = ["acyclic", "strongly_connected"]

N = TypeVar("N", bound=Hashable)


def strongly_connected(successors: Mapping[N, Sequence[N]], order: Iterable[N]) -> list[list[N]]:
    """Tarjan's strongly connected components, without recursion (maps can be deep).

    Roots are taken in ``order``; a node missing from ``successors`` has none. Components come
    in Tarjan's order (every component after those it reaches), each in the order its members
    leave the stack."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    components: list[list[N]] = []
    for root in order:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors.get(root, ())))]
        while work:
            v, children = work[-1]
            for w in children:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(successors.get(w, ()))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[v])
                if low[v] == index[v]:
                    component = []
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        component.append(w)
                        if w == v:
                            break
                    components.append(component)
    return components


def acyclic(successors: Mapping[N, Sequence[N]]) -> bool:
    """True when no path comes back to where it started (a node missing from ``successors``
    has none). Kahn's peeling: take away what nothing points to, until nothing is left (no
    cycle) or what is left all lies on or after a cycle. Linear, with no recursion, and several
    times cheaper than ``strongly_connected``: a check can ask it first, as most maps have no
    cycle."""
    waiting = Counter(chain.from_iterable(successors.values()))  # how many point to each
    ready = [v for v in successors if v not in waiting]
    while ready:
        for w in successors.get(ready.pop(), ()):
            waiting[w] -= 1
            if not waiting[w]:
                ready.append(w)
    return not any(waiting.values())
