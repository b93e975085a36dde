"""The outline (document symbols), folding ranges for statements spread over several lines,
and whole-document formatting with ``argmap fmt``'s layout."""

from __future__ import annotations

from lsprotocol import types

from argmap.analysis.analysis import Analysis
from argmap.language.formatting import FormatRefusedError, format_source
from argmap.lsp.positions import FileTexts
from argmap.model import NodeKind, Span

__all__ = ["CannotFormatError", "folding_ranges", "format_document", "symbols"]

_NODE_SYMBOL = {
    NodeKind.CLAIM: types.SymbolKind.Class,
    NodeKind.PREMISE: types.SymbolKind.Field,
    NodeKind.REBUTTAL: types.SymbolKind.Event,
}


class CannotFormatError(Exception):
    """The text cannot be formatted; the message names the first error and where it is."""


def _short(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def symbols(analysis: Analysis, file: str, texts: FileTexts) -> list[types.DocumentSymbol]:
    """The file's title, sources, persons, claims, premises, rebuttals and relations, in file order."""
    m = analysis.map
    found: list[tuple[Span, types.DocumentSymbol]] = []
    declared = {(o.id, o.kind): o.span for o in analysis.index.occurrences if o.declaration and o.span.file == file}

    def add(name: str, kind: types.SymbolKind, span: Span, detail: str, id_kind: str | None = None) -> None:
        if span.file != file or span.line <= 0:
            return
        whole = texts.range(span)
        selection = texts.range(declared.get((name, id_kind), span)) if id_kind else whole
        found.append(
            (span, types.DocumentSymbol(name=name, kind=kind, range=whole, selection_range=selection, detail=detail))
        )

    if m.title is not None:
        add(_short(m.title), types.SymbolKind.String, m.title_span, "title")
    for source in m.sources:
        add(source.id, types.SymbolKind.Module, source.span, f"source: {_short(source.title)}", "source")
    for person in m.persons:
        add(person.id, types.SymbolKind.Constant, person.span, f"person: {_short(person.name)}", "person")
    for node in m.nodes:
        add(node.id, _NODE_SYMBOL[node.kind], node.span, f"{node.kind.value}: {_short(node.text)}", "statement")
    for rel in m.relations:
        words = f"{' + '.join(rel.members)} {rel.kind.value} {rel.target}"
        add(rel.id or words, types.SymbolKind.Operator, rel.span, words if rel.id else rel.kind.value, "relation")
    found.sort(key=lambda pair: (pair[0].line, pair[0].column))
    return [symbol for _, symbol in found]


def folding_ranges(analysis: Analysis, file: str) -> list[types.FoldingRange]:
    """One range for each statement written over several lines."""
    m = analysis.map
    spans = [s.span for s in m.sources] + [p.span for p in m.persons] + [n.span for n in m.nodes]
    spans += [r.span for r in m.relations]
    ranges = {
        (span.line - 1, span.end_line - 1)
        for span in spans
        if span.file == file and span.line > 0 and span.end_line > span.line
    }
    return [types.FoldingRange(start_line=start, end_line=end) for start, end in sorted(ranges)]


def format_document(text: str, filename: str) -> list[types.TextEdit]:
    """One edit replacing the document with its canonical layout ([] when it already is)."""
    try:
        formatted = format_source(text, filename)
    except FormatRefusedError as refused:
        first = refused.diagnostics[0] if refused.diagnostics else None
        where = f" at line {first.span.line}, column {first.span.column}: {first.message}" if first else ""
        raise CannotFormatError(f"argmap: cannot format this map, it has an error{where}") from None
    if formatted == text:
        return []
    lines = text.split("\n")
    end = types.Position(line=len(lines), character=0)
    return [types.TextEdit(range=types.Range(start=types.Position(line=0, character=0), end=end), new_text=formatted)]
