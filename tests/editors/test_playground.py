"""argmap.playground: what the browser page asks of argmap (one map's text in, JSON-able out).

The page itself is tested in a real browser in tests/editors/test_playground_browser.py; here the
module runs in CPython, where the same code runs in Pyodide.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.playground import analyse, draw, report, run
from bench.generate import generate, to_arg

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As in the browser: articles the page did not give are looked up in an empty folder."""
    monkeypatch.chdir(tmp_path)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _slice(text: str, start: int, end: int) -> str:
    """The characters between two UTF-16 offsets, as the editor reads them."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def _telegraph() -> tuple[str, dict[str, str]]:
    text = (EXAMPLES / "telegraph.arg").read_text(encoding="utf-8")
    return text, {"sources/telegraph.txt": (EXAMPLES / "sources" / "telegraph.txt").read_text(encoding="utf-8")}


def test_a_clean_map_with_its_article() -> None:
    text, files = _telegraph()
    result = run(text, files, name="telegraph.arg")
    json.dumps(result)  # the page receives it as JSON
    assert result["findings"] == []
    assert result["counts"] == {"errors": 0, "warnings": 0}
    assert result["files"] == [
        {
            "file": "sources/telegraph.txt",
            "kind": "article",
            "title": "Vladimir Putin could use peace talks to restock his army, warns James Cleverly",
            "source": "telegraph",
            "given": True,
        }
    ]
    ids = [s["id"] for s in result["statements"]]
    assert ids == ["T-C1", "T-C2", "T-P1", "T-I1", "T-P2", "T-R1", "T-P3"]
    for statement in result["statements"]:
        assert result["dot"] is not None and f'"node-{statement["id"]}"' in result["dot"]
        assert _slice(text, statement["range"]["from"], statement["range"]["to"]) == statement["id"]
    c2 = next(s for s in result["statements"] if s["id"] == "T-C2")
    assert c2["label"] == "out"
    assert c2["why"] == "out: attacked by T-R1, which is in"


def test_without_its_article_the_quote_check_says_so() -> None:
    text, _ = _telegraph()
    result = run(text, {}, name="telegraph.arg")
    assert [f["code"] for f in result["findings"]] == ["AM106"]
    assert result["files"][0]["given"] is False
    assert result["dot"] is not None  # a consistency error still draws


def test_a_quote_missing_from_the_pasted_article() -> None:
    text, files = _telegraph()
    files = {"sources/telegraph.txt": files["sources/telegraph.txt"].replace("Putin has got form", "Putin has")}
    result = run(text, files, name="telegraph.arg")
    assert [f["name"] for f in result["findings"]] == ["quote-not-found"]
    finding = result["findings"][0]
    assert finding["line"] == 36
    assert "Vladimir Putin has got form on this." in _slice(text, finding["range"]["from"], finding["range"]["to"])


def test_the_same_lines_as_argmap_check(tmp_path: Path) -> None:
    text = 'claim C1 "A claim." implicit\nC2 supports C1\npremise P1 "Unused."\nsource s "S" file "gone.txt"\n'
    (tmp_path / "map.arg").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "check", "--format", "json", "map.arg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    result = run(text)
    shown = [{k: v for k, v in f.items() if k not in ("short", "range")} for f in result["findings"]]
    assert shown == json.loads(done.stdout)
    assert result["findings"][0]["short"].startswith("map.arg:2:1: error[AM002] undefined-id: ")
    assert result["counts"]["errors"] >= 1
    assert result["dot"] is None  # an undefined id: the map's shape is unknown, nothing is drawn
    undefined = next(f for f in result["findings"] if f["code"] == "AM002")
    assert undefined["line"] == 2
    assert _slice(text, undefined["range"]["from"], undefined["range"]["to"]) == "C2"
    assert undefined["hints"]


def test_a_byte_order_mark_counts_as_the_editor_does() -> None:
    text = '\ufeffclaim C1 "x" implicit\nX9 supports C1\n'
    finding = next(f for f in run(text)["findings"] if f["code"] == "AM002")
    assert _slice(text, finding["range"]["from"], finding["range"]["to"]) == "X9"


def test_offsets_count_as_the_editor_does() -> None:
    # An emoji is two UTF-16 units: the underline must still land on the undefined id.
    text = 'claim C1 "Fine 😀 and ünïcode 😀😀." implicit\n# 😀 a comment\nX9 supports C1\n'
    result = run(text)
    finding = next(f for f in result["findings"] if f["code"] == "AM002")
    assert _slice(text, finding["range"]["from"], finding["range"]["to"]) == "X9"
    assert finding["range"]["from"] == _utf16(text[: text.index("X9")])


@settings(max_examples=60, deadline=None)
@given(prefix=st.text(st.characters(exclude_categories=["Cs"], exclude_characters='"\\\r\n\x00'), max_size=20))
def test_offsets_for_any_text_before_a_mistake(prefix: str) -> None:
    text = f'claim C1 "{prefix}" implicit\nNOPE supports C1\n'
    result = run(text)
    findings = [f for f in result["findings"] if f["range"] is not None]
    assert findings
    for finding in findings:
        start, end = finding["range"]["from"], finding["range"]["to"]
        assert 0 <= start <= end <= _utf16(text)


def test_overlay_and_themes_change_the_drawing() -> None:
    text, files = _telegraph()
    plain = run(text, files)["dot"]
    overlaid = run(text, files, overlay=True)["dot"]
    printed = run(text, files, theme="print")["dot"]
    assert plain and overlaid and printed
    assert len({plain, overlaid, printed}) == 3


def test_an_unknown_theme_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        run('claim C1 "x" implicit\n', theme="neon")


def test_a_map_with_includes_given_as_files() -> None:
    text = (EXAMPLES / "peace-talks.arg").read_text(encoding="utf-8")
    missing = run(text, {}, name="peace-talks.arg")
    assert "AM007" in {f["code"] for f in missing["findings"]}
    assert [f["file"] for f in missing["files"]] == [
        "mirror.arg",
        "figleaf.arg",
        "telegraph.arg",
        "express.arg",
        "nato.arg",
    ]
    files = {p.name: p.read_text(encoding="utf-8") for p in EXAMPLES.glob("*.arg") if p.name != "peace-talks.arg"}
    files.update({f"sources/{p.name}": p.read_text(encoding="utf-8") for p in (EXAMPLES / "sources").glob("*.txt")})
    result = run(text, files, name="peace-talks.arg")
    assert not [f for f in result["findings"] if f["severity"] == "error"]
    assert result["dot"] is not None and '"node-X-C1"' in result["dot"]


def test_the_page_calls_analyse_report_and_draw_apart() -> None:
    text, files = _telegraph()
    analysis = analyse(text, files)
    shown = report(analysis, text, files)
    assert shown["drawable"] is True and "dot" not in shown
    assert draw(analysis, theme="classic", overlay=True) == run(text, files, theme="classic", overlay=True)["dot"]
    broken = analyse('claim C1 "x" implicit\nX supports C1\n')
    assert report(broken, "")["drawable"] is False
    assert draw(broken) is None


def test_map_text_stays_text() -> None:
    text = 'claim C1 "<script>alert(1)</script> & \\"quotes\\"" implicit\n'
    result = run(text)
    assert result["statements"][0]["text"] == '<script>alert(1)</script> & "quotes"'
    assert "<script>" not in (result["dot"] or "")  # DOT escapes it (argmap.diagram.escape)


def _timed(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        run(text)
        best = min(best, time.process_time() - began)
    return best


@pytest.mark.slow
def test_four_times_the_map_takes_at_most_about_four_times_as_long() -> None:
    small, large = to_arg(generate(100)), to_arg(generate(400))
    run(small)  # warm the parser
    assert _timed(large) / _timed(small) < 4 * 2.5


def _doc_commands() -> list[str]:
    text = (ROOT / "docs" / "playground.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```sh\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_commands_in_docs_playground_md_exist() -> None:
    """Each ``make`` command shown is a target whose recipe runs the build or the server that
    tests/editors/test_playground_browser.py runs (a dry run here: serving never ends)."""
    commands = _doc_commands()
    assert commands == ["make playground", "make serve-playground"]
    if shutil.which("make") is None:
        pytest.skip("no `make` on this machine")
    for command in commands:
        done = subprocess.run([*command.split(), "-n"], cwd=ROOT, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert "editors/playground/build.py" in done.stdout
    served = subprocess.run(["make", "-n", "serve-playground"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "http.server 8000 --bind 127.0.0.1 --directory site/playground" in served.stdout
