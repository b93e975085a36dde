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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.classroom.order import frames
from argmap.commands.files import write_atomic
from argmap.errors import EXIT_USAGE, CommandError
from argmap.model import Map

if TYPE_CHECKING:
    from argmap.diagram import RenderOptions, Theme

__all__ = ["BLANKS", "FORMATS", "Worksheet", "key_path", "letter", "make_worksheet", "worksheet_dot", "write_exercise"]

BLANKS = ("texts", "relations", "groups")
FORMATS = ("svg", "png", "pdf", "dot")

_INSTRUCTIONS = {
    "texts": "Write the letter of the right statement from the word bank in each numbered blank.",
    "relations": "Every arrow here is drawn the same. Label each one: is it a reason for (supports) "
    "or an objection to (attacks) what it points at?",
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
        raise CommandError(f"unknown blank `{blank}`", hint=f"choose one of: {', '.join(BLANKS)}", exit_code=EXIT_USAGE)
    if blank == "relations":
        return Worksheet(blank, seed, attrs.evolve(options, hide_relation_kinds=True), options)
    if blank == "groups":
        return Worksheet(blank, seed, attrs.evolve(options, hide_groups=True), options)
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
    statement = f"exercise [id={dot_id('exercise')} shape=plaintext label={table}];"
    body = dot.rstrip()
    if not body.endswith("}"):
        raise ValueError("build_dot returned text that does not end a graph")  # a renderer bug
    return body[:-1] + f"  {statement}\n}}\n"


def key_path(out: Path) -> Path:
    """Where the answer key goes: beside the sheet, ``-key`` added to its stem
    (``sheet.svg`` -> ``sheet-key.svg``)."""
    return out.with_name(f"{out.stem}-key{out.suffix}")


def write_exercise(
    m: Map,
    options: RenderOptions,
    blank: str,
    out: Path,
    fmt: str,
    *,
    seed: int = 0,
    engine: str = "auto",
    timeout: float = 60.0,
) -> tuple[Path, Path]:
    """Draw and write the worksheet to ``out`` and its key to ``key_path(out)``; both paths back."""
    from argmap.diagram.engine import run_engine

    if fmt not in FORMATS:
        raise CommandError(
            f"cannot draw a worksheet as `{fmt}`", hint=f"choose one of: {', '.join(FORMATS)}", exit_code=EXIT_USAGE
        )
    ws = make_worksheet(m, options, blank, seed)
    outputs = []
    for for_key, path in ((False, out), (True, key_path(out))):
        dot = worksheet_dot(m, ws, for_key=for_key)
        data = dot.encode("utf-8") if fmt == "dot" else run_engine(dot, fmt, engine=engine, timeout=timeout)
        outputs.append((path, data))
    for path, data in outputs:  # both drawn before either is written: no sheet without its key
        write_atomic(path, data)
    return out, key_path(out)
