"""Which format a file is in: from its extension, and for ``.json`` from its content."""

from __future__ import annotations

import json
from pathlib import PurePath

__all__ = ["EXTENSIONS", "FORMATS", "READABLE", "WRITABLE", "format_from_content", "format_from_name"]

#: Every format name ``argmap convert`` knows.
FORMATS = ("arg", "json", "aif", "argdown", "argdown-json", "kialo")
#: The formats argmap can read and write.
READABLE = FORMATS
WRITABLE = ("arg", "json", "aif", "argdown")

#: File name endings and the format each implies (``.json`` is decided by content).
EXTENSIONS = {
    ".arg": "arg",
    ".argdown": "argdown",
    ".ad": "argdown",
    ".aif": "aif",
    ".txt": "kialo",
}


def format_from_name(name: str) -> str | None:
    """The format a file name implies, ``"json?"`` for ``.json`` (look at the content), or
    ``None`` when the name says nothing."""
    path = PurePath(name)
    lowered = path.name.lower()
    if lowered.endswith(".argdown.json"):
        return "argdown-json"
    if lowered.endswith(".aif.json"):
        return "aif"
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
