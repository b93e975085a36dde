"""The evaluator against the textbook: on attack-only maps, grounded, preferred and stable
labellings equal those of the equivalent Dung framework, computed by brute force over all subsets."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.semantics import (
    IN_CODE,
    OUT_CODE,
    UNDECIDED_CODE,
    Framework,
    Labelling,
    framework,
    grounded,
    grounded_codes,
    grounded_extension,
    preferred,
    stable,
)
from argmap.model import Map, Node, NodeKind, Relation, RelationKind

Attack = tuple[int, int]
Labels = dict[str, str]


# -- the oracle: Dung's definitions, literally -----------------------------------------------


def _conflict_free(s: frozenset[int], attacks: set[Attack]) -> bool:
    return not any((a, b) in attacks for a in s for b in s)


def _defends(s: frozenset[int], x: int, n: int, attacks: set[Attack]) -> bool:
    return all(any((d, a) in attacks for d in s) for a in range(n) if (a, x) in attacks)


def _admissible(s: frozenset[int], n: int, attacks: set[Attack]) -> bool:
    return _conflict_free(s, attacks) and all(_defends(s, x, n, attacks) for x in s)


def _complete(s: frozenset[int], n: int, attacks: set[Attack]) -> bool:
    return _admissible(s, n, attacks) and all(x in s for x in range(n) if _defends(s, x, n, attacks))


def _subsets(n: int) -> Iterable[frozenset[int]]:
    for size in range(n + 1):
        for combo in itertools.combinations(range(n), size):
            yield frozenset(combo)


def _labels_of(s: frozenset[int], n: int, attacks: set[Attack]) -> Labels:
    out = {b for a, b in attacks if a in s}
    return {f"A{x}": "in" if x in s else "out" if x in out else "undecided" for x in range(n)}


def oracle(n: int, attacks: set[Attack]) -> tuple[Labels, list[Labels], list[Labels]]:
    """Grounded, preferred and stable labellings by enumerating every subset."""
    complete = [s for s in _subsets(n) if _complete(s, n, attacks)]
    ground = min(complete, key=len)
    assert all(ground <= s for s in complete)  # the least complete extension
    admissible = [s for s in _subsets(n) if _admissible(s, n, attacks)]
    pref = [s for s in admissible if not any(s < t for t in admissible)]
    stab = [
        s
        for s in _subsets(n)
        if _conflict_free(s, attacks) and all(any((a, x) in attacks for a in s) for x in range(n) if x not in s)
    ]
    return (
        _labels_of(ground, n, attacks),
        [_labels_of(s, n, attacks) for s in pref],
        [_labels_of(s, n, attacks) for s in stab],
    )


# -- maps from frameworks ------------------------------------------------------------------------


@st.composite
def frameworks(draw: st.DrawFn) -> tuple[int, set[Attack], Map]:
    """A random attack-only map: some attacks labelled, mutual ones sometimes `contradicts`."""
    n = draw(st.integers(1, 6))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    attacks = set(draw(st.lists(st.sampled_from(pairs), max_size=3 * n)))
    nodes = tuple(Node(draw(st.sampled_from(NodeKind)), f"A{x}", f"argument {x}") for x in range(n))
    relations: list[Relation] = []
    written: set[Attack] = set()
    for a, b in sorted(attacks):
        if (a, b) in written:
            continue
        if a != b and (b, a) in attacks and draw(st.booleans()):
            relations.append(Relation(RelationKind.CONTRADICTS, (f"A{a}",), f"A{b}"))
            written |= {(a, b), (b, a)}
            continue
        label = f"X{len(relations)}" if draw(st.booleans()) else None
        relations.append(Relation(RelationKind.ATTACKS, (f"A{a}",), f"A{b}", id=label))
        written.add((a, b))
    return n, attacks, Map(nodes=nodes, relations=tuple(relations))


def _nodes_only(labelling: Labelling, n: int) -> Labels:
    return {f"A{x}": labelling.labels[f"A{x}"].value for x in range(n)}


def _as_set(labellings: Iterable[Labels]) -> set[tuple[tuple[str, str], ...]]:
    return {tuple(sorted(labels.items())) for labels in labellings}


@given(frameworks())
def test_grounded_matches_dung(case: tuple[int, set[Attack], Map]) -> None:
    n, attacks, m = case
    expected, _, _ = oracle(n, attacks)
    assert _nodes_only(grounded(m), n) == expected


@given(frameworks())
def test_preferred_matches_dung(case: tuple[int, set[Attack], Map]) -> None:
    n, attacks, m = case
    _, expected, _ = oracle(n, attacks)
    found = [_nodes_only(labelling, n) for labelling in preferred(m)]
    assert len(found) == len(_as_set(found))  # no reading twice
    assert _as_set(found) == _as_set(expected)


@given(frameworks())
def test_stable_matches_dung(case: tuple[int, set[Attack], Map]) -> None:
    n, attacks, m = case
    _, _, expected = oracle(n, attacks)
    found = [_nodes_only(labelling, n) for labelling in stable(m)]
    assert len(found) == len(_as_set(found))
    assert _as_set(found) == _as_set(expected)


@given(frameworks(), st.data())
def test_side_with_keeps_exactly_the_readings_that_accept_it(
    case: tuple[int, set[Attack], Map], data: st.DataObject
) -> None:
    n, attacks, m = case
    side = f"A{data.draw(st.integers(0, n - 1))}"
    _, pref, stab = oracle(n, attacks)
    wanted_pref = [labels for labels in pref if labels[side] == "in"]
    wanted_stab = [labels for labels in stab if labels[side] == "in"]
    assert _as_set(_nodes_only(lab, n) for lab in preferred(m, side)) == _as_set(wanted_pref)
    assert _as_set(_nodes_only(lab, n) for lab in stable(m, side)) == _as_set(wanted_stab)


@given(frameworks())
def test_every_label_has_a_reason(case: tuple[int, set[Attack], Map]) -> None:
    _, _, m = case
    for labelling in (grounded(m), *preferred(m)):
        for element_id, status in labelling.labels.items():
            assert labelling.why(element_id).startswith(status.value)
            assert labelling[element_id] is status


# -- the whole language: supports, linked groups, undercuts, outweighed ---------------------------


@st.composite
def general_maps(draw: st.DrawFn) -> Map:
    """Small maps with every relation kind (few elements, so all 3^n labellings can be listed)."""
    n = draw(st.integers(1, 4))
    ids = [f"A{x}" for x in range(n)]
    nodes = tuple(Node(NodeKind.PREMISE, i, i) for i in ids)
    relations: list[Relation] = []
    for k in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.UNDERCUTS]))
        members = tuple(draw(st.lists(st.sampled_from(ids), min_size=1, max_size=2)))
        labelled = [r.id for r in relations if r.id is not None]
        if kind is RelationKind.UNDERCUTS:
            if not labelled:
                continue
            target = draw(st.sampled_from(labelled))
        else:
            target = draw(st.sampled_from(ids))
        rel_id = f"R{k}" if draw(st.booleans()) else None
        outweighed = kind is not RelationKind.SUPPORTS and draw(st.booleans())
        relations.append(Relation(kind, members, target, id=rel_id, outweighed=outweighed))
    if n > 1 and draw(st.booleans()):
        relations.append(Relation(RelationKind.CONTRADICTS, ("A0",), "A1"))
    return Map(nodes=nodes, relations=tuple(relations))


def _kleene(fw: Framework, codes: tuple[int, ...], e: int) -> int:
    if any(codes[a] == IN_CODE for a in fw.attackers[e]) or any(
        all(codes[x] == OUT_CODE for x in clause) for clause in fw.clauses[e]
    ):
        return OUT_CODE
    if all(codes[a] == OUT_CODE for a in fw.attackers[e]) and all(
        any(codes[x] == IN_CODE for x in clause) for clause in fw.clauses[e]
    ):
        return IN_CODE
    return UNDECIDED_CODE


def _below(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """a is less or equally decided than b (the information order)."""
    return all(x in (UNDECIDED_CODE, y) for x, y in zip(a, b, strict=True))


def _supported_without_cycles(fw: Framework, codes: tuple[int, ...]) -> bool:
    derived: set[int] = set()
    changed = True
    while changed:
        changed = False
        for e in range(fw.size):
            if codes[e] == IN_CODE and e not in derived and all(any(x in derived for x in c) for c in fw.clauses[e]):
                derived.add(e)
                changed = True
    return len(derived) == codes.count(IN_CODE)


def _codes_of(fw: Framework, labelling: Labelling) -> tuple[int, ...]:
    return tuple(labelling._codes)


@given(general_maps())
def test_general_maps_match_the_fixpoint_definitions(m: Map) -> None:
    """Grounded = least complete, preferred = maximal complete, stable = two-valued complete
    without circular support: each computed against all 3^n labellings."""
    fw = framework(m)
    values = (IN_CODE, OUT_CODE, UNDECIDED_CODE)
    complete = [
        codes
        for codes in itertools.product(values, repeat=fw.size)
        if all(_kleene(fw, codes, e) == codes[e] for e in range(fw.size))
    ]
    least = [c for c in complete if all(_below(c, d) for d in complete)]
    assert len(least) == 1
    assert tuple(grounded_codes(fw)) == least[0]
    assert _codes_of(fw, grounded(m)) == least[0]
    maximal = {c for c in complete if not any(c != d and _below(c, d) for d in complete)}
    assert {_codes_of(fw, lab) for lab in preferred(m)} == maximal
    two_valued = {c for c in complete if UNDECIDED_CODE not in c and _supported_without_cycles(fw, c)}
    assert {_codes_of(fw, lab) for lab in stable(m)} == two_valued


# -- frameworks given as integers ----------------------------------------------------------------


@given(frameworks())
def test_grounded_extension_of_integers_matches_dung(case: tuple[int, set[Attack], Map]) -> None:
    n, attacks, _ = case
    expected, _, _ = oracle(n, attacks)
    accepted = grounded_extension(n, sorted(attacks))
    assert accepted == sorted(x for x in range(n) if expected[f"A{x}"] == "in")
    assert grounded_extension(n, iter(sorted(attacks))) == accepted  # any iterable of pairs


@given(st.integers(2, 40), st.lists(st.tuples(st.integers(0, 39), st.integers(0, 39)), max_size=120))
def test_grounded_extension_equals_the_map_evaluation(n: int, pairs: list[Attack]) -> None:
    attacks = sorted({(a % n, b % n) for a, b in pairs})
    m = Map(
        nodes=tuple(Node(NodeKind.PREMISE, f"A{x}", "x") for x in range(n)),
        relations=tuple(Relation(RelationKind.ATTACKS, (f"A{a}",), f"A{b}") for a, b in attacks),
    )
    assert [f"A{x}" for x in grounded_extension(n, attacks)] == list(grounded(m).accepted())


def test_grounded_extension_counts_past_a_byte() -> None:
    # 300 unattacked arguments all attack argument 0, which attacks 301: the attacker counts
    # outgrow the byte-sized counters and the evaluation must still be exact.
    n = 302
    attacks = [(x, 0) for x in range(1, 301)] + [(0, 301)] + [(x, 300) for x in range(1, 300)]
    accepted = grounded_extension(n, attacks)
    assert 0 not in accepted and 301 in accepted and 300 not in accepted
    assert accepted == [*list(range(1, 300)), 301]
    # The same through a map, where the general path groups the links.
    m = Map(
        nodes=tuple(Node(NodeKind.PREMISE, f"A{x}", "x") for x in range(n)),
        relations=(
            *tuple(Relation(RelationKind.ATTACKS, (f"A{a}",), f"A{b}") for a, b in attacks),
            Relation(RelationKind.SUPPORTS, ("A1",), "A301"),
        ),
    )
    assert [f"A{x}" for x in accepted] == list(grounded(m).accepted())


def test_grounded_extension_refuses_arguments_outside_the_range() -> None:
    with pytest.raises(ValueError, match="between arguments 0 and 2"):
        grounded_extension(3, [(0, 3)])
    with pytest.raises(ValueError, match="between arguments 0 and 2"):
        grounded_extension(3, [(-1, 0)])
    with pytest.raises(ValueError, match="at least 0"):
        grounded_extension(-1, [])
    assert grounded_extension(0, []) == []
    assert grounded_extension(3, []) == [0, 1, 2]
