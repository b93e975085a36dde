"""The playground (issue 14) in a real headless Chromium: the site as ``make playground`` builds
it, served on 127.0.0.1, driven by Playwright.

The site is built once per session into site/playground/ (each build step is skipped when its
inputs did not change). Without Node.js and npm, Playwright or Chromium these tests skip and say
which is missing. ``make screenshots`` retakes docs/screenshots/playground.png here (the
committed one came from this test; tests/classroom/test_screenshots.py says when it is out of date).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import struct
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

from tests.classroom.test_browser import CHROMIUM_FLAGS, _chromium, _screenshot
from tests.screenshot_pages import PLAYGROUND_MAP

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Dialog, Page

pytestmark = pytest.mark.exe

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
#: Python's start in the page takes seconds (more on a busy machine); every wait allows this.
START_MS = 120_000


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("playground_build", ROOT / "editors" / "playground" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def site() -> Path:
    """The built playground (built here, once per session)."""
    missing = [tool for tool in ("node", "npm") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the playground needs {' and '.join(missing)} to build (install Node.js)")
    build = _build_script()
    try:
        return Path(build.build())
    except build.BuildError as error:
        pytest.fail(f"make playground failed: {error}")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The site served on 127.0.0.1, as ``make serve-playground`` does."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        pytest.skip("the Python package `playwright` is not installed (pip install -e '.[dev]')")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium found: install Debian's `chromium` (make system-deps) or set ARGMAP_CHROMIUM")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        except Error as error:
            pytest.skip(f"Chromium at {executable} would not start: {str(error).splitlines()[0]}")
        yield launched
        launched.close()


class Playground:
    """One fresh browser profile (its own storage) with the page, and everything it did wrong:
    console errors, page errors, dialogs and requests to any other origin."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.base_url = base_url
        self.context: BrowserContext = browser.new_context(
            viewport={"width": 1360, "height": 900}, accept_downloads=True
        )
        self.problems: list[str] = []
        self.requests: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.watch(self.context.new_page())

    def watch(self, page: Page) -> Page:
        page.on("console", lambda m: self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        page.on("dialog", self._dialog)
        return page

    def _dialog(self, dialog: Dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def open(self, url: str = "", page: Page | None = None) -> Page:
        page = page or self.page
        page.goto(url or self.base_url)
        self.settle(page)
        return page

    def settle(self, page: Page | None = None) -> None:
        """Wait until the page shows the analysis of its current text."""
        page = page or self.page
        page.wait_for_function(
            "() => window.argmapPlayground && argmapPlayground.version() > 0"
            " && argmapPlayground.analysed() === argmapPlayground.version()",
            timeout=START_MS,
        )

    def drawn(self, page: Page | None = None) -> None:
        """Wait until the diagram shows the current text."""
        page = page or self.page
        self.settle(page)
        page.wait_for_function(
            "() => document.querySelector('#diagram').dataset.drawn === String(argmapPlayground.version())",
            timeout=START_MS,
        )

    def type_map(self, text: str) -> None:
        page = self.page
        page.click(".cm-content")
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.insert_text(text)
        self.settle()

    def node_ids(self) -> list[str]:
        return list(self.page.eval_on_selector_all("#diagram g.node", "ns => ns.map(n => n.id)"))

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not url.startswith((self.base_url, "blob:", "data:"))]


@pytest.fixture
def playground(browser: Browser, base_url: str) -> Iterator[Playground]:
    opened = Playground(browser, base_url)
    yield opened
    opened.context.close()


def test_a_first_visit_opens_with_an_example_drawn(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    assert "telegraph.arg" in page.inner_text("#write-title")
    assert "node-T-C1" in playground.node_ids() and "node-T-R1" in playground.node_ids()
    # The example's article comes with it, so its quotes are checked: nothing to report.
    assert page.inner_text("#problem-count") == "(none: the checker found nothing)"
    assert page.eval_on_selector("#files textarea", "t => t.value.length") > 1000
    assert playground.problems == []
    assert playground.foreign() == []
    fetched = {url.removeprefix(playground.base_url) for url in playground.requests}
    assert {"pyodide/pyodide.asm.wasm", "pyodide/python_stdlib.zip", "layout-worker.js"} <= fetched
    assert any(re.fullmatch(r"wheels/argmap-.+-py3-none-any\.whl", url) for url in fetched)


def test_a_mistake_is_shown_and_its_fix_is_drawn(playground: Playground, tmp_path: Path) -> None:
    playground.open()
    page = playground.page
    fixed = PLAYGROUND_MAP.read_text(encoding="utf-8")
    missing = 'premise P2 "Practice is how skills are kept."\n'
    broken = fixed.replace(missing, "")
    playground.type_map(broken)
    problem = page.locator("#problems button[data-code=AM002]")
    assert problem.get_attribute("data-line") == "6"
    assert "undefined-id, line 6: `P2` is not a declared node" in problem.inner_text()
    assert "hint: declare it" in problem.inner_text()
    assert page.locator(".cm-lintRange-error").count() == 1
    assert page.inner_text(".cm-lintRange-error") == "P2"
    assert "fix the error on line 6" in page.inner_text("#status")
    problem.click()  # the problems list jumps to the mistake
    at = broken.index("P2 supports")
    assert page.evaluate("argmapPlayground.selection()") == {"from": at, "to": at + 2, "line": 6, "text": "P2"}

    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type(missing.strip())
    playground.drawn()
    assert page.evaluate("argmapPlayground.text()") == fixed
    assert {"node-C1", "node-P1", "node-R1", "node-P2"} <= set(playground.node_ids())
    assert page.locator("#problems button[data-code=AM002]").count() == 0
    warning = page.locator("#problems button[data-code=AM110]")
    assert "unused-person" in warning.inner_text()
    _screenshot(page, tmp_path, "playground.png")
    assert playground.problems == []


def test_the_overlay_marks_what_stands(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    # The overlay's words are the evaluation's labels (docs/glossary.md): ● in, × out.
    assert "● in" not in page.inner_text("#diagram")
    page.check("#overlay")
    playground.drawn()
    assert "● in" in page.eval_on_selector('[id="node-T-C1"]', "g => g.textContent")
    assert "× out" in page.eval_on_selector('[id="node-T-C2"]', "g => g.textContent")
    page.select_option("#theme", "print")
    playground.drawn()
    assert "× out" in page.eval_on_selector('[id="node-T-C2"]', "g => g.textContent")
    assert playground.problems == []


def test_click_a_box_for_its_reasons_and_its_declaration(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    page.click('[id="node-T-C2"]')
    details = page.inner_text("#details")
    assert "does not stand" in details and "attacked by T-R1, which is in" in details
    assert page.evaluate("argmapPlayground.selection()")["text"] == "T-C2"
    assert page.evaluate("argmapPlayground.selection()")["line"] == 28
    assert page.evaluate("document.activeElement.classList.contains('cm-content')")
    assert playground.problems == []


def test_a_shared_link_restores_the_map_and_its_article(playground: Playground, browser: Browser) -> None:
    playground.open()
    page = playground.page
    page.fill("#files textarea", page.input_value("#files textarea") + "\nA line the student added to the article.")
    playground.type_map(page.evaluate("argmapPlayground.text()") + "\n# shared on purpose: ünïcode 😀\n")
    page.click("#share")
    page.wait_for_function("() => document.querySelector('#share-link').value.includes('#map=')")
    link = page.input_value("#share-link")
    assert link.startswith(playground.base_url + "#map=")
    text = page.evaluate("argmapPlayground.text()")
    article = page.input_value("#files textarea")

    other = Playground(browser, playground.base_url)  # a fresh browser: no storage in common
    try:
        fresh = other.open(link)
        assert fresh.evaluate("argmapPlayground.text()") == text
        assert fresh.input_value("#files textarea") == article
        assert fresh.url == playground.base_url  # the map now lives in the page, not the address
        assert other.problems == []
    finally:
        other.context.close()


def test_a_map_too_long_for_a_link_says_so(playground: Playground) -> None:
    import random

    rng = random.Random(4)
    words = " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8)) for _ in range(6000))
    playground.open()
    playground.type_map(f'claim C1 "{words}" implicit\n')
    page = playground.page
    page.click("#share")
    page.wait_for_selector("#message:not([hidden])")
    assert "too long for a link" in page.inner_text("#message")
    assert page.is_hidden("#share-box")
    assert page.locator("#message button", has_text="Save .arg").count() == 1


def test_every_example_loads_without_an_error(playground: Playground) -> None:
    playground.open()
    page = playground.page
    names = page.eval_on_selector_all("#examples option", "os => os.filter(o => o.value).map(o => o.value)")
    assert len(names) == len(list(EXAMPLES.glob("*.arg")))
    for value in names:
        page.select_option("#examples", value)
        playground.drawn()
        shown = page.inner_text("#problems")
        assert "error[" not in shown, f"example {value}: {shown}"
        assert playground.node_ids()
    assert playground.problems == []


def test_downloads_are_valid_svg_png_and_arg(playground: Playground, tmp_path: Path) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    with page.expect_download() as svg_download:
        page.click("#download-svg")
    svg = tmp_path / "map.svg"
    svg_download.value.save_as(svg)
    assert svg_download.value.suggested_filename == "telegraph.svg"
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert {g.get("id") for g in root.iter("{http://www.w3.org/2000/svg}g")} >= {"node-T-C1", "node-T-C2"}
    assert "tabindex" not in svg.read_text(encoding="utf-8")

    with page.expect_download() as png_download:
        page.click("#download-png")
    png_download.value.save_as(tmp_path / "map.png")
    png = (tmp_path / "map.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert width > 200 and height > 200

    with page.expect_download() as arg_download:
        page.click("#save-map")
    arg_download.value.save_as(tmp_path / "saved.arg")
    assert (tmp_path / "saved.arg").read_text(encoding="utf-8") == (EXAMPLES / "telegraph.arg").read_text(
        encoding="utf-8"
    )
    assert playground.problems == []


def test_open_a_map_and_its_article_from_the_computer(playground: Playground, tmp_path: Path) -> None:
    playground.open()
    page = playground.page
    page.set_input_files("#open-map-file", str(EXAMPLES / "figleaf.arg"))
    playground.settle()
    assert "figleaf.arg" in page.inner_text("#write-title")
    assert "AM106" in page.inner_text("#problems")  # its article is not given yet
    page.set_input_files("#open-files-input", str(EXAMPLES / "sources" / "figleaf.txt"))
    playground.drawn()
    assert "error[" not in page.inner_text("#problems")
    assert "(given)" in page.inner_text("#files")
    stray = tmp_path / "unrelated.txt"
    stray.write_text("nothing", encoding="utf-8")
    page.set_input_files("#open-files-input", str(stray))
    assert "unrelated.txt matches no file the map names" in page.inner_text("#message")
    assert playground.problems == []


def test_the_map_is_kept_between_visits(playground: Playground) -> None:
    playground.open()
    playground.type_map('claim K1 "Kept." implicit\n')
    playground.page.wait_for_timeout(600)  # storage is written a moment after typing stops
    page = playground.open()
    assert page.evaluate("argmapPlayground.text()") == 'claim K1 "Kept." implicit\n'


def test_a_python_exception_is_one_line_and_the_page_goes_on(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    # A theme the library does not know: argmap.playground.run raises ValueError in Pyodide.
    page.evaluate("document.querySelector('#theme').append(new Option('neon', 'neon'))")
    page.select_option("#theme", "neon")
    page.wait_for_selector("#message.error:not([hidden])")
    shown = page.inner_text("#message")
    assert shown.startswith("argmap stopped on this map: ValueError: unknown theme 'neon'")
    assert "\n" not in shown and "Traceback" not in shown
    page.select_option("#theme", "classic")  # still alive
    playground.drawn()
    assert page.is_hidden("#message")
    assert playground.problems == []


def test_a_slow_layout_keeps_the_previous_diagram_and_says_so(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    page.evaluate("argmapPlayground.setLayoutTimeout(1)")
    telegraph = page.evaluate("argmapPlayground.text()")
    playground.type_map(telegraph + '\npremise T-P9 "A new reason."\nT-P9 supports T-C2\n')
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('took longer than')")
    assert "the diagram shows the previous version" in page.inner_text("#status")
    assert "node-T-C1" in playground.node_ids() and "node-T-P9" not in playground.node_ids()
    page.evaluate("argmapPlayground.setLayoutTimeout(60000)")
    playground.type_map(telegraph + '\npremise T-P9 "A new reason."\nT-P9 supports T-C1\n')
    playground.drawn()
    assert "node-T-P9" in playground.node_ids()
    assert playground.problems == []


def test_keyboard_only_and_screen_reader_labels(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('button, select, input, textarea, [role=button]')]
           .filter(e => !e.hidden && e.type !== 'file' && e.getClientRects().length)
           .filter(e => !(e.getAttribute('aria-label') || (e.labels && e.labels.length) || e.textContent.trim()))
           .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert unlabelled == []
    assert page.get_attribute(".cm-content", "aria-label")
    statements = page.eval_on_selector_all("#statements button", "bs => bs.map(b => b.textContent)")
    assert any(s.startswith("T-C2 (claim, does not stand): Those backing Ukraine") for s in statements)
    # Tab from the top reaches the editor, leaves it again, and reaches a box in the diagram.
    focused: list[str] = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.className || ''"))
        if focused[-1].startswith("node-"):
            break
    assert any("cm-content" in f for f in focused), focused
    assert focused[-1].startswith("node-"), focused
    node_id = focused[-1][len("node-") :]
    page.keyboard.press("Enter")
    assert node_id in page.inner_text("#details h3")
    assert page.evaluate("argmapPlayground.selection()")["text"] == node_id
    # In the editor, Ctrl+/ toggles a # comment on the line.
    page.keyboard.press("Home")
    page.keyboard.press("Control+/")
    line = page.evaluate("argmapPlayground.selection().line")
    assert page.evaluate(f"argmapPlayground.text().split('\\n')[{line - 1}]").startswith("# ")
    page.keyboard.press("Control+z")
    assert not page.evaluate(f"argmapPlayground.text().split('\\n')[{line - 1}]").startswith("# ")
    assert playground.problems == []


def test_hostile_text_stays_text(playground: Playground) -> None:
    playground.open()
    hostile = (
        'claim C1 "<img src=x onerror=window.pwned=1><script>window.pwned=2</script>" implicit\n'
        'premise P1 "</text><a href=\\"javascript:window.pwned=3\\">x</a>" implicit\nP1 supports C1\n'
    )
    playground.type_map(hostile)
    playground.drawn()
    page = playground.page
    page.click('[id="node-C1"]')
    assert page.evaluate("window.pwned === undefined")
    assert "<img src=x onerror=window.pwned=1>" in page.inner_text("#details h3")
    assert page.evaluate("document.querySelectorAll('#diagram script, #diagram a[href], img').length") == 0
    assert playground.problems == []


def test_it_opens_again_without_a_network(playground: Playground) -> None:
    playground.open()
    playground.drawn()
    page = playground.page
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    playground.open()  # this visit goes through the offline copy and fills it
    playground.drawn()
    playground.context.set_offline(True)
    try:
        playground.open()
        playground.drawn()
        assert "node-T-C1" in playground.node_ids()
    finally:
        playground.context.set_offline(False)
