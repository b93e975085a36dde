"""A step-by-step reveal: the map laid out once, and each frame showing more of that one layout.

Graphviz lays the whole map out a single time (one engine run, bounded by ``--timeout``), so
every box has the same place in every frame by construction. A frame is that drawing with what
is not yet revealed hidden: the page (``steps.html``) carries the one SVG and, per frame, the
ids it reveals, and its script shows and hides them and fits the view to what is shown, so the
first frame's lone claim fills the screen instead of sitting small in an empty canvas. SVG frame
files are the same drawing with the rest left out; DOT frames are DOT text (no engine); PNG
and PDF frames need the engine per frame and share the one deadline.
``argmap.classroom.order`` decides what each frame reveals.
"""

from __future__ import annotations

import html
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from argmap.classroom.html import asset, content_security_policy, inline_svg, json_script
from argmap.classroom.order import frames
from argmap.errors import EngineTimeoutError, UsageError, WriteError
from argmap.model import Map, Relation, RelationKind

if TYPE_CHECKING:
    from argmap.diagram import RenderOptions

__all__ = [
    "FRAME_FORMATS",
    "MAX_FRAMES_BYTES",
    "Reveal",
    "draw_steps",
    "frame_name",
    "frame_options",
    "frame_svg",
    "reveals",
    "steps_page",
]


@attrs.frozen
class Reveal:
    """One frame: the node ids it newly shows and the relation keys that appear with them."""

    nodes: tuple[str, ...]
    relations: tuple[str, ...]


def reveals(m: Map) -> list[Reveal]:
    """What each frame newly shows, in one pass: a relation appears in the first frame in which
    all its ends are shown (an undercut: also its target's ends). Linear in the map."""
    from argmap.diagram.dot import relation_keys

    plan = frames(m) or [()]  # a map with no nodes still gets its one (empty) frame
    frame_of = {node_id: number for number, revealed in enumerate(plan) for node_id in revealed}
    by_id = {rel.id: rel for rel in m.relations if rel.id is not None}
    appear: list[list[str]] = [[] for _ in plan]
    never = len(plan)
    for key, rel in zip(relation_keys(m), m.relations, strict=True):
        ends = list(_ends(rel))
        if rel.kind is RelationKind.UNDERCUTS:
            target = by_id.get(rel.target)
            if isinstance(target, Relation):
                ends += _ends(target)
        number = max((frame_of.get(end, never) for end in ends), default=0)
        if number < never:
            appear[number].append(key)
    return [Reveal(tuple(revealed), tuple(keys)) for revealed, keys in zip(plan, appear, strict=True)]


def _ends(rel: Relation) -> tuple[str, ...]:
    if rel.kind is RelationKind.UNDERCUTS:
        return rel.members
    return (*rel.members, rel.target)


def frame_options(m: Map, options: RenderOptions) -> list[tuple[tuple[str, ...], RenderOptions]]:
    """For each frame: the node ids it reveals and the options that draw it on its own (the
    rest hidden). Used for DOT, PNG and PDF frames; each frame's set is built from the last."""
    from argmap.diagram.dot import relation_keys

    hidden = set(options.hidden) | {n.id for n in m.nodes} | set(relation_keys(m))
    out = []
    for reveal in reveals(m):
        hidden.difference_update(reveal.nodes)
        hidden.difference_update(reveal.relations)
        out.append((reveal.nodes, attrs.evolve(options, hidden=frozenset(hidden | options.hidden))))
    return out


def frame_name(number: int, count: int, fmt: str) -> str:
    """``step-01.svg``: numbered with at least two digits, enough for ``count`` frames."""
    return f"step-{number:0{max(2, len(str(count)))}d}.{fmt}"


#: Formats a frame can be written in.
FRAME_FORMATS = ("svg", "png", "pdf", "dot")

#: The frames together may not be larger than this (bytes): checked before anything is written.
MAX_FRAMES_BYTES = 512 * 1024 * 1024


def draw_steps(
    m: Map, options: RenderOptions, fmt: str, *, engine: str = "auto", timeout: float = 60.0
) -> list[tuple[str, bytes]]:
    """Every frame (``step-01.<fmt>``…) and ``steps.html``, as file names and contents, the page
    last; nothing is written here (``argmap.commands`` writes them).

    ``timeout`` bounds the whole: the one layout and, for PNG and PDF frames, every frame's run.
    The frames together may not exceed ``MAX_FRAMES_BYTES``.
    """
    from argmap.diagram import build_dot
    from argmap.diagram.engine import run_engine

    if fmt not in FRAME_FORMATS:
        raise UsageError(
            f"cannot write step frames as `{fmt}`",
            hint=f"choose one of: {', '.join(FRAME_FORMATS)} (steps.html is always written beside the frames)",
        )
    deadline = time.monotonic() + timeout

    def remaining() -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise EngineTimeoutError(
                f"the step frames were not drawn within {timeout:g} s and were stopped",
                hint="allow more time with --timeout SECONDS, or render a smaller map",
            )
        return left

    steps = reveals(m)
    svg = run_engine(build_dot(m, options), "svg", engine=engine, timeout=remaining()).decode("utf-8")
    plan = frame_options(m, options) if fmt != "svg" else []
    count = len(steps)
    out: list[tuple[str, bytes]] = []
    total = 0
    for number in range(count):
        if fmt == "svg":
            frame = frame_svg(svg, steps, number).encode("utf-8")
        elif fmt == "dot":
            frame = build_dot(m, plan[number][1]).encode("utf-8")
        else:
            frame = run_engine(build_dot(m, plan[number][1]), fmt, engine=engine, timeout=remaining())
        total += len(frame)
        if total > MAX_FRAMES_BYTES:
            raise WriteError(
                f"the {count} frames would take more than {MAX_FRAMES_BYTES // 2**20} MiB; nothing was written",
                hint="number the nodes with `step` so that several appear together (fewer frames)",
            )
        out.append((frame_name(number + 1, count, fmt), frame))
    page = steps_page(m.title or "Argument map", svg, [_caption(m, s.nodes) for s in steps], steps)
    out.append(("steps.html", page.encode("utf-8")))
    return out


_SVG_NS = "http://www.w3.org/2000/svg"


def _element_ids(svg: str) -> list[str]:
    """The ids of the drawing's groups, decoded (Graphviz writes ``-`` as ``&#45;``)."""
    root = ET.fromstring(svg)
    return [g.get("id", "") for g in root.iter(f"{{{_SVG_NS}}}g") if g.get("id")]


def _controlled(ids: Sequence[str], steps: Sequence[Reveal]) -> list[list[str]]:
    """For each frame, the drawing's element ids it reveals (nodes, then relation lines and
    junctions); everything revealed by some frame is hidden until then."""
    node_frame: dict[str, int] = {}
    relation_frame: dict[str, int] = {}
    for number, step in enumerate(steps):
        node_frame.update(dict.fromkeys((f"node-{n}" for n in step.nodes), number))
        relation_frame.update(dict.fromkeys((f"rel-{k}" for k in step.relations), number))
    out: list[list[str]] = [[] for _ in steps]
    for element_id in ids:
        found = node_frame.get(element_id)
        if found is None:
            found = relation_frame.get(_PART_SUFFIX.sub("", element_id))
        if found is not None:
            out[found].append(element_id)
    return out


def frame_svg(svg: str, steps: Sequence[Reveal], number: int) -> str:
    """The one drawing as frame ``number`` (0-based) shows it: what later frames reveal is left
    out of the file (not merely hidden, so an early frame handed out gives nothing away). The
    rest is untouched, so every box stands where the whole drawing has it."""
    later = {i for step in _controlled(_element_ids(svg), steps)[number + 1 :] for i in step}
    if not later:
        return svg
    ET.register_namespace("", _SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{{{_SVG_NS}}}g" and child.get("id") in later:
                parent.remove(child)
    return '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


#: A member line (``--m2``) or the junction of a relation's element id (see argmap.diagram.dot).
_PART_SUFFIX = re.compile(r"--(?:m\d+|junction)$")


def _caption(m: Map, revealed: Sequence[str]) -> str:
    parts = []
    for node_id in revealed:
        node = m.node(node_id)
        parts.append(f"{node.kind.value} {node_id}: {' '.join(node.text.split())}")
    return "; ".join(parts) or "nothing shown yet"


def steps_page(title: str, svg: str, captions: Sequence[str], steps: Sequence[Reveal] = ()) -> str:
    """One self-contained page with the drawing once and the frames as captions plus what each
    reveals (arrow keys, buttons, clicks step through). ``steps`` empty: the drawing is shown
    whole in every frame."""
    count = len(captions)
    script = asset("steps.js")
    try:
        ids = _element_ids(svg) if steps else []
    except ET.ParseError:
        ids = []
    revealed = _controlled(ids, steps) if steps else [[] for _ in captions]
    sections = []
    for number, caption in enumerate(captions, 1):
        hidden = "" if number == 1 else " hidden"
        sections.append(
            f'<section class="frame" id="step-{number}" data-step="{number}" '
            f'aria-label="Step {number} of {count}"{hidden}>\n'
            f'<p class="caption">Step {number} of {count}: {html.escape(caption)}</p>\n</section>'
        )
    drawing = inline_svg(svg, label=f"{title} (step by step)")
    data = json_script({"reveals": revealed}, "steps-data")
    e = html.escape
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{e(content_security_policy([script]))}">
<title>{e(title)} (step by step)</title>
<style>
{asset("steps.css")}
</style>
</head>
<body>
<header class="bar">
<h1>{e(title)}</h1>
<nav class="controls" aria-label="Steps">
<button type="button" id="prev" aria-label="Previous step">◀ Back</button>
<span id="counter" role="status" aria-live="polite">Step 1 of {count}</span>
<button type="button" id="next" aria-label="Next step">Next ▶</button>
</nav>
</header>
<main id="frames" tabindex="-1">
{chr(10).join(sections)}
<div id="drawing">
{drawing}
</div>
</main>
{data}
<p class="help">← → or Page Up/Down: step · Home/End: first/last · click the diagram: next</p>
<script>{script}</script>
</body>
</html>
"""
