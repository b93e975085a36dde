"""docs/cli.md documents every subcommand and every one of its options."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from argmap.cli import COMMANDS, build_parser

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def _section(command: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## argmap {command}\n(.*?)(?=^## |\Z)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, f"docs/cli.md has no section `## argmap {command}`"
    return match.group(1)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_documented(command: str) -> None:
    section = _section(command)
    for action in _subparsers()[command]._actions:
        for flag in action.option_strings:
            assert flag in section, f"`argmap {command} {flag}` is not in docs/cli.md"


def test_every_exit_code_is_documented() -> None:
    from argmap import errors

    text = DOC.read_text(encoding="utf-8")
    codes = [value for name, value in vars(errors).items() if name.startswith("EXIT_")]
    for code in codes:
        assert f"| {code} |" in text, f"exit code {code} is not in docs/cli.md"


# -- every command the classroom and rendering docs show runs -------------------------------------

ROOT = DOC.parent.parent
RUN_DOCS = ("classroom.md", "rendering.md", "glossary.md")


def _doc_commands() -> list[tuple[str, str]]:
    out = []
    for name in RUN_DOCS:
        text = (ROOT / "docs" / name).read_text(encoding="utf-8")
        fence: str | None = None  # the language of the open code block, "" for none
        for line in text.splitlines():
            if line.startswith("```"):
                fence = line[3:].strip() if fence is None else None
            elif fence in ("", "sh", "bash") and line.strip().startswith("argmap "):
                out.append((name, line.strip()))
    return out


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples, and a `class/` folder of students' maps, as the docs' commands expect."""
    import shutil

    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "examples", folder / "examples")
    (folder / "class").mkdir()
    shutil.copytree(ROOT / "examples" / "classroom" / "sources", folder / "class" / "sources")
    for student in ("student-flawed.arg", "student-perfect.arg"):
        shutil.copy(ROOT / "examples" / "classroom" / student, folder / "class" / student)
    return folder


def test_the_docs_show_commands() -> None:
    assert len(_doc_commands()) >= 10


@pytest.mark.parametrize(("doc", "command"), _doc_commands())
def test_every_command_in_the_docs_runs(doc: str, command: str, workspace: Path) -> None:
    import shlex
    import shutil
    import subprocess
    import sys

    words = shlex.split(command)
    needs_dot = any(w.endswith((".svg", ".png", ".pdf", ".html")) for w in words) or "--steps" in words
    if needs_dot and shutil.which("dot") is None:
        pytest.skip("needs system Graphviz")
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *words[1:]], cwd=workspace, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{doc}: `{command}` exited {done.returncode}:\n{done.stderr}"
    assert "Traceback" not in done.stderr
