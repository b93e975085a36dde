"""Name resolution over a whole (merged) map: undefined, duplicate and wrongly aimed ids."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from itertools import chain, compress, repeat

from argmap.model import Map, Node, RelationKind, Span
from argmap.model.diagnostics import Diagnostic, Label, make

__all__ = ["check_names"]


_ID = operator.attrgetter("id")
_BY = operator.attrgetter("by")
_QUOTES = operator.attrgetter("quotes")
_SOURCE = operator.attrgetter("source")
_MEMBERS = operator.attrgetter("members")
_TARGET = operator.attrgetter("target")
_KIND = operator.attrgetter("kind")

# A map without name errors is the usual case: each loop below is first asked, with set
# operations done in C, whether it would find anything, and runs only when it would.


def _what(element: object) -> str:
    if isinstance(element, Node):
        return element.kind.value
    return type(element).__name__.lower()


#: Up to this many ids, did-you-mean compares a name with every one of them (difflib).
_COMPARE_ALL = 200
#: Ids longer than this are not indexed for suggestions (their deletions would be many).
_INDEXED_LENGTH = 64


class _Suggester:
    """Did-you-mean for many undefined names against many ids, in time linear in both.

    difflib against every id costs (undefined names x ids): 2,000 undefined references in a map
    of 2,000 ids took 70 s. A small set of ids is still compared whole (the best answer); a large
    one first narrows to the ids one deletion away from the name or with the same letters in
    another case (a deletion index, built once), then asks difflib about those few. Answers are
    remembered per name, so a name misspelt a thousand times costs one look-up.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self._all = sorted(set(candidates))
        self._by_deletion: dict[str, list[str]] | None = None
        self._by_case: dict[str, list[str]] = {}
        self._answers: dict[str, list[str]] = {}

    def _index(self) -> dict[str, list[str]]:
        if self._by_deletion is None:
            self._by_deletion = {}
            for candidate in self._all:
                self._by_case.setdefault(candidate.casefold(), []).append(candidate)
                if len(candidate) <= _INDEXED_LENGTH:
                    for variant in _deletions(candidate):
                        self._by_deletion.setdefault(variant, []).append(candidate)
        return self._by_deletion

    def hints(self, name: str) -> list[str]:
        if name not in self._answers:
            if len(self._all) <= _COMPARE_ALL:
                pool = self._all
            else:
                index = self._index()
                near: dict[str, None] = dict.fromkeys(self._by_case.get(name.casefold(), ()))
                if len(name) <= _INDEXED_LENGTH:
                    for variant in _deletions(name):
                        near.update(dict.fromkeys(index.get(variant, ())[:_COMPARE_ALL]))
                pool = list(near)[:_COMPARE_ALL]
            import difflib  # only an undefined name needs it: not imported at start-up

            close = difflib.get_close_matches(name, pool, n=1, cutoff=0.6)
            self._answers[name] = [f"did you mean `{close[0]}`?"] if close else []
        return self._answers[name]


def _deletions(word: str) -> set[str]:
    """The word and every word one character shorter (two ids one edit apart share one)."""
    return {word, *(word[:k] + word[k + 1 :] for k in range(len(word)))}


def check_names(m: Map) -> tuple[Diagnostic, ...]:
    """Every id declared once, and every reference names a declared thing of the right kind."""
    return tuple(_duplicates(m)) + tuple(_references(m))


def _duplicates(m: Map) -> Iterator[Diagnostic]:
    ids = [*map(_ID, m.sources), *map(_ID, m.persons), *map(_ID, m.nodes), *map(_ID, m.relations)]
    labelled = len(ids) - ids.count(None)
    if len(set(ids)) == labelled + (labelled < len(ids)):  # every id once (None aside)
        return
    first: dict[str, tuple[str, Span]] = {}
    declared: list[tuple[str, str, Span]] = [(e.id, _what(e), e.span) for e in m.sources]
    declared += [(e.id, _what(e), e.span) for e in m.persons]
    declared += [(e.id, _what(e), e.span) for e in m.nodes]
    declared += [(r.id, "relation", r.span) for r in m.relations if r.id is not None]
    for element_id, what, span in declared:
        if element_id in first:
            other_what, other_span = first[element_id]
            yield make(
                "duplicate-id",
                f"`{element_id}` is declared twice (first as a {other_what})",
                span,
                labels=[Label(other_span, "first declared here")],
                hints=["ids are shared by every kind of element and every included file"],
            )
        else:
            first[element_id] = (what, span)


def _references(m: Map) -> Iterator[Diagnostic]:
    node_ids = set(map(_ID, m.nodes))
    relation_ids = set(map(_ID, m.relations)) - {None}
    source_ids = set(map(_ID, m.sources))
    person_ids = set(map(_ID, m.persons))

    suggesters: dict[int, _Suggester] = {}

    def missing(name: str, what: str, span: Span, candidates: set[str]) -> Diagnostic:
        suggester = suggesters.get(id(candidates))
        if suggester is None:  # built once per set of ids (setdefault would build one per call)
            suggester = suggesters[id(candidates)] = _Suggester(candidates)
        return make(
            "undefined-id",
            f"`{name}` is not a declared {what}",
            span,
            hints=suggester.hints(name) or [f"declare it, for example: {_example(what, name)}"],
        )

    nodes_named = (
        set(map(_BY, m.nodes)) - {None} <= person_ids
        and set(map(_SOURCE, chain.from_iterable(map(_QUOTES, m.nodes)))) <= source_ids
    )
    for node in () if nodes_named else m.nodes:
        by_span = node.by_span if node.by_span.line else node.span
        if node.by is not None and node.by not in person_ids:
            if node.by in node_ids or node.by in source_ids or node.by in relation_ids:
                yield make(
                    "wrong-target",
                    f"`by {node.by}` names a {_kind_of(m, node.by)}, not a person",
                    by_span,
                    hints=["`by` takes the id of a `person`"],
                )
            else:
                yield missing(node.by, "person", by_span, person_ids)
        for quote in node.quotes:
            if quote.source not in source_ids:
                if quote.source in node_ids or quote.source in person_ids or quote.source in relation_ids:
                    yield make(
                        "wrong-target",
                        f"`quote {quote.source}` names a {_kind_of(m, quote.source)}, not a source",
                        quote.span,
                        hints=["`quote` takes the id of a `source`"],
                    )
                else:
                    yield missing(quote.source, "source", quote.span, source_ids)

    relations = m.relations
    undercuts = list(map(operator.is_, map(_KIND, relations), repeat(RelationKind.UNDERCUTS)))
    relations_named = (
        set(chain.from_iterable(map(_MEMBERS, relations))) <= node_ids
        and set(compress(map(_TARGET, relations), map(operator.not_, undercuts))) <= node_ids
        and set(compress(map(_TARGET, relations), undercuts)) <= relation_ids
    )
    for rel in () if relations_named else relations:
        for index, member in enumerate(rel.members):
            span = rel.member_span(index)
            if member in node_ids:
                continue
            if member in relation_ids or member in source_ids or member in person_ids:
                yield make(
                    "wrong-target",
                    f"`{member}` is a {_kind_of(m, member)}; only a claim, premise or rebuttal can "
                    f"{rel.kind.value.rstrip('s')} something",
                    span,
                    hints=["put a claim, premise or rebuttal here"],
                )
            else:
                yield missing(member, "node", span, node_ids)
        target, span = rel.target, rel.target_span
        if rel.kind is RelationKind.UNDERCUTS:
            if target in relation_ids:
                continue
            if target in node_ids:
                yield make(
                    "wrong-target",
                    f"`{target}` is a {_kind_of(m, target)}; `undercuts` attacks an inference, named by a relation id",
                    span,
                    hints=[
                        f"to attack the node write `attacks {target}`; to attack a reason, "
                        "label it (`S1: P1 supports C1`) and undercut `S1`"
                    ],
                )
            else:
                yield missing(target, "relation", span, relation_ids)
        elif target not in node_ids:
            if target in relation_ids:
                hint = (
                    f"to attack the inference write `undercuts {target}`"
                    if rel.kind is RelationKind.ATTACKS
                    else "a relation cannot be supported or contradicted; name a claim, premise or rebuttal"
                )
                yield make(
                    "wrong-target",
                    f"`{target}` is a relation; `{rel.kind.value}` needs a claim, premise or rebuttal",
                    span,
                    hints=[hint],
                )
            elif target in source_ids or target in person_ids:
                yield make(
                    "wrong-target",
                    f"`{target}` is a {_kind_of(m, target)}; `{rel.kind.value}` needs a node",
                    span,
                    hints=["put a claim, premise or rebuttal here"],
                )
            else:
                yield missing(target, "node", span, node_ids)


def _kind_of(m: Map, element_id: str) -> str:
    element = m.get(element_id)
    return "relation" if element is None else _what(element)


def _example(what: str, name: str) -> str:
    if what == "person":
        return f'person {name} "Full Name"'
    if what == "source":
        return f'source {name} "Headline"'
    if what == "relation":
        return f"{name}: P1 supports C1"
    return f'premise {name} "..."'
