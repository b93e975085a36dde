"""Worksheets and their answer keys from one map.

Three kinds of blank:

* ``texts``: each node's text becomes a numbered blank; a word bank lists the texts, lettered
  and shuffled (deterministically, by ``seed``). The key shows each text with its number and
  which letter goes in which blank.
* ``relations``: every relation is drawn neutrally (no "because"/"but", no colour); the key is
  the map as drawn normally.
* ``groups``: linked co-premises are drawn as separate arrows; the key shows the links.

The sheet and the key are the same layout engine's drawing of the same map, so they line up.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.classroom.order import frames
from argmap.diagram.dot import relation_keys
from argmap.errors import UsageError
from argmap.model import Map

if TYPE_CHECKING:
    from argmap.diagram import RenderOptions, Theme

__all__ = ["BLANKS", "FORMATS", "Worksheet", "draw_exercise", "key_path", "letter", "make_worksheet", "worksheet_dot"]

BLANKS = ("texts", "relations", "groups")
FORMATS = ("svg", "png", "pdf", "dot")

_INSTRUCTIONS = {
    "texts": "Write the letter of the right statement from the word bank in each numbered blank.",
    "relations": "Every arrow here is drawn the same. On each numbered line write what the arrow "
    "does: supports (a reason for what it points at), attacks (an objection to it), undercuts "
    "(an objection to the step) or contradicts.",
    "groups": "Every reason is drawn on its own here. Which reasons work only together (linked)? "
    "Circle each group of co-premises that must all hold.",
}
_BLANK = "_" * 22
_BR = '<BR ALIGN="LEFT"/>'


@attrs.frozen
class Worksheet:
    """What one exercise draws: the sheet's and the key's options and the word bank."""

    blank: str
    seed: int
    sheet: RenderOptions
    key: RenderOptions
    #: (letter, node id) in the shuffled order the word bank lists them (``texts`` only).
    bank: tuple[tuple[str, str], ...] = ()
    #: (blank number, node id) in numbering order (``texts`` only).
    numbers: tuple[tuple[int, str], ...] = ()


def letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: a word-bank letter."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _shuffled(ids: Sequence[str], seed: int) -> list[str]:
    """A seeded shuffle that never leaves every statement in its numbered order (that would give
    the answers away): reshuffled until it differs, when there are at least two."""
    rng = random.Random(seed)
    order = list(ids)
    for _ in range(100):
        rng.shuffle(order)
        if len(order) < 2 or order != list(ids):
            break
    return order


def make_worksheet(m: Map, options: RenderOptions, blank: str, seed: int = 0) -> Worksheet:
    """The sheet and key for one kind of ``blank`` (pure; the same seed gives the same sheet)."""
    if blank not in BLANKS:
        raise UsageError(f"unknown blank `{blank}`", hint=f"choose one of: {', '.join(BLANKS)}")
    if blank in ("relations", "groups"):
        # Ids such as R2 and P3 say which boxes object: the sheet and its key call every box by
        # a letter in a seeded order instead, and number each arrow for the answer.
        nodes = [n.id for n in m.first_nodes()]
        labels = {node_id: letter(i) for i, node_id in enumerate(_shuffled(nodes, seed))}
        keys = list(relation_keys(m))
        arrows = {key: str(n) for n, key in enumerate(_shuffled(keys, seed + 1), 1)} if blank == "relations" else {}
        named = attrs.evolve(options, labels={**options.labels, **labels}, arrow_numbers=arrows)
        if blank == "relations":
            return Worksheet(blank, seed, attrs.evolve(named, hide_relation_kinds=True), named)
        return Worksheet(blank, seed, attrs.evolve(named, hide_groups=True), named)
    order = [node_id for frame in frames(m) for node_id in frame]  # the claim first, then file order
    numbers = tuple((n, node_id) for n, node_id in enumerate(order, 1))
    bank = tuple((letter(i), node_id) for i, node_id in enumerate(_shuffled(order, seed)))
    sheet_texts = {node_id: f"({n}) {_BLANK}" for n, node_id in numbers}
    key_texts = {node_id: f"({n}) {m.node(node_id).text}" for n, node_id in numbers}
    return Worksheet(
        blank,
        seed,
        attrs.evolve(options, text_overrides={**options.text_overrides, **sheet_texts}),
        attrs.evolve(options, text_overrides={**options.text_overrides, **key_texts}),
        bank,
        numbers,
    )


def _panel_rows(m: Map, ws: Worksheet, for_key: bool) -> list[tuple[str, str]]:
    """(left, right) rows of the box beside the diagram: the bank, or the instructions."""
    if ws.blank != "texts":
        if for_key:
            return [("", "Answer key: the map as the teacher drew it.")]
        return [("", _INSTRUCTIONS[ws.blank])]
    number_of = {node_id: n for n, node_id in ws.numbers}
    rows = []
    for bank_letter, node_id in ws.bank:
        text = " ".join(m.node(node_id).text.split())
        rows.append((f"{bank_letter}.", f"{text}  → blank {number_of[node_id]}" if for_key else text))
    return rows


def worksheet_dot(m: Map, ws: Worksheet, *, for_key: bool) -> str:
    """The DOT text of the sheet (or the key): the renderer's drawing plus the exercise box."""
    from argmap.diagram import build_dot
    from argmap.diagram.escape import dot_id, html
    from argmap.diagram.wrap import wrap

    options = ws.key if for_key else ws.sheet
    theme: Theme = options.theme
    dot = build_dot(m, options)
    if ws.blank == "texts":
        title = "Word bank (answer key)" if for_key else "Word bank"
    else:
        title = "Answer key" if for_key else "Exercise"

    def font(text: str, *, bold: bool = False) -> str:
        inner = f"<B>{text}</B>" if bold else text
        return f'<FONT POINT-SIZE="{theme.font_size:g}" COLOR="{theme.text}">{inner}</FONT>'

    cells = [f'<TR><TD ALIGN="LEFT" COLSPAN="2">{font(html(title), bold=True)}</TD></TR>']
    if ws.blank == "texts" and not for_key:
        instruction = "".join(html(line) + _BR for line in wrap(_INSTRUCTIONS["texts"], 60))
        cells.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{font(instruction)}</TD></TR>')
    for left, right in _panel_rows(m, ws, for_key):
        lines = "".join(html(line) + _BR for line in wrap(right, 60))
        if not left:  # Graphviz refuses an empty <B></B>: one wide cell instead
            cells.append(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">{font(lines)}</TD></TR>')
            continue
        cells.append(
            f'<TR><TD ALIGN="LEFT" VALIGN="TOP">{font(html(left), bold=True)}</TD>'
            f'<TD ALIGN="LEFT" BALIGN="LEFT">{font(lines)}</TD></TR>'
        )
    table = (
        f'<<TABLE BORDER="1" COLOR="{theme.key_border}" BGCOLOR="{theme.key_fill}" CELLBORDER="0" '
        f'CELLSPACING="0" CELLPADDING="4">{"".join(cells)}</TABLE>>'
    )
    # Under the title and the key, above the map: a row of its own, so a portrait sheet does
    # not grow sideways. Without a heading label, a box beside the map.
    heading = re.search(r'^  graph \[label=<<TABLE BORDER="0" CELLSPACING="6">.*?(</TABLE>>), labelloc=t', dot, re.M)
    if heading is not None:
        row = f"<TR><TD>{table[1:-1]}</TD></TR>"
        return dot[: heading.start(1)] + row + dot[heading.start(1) :]
    statement = f"exercise [id={dot_id('exercise')} shape=plaintext label={table}];"
    body = dot.rstrip()
    if not body.endswith("}"):
        raise ValueError("build_dot returned text that does not end a graph")  # a renderer bug
    return body[:-1] + f"  {statement}\n}}\n"


def key_path(out: Path) -> Path:
    """Where the answer key goes: beside the sheet, ``-key`` added to its stem
    (``sheet.svg`` -> ``sheet-key.svg``)."""
    return out.with_name(f"{out.stem}-key{out.suffix}")


#: Paper sizes in inches (width, height, portrait), and the margin kept blank on every side.
PAGES = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
ORIENTATIONS = ("portrait", "landscape")
_MARGIN = 0.5
#: Boxes to a row on the page: a portrait sheet is narrow, so reasons move further out.
_ROW_CAP = {"portrait": 2, "landscape": 4}


def paper(page: str, orientation: str) -> tuple[float, float]:
    """The page's width and height in inches."""
    if page not in PAGES or orientation not in ORIENTATIONS:
        raise UsageError(
            f"unknown paper `{page} {orientation}`",
            hint=f"choose a page of {', '.join(PAGES)} and an orientation of {', '.join(ORIENTATIONS)}",
        )
    width, height = PAGES[page]
    return (width, height) if orientation == "portrait" else (height, width)


def on_paper(dot: str, width: float, height: float) -> str:
    """The DOT scaled to fill the page inside its margins (up or down, its shape kept)."""
    inner_w, inner_h = width - 2 * _MARGIN, height - 2 * _MARGIN
    body = dot.rstrip()
    if not body.endswith("}"):
        raise ValueError("a worksheet's DOT does not end a graph")  # a renderer bug
    return body[:-1] + f'  graph [size="{inner_w:.2f},{inner_h:.2f}!", pad="0.1"];\n}}\n'


def draw_exercise(
    m: Map,
    options: RenderOptions,
    blank: str,
    fmt: str,
    *,
    seed: int = 0,
    page: str = "a4",
    orientation: str = "portrait",
    engine: str = "auto",
    timeout: float = 60.0,
) -> tuple[bytes, bytes]:
    """The worksheet and its answer key drawn as ``fmt``, each one page of ``page`` paper in
    ``orientation`` (the key always a page of its own). Both are drawn before the caller writes
    either, so there is never a sheet without its key."""
    import time

    from argmap.diagram.engine import run_engine
    from argmap.errors import EngineTimeoutError

    if fmt not in FORMATS:
        raise UsageError(f"cannot draw a worksheet as `{fmt}`", hint=f"choose one of: {', '.join(FORMATS)}")
    width, height = paper(page, orientation)
    ws = make_worksheet(m, attrs.evolve(options, row_cap=_ROW_CAP[orientation]), blank, seed)
    drawn: list[bytes] = []
    # One deadline for both pages: ``--timeout`` bounds the whole command, not each engine run.
    deadline = time.monotonic() + timeout
    for for_key in (False, True):
        sized = on_paper(worksheet_dot(m, ws, for_key=for_key), width, height)
        if fmt == "dot":
            drawn.append(sized.encode("utf-8"))
            continue
        late = EngineTimeoutError(
            f"the worksheet and its key did not finish within {timeout:g} s and were stopped",
            hint="allow more time with --timeout SECONDS, or draw a smaller map",
        )
        left = deadline - time.monotonic()
        if left <= 0:
            raise late
        try:
            drawn.append(run_engine(sized, fmt, engine=engine, timeout=left))
        except EngineTimeoutError:
            raise late from None
    return drawn[0], drawn[1]
