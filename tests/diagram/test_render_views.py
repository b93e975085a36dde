"""Big maps tamed (issue 15, point 2): one statement and what bears on it, and the overview of
a map that joins several articles; through the library and the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from argmap import load, loads
from argmap.diagram import RenderOptions, build_dot
from argmap.diagram.views import focus, overview
from argmap.model import Map, RelationKind
from tests.scaling import assert_scales

ROOT = Path(__file__).resolve().parents[2]
PEACE = ROOT / "examples" / "peace-talks.arg"

CHAIN = """
claim C1 "The claim." implicit
premise P1 "A reason." implicit
premise P2 "A reason for the reason." implicit
premise P3 "Deeper still." implicit
rebuttal R1 "An objection to the reason." implicit
rebuttal R2 "An undercut of the step." implicit
claim C9 "Another argument." implicit
premise P9 "Its reason." implicit
S1: P1 supports C1
P2 supports P1
P3 supports P2
R1 attacks P1
R2 undercuts S1
P9 supports C9
C9 contradicts C1
"""


def test_focus_keeps_what_bears_on_the_statement() -> None:
    m = loads(CHAIN)
    whole = focus(m, "C1")
    # C9 contradicts C1, so C9's reasons bear on C1 too.
    assert {n.id for n in whole.nodes} == {"C1", "P1", "P2", "P3", "R1", "R2", "C9", "P9"}
    near = focus(m, "C1", 1)
    assert {n.id for n in near.nodes} == {"C1", "P1", "R2", "C9"}  # the undercut of S1 bears on C1 too
    assert {r.kind for r in near.relations} == {RelationKind.SUPPORTS, RelationKind.UNDERCUTS, RelationKind.CONTRADICTS}
    assert {n.id for n in focus(m, "P2").nodes} == {"P2", "P3"}
    with pytest.raises(KeyError):
        focus(m, "NOPE")


def test_focus_is_linear() -> None:
    """A chain of n statements: focus looks at each relation a bounded number of times."""

    def chain(n: int) -> Map:
        lines = [f'premise P{i} "Statement {i}." implicit' for i in range(n)]
        lines += [f"P{i + 1} supports P{i}" for i in range(n - 1)]
        return loads("\n".join(lines) + "\n")

    def run(m: Map) -> None:
        assert len(focus(m, "P0").nodes) == len(m.nodes)

    assert_scales(chain, run, 500)


def test_overview_has_one_box_per_article_and_the_links_between_them() -> None:
    m = load(PEACE)
    drawn, unranked = overview(m)
    ids = {n.id for n in drawn.nodes}
    # Five articles, each one box, and the four claims several articles make.
    assert {i for i in ids if i.startswith("X-")} == {"X-C1", "X-C2", "X-C3", "X-C4"}
    assert len(ids) == 9
    outlets = {q.source for n in drawn.nodes if not n.id.startswith("X-") for q in n.quotes}
    assert outlets == {"mirror", "figleaf", "telegraph", "express", "nato"}
    assert all(r.members[0] != r.target for r in drawn.relations)
    from argmap.diagram import relation_keys

    assert unranked and unranked <= set(relation_keys(drawn))
    dot = build_dot(drawn, RenderOptions(unranked=unranked))
    assert dot.count("constraint=false") >= len(unranked)
    assert "more statements of this article" in dot


@pytest.mark.skipif(not Path("/usr/bin/dot").exists(), reason="needs system Graphviz")
def test_overview_fits_a_projector_better_than_the_full_map(tmp_path: Path) -> None:
    def size(*options: str) -> tuple[float, float]:
        out = tmp_path / "x.svg"
        subprocess.run([sys.executable, "-m", "argmap", "render", str(PEACE), "-o", str(out), *options], check=True)
        import re

        box = re.search(r'viewBox="0\.00 0\.00 ([\d.]+) ([\d.]+)"', out.read_text(encoding="utf-8"))
        assert box is not None
        return float(box.group(1)), float(box.group(2))

    def scale(w: float, h: float) -> float:
        return min(1280 / w, 720 / h)  # how big a point comes out on a 1280 x 720 projector

    full, over = size(), size("--overview")
    assert scale(*over) > 2 * scale(*full)
    assert 1.2 < over[0] / over[1] < 2.6  # near 16:9, not a tall chain


def test_render_focus_and_its_errors(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "argmap", "render", *args], capture_output=True, text=True)

    done = run(str(PEACE), "--focus", "X-C2", "--depth", "1", "-o", str(tmp_path / "f.dot"))
    assert done.returncode == 0, done.stderr
    dot = (tmp_path / "f.dot").read_text(encoding="utf-8")
    assert 'id="node-X-C2"' in dot and 'id="node-X-C1"' not in dot
    wrong = run(str(PEACE), "--focus", "X-C22", "-o", str(tmp_path / "g.dot"))
    assert wrong.returncode == 2 and "did you mean `X-C2`?" in wrong.stderr
    alone = run(str(PEACE), "--depth", "2", "-o", str(tmp_path / "g.dot"))
    assert alone.returncode == 2 and "--depth needs --focus" in alone.stderr
    assert not (tmp_path / "g.dot").exists()
