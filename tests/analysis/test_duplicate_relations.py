"""``check_duplicate_member`` against its definition: a member named twice in one group, and a
relation that repeats an earlier one (same kind, same set of members, same target; a
contradiction either way round)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.checks.structure import check_duplicate_member
from argmap.analysis.loading import LoadResult
from argmap.model import Map, Node, NodeKind, Relation, RelationKind, Span

_NAMES = ["a", "b", "c"]


@st.composite
def _relations(draw: st.DrawFn) -> tuple[Relation, ...]:
    out = []
    for line in range(1, draw(st.integers(0, 10)) + 1):
        kind = draw(st.sampled_from(list(RelationKind)))
        size = 1 if kind is RelationKind.CONTRADICTS else draw(st.integers(1, 3))
        members = tuple(draw(st.lists(st.sampled_from(_NAMES), min_size=size, max_size=size)))
        out.append(Relation(kind, members, draw(st.sampled_from(_NAMES)), span=Span("t.arg", line, 1, line, 9)))
    return tuple(out)


def _expected(relations: tuple[Relation, ...]) -> list[tuple[int, str]]:
    found = []
    seen: dict[tuple[RelationKind, frozenset[str], str], Relation] = {}
    for rel in relations:
        for member in dict.fromkeys(m for i, m in enumerate(rel.members) if m in rel.members[:i]):
            found.append((rel.span.line, f"`{member}` is named twice"))
        key: tuple[RelationKind, frozenset[str], str]
        if rel.kind is RelationKind.CONTRADICTS:
            key = (rel.kind, frozenset((rel.members[0], rel.target)), "")
        else:
            key = (rel.kind, frozenset(rel.members), rel.target)
        first = seen.setdefault(key, rel)
        if first is not rel:
            found.append((rel.span.line, f"repeats a relation written at line {first.span.line}"))
    return found


@given(_relations())
def test_duplicates_are_what_the_definition_says(relations: tuple[Relation, ...]) -> None:
    m = Map(nodes=tuple(Node(NodeKind.CLAIM, name, "t") for name in _NAMES), relations=relations)
    got = [(d.span.line, d.message) for d in check_duplicate_member(LoadResult(m, (), {}, ()))]
    expected = _expected(relations)
    assert len(got) == len(expected)
    for (line, message), (expected_line, expected_part) in zip(got, expected, strict=True):
        assert line == expected_line and expected_part in message, (message, expected_part)
