"""The interactive page: one self-contained HTML file with the diagram and a details panel.

``render_page`` lays the map out once (Graphviz SVG, inline) and adds, for every node, what a
student wants to know when they click it: the full text, who said it, every quote with its
source, the evaluation and why, and what the checker found. ``build_page`` is the pure part
(map, SVG and labelling in, HTML out), so tests can feed it any SVG.
"""

from __future__ import annotations

import bisect
import html
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

from argmap.classroom.html import asset, content_security_policy, inline_svg, json_script, safe_url
from argmap.model import Map, Node, Person, Relation, RelationKind, Source, Span
from argmap.model.diagnostics import Diagnostic

if TYPE_CHECKING:
    from argmap.diagram import RenderOptions

__all__ = ["build_page", "findings_by_node", "node_data", "render_page"]

#: The words of docs/glossary.md: the language's kinds, the evaluation's labels.
KIND_LABELS = {"claim": "Claim", "premise": "Premise", "rebuttal": "Rebuttal"}
STATUS_LABELS = {"in": "in: it stands", "out": "out: it falls", "undecided": "undecided"}


class _Status(Protocol):
    @property
    def value(self) -> str: ...


class Evaluation(Protocol):
    """What the page needs of ``argmap.analysis.semantics.Labelling``."""

    @property
    def labels(self) -> Mapping[str, _Status]: ...

    def why(self, element_id: str) -> str: ...


def render_page(
    m: Map,
    options: RenderOptions,
    diagnostics: Iterable[Diagnostic] = (),
    evaluation: Evaluation | None = None,
    *,
    engine: str = "auto",
    timeout: float = 60.0,
) -> str:
    """The whole interactive page for an analysed map: its findings and evaluation given, the
    diagram laid out once with the chosen engine."""
    # The page shows the title once, in its heading, and the key beside the diagram, where it can
    # be folded away: the diagram itself gets neither, so it fills its area.
    import attrs

    from argmap.diagram.dot import key_dot
    from argmap.diagram.draw import render_diagram
    from argmap.diagram.engine import run_engine

    drawing = attrs.evolve(options, key="none", title=False)
    svg = render_diagram(m, "svg", drawing, engine=engine, timeout=timeout).decode("utf-8")
    key_source = key_dot(m, options, columns=1) if options.key != "none" else None
    key_svg = run_engine(key_source, "svg", engine=engine, timeout=timeout).decode("utf-8") if key_source else None
    return build_page(m, svg, evaluation, diagnostics, key_svg=key_svg)


# -- which findings concern which node -------------------------------------------------------


def _inside(inner: Span, outer: Span) -> bool:
    if inner.file != outer.file or not outer.line:
        return False
    return (outer.line, outer.column) <= (inner.line, inner.column) <= (outer.end_line, outer.end_column)


class _SpanIndex:
    """Which statement (node or relation) holds a position: statements do not overlap, so the
    last one starting at or before a position is the only one that can hold it (a bisection)."""

    def __init__(self, items: Iterable[tuple[Span, str | Relation]]) -> None:
        by_file: dict[str, list[tuple[tuple[int, int], Span, str | Relation]]] = {}
        for span, item in items:
            if span.line:
                by_file.setdefault(span.file, []).append(((span.line, span.column), span, item))
        self._starts: dict[str, list[tuple[int, int]]] = {}
        self._items: dict[str, list[tuple[Span, str | Relation]]] = {}
        for file, entries in by_file.items():
            entries.sort(key=lambda entry: entry[0])
            self._starts[file] = [entry[0] for entry in entries]
            self._items[file] = [(entry[1], entry[2]) for entry in entries]

    def holder(self, point: Span) -> str | Relation | None:
        starts = self._starts.get(point.file)
        if not starts:
            return None
        at = bisect.bisect_right(starts, (point.line, point.column)) - 1
        if at < 0:
            return None
        span, item = self._items[point.file][at]
        return item if _inside(point, span) else None


_NAMED = re.compile(r"`([^`\n]{1,200})`")


def _concerned(d: Diagnostic, where: tuple[_SpanIndex, _SpanIndex], nodes: Mapping[str, Node]) -> set[str]:
    """Node ids a diagnostic is about: its spans fall inside the node (or a relation naming it),
    or its message names the node in backticks (messages are bounded, so this is bounded too)."""
    ids: set[str] = set()
    for span in (d.span, *(label.span for label in d.labels)):
        for index in where:
            holder = index.holder(span)
            if isinstance(holder, Relation):
                ids.update((*holder.members, holder.target))
            elif holder is not None:
                ids.add(holder)
    ids.update(_NAMED.findall(d.message))
    return {i for i in ids if i in nodes}


def findings_by_node(m: Map, diagnostics: Iterable[Diagnostic]) -> dict[str, list[Diagnostic]]:
    """Each node id with the diagnostics that concern it, in diagnostic order (linear: one
    bisection per span of a diagnostic, not a scan of the map)."""
    nodes = {node.id: node for node in reversed(m.nodes)}
    # Two indexes: a statement of one kind never overlaps another of its kind.
    where = (_SpanIndex((node.span, node.id) for node in m.nodes), _SpanIndex((rel.span, rel) for rel in m.relations))
    out: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        for node_id in sorted(_concerned(d, where, nodes)):
            out.setdefault(node_id, []).append(d)
    return out


# -- the data the page's script shows --------------------------------------------------------


#: The partners of a linked group named in a member's panel (then "and N more").
_PARTNERS = 20


def _relation_phrases(m: Map, node: Node) -> Iterator[dict[str, object]]:
    for rel in m.outgoing(node.id):
        if rel.kind is RelationKind.CONTRADICTS:
            other = rel.target if rel.members[0] == node.id else rel.members[0]
            yield {"phrase": "Contradicts", "others": [other], "outweighed": False}
            continue
        if rel.kind is RelationKind.UNDERCUTS:
            target = m.get(rel.target)
            others = [*target.members, target.target] if isinstance(target, Relation) else [rel.target]
            yield {"phrase": "Undercuts the step from", "others": others, "outweighed": rel.outweighed}
            continue
        verb = "Supports" if rel.kind is RelationKind.SUPPORTS else "Attacks"
        yield {"phrase": verb, "others": [rel.target], "outweighed": rel.outweighed}
        # A group's every member lists its partners: name at most _PARTNERS of them, or a group
        # of n members makes n^2 names in the page.
        partners = list(itertools.islice((p for p in rel.members if p != node.id), _PARTNERS + 1))
        if partners:
            linked: dict[str, object] = {
                "phrase": "Linked with (works only together with)",
                "others": partners[:_PARTNERS],
                "outweighed": False,
            }
            if len(rel.members) - 1 > _PARTNERS:
                linked["more"] = len(rel.members) - 1 - _PARTNERS
            yield linked
    for rel in m.incoming(node.id):
        if rel.kind is RelationKind.CONTRADICTS:
            continue  # listed above: outgoing holds both sides of a contradiction
        phrase = {
            RelationKind.SUPPORTS: "Supported by",
            RelationKind.ATTACKS: "Attacked by",
            RelationKind.UNDERCUTS: "Undercut by",
        }[rel.kind]
        yield {"phrase": phrase, "others": list(rel.members), "outweighed": rel.outweighed}


def _bearing(m: Map, node_id: str) -> list[str]:
    """The statements that bear directly on a node: its reasons and objections, and what
    undercuts their steps (what "hangs under" it, for collapsing)."""
    out: list[str] = []
    for rel in m.incoming(node_id):
        if rel.kind is RelationKind.CONTRADICTS:
            continue
        out += rel.members
        if rel.id is not None:
            out += [x for u in m.incoming(rel.id) for x in u.members]
    return [x for x in dict.fromkeys(out) if x != node_id]


def _relation_data(m: Map) -> list[dict[str, object]]:
    """Each relation's SVG id, its members and the statements it points at, and the statements
    it needs visible before it is drawn."""
    from argmap.diagram import relation_keys

    keys = dict(zip(map(id, m.relations), relation_keys(m), strict=True))
    out: list[dict[str, object]] = []
    for rel in m.relations:
        needs = list(rel.members)
        target = m.get(rel.target)
        targets = [target.target] if isinstance(target, Relation) else [rel.target]
        needs += [*target.members, target.target] if isinstance(target, Relation) else [rel.target]
        out.append(
            {
                "id": f"rel-{keys[id(rel)]}",
                "members": list(rel.members),
                "target": rel.target,
                "targets": targets,
                "needs": list(dict.fromkeys(needs)),
            }
        )
    return out


def _where(span: Span) -> str:
    return f"{span.file}:{span.line}:{span.column}" if span.line else ""


def node_data(
    m: Map, evaluation: Evaluation | None, findings: Mapping[str, Sequence[Diagnostic]]
) -> dict[str, dict[str, object]]:
    """Everything the panel shows for each node, as plain JSON-ready data."""
    out: dict[str, dict[str, object]] = {}
    for node in m.nodes:
        if node.id in out:
            continue
        person = m.get(node.by) if node.by else None
        speaker = None
        if isinstance(person, Person):
            speaker = {"name": person.name, "role": person.role}
        quotes = []
        for quote in node.quotes:
            source = m.get(quote.source)
            source_data = None
            if isinstance(source, Source):
                source_data = {
                    "id": source.id,
                    "title": source.title,
                    "outlet": source.outlet,
                    "author": source.author,
                    "date": source.date,
                    "url": source.url,
                    "link": safe_url(source.url),
                }
            quotes.append({"text": quote.text, "source_id": quote.source, "source": source_data})
        status = evaluation.labels.get(node.id) if evaluation is not None else None
        out[node.id] = {
            "id": node.id,
            "kind": node.kind.value,
            "kind_label": KIND_LABELS[node.kind.value] + (" (implicit)" if node.implicit else ""),
            "text": node.text,
            "implicit": node.implicit,
            "note": node.note,
            "tags": list(node.tags),
            "speaker": speaker,
            "quotes": quotes,
            "status": status.value if status is not None else None,
            "status_label": STATUS_LABELS.get(status.value, status.value) if status is not None else None,
            "why": evaluation.why(node.id) if evaluation is not None and status is not None else None,
            "relations": list(_relation_phrases(m, node)),
            "under": _bearing(m, node.id),
            "findings": [
                {
                    "severity": d.severity.value,
                    "code": d.code,
                    "name": d.name,
                    "message": d.message,
                    "where": _where(d.span),
                }
                for d in findings.get(node.id, ())
            ],
        }
    return out


# -- the page --------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _statements(m: Map, data: Mapping[str, Mapping[str, object]]) -> str:
    """The text alternative to the diagram, on screen and in print: every node in full."""
    items = []
    for node_id, node in data.items():
        lines = [f"<dt>{_e(node['kind_label'])} {_e(node_id)}: {_e(node['text'])}</dt>"]
        speaker = node["speaker"]
        if isinstance(speaker, dict):
            role = f", {_e(speaker['role'])}" if speaker.get("role") else ""
            lines.append(f"<dd>Said by {_e(speaker['name'])}{role}</dd>")
        quotes = node["quotes"]
        assert isinstance(quotes, list)
        for quote in quotes:
            source = quote["source"]
            where = f" — {_e(source['title'])}" if source else ""
            if source and source.get("outlet"):
                where += f", {_e(source['outlet'])}"
            if source and source.get("date"):
                where += f", {_e(source['date'])}"
            lines.append(f'<dd class="q">“{_e(quote["text"])}”{where}</dd>')
        if node["status_label"]:
            lines.append(f"<dd>Evaluation: {_e(node['status_label'])}</dd>")
        items.append("\n".join(lines))
    return "<dl>\n" + "\n".join(items) + "\n</dl>"


_NODE_GROUP = re.compile(r'<g id="([^"]*)" class="(node\b[^"]*)"')


def _accessible_nodes(svg: str, data: Mapping[str, Mapping[str, object]]) -> str:
    """Give each node group (``id="node-<id>"``, which Graphviz writes as ``node&#45;<id>``)
    ``tabindex``, a button role and a spoken label."""

    def annotate(match: re.Match[str]) -> str:
        element_id = html.unescape(match.group(1))
        node = data.get(element_id[5:]) if element_id.startswith("node-") else None
        if node is None:
            return match.group(0)
        status = f" ({node['status_label']})" if node["status_label"] else ""
        label = f"{node['kind_label']} {node['id']}: {node['text']}{status}. Press Enter for details."
        return f'{match.group(0)} tabindex="0" role="button" aria-label="{_e(label)}"'

    return _NODE_GROUP.sub(annotate, svg)


def page_data(m: Map, title: str, data: Mapping[str, object]) -> str:
    """The JSON the page's script reads (``page.js``): the title, each node's details, the order
    of the step-by-step reveal and the relations (the reading view shares it)."""
    from argmap.classroom.order import frames

    order = [node_id for frame in frames(m) for node_id in frame]
    return json_script({"title": title, "nodes": data, "order": order, "relations": _relation_data(m)}, "argmap-data")


def key_details(key_svg: str | None, *, open_: bool) -> str:
    """The key, drawn on its own, in a foldable ``<details>`` (empty without a key)."""
    if not key_svg:
        return ""
    return (
        f'<details id="key" class="key"{" open" if open_ else ""}><summary>Key</summary>\n'
        + inline_svg(key_svg, label="Key: what the boxes and arrows mean", extra_class="key-svg")
        + "\n</details>"
    )


def build_page(
    m: Map,
    svg: str,
    evaluation: Evaluation | None = None,
    diagnostics: Iterable[Diagnostic] = (),
    *,
    key_svg: str | None = None,
) -> str:
    """The page for a map whose diagram is ``svg`` (Graphviz output with ``id="node-<id>"``);
    ``key_svg`` is the key drawn on its own (shown beside the diagram, foldable)."""
    data = node_data(m, evaluation, findings_by_node(m, diagnostics))
    title = m.title or (m.files[0] if m.files else "Argument map")
    script = asset("page.js")
    diagram = inline_svg(svg, label=f"Argument map: {title}")
    diagram = _accessible_nodes(diagram, data)
    payload = page_data(m, title, data)
    key = key_details(key_svg, open_=True)
    from argmap import __version__

    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_e(content_security_policy([script]))}">
<meta name="generator" content="argmap {_e(__version__)}">
<title>{_e(title)}</title>
<style>
{asset("page.css")}
</style>
</head>
<body>
<a class="skip" href="#statements">Skip to the statements as text</a>
<header class="bar">
<h1>{_e(title)}</h1>
<div class="tools" role="toolbar" aria-label="Search and zoom">
<label for="search" class="visually-hidden">Search the statements</label>
<input id="search" type="search" placeholder="Search the map…" autocomplete="off" aria-describedby="search-status">
<span id="search-status" role="status" aria-live="polite"></span>
<button type="button" id="zoom-in" aria-label="Zoom in">+</button>
<button type="button" id="zoom-out" aria-label="Zoom out">−</button>
<button type="button" id="zoom-fit" aria-label="Show the whole diagram">Fit</button>
<button type="button" id="present" aria-keyshortcuts="p"
 aria-label="Present: full screen, the diagram alone; arrow keys step, + and − zoom, K the key, Esc ends"
 >Present</button>
</div>
</header>
<main class="layout">
<section id="diagram" class="diagram" tabindex="0"
 aria-label="Diagram: Tab moves between statements, Enter shows details; + and − zoom, arrow keys pan">
<div id="viewport" class="viewport">
{diagram}
</div>
<p class="zoom-help" aria-hidden="true">Drag to pan · wheel or +/− to zoom · Tab to a statement,
Enter for details · P to present</p>
<p id="counter" class="counter" role="status" aria-live="polite"></p>
</section>
<aside id="panel" class="panel" aria-label="Details of the selected statement" aria-live="polite" tabindex="-1">
{key}
<div id="view-tools" class="view-tools" hidden>
<button type="button" id="collapse" aria-keyshortcuts="c">Collapse what hangs under it</button>
<button type="button" id="neighbourhood" aria-keyshortcuts="n">Only its neighbourhood</button>
<button type="button" id="show-all">Show everything</button>
</div>
<div id="panel-body"><p class="hint">Click a statement in the diagram, or Tab to it and press Enter,
to see its full text, who said it, the quotes and their sources, whether it stands,
and what the checker found.</p></div>
</aside>
</main>
<section id="statements" class="notes" aria-label="All statements as text">
<h2>All statements</h2>
{_statements(m, data)}
</section>
{payload}
<script>{script}</script>
</body>
</html>
"""
