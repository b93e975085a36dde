"""docs/cli.md documents every subcommand and every one of its options."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from argmap.cli import COMMANDS, build_parser

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


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
