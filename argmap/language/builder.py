"""Building maps in code: a small fluent builder that refuses, at the call, whatever could not
be written as ``.arg`` (so ``loads(dumps(m)) == m`` for every map it builds), and whose
``build`` checks every reference."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from argmap.errors import UsageError
from argmap.language.table import KEYWORDS, is_id, valid_date
from argmap.model import Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source

__all__ = ["BuildError", "MapBuilder"]


class BuildError(UsageError, ValueError):
    """A ``MapBuilder`` call was given something a map cannot hold (an argmap ``UsageError``,
    and a ``ValueError`` as before)."""


def _id(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise BuildError(f"{what} must be a string id, not {type(value).__name__}")
    if value in KEYWORDS:
        raise BuildError(f"{what} `{value}` is a keyword of the language", hint="choose another id, such as `{value}1`")
    if not is_id(value):
        raise BuildError(
            f"{what} {value!r} is not a valid id",
            hint="an id starts with a letter or _, then letters, digits, _ or - (e.g. C1, P-2)",
        )
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise BuildError(f"{what} must be a string, not {type(value).__name__}")
    # The language has no carriage return (files are read with CR and CRLF as line ends):
    # stored as the line break it reads back as, so the map equals its printed text.
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _optional_text(value: Any, what: str) -> str | None:
    return None if value is None else _text(value, what)


def _quotes(quotes: Any) -> tuple[Quote, ...]:
    if isinstance(quotes, (str, bytes)):
        raise BuildError(
            "quotes must be a list of (source id, text) pairs, not one string",
            hint='write quotes=[("paper", "the words it printed")]',
        )
    if not isinstance(quotes, Iterable):
        raise BuildError(f"quotes must be a list of (source id, text) pairs, not {type(quotes).__name__}")
    found = []
    for i, pair in enumerate(quotes):
        if isinstance(pair, Quote):
            found.append(Quote(_id(pair.source, f"quote {i + 1}'s source"), _text(pair.text, f"quote {i + 1}")))
            continue
        if isinstance(pair, (str, bytes)) or not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise BuildError(
                f"quote {i + 1} must be a (source id, text) pair, not {pair!r:.60}",
                hint='write quotes=[("paper", "the words it printed")]',
            )
        source, text = pair
        found.append(Quote(_id(source, f"quote {i + 1}'s source"), _text(text, f"quote {i + 1}'s text")))
    return tuple(found)


@attrs.define
class MapBuilder:
    """Collects declarations; each call refuses (``BuildError``) an invalid id, a keyword as id,
    a duplicate id or a malformed value; ``build()`` returns a frozen map or raises
    ``BuildError`` for a reference to nothing.

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
    _ids: set[str] = attrs.field(factory=set, alias="_ids", repr=False)

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
        _id(id, "a source's id")  # before the date's message quotes it
        if date is not None and (not isinstance(date, str) or not valid_date(date)):
            raise BuildError(f"source `{id}`: date {date!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        self._declare(id, "source")
        self._sources.append(
            Source(
                id,
                _text(title, "a source's title"),
                _optional_text(outlet, "outlet"),
                date,
                _optional_text(url, "url"),
                _optional_text(file, "file"),
                _optional_text(author, "author"),
            )
        )
        return self

    def _declare(self, element_id: Any, what: str) -> None:
        _id(element_id, f"a {what}'s id")
        if element_id in self._ids:
            raise BuildError(f"the id `{element_id}` is already declared", hint="every id in a map must differ")
        self._ids.add(element_id)

    def person(self, id: str, name: str, role: str | None = None) -> MapBuilder:
        """Declare a person."""
        self._declare(id, "person")
        self._persons.append(Person(id, _text(name, "a person's name"), _optional_text(role, "role")))
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
        if not isinstance(kind, NodeKind):
            raise BuildError(f"kind must be a NodeKind, not {kind!r:.40}")
        self._declare(id, kind.value)
        if isinstance(tags, str) or not isinstance(tags, Iterable):
            raise BuildError("tags must be a list of ids, not one string", hint='write tags=["rearmament"]')
        if step is not None and (isinstance(step, bool) or not isinstance(step, int) or not 0 <= step < 10**9):
            raise BuildError(f"step must be a whole number from 0, not {step!r:.40}")
        self._nodes.append(
            Node(
                kind,
                id,
                _text(text, f"the text of `{id}`"),
                by=None if by is None else _id(by, "by"),
                quotes=_quotes(quotes),
                tags=tuple(_id(t, "a tag") for t in tags),
                note=_optional_text(note, "note"),
                implicit=bool(implicit),
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
        if isinstance(members, str):
            group: tuple[str, ...] = (members,)
        elif isinstance(members, Iterable):
            group = tuple(members)
        else:
            raise BuildError(f"members must be an id or a list of ids, not {type(members).__name__}")
        if not group:
            raise BuildError(f"a `{kind.value}` relation needs at least one member")
        for member in group:
            _id(member, "a member")
        _id(target, "a target")
        if id is not None:
            self._declare(id, "relation")
        self._relations.append(
            Relation(kind, group, target, id=id, note=_optional_text(note, "note"), outweighed=bool(outweighed))
        )
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
        """The frozen map; ``BuildError`` (a ``ValueError``) naming each bad reference."""
        from argmap.language.names import check_names

        built = Map(
            title=_optional_text(self.title, "the title"),
            sources=tuple(self._sources),
            persons=tuple(self._persons),
            nodes=tuple(self._nodes),
            relations=tuple(self._relations),
        )
        problems = check_names(built)
        if problems:
            raise BuildError("; ".join(d.message for d in problems), diagnostics=problems)
        return built
