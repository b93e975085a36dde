"""The order in which a step-by-step reveal shows a map's nodes (pure; no rendering).

Without ``step`` numbers: the first frame shows the claims at the top of the map (claims that
support or attack nothing), then each other node gets a frame of its own, in the order the file
declares them. With ``step`` numbers: nodes are shown by ascending step, nodes sharing a number
appear together, and a node without a number follows the node before it in that default order.
A relation appears in the first frame in which all its ends are visible.
"""

from __future__ import annotations

from argmap.model import Map, Node, NodeKind, Relation, RelationKind

__all__ = ["frames", "visible_relations"]


def _default_order(m: Map) -> list[list[Node]]:
    """Root claims together first, then every other node alone, in file order."""
    nodes = m.first_nodes()
    roots = {n.id for n in m.roots()}
    top = [n for n in nodes if n.kind is NodeKind.CLAIM and n.id in roots]
    if not top and nodes:
        top = [nodes[0]]
    top_ids = {n.id for n in top}
    rest = [[n] for n in nodes if n.id not in top_ids]
    return ([top] if top else []) + rest


def frames(m: Map) -> list[tuple[str, ...]]:
    """The node ids newly shown in each frame, in order; every node appears in exactly one frame."""
    groups = _default_order(m)
    if not any(n.step is not None for group in groups for n in group):
        return [tuple(n.id for n in group) for group in groups]
    # Each node's rank: its own step, or the rank of the node before it (0 at the start), so that
    # numbering only some nodes moves them and keeps the rest in file order around them.
    ranked: list[tuple[int, int, int, Node]] = []  # (rank, has_own_step, position, node)
    rank = 0
    for position, group in enumerate(groups):
        for node in group:
            own = node.step is not None
            if node.step is not None:
                rank = node.step
            ranked.append((rank, int(own), position, node))
    ranked.sort(key=lambda item: (item[0], -item[1], item[2]))
    out: list[list[str]] = []
    previous: tuple[int, int] | None = None  # (rank, position) of the last frame's grouping key
    for node_rank, numbered, position, node in ranked:
        key = (node_rank, -1) if numbered else (node_rank, position)
        if previous == key and out:
            out[-1].append(node.id)
        else:
            out.append([node.id])
        previous = key
    return [tuple(frame) for frame in out]


def _ends(rel: Relation) -> tuple[str, ...]:
    if rel.kind is RelationKind.UNDERCUTS:
        return rel.members  # the target is a relation: it is visible once its own ends are
    return (*rel.members, rel.target)


def visible_relations(m: Map, shown: set[str]) -> list[Relation]:
    """The relations whose ends are all in ``shown`` (for an undercut, also its target's ends)."""
    out = []
    for rel in m.relations:
        ends = set(_ends(rel))
        if rel.kind is RelationKind.UNDERCUTS:
            target = m.get(rel.target)
            if isinstance(target, Relation):
                ends |= set(_ends(target))
        if ends <= shown:
            out.append(rel)
    return out
