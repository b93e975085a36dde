"""Code actions, each a fix for one finding: a quote that differs only in typography gets the
article's exact characters; a quote that is not found gets the closest passage (its score in
the title); an unknown id gets each close declared id; a source id followed by a string,
where ``quote`` is missing, gets ``quote`` inserted."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from lsprotocol import types

from argmap.analysis.analysis import Analysis
from argmap.analysis.checks.matching import Article, closest_passage, locate
from argmap.language.printer import encode_string
from argmap.lsp.positions import FileTexts
from argmap.model import Quote, Span
from argmap.model.diagnostics import Diagnostic

__all__ = ["code_actions"]

_STRING = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|"(?:[^"\\\n]|\\[^\n])*"')
_QUOTE_HEAD = re.compile(r"quote\s+[A-Za-z_][A-Za-z0-9_\-]*\s*")
_SOURCE_DECLARATION = re.compile(r"^\s*source\s+([A-Za-z_][A-Za-z0-9_\-]*)", re.MULTILINE)
_ID_THEN_STRING = re.compile(r'(?<![A-Za-z0-9_\-])([A-Za-z_][A-Za-z0-9_\-]*)\s*"')

#: How many close ids an unknown id is offered.
_CLOSE_IDS = 3


def code_actions(
    analysis: Analysis, findings: tuple[Diagnostic, ...], texts: FileTexts, uri: str
) -> list[types.CodeAction]:
    """The fixes for the findings given (those under the cursor or selection)."""
    actions: list[types.CodeAction] = []
    for diagnostic in findings:
        if diagnostic.name in ("quote-typography", "quote-not-found"):
            actions += _quote_fixes(analysis, diagnostic, texts, uri)
        elif diagnostic.name == "undefined-id":
            actions += _close_ids(analysis, diagnostic, texts, uri)
        elif diagnostic.name == "syntax-error":
            actions += _missing_quote_keyword(analysis, diagnostic, texts, uri)
    return actions


def _action(
    title: str, uri: str, edit: types.TextEdit, diagnostic: types.Diagnostic | None, preferred: bool
) -> types.CodeAction:
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        edit=types.WorkspaceEdit(changes={uri: [edit]}),
        is_preferred=preferred,
        diagnostics=[diagnostic] if diagnostic is not None else None,
    )


def _lsp(diagnostic: Diagnostic, texts: FileTexts) -> types.Diagnostic:
    from argmap.lsp.diagnostics import to_lsp

    return to_lsp(diagnostic, texts)


def _offset(text: str, line: int, column: int) -> int:
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return start + column - 1


def _span_at(file: str, text: str, start: int, end: int) -> Span:
    line = text.count("\n", 0, start) + 1
    line_start = text.rfind("\n", 0, start) + 1
    end_line = text.count("\n", 0, end) + 1
    end_line_start = text.rfind("\n", 0, end) + 1
    return Span(file, line, start - line_start + 1, end_line, end - end_line_start + 1)


def _quote_of(analysis: Analysis, span: Span) -> Quote | None:
    for node in analysis.map.nodes:
        for quote in node.quotes:
            if quote.span == span:
                return quote
    return None


def _quote_fixes(analysis: Analysis, diagnostic: Diagnostic, texts: FileTexts, uri: str) -> Iterator[types.CodeAction]:
    quote = _quote_of(analysis, diagnostic.span)
    article_text = analysis.articles.get(quote.source) if quote is not None else None
    text = analysis.texts.get(diagnostic.span.file)
    if quote is None or article_text is None or text is None:
        return
    start = _offset(text, diagnostic.span.line, diagnostic.span.column)
    head = _QUOTE_HEAD.match(text, start)
    literal = _STRING.match(text, head.end()) if head else None
    if literal is None:
        return
    where = texts.range(_span_at(diagnostic.span.file, text, literal.start(), literal.end()))
    article = Article(article_text)
    if diagnostic.name == "quote-typography":
        match = locate(article, quote.text)
        if match is None:
            return
        exact = article.text[match.start : match.end]
        title = f"Use the article's exact characters: “{article.excerpt(match.start, match.end, 60)}”"
        yield _action(
            title, uri, types.TextEdit(range=where, new_text=encode_string(exact)), _lsp(diagnostic, texts), True
        )
        return
    passage = closest_passage(article, quote.text)
    if passage is None:
        return
    exact = article.text[passage.start : passage.end]
    title = (
        f"Replace with the closest passage ({passage.similarity:.0%} alike): "
        f"“{article.excerpt(passage.start, passage.end, 60)}”"
    )
    yield _action(
        title, uri, types.TextEdit(range=where, new_text=encode_string(exact)), _lsp(diagnostic, texts), False
    )


def _close_ids(analysis: Analysis, diagnostic: Diagnostic, texts: FileTexts, uri: str) -> Iterator[types.CodeAction]:
    occurrence = analysis.index.at(diagnostic.span.file, diagnostic.span.line, diagnostic.span.column)
    if occurrence is None:
        return
    kinds = {occurrence.kind}
    if occurrence.kind == "relation":
        kinds.add("statement")
    declared = list(dict.fromkeys(o.id for o in analysis.index.occurrences if o.declaration and o.kind in kinds))
    for close in difflib.get_close_matches(occurrence.id, declared, n=_CLOSE_IDS, cutoff=0.5):
        edit = types.TextEdit(range=texts.range(occurrence.span), new_text=close)
        yield _action(f"Change `{occurrence.id}` to `{close}`", uri, edit, _lsp(diagnostic, texts), False)


def _missing_quote_keyword(
    analysis: Analysis, diagnostic: Diagnostic, texts: FileTexts, uri: str
) -> Iterator[types.CodeAction]:
    """``telegraph "..."`` under a statement, where ``telegraph`` is a declared source."""
    file = diagnostic.span.file
    text = analysis.texts.get(file)
    if text is None or diagnostic.span.line <= 0:
        return
    sources = {s.id for s in analysis.map.sources}
    for other in analysis.texts.values():
        sources.update(_SOURCE_DECLARATION.findall(other))
    line_start = _offset(text, diagnostic.span.line, 1)
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    for found in _ID_THEN_STRING.finditer(line):
        name = found.group(1)
        before = line[: found.start()].rstrip()
        if name not in sources or before.endswith(("quote", "source")):
            continue
        at = _span_at(file, text, line_start + found.start(), line_start + found.start())
        edit = types.TextEdit(range=texts.range(at), new_text="quote ")
        yield _action(f"Insert `quote` before the source `{name}`", uri, edit, _lsp(diagnostic, texts), True)
        return
