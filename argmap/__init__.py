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

    from argmap.analysis.analysis import Analysis, IdIndex, Occurrence
    from argmap.analysis.checks import run_checks
    from argmap.analysis.semantics import Labelling, Status, evaluate, grounded, preferred, stable
    from argmap.api import (
        LoadResult,
        ParseResult,
        analyze,
        check,
        load,
        load_result,
        loads,
        loads_result,
        parse_document,
        render,
        to_graphviz,
    )
    from argmap.diagram import RenderOptions, Theme, build_dot
    from argmap.errors import (
        ArgmapError,
        EngineError,
        EngineFailedError,
        EngineNotFoundError,
        EngineTimeoutError,
        MapError,
        MissingDependencyError,
        ReadError,
        UsageError,
        WriteError,
    )
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
    from argmap.language.builder import MapBuilder
    from argmap.language.printer import dumps
    from argmap.model import NO_SPAN, Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span
    from argmap.model.diagnostics import CHECKS, Diagnostic, Label, Severity

__version__ = "0.1.0"

# Public names that live in modules loaded on first use: name -> module. No name here may equal a
# subpackage's (``diagram``, ``formats``...): importing the subpackage would replace the attribute.
_LAZY = {
    **dict.fromkeys(
        ["LoadResult", "ParseResult", "analyze", "check", "load", "load_result", "loads", "loads_result",
         "parse_document", "render", "to_graphviz"],
        "argmap.api",
    ),
    **dict.fromkeys(["Analysis", "IdIndex", "Occurrence"], "argmap.analysis.analysis"),
    **dict.fromkeys(
        ["ArgmapError", "EngineError", "EngineFailedError", "EngineNotFoundError", "EngineTimeoutError", "MapError",
         "MissingDependencyError", "ReadError", "UsageError", "WriteError"],
        "argmap.errors",
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
    **dict.fromkeys(["RenderOptions", "Theme", "build_dot"], "argmap.diagram"),
    **dict.fromkeys(
        ["Labelling", "Status", "evaluate", "grounded", "preferred", "stable"], "argmap.analysis.semantics"
    ),
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CHECKS",
    "NO_SPAN",
    "Analysis",
    "ArgmapError",
    "Diagnostic",
    "EngineError",
    "EngineFailedError",
    "EngineNotFoundError",
    "EngineTimeoutError",
    "FormatError",
    "IdIndex",
    "Include",
    "Label",
    "Labelling",
    "LoadResult",
    "Map",
    "MapBuilder",
    "MapError",
    "MissingDependencyError",
    "Node",
    "NodeKind",
    "Occurrence",
    "ParseResult",
    "Person",
    "Quote",
    "ReadError",
    "Relation",
    "RelationKind",
    "RenderOptions",
    "Severity",
    "Source",
    "Span",
    "Status",
    "Theme",
    "UsageError",
    "WriteError",
    "__version__",
    "analyze",
    "build_dot",
    "check",
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
    "render",
    "run_checks",
    "stable",
    "to_aif",
    "to_argdown",
    "to_graphviz",
    "to_json",
    "to_networkx",
]
