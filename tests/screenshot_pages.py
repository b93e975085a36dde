"""What each screenshot in docs/screenshots shows, as a fingerprint that no layout engine changes.

A screenshot is current when the page it was taken of would be built the same today: the DOT
of its diagram and key, the page's template, data, CSS and script (for the step frames: every
frame's DOT and the steps page's assets). ``make screenshots`` retakes them in the browser test
(tests/classroom/test_browser.py) and records these fingerprints in docs/screenshots/fingerprints.json;
tests/classroom/test_screenshots.py fails when a fingerprint no longer matches.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import attrs

from argmap.analysis.semantics import grounded
from argmap.api import load
from argmap.classroom.html import asset
from argmap.classroom.page import build_page
from argmap.diagram import RenderOptions, build_dot
from argmap.diagram.dot import key_dot

ROOT = Path(__file__).resolve().parent.parent
KEY = ROOT / "examples" / "classroom" / "key.arg"
FIGLEAF = ROOT / "examples" / "figleaf.arg"
#: The map the playground's screenshot shows (tests/editors/test_playground_browser.py types it).
PLAYGROUND_MAP = ROOT / "tests" / "data" / "playground" / "homework.arg"
PLAYGROUND_SOURCES = ROOT / "editors" / "playground"
SCREENSHOTS = ROOT / "docs" / "screenshots"
MANIFEST = SCREENSHOTS / "fingerprints.json"

#: Screenshot name -> the example it shows and how ("page", "steps" or "reading").
PAGES = {
    "classroom-page.png": (KEY, "page"),
    "classroom-present.png": (KEY, "page"),
    "classroom-neighbourhood.png": (KEY, "page"),
    "classroom-steps.png": (KEY, "steps"),
    "reading-view.png": (FIGLEAF, "reading"),
    "playground.png": (PLAYGROUND_MAP, "playground"),
}


def _page(path: Path) -> str:
    options = RenderOptions()
    m = load(path)
    parts = [
        build_dot(m, attrs.evolve(options, key="none", title=False)),
        key_dot(m, options, columns=1) or "",
        build_page(m, "<svg></svg>", grounded(m), (), key_svg="<svg></svg>"),
    ]
    return "\n".join(parts)


def _steps(path: Path) -> str:
    from argmap.commands._steps import render_steps

    with tempfile.TemporaryDirectory() as folder:
        written = render_steps(load(path), RenderOptions(), Path(folder), "dot")
        frames = [p.read_text(encoding="utf-8") for p in written if p.suffix == ".dot"]
    return "\n".join([*frames, asset("steps.css"), asset("steps.js")])


def _reading(path: Path) -> str:
    """The reading view (tests/classroom/test_browser_reading.py): its diagram's DOT and the page around it."""
    from argmap.api import analyze
    from argmap.classroom.reading import build_reading

    a = analyze(path)
    page = build_reading(
        a.map, "<svg></svg>", a.evaluation, a.findings(), a.articles, a.quote_passages, a.article_errors
    )
    return "\n".join([build_dot(a.map, RenderOptions()), page])


def _playground(path: Path) -> str:
    """The playground: the map's DOT, the page's sources and the pinned packages it bundles."""
    sources = sorted((PLAYGROUND_SOURCES / "src").iterdir())
    parts = [build_dot(load(path), RenderOptions())]
    parts += [p.read_text(encoding="utf-8") for p in [*sources, PLAYGROUND_SOURCES / "package-lock.json"]]
    return "\n".join(parts)


def fingerprint(name: str) -> str:
    """The fingerprint of what screenshot ``name`` shows."""
    path, kind = PAGES[name]
    text = {"page": _page, "steps": _steps, "reading": _reading, "playground": _playground}[kind](path)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
