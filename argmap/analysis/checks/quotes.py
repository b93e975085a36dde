"""Quotes against their articles: found exactly, found only after folding typography, not
found (with the closest passage), and article files that cannot be used at all."""

from __future__ import annotations

import os
from collections.abc import Iterator

from argmap.analysis.checks.matching import Article, closest_passage, locate
from argmap.analysis.loading import LoadResult, printable_path
from argmap.model import Source, Span
from argmap.model.diagnostics import Diagnostic, Label, make

__all__ = ["check_missing_source_file", "check_quotes", "check_unverified_quotes"]


def article_path(source: Source) -> str:
    """The article file as the user sees it: relative to the map file that declares the source."""
    assert source.file is not None
    folder = os.path.dirname(source.span.file) if source.span.line else ""
    return os.path.normpath(os.path.join(folder, source.file))


def check_missing_source_file(result: LoadResult) -> Iterator[Diagnostic]:
    """A source whose ``file`` is missing, unreadable, not UTF-8 or outside the map's folder."""
    for source in result.map.sources:
        why = result.article_errors.get(source.id)
        if why is None or source.file is None:
            continue
        if "outside" in why:
            hint = "copy the article into the map's folder, or run with --allow-outside"
        elif "UTF-8" in why:
            hint = "save the article as UTF-8 text (most editors offer it under 'Save as')"
        elif "\\" in source.file:
            forward = source.file.replace("\\", "/")
            hint = f'write the path with forward slashes, which work on Windows too: file "{forward}"'
        else:
            hint = "the path is relative to the file that declares the source; check its spelling"
        reason = f"it {why}" if why.startswith("is ") else why
        yield make(
            "missing-source-file",
            f"article file `{printable_path(source.file)}` of source `{source.id}` cannot be used: {reason}",
            source.span,
            hints=[hint],
        )


def check_quotes(result: LoadResult) -> Iterator[Diagnostic]:
    """Every quote of a source with a readable article: ``quote-not-found`` or ``quote-typography``."""
    m = result.map
    sources = {s.id: s for s in reversed(m.sources)}
    articles = {sid: Article(text) for sid, text in result.articles.items()}
    for node in m.nodes:
        for quote in node.quotes:
            article = articles.get(quote.source)
            source = sources.get(quote.source)
            if article is None or source is None or source.file is None:
                continue  # no article to compare with (or missing-source-file says why)
            match = locate(article, quote.text)
            if match is not None and match.exact:
                continue  # the usual case: nothing to say, no path to work out
            path = article_path(source)
            if match is None:
                yield _not_found(quote.text, quote.span, source, path, article, articles, sources)
            else:
                line, column = article.position(match.start)
                end_line, end_column = article.position(match.end)
                what = " and ".join(match.families) or "typography"
                yield make(
                    "quote-typography",
                    f"quote matches the article `{path}` at {line}:{column} only after folding {what}",
                    quote.span,
                    labels=[Label(Span(path, line, column, end_line, end_column), "the passage in the article")],
                    hints=[
                        f"{match.difference}; the article reads: “{article.excerpt(match.start, match.end)}”",
                        "copy the passage exactly as the article prints it",
                    ],
                )


def _not_found(
    text: str,
    span: Span,
    source: Source,
    path: str,
    article: Article,
    articles: dict[str, Article],
    sources: dict[str, Source],
) -> Diagnostic:
    labels: list[Label] = []
    hints: list[str] = []
    for other_id, other in articles.items():
        if other_id == source.id:
            continue
        elsewhere = locate(other, text)
        if elsewhere is not None:
            line, column = other.position(elsewhere.start)
            other_path = article_path(sources[other_id]) if other_id in sources else other_id
            hints.append(
                f"it occurs in the article of source `{other_id}` ({other_path}:{line}:{column}): "
                f"did you mean `quote {other_id}`?"
            )
            break
    passage = closest_passage(article, text)
    if passage is not None:
        line, column = article.position(passage.start)
        end_line, end_column = article.position(passage.end)
        labels.append(Label(Span(path, line, column, end_line, end_column), "the closest passage"))
        hints.append(
            f"the closest passage ({passage.similarity:.0%} alike) is at {line}:{column}: "
            f"“{article.excerpt(passage.start, passage.end)}”"
        )
    hints.append("a quote must be the article's words verbatim; mark omissions with ... or [...]")
    return make(
        "quote-not-found",
        f"quote not found in the article of source `{source.id}` (`{path}`)",
        span,
        labels=labels,
        hints=hints,
    )


def check_unverified_quotes(result: LoadResult) -> Iterator[Diagnostic]:
    """Every quote of a source without ``file``: nothing was compared, so silence would mislead."""
    sources = {s.id: s for s in reversed(result.map.sources)}
    for node in result.map.nodes:
        for quote in node.quotes:
            source = sources.get(quote.source)
            if source is None or source.file is not None:
                continue  # an undeclared source is undefined-id; one with a file is checked
            yield make(
                "quote-unverified",
                f"quote not checked: source `{source.id}` names no article file",
                quote.span,
                labels=[Label(source.span, "declared here, without `file`")],
                hints=[
                    f'save the article as a text file and add `file "article.txt"` under `source {source.id}`',
                    "or, for a source you cannot copy, silence it: `# argmap: allow quote-unverified`",
                ],
            )
