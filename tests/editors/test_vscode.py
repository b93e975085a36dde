"""The VS Code extension in editors/vscode: its manifest, and its TextMate grammar tested with
vscode-tmgrammar-test (assertions for every construct, a committed snapshot, and every bundled
example without an invalid scope). Needs Node; skipped with the reason when it is absent."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.language.syntax import KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
VSCODE = ROOT / "editors" / "vscode"
GRAMMAR = VSCODE / "syntaxes" / "argmap.tmLanguage.json"
BIN = VSCODE / "node_modules" / ".bin"


def test_the_manifest_declares_the_language_grammar_and_commands() -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    [language] = manifest["contributes"]["languages"]
    assert language["id"] == "argmap"
    assert language["extensions"] == [".arg"]
    [grammar] = manifest["contributes"]["grammars"]
    assert (VSCODE / grammar["path"]).exists()
    assert json.loads(GRAMMAR.read_text(encoding="utf-8"))["scopeName"] == grammar["scopeName"] == "source.argmap"
    commands = {c["command"] for c in manifest["contributes"]["commands"]}
    assert "argmap.showDiagram" in commands
    assert manifest["contributes"]["configuration"]["properties"]["argmap.path"]["default"] == "argmap"
    # Every npm package is pinned to one version, and the lock file is committed beside it.
    for version in {**manifest["dependencies"], **manifest["devDependencies"]}.values():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), version
    assert (VSCODE / "package-lock.json").exists()
    configuration = json.loads((VSCODE / "language-configuration.json").read_text(encoding="utf-8"))
    assert configuration["comments"]["lineComment"] == "#"
    assert {"open": '"', "close": '"', "notIn": ["string", "comment"]} in configuration["autoClosingPairs"]


def test_the_assertions_cover_every_keyword() -> None:
    tested = (VSCODE / "test" / "constructs.arg").read_text(encoding="utf-8")
    words = set(re.findall(r"[a-z]+", "\n".join(line for line in tested.splitlines() if not line.startswith("#"))))
    assert words >= KEYWORDS, KEYWORDS - words


def _tools() -> Path:
    """The grammar test tools, installed from the lock file when missing (skip without npm)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node and npm are not installed: the TextMate grammar tests need vscode-tmgrammar-test")
    if not (BIN / "vscode-tmgrammar-test").exists():
        done = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=VSCODE,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if done.returncode != 0:
            pytest.skip(f"`npm ci` in editors/vscode failed (offline?): {done.stderr.strip()[-300:]}")
    return BIN


def _run(*args: str, cwd: Path = VSCODE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=300, check=False)


@pytest.mark.exe
def test_grammar_assertions() -> None:
    tools = _tools()
    done = _run(str(tools / "vscode-tmgrammar-test"), "-g", str(GRAMMAR), "test/*.arg")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "constructs.arg" in done.stdout


@pytest.mark.exe
def test_grammar_snapshot() -> None:
    tools = _tools()
    done = _run(str(tools / "vscode-tmgrammar-snap"), "-g", str(GRAMMAR), "test/snapshot/*.arg")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.exe
def test_every_example_has_no_invalid_scope(tmp_path: Path) -> None:
    tools = _tools()
    examples = sorted((ROOT / "examples").rglob("*.arg"))
    for i, example in enumerate(examples):
        shutil.copy(example, tmp_path / f"{i:02d}-{example.name}")
    done = _run(
        str(tools / "vscode-tmgrammar-snap"), "-g", str(GRAMMAR), "-s", "source.argmap", "-u", "*.arg", cwd=tmp_path
    )
    assert done.returncode == 0, done.stdout + done.stderr
    snapshots = sorted(tmp_path.glob("*.snap"))
    assert len(snapshots) == len(examples)
    for snapshot in snapshots:
        text = snapshot.read_text(encoding="utf-8")
        assert "invalid" not in text, snapshot.name
        assert "keyword.other.node.argmap" in text, snapshot.name


def test_the_extension_logic() -> None:
    """extension.js without VS Code: the missing-command message, finding the command, the
    diagram page that shows the SVG only as an image and escapes messages."""
    if shutil.which("node") is None:
        pytest.skip("Node is not installed: the extension's test runs on Node")
    done = _run("node", "test/extension.test.js")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "extension.test.js: ok" in done.stdout
