"""Which format a file is in: from its extension, and for ``.json`` from its content."""

from __future__ import annotations

import json
from pathlib import PurePath

from argmap.formats import registry

__all__ = ["EXTENSIONS", "FORMATS", "READABLE", "WRITABLE", "format_from_content", "format_from_name"]

#: Every format name ``argmap convert`` knows, and those it reads and writes (the registry's).
FORMATS = registry.FORMATS
READABLE = registry.readable()
WRITABLE = registry.writable()

#: File name endings of one dot and the format each implies (``.json`` is decided by content).
EXTENSIONS = {
    ending: f.name for f in registry.REGISTRY for ending in f.extensions if ending.count(".") == 1 and ending != ".json"
}
#: Endings of two dots (``.aif.json``), checked first.
_DOUBLE = {ending: f.name for f in registry.REGISTRY for ending in f.extensions if ending.count(".") == 2}


def format_from_name(name: str) -> str | None:
    """The format a file name implies, ``"json?"`` for ``.json`` (look at the content), or
    ``None`` when the name says nothing."""
    path = PurePath(name)
    lowered = path.name.lower()
    for ending, name in _DOUBLE.items():
        if lowered.endswith(ending):
            return name
    suffix = path.suffix.lower()
    if suffix == ".json":
        return "json?"
    return EXTENSIONS.get(suffix)


def format_from_content(text: str) -> str | None:
    """For JSON text: ``json`` (argmap), ``aif`` or ``argdown-json``; ``None`` when it is none
    of them (or not JSON)."""
    from argmap.formats.aif import looks_like_aif
    from argmap.formats.argdown_json import looks_like_argdown_json

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or a number of more than 4,300 digits
        return None
    if isinstance(data, dict) and data.get("format") == "argmap":
        return "json"
    if looks_like_argdown_json(data):
        return "argdown-json"
    if looks_like_aif(data):
        return "aif"
    return None
