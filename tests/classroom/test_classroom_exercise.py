"""Worksheets with blanks and their answer keys, from one command."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from argmap import Map
from argmap.api import load, loads
from argmap.classroom.exercise import draw_exercise, key_path, letter, make_worksheet, worksheet_dot
from argmap.cli import main
from argmap.diagram import RenderOptions
from argmap.errors import UsageError

ROOT = Path(__file__).resolve().parents[2]
KEY = ROOT / "examples" / "classroom" / "key.arg"


def _texts_in(dot: str) -> str:
    """The DOT's text with wrapped lines joined again."""
    return html.unescape(dot.replace('<BR ALIGN="LEFT"/>', " "))


def test_letters() -> None:
    assert [letter(i) for i in (0, 1, 25, 26, 27, 51, 52)] == ["A", "B", "Z", "AA", "AB", "AZ", "BA"]


def test_key_path_sits_beside_the_sheet() -> None:
    assert key_path(Path("out/sheet.svg")) == Path("out/sheet-key.svg")
    assert key_path(Path("sheet")) == Path("sheet-key")


def test_texts_sheet_hides_every_text_and_the_bank_lists_them_all() -> None:
    m = load(KEY)
    ws = make_worksheet(m, RenderOptions(), "texts", seed=3)
    sheet = _texts_in(worksheet_dot(m, ws, for_key=False))
    assert [n for n, _ in ws.numbers] == list(range(1, len(m.nodes) + 1))
    assert ws.numbers[0][1] == "C1"  # numbered in reveal order: the claim first
    assert sorted(node_id for _, node_id in ws.bank) == sorted(n.id for n in m.nodes)
    assert [b for b, _ in ws.bank] == [letter(i) for i in range(len(m.nodes))]
    for number, node_id in ws.numbers:
        assert ws.sheet.text_overrides[node_id].startswith(f"({number}) ___")
        assert m.node(node_id).text in sheet  # in the word bank, once
        assert sheet.count(m.node(node_id).text) == 1
    assert "Word bank" in sheet


def test_texts_key_shows_each_text_with_its_number_and_letter() -> None:
    m = load(KEY)
    ws = make_worksheet(m, RenderOptions(), "texts", seed=3)
    key = _texts_in(worksheet_dot(m, ws, for_key=True))
    letter_of = {node_id: b for b, node_id in ws.bank}
    for number, node_id in ws.numbers:
        assert ws.key.text_overrides[node_id] == f"({number}) {m.node(node_id).text}"
        assert f"{letter_of[node_id]}." in key
    assert "→ blank 1" in key


def test_the_bank_is_shuffled_deterministically_by_seed() -> None:
    m = load(KEY)
    first = make_worksheet(m, RenderOptions(), "texts", seed=1).bank
    assert make_worksheet(m, RenderOptions(), "texts", seed=1).bank == first
    others = {make_worksheet(m, RenderOptions(), "texts", seed=s).bank for s in range(2, 8)}
    assert len(others | {first}) > 1
    numbered = [node_id for _, node_id in make_worksheet(m, RenderOptions(), "texts", seed=1).numbers]
    for seed in range(50):  # never the numbering order itself: that would give the answers away
        assert [n for _, n in make_worksheet(m, RenderOptions(), "texts", seed=seed).bank] != numbered


def test_relations_and_groups_hide_only_on_the_sheet() -> None:
    m = load(KEY)
    relations = make_worksheet(m, RenderOptions(), "relations")
    assert relations.sheet.hide_relation_kinds and not relations.key.hide_relation_kinds
    groups = make_worksheet(m, RenderOptions(), "groups")
    assert groups.sheet.hide_groups and not groups.key.hide_groups
    sheet = worksheet_dot(m, relations, for_key=False)
    assert "<I>supports</I>" not in sheet  # the relation words give the kind away
    assert re.search(r"<I>\(\d+\) supports</I>", worksheet_dot(m, relations, for_key=True))


def test_hostile_text_in_the_word_bank_is_escaped() -> None:
    m = loads('claim C1 "<b>bold</b> & \\"quoted\\" \\\\N"\n')
    ws = make_worksheet(m, RenderOptions(), "texts")
    dot = worksheet_dot(m, ws, for_key=True)
    assert "<b>bold</b>" not in dot
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;" in dot


def test_unknown_blank_and_format_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown blank"):
        make_worksheet(load(KEY), RenderOptions(), "colours")
    with pytest.raises(UsageError, match="cannot draw a worksheet as `html`"):
        draw_exercise(load(KEY), RenderOptions(), "texts", "html")


@pytest.mark.exe
@pytest.mark.parametrize("blank", ["texts", "relations", "groups"])
def test_one_command_writes_sheet_and_key(tmp_path: Path, blank: str) -> None:
    out = tmp_path / f"{blank}.svg"
    assert main(["exercise", str(KEY), "-o", str(out), "--blank", blank, "--seed", "4"]) == 0
    sheet = html.unescape(out.read_text(encoding="utf-8"))
    key = html.unescape((tmp_path / f"{blank}-key.svg").read_text(encoding="utf-8"))
    assert sheet.startswith("<?xml") and key.startswith("<?xml")
    if blank == "texts":
        assert "(1) ___" in sheet
        assert "(1) The West must be very careful" not in sheet
        assert "The West must be very careful" in key
    else:
        assert sheet != key


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exercise", str(KEY), "-o", str(tmp_path / "x.svg")]) == 2  # --blank is required
    assert main(["exercise", str(KEY), "-o", str(tmp_path / "x.txt"), "--blank", "texts"]) == 2
    assert main(["exercise", str(KEY), "-o", str(tmp_path / "x.svg"), "--blank", "texts", "--seed", "-1"]) == 2
    assert main(["exercise", str(tmp_path / "missing.arg"), "-o", str(tmp_path / "x.svg"), "--blank", "texts"]) == 3
    broken = tmp_path / "broken.arg"
    broken.write_text('claim C1 "x"\nP9 supports C1\n', encoding="utf-8")
    assert main(["exercise", str(broken), "-o", str(tmp_path / "x.svg"), "--blank", "texts"]) == 1
    assert "P9" in capsys.readouterr().err
    assert not (tmp_path / "x.svg").exists()


def test_dot_format_needs_no_engine(tmp_path: Path) -> None:
    out = tmp_path / "sheet.dot"
    assert main(["exercise", str(KEY), "-o", str(out), "--blank", "groups"]) == 0
    assert out.read_text(encoding="utf-8").startswith("digraph")
    assert (tmp_path / "sheet-key.dot").read_text(encoding="utf-8").startswith("digraph")


@pytest.mark.exe
def test_no_node_of_a_texts_sheet_shows_or_hints_its_text(tmp_path: Path) -> None:
    import re

    m = load(KEY)
    sheet, _ = write_exercise(m, RenderOptions(), "texts", tmp_path / "s.svg", "svg", seed=2)
    svg = sheet.read_text(encoding="utf-8")
    groups = list(re.finditer(r'<g id="([^"]*)" class="(?:node|edge|cluster)\b[^"]*">', svg))
    ws = make_worksheet(m, RenderOptions(), "texts", seed=2)
    number_of = {node_id: n for n, node_id in ws.numbers}
    seen = set()
    for i, match in enumerate(groups):
        element_id = html.unescape(match.group(1))
        if not element_id.startswith("node-"):
            continue
        node_id = element_id[5:]
        chunk = svg[match.end() : groups[i + 1].start() if i + 1 < len(groups) else len(svg)]
        shown = html.unescape(" ".join(re.findall(r"<text[^>]*>([^<]*)</text>", chunk)))
        tooltips = html.unescape(" ".join(re.findall(r'xlink:title="([^"]*)"', chunk)))
        assert f"({number_of[node_id]}) ___" in shown
        for word in m.node(node_id).text.split()[1:4]:  # not even a few of its words
            assert word not in shown.split() and word not in tooltips.split(), (node_id, word)
        seen.add(node_id)
    assert seen == {n.id for n in m.nodes}


# -- fair worksheets, ready to print (issue 15, point 3) -----------------------------------------


def test_relations_sheet_names_boxes_by_seeded_letters_and_numbers_the_arrows() -> None:
    import re

    from argmap.diagram import relation_keys

    m = load(KEY)
    ws = make_worksheet(m, RenderOptions(), "relations", seed=3)
    sheet = worksheet_dot(m, ws, for_key=False)
    answer = worksheet_dot(m, ws, for_key=True)
    ids = [n.id for n in m.nodes]
    # No id of the map on the sheet (R2 -> R1 would say: an attack), in headers, tooltips or SVG ids.
    for node_id in ids:
        assert not re.search(rf"\b{re.escape(node_id)}\b", sheet), node_id
    letters = sorted(ws.sheet.labels.values())
    assert letters == sorted(chr(ord("A") + i) for i in range(len(ids)))
    assert ws.sheet.labels == ws.key.labels  # the key uses the same letters, so they match up
    assert make_worksheet(m, RenderOptions(), "relations", seed=4).sheet.labels != ws.sheet.labels
    assert make_worksheet(m, RenderOptions(), "relations", seed=3).sheet.labels == ws.sheet.labels
    # A numbered blank on every arrow; the key gives each number its word.
    for number in range(1, len(relation_keys(m)) + 1):
        assert f"({number}) ____________" in sheet
        assert re.search(rf"\({number}\) (supports|attacks|undercuts|contradicts)<", answer)


@pytest.mark.parametrize(("page", "orientation"), [("a4", "portrait"), ("letter", "landscape")])
def test_sheet_is_sized_to_the_page(page: str, orientation: str, tmp_path: Path) -> None:
    from argmap.classroom.exercise import paper

    sheet, key = write_exercise(
        load(KEY), RenderOptions(), "relations", tmp_path / "s.dot", "dot", page=page, orientation=orientation
    )
    width, height = paper(page, orientation)
    assert (width < height) == (orientation == "portrait")
    for path in (sheet, key):
        text = path.read_text(encoding="utf-8")
        assert f'size="{width - 1:.2f},{height - 1:.2f}!"' in text  # half an inch of margin all round


@pytest.mark.skipif(shutil.which("dot") is None, reason="needs system Graphviz for PDF")
def test_pdf_sheet_and_key_are_one_page_each_and_fit_a4_portrait(tmp_path: Path) -> None:
    import re

    sheet, key = write_exercise(load(KEY), RenderOptions(), "relations", tmp_path / "sheet.pdf", "pdf", engine="system")
    for path in (sheet, key):
        data = path.read_bytes()
        assert data.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page\b", data)) == 1  # the answer key is its own page, its own file
        box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
        assert box is not None
        w, h = float(box.group(1)), float(box.group(2))
        assert w <= 595.5 and h <= 842.5  # within A4 portrait (points)
        assert w >= 595.5 - 72 - 1 or h >= 842.5 - 72 - 1  # filling the page inside its margins


def test_pdf_with_the_bundled_engine_is_a_clear_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "argmap",
            "exercise",
            str(KEY),
            "--blank",
            "relations",
            "-o",
            str(tmp_path / "s.pdf"),
            "--engine",
            "bundled",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 4
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("argmap: error:") and "hint:" in done.stderr
    assert not (tmp_path / "s.pdf").exists() and not (tmp_path / "s-key.pdf").exists()


def write_exercise(m: Map, options: RenderOptions, blank: str, out: Path, fmt: str, **kw: Any) -> tuple[Path, Path]:
    """What `argmap exercise` does: draw both, then write the sheet and its key beside it."""
    sheet, key = draw_exercise(m, options, blank, fmt, **kw)
    out.write_bytes(sheet)
    key_path(out).write_bytes(key)
    return out, key_path(out)
