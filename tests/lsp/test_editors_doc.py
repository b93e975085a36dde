"""docs/editors.md: each editor's configuration is valid in its own format and starts
`argmap lsp`; the shell commands it shows exist (make targets, the lexer)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", PAGE, flags=re.DOTALL)


def test_every_editor_has_its_configuration() -> None:
    for heading in ("## Visual Studio Code", "## Neovim", "## Helix", "## Emacs (eglot)", "## Sublime Text"):
        assert heading in PAGE
    [lua] = _blocks("lua")
    assert 'cmd = { "argmap", "lsp" }' in lua
    [elisp] = _blocks("elisp")
    assert '("argmap" "lsp")' in elisp
    assert elisp.count("(") == elisp.count(")")


def test_helix_configuration_is_toml() -> None:
    if sys.version_info < (3, 11):
        pytest.skip("tomllib needs Python 3.11")
    import tomllib

    [toml] = _blocks("toml")
    config = tomllib.loads(toml)
    assert config["language-server"]["argmap"] == {"command": "argmap", "args": ["lsp"]}
    assert config["language"][0]["file-types"] == ["arg"]


def test_sublime_configuration_is_json() -> None:
    [block] = _blocks("json")
    client = json.loads(block)["clients"]["argmap"]
    assert client["command"] == ["argmap", "lsp"]


def test_the_shell_commands_it_shows_exist() -> None:
    commands = [line for block in _blocks("sh") for line in block.splitlines() if line.strip()]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in commands:
        if command.startswith("make "):
            assert re.search(rf"^{command.split()[1]}:", makefile, re.MULTILINE), command
    assert "pip install 'argmap[lsp]'" in commands
    assert "pygmentize -l argmap examples/telegraph.arg" in commands  # run by tests/editors/test_highlight.py
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for hook in re.findall(r"- id: (argmap-\w+)", _blocks("yaml")[0]):
        assert f"- id: {hook}" in hooks
