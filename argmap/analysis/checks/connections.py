"""Checks of what hangs together: claims without reasons, nodes cut off from every claim,
maps without a claim or with several unconnected ones."""

from __future__ import annotations

import operator
from collections.abc import Iterator

from argmap.analysis.loading import LoadResult
from argmap.model import Map, Node, NodeKind, RelationKind
from argmap.model.diagnostics import LISTED, Diagnostic, Label, listed, make

__all__ = ["check_connections", "check_unsupported_claim", "components"]

_ID = operator.attrgetter("id")


def _components(m: Map) -> dict[str, int]:
    # Integer union-find over node ids, then relation ids, then names declared nowhere; the
    # find (with path halving) is written out in the loop: this runs once per relation member.
    node_ids = dict.fromkeys(map(_ID, m.nodes))  # each id once, at its first declaration
    number = dict(zip(node_ids, range(len(node_ids)), strict=True))
    labels = dict.fromkeys(map(_ID, m.relations))
    labels.pop(None, None)
    relation_number = dict(zip(labels, range(len(number), len(number) + len(labels)), strict=True))
    parent = list(range(len(number) + len(relation_number)))

    def item(name: str) -> int:
        found = number.get(name)
        if found is None:
            found = relation_number.get(name)
        if found is None:  # an undefined name (undefined-id reports it): its own part
            found = number[name] = len(parent)
            parent.append(found)
        return found

    get = number.get
    for rel in m.relations:
        root = relation_number[rel.id] if rel.id is not None else item(rel.members[0])
        while parent[root] != root:
            parent[root] = root = parent[parent[root]]
        # The target is resolved by what it names, not by the relation's kind: a map with a
        # wrong-target error is still connected the way its author drew it.
        for name in (*rel.members, rel.target):
            other = get(name)
            if other is None:
                other = item(name)
            while parent[other] != other:
                parent[other] = other = parent[parent[other]]
            if other != root:
                parent[other] = root
    out = {}
    for node_id, at in number.items():
        if node_id in node_ids:
            while parent[at] != at:
                parent[at] = at = parent[parent[at]]
            out[node_id] = at
    return out


def components(m: Map) -> dict[str, int]:
    """Node id -> the number of the part of the map it is connected to (through any relation)."""
    return _components(m)


def check_unsupported_claim(result: LoadResult) -> Iterator[Diagnostic]:
    """A claim with no reason, no quote, and not marked ``implicit``: nothing backs it."""
    m = result.map
    supported = {rel.target for rel in m.relations if rel.kind is RelationKind.SUPPORTS}
    for node in m.first_nodes():
        if node.kind is NodeKind.CLAIM and not node.quotes and not node.implicit and node.id not in supported:
            yield make(
                "unsupported-claim",
                f"claim `{node.id}` has no reason, no quote, and is not marked implicit",
                node.span,
                hints=[
                    f"add a reason (`P1 supports {node.id}`), a `quote` from the article, "
                    "or mark it `implicit` if the article leaves it unstated"
                ],
            )


def check_connections(result: LoadResult) -> Iterator[Diagnostic]:
    """``orphan`` and ``no-claim``: both read the map's connected parts, found in one pass."""
    m = result.map
    nodes = m.first_nodes()
    if not nodes:
        return  # a file of sources and persons only: a library for other maps to include
    claims = [n for n in nodes if n.kind is NodeKind.CLAIM]
    if not claims:
        yield _no_claim(m, nodes)
        return
    part = components(m)
    yield from _orphans(nodes, claims, part)
    yield from _unconnected_claims(claims, part)


def _orphans(nodes: tuple[Node, ...], claims: list[Node], part: dict[str, int]) -> Iterator[Diagnostic]:
    """A node connected to no claim."""
    with_claim = {part[n.id] for n in claims}
    for node in nodes:
        if part[node.id] not in with_claim:
            yield make(
                "orphan",
                f"`{node.id}` is not connected to any claim",
                node.span,
                hints=[f"connect it (`{node.id} supports C1`, or `attacks`), or delete it"],
            )


def _no_claim(m: Map, nodes: tuple[Node, ...]) -> Diagnostic:
    """A map with nodes but no claim."""
    roots = [n.id for n in m.roots()][:3]
    hint = f"is `{roots[0]}` the conclusion? declare it with `claim`" if roots else "declare one node `claim`"
    return make(
        "no-claim",
        "the map has no claim: nothing says what the argument is for",
        nodes[0].span,
        hints=[hint],
    )


def _unconnected_claims(claims: list[Node], part: dict[str, int]) -> Iterator[Diagnostic]:
    """A map whose claims sit in several unconnected parts."""
    first_of_part: dict[int, Node] = {}
    for claim in claims:
        first_of_part.setdefault(part[claim.id], claim)
    if len(first_of_part) < 2:
        return
    heads = list(first_of_part.values())
    yield make(
        "no-claim",
        f"the map's claims form {len(heads)} unconnected arguments, led by {listed(f'`{c.id}`' for c in heads)}",
        heads[1].span,
        labels=[Label(c.span, f"`{c.id}` leads another argument") for c in heads[:LISTED] if c is not heads[1]],
        hints=["connect them (a support, an attack or `contradicts`), or give each argument its own map"],
    )
