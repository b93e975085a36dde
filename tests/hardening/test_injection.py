"""Injection: hostile text in every field of a map, through every exporter.

Each hostile string carries a marker (``ZQX`` and its number) so the tests can find where it
landed. For every export the output must (1) parse as its format, (2) keep every piece of map
text inside a string or text context (it never becomes markup, an attribute, a DOT statement or
an Argdown element), (3) show the text literally, so the original can be read back from it, and
(4) run nothing: no script element but the page's own, no ``on*`` attribute, and links only for
``http``/``https`` URLs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import pytest

from argmap.diagram import RenderOptions, build_dot
from argmap.diagram.escape import visible
from argmap.model import Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source
from tests.fuzz.oracles import (
    MARK,
    SVG_NS,
    assert_dot_safe,
    assert_page_safe,
    assert_svg_safe,
    engines,
    fake_svg,
    html_label_text,
    page_data,
)

#: Hostile strings: quotes, backslashes, Graphviz escapes, markup, script, URLs, CDATA and
#: comment ends, direction overrides, line and paragraph separators, control characters.
HOSTILE = [
    "say \"hello\" and 'bye'",
    "back\\slash \\\\ double \\",
    '\\" escaped quote',
    "\\N \\G \\L \\E \\T \\H \\l \\r \\n graphviz escapes",
    '"]; node [shape=epsf, shapefile="/etc/passwd"]; x [label="',
    '" image="/etc/passwd" label="',
    "<b>bold</b> &amp; &lt; &#60; &gt; &quot; &nbsp;",
    "<script>alert(1)</script>",
    "</script><script>alert(document.cookie)</script>",
    '<img src=x onerror="alert(1)"> <svg onload=alert(1)>',
    '" onmouseover="alert(1)" x="',
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "]]> <![CDATA[ x ]]>",
    "<!-- comment --> --!> <!--",
    "\u202eevil override\u202c and \u2066isolate\u2069 \u200b zero width",
    "line\u2028separator and paragraph\u2029separator",
    "controls \x01\x02\x07\x08\x0b\x0c\x1b[31m\x7f\x85 end",
    "[link](javascript:alert(1)) <https://x> {curly} #(tag) @[x] (1) -> <- +> -< _<_ <r1>:",
    "multi\nline\ntext\n\n# not a heading\n[C2]: not a node\n<r2>: not a relation",
    '""" triple "" quotes """',
    "%s %n ${x} $(id) `id` {{x}} <% x %>",
    "\ufeff BOM \ufffe\uffff non-characters \U0001f600 emoji",
    "tab\there and trailing spaces   ",
]


def hostile(i: int) -> str:
    return f"{MARK}{i:02d} {HOSTILE[i]}"


def hostile_map(text: str, url: str = "https://example.org/a?b=1&c=2") -> Map:
    """A map with ``text`` in every string field (ids stay valid: the language allows no other)."""
    return Map(
        title=text,
        sources=(
            Source("s1", text, outlet=text, date="2024-05-01", url=url, file="article.txt", author=text),
            Source("s2", text, url="javascript:alert(1)"),
        ),
        persons=(Person("p1", text, role=text),),
        nodes=(
            Node(
                NodeKind.CLAIM,
                "C1",
                text,
                by="p1",
                quotes=(Quote("s1", text), Quote("s2", text)),
                tags=("tag1", "tag_2"),
                note=text,
            ),
            Node(NodeKind.PREMISE, "P1", text, note=text),
            Node(NodeKind.PREMISE, "P2", text, implicit=True),
            Node(NodeKind.REBUTTAL, "R1", text, by="p1", step=2),
        ),
        relations=(
            Relation(RelationKind.SUPPORTS, ("P1", "P2"), "C1", id="r1", note=text),
            Relation(RelationKind.ATTACKS, ("R1",), "P1", note=text),
            Relation(RelationKind.UNDERCUTS, ("R1",), "r1", id="u1", note=text),
            Relation(RelationKind.CONTRADICTS, ("C1",), "R1", note=text),
        ),
    )


CASES = [pytest.param(i, id=f"{i:02d}") for i in range(len(HOSTILE))]


_LAYOUT = re.compile("[ \t\n\r\x0b\x0c\u2028\u2029]+")


def squash(text: str) -> str:
    """Text without layout whitespace: wrapping and line breaks are the drawing's business."""
    return _LAYOUT.sub("", text)


def shown(text: str) -> str:
    """How a drawing shows ``text``: layout whitespace as spaces, every other invisible as [U+XXXX]."""
    return squash(visible(_LAYOUT.sub(" ", text)))


# -- DOT -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("i", CASES)
@pytest.mark.parametrize("group_by", [None, "source", "tag"])
def test_dot_keeps_hostile_text_inside_strings(i: int, group_by: str | None) -> None:
    text = hostile(i)
    source = build_dot(hostile_map(text), RenderOptions(group_by=group_by))
    assert_dot_safe(source)
    # Shown literally: every visible character of the text is in the labels, in order.
    assert shown(text) in squash(html_label_text(source))


def test_dot_links_only_http_urls() -> None:
    for url, linked in [
        ("https://example.org/x", True),
        ("http://example.org/x", True),
        ("javascript:alert(1)", False),
        ("JAVASCRIPT:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox(1)", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("https:", False),
        ('https://e.org/"><script>alert(1)</script>', True),
    ]:
        source = build_dot(hostile_map(hostile(0), url=url))
        assert_dot_safe(source)
        hrefs = re.findall(r'(?:href|HREF|URL)="([^"]*)"', source)
        assert all(h.startswith(("http://", "https://")) for h in hrefs), (url, hrefs)
        assert bool(hrefs) == linked, (url, hrefs)
        for h in hrefs:
            assert "<" not in h and '"' not in h and " " not in h


# -- SVG (a real layout, both engines where present) ---------------------------------------------


@pytest.mark.exe
def test_svg_of_a_hostile_map_parses_shows_the_text_and_runs_nothing() -> None:
    from argmap.diagram.engine import run_engine

    found = engines()
    if not found:
        pytest.skip("no layout engine (Graphviz dot or graphviz-pure) installed")
    for engine in found:
        for i in range(len(HOSTILE)):
            text = hostile(i)
            svg = run_engine(build_dot(hostile_map(text), RenderOptions(group_by="source")), "svg", engine=engine)
            root = assert_svg_safe(svg.decode("utf-8"))
            drawn = "".join("".join(e.itertext()) for e in root.iter(f"{SVG_NS}text"))
            assert shown(text) in squash(drawn), (engine, i)
            # The tooltip holds the whole text, line breaks and all.
            titles = [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("title")]
            titles += ["".join(e.itertext()) for e in root.iter(f"{SVG_NS}title")]
            wanted = "\n".join(visible(line.replace("\t", " ")) for line in text.split("\n"))
            assert any(squash(wanted) in squash(t) for t in titles), (engine, i)


# -- HTML: the interactive page and the steps page ------------------------------------------------


@pytest.mark.parametrize("i", CASES)
def test_page_shows_hostile_text_as_text(i: int) -> None:
    page_module = pytest.importorskip("argmap.classroom.page")
    from argmap.classroom.html import asset

    text = hostile(i)
    m = hostile_map(text)
    page = page_module.build_page(m, fake_svg(m))
    scan = assert_page_safe(page, [asset("page.js")])
    assert squash(text) in squash("".join(scan.text))  # the title, as text
    data = page_data(page)
    assert data["title"] == text
    nodes = data["nodes"]
    assert isinstance(nodes, dict)
    assert nodes["C1"]["text"] == text  # recoverable exactly from the page's data


@pytest.mark.exe
def test_page_with_a_real_diagram_of_a_hostile_map() -> None:
    page_module = pytest.importorskip("argmap.classroom.page")
    from argmap.api import analyze
    from argmap.classroom.html import asset
    from argmap.language.printer import dumps

    if not engines():
        pytest.skip("no layout engine installed")
    for i in range(len(HOSTILE)):
        text = hostile(i)
        result = analyze(text=dumps(hostile_map(text)))
        page = page_module.render_page(
            result.map, RenderOptions(group_by="source"), result.findings(), result.evaluation
        )
        assert_page_safe(page, [asset("page.js")])
        assert page_data(page)["title"] == result.map.title


@pytest.mark.parametrize("i", CASES)
def test_steps_page_shows_hostile_text_as_text(i: int) -> None:
    steps = pytest.importorskip("argmap.classroom.steps")
    from argmap.classroom.html import asset

    text = hostile(i)
    m = hostile_map(text)
    page = steps.steps_page(text, fake_svg(m), [text, text])
    scan = assert_page_safe(page, [asset("steps.js")])
    assert squash(text).count(MARK) == 1
    assert "".join(squash(t) for t in scan.text).count(squash(text)) >= 3  # title, heading, captions


# -- JSON, AIF, Argdown: round trips -------------------------------------------------------------


@pytest.mark.parametrize("i", CASES)
def test_json_round_trips_hostile_text_exactly(i: int) -> None:
    from argmap.formats import from_json, to_json

    m = hostile_map(hostile(i))
    out = to_json(m)
    json.loads(out)
    assert from_json(out) == m


@pytest.mark.parametrize("i", CASES)
def test_aif_keeps_hostile_text(i: int) -> None:
    from argmap.formats import from_aif, to_aif

    text = hostile(i)
    m = hostile_map(text)
    out = to_aif(m)
    data = json.loads(out)
    back = from_aif(out)
    assert {n.text for n in back.nodes} == {text}
    assert len(back.nodes) == len(m.nodes)
    assert all(isinstance(n["text"], str) for n in data["nodes"])


def _argdown_round_trip(text: str) -> tuple[Map, Map]:
    from argmap.formats import from_argdown, to_argdown

    m = hostile_map(text)
    return m, from_argdown(to_argdown(m))


def _words(text: str | None) -> str:
    # Argdown collapses whitespace in text (a format rule, docs/formats.md): compare the words.
    return " ".join((text or "").split())


@pytest.mark.parametrize("i", CASES)
def test_argdown_keeps_hostile_text_and_structure(i: int) -> None:
    text = hostile(i)
    m, back = _argdown_round_trip(text)
    assert [n.id for n in back.nodes] == [n.id for n in m.nodes]
    assert sorted((r.kind.value, r.members, r.target) for r in back.relations) == sorted(
        (r.kind.value, r.members, r.target) for r in m.relations
    )
    for node in back.nodes:
        assert _words(node.text) == _words(text), node.id


@pytest.mark.parametrize("i", CASES)
def test_argdown_keeps_a_hostile_title(i: int) -> None:
    text = hostile(i)
    _, back = _argdown_round_trip(text)
    assert _words(back.title) == _words(text)


# -- the terminal: what argmap prints about a map ---------------------------------------------

# Characters that would change what a terminal shows: escapes, erasing controls, bidi overrides.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("style", ["short", "full"])
def test_diagnostics_never_print_raw_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], style: str
) -> None:
    from argmap.cli import main

    folder = tmp_path
    (folder / "a.txt").write_text("the article\n")
    (folder / "m.arg").write_text(
        'source s "T\x1b[31m" file "a.txt"\nperson p "N\x1b]0;title\x07"\n'
        'claim C1 "x\x1b[2J\u202e" quote s "not \x1b[31mthere\u202e"\n  by p\nC1 supports C9\x1b\n',
        encoding="utf-8",
    )
    capsys.readouterr()
    code = main(["check", "--format", style, str(folder / "m.arg")])
    out = capsys.readouterr()
    assert code == 1
    assert "quote-not-found" in out.out or "syntax-error" in out.out
    assert not _TERMINAL_UNSAFE.search(out.out + out.err), repr(out.out)


def test_import_errors_never_print_raw_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    path = tmp_path / "h.json"
    path.write_text(
        json.dumps(
            {"format": "argmap", "version": 1, "nodes": [{"kind": "claim", "id": "a\x1b[31m\u202e", "text": "x"}]}
        )
    )
    capsys.readouterr()
    code = main(["convert", str(path), "-o", str(path.with_suffix(".arg"))])
    out = capsys.readouterr()
    assert code == 1
    assert "is not a valid id" in out.err
    assert not _TERMINAL_UNSAFE.search(out.out + out.err), repr(out.err)


# -- ids from imported files ---------------------------------------------------------------------


def test_hostile_ids_in_imported_files_never_reach_an_export() -> None:
    """Importers either refuse an id the language could not hold or turn it into a safe one."""
    from argmap.formats import FormatError, from_argdown, from_json, from_kialo

    bad = '"><script>alert(1)</script>\u202e'
    doc = {"format": "argmap", "version": 1, "nodes": [{"kind": "claim", "id": bad, "text": "x"}]}
    with pytest.raises(FormatError):
        from_json(json.dumps(doc))
    imported = [
        from_argdown(f"[{bad}]: text\n  - <{bad}>: objection\n  + [{bad}2]: reason #({bad})\n"),
        from_kialo(f"Discussion Title: {bad}\n\n1. {bad}\n1.1. Pro: {bad}\n1.2. Con: {bad}\n"),
    ]
    ok_id = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
    for m in imported:
        for element in m.elements():
            element_id = getattr(element, "id", None)
            assert element_id is None or ok_id.fullmatch(element_id), element_id
        for node in m.nodes:
            assert all(ok_id.fullmatch(tag) for tag in node.tags), node.tags
        assert_dot_safe(build_dot(m))


_ESCAPES_MAP = 'claim C1 "\x1b[31mRED\x1b]0;owned\x07 \u202eevil" implicit\n'


def test_evaluate_never_prints_raw_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    (tmp_path / "m.arg").write_text(_ESCAPES_MAP, encoding="utf-8")
    capsys.readouterr()
    code = main(["evaluate", str(tmp_path / "m.arg")])
    out = capsys.readouterr()
    assert code == 0
    assert "RED" in out.out
    assert not _TERMINAL_UNSAFE.search(out.out + out.err), repr(out.out)


def test_compare_never_prints_raw_control_characters(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    (tmp_path / "student.arg").write_text('claim C1 "x" implicit\n' + _ESCAPES_MAP.replace("C1", "C2"), "utf-8")
    (tmp_path / "key.arg").write_text(_ESCAPES_MAP, encoding="utf-8")
    capsys.readouterr()
    code = main(["compare", str(tmp_path / "student.arg"), str(tmp_path / "key.arg")])
    out = capsys.readouterr()
    assert code in (0, 1)
    assert "RED" in out.out
    assert not _TERMINAL_UNSAFE.search(out.out + out.err), repr(out.out)


@pytest.mark.parametrize("command", ["evaluate", "compare"])
def test_json_outputs_escape_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """JSON output is data: control characters are \\u escapes, the text comes back exactly."""
    from argmap.cli import main

    (tmp_path / "m.arg").write_text(_ESCAPES_MAP, encoding="utf-8")
    paths = [str(tmp_path / "m.arg")] * (2 if command == "compare" else 1)
    capsys.readouterr()
    code = main([command, "--format", "json", *paths])
    out = capsys.readouterr()
    assert code in (0, 1)
    json.loads(out.out)
    assert "\x1b" not in out.out and "\x07" not in out.out


# -- classroom worksheets and the marked comparison diagram ----------------------------------


@pytest.mark.parametrize("i", CASES)
def test_worksheets_keys_and_comparison_diagrams_keep_text_in_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], i: int
) -> None:
    from argmap.cli import main
    from argmap.language.printer import dumps

    text = hostile(i)
    (tmp_path / "article.txt").write_text(text, encoding="utf-8")
    (tmp_path / "m.arg").write_text(dumps(hostile_map(text)), encoding="utf-8")
    for blank in ("texts", "relations", "groups"):
        code = main(["exercise", str(tmp_path / "m.arg"), "--blank", blank, "-o", str(tmp_path / "sheet.dot")])
        assert code == 0, capsys.readouterr()
        for name in ("sheet.dot", "sheet-key.dot"):
            assert_dot_safe((tmp_path / name).read_text(encoding="utf-8"))
    student = tmp_path / "student.arg"
    key = hostile_map(text)
    student.write_text(dumps(attrs.evolve(key, relations=key.relations[:-1])), encoding="utf-8")
    code = main(["compare", str(student), str(tmp_path / "m.arg"), "-o", str(tmp_path / "marked.dot")])
    assert code == 0, capsys.readouterr()
    assert_dot_safe((tmp_path / "marked.dot").read_text(encoding="utf-8"))


# -- the pages' own scripts ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["page.js", "steps.js"])
def test_page_scripts_never_turn_text_into_markup_or_code(name: str) -> None:
    """The one script a page runs sets map text with textContent only: no sink that parses HTML
    or runs a string (a static check; the browser test exercises the page itself)."""
    from argmap.classroom.html import asset

    script = re.sub(r"//[^\n]*", "", asset(name))  # comments may name what is avoided
    for sink in (
        "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(",
        "setTimeout(\"", "setInterval(\"", "srcdoc", "createContextualFragment", "DOMParser",
    ):  # fmt: skip
        assert sink not in script, sink
