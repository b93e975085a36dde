"""``argmap coverage FILE``: how much of each article the map quotes, and what it left out.

The numbers are those the reading view (``argmap render --reading``) shows; how they are
computed is in docs/classroom.md and ``argmap.analysis.coverage``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence

from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

# Not `typing.TYPE_CHECKING`: building the command line must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.analysis.analysis import Analysis
    from argmap.analysis.coverage import ArticleCoverage, QuoteHelp

HELP = "how much of each article the map quotes, the argumentative sentences it left out, and quote help"

_TEXT_WIDTH = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``coverage``."""
    parser.add_argument("file", metavar="FILE", help="the .arg map whose articles to measure")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output style (default: text)")
    parser.add_argument(
        "--suggest",
        action="store_true",
        help="also rank the closest passages for each statement without a quote or whose quote was not found",
    )
    parser.add_argument(
        "--limit", type=int, default=3, metavar="N", help="suggest at most N passages a statement (default: 3)"
    )
    parser.add_argument(
        "--allow-outside", action="store_true", help="let includes and article files lie outside the map's folder"
    )


def run(args: argparse.Namespace) -> int:
    """Measure one map; exit 1 when it does not parse, 2 for a bad option, 3 when unreadable."""
    from argmap.analysis.analysis import analyze
    from argmap.analysis.report import format_diagnostics

    if args.limit < 1:
        raise CommandError("--limit must be at least 1", hint="the default is 3", exit_code=EXIT_USAGE)
    analysis = analyze(args.file, allow_outside=args.allow_outside)
    if analysis.unreadable or not analysis.parsed:
        sys.stderr.write(format_diagnostics(analysis.errors, "short", analysis.texts) + "\n")
        return EXIT_UNREADABLE if analysis.unreadable else EXIT_DIAGNOSTICS
    data = report(analysis, suggest=args.suggest, limit=args.limit)
    if args.format == "json":
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from argmap.analysis.report import terminal_safe

        print("\n".join(terminal_safe(line) for line in to_text(data)))
    return EXIT_OK


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _sentence_records(analysis: Analysis, c: ArticleCoverage) -> list[dict[str, object]]:
    text = analysis.articles[c.source]
    out = []
    for s in c.not_yet_mapped:
        line, column = _position(text, s.start)
        out.append(
            {
                "index": s.index,
                "line": line,
                "column": column,
                "text": " ".join(text[s.start : s.end].split()),
                "markers": [{"kind": mark.kind, "text": mark.text} for mark in s.markers],
            }
        )
    return out


def _files(analysis: Analysis) -> Mapping[str, str]:
    from argmap.analysis.checks.quotes import article_path

    return {s.id: article_path(s) for s in analysis.map.sources if s.file is not None}


def article_record(analysis: Analysis, c: ArticleCoverage) -> dict[str, object]:
    """One article's numbers as ``--format json`` gives them."""
    return {
        "source": c.source,
        "file": _files(analysis).get(c.source),
        "sentences": c.total,
        "mapped": c.mapped_count,
        "share": c.share,
        "argumentative": len(c.argumentative),
        "argumentative_mapped": c.argumentative_mapped,
        "argumentative_share": c.argumentative_share,
        "not_yet_mapped": _sentence_records(analysis, c),
    }


def _help_records(analysis: Analysis, found: Sequence[QuoteHelp]) -> list[dict[str, object]]:
    files = _files(analysis)
    out: list[dict[str, object]] = []
    for item in found:
        passages: list[dict[str, object]] = []
        for s in item.suggestions:
            text = analysis.articles[s.source]
            line, column = _position(text, s.start)
            passages.append(
                {
                    "source": s.source,
                    "file": files.get(s.source),
                    "line": line,
                    "column": column,
                    "text": " ".join(text[s.start : s.end].split()),
                    "score": s.score,
                }
            )
        out.append({"statement": item.node, "reason": item.reason, "query": item.query, "passages": passages})
    return out


def report(analysis: Analysis, *, suggest: bool = False, limit: int = 3) -> dict[str, object]:
    """Everything ``argmap coverage`` prints, as JSON-ready data."""
    from argmap.analysis.coverage import map_coverage, quote_help

    coverage = map_coverage(analysis.map, analysis.articles, analysis.quote_passages)
    files = _files(analysis)
    data: dict[str, object] = {
        "map": analysis.filename,
        "articles": [article_record(analysis, c) for c in coverage],
        "unreadable": [
            {"source": sid, "file": files.get(sid), "reason": why} for sid, why in analysis.article_errors.items()
        ],
    }
    if suggest:
        found = quote_help(analysis.map, coverage, analysis.articles, analysis.quote_passages, limit=limit)
        data["suggestions"] = _help_records(analysis, found)
    return data


def _percent(share: object) -> str:
    assert isinstance(share, float)
    return f"{round(share * 100)}%"


def _short(text: str, width: int = _TEXT_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def to_text(data: Mapping[str, object]) -> list[str]:
    """The report for a reader: per article, the numbers and the sentences not yet mapped."""
    lines = [str(data["map"])]
    articles = data["articles"]
    assert isinstance(articles, list)
    if not articles and not data["unreadable"]:
        lines.append("  no article to measure: give a source a `file` (see docs/language.md)")
    for a in articles:
        lines.append(
            f"  {a['source']} ({a['file']}): {a['mapped']} of {a['sentences']} sentences mapped "
            f"({_percent(a['share'])}); {a['argumentative_mapped']} of {a['argumentative']} "
            f"argumentative sentences ({_percent(a['argumentative_share'])})"
        )
        if a["not_yet_mapped"]:
            lines.append("    not yet mapped:")
        for s in a["not_yet_mapped"]:
            markers = ", ".join(dict.fromkeys(m["text"] for m in s["markers"]))
            lines.append(f"      {a['file']}:{s['line']}:{s['column']} [{markers}] {_short(s['text'])}")
    unreadable = data["unreadable"]
    assert isinstance(unreadable, list)
    for u in unreadable:
        lines.append(f"  {u['source']} ({u['file']}): not measured: {u['reason']}")
    suggestions = data.get("suggestions")
    if isinstance(suggestions, list):
        lines.append("  quote help:" if suggestions else "  quote help: every statement's quote was found")
        for item in suggestions:
            lines.append(f"    {item['statement']} ({item['reason']}): {_short(item['query'], 80)}")
            if not item["passages"]:
                lines.append("      no passage shares a word with it")
            for p in item["passages"]:
                lines.append(f"      {p['score']:.2f}  {p['file']}:{p['line']}:{p['column']}  {_short(p['text'], 80)}")
    return lines
