"""Teaching diagrams: a map as DOT text (pure), then laid out by Graphviz or the bundled engine.

``build_dot`` is pure and deterministic; ``render_diagram`` adds the one subprocess call of
argmap (``argmap.diagram.engine``), which raises typed ``EngineError``s. Themes are frozen data
in ``THEMES``; options are a frozen ``RenderOptions``; ``argmap.diagram.formats`` is the one list
of formats, themes and directions. Names load on first use, so that the command line can read
the lists without importing the renderer.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from argmap.diagram.dot import build_dot, relation_keys
    from argmap.diagram.draw import render_diagram
    from argmap.diagram.formats import DIRECTIONS, ENGINE_FORMATS, FORMATS, GROUPINGS, TEXT_FORMATS, THEME_NAMES
    from argmap.diagram.options import MARKS, Overlay, RenderOptions
    from argmap.diagram.theme import THEMES, Theme

__all__ = [
    "DIRECTIONS",
    "ENGINE_FORMATS",
    "FORMATS",
    "GROUPINGS",
    "MARKS",
    "TEXT_FORMATS",
    "THEMES",
    "THEME_NAMES",
    "Overlay",
    "RenderOptions",
    "Theme",
    "build_dot",
    "relation_keys",
    "render_diagram",
]

_LAZY = {
    **dict.fromkeys(["build_dot", "relation_keys"], "argmap.diagram.dot"),
    "render_diagram": "argmap.diagram.draw",
    **dict.fromkeys(
        ["DIRECTIONS", "ENGINE_FORMATS", "FORMATS", "GROUPINGS", "TEXT_FORMATS", "THEME_NAMES"],
        "argmap.diagram.formats",
    ),
    **dict.fromkeys(["MARKS", "Overlay", "RenderOptions"], "argmap.diagram.options"),
    **dict.fromkeys(["THEMES", "Theme"], "argmap.diagram.theme"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap.diagram' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
