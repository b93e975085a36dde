"""Checks of the map's shape: circular support, a node on both sides, self-attack, repeats.

Each check is a pure function of the loaded map and runs in linear time (plus sorting).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence

from argmap.analysis.graphs import acyclic, strongly_connected
from argmap.analysis.loading import LoadResult
from argmap.language.printer import members_text, relation_text
from argmap.model import Relation, RelationKind
from argmap.model.diagnostics import Diagnostic, Label, make

__all__ = ["check_circular_support", "check_duplicate_member", "check_self_attack", "check_support_and_attack"]


def group(members: Sequence[str]) -> str:
    """A linked group as written, ``P1 + P2``; a long one shortened so messages stay one line."""
    return members_text(members, shorten=True)


def describe(rel: Relation) -> str:
    """A relation as written: ``S1: P1 + P2 supports C1``."""
    return relation_text(rel, attributes=False, shorten=True)


def _cycle_through(start: str, members: set[str], successors: Mapping[str, Sequence[str]]) -> list[str]:
    """A shortest cycle from ``start`` back to itself inside one component (breadth first)."""
    parent: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in successors.get(v, ()):
                if w == start:
                    path = [v]
                    while path[-1] != start:
                        path.append(parent[path[-1]])
                    return [*reversed(path), start]
                if w in members and w not in parent:
                    parent[w] = v
                    following.append(w)
        frontier = following
    return [start]  # unreachable for a real component


_MAX_LABELS = 8


def _chain(cycle: list[str]) -> str:
    """``C1 -> P1 -> C1``; a long cycle keeps its ends: ``N0 -> N1 -> N2 -> … -> N9 -> N0 (10 links)``."""
    if len(cycle) <= 9:
        return " -> ".join(cycle)
    return " -> ".join([*cycle[:3], "…", *cycle[-2:]]) + f" ({len(cycle) - 1} links)"


def check_circular_support(result: LoadResult) -> Iterator[Diagnostic]:
    """A cycle of ``supports`` (a claim that is, in the end, its own reason); one per cycle group."""
    m = result.map
    supports = RelationKind.SUPPORTS
    successors: dict[str, list[str]] = {}
    for rel in m.relations:
        if rel.kind is supports:
            for member in rel.members:
                successors.setdefault(member, []).append(rel.target)
    if acyclic(successors):  # the usual case, found at a fraction of the cost of the search below
        return
    # The first relation that writes each link (the messages name it). A link written twice is
    # twice in ``successors``, which changes neither the components nor a shortest cycle.
    edge: dict[tuple[str, str], Relation] = {}
    for rel in m.relations:
        if rel.kind is supports:
            for member in rel.members:
                edge.setdefault((member, rel.target), rel)
    position = {n.id: i for i, n in reversed(list(enumerate(m.nodes)))}
    order = sorted(successors, key=lambda k: (position.get(k, len(position)), k))
    for component in strongly_connected(successors, order):
        looped = len(component) > 1 or (component[0], component[0]) in edge
        if not looped:
            continue
        start = min(component, key=lambda k: (position.get(k, len(position)), k))
        cycle = _cycle_through(start, set(component), successors)
        rels = [edge[a, b] for a, b in itertools.pairwise(cycle)]
        first = min(rels, key=lambda r: (r.span.file, r.span.line, r.span.column))
        chain = _chain(cycle)
        others = [Label(r.span, f"`{describe(r)}` is part of the cycle") for r in rels if r is not first]
        if len(others) > _MAX_LABELS:  # a long cycle: show where it starts, not every link
            others = others[:_MAX_LABELS]
        yield make(
            "circular-support",
            f"circular support: {chain}" if len(cycle) > 2 else f"`{start}` supports itself",
            first.span,
            labels=others,
            hints=["a statement cannot be its own reason: remove one support in the cycle, or split the node"],
        )


def check_support_and_attack(result: LoadResult) -> Iterator[Diagnostic]:
    """One node that both supports and attacks (or contradicts) the same target."""
    supports: dict[tuple[str, str], Relation] = {}
    attacks: dict[tuple[str, str], Relation] = {}
    for rel in result.map.relations:
        if rel.kind is RelationKind.SUPPORTS:
            for member in rel.members:
                supports.setdefault((member, rel.target), rel)
        elif rel.kind is RelationKind.ATTACKS:
            for member in rel.members:
                attacks.setdefault((member, rel.target), rel)
        elif rel.kind is RelationKind.CONTRADICTS:
            a, b = rel.members[0], rel.target
            attacks.setdefault((a, b), rel)
            attacks.setdefault((b, a), rel)
    for pair, support in supports.items():
        attack = attacks.get(pair)
        if attack is None:
            continue
        first, second = sorted((support, attack), key=lambda r: (r.span.file, r.span.line, r.span.column))
        member, target = pair
        verb = "contradicts" if attack.kind is RelationKind.CONTRADICTS else "attacks"
        yield make(
            "support-and-attack",
            f"`{member}` both supports and {verb} `{target}`",
            second.span,
            labels=[Label(first.span, f"`{describe(first)}` is written here")],
            hints=[
                f"decide whether `{member}` is a reason for `{target}` or an objection to it; "
                "if it cuts both ways, split it into two nodes"
            ],
        )


def check_self_attack(result: LoadResult) -> Iterator[Diagnostic]:
    """A node that attacks itself, a group that attacks one of its own members, a self-undercut."""
    for rel in result.map.relations:
        if rel.kind is RelationKind.ATTACKS and rel.target in rel.members:
            if rel.linked:
                message = f"the group `{' + '.join(rel.members)}` attacks its own member `{rel.target}`"
            else:
                message = f"`{rel.target}` attacks itself"
            hint = "an objection comes from another statement: attack the node it answers, not itself"
        elif rel.kind is RelationKind.CONTRADICTS and rel.members[0] == rel.target:
            message = f"`{rel.target}` contradicts itself"
            hint = "`contradicts` joins two different statements that cannot both hold"
        elif rel.kind is RelationKind.UNDERCUTS and rel.id is not None and rel.target == rel.id:
            message = f"`{rel.id}` undercuts itself"
            hint = "an undercut attacks another relation: name that relation's id"
        else:
            continue
        yield make("self-attack", message, rel.span, hints=[hint])


_Seen = dict[tuple[frozenset[str] | str, str], Relation]


def check_duplicate_member(result: LoadResult) -> Iterator[Diagnostic]:
    """A linked group naming a node twice, and the same relation written twice."""
    # The relations seen, one table per kind, chosen by ``is`` (hashing an enum member is a
    # Python call, once per relation); a group by its set of members, one member by itself.
    supporting: _Seen = {}
    attacking: _Seen = {}
    undercutting: _Seen = {}
    contradicting: _Seen = {}
    supports, attacks, contradicts = RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CONTRADICTS
    for rel in result.map.relations:
        members = rel.members
        group_key: frozenset[str] | str = members[0]
        if len(members) > 1:
            named: set[str] = set()
            reported: set[str] = set()
            for index, member in enumerate(members):
                if member in named and member not in reported:
                    reported.add(member)
                    yield make(
                        "duplicate-member",
                        f"`{member}` is named twice in the group `{group(members)}`",
                        rel.member_span(index),
                        hints=[f"name each co-premise once: a group needs `{member}` only once"],
                    )
                named.add(member)
            if len(named) > 1:
                group_key = frozenset(named)
        kind = rel.kind
        key: tuple[frozenset[str] | str, str]
        if kind is contradicts:
            seen, key = contradicting, (frozenset((members[0], rel.target)), "")
        else:
            seen = supporting if kind is supports else attacking if kind is attacks else undercutting
            key = (group_key, rel.target)
        first = seen.setdefault(key, rel)
        if first is not rel:
            yield make(
                "duplicate-member",
                f"`{describe(rel)}` repeats a relation written at line {first.span.line}",
                rel.span,
                labels=[Label(first.span, "first written here")],
                hints=["delete one of the two; a reason counts once however often it is written"],
            )
