"""Teaching diagrams: a map as DOT text (pure), then laid out by Graphviz or the bundled engine.

``build_dot`` is pure and deterministic; ``render`` adds the one subprocess call
(``argmap.render.engine``). Themes are frozen data in ``THEMES``; options are a frozen
``RenderOptions``.
"""

from __future__ import annotations

from argmap.errors import CommandError
from argmap.model import Map
from argmap.render.dot import build_dot, relation_keys
from argmap.render.engine import run_engine
from argmap.render.options import DIRECTIONS, GROUPINGS, MARKS, Overlay, RenderOptions
from argmap.render.theme import THEMES, Theme

__all__ = [
    "DIRECTIONS",
    "FORMATS",
    "GROUPINGS",
    "MARKS",
    "THEMES",
    "Overlay",
    "RenderOptions",
    "Theme",
    "build_dot",
    "relation_keys",
    "render",
    "repr_svg",
]

#: Output formats of ``render``: ``dot`` is argmap's own DOT text, the others need an engine.
FORMATS = ("svg", "png", "pdf", "dot")


def render(
    m: Map,
    fmt: str,
    options: RenderOptions = RenderOptions(),  # noqa: B008 - a frozen value, safe as a default
    *,
    engine: str = "auto",
    timeout: float = 60.0,
) -> bytes:
    """The map drawn as ``fmt`` bytes. ``dot`` returns the DOT source and runs no engine.

    Raises ``CommandError`` (exit code 4) when the engine is missing, fails or times out.
    """
    source = build_dot(m, options)
    if fmt == "dot":
        return source.encode("utf-8")
    return run_engine(source, fmt, engine=engine, timeout=timeout)


def repr_svg(m: Map) -> str | None:
    """The map as SVG text for Jupyter's ``_repr_svg_``; ``None`` (plain repr) without an engine."""
    try:
        return render(m, "svg").decode("utf-8")
    except CommandError:
        return None
