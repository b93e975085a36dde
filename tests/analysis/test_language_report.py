"""Diagnostics as text: the short line, the full excerpt with its caret, JSON, and safety."""

from __future__ import annotations

import json

from argmap.analysis.report import format_diagnostics, full, short, to_records
from argmap.model import Span
from argmap.model.diagnostics import Label, make


def test_short_line() -> None:
    d = make("undefined-id", "`P1` is not a declared node", Span("m.arg", 3, 1, 3, 3), hints=["declare it"])
    assert short(d) == "m.arg:3:1: error[AM002] undefined-id: `P1` is not a declared node"


def test_full_with_label_and_hints() -> None:
    texts = {"m.arg": 'claim C1 "x"\nclaim C1 "y"\n'}
    d = make(
        "duplicate-id",
        "`C1` is declared twice",
        Span("m.arg", 2, 7, 2, 9),
        labels=[Label(Span("m.arg", 1, 7, 1, 9), "first declared here")],
        hints=["rename one"],
    )
    assert full(d, texts) == (
        "m.arg:2:7: error[AM003] duplicate-id: `C1` is declared twice\n"
        "  |\n"
        '2 | claim C1 "y"\n'
        "  |       ^^\n"
        "  --> m.arg:1:7: first declared here\n"
        "  |\n"
        '1 | claim C1 "x"\n'
        "  |       ^^\n"
        "  = hint: rename one"
    )


def test_a_span_over_several_lines_is_underlined_to_the_end_of_its_first() -> None:
    d = make("duplicate-id", "m", Span("m.arg", 1, 7, 3, 2))
    assert full(d, {"m.arg": "claim C1 x\n  by p\n  note"}).splitlines()[3] == "  |       ^^^^"


def test_a_point_span_gets_one_caret_even_at_the_end_of_a_line() -> None:
    d = make("syntax-error", "m", Span("m.arg", 1, 9, 1, 9))
    assert full(d, {"m.arg": "claim C1"}).splitlines()[2:] == ["1 | claim C1", "  |         ^"]


def test_wide_characters_and_tabs_keep_the_caret_under_the_word() -> None:
    text = 'claim 中文 "x"\tC9'
    d = make("undefined-id", "m", Span("m.arg", 1, 14, 1, 16))
    shown, caret = full(d, {"m.arg": text}).splitlines()[2:]
    assert shown == '1 | claim 中文 "x" C9'
    assert caret == "  |                ^^"  # 中文 takes four columns


def test_a_long_line_is_shown_as_a_window_around_the_column() -> None:
    text = "x" * 5000 + " P1 " + "y" * 5000
    d = make("undefined-id", "m", Span("m.arg", 1, 5002, 1, 5004))
    _, _, shown, caret = full(d, {"m.arg": text}).splitlines()
    assert len(shown) < 220
    assert shown.startswith("1 | ... ") and shown.endswith(" ...")
    assert shown[caret.index("^") : caret.index("^") + 2] == "P1"


def test_control_characters_never_reach_the_terminal() -> None:
    text = 'claim C1 "x\x1b[2J\u202e"\n'
    d = make("bad-value", "bad \x1b[31m value\u202e", Span("m\x1bx.arg", 1, 10, 1, 20), hints=["\x07hint"])
    out = format_diagnostics([d], "full", {"m\x1bx.arg": text})
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert out.startswith("m\\x1bx.arg:1:10: error[AM006] bad-value: bad \\x1b[31m value\\u202e")
    assert "= hint: \\x07hint" in out


def test_json_records() -> None:
    d = make(
        "duplicate-id",
        "twice",
        Span("m.arg", 2, 1, 2, 3),
        labels=[Label(Span("m.arg", 1, 1, 1, 3), "first")],
        hints=["h"],
    )
    (record,) = json.loads(format_diagnostics([d], "json", {}))
    assert record == to_records([d])[0]
    assert record["labels"] == [{"message": "first", "file": "m.arg", "line": 1, "column": 1}]
    assert format_diagnostics([], "json", {}) == "[]"
    assert format_diagnostics([], "short", {}) == ""


def test_a_file_without_text_gets_no_excerpt() -> None:
    d = make("unreadable-file", "cannot read `x.arg`: no such file", Span("x.arg", 1, 1, 1, 1), hints=["h"])
    assert full(d, {}) == "x.arg:1:1: error[AM008] unreadable-file: cannot read `x.arg`: no such file\n  = hint: h"
