"""A whole class at once (issue 15, point 4): ``argmap compare STUDENT... KEY --gradebook FILE.csv``."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.classroom.gradebook import COLUMNS, Row, rows_csv
from argmap.commands.compare import _grade, student_files

ROOT = Path(__file__).resolve().parents[2]
CLASSROOM = ROOT / "examples" / "classroom"


@pytest.fixture
def classroom(tmp_path: Path) -> Path:
    """A folder of students' maps: two good ones, one that does not parse, one with a bad id."""
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copytree(CLASSROOM / "sources", folder / "sources")
    shutil.copy(CLASSROOM / "student-flawed.arg", folder / "ann.arg")
    shutil.copy(CLASSROOM / "student-perfect.arg", folder / "bob.arg")
    (folder / "cid.arg").write_text('claim C1 "never closed\n', encoding="utf-8")
    (folder / "notes.txt").write_text("not a map\n", encoding="utf-8")
    shutil.copy(CLASSROOM / "key.arg", folder / "key.arg")  # the key may sit with the class
    return folder


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "argmap", "compare", *args], capture_output=True, text=True, cwd=cwd)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_of_students_becomes_a_gradebook_and_feedback_files(classroom: Path, jobs: str) -> None:
    done = _run(
        str(classroom), str(classroom / "key.arg"), "--gradebook", "grades.csv", "-j", jobs, cwd=classroom.parent
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    rows = _read(classroom.parent / "grades.csv")
    assert list(rows[0]) == list(COLUMNS)
    assert [r["student"] for r in rows] == ["ann", "bob", "cid"]  # sorted; notes.txt and the key left out
    ann, bob, cid = rows
    assert (ann["score"], ann["found"], ann["missing"], ann["wrong kind"], ann["wrong direction"], ann["extra"]) == (
        "70.8",
        "6",
        "2",
        "1",
        "1",
        "2",
    )
    assert bob["score"] == "100" and bob["missing"] == "0" and bob["problem"] == ""
    assert cid["score"] == "" and "syntax-error" in cid["problem"] and "cid.arg:1:" in cid["problem"]
    feedback = classroom.parent / "grades-feedback"
    assert sorted(p.name for p in feedback.iterdir()) == ["ann.txt", "bob.txt", "cid.txt"]
    assert "Score: 8.5 of 12 points (70.8%)" in (feedback / "ann.txt").read_text(encoding="utf-8")
    assert "unterminated string" in (feedback / "cid.txt").read_text(encoding="utf-8")
    assert ann["feedback"].endswith("ann.txt")
    assert "3 students, 1 not compared" in done.stderr


def test_one_student_keeps_the_old_output(tmp_path: Path) -> None:
    student, key = CLASSROOM / "student-flawed.arg", CLASSROOM / "key.arg"
    done = _run(str(student), str(key), cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.splitlines()[1] == "Score: 8.5 of 12 points (70.8%)"
    several = _run(str(student), str(student), str(key), cwd=tmp_path)
    assert several.returncode == 2 and "--gradebook" in several.stderr


def test_a_broken_key_stops_before_any_student(classroom: Path) -> None:
    (classroom / "bad-key.arg").write_text("P1 supports C1\n", encoding="utf-8")
    done = _run(str(classroom / "ann.arg"), str(classroom / "bad-key.arg"), "--gradebook", "g.csv", cwd=classroom)
    assert done.returncode == 1
    assert "in the key" in done.stderr
    assert not (classroom / "g.csv").exists()


def test_cells_that_a_spreadsheet_would_run_are_quoted() -> None:
    rows = [Row("=HYPERLINK(1)", "x.arg", problem="+cmd"), Row("ok", "-y.arg", score=50.0)]
    text = rows_csv(rows, ["@a.txt", "b.txt"])
    parsed = list(csv.reader(text.splitlines()))
    assert parsed[1][0] == "'=HYPERLINK(1)" and parsed[1][-1] == "'+cmd" and parsed[1][-2] == "'@a.txt"
    assert parsed[2][1] == "'-y.arg" and parsed[2][2] == "50"


def test_student_files_expands_folders_and_keeps_files(classroom: Path) -> None:
    found = student_files([str(classroom), str(classroom / "ann.arg")])
    assert [p.name for p in found] == ["ann.arg", "bob.arg", "cid.arg", "key.arg"]


def test_grade_one_never_raises_for_a_bad_map(tmp_path: Path) -> None:
    path = tmp_path / "deep.arg"
    path.write_text('claim C1 "x" implicit\n' + "P1 supports\n" * 3, encoding="utf-8")
    key = argmap.load(CLASSROOM / "key.arg")
    row = _grade((str(path), key, str(CLASSROOM / "key.arg"), False))
    assert row.score is None and row.problem
    missing = _grade((str(tmp_path / "nope.arg"), key, str(CLASSROOM / "key.arg"), False))
    assert missing.problem and missing.score is None
