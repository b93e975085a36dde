"""The pre-commit hooks of .pre-commit-hooks.yaml, tried with ``pre-commit try-repo`` on a
scratch repository: argmap-check fails on a broken map, argmap-fmt reformats a messy one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.language.formatting import format_source

ROOT = Path(__file__).resolve().parents[2]

CLEAN = format_source('claim C1 "Talks are a trap." implicit\npremise P1 "Russia rearms." implicit\nP1 supports C1\n')
MESSY = 'claim   C1 "Talks are a trap."   implicit\n\n\n\npremise P1 "Russia rearms." implicit\nP1   supports C1\n'
BROKEN = 'claim C1 "Talks are a trap." implicit\nP9 supports C1\n'


def _pre_commit() -> str:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (it is in the dev extra)")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return found


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pre-commit cache for the module: the hooks' environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, timeout=60)


def _scratch(tmp_path: Path, files: dict[str, str]) -> Path:
    repo = tmp_path / "scratch"
    repo.mkdir()
    _git(repo, "init", "-q")
    for name, text in files.items():
        (repo / name).write_text(text, encoding="utf-8")
    _git(repo, "add", ".")
    return repo


def _try(repo: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [_pre_commit(), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.mark.slow
def test_argmap_check_hook(tmp_path: Path, home: Path) -> None:
    repo = _scratch(tmp_path, {"clean.arg": CLEAN, "broken.arg": BROKEN, "notes.txt": "P9 supports C1\n"})
    done = _try(repo, home, "argmap-check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "broken.arg:2:1: error[AM002] undefined-id: `P9` is not a declared node" in done.stdout
    assert "clean.arg" not in done.stdout.replace("clean.arg\n", "")  # nothing reported about it
    (repo / "broken.arg").write_text(CLEAN, encoding="utf-8")
    done = _try(repo, home, "argmap-check")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_argmap_fmt_hook(tmp_path: Path, home: Path) -> None:
    repo = _scratch(tmp_path, {"messy.arg": MESSY, "clean.arg": CLEAN})
    done = _try(repo, home, "argmap-fmt")
    assert done.returncode == 1, done.stdout + done.stderr  # files were modified by this hook
    assert "reformatted messy.arg" in done.stdout
    assert (repo / "messy.arg").read_text(encoding="utf-8") == format_source(MESSY)
    assert (repo / "clean.arg").read_text(encoding="utf-8") == CLEAN
    _git(repo, "add", ".")
    done = _try(repo, home, "argmap-fmt")
    assert done.returncode == 0, done.stdout + done.stderr
