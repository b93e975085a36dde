"""Every check fires on its fixture, exactly where the fixture's ``# expect:`` comments say, and
every registered check has a fixture and a section in docs/diagnostics.md."""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from argmap.analysis.checks import CHECK_FUNCTIONS, run_checks
from argmap.analysis.policy import Policy, apply_policy
from argmap.analysis.report import format_diagnostics
from argmap.api import load_result, loads_result
from argmap.model.diagnostics import CHECKS, Diagnostic

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path("tests/data/fixtures/checks")  # relative to ROOT: diagnostics show stable paths
GOLDEN = ROOT / "tests" / "data" / "golden" / "checks"
DOCS = ROOT / "docs" / "diagnostics.md"
EXPECT = re.compile(r"#\s*expect:\s*(?P<names>[a-z\-]+(?:\s*,\s*[a-z\-]+)*)")
UPDATE = bool(os.environ.get("ARGMAP_UPDATE_GOLDEN"))

FIXTURE_FILES = sorted(p.name for p in (ROOT / FIXTURES).glob("*.arg"))


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def expected_findings(path: Path) -> Counter[tuple[int, str]]:
    """``(line, name)`` for every name in an ``# expect:`` comment."""
    found: Counter[tuple[int, str]] = Counter()
    text = path.read_bytes().decode("utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), start=1):
        match = EXPECT.search(line)
        if match:
            for name in re.split(r"\s*,\s*", match["names"]):
                found[number, name] += 1
    return found


def findings(path: Path) -> tuple[Diagnostic, ...]:
    """Everything ``argmap check`` would find, before any filtering."""
    result = load_result(path)
    return result.diagnostics + run_checks(result)


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_yields_exactly_the_expected_findings(name: str) -> None:
    path = FIXTURES / name
    expected = expected_findings(path)
    assert expected, f"{name} has no `# expect:` comment"
    actual = Counter((d.span.line, d.name) for d in findings(path) if d.span.file == str(path))
    assert sorted(actual.elements()) == sorted(expected.elements())
    assert all(d.name in CHECKS for d in findings(path))


@pytest.mark.parametrize("name", FIXTURE_FILES)
def test_fixture_diagnostics_match_golden(name: str) -> None:
    """Messages, labels and hints, in the full format (ARGMAP_UPDATE_GOLDEN=1 rewrites them)."""
    path = FIXTURES / name
    result = load_result(path)
    text = format_diagnostics(result.diagnostics + run_checks(result), "full", result.texts) + "\n"
    golden = GOLDEN / (Path(name).stem + ".txt")
    if UPDATE:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {name}: run with ARGMAP_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_every_registered_check_has_a_triggering_fixture() -> None:
    covered: set[str] = set()
    for name in FIXTURE_FILES:
        covered |= {check for _, check in expected_findings(FIXTURES / name)}
    map_checks = {name for name, check in CHECKS.items() if check.stage == "map"}
    missing = sorted(map_checks - covered)
    assert not missing, f"checks without a fixture that triggers them: {missing}"
    for check in map_checks:
        assert (ROOT / FIXTURES / f"{check}.arg").exists(), f"tests/data/fixtures/checks/{check}.arg is missing"


def test_import_checks_fire_on_their_fixture() -> None:
    """Checks of the import stage come from ``argmap convert``; each has an interchange fixture."""

    path = ROOT / "tests/data/interchange/fixtures/constructs.argdown"
    from argmap.formats import from_argdown_result

    imported = from_argdown_result(path.read_text(encoding="utf-8"), str(path))
    found = {d.name for d in imported.warnings}
    for name, check in CHECKS.items():
        if check.stage == "import":
            assert name in found, f"{name} does not fire on {path.name}"


def _doc_sections() -> dict[str, str]:
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def test_every_registered_check_has_a_docs_section() -> None:
    sections = _doc_sections()
    for check in CHECKS.values():
        heading = f"{check.code} {check.name}"
        assert heading in sections, f"docs/diagnostics.md lacks a section `## {heading}`"
        body = sections[heading]
        assert f"Severity: {check.severity.value}" in body, heading
        for part in ("What it finds", "Why it matters", "Example", "How to fix it"):
            assert f"**{part}**" in body, f"{heading}: no **{part}**"
        fixture = (
            f"tests/data/fixtures/checks/{check.name}.arg"
            if check.stage == "map"
            else "tests/data/interchange/fixtures/constructs.argdown"
        )
        assert fixture in body, f"{heading}: does not point at its fixture"


@pytest.mark.parametrize("heading", sorted(_doc_sections()))
def test_docs_examples_trigger_their_check(heading: str) -> None:
    """Each ```arg example in a section, checked as a string, reports that section's check."""
    name = heading.split()[-1]
    body = _doc_sections()[heading]
    blocks = re.findall(r"```arg\n(.*?)```", body, flags=re.DOTALL)
    for block in blocks:
        result = loads_result(block, "example.arg")
        names = {d.name for d in result.diagnostics + run_checks(result)}
        assert name in names, f"the example of {heading} does not trigger it"


def test_every_check_module_is_registered() -> None:
    """A check function written but left out of CHECK_FUNCTIONS would silently never run."""
    import importlib
    import pkgutil

    import argmap.analysis.checks as package

    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"argmap.analysis.checks.{info.name}")
        for attribute in dir(module):
            if attribute.startswith("check_") and callable(getattr(module, attribute)):
                assert getattr(module, attribute) in CHECK_FUNCTIONS, f"{info.name}.{attribute} is not registered"


def test_a_map_that_does_not_parse_is_not_checked_further() -> None:
    result = loads_result('claim C1 "unterminated\nP9 supports P9\n')
    assert [d.name for d in result.diagnostics] == ["syntax-error"]
    assert run_checks(result) == ()


def test_allow_comment_silences_a_warning_on_its_line() -> None:
    text = 'claim C1 "Talks are a trap." implicit\npremise P9 "Loose." implicit   # argmap: allow orphan\n'
    result = loads_result(text)
    assert [d.name for d in run_checks(result)] == ["orphan"]
    assert apply_policy(run_checks(result), Policy(), result.comments) == ()


EXAMPLES = sorted((ROOT / "examples").glob("*.arg")) if (ROOT / "examples").is_dir() else []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_bundled_examples_are_clean(path: Path) -> None:
    """The examples pass every check, quotes included, unless a comment in the file allows it."""
    result = load_result(path)
    shown = apply_policy(result.diagnostics + run_checks(result), Policy(), result.comments)
    assert shown == (), format_diagnostics(shown, "short", result.texts)


def test_checks_run_on_a_large_generated_map() -> None:
    """Five thousand nodes in one long support cycle and a deep chain: no recursion limit, no
    message that lists every node (no timing is asserted; the benchmark measures speed)."""
    size = 5000
    lines = ['claim C0 "top" implicit']
    lines += [f'premise N{i} "statement {i}" implicit' for i in range(size)]
    lines += [f"N{i} supports N{i + 1}" for i in range(size - 1)] + [f"N{size - 1} supports N0", "N0 supports C0"]
    lines += [f'premise D{i} "deep {i}" implicit' for i in range(size)]
    lines += [f"D{i + 1} supports D{i}" for i in range(size - 1)] + ["D0 attacks C0"]
    result = loads_result("\n".join(lines) + "\n")
    found = run_checks(result)
    assert [d.name for d in found] == ["circular-support"]
    assert found[0].message == "circular support: N0 -> N1 -> N2 -> … -> N4999 -> N0 (5000 links)"
    assert len(found[0].labels) <= 8
