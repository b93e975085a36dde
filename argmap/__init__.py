"""argmap: map the arguments in articles, check them, evaluate them and draw them."""

from argmap.api import ArgmapError, LoadResult, ParseResult, load, load_result, loads, loads_result, parse_document
from argmap.builder import MapBuilder
from argmap.diagnostics import CHECKS, Diagnostic, Label, Severity
from argmap.model import NO_SPAN, Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span
from argmap.printer import dumps

__version__ = "0.1.0"

__all__ = [
    "CHECKS",
    "NO_SPAN",
    "ArgmapError",
    "Diagnostic",
    "Include",
    "Label",
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
    "Severity",
    "Source",
    "Span",
    "__version__",
    "dumps",
    "load",
    "load_result",
    "loads",
    "loads_result",
    "parse_document",
]
