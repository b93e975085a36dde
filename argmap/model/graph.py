"""The typed argument graph: frozen attrs classes, no I/O, no parsing, no rendering.

Every element carries the span it was written at. Spans take no part in equality, so a map
built in Python equals the same map parsed from text.
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterator, Mapping

import attrs

__all__ = [
    "NO_SPAN",
    "Element",
    "Include",
    "Map",
    "Node",
    "NodeKind",
    "Person",
    "Quote",
    "Relation",
    "RelationKind",
    "Source",
    "Span",
]


@attrs.frozen(order=True)
class Span:
    """A range of text: 1-based line and column, end exclusive (``end_column`` is one past)."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


#: The span of an element that was built in code rather than parsed.
NO_SPAN = Span("<code>", 0, 0, 0, 0)


def _span_field() -> Span:
    return attrs.field(default=NO_SPAN, eq=False, repr=False, kw_only=True)


class NodeKind(enum.Enum):
    """What the author means a node to be."""

    CLAIM = "claim"
    PREMISE = "premise"
    REBUTTAL = "rebuttal"


class RelationKind(enum.Enum):
    """How a relation connects its members to its target."""

    SUPPORTS = "supports"
    ATTACKS = "attacks"
    UNDERCUTS = "undercuts"
    CONTRADICTS = "contradicts"


@attrs.frozen
class Include:
    """An ``include`` statement as written (kept by the formatter; resolved by ``load``)."""

    path: str
    span: Span = _span_field()


@attrs.frozen
class Source:
    """An article a map quotes."""

    id: str
    title: str
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    file: str | None = None
    author: str | None = None
    span: Span = _span_field()


@attrs.frozen
class Person:
    """Someone a node is attributed to with ``by``."""

    id: str
    name: str
    role: str | None = None
    span: Span = _span_field()


@attrs.frozen
class Quote:
    """A verbatim passage of a source that a node rests on."""

    source: str
    text: str
    span: Span = _span_field()


@attrs.frozen
class Node:
    """A claim, premise or rebuttal."""

    kind: NodeKind
    id: str
    text: str
    by: str | None = None
    quotes: tuple[Quote, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    implicit: bool = False
    step: int | None = None
    span: Span = _span_field()
    #: Where the ``by`` person id is written (diagnostics about it point there).
    by_span: Span = _span_field()


@attrs.frozen
class Relation:
    """``members supports|attacks|undercuts target``, or ``a contradicts b``.

    Several members form one linked group: the reason works only when all of them hold.
    ``target`` is a node id, except for ``undercuts``, whose target is a relation id.
    """

    kind: RelationKind
    members: tuple[str, ...]
    target: str
    id: str | None = None
    note: str | None = None
    outweighed: bool = False
    span: Span = _span_field()
    # Where each member and the target are written (``member_spans=``, ``target_span=``). ``None``
    # for both: the relation is one line in canonical layout (``[label: ]a + b supports c``, as
    # ``fmt`` writes it), where they follow from ``span`` and the ids. The parser's fast path
    # passes ``None`` for the thousands of such lines in a large map (two of the three spans a
    # relation carries), and they are worked out when first read.
    _member_spans: tuple[Span, ...] | None = attrs.field(default=(), eq=False, repr=False, kw_only=True)
    _target_span: Span | None = attrs.field(default=NO_SPAN, eq=False, repr=False, kw_only=True)

    @property
    def member_spans(self) -> tuple[Span, ...]:
        """Where each member is written (empty when unknown)."""
        spans = self._member_spans
        if spans is None:
            spans = self._canonical_spans()[0]
        return spans

    @property
    def target_span(self) -> Span:
        """Where the target is written (``NO_SPAN`` when unknown)."""
        span = self._target_span
        if span is None:
            span = self._canonical_spans()[1]
        return span

    def _canonical_spans(self) -> tuple[tuple[Span, ...], Span]:
        # Kept once worked out: the fields take no part in equality, hashing or printing.
        file, line, column, end = self.span.file, self.span.line, self.span.column, self.span.end_column
        if self.id is not None:
            column += len(self.id) + 2  # "label: "
        spans = []
        for member in self.members:
            spans.append(Span(file, line, column, line, column + len(member)))
            column += len(member) + 3  # " + "
        member_spans, target_span = tuple(spans), Span(file, line, end - len(self.target), line, end)
        object.__setattr__(self, "_member_spans", member_spans)
        object.__setattr__(self, "_target_span", target_span)
        return member_spans, target_span

    @property
    def linked(self) -> bool:
        """True when the relation is one reason made of several co-premises."""
        return len(self.members) > 1

    def member_span(self, index: int) -> Span:
        """The span of the ``index``-th member, or the relation's span when unknown."""
        spans = self.member_spans
        return spans[index] if index < len(spans) else self.span


Element = Source | Person | Node | Relation


@attrs.frozen
class _Index:
    nodes: Mapping[str, Node]
    relations: Mapping[str, Relation]
    sources: Mapping[str, Source]
    persons: Mapping[str, Person]
    incoming: Mapping[str, tuple[Relation, ...]]
    outgoing: Mapping[str, tuple[Relation, ...]]


@attrs.frozen
class Map:
    """A whole argument map, its elements in source order."""

    title: str | None = None
    sources: tuple[Source, ...] = ()
    persons: tuple[Person, ...] = ()
    nodes: tuple[Node, ...] = ()
    relations: tuple[Relation, ...] = ()
    includes: tuple[Include, ...] = ()
    #: The files the map was read from, the top file first.
    files: tuple[str, ...] = attrs.field(default=(), eq=False, kw_only=True)
    title_span: Span = _span_field()

    @functools.cached_property
    def _nodes_by_id(self) -> Mapping[str, Node]:
        # Apart from the other tables: the checks need only this one (``first_nodes``).
        return {n.id: n for n in reversed(self.nodes)}

    @functools.cached_property
    def _index(self) -> _Index:
        incoming: dict[str, list[Relation]] = {}
        outgoing: dict[str, list[Relation]] = {}
        for rel in self.relations:
            incoming.setdefault(rel.target, []).append(rel)
            if rel.kind is RelationKind.CONTRADICTS:
                # Contradiction is symmetric: each side is a target of the other.
                incoming.setdefault(rel.members[0], []).append(rel)
                outgoing.setdefault(rel.target, []).append(rel)
            for member in dict.fromkeys(rel.members):
                outgoing.setdefault(member, []).append(rel)
        return _Index(
            nodes=self._nodes_by_id,
            relations={r.id: r for r in reversed(self.relations) if r.id is not None},
            sources={s.id: s for s in reversed(self.sources)},
            persons={p.id: p for p in reversed(self.persons)},
            incoming={k: tuple(v) for k, v in incoming.items()},
            outgoing={k: tuple(v) for k, v in outgoing.items()},
        )

    # -- look-ups -------------------------------------------------------------------------

    def node(self, node_id: str) -> Node:
        """The node with this id (the first one declared); ``KeyError`` when there is none."""
        return self._index.nodes[node_id]

    def relation(self, relation_id: str) -> Relation:
        """The relation labelled with this id; ``KeyError`` when there is none."""
        return self._index.relations[relation_id]

    def source(self, source_id: str) -> Source:
        """The source with this id; ``KeyError`` when there is none."""
        return self._index.sources[source_id]

    def person(self, person_id: str) -> Person:
        """The person with this id; ``KeyError`` when there is none."""
        return self._index.persons[person_id]

    def get(self, element_id: str) -> Element | None:
        """Whatever carries this id (node, relation, source or person), or ``None``."""
        index = self._index
        for table in (index.nodes, index.relations, index.sources, index.persons):
            found = table.get(element_id)
            if found is not None:
                return found
        return None

    def __contains__(self, element_id: object) -> bool:
        return isinstance(element_id, str) and self.get(element_id) is not None

    def __getitem__(self, element_id: str) -> Element:
        """``m["C1"]``: whatever carries this id; ``KeyError`` when nothing does."""
        found = self.get(element_id)
        if found is None:
            raise KeyError(element_id)
        return found

    def __len__(self) -> int:
        """The number of statements (claims, premises and rebuttals)."""
        return len(self.nodes)

    def __iter__(self) -> Iterator[Node]:
        """The statements, in file order."""
        return iter(self.nodes)

    def __bool__(self) -> bool:
        # A map is a value, not only a container: an empty map is still a map (``if m:`` asks
        # whether there is one), whatever ``len`` says.
        return True

    def incoming(self, element_id: str) -> tuple[Relation, ...]:
        """Relations that target this node or relation (both sides of a contradiction)."""
        return self._index.incoming.get(element_id, ())

    def outgoing(self, node_id: str) -> tuple[Relation, ...]:
        """Relations this node takes part in as a member (both sides of a contradiction)."""
        return self._index.outgoing.get(node_id, ())

    def reasons(self, node_id: str) -> tuple[Relation, ...]:
        """The ``supports`` relations aimed at this node."""
        return tuple(r for r in self.incoming(node_id) if r.kind is RelationKind.SUPPORTS)

    def objections(self, element_id: str) -> tuple[Relation, ...]:
        """The ``attacks`` and ``undercuts`` aimed at this node or relation."""
        kinds = (RelationKind.ATTACKS, RelationKind.UNDERCUTS)
        return tuple(r for r in self.incoming(element_id) if r.kind in kinds)

    def roots(self) -> tuple[Node, ...]:
        """Nodes that support or attack nothing: the top of each argument tree."""
        directed = (RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS)
        return tuple(n for n in self.nodes if not any(r.kind in directed for r in self.outgoing(n.id)))

    def first_nodes(self) -> tuple[Node, ...]:
        """Each node id once, at its first declaration, in file order (a repeated id is an
        error that name resolution reports)."""
        index = self._nodes_by_id
        return tuple(n for n in self.nodes if index[n.id] is n)

    def claims(self) -> tuple[Node, ...]:
        """The nodes of kind ``claim``."""
        return tuple(n for n in self.nodes if n.kind is NodeKind.CLAIM)

    def premises(self) -> tuple[Node, ...]:
        """The nodes of kind ``premise``."""
        return tuple(n for n in self.nodes if n.kind is NodeKind.PREMISE)

    def rebuttals(self) -> tuple[Node, ...]:
        """The nodes of kind ``rebuttal``."""
        return tuple(n for n in self.nodes if n.kind is NodeKind.REBUTTAL)

    def elements(self) -> Iterator[Element]:
        """Every declared element: sources, persons, nodes, then relations."""
        yield from self.sources
        yield from self.persons
        yield from self.nodes
        yield from self.relations
