"""The one list of what can be drawn and how: output formats, file endings, themes, directions
and groupings. Commands, the API and the docs read these; nothing else lists them.

A leaf module with no imports, so that ``argmap --help`` can offer the choices without loading
the renderer.
"""

from __future__ import annotations

__all__ = [
    "DIRECTIONS",
    "ENGINE_FORMATS",
    "EXTENSIONS",
    "FORMATS",
    "GROUPINGS",
    "KEYS",
    "OVERLAYS",
    "TEXT_FORMATS",
    "THEME_NAMES",
]

#: Every format a map can be drawn as: ``dot`` is argmap's own DOT text (no engine);
#: ``html`` the interactive page; the rest come from the layout engine.
FORMATS = ("svg", "png", "pdf", "dot", "html")
#: What a layout engine writes (``dot`` here is the engine's laid-out DOT).
ENGINE_FORMATS = ("svg", "png", "pdf", "dot")
#: Formats that are text: the API returns them as ``str``; the others as ``bytes``.
TEXT_FORMATS = frozenset({"svg", "dot", "html"})
#: Output file endings and the format each means.
EXTENSIONS = {
    ".svg": "svg",
    ".png": "png",
    ".pdf": "pdf",
    ".dot": "dot",
    ".gv": "dot",
    ".html": "html",
    ".htm": "html",
}
#: The themes, default first (``argmap.diagram.theme.THEMES`` holds their colours).
THEME_NAMES = ("default", "classic", "print")
#: Which way the arrows point: "up" puts the claim on top, reasons and objections below it.
DIRECTIONS = ("up", "down", "left", "right")
#: What boxes may be grouped by.
GROUPINGS = ("source", "tag")
#: Where the key goes: a strip above the diagram (under the title), below it, or nowhere.
KEYS = ("top", "bottom", "none")
#: Evaluations an overlay may be named by (``RenderOptions(overlay="grounded")``, ``--overlay``).
OVERLAYS = ("grounded",)
