"""How fast the browser playground answers, in this machine's Chromium (issue 14, point 5).

Builds the site (editors/playground/build.py), serves it on 127.0.0.1 and drives Debian's
Chromium with Playwright. It measures, and prints as a table of medians:

- page load → first diagram of the telegraph example, cold (a fresh profile: nothing cached)
  and warm (the same profile reloaded);
- keystroke → updated diagnostics and keystroke → redrawn diagram, on the telegraph map and on
  a 200-statement map (bench/generate.py), each keystroke a letter typed into a statement's
  text, so that both the analysis and the layout run again; the page times these itself, from
  the key event to the moment the problems list and the diagram show that version;
- the layout alone (Graphviz in WebAssembly, inside its worker) and native ``dot -Tsvg`` on
  the same DOT, for the 200-statement map;
- that typing is never blocked: the longest main-thread task (a task over 50 ms, which delays
  a key pressed meanwhile) from each keystroke until its diagram is shown, and the time from a
  key event to the character being in the editor.

Usage: ``python bench/playground_latency.py [--keys 15] [--loads 3]``. Other engineers may
share the machine: the load average (``uptime``) is printed before and after.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate, to_arg  # noqa: E402

CHROMIUM = os.environ.get("ARGMAP_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
WAIT_MS = 180_000


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _build() -> Path:
    spec = importlib.util.spec_from_file_location("playground_build", ROOT / "editors" / "playground" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return Path(module.build())


def _uptime() -> str:
    done = subprocess.run(["uptime"], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def _wait_drawn(page: Any) -> None:
    page.wait_for_function(
        "() => window.argmapPlayground && argmapPlayground.version() > 0"
        " && document.querySelector('#diagram').dataset.drawn === String(argmapPlayground.version())",
        timeout=WAIT_MS,
    )


def _first_diagram(page: Any, url: str, starts: list[dict[str, float]] | None = None) -> float:
    page.goto(url)
    page.wait_for_function("() => window.argmapPlayground && argmapPlayground.firstDrawn() !== null", timeout=WAIT_MS)
    if starts is not None:
        starts.append(page.evaluate("argmapPlayground.startMs()"))
    return float(page.evaluate("argmapPlayground.firstDrawn()"))


def _keystrokes(page: Any, anchor: str, keys: int) -> list[dict[str, float]]:
    """Type ``keys`` letters just after ``anchor`` (inside a statement's text), one at a time,
    each after the previous one was drawn; return the page's timings of each."""
    text = page.evaluate("argmapPlayground.text()")
    offset = len(text[: text.index(anchor) + len(anchor)].encode("utf-16-le")) // 2
    page.evaluate(f"argmapPlayground.cursor({offset})")
    page.evaluate(
        """() => { window.__longest = 0; new PerformanceObserver(list => {
             for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
           }).observe({ type: 'longtask', buffered: false }); }"""
    )
    measured = []
    for i in range(keys):
        page.evaluate("window.__longest = 0")
        page.keyboard.type("abcdefghijklmnopqrstuvwxyz"[i % 26])
        _wait_drawn(page)
        page.wait_for_timeout(100)  # the long-task observer reports a moment later
        version = page.evaluate("argmapPlayground.version()")
        entry = page.evaluate(f"argmapPlayground.timings.find(t => t.version === {version})")
        entry["longest"] = float(page.evaluate("window.__longest"))
        measured.append(entry)
    return measured


def _native_dot(dot: str, repeats: int = 5) -> float | None:
    engine = shutil.which("dot")
    if engine is None:
        return None
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        subprocess.run([engine, "-Tsvg"], input=dot.encode("utf-8"), capture_output=True, check=True)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.0f} ms"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Latency of the browser playground, in Chromium.")
    parser.add_argument("--keys", type=int, default=15, help="keystrokes measured per map (default 15)")
    parser.add_argument("--loads", type=int, default=3, help="cold and warm page loads each (default 3)")
    parser.add_argument("--size", type=int, default=200, help="statements of the large map (default 200)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from argmap.playground import run

    print(f"before: {_uptime()}")
    site = _build()
    synthetic = generate(args.size)
    large_text, large_files = to_arg(synthetic), dict(synthetic.articles)
    large = {"name": "map.arg", "text": large_text, "files": large_files}
    first = synthetic.nodes[0]
    rows: list[tuple[str, float | None, str]] = []
    with _served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        cold: list[float] = []
        warm: list[float] = []
        starts: list[dict[str, float]] = []
        for _ in range(args.loads):
            context = browser.new_context()  # a fresh profile: nothing cached
            page = context.new_page()
            cold.append(_first_diagram(page, url, starts))
            warm.append(_first_diagram(page, url, starts))  # the same profile again
            context.close()
        context = browser.new_context(viewport={"width": 1360, "height": 900})
        page = context.new_page()
        _first_diagram(page, url)
        _wait_drawn(page)
        telegraph = _keystrokes(page, "A ceasefire could let Putin rearm", args.keys)
        page.evaluate("(map) => argmapPlayground.load(map)", large)
        _wait_drawn(page)
        big = _keystrokes(page, first.text[:20], args.keys)
        context.close()
        browser.close()
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path.cwd()
        os.chdir(folder)
        try:
            dot = run(large_text, large_files)["dot"]
        finally:
            os.chdir(cwd)
    native = _native_dot(dot) if dot else None
    rows += [
        ("page load → first diagram, telegraph, cold", _median(cold), ""),
        ("page load → first diagram, telegraph, warm", _median(warm), ""),
        ("… Python's start in the worker (all loads)", _median([s["ms"] for s in starts]), ""),
        ("… … of which Pyodide itself", _median([s["pyodide"] for s in starts]), ""),
        ("… … of which installing the wheels", _median([s["wheels"] for s in starts]), ""),
        ("… … of which importing argmap", _median([s["import"] for s in starts]), ""),
        ("keystroke → diagnostics, telegraph", _median([t.get("diagnostics") for t in telegraph]), ""),
        ("keystroke → redrawn diagram, telegraph", _median([t.get("drawn") for t in telegraph]), "≤ 300 ms"),
        (f"keystroke → diagnostics, {args.size} statements", _median([t.get("diagnostics") for t in big]), "≤ 150 ms"),
        (f"keystroke → redrawn diagram, {args.size} statements", _median([t.get("drawn") for t in big]), ""),
        (f"layout in the page (viz.js worker), {args.size} statements", _median([t.get("layout") for t in big]), ""),
        (f"native `dot -Tsvg`, same DOT, {args.size} statements", native, ""),
        (
            f"longest main-thread task per keystroke, {args.size} statements",
            _median([t["longest"] for t in big]),
            "no long block",
        ),
        (f"… the worst of the {args.keys} keystrokes", max(t["longest"] for t in big), ""),
        ("key event → character in the editor", _median([t.get("echo") for t in big + telegraph]), ""),
    ]
    layout = _median([t.get("layout") for t in big])
    print(f"\n{args.loads} cold and warm loads, {args.keys} keystrokes per map; medians\n")
    print("| measurement | median | target |")
    print("|---|---|---|")
    for name, value, target in rows:
        print(f"| {name} | {_ms(value)} | {target} |")
    if layout is not None and native:
        print(f"\nlayout in the page / native dot, {args.size} statements: {layout / native:.2f}× (target ≤ 2×)")
    print(f"\nafter: {_uptime()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
