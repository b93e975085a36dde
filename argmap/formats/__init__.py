"""Interchange: argmap JSON, Argdown (source and JSON), AIF, Kialo text and networkx.

Readers take text (and a file name for messages) and return a ``Map``; each has a
``*_result`` twin that also returns the warnings about what could not be carried across.
Malformed input raises ``FormatError`` naming where. ``registry`` is the one table of formats.
``to_networkx`` needs networkx, imported only when called. Names load on first use, so that
``argmap convert --help`` imports no reader. See docs/formats.md for what maps across and what
does not.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from argmap.formats.aif import from_aif, from_aif_result, to_aif
    from argmap.formats.argdown_export import to_argdown
    from argmap.formats.argdown_import import from_argdown, from_argdown_result
    from argmap.formats.argdown_json import from_argdown_json, from_argdown_json_result
    from argmap.formats.detect import FORMATS, READABLE, WRITABLE, format_from_content, format_from_name
    from argmap.formats.errors import FormatError, Imported
    from argmap.formats.json_format import SCHEMA_VERSION, from_json, from_json_result, to_json
    from argmap.formats.kialo import from_kialo, from_kialo_result
    from argmap.formats.networkx_graph import MissingDependencyError, statement_graph, to_networkx

__all__ = [
    "FORMATS",
    "READABLE",
    "SCHEMA_VERSION",
    "WRITABLE",
    "FormatError",
    "Imported",
    "MissingDependencyError",
    "format_from_content",
    "format_from_name",
    "from_aif",
    "from_aif_result",
    "from_argdown",
    "from_argdown_json",
    "from_argdown_json_result",
    "from_argdown_result",
    "from_json",
    "from_json_result",
    "from_kialo",
    "from_kialo_result",
    "statement_graph",
    "to_aif",
    "to_argdown",
    "to_json",
    "to_networkx",
]


_LAZY = {
    "from_aif": "argmap.formats.aif",
    "from_aif_result": "argmap.formats.aif",
    "to_aif": "argmap.formats.aif",
    "to_argdown": "argmap.formats.argdown_export",
    "from_argdown": "argmap.formats.argdown_import",
    "from_argdown_result": "argmap.formats.argdown_import",
    "from_argdown_json": "argmap.formats.argdown_json",
    "from_argdown_json_result": "argmap.formats.argdown_json",
    "FORMATS": "argmap.formats.detect",
    "READABLE": "argmap.formats.detect",
    "WRITABLE": "argmap.formats.detect",
    "format_from_content": "argmap.formats.detect",
    "format_from_name": "argmap.formats.detect",
    "FormatError": "argmap.formats.errors",
    "Imported": "argmap.formats.errors",
    "SCHEMA_VERSION": "argmap.formats.json_format",
    "from_json": "argmap.formats.json_format",
    "from_json_result": "argmap.formats.json_format",
    "to_json": "argmap.formats.json_format",
    "from_kialo": "argmap.formats.kialo",
    "from_kialo_result": "argmap.formats.kialo",
    "MissingDependencyError": "argmap.formats.networkx_graph",
    "statement_graph": "argmap.formats.networkx_graph",
    "to_networkx": "argmap.formats.networkx_graph",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'argmap.formats' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
