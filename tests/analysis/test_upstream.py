"""``upstream``: the part of a map that some ids' grounded statuses depend on gives them the
statuses the whole map gives them (grounded evaluation is directional), and is the whole map
when names are ambiguous. ``check_unresolved_contradiction`` evaluates only that part."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.semantics import grounded, upstream
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from tests.strategies import TANGLED_LABELS, TANGLED_NAMES, tangled_maps


@given(tangled_maps(messy=True) | tangled_maps(), st.data())
def test_the_part_upstream_gives_the_statuses_of_the_whole(m: Map, data: st.DataObject) -> None:
    ids = data.draw(st.lists(st.sampled_from([*TANGLED_NAMES, *TANGLED_LABELS]), max_size=3))
    part = upstream(m, ids)
    whole, alone = grounded(m).labels, grounded(part).labels
    assert set(alone) <= set(whole)
    for element_id, status in alone.items():
        assert whole[element_id] == status, element_id
    for element_id in ids:  # what was asked about is in the part, when the map has it
        assert (element_id in alone) == (element_id in whole)


@given(tangled_maps())
def test_the_part_is_closed_upwards_and_no_larger(m: Map) -> None:
    asked = [m.nodes[0].id]
    part = upstream(m, asked)
    kept = {n.id for n in part.nodes} | {r.id for r in part.relations if r.id is not None}
    for rel in m.relations:
        aimed = rel.target in kept or (rel.kind is RelationKind.CONTRADICTS and rel.members[0] in kept)
        assert aimed == (rel in part.relations), rel
        if aimed:
            assert all(member in kept for member in rel.members if member in {n.id for n in m.nodes})
    # Every node kept is the one asked about or a member or side of a kept relation.
    reached = set(asked) | {x for rel in part.relations for x in (*rel.members, rel.target)}
    assert {n.id for n in part.nodes} <= reached


def test_ambiguous_names_give_the_whole_map() -> None:
    twice = Map(nodes=(Node(NodeKind.CLAIM, "a", "x"), Node(NodeKind.CLAIM, "a", "y"), Node(NodeKind.CLAIM, "b", "z")))
    assert upstream(twice, ["b"]) is twice
    label_is_node = Map(
        nodes=(Node(NodeKind.CLAIM, "a", "x"), Node(NodeKind.CLAIM, "b", "y")),
        relations=(Relation(RelationKind.SUPPORTS, ("b",), "a", id="b"),),
    )
    assert upstream(label_is_node, ["a"]) is label_is_node
    labels_twice = Map(
        nodes=(Node(NodeKind.CLAIM, "a", "x"), Node(NodeKind.CLAIM, "b", "y"), Node(NodeKind.CLAIM, "c", "z")),
        relations=(
            Relation(RelationKind.SUPPORTS, ("b",), "a", id="L"),
            Relation(RelationKind.SUPPORTS, ("c",), "b", id="L"),
        ),
    )
    assert upstream(labels_twice, ["c"]) is labels_twice


def test_a_long_chain_is_followed_to_its_top_and_nothing_below_is_kept() -> None:
    n = 2_000  # deeper than the recursion limit: the walk must not recurse
    nodes = tuple(Node(NodeKind.PREMISE, f"p{i}", "t") for i in range(n))
    relations = tuple(Relation(RelationKind.SUPPORTS, (f"p{i + 1}",), f"p{i}") for i in range(n - 1))
    m = Map(nodes=nodes, relations=relations)
    assert upstream(m, ["p0"]).nodes == nodes
    middle = upstream(m, [f"p{n // 2}"])
    assert [node.id for node in middle.nodes] == [f"p{i}" for i in range(n // 2, n)]
    assert len(middle.relations) == n - 1 - n // 2
