"""Many files at once: ``argmap check -j N`` gives exactly the serial output, in the order the
files were named, whatever the number of workers (and ``-j`` refuses nonsense with a hint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.commands._parallel import in_order

CLEAN = 'claim C1 "A ceasefire could let Putin rearm."\n  implicit\n'
ERRORS = 'claim C1 "A ceasefire could let Putin rearm."\n  implicit\nP1 supports C1\n'
WARNINGS = 'claim C1 "A ceasefire could let Putin rearm."\n  implicit\nsource s "Headline"\n'


def _square(x: int) -> int:
    return x * x


def _pid(_: int) -> int:
    return os.getpid()


@pytest.mark.parametrize("jobs", [0, 1, 2, 3])
def test_in_order_keeps_the_order_of_the_items(jobs: int) -> None:
    items = list(range(200))
    assert list(in_order(_square, items, jobs)) == [x * x for x in items]


def test_in_order_works_in_other_processes_only_when_asked() -> None:
    assert set(in_order(_pid, [1, 2, 3], 1)) == {os.getpid()}
    assert os.getpid() not in set(in_order(_pid, list(range(64)), 2))


@pytest.fixture
def homework(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Forty small maps, clean, with warnings, with errors, and one missing file, mixed."""
    monkeypatch.chdir(tmp_path)
    names = []
    for i in range(40):
        name = f"student{i:02}.arg"
        (tmp_path / name).write_text((CLEAN, WARNINGS, ERRORS)[i % 3], encoding="utf-8")
        names.append(name)
    names.insert(17, "missing.arg")
    return names


@pytest.mark.parametrize("style", ["short", "hints", "full", "json"])
def test_check_in_parallel_prints_what_a_serial_run_prints(
    homework: list[str], style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    serial = main(["check", "-j", "1", "--format", style, *homework])
    expected = capsys.readouterr()
    parallel = main(["check", "-j", "3", "--format", style, *homework])
    got = capsys.readouterr()
    assert (parallel, got.out, got.err) == (serial, expected.out, expected.err)
    assert serial == 3  # the missing file
    assert "student02.arg" in expected.out
    assert expected.out.index("student02.arg") < expected.out.index("missing.arg") < expected.out.index("student38")


def test_check_by_default_uses_every_core_and_says_the_same(homework: list[str]) -> None:
    argmap = [sys.executable, "-m", "argmap", "check"]
    serial = subprocess.run([*argmap, "-j", "1", *homework], capture_output=True, text=True, check=False)
    default = subprocess.run([*argmap, *homework], capture_output=True, text=True, check=False)
    assert (default.returncode, default.stdout, default.stderr) == (serial.returncode, serial.stdout, serial.stderr)
    assert serial.returncode == 3


@pytest.mark.parametrize(("value", "message"), [("x", "is not a number of jobs"), ("-2", "cannot be negative")])
def test_check_refuses_a_bad_number_of_jobs(
    homework: list[str], value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-j", value, homework[0]]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert "hint" in err
