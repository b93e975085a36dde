"""The typed map: frozen attrs classes for a map and its parts (``graph``), and the diagnostic
type with the registry of every code (``diagnostics``).

This is the bottom layer: it imports nothing of argmap above it, runs nothing and reads nothing.
"""

from argmap.model.graph import (
    NO_SPAN,
    Element,
    Include,
    Map,
    Node,
    NodeKind,
    Person,
    Quote,
    Relation,
    RelationKind,
    Source,
    Span,
)

__all__ = [
    "NO_SPAN",
    "Element",
    "Include",
    "Map",
    "Node",
    "NodeKind",
    "Person",
    "Quote",
    "Relation",
    "RelationKind",
    "Source",
    "Span",
]
