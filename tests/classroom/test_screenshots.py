"""docs/screenshots is current: each screenshot was taken of the page argmap builds today.

Retake them with ``make screenshots`` (the browser test, with ARGMAP_UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import json

import pytest

from tests.screenshot_pages import MANIFEST, PAGES, SCREENSHOTS, fingerprint


def test_every_screenshot_is_listed_and_present() -> None:
    recorded = json.loads(MANIFEST.read_text(encoding="utf-8"))
    on_disk = {p.name for p in SCREENSHOTS.glob("*.png")}
    assert set(recorded) == set(PAGES) == on_disk, "run `make screenshots`"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_screenshot_shows_the_page_argmap_builds_today(name: str) -> None:
    recorded = json.loads(MANIFEST.read_text(encoding="utf-8"))
    assert recorded.get(name) == fingerprint(name), f"docs/screenshots/{name} is out of date: run `make screenshots`"
