"""A map drawn in one of the engine's formats: DOT built, then laid out (or the DOT itself)."""

from __future__ import annotations

from argmap.diagram.dot import build_dot
from argmap.diagram.engine import run_engine
from argmap.diagram.options import RenderOptions
from argmap.model import Map

__all__ = ["render_diagram"]


def render_diagram(
    m: Map,
    fmt: str,
    options: RenderOptions | None = None,
    *,
    engine: str = "auto",
    timeout: float = 60.0,
) -> bytes:
    """The map drawn as ``fmt`` bytes (an engine format); ``dot`` is argmap's DOT, no engine run.

    Raises ``UsageError`` for an unknown format, an ``EngineError`` when the engine is missing,
    fails or times out.
    """
    source = build_dot(m, options or RenderOptions())
    if fmt == "dot":
        return source.encode("utf-8")
    return run_engine(source, fmt, engine=engine, timeout=timeout)
