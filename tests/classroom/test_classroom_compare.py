"""``compare``: feedback on a student's map against the key.

The bundled flawed student map plants one of each flaw; every one must be reported, and the
perfect copy (other ids, other words) must score full marks. Golden files hold the text and JSON
output (regenerate with ARGMAP_UPDATE_GOLDEN=1).
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import pytest

from argmap.api import load, loads
from argmap.classroom.compare import (
    CREDIT,
    ID_FLOOR,
    Comparison,
    RelationFinding,
    compare,
    describe,
    marked_map,
    to_json,
    to_records,
    to_text,
)
from argmap.classroom.similarity import QUOTE_MIN_WORDS, TEXT_THRESHOLD, normalize, quotes_match, similarity
from argmap.cli import main
from argmap.diagram import relation_keys
from argmap.model import Map

ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "examples" / "classroom"
GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "classroom"


def golden(name: str, actual: str) -> None:
    """Compare with tests/data/golden/classroom/<name>; ARGMAP_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("ARGMAP_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}: run with ARGMAP_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8")


def _bundled(student: str) -> Comparison:
    return compare(
        load(CLASSROOM / f"{student}.arg"),
        load(CLASSROOM / "key.arg"),
        student_name=f"examples/classroom/{student}.arg",
        key_name="examples/classroom/key.arg",
    )


def _relation(c: Comparison, key: str) -> RelationFinding:
    (found,) = [r for r in c.relations if r.key == key]
    return found


# -- the bundled examples ------------------------------------------------------------------------


def test_perfect_copy_scores_full_marks() -> None:
    c = _bundled("student-perfect")
    assert c.percent == 100.0
    assert c.points == c.possible == 12
    assert all(n.student is not None for n in c.nodes)
    assert {r.status for r in c.relations} == {"correct"}
    assert not c.extra_nodes
    assert not c.extra_relations


def test_perfect_copy_is_matched_by_quote_and_text_not_id() -> None:
    c = _bundled("student-perfect")
    how = {n.key: (n.student, n.matched_by) for n in c.nodes}
    assert how["P4"] == ("form", "quote")
    assert how["R2"] == ("trust", "text")


def test_flawed_missed_reason_is_reported() -> None:
    c = _bundled("student-flawed")
    (p4,) = [n for n in c.nodes if n.key == "P4"]
    assert p4.student is None
    assert p4.role == "reason"
    assert _relation(c, "P4 supports C1").status == "missing"


def test_flawed_wrong_kind_is_reported() -> None:
    finding = _relation(_bundled("student-flawed"), "R2 attacks R1")
    assert finding.status == "wrong-kind"
    assert finding.student == ("R2 supports OBJ",)


def test_flawed_reversed_direction_is_reported() -> None:
    finding = _relation(_bundled("student-flawed"), "P3 supports C1")
    assert finding.status == "reversed"
    assert finding.student == ("C1 supports B",)


def test_flawed_linked_written_as_separate_is_reported() -> None:
    finding = _relation(_bundled("student-flawed"), "S1: P1 + P2 supports C1")
    assert finding.status == "linked-as-separate"
    assert set(finding.student) == {"P1 supports C1", "P2 supports C1"}


def test_flawed_extra_node_is_reported() -> None:
    c = _bundled("student-flawed")
    assert [e.id for e in c.extra_nodes] == ["X1"]
    assert c.extra_relations == ("X1 supports C1",)


def test_flawed_matches_by_id_quote_and_text() -> None:
    how = {n.key: (n.student, n.matched_by) for n in _bundled("student-flawed").nodes}
    assert how["C1"] == ("C1", "id")
    assert how["P3"] == ("B", "quote")
    assert how["R1"] == ("OBJ", "text")


def test_flawed_score_follows_the_documented_formula() -> None:
    c = _bundled("student-flawed")
    # 6 of 7 nodes, relations: 1 right, 3 half (linked/separate, reversed, wrong kind), 1 missing.
    assert c.possible == 7 + 5
    assert c.points == 6 + 1 + 3 * 0.5
    assert c.percent == round(100 * 8.5 / 12, 1)


def test_every_planted_flaw_is_in_the_text_output() -> None:
    text = to_text(_bundled("student-flawed"))
    for expected in (
        "missing  P4",
        "linked reason written as separate reasons",
        "wrong direction: you wrote `C1 supports B`",
        "wrong kind: you wrote `R2 supports OBJ`",
        "added    premise X1",
    ):
        assert expected in text


def test_golden_text_and_json() -> None:
    for student in ("student-flawed", "student-perfect"):
        c = _bundled(student)
        golden(f"{student}.txt", to_text(c))
        golden(f"{student}.json", to_json(c) + "\n")


def test_the_docs_show_the_real_output() -> None:
    docs = (ROOT / "docs" / "classroom.md").read_text(encoding="utf-8")
    assert to_text(_bundled("student-flawed")) in docs


def test_json_shape_for_a_gradebook() -> None:
    record = json.loads(to_json(_bundled("student-flawed")))
    assert set(record) == {"student", "key", "score", "nodes", "relations", "extra_nodes", "extra_relations"}
    assert record["score"] == {"points": 8.5, "possible": 12, "percent": 70.8}
    assert {r["status"] for r in record["relations"]} == {
        "correct",
        "missing",
        "wrong-kind",
        "reversed",
        "linked-as-separate",
    }
    assert to_records(_bundled("student-flawed")) == record


# -- matching rules -----------------------------------------------------------------------------


def test_similarity_forgives_case_typography_and_order() -> None:
    assert similarity("Putin’s “army” — rearms", 'putin\'s "army" - rearms') == 1.0
    assert similarity("Russia rearms during talks.", "During talks, Russia rearms.") >= TEXT_THRESHOLD
    assert similarity("Russia rearms during talks.", "Bananas are yellow fruit.") < TEXT_THRESHOLD
    assert normalize("  A\u00a0B  ") == "a b"


def test_quotes_match_needs_enough_words_to_be_contained() -> None:
    long = "a ceasefire is actually just used by Putin to train up more troops"
    assert quotes_match(long, "used by Putin to train")
    assert not quotes_match(long, " ".join(["Putin"] * (QUOTE_MIN_WORDS - 1)))
    assert quotes_match("Putin", "putin")
    assert not quotes_match("", "")


KEY = """
claim C1 "Schools should start later in the morning."
premise P1 "Teenagers sleep better when school starts later."
premise P2 "Better sleep improves learning."
premise P3 "Later starts cut car accidents among teen drivers."
rebuttal R1 "Buses would have to run at rush hour."
rebuttal R2 "Rush-hour buses cost no more than early ones."
S1: P1 + P2 supports C1
P3 supports C1
R1 attacks C1
R2 undercuts S1
"""


def _compare(student: str, key: str = KEY) -> Comparison:
    return compare(loads(student), loads(key))


def test_same_id_with_unrelated_text_is_not_a_match() -> None:
    c = _compare('claim C1 "Pineapple belongs on pizza."\n', 'claim C1 "Schools should start later."\n')
    assert similarity("Pineapple belongs on pizza.", "Schools should start later.") < ID_FLOOR
    assert c.nodes[0].student is None
    assert [e.id for e in c.extra_nodes] == ["C1"]


def test_text_matching_is_one_to_one() -> None:
    student = 'claim A "Schools should start later in the morning."\nclaim B "Schools should start later."\n'
    c = _compare(student, 'claim C1 "Schools should start later in the morning."\n')
    assert c.nodes[0].student == "A"
    assert [e.id for e in c.extra_nodes] == ["B"]


def test_separate_written_as_linked() -> None:
    student = KEY.replace("S1: P1 + P2 supports C1\nP3 supports C1", "S1: P1 + P2 + P3 supports C1")
    c = _compare(student)
    assert _relation(c, "P3 supports C1").status == "separate-as-linked"
    assert _relation(c, "S1: P1 + P2 supports C1").status == "separate-as-linked"


def test_linked_group_missing_a_member_is_incomplete() -> None:
    c = _compare(KEY.replace("S1: P1 + P2 supports C1", "S1: P1 supports C1"))
    assert _relation(c, "S1: P1 + P2 supports C1").status == "incomplete"
    assert CREDIT["incomplete"] == 0.5


def test_undercut_is_compared_through_the_relation_it_targets() -> None:
    assert _relation(_compare(KEY), "R2 undercuts S1").status == "correct"
    relabelled = KEY.replace("S1:", "L:").replace("undercuts S1", "undercuts L")
    assert _relation(_compare(relabelled), "R2 undercuts S1").status == "correct"
    as_attack = KEY.replace("R2 undercuts S1", "R2 attacks C1")
    c = _compare(as_attack)
    assert _relation(c, "R2 undercuts S1").status == "missing"
    assert c.extra_relations == ("R2 attacks C1",)


def test_contradiction_matches_either_way_round() -> None:
    key = 'claim A "Talks help."\nclaim B "Talks hurt."\nA contradicts B\n'
    assert _compare('claim A "Talks help."\nclaim B "Talks hurt."\nB contradicts A\n', key).relations[0].status == (
        "correct"
    )
    attack = _compare('claim A "Talks help."\nclaim B "Talks hurt."\nB attacks A\n', key)
    assert attack.relations[0].status == "wrong-kind"


def test_empty_key_gives_full_marks_and_lists_additions() -> None:
    c = compare(loads('claim C1 "Something."\n'), Map())
    assert c.percent == 100.0
    assert [e.id for e in c.extra_nodes] == ["C1"]


# -- the marked diagram -------------------------------------------------------------------------


def _mark_of(drawn: Map, marks: dict[str, str], relation: str) -> str | None:
    """The mark of the relation written ``relation`` (as ``describe`` writes it), by its render key."""
    (index,) = [i for i, r in enumerate(drawn.relations) if describe(r) == relation]
    return marks.get(relation_keys(drawn)[index])


def test_marked_map_adds_what_is_missing_and_marks_differences() -> None:
    student = load(CLASSROOM / "student-flawed.arg")
    key = load(CLASSROOM / "key.arg")
    drawn, marks = marked_map(student, key, compare(student, key))
    assert drawn.node("P4").text == key.node("P4").text
    assert marks["P4"] == "missing"
    assert marks["X1"] == "extra"
    assert _mark_of(drawn, marks, "X1 supports C1") == "extra"
    assert _mark_of(drawn, marks, "C1 supports B") == "wrong"
    assert _mark_of(drawn, marks, "R2 supports OBJ") == "wrong"
    assert _mark_of(drawn, marks, "P1 supports C1") == _mark_of(drawn, marks, "P2 supports C1") == "wrong"
    assert _mark_of(drawn, marks, "P4 supports C1") == "missing"
    assert _mark_of(drawn, marks, "OBJ attacks C1") is None  # right: nothing to mark
    assert set(marks.values()) == {"missing", "extra", "wrong"}


def test_marked_map_renames_a_missing_node_whose_id_the_student_used() -> None:
    student = loads('claim C1 "Schools should start later in the morning."\npremise P3 "Pizza is tasty."\n')
    key = loads(KEY)
    drawn, marks = marked_map(student, key, compare(student, key))
    assert marks["P3"] == "extra"
    assert marks["P3-key"] == "missing"
    assert drawn.node("P3-key").text == key.node("P3").text


# -- the command --------------------------------------------------------------------------------


def test_cli_text_and_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    flawed, key = "examples/classroom/student-flawed.arg", "examples/classroom/key.arg"
    assert main(["compare", flawed, key]) == 0
    assert capsys.readouterr().out == to_text(_bundled("student-flawed"))
    assert main(["compare", flawed, key, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == json.loads(to_json(_bundled("student-flawed")))


def test_cli_map_with_errors_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.arg"
    broken.write_text('claim C1 "x"\nP9 supports C1\n', encoding="utf-8")
    assert main(["compare", str(broken), str(CLASSROOM / "key.arg")]) == 1
    err = capsys.readouterr().err
    assert "broken.arg:2:1" in err
    assert "P9" in err


def test_cli_unreadable_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(tmp_path / "nope.arg"), str(CLASSROOM / "key.arg")]) == 3
    assert "cannot read" in capsys.readouterr().err


def test_cli_usage_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", str(CLASSROOM / "key.arg")]) == 2
    key = str(CLASSROOM / "key.arg")
    assert main(["compare", key, key, "-o", "diagram.txt"]) == 2
    assert "cannot tell the diagram format" in capsys.readouterr().err


@pytest.mark.exe
def test_cli_draws_the_marked_student_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "feedback.svg"
    code = main(["compare", str(CLASSROOM / "student-flawed.arg"), str(CLASSROOM / "key.arg"), "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    svg = html.unescape(out.read_text(encoding="utf-8"))  # Graphviz writes "-" in ids as &#45;
    assert "mark-missing" in svg
    assert "mark-extra" in svg
    assert "Each earlier land grab" in svg  # the missed reason, drawn from the key


def test_cli_feedback_survives_an_unwritable_diagram(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "no" / "such" / "folder" / "feedback.dot"
    assert main(["compare", str(CLASSROOM / "student-flawed.arg"), str(CLASSROOM / "key.arg"), "-o", str(out)]) == 3
    captured = capsys.readouterr()
    assert "Score: 8.5 of 12 points" in captured.out
    assert "does not exist" in captured.err


def test_the_classroom_examples_are_clean_and_formatted() -> None:
    from argmap.analysis.checks import run_checks
    from argmap.api import load_result
    from argmap.language.formatting import format_source

    for path in sorted(CLASSROOM.glob("*.arg")):
        result = load_result(path)
        assert not [d for d in (*result.diagnostics, *run_checks(result)) if d.is_error], path.name
        text = path.read_text(encoding="utf-8")
        assert format_source(text, str(path)) == text, f"{path.name}: run argmap fmt"
