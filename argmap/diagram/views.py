"""Smaller maps cut from a big one, for teaching: one statement and what bears on it, and an
overview of a map that joins several articles.

Both are pure functions from a map to a map, so everything that draws a map (SVG, PNG, PDF,
the classroom page, step frames) draws them the same way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

import attrs

from argmap.diagram.dot import relation_keys
from argmap.model import Map, Node, NodeKind, Relation, RelationKind, Source

__all__ = ["article_of", "focus", "overview"]


def focus(m: Map, node_id: str, depth: int | None = None) -> Map:
    """``node_id`` and everything that bears on it: reasons, objections and undercuts of its
    reasons, and theirs in turn, at most ``depth`` relations away (all when ``None``), and
    what contradicts it. Linear in the map: each relation is looked at a bounded number of times.

    Raises ``KeyError`` when ``node_id`` is not a statement of ``m``.
    """
    nodes = {n.id: n for n in m.first_nodes()}
    if node_id not in nodes:
        raise KeyError(node_id)
    into: dict[str, list[Relation]] = {}
    for rel in m.relations:
        into.setdefault(rel.target, []).append(rel)
        if rel.kind is RelationKind.CONTRADICTS:  # symmetric: it bears on both sides
            for member in rel.members:
                into.setdefault(member, []).append(rel)
    kept_nodes = {node_id: 0}
    kept_relations: dict[int, Relation] = {}
    queue = deque([node_id])  # breadth first, so each statement keeps its shortest distance
    while queue:
        target = queue.popleft()
        distance = kept_nodes.get(target, 0)
        if depth is not None and distance >= depth:
            continue
        for rel in into.get(target, ()):
            if id(rel) in kept_relations:
                continue
            if rel.kind is RelationKind.CONTRADICTS and target != node_id:
                continue  # a contradiction far out is another argument's business
            kept_relations[id(rel)] = rel
            ends = [*rel.members, rel.target] if rel.kind is RelationKind.CONTRADICTS else list(rel.members)
            for member in ends:
                if member in nodes and member not in kept_nodes:
                    kept_nodes[member] = distance + 1
                    queue.append(member)
            if rel.id is not None:
                # An undercut of this step bears on the target through it: one step further.
                kept_nodes.setdefault(rel.id, distance)
                queue.append(rel.id)
    relations = tuple(
        r
        for r in m.relations
        if id(r) in kept_relations and all(x in kept_nodes for x in r.members) and _target_kept(r, kept_nodes)
    )
    kept = tuple(n for n in m.first_nodes() if n.id in kept_nodes)
    return attrs.evolve(
        m,
        nodes=kept,
        sources=_quoted_sources(m, kept),
        relations=relations,
        title=f"{m.title} — {node_id} and what bears on it" if m.title else f"{node_id} and what bears on it",
    )


def _quoted_sources(m: Map, nodes: Iterable[Node]) -> tuple[Source, ...]:
    """The sources these statements quote: the notes under a smaller map list only those."""
    quoted = {q.source for n in nodes for q in n.quotes}
    return tuple(s for s in m.sources if s.id in quoted)


def _target_kept(rel: Relation, kept: dict[str, int]) -> bool:
    return rel.target in kept


def article_of(m: Map, node: Node, by_file: dict[str, str] | None = None) -> str | None:
    """The source a statement belongs to: the one article it quotes; for a statement that
    quotes none (an unstated premise), the article its file quotes most (``by_file``); ``None``
    when it quotes several (a claim several articles make stands on its own)."""
    sources = list(dict.fromkeys(q.source for q in node.quotes))
    if not sources and by_file is not None:
        return by_file.get(node.span.file)
    return sources[0] if len(sources) == 1 else None


def _file_articles(nodes: Iterable[Node]) -> dict[str, str]:
    """Each map file and the source its statements quote most (ties: the first quoted)."""
    counts: dict[str, dict[str, int]] = {}
    for node in nodes:
        for source in dict.fromkeys(q.source for q in node.quotes):
            per_file = counts.setdefault(node.span.file, {})
            per_file[source] = per_file.get(source, 0) + 1
    return {file: max(per_file, key=per_file.__getitem__) for file, per_file in counts.items()}


def overview(m: Map) -> tuple[Map, frozenset[str]]:
    """One box per article (its main claim, with how many statements it stands for) and the
    links between articles: every relation whose ends lie in different articles, once per pair
    and kind. Statements that quote several articles keep their own box when they link
    articles. Linear in the map.

    Also the keys of the links from one article's box to another's: drawn without ranking
    (``RenderOptions.unranked``), so the articles sit side by side under the claims they share
    instead of in one tall chain (9 boxes: 1,311 × 2,066 pt before, 1,557 × 709 after).
    """
    nodes = m.first_nodes()
    by_file = _file_articles(nodes)
    article = {n.id: article_of(m, n, by_file) for n in nodes}
    members: dict[str, list[Node]] = {}
    for node in nodes:
        source = article[node.id]
        if source is not None:
            members.setdefault(source, []).append(node)
    main = {source: _main_claim(m, group, article) for source, group in members.items()}
    box = {n.id: main[article[n.id]].id if article[n.id] is not None else n.id for n in nodes}  # type: ignore[index]
    by_label = {r.id: r for r in m.relations if r.id is not None}
    links: dict[tuple[str, str, RelationKind], int] = {}
    for rel in m.relations:
        target = rel.target
        if rel.kind is RelationKind.UNDERCUTS:
            step = by_label.get(target)
            if step is None:
                continue
            target = step.target  # an undercut bears on the step's conclusion
        kind = RelationKind.ATTACKS if rel.kind is RelationKind.UNDERCUTS else rel.kind
        for member in rel.members:
            if member not in box or target not in box or box[member] == box[target]:
                continue
            key = (box[member], box[target], kind)
            links[key] = links.get(key, 0) + 1
    linked = {end for (tail, head, _) in links for end in (tail, head)}
    kept: list[Node] = []
    for node in nodes:
        source = article[node.id]
        if source is not None and main[source].id == node.id:
            others = len(members[source]) - 1
            more = f" (and {others} more statement{'s' * (others != 1)} of this article)" if others else ""
            kept.append(attrs.evolve(node, text=node.text + more, implicit=False))
        elif source is None and node.id in linked:
            kept.append(node)
    relations = tuple(
        Relation(kind, (tail,), head, note=f"{count} link{'s' * (count != 1)} between the articles")
        for (tail, head, kind), count in links.items()
    )
    drawn = attrs.evolve(
        m,
        nodes=tuple(kept),
        sources=_quoted_sources(m, kept),
        relations=relations,
        title=f"{m.title} — overview" if m.title else "Overview",
    )
    boxes = {c.id for c in main.values()}
    unranked = frozenset(
        key
        for key, rel in zip(relation_keys(drawn), relations, strict=True)
        if rel.members[0] in boxes and rel.target in boxes
    )
    return drawn, unranked


def _main_claim(m: Map, group: Iterable[Node], article: dict[str, str | None]) -> Node:
    """An article's main claim: a claim whose own reasons and objections come from its article
    and which bears on nothing else in it; of several, the one most statements bear on."""
    group = list(group)
    ids = {n.id for n in group}
    source = article[group[0].id]
    points_inside = {member for rel in m.relations if rel.target in ids for member in rel.members}
    bearing = {n.id: len(m.incoming(n.id)) for n in group}
    candidates = [n for n in group if n.kind is NodeKind.CLAIM and n.id not in points_inside] or [
        n for n in group if n.kind is NodeKind.CLAIM
    ]
    candidates = candidates or group
    assert all(article[n.id] == source for n in candidates)
    return max(candidates, key=lambda n: bearing[n.id])
