"""Many files at once: ``argmap check -j N`` gives exactly the serial output, in the order the
files were named, whatever the number of workers (and ``-j`` refuses nonsense with a hint)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.commands._parallel import both_halves, in_order

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


# -- one large map: its checks on two cores --------------------------------------------------------


def _half_and_pid(shared: list[int], half: int) -> tuple[int, int, int]:
    return half, sum(shared[half::2]), os.getpid()


def _fails_in_a_child(parent: int, half: int) -> tuple[int, int]:
    if os.getpid() != parent:
        raise RuntimeError("a child that fails")
    return half, os.getpid()


def _exits_in_a_child(parent: int, half: int) -> tuple[int, int]:
    if os.getpid() != parent:
        os._exit(3)
    return half, os.getpid()


def test_both_halves_runs_the_second_in_a_child_and_returns_both() -> None:
    shared = list(range(100_000))
    (first, first_sum, first_pid), (second, second_sum, second_pid) = both_halves(_half_and_pid, shared)
    assert (first, first_sum, second, second_sum) == (0, sum(shared[0::2]), 1, sum(shared[1::2]))
    assert first_pid == os.getpid() != second_pid


@pytest.mark.parametrize("work", [_fails_in_a_child, _exits_in_a_child])
def test_both_halves_computes_here_what_a_failed_child_could_not(work: object) -> None:
    me = os.getpid()
    assert both_halves(work, me) == [(0, me), (1, me)]  # type: ignore[arg-type]


def test_the_halves_hold_every_check_once() -> None:
    import inspect

    from argmap.analysis import checks
    from argmap.analysis.checks import CHECK_HALVES, connections, contradictions, quotes, structure, usage

    together = [f.__name__ for f in (*CHECK_HALVES[0], *CHECK_HALVES[1])]
    assert len(together) == len(set(together))
    assert [f.__name__ for f in checks.CHECK_FUNCTIONS] == together
    # Every check a checks module defines runs in one of the halves (a new one cannot be forgotten).
    defined = {
        name
        for module in (connections, contradictions, quotes, structure, usage)
        for name, value in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("check_") and value.__module__ == module.__name__
    }
    assert defined == set(together)


def test_a_large_map_checked_on_two_cores_says_what_one_core_says(tmp_path: Path) -> None:
    from argmap.commands.check import SPLIT_FROM

    # Past the size where check splits: problems of both halves (circular support in one, an
    # unsupported claim and an unresolved contradiction in the other) must all be reported.
    lines = [f'premise P{i} "reason {i}"\nP{i} supports C{i % 50}' for i in range(SPLIT_FROM)]
    lines += [f'claim C{i} "claim {i}"' for i in range(50)]
    lines += ['claim X "unsupported"', "C1 supports C2", "C2 supports C1", "C3 contradicts C4"]
    (tmp_path / "big.arg").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(*options: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "argmap", "check", "--format", "short", *options, "big.arg"]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)

    split, serial = run(), run("-j", "1")
    assert split.returncode == serial.returncode == 1
    assert split.stdout == serial.stdout and split.stderr == serial.stderr
    for name in ("circular-support", "unsupported-claim", "unresolved-contradiction"):
        assert name in split.stdout


def test_check_forks_only_for_a_large_map(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.analysis.analysis import analyze
    from argmap.commands import check

    forks: list[int] = []

    def recording(work: object, result: object) -> object:
        forks.append(1)
        return both_halves(work, result)  # type: ignore[arg-type]

    monkeypatch.setattr(check, "both_halves", recording)
    small = "\n".join(f'premise P{i} "r"' for i in range(10))
    large = "\n".join(f'premise P{i} "r"' for i in range(check.SPLIT_FROM))
    serial = analyze(text=large).diagnostics
    assert analyze(text=small, split_checks=check._split_large).diagnostics == analyze(text=small).diagnostics
    assert forks == []
    assert analyze(text=large, split_checks=check._split_large).diagnostics == serial
    assert forks == [1]
