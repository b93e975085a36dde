"""Importers against hostile input (issue 19, findings 6, 8 and 13): nothing quadratic in any
dimension of an imported file a user controls, no exit 70 from odd JSON, no duplicate key or
oversized output accepted in silence.

Scaling tests (marked ``scaling``) use the shared helper ``tests/scaling.py``: each input at
size n and 4n, the larger at most 6x the time and the memory of the smaller (linear is 4x;
quadratic would be 16x). No absolute timing is asserted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.formats import (
    FormatError,
    from_aif_result,
    from_argdown_json_result,
    from_argdown_result,
    from_json_result,
    from_kialo_result,
    to_argdown,
    to_json,
)
from argmap.formats.ids import IdMaker
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from tests.hardening.test_hardening_support import assert_tidy, cli
from tests.scaling import assert_scales


def _argdown(text: str) -> object:
    return from_argdown_result(text, "t.argdown")


def _aif(text: str) -> object:
    return from_aif_result(text, "t.json")


# -- file size, per format -------------------------------------------------------------------------


def _chain_map(n: int) -> Map:
    nodes = tuple(Node(NodeKind.PREMISE, f"N{i}", f"statement number {i}") for i in range(n))
    relations = tuple(Relation(RelationKind.SUPPORTS, (f"N{i + 1}",), f"N{i}") for i in range(n - 1))
    return Map(nodes=nodes, relations=relations)


@pytest.mark.scaling
def test_argdown_source_scales_with_file_size() -> None:
    assert_scales(lambda n: to_argdown(_chain_map(n)), _argdown, 25)


@pytest.mark.scaling
def test_argmap_json_scales_with_file_size() -> None:
    assert_scales(lambda n: to_json(_chain_map(n)), lambda t: from_json_result(t, "t.json"), 75)


@pytest.mark.scaling
def test_argdown_json_scales_with_file_size() -> None:
    def make(n: int) -> str:
        statements = {f"s{i}": {"members": [{"text": f"text {i}", "role": "top-level-statement"}]} for i in range(n)}
        relations = [{"from": f"s{i + 1}", "to": f"s{i}", "relationType": "support"} for i in range(n - 1)]
        return json.dumps({"statements": statements, "arguments": {}, "relations": relations}, indent=1)

    assert_scales(make, lambda t: from_argdown_json_result(t, "t.json"), 37)


def _aif_file(n: int, *, speakers: bool = False) -> str:
    nodes = [{"nodeID": f"i{i}", "type": "I", "text": f"text {i}"} for i in range(n)]
    nodes += [{"nodeID": f"r{i}", "type": "RA", "text": "Default Inference"} for i in range(n - 1)]
    edges = [{"fromID": f"i{i + 1}", "toID": f"r{i}"} for i in range(n - 1)]
    edges += [{"fromID": f"r{i}", "toID": f"i{i}"} for i in range(n - 1)]
    return json.dumps({"nodes": nodes, "edges": edges}, indent=1)


@pytest.mark.scaling
def test_aif_scales_with_file_size() -> None:
    assert_scales(_aif_file, _aif, 37)


@pytest.mark.scaling
def test_kialo_scales_with_file_size() -> None:
    def make(n: int) -> str:
        lines = ["Discussion Title: wide and deep", "", "1. The thesis."]
        lines += [f"1.{i}. {'Pro' if i % 2 else 'Con'}: answer {i}" for i in range(1, n)]
        lines += [f"1.1.{i}. Con: deeper answer {i}" for i in range(1, n)]
        return "\n".join(lines) + "\n"

    assert_scales(make, lambda t: from_kialo_result(t, "k.txt"), 75)


# -- the dimensions of finding 6, and the other counts inside a file --------------------------------


@pytest.mark.scaling
def test_argdown_block_comment_openers_scale() -> None:
    """Was: `/* ` 40,000 times took 17 s (a regular expression searched to the end from each)."""
    assert_scales(lambda n: "[A]: a\n" + "/* " * n + "\n", _argdown, 1000)
    assert_scales(lambda n: "[A]: a\n" + "<!-- " * n + "\n", _argdown, 250)
    assert_scales(lambda n: "[A]: a\n" + "/* x */ <!-- " * n + "\n", _argdown, 125)


@pytest.mark.scaling
def test_argdown_data_keys_on_one_line_scale() -> None:
    """Was: 16,000 keys in one `{...}` took 32 s (a lookahead to the end at each comma)."""
    assert_scales(lambda n: "[A]: a {" + ", ".join(f"k{i}: {i}" for i in range(n)) + "}\n", _argdown, 500)


def test_a_data_block_of_many_keys_gives_one_bounded_warning() -> None:
    text = "[A]: a {" + ", ".join(f"k{i}: {i}" for i in range(1000)) + "}\n"
    (warning,) = from_argdown_result(text, "t.argdown").warnings
    assert warning.message == "data `k0`, `k1`, `k2`, `k3`, `k4` and 995 more of [A] has no place in argmap"


@pytest.mark.scaling
def test_argdown_long_lines_of_marks_scale() -> None:
    """Was (found writing these tests): `-- a` and 20,000 dashes took 6 s (a lazy pattern for
    the one-line inference rule backtracked over the dash run)."""
    assert_scales(lambda n: "[A]: a\n-- a" + "-" * (20 * n) + "b\n", _argdown, 250)
    for mark in ("<", "[", "#", "{"):

        def make(n: int, mark: str = mark) -> str:
            return "[A]: a\n" + mark * n + "b\n"

        assert_scales(make, _argdown, 125)


@pytest.mark.scaling
def test_argdown_front_matter_keys_scale() -> None:
    assert_scales(lambda n: "===\n" + "".join(f"key{i}: {i}\n" for i in range(n)) + "===\n\n[A]: a\n", _argdown, 2000)


@pytest.mark.scaling
def test_argdown_untitled_statements_with_one_text_scale() -> None:
    assert_scales(lambda n: "Same text.\n\n" * n, _argdown, 25)


@pytest.mark.scaling
def test_tags_of_one_statement_scale() -> None:
    """Was (found writing these tests): 16,000 tags on one statement took 2 s in Argdown and
    3 s in Argdown JSON (each tag checked against a list; tag ranges cut one by one)."""
    assert_scales(lambda n: "[A]: a " + " ".join(f"#t{i}" for i in range(n)) + "\n", _argdown, 250)

    def make(n: int) -> str:
        text = "a " + " ".join(f"#t{i}" for i in range(n))
        ranges = [{"type": "tag", "start": 2 + 4 * i, "stop": 4 + 4 * i} for i in range(n)]
        member = {"text": text, "tags": [f"t{i}" for i in range(n)], "ranges": ranges}
        return json.dumps({"statements": {"A": {"members": [member]}}, "relations": []})

    assert_scales(make, lambda t: from_argdown_json_result(t, "t.json"), 250)


@pytest.mark.scaling
def test_kialo_footnotes_scale() -> None:
    """Was (found writing these tests): 16,000 footnotes over two lines each took 26 s (each
    continued line searched every footnote for the last one). The thesis cites them all, so
    they become one note rather than thousands of sources (whose allocation is not the point)."""

    def make(n: int) -> str:
        thesis = "1. Thesis " + "".join(f"[{i}]" for i in range(n))
        return thesis + "\n\nSources:\n" + "".join(f"[{i}] a\ncontinued\n" for i in range(n))

    assert_scales(make, lambda t: from_kialo_result(t, "k.txt"), 1000)


@pytest.mark.scaling
def test_aif_speakers_scale() -> None:
    """Was: one YA-node with N L-nodes in and N I-nodes out took 30 s at 1.7 MB."""

    def make(n: int) -> str:
        nodes = [{"nodeID": "ya", "type": "YA", "text": "Asserting"}]
        nodes += [{"nodeID": f"l{i}", "type": "L", "text": f"text {i}"} for i in range(n)]
        nodes += [{"nodeID": f"i{i}", "type": "I", "text": f"text {i}"} for i in range(n)]
        edges = [{"fromID": f"l{i}", "toID": "ya"} for i in range(n)]
        edges += [{"fromID": "ya", "toID": f"i{i}"} for i in range(n)]
        return json.dumps({"nodes": nodes, "edges": edges})

    assert_scales(make, _aif, 37)


@pytest.mark.scaling
def test_aif_contradictions_of_one_node_scale() -> None:
    """Was (found writing these tests): 4,000 contradictions of one node took 8 s (each CA-node
    searched the node's CA-nodes for its partner)."""

    def make(n: int) -> str:
        nodes: list[dict[str, str]] = [{"nodeID": "hub", "type": "I", "text": "hub"}]
        edges: list[dict[str, str]] = []
        for i in range(n):
            nodes += [
                {"nodeID": f"i{i}", "type": "I", "text": f"text {i}"},
                {"nodeID": f"a{i}", "type": "CA", "text": "Contradiction"},
                {"nodeID": f"b{i}", "type": "CA", "text": "Contradiction"},
            ]
            edges += [
                {"fromID": f"i{i}", "toID": f"a{i}"},
                {"fromID": f"a{i}", "toID": "hub"},
                {"fromID": "hub", "toID": f"b{i}"},
                {"fromID": f"b{i}", "toID": f"i{i}"},
            ]
        return json.dumps({"nodes": nodes, "edges": edges})

    assert_scales(make, _aif, 75)
    assert [r.kind for r in from_aif_result(make(3), "t.json").map.relations] == [RelationKind.CONTRADICTS] * 3


@pytest.mark.scaling
def test_aif_linked_group_members_scale() -> None:
    def make(n: int) -> str:
        nodes = [{"nodeID": "c", "type": "I", "text": "claim"}, {"nodeID": "r", "type": "RA", "text": "x"}]
        nodes += [{"nodeID": f"p{i}", "type": "I", "text": f"premise {i}"} for i in range(n)]
        edges = [{"fromID": f"p{i}", "toID": "r"} for i in range(n)] + [{"fromID": "r", "toID": "c"}]
        return json.dumps({"nodes": nodes, "edges": edges})

    assert_scales(make, _aif, 37)


@pytest.mark.scaling
def test_argdown_linked_group_members_scale() -> None:
    def make(n: int) -> str:
        premises = "".join(f"({i}) [P{i}]: premise {i}\n" for i in range(1, n + 1))
        return f"<A>\n\n{premises}----\n({n + 1}) [C]: conclusion\n"

    assert_scales(make, _argdown, 25)


@pytest.mark.scaling
def test_argdown_comment_lines_scale() -> None:
    def make(n: int) -> str:
        return "[A]: a\n" + "".join(f"  <!-- comment {i} -->\n  + [B{i}]: b\n" for i in range(n))

    assert_scales(make, _argdown, 25)


# -- finding 8: no exit 70 from odd JSON or Argdown -----------------------------------------------


_LONE = '{"nodes": [{"nodeID": "1", "type": "I", "text": "half \\ud800 pair"}], "edges": []}'


@pytest.mark.parametrize("target", ["arg", "json", "aif", "argdown"])
def test_a_lone_surrogate_in_aif_is_a_clear_error_for_every_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    source = tmp_path / "x.json"
    source.write_text(_LONE, encoding="utf-8")
    outcome = cli(capsys, "convert", str(source), "--to", target, "-o", str(tmp_path / f"out.{target}"))
    assert_tidy(outcome)
    assert outcome.code == 1
    assert "x.json:1:49: nodes[0].text: this text holds half of a surrogate pair" in outcome.err
    assert not (tmp_path / f"out.{target}").exists()


def test_a_lone_surrogate_in_argdown_json_or_argmap_json_is_a_clear_error() -> None:
    with pytest.raises(FormatError, match=r"statements\.a\.title: this text holds half"):
        from_argdown_json_result('{"statements": {"a": {"title": "\\udc00"}}, "relations": []}', "a.json")
    with pytest.raises(FormatError, match="surrogate"):
        from_json_result('{"format": "argmap", "version": 1, "title": "\\ud83d"}', "m.json")


def test_a_number_of_5000_digits_in_json_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.json"
    source.write_text('{"nodes": [], "edges": [], "n":\n ' + "9" * 5000 + "}", encoding="utf-8")
    outcome = cli(capsys, "convert", str(source), "--from", "aif", "--to", "arg", "-o", str(tmp_path / "o.arg"))
    assert_tidy(outcome)
    assert outcome.code == 1 and "x.json:2:2: a number has more than 4,300 digits" in outcome.err
    # Told by content alone (no --from), it is no known JSON: a usage error, not a crash.
    outcome = cli(capsys, "convert", str(source), "--to", "arg", "-o", str(tmp_path / "o.arg"))
    assert_tidy(outcome)


def test_numbers_of_5000_digits_in_argdown_data_and_front_matter_stay_text() -> None:
    big = "9" * 5000
    result = from_argdown_result(f"===\ntitle: {big}\n===\n\n[A]: a {{step: {big}}}\n", "t.argdown")
    assert result.map.title == big
    assert result.map.node("A").step is None


# -- finding 13: duplicate keys, and an output argmap could not read back ---------------------------


def test_a_duplicate_json_key_is_reported_with_its_path_and_place() -> None:
    """Was: a second `"nodes": []` emptied the map without a word."""
    text = '{\n "nodes": [{"nodeID": "1", "type": "I", "text": "a"}],\n "edges": [],\n "nodes": []\n}'
    with pytest.raises(FormatError, match=r"^t.json:4:2: nodes: key `nodes` appears twice in one object"):
        from_aif_result(text, "t.json")
    with pytest.raises(FormatError, match=r"t.json:1:41: nodes\[0\]\.type: key `type` appears twice"):
        from_aif_result('{"nodes": [{"type": "I", "nodeID": "1", "type": "RA"}], "edges": []}', "t.json")


def test_a_conversion_larger_than_argmap_reads_back_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Was: a 25 MB Kialo file became a 75 MB .arg that argmap then refused to read. The
    limit is lowered here so a small file shows it."""
    import argmap.analysis.loading

    monkeypatch.setattr(argmap.analysis.loading, "MAX_FILE_BYTES", 2000)
    source = tmp_path / "k.txt"
    source.write_text("1. Thesis.\n" + "".join(f"1.{i}. Pro: reason {i}\n" for i in range(1, 100)), encoding="utf-8")
    outcome = cli(capsys, "convert", str(source), "-o", str(tmp_path / "k.arg"))
    assert_tidy(outcome)
    assert outcome.code == 3
    assert "more than argmap reads back as arg (0 MiB); nothing was written" in outcome.err
    assert not (tmp_path / "k.arg").exists()


@given(st.lists(st.tuples(st.booleans(), st.sampled_from(["x", "x_2", "x_3", "y", "1", "", "class", "é"]))))
def test_ids_made_for_many_alike_wishes_are_the_first_free_ones(steps: list[tuple[bool, str]]) -> None:
    """IdMaker resumes each base's search where it stopped (was quadratic in alike wishes):
    the ids are still the first free `base`, `base_2`, `base_3`, ... at each step."""
    maker, taken = IdMaker(), set()
    for reserve, wanted in steps:
        if reserve:
            maker.reserve(wanted)
            taken.add(wanted)
            continue
        made = maker.make(wanted, "n")
        base = IdMaker().make(wanted, "n")  # what the wish is made into when nothing is taken
        first = [base, *(f"{base}_{k}" for k in range(2, len(taken) + 3))]
        assert made == next(c for c in first if c not in taken)
        taken.add(made)
