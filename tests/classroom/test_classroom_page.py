"""The interactive page without a browser: escaping, the CSP, accessibility attributes, data.

tests/classroom/test_browser.py drives the same page in a real headless Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import pytest

import argmap
from argmap.analysis.semantics import grounded
from argmap.api import load_result, loads, loads_result
from argmap.classroom.html import inline_svg, json_script, safe_url
from argmap.classroom.page import build_page, findings_by_node, node_data
from argmap.cli import main
from argmap.diagram import RenderOptions
from argmap.model.diagnostics import Label, make

ROOT = Path(__file__).resolve().parents[2]
KEY = ROOT / "examples" / "classroom" / "key.arg"

#: Every string a map can carry, made hostile. U+2028 ends a line in old JavaScript parsers.
HOSTILE = """title "</title><script>window.pwned=1</script>"
source s "<img src=x onerror=alert(1)>"
  outlet "</script><!--"
  url "javascript:alert(1)"
person p "<script>window.pwned=2</script>"
  role "\u2028\u2029 -->"
claim C1 "<script>window.pwned=3</script> </script><!-- ]]> \u2028"
  by p
  quote s "javascript:alert(4)"
  note "<a href=javascript:alert(5)>x</a>"
premise P1 "x\\" onmouseover=\\"window.pwned=6"
P1 supports C1
"""


def _fake_svg(*ids: str) -> str:
    groups = "".join(f'<g id="node&#45;{i}" class="node claim"><title>n</title><path d="M0,0"/></g>' for i in ids)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n<!-- Generated -->\n'
        f'<svg width="100pt" height="50pt" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg">{groups}</svg>'
    )


def _hostile_page() -> str:
    result = loads_result(HOSTILE)
    return build_page(result.map, _fake_svg("C1", "P1"), grounded(result.map), result.diagnostics)


def _data(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    loaded: dict[str, object] = json.loads(match.group(1))
    return loaded


def test_hostile_map_text_never_becomes_markup() -> None:
    page = _hostile_page()
    assert len(re.findall(r"<script", page, re.IGNORECASE)) == 2  # the JSON data and the page's own script
    assert "<script>window.pwned" not in page
    assert "<img" not in page
    assert 'href="javascript' not in page.lower()
    assert re.search(r"\sonmouseover=[\"']", page) is None  # the quote in P1's text stays escaped
    assert "&lt;/title&gt;&lt;script&gt;" in page  # the title, escaped, in <title> and <h1>


def test_hostile_text_survives_the_json_round_trip_exactly() -> None:
    page = _hostile_page()
    raw = re.search(r'id="argmap-data">(.*?)</script>', page, re.DOTALL)
    assert raw is not None
    for bad in ("</", "<!--", "\u2028", "\u2029", "-->"):
        assert bad not in raw.group(1)
    data = _data(page)
    nodes = data["nodes"]
    assert isinstance(nodes, dict)
    m = loads(HOSTILE)
    assert data["title"] == m.title
    assert nodes["C1"]["text"] == m.node("C1").text
    assert nodes["C1"]["speaker"] == {"name": m.person("p").name, "role": m.person("p").role}
    assert nodes["C1"]["quotes"][0]["source"]["url"] == "javascript:alert(1)"  # shown as text
    assert nodes["C1"]["quotes"][0]["source"]["link"] is None  # never a link


def test_only_the_pages_own_script_may_run() -> None:
    page = _hostile_page()
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1))  # type: ignore[union-attr]
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1]


def test_safe_url() -> None:
    assert safe_url("https://example.org/a?b=1#c") == "https://example.org/a?b=1#c"
    assert safe_url(" http://example.org ") == "http://example.org"
    for bad in (
        "javascript:alert(1)",
        "JaVaScRiPt:x",
        "data:text/html,x",
        "//example.org",
        "http:/x",
        None,
        'https://a.org/"onclick=x',
        "https://a.org/\nx",
        "file:///etc/passwd",
        "vbscript:x",
    ):
        assert safe_url(bad) is None, bad


def test_json_script_escapes_what_ends_a_script() -> None:
    text = json_script({"a": "</script><!-- \u2028 & >"}, "d")
    inner = text[len('<script type="application/json" id="d">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "\u2028" not in inner
    assert json.loads(inner) == {"a": "</script><!-- \u2028 & >"}


def test_inline_svg_strips_what_could_run() -> None:
    svg = (
        '<?xml version="1.0"?><!-- c --><svg width="1pt" height="2pt" viewBox="0 0 1 2">'
        '<script>alert(1)</script><g onclick="alert(2)"><a xlink:href="javascript:alert(3)" xlink:title="t">'
        '<text>x</text></a><a xlink:href="https://example.org/">y</a></g></svg>'
    )
    out = inline_svg(svg, label='a "label"')
    assert "<script" not in out and "onclick" not in out and "javascript:" not in out
    assert 'xlink:href="https://example.org/"' in out
    assert 'width="1pt"' not in out
    assert 'aria-label="a &quot;label&quot;"' in out
    assert out.startswith("<svg")


def test_nodes_are_keyboard_reachable_with_spoken_labels() -> None:
    page = _hostile_page()
    for node_id in ("C1", "P1"):
        tag = re.search(rf'<g id="node&#45;{node_id}" class="node claim"[^>]*>', page)
        assert tag is not None
        assert 'tabindex="0"' in tag.group(0)
        assert 'role="button"' in tag.group(0)
        assert "aria-label=" in tag.group(0)
    assert '<label for="search"' in page
    assert "@media print" in page


def test_the_text_alternative_lists_every_node() -> None:
    result = load_result(KEY)
    page = build_page(result.map, _fake_svg("C1"), grounded(result.map))
    statements = page[page.index('<section id="statements"') :]
    for node in result.map.nodes:
        assert html.escape(node.text) in statements


def test_panel_data_has_speaker_quotes_sources_evaluation_and_relations() -> None:
    result = load_result(KEY)
    data = node_data(result.map, grounded(result.map), {})
    r1 = data["R1"]
    assert r1["speaker"] == {"name": "Emmanuel Macron", "role": "President of France"}
    quote = r1["quotes"][0]  # type: ignore[index]
    assert quote["source"]["outlet"] == "The Telegraph"
    assert quote["source"]["date"] == "2022-12"
    assert r1["status"] == "out"
    assert "R2" in str(r1["why"])
    assert {"phrase": "Attacks", "others": ["C1"], "outweighed": False} in r1["relations"]  # type: ignore[operator]
    assert {"phrase": "Attacked by", "others": ["R2"], "outweighed": False} in r1["relations"]  # type: ignore[operator]
    p1 = data["P1"]
    assert {"phrase": "Linked with (works only together with)", "others": ["P2"], "outweighed": False} in p1[
        "relations"
    ]  # type: ignore[operator]


def test_findings_are_matched_by_span_label_and_name() -> None:
    result = loads_result('claim C1 "c"\npremise P1 "p"\npremise P2 "q"\nP1 supports C1\n', "m.arg")
    m = result.map
    inside = make("orphan", "a finding inside P2", m.node("P2").span)
    named = make("unsupported-claim", "`C1` has no reason", m.node("P2").span)
    labelled = make("duplicate-id", "elsewhere", m.node("C1").span, labels=[Label(m.node("P1").span, "here")])
    on_relation = make("circular-support", "a cycle", m.relations[0].span)
    found = findings_by_node(m, [inside, named, labelled, on_relation])
    assert found["P2"] == [inside, named]
    assert found["C1"] == [named, labelled, on_relation]
    assert found["P1"] == [labelled, on_relation]


@pytest.mark.exe
def test_render_page_and_the_cli(tmp_path: Path) -> None:
    result = load_result(KEY)
    page = str(argmap.render(argmap.analyze(KEY), "html", RenderOptions()))
    assert page.count('tabindex="0" role="button"') == len(result.map.nodes)
    assert "<?xml" not in page
    out = tmp_path / "map.html"
    assert main(["render", str(KEY), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == page


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_page_colours_meet_wcag_aa_contrast() -> None:
    from argmap.classroom.html import asset

    css = asset("page.css")
    var = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})", css))
    text_pairs = [
        ("ink", "paper"),
        ("ink", "shade"),
        ("muted", "paper"),
        ("muted", "shade"),
        ("accent", "paper"),
        ("in-ink", "in-bg"),
        ("out-ink", "out-bg"),
        ("und-ink", "und-bg"),
    ]
    for fg, bg in text_pairs:
        assert _contrast(var[fg], var[bg]) >= 4.5, (fg, bg)
    assert _contrast(var["focus"], var["paper"]) >= 3.0  # a focus ring is a UI component: 3:1
