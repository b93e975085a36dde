"""Diagnostics as text: short (one line each), hints (each line with its hints, the default of
``argmap check``), full (with a caret excerpt) and JSON."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from argmap.model.diagnostics import Diagnostic

__all__ = [
    "FORMATS",
    "dumps_safe",
    "format_diagnostics",
    "full",
    "short",
    "terminal_safe",
    "to_json",
    "to_records",
    "with_hints",
]

FORMATS = ("hints", "short", "full", "json")


def short(d: Diagnostic) -> str:
    """``file:line:col: severity[CODE] name: message`` on one line."""
    return f"{terminal_safe(str(d.span))}: {d.severity.value}[{d.code}] {d.name}: {_one_line(d.message)}"


def _one_line(text: str) -> str:
    """Whitespace runs as one space, and the rest made safe for a terminal (see ``terminal_safe``)."""
    return terminal_safe(" ".join(text.split()))


def terminal_safe(text: str) -> str:
    """Invisible or terminal-controlling characters (ESC, bidirectional overrides) escaped, so
    map text quoted in a message cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


#: Characters a JSON output never carries raw, though JSON would allow them: DEL and the C1
#: controls (U+009B starts a terminal escape), direction marks, overrides and isolates (U+202E
#: reverses what follows), zero-width characters, line and paragraph separators (which end a
#: line in JavaScript), and lone surrogates (which no UTF-8 file can hold).
#: (A pattern string, compiled by ``re`` on first use and cached: not at every start-up.)
_JSON_UNSAFE = "[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"


def dumps_safe(data: object, **options: Any) -> str:
    """``json.dumps`` with readable non-ASCII text (``ensure_ascii=False``) but every character of
    ``_JSON_UNSAFE`` written as a ``\\uXXXX`` escape: the same JSON value, safe to print."""
    import json  # only JSON output needs it: not imported at start-up

    text = json.dumps(data, ensure_ascii=False, **options)
    return re.sub(_JSON_UNSAFE, lambda found: f"\\u{ord(found.group()):04x}", text)


def _width(text: str) -> int:
    """Terminal columns of text: wide East Asian characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@functools.lru_cache(maxsize=8)
def _lines(text: str) -> tuple[str, ...]:
    """The lines of a text, split once however many diagnostics quote it."""
    return tuple(text.split("\n"))


# Lines longer than this are shown as a window around the column.
_WINDOW = 200


def _printable(text: str) -> str:
    """Tabs as spaces, other control characters as U+FFFD: map text never drives the terminal."""
    text = text.replace("\t", " ")
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else "\ufffd" for c in text)


def _excerpt(text: str, line: int, column: int, end_line: int, end_column: int, message: str) -> list[str]:
    lines = _lines(text)
    if not 1 <= line <= len(lines):
        return []
    source = lines[line - 1]
    start_index = max(0, min(column - 1, len(source)))
    if end_line != line or end_column <= column:
        end_column = column + 1 if end_line == line else len(source) + 1
    left, right = 0, len(source)
    if len(source) > _WINDOW:
        left = max(0, start_index - _WINDOW // 4)
        right = min(len(source), left + _WINDOW)
    prefix = "... " if left else ""
    suffix = " ..." if right < len(source) else ""
    visible = _printable(source[left:right])
    gutter = str(line)
    pad = " " * len(gutter)
    start = _width(prefix) + _width(visible[: start_index - left])
    length = max(1, _width(visible[start_index - left : max(start_index - left, end_column - 1 - left)]))
    caret = " " * start + "^" * length + (f" {message}" if message else "")
    return [f"{pad} |", f"{gutter} | {prefix}{visible}{suffix}", f"{pad} | {caret}"]


def full(d: Diagnostic, texts: Mapping[str, str]) -> str:
    """The short line, then the source line with a caret underline, labels and hints."""
    out = [short(d)]
    s = d.span
    if s.file in texts:
        out += _excerpt(texts[s.file], s.line, s.column, s.end_line, s.end_column, "")
    for label in d.labels:
        ls = label.span
        out.append(f"  --> {terminal_safe(str(ls))}: {_one_line(label.message)}")
        if ls.file in texts:
            out += _excerpt(texts[ls.file], ls.line, ls.column, ls.end_line, ls.end_column, "")
    out += [f"  = hint: {_one_line(h)}" for h in d.hints]
    return "\n".join(out)


def with_hints(d: Diagnostic) -> str:
    """The short line and the hints under it: the fix without the excerpt."""
    return "\n".join([short(d), *(f"  = hint: {_one_line(h)}" for h in d.hints)])


def to_records(diagnostics: Iterable[Diagnostic]) -> list[dict[str, object]]:
    """Plain dictionaries, one per diagnostic, in the documented JSON shape."""
    return [
        {
            "code": d.code,
            "name": d.name,
            "severity": d.severity.value,
            "message": d.message,
            "file": d.span.file,
            "line": d.span.line,
            "column": d.span.column,
            "end_line": d.span.end_line,
            "end_column": d.span.end_column,
            "labels": [
                {
                    "message": label.message,
                    "file": label.span.file,
                    "line": label.span.line,
                    "column": label.span.column,
                }
                for label in d.labels
            ],
            "hints": list(d.hints),
        }
        for d in diagnostics
    ]


def to_json(diagnostics: Iterable[Diagnostic]) -> str:
    """The diagnostics as a JSON list (sorted keys, two-space indent)."""
    return dumps_safe(to_records(diagnostics), indent=2, sort_keys=True)


def format_diagnostics(diagnostics: Iterable[Diagnostic], style: str, texts: Mapping[str, str]) -> str:
    """All diagnostics in one of ``FORMATS``; empty string when there are none (text styles)."""
    items = list(diagnostics)
    if style == "json":
        return to_json(items)
    if style == "full":
        return "\n\n".join(full(d, texts) for d in items)
    if style == "hints":
        return "\n".join(with_hints(d) for d in items)
    return "\n".join(short(d) for d in items)
