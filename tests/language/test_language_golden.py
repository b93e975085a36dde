"""Golden diagnostics for every syntax and name error of the language.

Each ``tests/data/golden/syntax/<stem>.arg`` is checked with ``argmap check`` (only the language's own
checks, AM001-AM008, so that new consistency checks do not change these files); the output is
compared with ``<stem>.full.txt`` (``--format full``, then the exit code) and ``<stem>.json``.
Regenerate after an intended change with ``ARGMAP_UPDATE_GOLDEN=1 pytest tests/language/test_language_golden.py``
and review the diff as a teacher would read the messages.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from argmap.api import load_result
from argmap.cli import main
from argmap.model.diagnostics import CHECKS

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "syntax"
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GOLDEN"))

#: The language's own checks: syntax, names, includes, unreadable files.
LANGUAGE_CHECKS = sorted(c.code for c in CHECKS.values() if c.code < "AM100")

#: Cases whose input cannot be a file in the folder: stem -> the path given to `argmap check`.
MISSING = {"missing_file": "no-such-map.arg"}

CASES = sorted([p.stem for p in GOLDEN.glob("*.arg")] + list(MISSING))


def _run(stem: str, style: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, int]:
    target = MISSING.get(stem, f"{stem}.arg")
    code = main(["check", "--format", style, *(f"--select={c}" for c in LANGUAGE_CHECKS), target])
    return capsys.readouterr().out, code


def _compare(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}; run with ARGMAP_UPDATE_GOLDEN=1 to create it"
    assert actual == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("stem", CASES)
def test_full_output_matches_golden(
    stem: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    out, code = _run(stem, "full", capsys)
    assert out.strip(), "every golden case must produce at least one diagnostic"
    _compare(GOLDEN / f"{stem}.full.txt", f"{out}[exit {code}]\n")


@pytest.mark.parametrize("stem", CASES)
def test_json_output_matches_golden(
    stem: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(GOLDEN)
    out, _ = _run(stem, "json", capsys)
    records = json.loads(out)
    assert records
    _compare(GOLDEN / f"{stem}.json", out)


def test_no_stale_golden_files() -> None:
    expected = {f"{stem}{suffix}" for stem in CASES for suffix in (".full.txt", ".json")}
    present = {p.name for p in GOLDEN.iterdir() if p.suffix in (".txt", ".json")}
    assert present == expected


@pytest.mark.parametrize("stem", CASES)
def test_every_error_says_what_to_do(stem: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A teacher's rule: every message names a place and comes with at least one hint."""
    monkeypatch.chdir(GOLDEN)
    result = load_result(MISSING.get(stem, f"{stem}.arg"))
    assert result.diagnostics
    for d in result.diagnostics:
        assert d.hints, f"{d.span}: {d.message} has no hint"
        assert d.span.line >= 1
        assert d.message == " ".join(d.message.split()), "messages are one line"


def test_exit_codes_follow_the_kind_of_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(GOLDEN)
    assert main(["check", "undefined_node.arg"]) == 1
    assert main(["check", "not_utf8.arg"]) == 3
    assert main(["check", "folder.arg"]) == 3
    assert main(["check", "no-such-map.arg"]) == 3
    err = capsys.readouterr().err
    assert "Traceback" not in err
