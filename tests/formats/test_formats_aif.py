"""AIF export: the nodes, edges and locutions AIF readers expect; import of each construct."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import argmap
from argmap.formats import FormatError, from_aif_result, to_aif
from argmap.model import Map, Node, NodeKind, Person, Relation, RelationKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "language_example.arg"


def by_id(data: dict[str, list[dict[str, str]]]) -> dict[str, dict[str, str]]:
    return {n["nodeID"]: n for n in data["nodes"]}


def edges(data: dict[str, list[dict[str, str]]]) -> set[tuple[str, str]]:
    return {(e["fromID"], e["toID"]) for e in data["edges"]}


def test_export_has_what_aifdb_readers_expect() -> None:
    data = json.loads(to_aif(argmap.load(EXAMPLE)))
    assert set(data) == {"nodes", "edges", "locutions", "participants"}
    for node in data["nodes"]:
        assert set(node) >= {"nodeID", "text", "type", "timestamp"}
        assert all(isinstance(node[k], str) for k in ("nodeID", "text", "type"))
    ids = set(by_id(data))
    for edge in data["edges"]:
        assert set(edge) >= {"edgeID", "fromID", "toID"}
        assert edge["fromID"] in ids and edge["toID"] in ids
    assert len({e["edgeID"] for e in data["edges"]}) == len(data["edges"])
    for locution in data["locutions"]:
        assert by_id(data)[locution["nodeID"]]["type"] == "L"


def test_export_maps_each_construct() -> None:
    m = argmap.load(EXAMPLE)
    data = json.loads(to_aif(m))
    nodes = by_id(data)
    links = edges(data)
    types = Counter(n["type"] for n in data["nodes"])
    assert types["I"] == len(m.nodes)
    # S1: P1 + P2 supports C1 is one RA-node with two premises (a linked group).
    assert nodes["S1"]["type"] == "RA"
    assert {("P1", "S1"), ("P2", "S1"), ("S1", "C1")} <= links
    # R2 undercuts S1: a CA-node pointing at the RA-node.
    undercut = next(a for a, b in links if b == "S1" and nodes[a]["type"] == "CA")
    assert ("R2", undercut) in links
    # C1 contradicts C7: two CA-nodes named Contradiction, one each way.
    conflicts = [n for n in data["nodes"] if n["text"] == "Contradiction"]
    assert len(conflicts) == 2
    # Speakers: L-node -> YA Asserting -> I-node, the locution naming a participant.
    speakers = {p["participantID"]: p["firstname"] for p in data["participants"]}
    said = {}
    for locution in data["locutions"]:
        ya = next(b for a, b in links if a == locution["nodeID"])
        assert nodes[ya]["type"] == "YA" and nodes[ya]["text"] == "Asserting"
        statement = next(b for a, b in links if a == ya)
        said[statement] = speakers[locution["personID"]]
    assert said == {n.id: m.person(n.by).name for n in m.nodes if n.by is not None}


def test_import_linked_attack_and_undercut_of_an_attack() -> None:
    data = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "claim"},
            {"nodeID": "2", "type": "I", "text": "objection part one"},
            {"nodeID": "3", "type": "I", "text": "objection part two"},
            {"nodeID": "4", "type": "CA", "text": "Default Conflict"},
            {"nodeID": "5", "type": "I", "text": "the objection misses the point"},
            {"nodeID": "6", "type": "CA", "text": "Default Conflict"},
            {"nodeID": "7", "type": "MA", "text": "Default Rephrase"},
        ],
        "edges": [
            {"fromID": "2", "toID": "4"},
            {"fromID": "3", "toID": "4"},
            {"fromID": "4", "toID": "1"},
            {"fromID": "5", "toID": "6"},
            {"fromID": "6", "toID": "4"},
        ],
    }
    result = from_aif_result(json.dumps(data, indent=1), "x.json")
    attack, undercut = result.map.relations
    assert (attack.kind, attack.members, attack.target) == (RelationKind.ATTACKS, ("n2", "n3"), "n1")
    assert (undercut.kind, undercut.members, undercut.target) == (RelationKind.UNDERCUTS, ("n5",), attack.id)
    assert [n.kind for n in result.map.nodes] == [
        NodeKind.CLAIM,
        NodeKind.REBUTTAL,
        NodeKind.REBUTTAL,
        NodeKind.REBUTTAL,
    ]
    # The MA-node has no place in argmap: a warning at its line, not silence.
    (warning,) = result.warnings
    assert "rephrases (MA)" in warning.message
    text = json.dumps(data, indent=1)
    lines = text.splitlines()
    ma_line = next(i for i, line in enumerate(lines, start=1) if '"nodeID": "7"' in line)
    assert (warning.span.file, warning.span.line) == ("x.json", ma_line - 1)  # the node's `{`
    assert lines[warning.span.line - 1].strip() == "{"
    assert argmap.loads(argmap.dumps(result.map)) == result.map


def test_import_reports_an_inference_without_premises() -> None:
    data = {
        "nodes": [{"nodeID": "a", "type": "I", "text": "x"}, {"nodeID": "r", "type": "RA"}],
        "edges": [{"fromID": "r", "toID": "a"}],
    }
    result = from_aif_result(json.dumps(data), "x.json")
    assert result.map.relations == ()
    assert ["RA-node `r` has no premise" in w.message for w in result.warnings] == [True]


HOSTILE = 'he said "no" ]]> <b>&amp;</b> \\ {x}\nnext line'


def test_hostile_text_round_trips_exactly() -> None:
    m = Map(
        persons=(Person("p", 'Ann "A" <O\'Neil>: x'),),
        nodes=(Node(NodeKind.CLAIM, "C1", HOSTILE, by="p"), Node(NodeKind.PREMISE, "P1", HOSTILE + "!")),
        relations=(Relation(RelationKind.SUPPORTS, ("P1",), "C1"),),
    )
    result = from_aif_result(to_aif(m))
    assert [n.text for n in result.map.nodes] == [HOSTILE, HOSTILE + "!"]
    assert [p.name for p in result.map.persons] == ['Ann "A" <O\'Neil>: x']


# -- AIFdb corpora as downloaded (issue 17) ------------------------------------------------------


def _dialogue_file(**extra: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    data = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": "claim"},
            {"nodeID": "2", "type": "I", "text": "reason"},
            {"nodeID": "3", "type": "RA", "text": "Default Inference"},
            {"nodeID": "4", "type": "L", "text": "Ann: reason"},
            {"nodeID": "5", "type": "YA", "text": "Asserting"},
        ],
        "edges": [
            {"fromID": "2", "toID": "3"},
            {"fromID": "3", "toID": "1"},
            {"fromID": "4", "toID": "5"},
            {"fromID": "5", "toID": "2"},
        ],
    }
    for key, items in extra.items():
        data[key] = data[key] + items
    return data


def test_dangling_edges_of_the_dialogue_layer_are_skipped_with_one_warning() -> None:
    data = _dialogue_file(edges=[{"fromID": "5", "toID": "99"}, {"fromID": "98", "toID": "4"}])
    result = from_aif_result(json.dumps(data, indent=1), "x.json")
    assert [(r.members, r.target) for r in result.map.relations] == [(("n2",), "n1")]
    assert [p.name for p in result.map.persons] == ["Ann"]
    (warning,) = result.warnings
    assert warning.message == "2 edges of the dialogue layer (L, YA, TA) point at nodes missing from `nodes`; skipped"
    assert warning.span.line > 0


def test_a_dangling_edge_of_the_argument_layer_still_stops_the_import() -> None:
    data = _dialogue_file(edges=[{"fromID": "3", "toID": "99"}])
    with pytest.raises(FormatError, match=r"edges\[4\]\.toID: edge points at node `99`, which is not in `nodes`"):
        from_aif_result(json.dumps(data, indent=1), "x.json")


def test_identical_duplicate_records_are_read_once_with_a_warning() -> None:
    data = _dialogue_file(nodes=[{"nodeID": "2", "type": "I", "text": "reason"}] * 2)
    result = from_aif_result(json.dumps(data, indent=1), "x.json")
    assert [n.id for n in result.map.nodes] == ["n1", "n2"]
    assert [w.message for w in result.warnings] == [
        "2 node records repeat an earlier record exactly; each node is read once"
    ]


def test_duplicate_records_that_differ_still_stop_the_import() -> None:
    data = _dialogue_file(nodes=[{"nodeID": "2", "type": "I", "text": "another reason"}])
    with pytest.raises(FormatError, match=r"x.json:[0-9]+:[0-9]+: nodes\[5\]\.nodeID: node id `2` is used twice"):
        from_aif_result(json.dumps(data, indent=1), "x.json")
