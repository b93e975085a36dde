"""docs/classroom.md shows the coverage of every bundled map as ``argmap coverage`` computes it
today: against its excerpts always, and against the whole seed articles when ../shared is here.

``ARGMAP_UPDATE_GOLDEN=1`` rewrites the table (with ../shared present, so that every column is
filled).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import argmap
from argmap.analysis.coverage import ArticleCoverage, map_coverage

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "classroom.md"
START, END = "<!-- coverage table: start -->", "<!-- coverage table: end -->"
HEADER = [
    "| map | article | sentences mapped | argumentative mapped "
    "| whole article: sentences | whole article: argumentative |",
    "|---|---|---|---|---|---|",
]


def _cell(part: int, whole: int, share: float) -> str:
    return f"{part}/{whole} ({round(share * 100)}%)"


def _cells(c: ArticleCoverage) -> tuple[str, str]:
    return _cell(c.mapped_count, c.total, c.share), _cell(
        c.argumentative_mapped, len(c.argumentative), c.argumentative_share
    )


def _seeds(analysis: argmap.Analysis) -> dict[str, str] | None:
    """Each excerpt file the map reads → the whole seed article it came from, or None when
    ../shared/seeds is not here."""
    out = {}
    for source in analysis.map.sources:
        if source.file is None:
            continue
        excerpt = (ROOT / "examples" / source.file).resolve()
        found = re.search(r"^Seed: (\S+)", excerpt.read_text(encoding="utf-8"), re.M)
        if found is None:
            continue
        seed = (ROOT / found.group(1)).resolve()
        if not seed.is_file():
            return None
        out[str(excerpt)] = seed.read_text(encoding="utf-8")
    return out


def rows() -> list[list[str]]:
    """One row per article of each bundled map; the whole-article cells are ``?`` without seeds."""
    out = []
    for path in sorted((ROOT / "examples").glob("*.arg")):
        analysis = argmap.analyze(path)
        excerpt = map_coverage(analysis.map, analysis.articles, analysis.quote_passages)
        seeds = _seeds(analysis)
        whole: dict[str, ArticleCoverage] = {}
        if seeds is not None:
            full = argmap.analyze(path, files=seeds)
            whole = {c.source: c for c in map_coverage(full.map, full.articles, full.quote_passages)}
        for c in excerpt:
            file = next(s.file for s in analysis.map.sources if s.id == c.source)
            w = _cells(whole[c.source]) if c.source in whole else ("?", "?")
            out.append([f"`{path.name}`", f"`{file}`", *_cells(c), *w])
    return out


def table(found: list[list[str]]) -> str:
    return "\n".join([*HEADER, *("| " + " | ".join(r) + " |" for r in found)])


def _documented() -> tuple[str, list[list[str]]]:
    text = DOC.read_text(encoding="utf-8")
    body = text.split(START, 1)[1].split(END, 1)[0]
    lines = [line for line in body.strip().splitlines()[2:] if line.startswith("|")]
    return text, [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]


def test_docs_show_todays_coverage() -> None:
    found = rows()
    text, documented = _documented()
    complete = all(r[4] != "?" for r in found)
    if os.environ.get("ARGMAP_UPDATE_GOLDEN") and complete:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        DOC.write_text(f"{before}{START}\n{table(found)}\n{END}{after}", encoding="utf-8")
        documented = _documented()[1]
    hint = "docs/classroom.md's coverage table is stale (ARGMAP_UPDATE_GOLDEN=1 pytest tests/docs/test_reading_docs.py)"
    if complete:
        assert documented == found, hint
    else:  # without ../shared, the excerpt columns only
        assert [r[:4] for r in documented] == [r[:4] for r in found], hint
    assert len(documented) == sum(len(argmap.analyze(p).articles) for p in (ROOT / "examples").glob("*.arg"))


def test_gallery_reading_view_is_current() -> None:
    """docs/gallery/<example>-reading.html is what build_reading makes today from the gallery's
    SVG (pure: no engine involved, so it is compared byte for byte)."""
    import importlib.util
    import sys

    gallery_dir = ROOT / "docs" / "gallery"
    spec = importlib.util.spec_from_file_location("argmap_gallery_generate_reading", gallery_dir / "generate.py")
    assert spec is not None and spec.loader is not None
    gallery = importlib.util.module_from_spec(spec)
    keep, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(gallery)
    finally:
        sys.dont_write_bytecode = keep
    assert gallery.READING
    for example in gallery.READING:
        committed = (gallery_dir / gallery.reading_name(example)).read_text(encoding="utf-8")
        assert committed == gallery.reading_page(example), (
            f"docs/gallery/{gallery.reading_name(example)} is stale: make gallery"
        )
        assert 'class="article-text"' in committed


def test_the_exercise_states_the_flawed_maps_numbers() -> None:
    analysis = argmap.analyze(ROOT / "examples" / "classroom" / "student-flawed.arg")
    (c,) = map_coverage(analysis.map, analysis.articles, analysis.quote_passages)
    unquoted = sum(1 for n in analysis.map.nodes if not n.quotes and not n.implicit)
    text = " ".join(DOC.read_text(encoding="utf-8").split())
    assert f"it quotes {c.mapped_count} of the excerpt's {c.total} sentences" in text
    assert f"{['no', 'one', 'two', 'three'][unquoted]} of its statements have no quote yet" in text
