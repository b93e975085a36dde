"""Checks of what hangs together: claims without reasons, nodes cut off from every claim,
maps without a claim or with several unconnected ones."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.loading import LoadResult
from argmap.model import Map, Node, NodeKind, RelationKind
from argmap.model.diagnostics import LISTED, Diagnostic, Label, listed, make

__all__ = ["check_connections", "check_unsupported_claim", "components"]


def _find(parent: list[int], item: int) -> int:
    root = item
    while parent[root] != root:
        root = parent[root]
    while parent[item] != root:  # path compression
        parent[item], item = root, parent[item]
    return root


def _components(m: Map) -> dict[str, int]:
    # Integer union-find over node ids, then relation ids, then names declared nowhere.
    number: dict[str, int] = {}
    for node in m.nodes:
        number.setdefault(node.id, len(number))
    relation_number: dict[str, int] = {}
    for rel in m.relations:
        if rel.id is not None and rel.id not in relation_number:
            relation_number[rel.id] = len(number) + len(relation_number)
    parent = list(range(len(number) + len(relation_number)))

    def item(name: str) -> int:
        found = number.get(name)
        if found is None:
            found = relation_number.get(name)
        if found is None:  # an undefined name (undefined-id reports it): its own part
            found = number[name] = len(parent)
            parent.append(found)
        return found

    for rel in m.relations:
        anchor = relation_number[rel.id] if rel.id is not None else item(rel.members[0])
        root = _find(parent, anchor)
        # The target is resolved by what it names, not by the relation's kind: a map with a
        # wrong-target error is still connected the way its author drew it.
        for name in (*rel.members, rel.target):
            other = _find(parent, item(name))
            if other != root:
                parent[other] = root
    return {node.id: _find(parent, number[node.id]) for node in m.nodes}


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
