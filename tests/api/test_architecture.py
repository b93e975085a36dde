"""The architecture as docs/architecture.md states it, held by reading the source.

import-linter (``lint-imports``, run by ``make lint``) holds the import layers; these tests hold
what imports cannot show: who writes files, exits, raises the CLI's error or runs the checks,
and that the language's keywords are the grammar's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.language.syntax import grammar_text
from argmap.language.table import ATTRIBUTES, KEYWORDS, NODE_KINDS, RELATION_WORDS, STATEMENTS

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "argmap"
#: Where the edges of the program live: the commands and the command line.
EDGES = ("commands/", "cli.py")


def _sources(skip: tuple[str, ...] = ()) -> dict[str, str]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if not name.startswith(skip):
            found[name] = path.read_text(encoding="utf-8")
    return found


def _offenders(pattern: str, skip: tuple[str, ...] = EDGES) -> list[str]:
    compiled = re.compile(pattern, re.MULTILINE)
    return [name for name, text in _sources(skip).items() if compiled.search(text)]


def test_the_keywords_are_the_grammars_keyword_terminals() -> None:
    grammar = grammar_text()
    quoted = set(re.findall(r'"([a-z]+)"', grammar))
    in_regexes = {w for group in re.findall(r"/\(([a-z|]+)\)", grammar) for w in group.split("|")}
    assert quoted | in_regexes == KEYWORDS


def test_the_table_names_the_grammars_statements_and_attributes() -> None:
    grammar = grammar_text()
    rules = dict(re.findall(r"^(_?[a-z_]+): (.*)$", grammar, re.MULTILINE))
    for statement, attributes in ATTRIBUTES.items():
        listed = rules.get(f"_{statement}_attr") or rules.get(f"_{statement[:6]}_attr") or rules[statement]
        for attribute in attributes:
            assert attribute.keyword in listed or attribute.keyword in rules, (statement, attribute)
    assert set(NODE_KINDS) | set(RELATION_WORDS) <= KEYWORDS
    assert [s.name for s in STATEMENTS if s.keywords] == ["title", "include", "source", "person", "node"]


def test_only_the_analysis_runs_the_checks() -> None:
    offenders = _offenders(r"\brun_checks\(", skip=("analysis/",))
    assert offenders == [], "run_checks is the analysis's to call: use argmap.analyze"


def test_nothing_below_the_commands_raises_the_command_error() -> None:
    assert _offenders(r"\bCommandError\b", skip=(*EDGES, "errors.py")) == []


def test_nothing_below_the_commands_writes_files_exits_or_reads_the_terminal() -> None:
    pattern = (
        r"write_atomic|\.write_text\(|\.write_bytes\(|\bopen\([^)]*['\"][wax]b?['\"]|os\.replace\(|\.unlink\("
        r"|shutil\.rmtree|sys\.exit\(|raise SystemExit|\binput\(|sys\.stdin|sys\.stdout|sys\.stderr"
    )
    assert _offenders(pattern) == []


def test_only_the_engine_runs_a_subprocess() -> None:
    assert _offenders(r"^\s*(import subprocess|from subprocess)", skip=(*EDGES, "diagram/engine.py")) == []


def test_no_process_wide_state_is_changed_behind_the_callers_back() -> None:
    assert _offenders(r"\bgc\.(disable|enable|freeze)\(|sys\.setrecursionlimit|signal\.signal\(") == []


def test_every_folder_says_its_job() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        text = init.read_text(encoding="utf-8").lstrip()
        assert text.startswith('"""'), f"{init.relative_to(ROOT)} needs a docstring saying the folder's job"


def test_the_architecture_page_names_every_folder() -> None:
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    folders = {p.parent.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("__init__.py")}
    for folder in folders - {"argmap", "argmap/analysis/checks"}:
        assert f"`{folder}/`" in page, folder


def test_import_contracts_hold() -> None:
    beside = Path(sys.executable).parent / "lint-imports"
    lint = str(beside) if beside.exists() else shutil.which("lint-imports")
    if lint is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
