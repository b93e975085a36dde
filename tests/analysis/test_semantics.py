"""The evaluation rules, one by one, on small maps written in the language itself."""

from __future__ import annotations

import random

import pytest

from argmap import api
from argmap.analysis.semantics import (
    IN_CODE,
    OUT_CODE,
    UNDECIDED_CODE,
    Labelling,
    Status,
    evaluate,
    framework,
    grounded,
    preferred,
    stable,
)
from argmap.model import Map, Node, NodeKind, Relation, RelationKind


def loads(text: str) -> Map:
    """The map, even when checks find errors in it (these tests evaluate such maps on purpose)."""
    return api.loads(text, allow_errors=True)


IN, OUT, UNDEC = Status.IN, Status.OUT, Status.UNDECIDED


def labels(text: str) -> dict[str, Status]:
    return dict(grounded(loads(text)).labels)


def test_a_node_with_no_reasons_and_no_attackers_stands() -> None:
    result = grounded(loads('claim C1 "Talks are a trap."'))
    assert result.labels == {"C1": IN}
    assert result.why("C1") == "in: it needs no reason and nothing attacks it"


def test_a_linked_reason_stands_only_when_all_its_co_premises_stand() -> None:
    text = """
    claim C1 "c" premise P1 "p1" premise P2 "p2" rebuttal R1 "r1"
    S1: P1 + P2 supports C1
    """
    assert labels(text) == {"C1": IN, "P1": IN, "P2": IN, "R1": IN, "S1": IN}
    attacked = grounded(loads(text + "R1 attacks P2"))
    assert attacked.labels == {"C1": OUT, "P1": IN, "P2": OUT, "R1": IN, "S1": OUT}
    assert attacked.why("S1") == "out: its premise P2 is out"
    assert attacked.why("C1") == "out: its only reason, S1, is out"
    assert attacked.why("P2") == "out: attacked by R1, which is in"


def test_a_claim_with_several_reasons_needs_one_standing_reason() -> None:
    text = """
    claim C1 "c" premise P1 "p1" premise P3 "p3" rebuttal R1 "r1"
    P1 supports C1
    P3 supports C1
    R1 attacks P1
    """
    result = grounded(loads(text))
    assert result["C1"] is IN
    assert result.why("C1") == "in: supported by P3, which stands"
    both = grounded(loads(text + 'rebuttal R2 "r2"\nR2 attacks P3\n'))
    assert both["C1"] is OUT
    assert both.why("C1") == "out: none of its reasons stands (P1 supports C1, P3 supports C1 are out)"


def test_an_undercut_defeats_the_inference_not_its_premises() -> None:
    text = """
    claim C1 "c" premise P1 "p1" rebuttal R2 "r2"
    S1: P1 supports C1
    R2 undercuts S1
    """
    result = grounded(loads(text))
    assert result.labels == {"C1": OUT, "P1": IN, "R2": IN, "S1": OUT}
    assert result.why("S1") == "out: undercut by R2, which is in"


def test_an_outweighed_objection_defeats_nothing() -> None:
    text = """
    claim C1 "c" rebuttal R3 "r3"
    X1: R3 attacks C1 outweighed
    """
    result = grounded(loads(text))
    assert result.labels == {"C1": IN, "R3": IN, "X1": IN}
    assert "outweighed" in result.why("X1")
    undercut = grounded(loads(text.replace(" outweighed", "") + 'rebuttal R4 "r4"\nR4 undercuts X1 outweighed\n'))
    assert undercut["C1"] is OUT  # the outweighed undercut does not save C1


def test_contradicts_is_a_mutual_attack() -> None:
    m = loads('claim C1 "c1" claim C7 "c7" C1 contradicts C7')
    result = grounded(m)
    assert result.labels == {"C1": UNDEC, "C7": UNDEC}
    assert result.why("C1") == "undecided: contradicted by C7, which is undecided"
    readings = [dict(lab.labels) for lab in preferred(m)]
    assert readings == [{"C1": IN, "C7": OUT}, {"C1": OUT, "C7": IN}]
    assert [dict(lab.labels) for lab in stable(m, side_with="C7")] == [{"C1": OUT, "C7": IN}]


def test_an_attack_from_an_undecided_node_leaves_its_target_undecided() -> None:
    result = grounded(loads('claim A "a" claim B "b" premise P "p" A contradicts B\nB attacks P'))
    assert result["P"] is UNDEC
    assert result.why("P").startswith("undecided: attacked by B")


def test_the_language_example_evaluates_as_documented() -> None:
    from pathlib import Path

    from argmap.api import load

    m = load(Path(__file__).parents[1] / "data" / "language_example.arg")
    result = grounded(m)
    assert {k: v.value for k, v in result.labels.items()} == {
        "C1": "undecided",
        "P1": "in",
        "P2": "out",
        "R1": "in",
        "P3": "in",
        "R2": "in",
        "R3": "in",
        "C7": "undecided",
        "S1": "out",
    }
    assert result.why("C1") == "undecided: contradicted by C7, which is undecided"


def test_circular_support_stands_in_neither_grounded_nor_stable() -> None:
    m = loads('premise P1 "p1" premise P2 "p2" P1 supports P2\nP2 supports P1')
    assert set(grounded(m).labels.values()) == {UNDEC}
    assert [dict(lab.labels) for lab in stable(m)] == [{"P1": OUT, "P2": OUT}]
    # Preferred readings decide as much as they can; nothing outside the circle defeats it, so
    # one reading lets it stand (documented; `argmap check` reports the circle as an error).
    assert [dict(lab.labels) for lab in preferred(m)] == [{"P1": IN, "P2": IN}, {"P1": OUT, "P2": OUT}]


def test_an_odd_cycle_has_no_stable_reading_and_one_preferred() -> None:
    m = loads('premise A "a" premise B "b" premise C "c" A attacks B\nB attacks C\nC attacks A')
    assert stable(m) == ()
    assert [set(lab.labels.values()) for lab in preferred(m)] == [{UNDEC}]


def test_side_with_an_unknown_id_says_what_was_meant() -> None:
    m = loads('claim C1 "c1" claim C7 "c7" C1 contradicts C7')
    with pytest.raises(ValueError, match="did you mean `C1`"):
        preferred(m, side_with="C11")
    assert preferred(m, side_with="C1")[0]["C1"] is IN


def test_evaluate_returns_a_tuple_for_every_semantics() -> None:
    m = loads('claim C1 "c1" claim C7 "c7" C1 contradicts C7')
    assert evaluate(m) == (grounded(m),)
    assert evaluate(m, "preferred") == preferred(m)
    assert evaluate(m, "stable", side_with="C1") == stable(m, "C1")
    assert len(evaluate(m, "preferred", limit=1)) == 1
    with pytest.raises(ValueError, match="unknown semantics"):
        evaluate(m, "ideal")
    with pytest.raises(ValueError, match="side_with"):
        evaluate(m, "grounded", side_with="C1")


def test_a_labelling_built_by_hand_explains_only_its_label() -> None:
    lab = Labelling("grounded", {"C1": IN})
    assert lab.why("C1") == "in"
    assert lab.accepted() == ("C1",)


def test_undeclared_members_never_stand() -> None:
    m = Map(
        nodes=(Node(NodeKind.CLAIM, "C1", "c"),),
        relations=(Relation(RelationKind.SUPPORTS, ("P9",), "C1", id="S1"),),
    )
    result = grounded(m)
    assert result.labels == {"C1": OUT, "S1": OUT}
    assert result.why("S1") == "out: P9 is not declared"


def _is_complete(m: Map, lab: Labelling) -> bool:
    fw = framework(m)
    codes = {Status.IN: IN_CODE, Status.OUT: OUT_CODE, Status.UNDECIDED: UNDECIDED_CODE}
    full = [codes[lab.labels[k]] if k in lab.labels else -1 for k in fw.keys]
    for e in range(fw.size):
        if full[e] == -1:
            continue
        if any(full[a] == IN_CODE for a in fw.attackers[e]):
            assert full[e] == OUT_CODE
        elif all(full[a] == OUT_CODE for a in fw.attackers[e]) and not fw.clauses[e]:
            assert full[e] == IN_CODE
    return True


def _random_map(size: int, seed: int) -> Map:
    """Claims, reasons and many attacks, as an argument-mining pipeline might produce."""
    rng = random.Random(seed)
    nodes = tuple(Node(NodeKind.PREMISE, f"N{i}", f"statement {i}") for i in range(size))
    relations = []
    for i in range(size):
        target = f"N{rng.randrange(size)}"
        if rng.random() < 0.3:
            relations.append(Relation(RelationKind.SUPPORTS, (f"N{i}",), target))
        else:
            relations.append(Relation(RelationKind.ATTACKS, (f"N{i}",), target))
        if rng.random() < 0.2:
            relations.append(Relation(RelationKind.CONTRADICTS, (f"N{i}",), f"N{rng.randrange(size)}"))
    return Map(nodes=nodes, relations=tuple(relations))


def test_preferred_and_stable_answer_on_thousands_of_nodes() -> None:
    """A 3,000-node map with cycles everywhere: the solver finds readings (no timing asserted)."""
    m = _random_map(3000, seed=7)
    readings = preferred(m, limit=3)
    assert readings
    for lab in readings:
        assert _is_complete(m, lab)
    for lab in stable(m, limit=2):
        assert UNDEC not in lab.labels.values()
        assert _is_complete(m, lab)


def test_grounded_handles_a_long_chain_without_recursion() -> None:
    size = 30_000
    nodes = tuple(Node(NodeKind.PREMISE, f"N{i}", "x") for i in range(size))
    relations = tuple(Relation(RelationKind.ATTACKS, (f"N{i}",), f"N{i + 1}") for i in range(size - 1))
    result = grounded(Map(nodes=nodes, relations=relations))
    assert result["N0"] is IN
    assert result["N1"] is OUT
    assert result[f"N{size - 1}"] is (IN if (size - 1) % 2 == 0 else OUT)
