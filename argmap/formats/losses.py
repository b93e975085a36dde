"""What an export leaves out of a map, counted, so ``argmap convert`` can say so.

Exports to argmap JSON and ``.arg`` keep everything; AIF and Argdown have no place for some
of argmap (docs/formats.md lists it). These functions count what a given map would lose.
"""

from __future__ import annotations

from collections.abc import Callable

from argmap.formats.argdown_export import infer_kind
from argmap.model import Map, RelationKind

__all__ = ["export_losses"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _aif(m: Map) -> list[str]:
    undercut = {r.target for r in m.relations if r.kind is RelationKind.UNDERCUTS}
    return [
        _plural(sum(n.kind is not infer_kind(m, n.id) for n in m.nodes), "node kind"),
        _plural(sum(len(n.tags) for n in m.nodes), "tag"),
        _plural(sum(n.note is not None for n in m.nodes) + sum(r.note is not None for r in m.relations), "note"),
        _plural(sum(len(n.quotes) for n in m.nodes), "quote"),
        _plural(len(m.sources), "source"),
        _plural(sum(n.implicit for n in m.nodes), "implicit mark"),
        _plural(sum(n.step is not None for n in m.nodes), "step"),
        _plural(sum(r.outweighed for r in m.relations), "outweighed mark"),
        _plural(sum(r.id is not None and r.id not in undercut for r in m.relations), "relation label"),
        _plural(sum(p.role is not None for p in m.persons), "role"),
        *(["the title"] if m.title is not None else []),
    ]


def _argdown(m: Map) -> list[str]:
    notes = sum(n.note is not None for n in m.nodes)
    notes += sum(r.note is not None for r in m.relations if r.kind is RelationKind.CONTRADICTS)
    return [
        _plural(len(m.sources), "source"),
        _plural(len(m.persons), "person"),
        _plural(sum(n.by is not None for n in m.nodes), "speaker (`by`)"),
        _plural(sum(len(n.quotes) for n in m.nodes), "quote"),
        _plural(notes, "note"),
        _plural(sum(" ".join(n.text.split()) != n.text for n in m.nodes), "text")
        + " with line breaks or runs of spaces (written with single spaces)",
        _plural(len(m.relations) - len(set(m.relations)), "repeated relation") + " (Argdown states each once)",
    ]


_COUNTERS: dict[str, Callable[[Map], list[str]]] = {"aif": _aif, "argdown": _argdown}


def export_losses(m: Map, fmt: str) -> list[str]:
    """What writing ``m`` in format ``fmt`` leaves out, as counted phrases (empty: nothing)."""
    counter = _COUNTERS.get(fmt)
    if counter is None:
        return []
    return [phrase for phrase in counter(m) if not phrase.startswith("0 ")]
