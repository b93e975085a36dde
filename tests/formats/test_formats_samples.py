"""Every real interchange sample imports, with the counts the file itself contains.

Each expected count is written down twice: as a number (established by hand, see
docs/formats.md) and as an independent count over the raw file (node types in AIF, relation
types in Argdown JSON, relation marks in Argdown source, Pro/Con lines in Kialo), so a
changed importer and a changed sample both show up.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

import argmap
from argmap.formats import (
    Imported,
    from_aif_result,
    from_argdown_json_result,
    from_argdown_result,
    from_kialo_result,
)
from argmap.model import RelationKind

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"


def counts(result: Imported) -> tuple[int, int, int, int]:
    kinds = Counter(r.kind for r in result.map.relations)
    return (
        len(result.map.nodes),
        kinds[RelationKind.SUPPORTS],
        kinds[RelationKind.ATTACKS],
        kinds[RelationKind.UNDERCUTS],
    )


def read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def assert_writes_valid_arg(result: Imported) -> None:
    text = argmap.dumps(result.map)
    assert argmap.loads(text) == result.map


# -- AIF ------------------------------------------------------------------------------------


def aif_type_counts(name: str) -> Counter[str]:
    data = json.loads(read(name))
    data = data.get("AIF", data)
    return Counter(node["type"] for node in data["nodes"])


def test_aifdb_nodeset_counts() -> None:
    types = aif_type_counts("aifdb_nodeset6064_dialogue.json")
    assert (types["I"], types["RA"], types["CA"]) == (9, 5, 0)
    result = from_aif_result(read("aifdb_nodeset6064_dialogue.json"), "nodeset.json")
    assert counts(result) == (9, 5, 0, 0)
    # Speakers from the L-nodes ("CL : ...", "NL : ...") reached through YA-nodes.
    assert sorted(p.name for p in result.map.persons) == ["CL", "NL"]
    assert all(n.by is not None for n in result.map.nodes)
    # The dialogue's transitions are reported, with the line of the first one.
    (warning,) = result.warnings
    assert "8 dialogue transitions (TA)" in warning.message
    assert warning.span.file == "nodeset.json" and warning.span.line > 1
    assert_writes_valid_arg(result)


def test_xaif_ova3_counts_and_speaker() -> None:
    types = aif_type_counts("xaif_ova3_linked_simple.json")
    assert (types["I"], types["RA"], types["CA"]) == (2, 1, 0)
    result = from_aif_result(read("xaif_ova3_linked_simple.json"), "xaif.json")
    assert counts(result) == (2, 1, 0, 0)
    (support,) = result.map.relations
    assert result.map.node(support.members[0]).text == "B"
    assert result.map.node(support.target).text == "A"
    # personID 1 is named in the xAIF participants list.
    assert [p.name for p in result.map.persons] == ["Participant Rachel"]
    assert_writes_valid_arg(result)


# -- Argdown ----------------------------------------------------------------------------------


def test_argdown_json_2017_schema() -> None:
    data = json.loads(read("argdown_cli_test.json"))
    assert [r["type"] for r in data["relations"]] == ["entails"]
    result = from_argdown_json_result(read("argdown_cli_test.json"), "old.json")
    assert counts(result) == (2, 1, 0, 0)
    (rel,) = result.map.relations
    assert (rel.members, rel.target) == (("Statement_2",), "Statement_1")
    assert result.warnings == ()


SOFTDRUGS = (18, 9, 8, 2)  # 1 statement + 17 arguments; supports, attacks, undercuts


def test_argdown_json_current_schema() -> None:
    data = json.loads(read("argdown_legalisation_softdrugs.json"))
    kinds = Counter(r["relationType"] for r in data["relations"])
    assert (len(data["statements"]) + len(data["arguments"]), kinds["support"], kinds["attack"], kinds["undercut"]) == (
        SOFTDRUGS
    )
    result = from_argdown_json_result(read("argdown_legalisation_softdrugs.json"), "softdrugs.json")
    assert counts(result) == SOFTDRUGS
    assert result.warnings == ()
    assert_writes_valid_arg(result)


def test_argdown_source_matches_its_json_export() -> None:
    text = read("argdown_legalisation_softdrugs.argdown")
    marks = Counter(re.findall(r"^\s*(\+|-|<_)\s", text, re.MULTILINE))
    # 9 `+` lines include one repeated mention (`+ <Soft drugs are harmful>` twice is two relations);
    # `-> <No harm, no ban>` is one more attack written from the other end.
    assert (marks["+"], marks["-"] + text.count("-> <"), marks["<_"]) == (9, 8, 2)
    source = from_argdown_result(text, "softdrugs.argdown")
    exported = from_argdown_json_result(read("argdown_legalisation_softdrugs.json"), "softdrugs.json")
    assert counts(source) == SOFTDRUGS
    assert source.map.title == "Pros and Cons Legalisation of Soft Drugs"
    assert {(n.id, n.text, n.tags) for n in source.map.nodes} == {(n.id, n.text, n.tags) for n in exported.map.nodes}
    assert set(source.map.relations) == set(exported.map.relations)
    # The undercuts aim at the inference of the argument they hang under.
    undercut = next(r for r in source.map.relations if r.kind is RelationKind.UNDERCUTS and "Poor" in r.members[0])
    target = source.map.relation(undercut.target)
    assert target.members == ("Alcohol_and_tobacco_analogy",)
    assert target.target == "Legalisation_of_Soft_Drugs"


# -- Kialo ------------------------------------------------------------------------------------


def test_kialo_sample_counts() -> None:
    text = read("kialo_faith_and_science.txt")
    pros = len(re.findall(r"^[0-9.]+\. Pro: ", text, re.MULTILINE))
    cons = len(re.findall(r"^[0-9.]+\. Con: ", text, re.MULTILINE))
    links = len(re.findall(r"^[0-9.]+\. (?:Pro|Con): -> See [0-9.]+\.?$", text, re.MULTILINE))
    entries = len(re.findall(r"^[0-9.]+\. ", text, re.MULTILINE))
    assert (entries, pros, cons, links) == (780, 328, 451, 61)
    result = from_kialo_result(text, "kialo.txt")
    assert counts(result) == (entries - links, pros, cons, 0) == (719, 328, 451, 0)
    assert result.map.title == "Can Religious Faith and Science Co-exist?"
    thesis = result.map.nodes[0]
    assert thesis.kind is argmap.NodeKind.CLAIM
    assert thesis.text == "Religious Faith (Theology) and Science Can Co-exist."  # \( and \) undone
    # Two entries point to other Kialo discussions: kept, and reported.
    assert len(result.warnings) == 2
    assert all("another Kialo discussion" in w.message for w in result.warnings)
    assert_writes_valid_arg(result)


@pytest.mark.parametrize(
    "name",
    [
        "aifdb_nodeset6064_dialogue.json",
        "xaif_ova3_linked_simple.json",
        "argdown_cli_test.json",
        "argdown_legalisation_softdrugs.json",
    ],
)
def test_copies_equal_the_shared_originals(shared_dir: Path, name: str) -> None:
    assert (shared_dir / "testdata" / "interchange" / name).read_bytes() == (DATA / name).read_bytes()
