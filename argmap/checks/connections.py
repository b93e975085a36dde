"""Checks of what hangs together: claims without reasons, nodes cut off from every claim,
maps without a claim or with several unconnected ones."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.api import LoadResult
from argmap.diagnostics import Diagnostic, Label, make
from argmap.model import Map, Node, NodeKind, RelationKind

__all__ = ["check_no_claim", "check_orphan", "check_unsupported_claim", "components"]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent
        parent.setdefault(item, item)
        root = item
        while parent[root] != root:
            root = parent[root]
        while parent[item] != root:  # path compression
            parent[item], item = root, parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def components(m: Map) -> dict[str, str]:
    """Node id -> a representative of the part of the map it is connected to (any relation)."""
    uf = _UnionFind()
    for node in m.nodes:
        uf.find(node.id)
    labelled = {rel.id for rel in m.relations if rel.id is not None}
    for rel in m.relations:
        anchor = f"\0rel:{rel.id}" if rel.id is not None else rel.members[0]
        for member in rel.members:
            uf.union(member, anchor)
        # Resolve the target by what it names, not by the relation's kind: a map with a
        # wrong-target error is still connected the way its author drew it.
        uf.union(f"\0rel:{rel.target}" if rel.target in labelled else rel.target, anchor)
    return {node.id: uf.find(node.id) for node in m.nodes}


def _first_nodes(m: Map) -> list[Node]:
    seen: set[str] = set()
    nodes = []
    for node in m.nodes:
        if node.id not in seen:
            seen.add(node.id)
            nodes.append(node)
    return nodes


def check_unsupported_claim(result: LoadResult) -> Iterator[Diagnostic]:
    """A claim with no reason, no quote, and not marked ``implicit``: nothing backs it."""
    m = result.map
    supported = {rel.target for rel in m.relations if rel.kind is RelationKind.SUPPORTS}
    for node in _first_nodes(m):
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


def check_orphan(result: LoadResult) -> Iterator[Diagnostic]:
    """A node connected to no claim (when the map has claims at all: else ``no-claim`` says so)."""
    m = result.map
    nodes = _first_nodes(m)
    part = components(m)
    with_claim = {part[n.id] for n in nodes if n.kind is NodeKind.CLAIM}
    if not with_claim:
        return
    for node in nodes:
        if part[node.id] not in with_claim:
            yield make(
                "orphan",
                f"`{node.id}` is not connected to any claim",
                node.span,
                hints=[f"connect it (`{node.id} supports C1`, or `attacks`), or delete it"],
            )


def check_no_claim(result: LoadResult) -> Iterator[Diagnostic]:
    """A map with nodes but no claim, or whose claims sit in several unconnected parts."""
    m = result.map
    nodes = _first_nodes(m)
    if not nodes:
        return  # a file of sources and persons only: a library for other maps to include
    claims = [n for n in nodes if n.kind is NodeKind.CLAIM]
    if not claims:
        roots = [n.id for n in m.roots()][:3]
        hint = f"is `{roots[0]}` the conclusion? declare it with `claim`" if roots else "declare one node `claim`"
        yield make(
            "no-claim",
            "the map has no claim: nothing says what the argument is for",
            nodes[0].span,
            hints=[hint],
        )
        return
    part = components(m)
    first_of_part: dict[str, Node] = {}
    for claim in claims:
        first_of_part.setdefault(part[claim.id], claim)
    if len(first_of_part) < 2:
        return
    heads = list(first_of_part.values())
    names = ", ".join(f"`{c.id}`" for c in heads)
    yield make(
        "no-claim",
        f"the map's claims form {len(heads)} unconnected arguments, led by {names}",
        heads[1].span,
        labels=[Label(c.span, f"`{c.id}` leads another argument") for c in heads if c is not heads[1]],
        hints=["connect them (a support, an attack or `contradicts`), or give each argument its own map"],
    )
