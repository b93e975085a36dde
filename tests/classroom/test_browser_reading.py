"""The reading view (``argmap render --reading``) in a real headless Chromium, driven by Playwright.

Same browser set-up as tests/classroom/test_browser.py (Debian's ``chromium``, never a downloaded one;
skipped with the reason without Playwright or Chromium). ``ARGMAP_UPDATE_SCREENSHOTS=1`` copies
the screenshot to docs/screenshots/reading-view.png.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import argmap
from argmap.classroom.reading import build_reading, render_reading
from argmap.diagram import RenderOptions
from argmap.model import Map, Node, NodeKind, Quote, Source
from tests.classroom.test_browser import Watched, _screenshot, browser, watched
from tests.classroom.test_reading import located
from tests.fuzz.oracles import fake_svg
from tests.hardening.test_injection import HOSTILE, hostile, hostile_map

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["browser", "watched"]  # the fixtures, shared with tests/classroom/test_browser.py

pytestmark = pytest.mark.exe

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _reading(path: Path) -> str:
    """The reading view as ``argmap render MAP -o page.html --reading`` writes it."""
    a = argmap.analyze(path)
    return render_reading(
        a.map, RenderOptions(), a.findings(), a.evaluation, a.articles, a.quote_passages, a.article_errors
    )


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reading")
    out = {}
    for name in ("figleaf", "peace-talks"):
        path = folder / f"{name}.html"
        path.write_text(_reading(EXAMPLES / f"{name}.arg"), encoding="utf-8")
        out[name] = path
    return out


def _in_view(page: Page, selector: str) -> bool:
    """Whether the element is inside the visible part of the text column and of the window."""
    return bool(
        page.eval_on_selector(
            selector,
            """e => {
              const r = e.getBoundingClientRect(), c = document.getElementById('text-side').getBoundingClientRect();
              return r.height > 0 && r.top >= c.top && r.bottom <= c.bottom && r.bottom <= window.innerHeight;
            }""",
        )
    )


def test_clicking_a_highlight_selects_its_statement(watched: Watched, pages: dict[str, Path], tmp_path: Path) -> None:
    page = watched.page
    page.goto(pages["figleaf"].as_uri())
    text = argmap.load(EXAMPLES / "figleaf.arg").node("F-P1").text
    page.click('mark.q[data-ids="F-P1"]')
    assert page.eval_on_selector('[id="node-F-P1"]', "g => g.classList.contains('selected')")
    assert text in page.inner_text("#panel h2")
    assert page.eval_on_selector('mark.q[data-ids="F-P1"]', "m => m.classList.contains('current')")
    # The id button at the end of a passage does the same.
    page.click('button.tag[data-id="F-C1"]')
    assert page.eval_on_selector('[id="node-F-C1"]', "g => g.classList.contains('selected')")
    assert not page.eval_on_selector('[id="node-F-P1"]', "g => g.classList.contains('selected')")
    page.click('mark.q[data-ids="F-P1"]')
    _screenshot(page, tmp_path, "reading-view.png")
    assert watched.problems == []


def test_clicking_a_statement_scrolls_to_and_flashes_its_passage(watched: Watched, pages: dict[str, Path]) -> None:
    page = watched.page
    page.goto(pages["peace-talks"].as_uri())
    analysis = argmap.analyze(EXAMPLES / "peace-talks.arg")
    last = analysis.map.sources[-1].id  # its article is in the last tab, hidden at first
    node = next(p.node for p in analysis.quote_passages if p.source == last and p.found)
    mark = f'mark.q[data-ids~="{node}"]'
    assert not _in_view(page, mark)
    page.click(f'[id="node-{node}"]')
    panel = page.eval_on_selector(mark, "m => m.closest('.article').id")
    assert not page.eval_on_selector(f"#{panel}", "p => p.hidden")
    assert page.get_attribute(f'[aria-controls="{panel}"]', "aria-selected") == "true"
    assert _in_view(page, mark)
    assert page.eval_on_selector(mark, "m => m.classList.contains('flash')")
    assert node in page.inner_text("#reading-status")
    assert watched.problems == []


def test_coverage_shown_equals_the_commands_json(watched: Watched, pages: dict[str, Path]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "coverage", str(EXAMPLES / "peace-talks.arg"), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    expected = json.loads(done.stdout)["articles"]
    page = watched.page
    page.goto(pages["peace-talks"].as_uri())
    shown = page.eval_on_selector_all(
        "dl.coverage",
        """dls => dls.map(dl => {
          const out = {source: dl.dataset.source};
          dl.querySelectorAll('[data-key]').forEach(s => {
            out[s.dataset.key] = s.dataset.value !== undefined ? Number(s.dataset.value) : Number(s.textContent);
          });
          out.not_yet_mapped = dl.closest('.article').querySelectorAll('.unmapped-list li').length;
          return out;
        })""",
    )
    keys = ("sentences", "mapped", "share", "argumentative", "argumentative_mapped", "argumentative_share")
    assert [
        {"source": a["source"], **{k: a[k] for k in keys}, "not_yet_mapped": len(a["not_yet_mapped"])} for a in expected
    ] == shown
    assert watched.problems == []


def test_not_yet_mapped_jump(watched: Watched, pages: dict[str, Path]) -> None:
    page = watched.page
    page.goto(pages["figleaf"].as_uri())
    buttons = page.query_selector_all(".unmapped-list button.jump")
    assert buttons
    target = buttons[-1].get_attribute("data-target")
    page.evaluate("document.getElementById('text-side').scrollTop = 0")
    buttons[-1].click()
    assert _in_view(page, f'[id="{target}"]')
    assert page.eval_on_selector(
        f'[id="{target}"]', "s => s.classList.contains('unmapped') && s.classList.contains('arg')"
    )
    # The shared page script's keys: P does not present here (no Present button), nothing breaks.
    page.keyboard.press("p")
    assert not page.evaluate("document.documentElement.classList.contains('presenting')")
    assert watched.problems == []


def test_a_passage_of_two_statements_selects_each_in_turn(watched: Watched, tmp_path: Path) -> None:
    article = "Talks are a sham, the minister said. They will fail.\n"
    m = Map(
        sources=(Source("a", "A", file="a.txt"),),
        nodes=(
            Node(NodeKind.CLAIM, "C1", "Talks are a sham.", quotes=(Quote("a", "Talks are a sham, the minister"),)),
            Node(NodeKind.PREMISE, "P1", "A sham.", quotes=(Quote("a", "a sham, the minister said"),)),
        ),
    )
    out = tmp_path / "two.html"
    out.write_text(build_reading(m, fake_svg(m), None, (), {"a": article}, located(m, {"a": article}), {}), "utf-8")
    page = watched.page
    page.goto(out.as_uri())
    both = 'mark.q[data-ids="C1 P1"]'
    page.click(both)
    assert page.eval_on_selector('[id="node-C1"]', "g => g.classList.contains('selected')")
    page.click(both)
    assert page.eval_on_selector('[id="node-P1"]', "g => g.classList.contains('selected')")
    assert watched.problems == []


def test_hostile_map_and_article_run_nothing(watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    for i in range(len(HOSTILE)):
        text = hostile(i)
        m = hostile_map(text)
        article = f"The minister said this. {text} It ended.\n"
        out = tmp_path / f"hostile-{i}.html"
        out.write_text(
            build_reading(m, fake_svg(m), None, (), {"s1": article}, located(m, {"s1": article}), {}), "utf-8"
        )
        page.goto(out.as_uri())
        marks = page.query_selector_all("mark.q")
        assert marks, i
        marks[0].click()
        assert page.evaluate("document.querySelectorAll('script').length") == 3  # data, page.js, reading.js
        assert text.split("\n")[0].strip()[:10] in page.inner_text(".article-text")
    assert watched.problems == []
