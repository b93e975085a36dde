"""The reading view: each article of a map beside its diagram, with what was mapped and what was not.

Every located quote passage is highlighted in its statement's kind colour and underline style
(solid, double or wavy, so the kinds survive greyscale); each sentence is marked mapped or not,
and argumentative sentences no quote touches are listed as "not yet mapped". Coverage per
article and quote help (the closest passages for a statement without a quote or with a quote
not found) come from ``argmap.analysis.coverage``. The diagram and its details panel are the
interactive page's (``page.js``); ``reading.js`` links the text and the diagram both ways.

``build_reading`` is pure: map, SVG, findings, evaluation, article texts and located passages in,
HTML out. It writes no file and runs no check.
"""

from __future__ import annotations

import bisect
import html
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from argmap.analysis.coverage import ArticleCoverage, QuoteHelp, Sentence, map_coverage, quote_help
from argmap.classroom.html import asset, content_security_policy, inline_svg
from argmap.classroom.page import (
    KIND_LABELS,
    Evaluation,
    _accessible_nodes,
    _statements,
    findings_by_node,
    key_details,
    node_data,
    page_data,
)
from argmap.diagram.theme import DEFAULT, Theme
from argmap.model import Map, Source
from argmap.model.diagnostics import Diagnostic

if TYPE_CHECKING:
    from argmap.analysis.analysis import QuotePassage
    from argmap.diagram import RenderOptions

__all__ = ["build_reading", "render_reading"]

#: How each kind's passages are underlined, so the kinds differ without colour.
UNDERLINES = {"claim": "double", "premise": "solid", "rebuttal": "wavy"}


def render_reading(
    m: Map,
    options: RenderOptions,
    diagnostics: Iterable[Diagnostic],
    evaluation: Evaluation | None,
    articles: Mapping[str, str],
    passages: Sequence[QuotePassage],
    article_errors: Mapping[str, str] | None = None,
    *,
    files: Mapping[str, str] | None = None,
    engine: str = "auto",
    timeout: float = 60.0,
) -> str:
    """The whole reading view of an analysed map, the diagram laid out once with ``engine`` (as
    the interactive page lays it out: no title in the drawing, the key beside it)."""
    import attrs

    from argmap.diagram.dot import key_dot
    from argmap.diagram.draw import render_diagram
    from argmap.diagram.engine import run_engine

    drawing = attrs.evolve(options, key="none", title=False)
    svg = render_diagram(m, "svg", drawing, engine=engine, timeout=timeout).decode("utf-8")
    key_source = key_dot(m, options, columns=1) if options.key != "none" else None
    key_svg = run_engine(key_source, "svg", engine=engine, timeout=timeout).decode("utf-8") if key_source else None
    return build_reading(
        m,
        svg,
        evaluation,
        diagnostics,
        articles,
        passages,
        article_errors or {},
        files=files,
        theme=options.theme,
        key_svg=key_svg,
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _kind_style(theme: Theme) -> str:
    """Each kind's highlight: its fill behind the words, its border colour as the underline."""
    rules = []
    for kind, line in UNDERLINES.items():
        fill, border = getattr(theme, f"{kind}_fill"), getattr(theme, f"{kind}_border")
        rules.append(
            f"mark.q.kind-{kind} {{ background: {fill}; text-decoration: underline {line} {border}; "
            f"text-decoration-thickness: 2px; text-underline-offset: 3px; }}\n"
            f".text-key .kind-{kind} {{ background: {fill}; text-decoration: underline {line} {border}; }}"
        )
    return "\n".join(rules)


# -- one article's text ------------------------------------------------------------------------


def _article_html(
    article: int,
    text: str,
    coverage: ArticleCoverage,
    parts: Sequence[tuple[int, int, str]],
    kinds: Mapping[str, str],
) -> str:
    """The article as HTML: sentences as spans (mapped or not, argumentative or not), quoted
    stretches as ``<mark>`` naming every statement that quotes them, a button with each
    statement's id where its passage ends. Linear in the text plus n log n in the passages."""
    sentences = coverage.sentences
    points = {0, len(text)}
    for s in sentences:
        points.update((s.start, s.end))
    starts: dict[int, list[str]] = {}
    ends: dict[int, list[str]] = {}
    for start, end, node in parts:
        points.update((start, end))
        starts.setdefault(start, []).append(node)
        ends.setdefault(end, []).append(node)
    ordered = sorted(p for p in points if 0 <= p <= len(text))
    active: dict[str, int] = {}
    out: list[str] = []
    sentence_at = {s.start: s for s in sentences}
    sentence_end = {s.end for s in sentences}
    for a, b in itertools.pairwise(ordered):
        for node in ends.get(a, ()):
            active[node] -= 1
            if not active[node]:
                del active[node]
        if a in ends:
            out.append(_badges(dict.fromkeys(ends[a]), kinds))
        if a in sentence_end:
            out.append("</span>")
        if a in sentence_at:
            out.append(_sentence_open(article, sentence_at[a], sentence_at[a].index in coverage.mapped))
        for node in starts.get(a, ()):
            active[node] = active.get(node, 0) + 1
        chunk = _e(text[a:b])
        if active:
            ids = list(active)
            classes = " ".join(["q", *dict.fromkeys(f"kind-{kinds.get(i, 'premise')}" for i in ids[:1])])
            if len(ids) > 1:
                classes += " multi"
            title = "Quoted by " + ", ".join(ids)
            out.append(f'<mark class="{classes}" data-ids="{_e(" ".join(ids))}" title="{_e(title)}">{chunk}</mark>')
        else:
            out.append(chunk)
    end = len(text)
    if end in ends:
        out.append(_badges(dict.fromkeys(ends[end]), kinds))
    if end in sentence_end:
        out.append("</span>")
    return "".join(out)


def _sentence_open(article: int, sentence: Sentence, mapped: bool) -> str:
    classes = ["s", "mapped" if mapped else "unmapped"]
    if sentence.argumentative:
        classes.append("arg")
    extra = ""
    if sentence.argumentative and not mapped:
        markers = ", ".join(dict.fromkeys(m.text for m in sentence.markers))
        extra = f' title="{_e("Not yet mapped; looks argumentative: " + markers)}"'
    elif not mapped:
        extra = ' title="Not mapped"'
    return f'<span class="{" ".join(classes)}" id="s-{article}-{sentence.index}"{extra}>'


def _badges(nodes: Iterable[str], kinds: Mapping[str, str]) -> str:
    buttons = "".join(
        f'<button type="button" class="tag kind-{kinds.get(n, "premise")}" data-id="{_e(n)}" '
        f'aria-label="{_e("Select statement " + n)}">{_e(n)}</button>'
        for n in nodes
    )
    return f'<span class="tags">{buttons}</span>'


def _coverage_html(article: int, coverage: ArticleCoverage) -> str:
    c = coverage
    return (
        f'<dl class="coverage" data-source="{_e(c.source)}" aria-label="Coverage of this article">'
        f'<div><dt>Sentences the map quotes</dt><dd><span data-key="mapped">{c.mapped_count}</span> of '
        f'<span data-key="sentences">{c.total}</span> (<span data-key="share" data-value="{c.share}">'
        f"{_percent(c.share)}</span>)</dd></div>"
        f"<div><dt>Argumentative sentences it quotes</dt><dd>"
        f'<span data-key="argumentative_mapped">{c.argumentative_mapped}</span> of '
        f'<span data-key="argumentative">{len(c.argumentative)}</span> '
        f'(<span data-key="argumentative_share" data-value="{c.argumentative_share}">'
        f"{_percent(c.argumentative_share)}</span>)</dd></div></dl>"
    )


def _not_yet_mapped(article: int, text: str, coverage: ArticleCoverage) -> str:
    missing = coverage.not_yet_mapped
    if not missing:
        return (
            '<section class="unmapped-list"><h3>Not yet mapped</h3>'
            "<p>Every sentence that looks argumentative is quoted by the map.</p></section>"
        )
    items = []
    for s in missing:
        words = ", ".join(dict.fromkeys(m.text for m in s.markers))
        sentence = " ".join(text[s.start : s.end].split())
        items.append(
            f'<li><button type="button" class="jump" data-target="s-{article}-{s.index}">Show</button> '
            f'<span class="said">{_e(sentence)}</span> <span class="markers">({_e(words)})</span></li>'
        )
    return (
        f'<section class="unmapped-list"><h3>Not yet mapped ({len(missing)})</h3>'
        "<p>Sentences no quote touches that look argumentative (reported speech, a connective or "
        f'a named speaker):</p><ol class="unmapped">{"".join(items)}</ol></section>'
    )


# -- quote help --------------------------------------------------------------------------------


def _sentence_ids(starts: Sequence[int], coverage: ArticleCoverage, start: int, end: int, article: int) -> str:
    """The ids of the sentences a passage spans (``starts``: each sentence's start; found by
    bisection, so the page stays n log n)."""
    sentences = coverage.sentences
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    ids = []
    while i < len(sentences) and sentences[i].start < end:
        if sentences[i].end > start:
            ids.append(f"s-{article}-{sentences[i].index}")
        i += 1
    return " ".join(ids)


def _help_html(
    found: Sequence[QuoteHelp],
    coverage: Sequence[ArticleCoverage],
    articles: Mapping[str, str],
    titles: Mapping[str, str],
) -> str:
    if not found:
        return ""
    position = {c.source: (i, c) for i, c in enumerate(coverage)}
    starts = {c.source: [s.start for s in c.sentences] for c in coverage}
    items = []
    for item in found:
        rows = []
        for s in item.suggestions:
            index, c = position[s.source]
            passage = " ".join(articles[s.source][s.start : s.end].split())
            target = _sentence_ids(starts[s.source], c, s.start, s.end, index)
            where = _e(titles.get(s.source, s.source))
            rows.append(
                f'<li><span class="score" title="score from 0 to 1">{s.score:.2f}</span> '
                f'<button type="button" class="jump" data-target="{target}">Show</button> '
                f'<span class="said">{_e(passage)}</span> <span class="where">({where})</span></li>'
            )
        body = f'<ol class="suggestions">{"".join(rows)}</ol>' if rows else "<p>No passage shares a word with it.</p>"
        what = "has no quote" if item.reason == "no quote" else "has a quote the article does not contain"
        items.append(
            f'<li data-node="{_e(item.node)}"><button type="button" class="tag" data-id="{_e(item.node)}">'
            f"{_e(item.node)}</button> {_e(what)}: “{_e(item.query)}”. Closest passages:{body}</li>"
        )
    return (
        '<section class="quote-help" aria-label="Quote help"><h2>Quote help</h2>'
        "<p>Passages that may be what these statements should quote, best first (score 0 to 1: the share "
        f"of the statement's words the passage has).</p><ul>{''.join(items)}</ul></section>"
    )


# -- the page ----------------------------------------------------------------------------------


def build_reading(
    m: Map,
    svg: str,
    evaluation: Evaluation | None,
    diagnostics: Iterable[Diagnostic],
    articles: Mapping[str, str],
    passages: Sequence[QuotePassage],
    article_errors: Mapping[str, str],
    *,
    files: Mapping[str, str] | None = None,
    theme: Theme = DEFAULT,
    key_svg: str | None = None,
) -> str:
    """The reading view for a map whose diagram is ``svg`` (Graphviz output with
    ``id="node-<id>"``; ``key_svg`` the key drawn on its own, shown in the panel, foldable).
    ``articles`` maps a source id to its article text, ``passages`` are the located quotes,
    ``article_errors`` says why an article could not be read (that article's column is left
    out and the reason shown)."""
    data = node_data(m, evaluation, findings_by_node(m, diagnostics))
    title = m.title or (m.files[0] if m.files else "Argument map")
    kinds = {node_id: str(node["kind"]) for node_id, node in data.items()}
    sources = {s.id: s for s in reversed(m.sources)}
    titles = {sid: s.title for sid, s in sources.items()}
    coverage = map_coverage(m, articles, passages)
    found = quote_help(m, coverage, articles, passages)
    files = files or {}

    parts_of: dict[str, list[tuple[int, int, str]]] = {}
    for p in passages:
        parts_of.setdefault(p.source, []).extend((a, b, p.node) for a, b in p.parts)
    tabs, panels = [], []
    for i, c in enumerate(coverage):
        text = articles[c.source]
        parts = parts_of.get(c.source, [])
        source = sources.get(c.source)
        heading = _e(source.title if isinstance(source, Source) else c.source)
        where = f'<p class="file">{_e(files[c.source])}</p>' if c.source in files else ""
        selected = "true" if i == 0 else "false"
        tabs.append(
            f'<button type="button" role="tab" id="tab-{i}" aria-controls="article-{i}" aria-selected="{selected}"'
            f' tabindex="{0 if i == 0 else -1}">{heading} '
            f'<span class="tab-share">{_percent(c.share)}</span></button>'
        )
        panels.append(
            f'<section class="article" id="article-{i}" role="tabpanel" aria-labelledby="tab-{i}" '
            f'data-source="{_e(c.source)}"{"" if i == 0 else " hidden"}>'
            f"<h2>{heading}</h2>{where}{_coverage_html(i, c)}"
            f'<div class="article-text" tabindex="0" aria-label="Article text">'
            f"{_article_html(i, text, c, parts, kinds)}</div>"
            f"{_not_yet_mapped(i, text, c)}</section>"
        )
    missing = []
    for sid, why in article_errors.items():
        source = sources.get(sid)
        name = f"“{source.title}”" if source is not None else sid
        path = files.get(sid) or (source.file if source is not None else None) or ""
        missing.append(
            f'<p class="article-missing" role="alert">The article of source <code>{_e(sid)}</code> ({_e(name)}'
            f"{', file ' + _e(path) if path else ''}) could not be read: {_e(why)}. "
            "The page shows the map without it.</p>"
        )
    if not coverage and not missing:
        missing.append(
            '<p class="article-missing">No source of this map names an article file (<code>file "…"</code>), '
            "so there is no text to show beside the diagram.</p>"
        )
    tablist = f'<div class="tabs" role="tablist" aria-label="Articles">{"".join(tabs)}</div>' if len(tabs) > 1 else ""
    key = "".join(
        f'<span class="key-item"><mark class="kind-{kind}">{_e(KIND_LABELS[kind])}</mark> '
        f"({'double' if line == 'double' else line} underline)</span>"
        for kind, line in UNDERLINES.items()
    )
    scripts = [asset("page.js"), asset("reading.js")]
    diagram = _accessible_nodes(inline_svg(svg, label=f"Argument map: {title}"), data)
    payload = page_data(m, title, data)
    drawn_key = key_details(key_svg, open_=False)
    from argmap import __version__

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_e(content_security_policy(scripts))}">
<meta name="generator" content="argmap {_e(__version__)}">
<title>{_e(title)} — reading view</title>
<style>
{asset("page.css")}
{asset("reading.css")}
{_kind_style(theme)}
</style>
</head>
<body class="reading-view">
<a class="skip" href="#text-side">Skip to the article text</a>
<header class="bar">
<h1>{_e(title)} <span class="by">reading view</span></h1>
<div class="tools" role="toolbar" aria-label="Search and zoom">
<label for="search" class="visually-hidden">Search the statements</label>
<input id="search" type="search" placeholder="Search the map…" autocomplete="off" aria-describedby="search-status">
<span id="search-status" role="status" aria-live="polite"></span>
<button type="button" id="zoom-in" aria-label="Zoom in">+</button>
<button type="button" id="zoom-out" aria-label="Zoom out">−</button>
<button type="button" id="zoom-fit" aria-label="Show the whole diagram">Fit</button>
</div>
</header>
<main class="reading">
<div class="map-side">
<section id="diagram" class="diagram" tabindex="0"
 aria-label="Diagram: Tab moves between statements, Enter shows details and its passages in the article">
<div id="viewport" class="viewport">
{diagram}
</div>
<p class="zoom-help" aria-hidden="true">Click a statement to see its passages in the article</p>
</section>
<aside id="panel" class="panel" aria-label="Details of the selected statement" aria-live="polite" tabindex="-1">
{drawn_key}
<div id="view-tools" class="view-tools" hidden>
<button type="button" id="collapse" aria-keyshortcuts="c">Collapse what hangs under it</button>
<button type="button" id="neighbourhood" aria-keyshortcuts="n">Only its neighbourhood</button>
<button type="button" id="show-all">Show everything</button>
</div>
<div id="panel-body"><p class="hint">Click a statement in the diagram to see its details and its
passages in the article; click a highlighted passage to find its statement.</p></div>
</aside>
</div>
<div id="text-side" class="text-side">
<p class="text-key" aria-label="Key to the highlights">{key}
<span class="key-item"><span class="s unmapped arg">not yet mapped</span></span></p>
<p id="reading-status" class="reading-status" role="status" aria-live="polite"></p>
{"".join(missing)}
{tablist}
{"".join(panels)}
{_help_html(found, coverage, articles, titles)}
</div>
</main>
<section id="statements" class="notes" aria-label="All statements as text">
<h2>All statements</h2>
{_statements(m, data)}
</section>
{payload}
<script>{scripts[0]}</script>
<script>{scripts[1]}</script>
</body>
</html>
"""
