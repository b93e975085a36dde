"""What the browser playground asks of argmap: one map's text (and its articles) in, everything
the page shows out, as plain JSON-able values.

The page runs this module in Pyodide inside a Web Worker. It goes through ``argmap.analyze``
like every command, so the page shows exactly what ``argmap check`` says, and draws with
``build_dot`` (the page lays the DOT out with Graphviz compiled to WebAssembly). Nothing here
touches the page, the network or the disk beyond what ``analyze`` reads: an article the page did
not give is looked up in the working folder, which in the browser is an empty virtual disk.

Positions go out twice: as 1-based line and column (what messages say) and as ``from``/``to``
offsets in UTF-16 code units of the map's text, which is how the editor counts, so an underline
lands on the exact characters even after an emoji.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping, Sequence
from typing import Any

from argmap.analysis.analysis import Analysis, analyze
from argmap.analysis.report import short, to_records
from argmap.diagram.formats import THEME_NAMES
from argmap.model import Span
from argmap.model.diagnostics import Diagnostic, Severity

__all__ = ["DEFAULT_NAME", "LANGUAGE_STAGE", "analyse", "draw", "report", "run"]

#: The map's name in messages when the page has not been given one (a file opened keeps its name).
DEFAULT_NAME = "map.arg"

#: Codes of the language stage (syntax, names, includes). A map with one of these errors is not
#: drawn: its shape is unknown, so the page keeps the last diagram. Consistency errors (a quote
#: not found, a cycle) still draw, as the diagram helps to see them.
LANGUAGE_STAGE = "AM0"


class _Offsets:
    """Turns a 1-based (line, column) of one text into a UTF-16 offset, as the editor counts."""

    def __init__(self, text: str, shift: int = 0) -> None:
        self._lines = text.split("\n")
        self._ascii = text.isascii()
        starts = [shift]
        for line in self._lines:
            starts.append(starts[-1] + self._width(line) + 1)
        self._starts = starts
        self._end = max(0, starts[-1] - 1)

    def _width(self, text: str) -> int:
        return len(text) if self._ascii or text.isascii() else len(text.encode("utf-16-le")) // 2

    def at(self, line: int, column: int) -> int:
        if line < 1:
            return self._starts[0]
        if line > len(self._lines):
            return self._end
        source = self._lines[line - 1]
        prefix = source[: max(0, column - 1)]
        return min(self._starts[line - 1] + self._width(prefix), self._starts[line] - 1)


def _range(span: Span, filename: str, offsets: _Offsets) -> dict[str, int] | None:
    """The span's UTF-16 range in the map's text, or ``None`` when it lies in another file."""
    if span.file != filename or span.line < 1:
        return None
    start = offsets.at(span.line, span.column)
    end = offsets.at(span.end_line, span.end_column) if span.end_line >= span.line else start
    return {"from": start, "to": max(start, end)}


def _findings(analysis: Analysis, offsets: _Offsets) -> list[dict[str, Any]]:
    findings = analysis.findings()
    records = to_records(findings)
    for record, finding in zip(records, findings, strict=True):
        record["short"] = short(finding)
        record["range"] = _range(finding.span, analysis.filename, offsets)
    return records


def _drawable(findings: Sequence[Diagnostic]) -> bool:
    return not any(d.severity is Severity.ERROR and d.code.startswith(LANGUAGE_STAGE) for d in findings)


def analyse(text: str, files: Mapping[str, str] | None = None, *, name: str = DEFAULT_NAME) -> Analysis:
    """Analyse one map as ``argmap check`` does. ``files`` maps the names the map gives to other
    files (a source's article, ``sources/telegraph.txt``, or an included map) to the texts the
    student pasted or opened; they are resolved next to the map, as on disk."""
    folder = posixpath.dirname(name)
    given = {posixpath.normpath(posixpath.join(folder, file)): body for file, body in (files or {}).items()}
    return analyze(name, text=text, files=given)


def report(analysis: Analysis, text: str, files: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the page shows of the analysis of ``text`` (the editor's text, given to ``analyse``
    with ``files``), except the diagram: ``findings`` (the records of
    ``argmap check --format json`` plus ``short``, the line ``argmap check`` prints, and
    ``range``), ``counts``, ``statements`` (id, kind, text, label and why, and where each is
    declared), ``files`` (each file the map names, an article or an include, and whether it was
    given in ``files``), ``drawable`` (false when a syntax or name error leaves the map's shape
    unknown) and ``title``."""
    # argmap drops a leading byte-order mark (and reads CR LF as LF, as the editor does too).
    offsets = _Offsets(analysis.text, shift=1 if text.startswith("\ufeff") else 0)
    shown = analysis.findings()
    errors = sum(d.is_error for d in shown)
    drawable = _drawable(shown)
    return {
        "name": analysis.filename,
        "title": analysis.map.title,
        "findings": _findings(analysis, offsets),
        "counts": {"errors": errors, "warnings": len(shown) - errors},
        "statements": _statements(analysis, offsets, analysis.evaluation if drawable else None),
        "files": _named_files(analysis, files or {}),
        "drawable": drawable,
    }


def draw(analysis: Analysis, *, theme: str = "default", overlay: bool = False) -> str | None:
    """The DOT of the analysed map in ``theme`` (one of ``THEME_NAMES``), with the evaluation
    overlay or not; ``None`` when a syntax or name error leaves the map's shape unknown."""
    if theme not in THEME_NAMES:
        raise ValueError(f"unknown theme {theme!r}: one of {', '.join(THEME_NAMES)}")
    if not _drawable(analysis.findings()):
        return None
    return _dot(analysis, theme, overlay)


def run(
    text: str,
    files: Mapping[str, str] | None = None,
    *,
    name: str = DEFAULT_NAME,
    theme: str = "default",
    overlay: bool = False,
) -> dict[str, Any]:
    """``report`` of ``analyse``, with the diagram's DOT as ``dot``: everything the page shows
    of one map, in one call. (The page makes the two calls apart, so that the diagnostics are
    shown before the DOT is built.)"""
    if theme not in THEME_NAMES:
        raise ValueError(f"unknown theme {theme!r}: one of {', '.join(THEME_NAMES)}")
    analysis = analyse(text, files, name=name)
    return {**report(analysis, text, files), "dot": draw(analysis, theme=theme, overlay=overlay)}


def _statements(analysis: Analysis, offsets: _Offsets, evaluation: Any) -> list[dict[str, Any]]:
    out = []
    for node in analysis.map.first_nodes():
        declared = analysis.index.declaration(node.id)
        span = declared.span if declared is not None else node.span
        label = evaluation.labels.get(node.id) if evaluation is not None else None
        out.append(
            {
                "id": node.id,
                "kind": node.kind.value,
                "text": node.text,
                "implicit": node.implicit,
                "line": span.line,
                "range": _range(span, analysis.filename, offsets),
                "label": label.value if label is not None else None,
                "why": evaluation.why(node.id) if label is not None else None,
            }
        )
    return out


def _named_files(analysis: Analysis, given: Mapping[str, str]) -> list[dict[str, Any]]:
    """The files the top map names: its includes, then each source's article, once each."""
    named: dict[str, dict[str, Any]] = {}
    for path in _includes(analysis):
        named.setdefault(path, {"file": path, "kind": "include", "title": path})
    for source in analysis.map.sources:
        if source.file is not None and source.span.file == analysis.filename:
            named.setdefault(
                source.file,
                {"file": source.file, "kind": "article", "title": source.title, "source": source.id},
            )
    for entry in named.values():
        entry["given"] = entry["file"] in given
    return list(named.values())


def _includes(analysis: Analysis) -> tuple[str, ...]:
    """The paths the top file includes (the merged map keeps no includes: read its own text)."""
    if "include" not in analysis.text:
        return ()
    from argmap.language.document import parse_document

    return tuple(i.path for i in parse_document(analysis.text, analysis.filename).map.includes)


def _dot(analysis: Analysis, theme: str, overlay: bool) -> str:
    from argmap.diagram.dot import build_dot
    from argmap.diagram.options import RenderOptions
    from argmap.diagram.theme import THEMES

    options = RenderOptions(theme=THEMES[theme], overlay=analysis.evaluation if overlay else None)
    return build_dot(analysis.map, options)
