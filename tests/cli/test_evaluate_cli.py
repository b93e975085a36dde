"""``argmap evaluate``: golden JSON and text, and every way it can refuse."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "data" / "golden" / "checks" / "evaluate"
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GOLDEN"))

LANGUAGE = "tests/data/language_example.arg"
CONTRADICTION = "tests/data/fixtures/checks/unresolved-contradiction.arg"


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with ARGMAP_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


CASES = {
    "language-grounded.json": [LANGUAGE, "--format", "json"],
    "language-preferred.json": [LANGUAGE, "--semantics", "preferred", "--format", "json"],
    "language-stable-side-with-C7.json": [LANGUAGE, "--semantics", "stable", "--side-with", "C7", "--format", "json"],
    "contradiction-preferred.json": [CONTRADICTION, "--semantics", "preferred", "--format", "json"],
    "language-grounded.txt": [LANGUAGE],
    "contradiction-preferred-side-with-C1.txt": [CONTRADICTION, "--semantics", "preferred", "--side-with", "C1"],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_golden(capsys: pytest.CaptureFixture[str], name: str) -> None:
    code, out, err = _run(capsys, *CASES[name])
    assert (code, err) == (0, "")
    _golden(name, out)


def test_json_shape_grounded_is_one_object_and_the_others_a_list(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = _run(capsys, LANGUAGE, "--format", "json")
    data = json.loads(out)
    assert data["semantics"] == "grounded"
    assert data["labels"]["P2"] == "out"
    _, out, _ = _run(capsys, CONTRADICTION, "--semantics", "preferred", "--format", "json")
    readings = json.loads(out)
    assert [r["labels"]["C1"] for r in readings] == ["in", "out"]
    assert {r["semantics"] for r in readings} == {"preferred"}


def test_a_map_with_errors_prints_them_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "tests/data/fixtures/checks/undefined-id.arg")
    assert code == 1
    assert out == ""
    assert "error[AM002] undefined-id" in err
    assert "fix them before evaluating" in err


def test_an_unknown_side_with_id_is_a_usage_error_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, CONTRADICTION, "--semantics", "stable", "--side-with", "c1")
    assert code == 2
    assert out == ""
    assert "--side-with `c1`" in err
    assert "did you mean `C1`?" in err


def test_side_with_needs_preferred_or_stable(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, CONTRADICTION, "--side-with", "C1")
    assert code == 2
    assert "--side-with needs --semantics preferred or stable" in err


def test_limit_caps_the_readings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, CONTRADICTION, "--semantics", "preferred", "--limit", "1", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == 1
    assert _run(capsys, CONTRADICTION, "--limit", "0")[0] == 2


def test_no_reading_is_said_in_words(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    odd = tmp_path / "odd.arg"
    odd.write_text('premise A "a"\npremise B "b"\npremise C "c"\nA attacks B\nB attacks C\nC attacks A\n')
    code, out, _ = _run(capsys, str(odd), "--semantics", "stable")
    assert code == 0
    assert "no stable reading" in out
    code, out, _ = _run(capsys, str(odd), "--semantics", "stable", "--format", "json")
    assert json.loads(out) == []


def test_an_unreadable_file_exits_3(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = _run(capsys, str(tmp_path / "missing.arg"))
    assert code == 3
    assert "unreadable-file" in err


def test_the_example_in_docs_evaluation_is_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    text = (ROOT / "docs" / "evaluation.md").read_text(encoding="utf-8")
    example = re.search(r"```arg\n(.*?)```\n", text, re.DOTALL)
    assert example is not None
    # The map, then the command's output in the next plain block.
    blocks = [example.group(1), *re.findall(r"```\n(.*?)```", text[example.end() :], re.DOTALL)]
    (tmp_path / "talks.arg").write_text(blocks[0], encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "talks.arg")
    assert code == 0
    shown = [line for line in blocks[1].splitlines()[1:] if line.strip() != "..."]
    assert shown and all(line in out.splitlines() for line in shown), out
