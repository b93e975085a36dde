"""The benchmark's synthetic map: deterministic, clean for argmap, the same map in Argdown.

No timings here: the benchmark (bench/run.py) is the proof of speed; these tests make sure it
measures what it says, on a valid map of the stated shape.
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from argmap.analysis.checks import run_checks
from argmap.api import load_result
from argmap.formats import from_argdown_result
from argmap.model import Map, RelationKind
from bench.frameworks import grounded_reference, random_framework
from bench.generate import Synthetic, generate, to_arg, to_argdown, write

ROOT = Path(__file__).resolve().parents[2]
ARGDOWN_JS = ROOT / "bench" / "peers" / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"


@pytest.fixture(scope="module")
def small() -> Synthetic:
    return generate(200, seed=7)


def test_the_same_seed_gives_the_same_files() -> None:
    first, second = generate(300, seed=3), generate(300, seed=3)
    assert to_arg(first) == to_arg(second)
    assert to_argdown(first) == to_argdown(second)
    assert first.articles == second.articles


def test_another_seed_gives_another_map() -> None:
    assert to_arg(generate(300, seed=3)) != to_arg(generate(300, seed=4))


@pytest.mark.parametrize("size", [2, 49, 200, 1_000])
def test_shape(size: int) -> None:
    counts = generate(size, seed=1).counts()
    assert counts["nodes"] == size
    if size >= 200:
        # About 1.5 relations per node, and every construct the benchmark claims to have.
        assert 1.4 <= counts["relations"] / size <= 1.6
        for kind in ("supports", "attacks", "undercuts", "contradicts", "linked", "quotes"):
            assert counts[kind] > 0, kind


def _loaded(s: Synthetic, folder: Path) -> tuple[Map, int]:
    arg, _ = write(s, folder)
    result = load_result(arg)
    assert [str(d) for d in result.diagnostics] == []
    return result.map, len(run_checks(result))


def test_arg_output_parses_with_the_stated_counts_and_no_finding(small: Synthetic, tmp_path: Path) -> None:
    m, findings = _loaded(small, tmp_path)
    counts = small.counts()
    kinds = collections.Counter(r.kind for r in m.relations)
    assert len(m.nodes) == counts["nodes"]
    assert len(m.relations) == counts["relations"]
    assert kinds[RelationKind.SUPPORTS] == counts["supports"]
    assert kinds[RelationKind.ATTACKS] == counts["attacks"]
    assert kinds[RelationKind.UNDERCUTS] == counts["undercuts"]
    assert kinds[RelationKind.CONTRADICTS] == counts["contradicts"]
    assert sum(r.linked for r in m.relations) == counts["linked"]
    assert sum(len(n.quotes) for n in m.nodes) == counts["quotes"]
    assert len(m.sources) == counts["sources"]
    assert len(m.persons) == counts["persons"]
    # Clean on purpose (every quote is in its article, no cycle, nothing unused), so the
    # benchmark times the checking, not the printing of findings.
    assert findings == 0


def _structure(m: Map) -> collections.Counter[tuple[str, frozenset[str], str]]:
    """Relations as (kind, members, target), undercuts by the reason they aim at."""
    labelled = {r.id: r for r in m.relations if r.id is not None}
    out: collections.Counter[tuple[str, frozenset[str], str]] = collections.Counter()
    for r in m.relations:
        if r.kind is RelationKind.UNDERCUTS:
            aimed = labelled[r.target]
            out[("undercuts", frozenset(r.members), f"{'+'.join(sorted(aimed.members))}->{aimed.target}")] += 1
        elif r.kind is RelationKind.CONTRADICTS:
            out[("contradicts", frozenset((*r.members, r.target)), "")] += 1
        else:
            out[(r.kind.value, frozenset(r.members), r.target)] += 1
    return out


def test_argdown_output_is_the_same_structure(small: Synthetic, tmp_path: Path) -> None:
    m, _ = _loaded(small, tmp_path)
    imported = from_argdown_result(to_argdown(small), "map.argdown")
    assert [w for w in imported.warnings if w.is_error] == []
    assert {n.id: n.text for n in imported.map.nodes} == {n.id: n.text for n in m.nodes}
    assert {n.id: n.tags for n in imported.map.nodes} == {n.id: n.tags for n in m.nodes}
    assert _structure(imported.map) == _structure(m)


def test_argdown_output_has_one_definition_per_statement(small: Synthetic) -> None:
    text = to_argdown(small)
    definitions = [line for line in text.splitlines() if line.startswith("[") and "]: " in line]
    assert len(definitions) == len(small.nodes)
    # Argdown gives characters in text a meaning; the generator never writes them there.
    for line in definitions:
        body = line.split("]: ", 1)[1].split(" {", 1)[0]
        assert not set(body) & set("[]<>{}*_+"), line


def test_random_frameworks_are_deterministic_and_simple() -> None:
    attacks = random_framework(500, seed=2)
    assert attacks == random_framework(500, seed=2)
    assert len(attacks) == len(set(attacks)) == 750
    assert all(a != b for a, b in attacks)


def test_grounded_reference_on_a_chain() -> None:
    # 0 attacks 1 attacks 2 attacks 3; 4 and 5 attack each other.
    assert grounded_reference(6, [(0, 1), (1, 2), (2, 3), (4, 5), (5, 4)]) == {0, 2}


@pytest.mark.exe
def test_the_argdown_cli_reads_the_same_map(small: Synthetic, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not ARGDOWN_JS.exists():
        pytest.skip("the Argdown CLI is not installed in bench/peers (npm ci there)")
    _, argdown = write(small, tmp_path)
    subprocess.run([node, str(ARGDOWN_JS), "json", str(argdown), str(tmp_path)], capture_output=True, check=True)
    data = json.loads((tmp_path / "map.json").read_text(encoding="utf-8"))
    counts = small.counts()
    kinds = collections.Counter(r["relationType"] for r in data["relations"])
    as_arguments = len(data["arguments"])  # each reason written as an argument: its support is its PCS
    assert len(data["statements"]) == counts["nodes"]
    assert kinds["support"] + as_arguments == counts["supports"]
    assert kinds["attack"] == counts["attacks"]
    assert kinds["undercut"] == counts["undercuts"]
    assert kinds["contradictory"] == counts["contradicts"]
