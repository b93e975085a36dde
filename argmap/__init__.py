"""argmap: map the arguments in articles, check them, evaluate them and draw them.

Every public name loads its module on first use (PEP 562), so ``import argmap`` costs nothing
and ``argmap --version`` starts as fast as Python itself.
"""

from __future__ import annotations

import importlib

# Not `typing.TYPE_CHECKING`: importing typing alone would double the start-up time.
TYPE_CHECKING = False

if TYPE_CHECKING:
    from typing import Any

    from argmap.analysis.loading import (
        ArgmapError,
        LoadResult,
        ParseResult,
        load,
        load_result,
        loads,
        loads_result,
        parse_document,
    )
    from argmap.language.builder import MapBuilder
    from argmap.analysis.checks import run_checks
    from argmap.model.diagnostics import CHECKS, Diagnostic, Label, Severity
    from argmap.formats import (
        FormatError,
        from_aif,
        from_argdown,
        from_argdown_json,
        from_json,
        from_kialo,
        to_aif,
        to_argdown,
        to_json,
        to_networkx,
    )
    from argmap.model import NO_SPAN, Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span
    from argmap.language.printer import dumps
    from argmap.render import RenderOptions, Theme, build_dot
    from argmap.analysis.semantics import Labelling, Status, evaluate, grounded, preferred, stable

__version__ = "0.1.0"

# Public names that live in modules loaded on first use: name -> module. No name here may equal a
# subpackage's (``render``): importing the subpackage would replace the attribute.
_LAZY = {
    **dict.fromkeys(
        ["ArgmapError", "LoadResult", "ParseResult", "load", "load_result", "loads", "loads_result", "parse_document"],
        "argmap.analysis.loading",
    ),
    "MapBuilder": "argmap.language.builder",
    **dict.fromkeys(["CHECKS", "Diagnostic", "Label", "Severity"], "argmap.model.diagnostics"),
    **dict.fromkeys(
        ["NO_SPAN", "Include", "Map", "Node", "NodeKind", "Person", "Quote", "Relation", "RelationKind", "Source",
         "Span"],
        "argmap.model",
    ),
    "dumps": "argmap.language.printer",
    "run_checks": "argmap.analysis.checks",
    **dict.fromkeys(
        [
            "FormatError", "from_aif", "from_argdown", "from_argdown_json", "from_json", "from_kialo",
            "to_aif", "to_argdown", "to_json", "to_networkx",
        ],
        "argmap.formats",
    ),
    **dict.fromkeys(["RenderOptions", "Theme", "build_dot"], "argmap.render"),
    **dict.fromkeys(["Labelling", "Status", "evaluate", "grounded", "preferred", "stable"], "argmap.analysis.semantics"),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CHECKS",
    "NO_SPAN",
    "ArgmapError",
    "Diagnostic",
    "FormatError",
    "Include",
    "Label",
    "Labelling",
    "LoadResult",
    "Map",
    "MapBuilder",
    "Node",
    "NodeKind",
    "ParseResult",
    "Person",
    "Quote",
    "Relation",
    "RelationKind",
    "RenderOptions",
    "Severity",
    "Source",
    "Span",
    "Status",
    "Theme",
    "__version__",
    "build_dot",
    "dumps",
    "evaluate",
    "from_aif",
    "from_argdown",
    "from_argdown_json",
    "from_json",
    "from_kialo",
    "grounded",
    "load",
    "load_result",
    "loads",
    "loads_result",
    "parse_document",
    "preferred",
    "run_checks",
    "stable",
    "to_aif",
    "to_argdown",
    "to_json",
    "to_networkx",
]
