"""The ``argmap`` process ends with ``os._exit`` after flushing its output, keeping its maps
until then (``argmap.commands.lifetime``): everything written must still arrive, with the exit
code, and nothing is kept by anyone but that process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.cli import main
from argmap.commands import lifetime


def test_keep_keeps_only_in_the_process_that_ends_without_freeing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lifetime, "_kept", [])
    monkeypatch.setattr(lifetime, "_ending_process", 0)
    lifetime.keep("a map")
    assert lifetime._kept == []  # a caller of main, or the library: nothing kept
    lifetime.end_without_freeing()
    lifetime.keep("a map")
    assert lifetime._kept == ["a map"]
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a forked worker (in_order's pool) must not pile up every file's map
        lifetime.keep("another map")
        os.write(write_end, str(len(lifetime._kept)).encode())
        os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    assert os.read(read_end, 16) == b"1"
    os.close(read_end)


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    # Buffered, as for most users: an unflushed buffer would be lost by ``os._exit``.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run([sys.executable, "-m", "argmap", *args], cwd=cwd, env=env, capture_output=True, check=False)


def test_everything_written_arrives_with_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large report on a pipe, and the summary on stderr, as the in-process ``main`` gives them."""
    lines = ['claim C1 "c"\n  implicit\n'] + [f"P{i} supports C1\n" for i in range(3_000)]  # 3,000 errors
    (tmp_path / "big.arg").write_text("".join(lines), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for style in ("full", "json"):
        expected_code = main(["check", "--format", style, "big.arg"])
        expected = capsys.readouterr()
        got = _run(["check", "--format", style, "big.arg"], tmp_path)
        assert got.returncode == expected_code == 1
        assert got.stdout.decode() == expected.out
        assert len(got.stdout) > 200_000  # more than any pipe's buffer
        assert got.stderr.decode() == expected.err


def test_a_file_written_by_a_command_is_complete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "map.arg").write_text(
        "".join(f'claim C{i} "statement {i}"\n  implicit\n' for i in range(2_000)), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["render", "map.arg", "--format", "dot", "-o", "expected.dot"]) == 0
    got = _run(["render", "map.arg", "--format", "dot", "-o", "map.dot"], tmp_path)
    assert got.returncode == 0, got.stderr
    dot = (tmp_path / "map.dot").read_bytes()
    assert dot == (tmp_path / "expected.dot").read_bytes() and dot.rstrip().endswith(b"}")
