"""Building maps in code: a small fluent builder whose ``build`` checks every reference."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from argmap.model import Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source

__all__ = ["MapBuilder"]


@attrs.define
class MapBuilder:
    """Collects declarations; ``build()`` returns a frozen map or raises ``ValueError``.

    >>> m = (MapBuilder("Peace talks")
    ...      .claim("C1", "A ceasefire could let Putin rearm.")
    ...      .premise("P1", "Putin has form.")
    ...      .supports(["P1"], "C1")
    ...      .build())
    """

    title: str | None = None
    _sources: list[Source] = attrs.field(factory=list, alias="_sources")
    _persons: list[Person] = attrs.field(factory=list, alias="_persons")
    _nodes: list[Node] = attrs.field(factory=list, alias="_nodes")
    _relations: list[Relation] = attrs.field(factory=list, alias="_relations")

    def source(
        self,
        id: str,
        title: str,
        *,
        outlet: str | None = None,
        date: str | None = None,
        url: str | None = None,
        file: str | None = None,
        author: str | None = None,
    ) -> MapBuilder:
        """Declare a source."""
        self._sources.append(Source(id, title, outlet, date, url, file, author))
        return self

    def person(self, id: str, name: str, role: str | None = None) -> MapBuilder:
        """Declare a person."""
        self._persons.append(Person(id, name, role))
        return self

    def node(
        self,
        kind: NodeKind,
        id: str,
        text: str,
        *,
        by: str | None = None,
        quotes: Iterable[tuple[str, str]] = (),
        tags: Iterable[str] = (),
        note: str | None = None,
        implicit: bool = False,
        step: int | None = None,
    ) -> MapBuilder:
        """Declare a node; ``quotes`` are ``(source_id, text)`` pairs."""
        self._nodes.append(
            Node(
                kind,
                id,
                text,
                by=by,
                quotes=tuple(Quote(s, t) for s, t in quotes),
                tags=tuple(tags),
                note=note,
                implicit=implicit,
                step=step,
            )
        )
        return self

    def claim(
        self,
        id: str,
        text: str,
        *,
        by: str | None = None,
        quotes: Iterable[tuple[str, str]] = (),
        tags: Iterable[str] = (),
        note: str | None = None,
        implicit: bool = False,
        step: int | None = None,
    ) -> MapBuilder:
        """Declare a claim: a position the article argues for or reports."""
        return self.node(
            NodeKind.CLAIM, id, text, by=by, quotes=quotes, tags=tags, note=note, implicit=implicit, step=step
        )

    def premise(
        self,
        id: str,
        text: str,
        *,
        by: str | None = None,
        quotes: Iterable[tuple[str, str]] = (),
        tags: Iterable[str] = (),
        note: str | None = None,
        implicit: bool = False,
        step: int | None = None,
    ) -> MapBuilder:
        """Declare a premise: a reason given for something."""
        return self.node(
            NodeKind.PREMISE, id, text, by=by, quotes=quotes, tags=tags, note=note, implicit=implicit, step=step
        )

    def rebuttal(
        self,
        id: str,
        text: str,
        *,
        by: str | None = None,
        quotes: Iterable[tuple[str, str]] = (),
        tags: Iterable[str] = (),
        note: str | None = None,
        implicit: bool = False,
        step: int | None = None,
    ) -> MapBuilder:
        """Declare a rebuttal: a counter-argument."""
        return self.node(
            NodeKind.REBUTTAL, id, text, by=by, quotes=quotes, tags=tags, note=note, implicit=implicit, step=step
        )

    def _relate(
        self,
        kind: RelationKind,
        members: str | Iterable[str],
        target: str,
        id: str | None,
        note: str | None,
        outweighed: bool,
    ) -> MapBuilder:
        group = (members,) if isinstance(members, str) else tuple(members)
        self._relations.append(Relation(kind, group, target, id=id, note=note, outweighed=outweighed))
        return self

    def supports(
        self, members: str | Iterable[str], target: str, *, id: str | None = None, note: str | None = None
    ) -> MapBuilder:
        """``members supports target``: several members form one linked reason."""
        return self._relate(RelationKind.SUPPORTS, members, target, id, note, False)

    def attacks(
        self,
        members: str | Iterable[str],
        target: str,
        *,
        id: str | None = None,
        note: str | None = None,
        outweighed: bool = False,
    ) -> MapBuilder:
        """``members attacks target``."""
        return self._relate(RelationKind.ATTACKS, members, target, id, note, outweighed)

    def undercuts(
        self,
        members: str | Iterable[str],
        relation: str,
        *,
        id: str | None = None,
        note: str | None = None,
        outweighed: bool = False,
    ) -> MapBuilder:
        """``members undercuts relation``: attacks the inference, named by its relation id."""
        return self._relate(RelationKind.UNDERCUTS, members, relation, id, note, outweighed)

    def contradicts(self, a: str, b: str, *, note: str | None = None) -> MapBuilder:
        """``a contradicts b``."""
        return self._relate(RelationKind.CONTRADICTS, a, b, None, note, False)

    def build(self) -> Map:
        """The frozen map; ``ValueError`` naming each bad reference or duplicate id."""
        from argmap.language.names import check_names

        built = Map(
            title=self.title,
            sources=tuple(self._sources),
            persons=tuple(self._persons),
            nodes=tuple(self._nodes),
            relations=tuple(self._relations),
        )
        problems = check_names(built)
        if problems:
            raise ValueError("; ".join(d.message for d in problems))
        return built
