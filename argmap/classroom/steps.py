"""A step-by-step reveal: one frame per step, the same layout in every frame, and a slide page.

Every frame is the whole map laid out by Graphviz, with what is not yet revealed drawn invisible
(``RenderOptions.hidden``): invisible elements still take their place in the layout, so nothing
moves from one frame to the next. ``argmap.classroom.order`` decides what each frame reveals.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.classroom.html import asset, content_security_policy, inline_svg
from argmap.classroom.order import frames, visible_relations
from argmap.commands.files import write_atomic
from argmap.errors import EXIT_UNREADABLE, EXIT_USAGE, CommandError
from argmap.model import Map

if TYPE_CHECKING:
    from argmap.diagram import RenderOptions

__all__ = ["FRAME_FORMATS", "frame_name", "frame_options", "render_steps", "steps_page"]


def frame_options(m: Map, options: RenderOptions) -> list[tuple[tuple[str, ...], RenderOptions]]:
    """For each frame: the node ids it reveals and the options that draw it (pure)."""
    from argmap.diagram.dot import relation_keys

    keys = relation_keys(m)
    all_nodes = {n.id for n in m.nodes}
    shown: set[str] = set()
    out = []
    for revealed in frames(m) or [()]:  # a map with no nodes still gets its one (empty) frame
        shown.update(revealed)
        visible = {id(rel) for rel in visible_relations(m, shown)}
        hidden_relations = {key for key, rel in zip(keys, m.relations, strict=True) if id(rel) not in visible}
        hidden = frozenset(options.hidden | (all_nodes - shown) | hidden_relations)
        out.append((revealed, attrs.evolve(options, hidden=hidden)))
    return out


def frame_name(number: int, count: int, fmt: str) -> str:
    """``step-01.svg``: numbered with at least two digits, enough for ``count`` frames."""
    return f"step-{number:0{max(2, len(str(count)))}d}.{fmt}"


#: Formats a frame can be written in.
FRAME_FORMATS = ("svg", "png", "pdf", "dot")

_OLD_FRAME = re.compile(r"step-(\d+)\.(svg|png|pdf|dot)")


def render_steps(
    m: Map, options: RenderOptions, out_dir: Path, fmt: str, *, engine: str = "auto", timeout: float = 60.0
) -> list[Path]:
    """Write one frame per step (``step-01.<fmt>``…) and ``steps.html`` into ``out_dir``.

    Frames from an earlier, longer run (``step-NN.<fmt>`` beyond the new count) are removed, so
    the folder always holds exactly one reveal. Returns the paths written, the page last.
    """
    from argmap.diagram import build_dot
    from argmap.diagram.engine import run_engine

    if fmt not in FRAME_FORMATS:
        raise CommandError(
            f"cannot write step frames as `{fmt}`",
            hint=f"choose one of: {', '.join(FRAME_FORMATS)} (steps.html is always written beside the frames)",
            exit_code=EXIT_USAGE,
        )
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"cannot create folder `{out_dir}`: {error.strerror or error}",
            hint="give a folder you can write to with -o",
            exit_code=EXIT_UNREADABLE,
        ) from None
    plan = frame_options(m, options)
    written: list[Path] = []
    svgs: list[str] = []
    for number, (_, frame) in enumerate(plan, 1):
        dot = build_dot(m, frame)
        data = dot.encode("utf-8") if fmt == "dot" else run_engine(dot, fmt, engine=engine, timeout=timeout)
        path = out_dir / frame_name(number, len(plan), fmt)
        write_atomic(path, data)
        written.append(path)
        svg = data if fmt == "svg" else run_engine(dot, "svg", engine=engine, timeout=timeout)
        svgs.append(svg.decode("utf-8"))
    _remove_stale_frames(out_dir, fmt, {p.name for p in written})
    captions = [_caption(m, revealed) for revealed, _ in plan]
    page = out_dir / "steps.html"
    write_atomic(page, steps_page(m.title or "Argument map", svgs, captions))
    written.append(page)
    return written


def _remove_stale_frames(out_dir: Path, fmt: str, keep: set[str]) -> None:
    for old in out_dir.iterdir():
        match = _OLD_FRAME.fullmatch(old.name)
        if match and match.group(2) == fmt and old.name not in keep and old.is_file():
            try:
                old.unlink()
            except OSError as error:
                raise CommandError(
                    f"cannot remove the old frame `{old}`: {error.strerror or error}",
                    hint="delete it by hand or choose another folder",
                    exit_code=EXIT_UNREADABLE,
                ) from None


def _caption(m: Map, revealed: Sequence[str]) -> str:
    parts = []
    for node_id in revealed:
        node = m.node(node_id)
        parts.append(f"{node.kind.value} {node_id}: {' '.join(node.text.split())}")
    return "; ".join(parts) or "nothing shown yet"


_ID_ATTR = re.compile(r'\sid="([^"]*)"')
_URL_REF = re.compile(r"url\(#([^)]*)\)")


def _prefix_ids(svg: str, prefix: str) -> str:
    """Prefix every id (and in-document reference) so frames inlined together stay unique."""
    svg = _ID_ATTR.sub(lambda match: f' id="{prefix}{match.group(1)}"', svg)
    svg = _URL_REF.sub(lambda match: f"url(#{prefix}{match.group(1)})", svg)
    return re.sub(r'href="#([^"]*)"', lambda match: f'href="#{prefix}{match.group(1)}"', svg)


def steps_page(title: str, svgs: Sequence[str], captions: Sequence[str]) -> str:
    """One self-contained page showing the frames one at a time (arrow keys, buttons, clicks)."""
    count = len(svgs)
    script = asset("steps.js")
    sections = []
    for number, (svg, caption) in enumerate(zip(svgs, captions, strict=True), 1):
        frame_svg = inline_svg(_prefix_ids(svg, f"s{number}-"), label=f"Step {number} of {count}")
        hidden = "" if number == 1 else " hidden"
        sections.append(
            f'<section class="frame" id="step-{number}" data-step="{number}" '
            f'aria-label="Step {number} of {count}"{hidden}>\n'
            f'<p class="caption">Step {number} of {count}: {html.escape(caption)}</p>\n'
            f"{frame_svg}\n</section>"
        )
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
</main>
<p class="help">← → or Page Up/Down: step · Home/End: first/last · click the diagram: next</p>
<script>{script}</script>
</body>
</html>
"""
