"""The one table of exchange formats: name, what it is, file endings, reader, writer and where
its losses are documented. ``argmap convert``, format detection and docs/formats.md's table all
read it (a test holds the docs to it).

Readers and writers are named as ``module:function`` and imported on first use, so that
``argmap convert --help`` (which lists the names) loads none of them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import MappingProxyType

import attrs

# Not `typing.TYPE_CHECKING`: `argmap --help` reads this table and must not import typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from argmap.formats.errors import Imported
    from argmap.model import Map

__all__ = ["FORMATS", "REGISTRY", "Format", "by_name", "readable", "writable"]


@attrs.frozen
class Format:
    """An exchange format.

    ``extensions`` are the file endings that name it (longest first where they overlap;
    ``.json`` is shared and decided by content). ``reader`` gives an ``Imported`` (map and
    warnings) from ``(text, file name)``; ``writer`` gives text from ``(map, spans)``; ``None``
    where argmap does not read or write the format (``.arg`` is read by the analysis itself).
    ``losses`` names the section of docs/formats.md that lists what does not cross.
    """

    name: str
    title: str
    extensions: tuple[str, ...]
    reader: str | None
    writer: str | None
    losses: str

    def read(self, text: str, filename: str) -> Imported:
        """Import ``text``; raises ``FormatError`` naming where it is malformed."""
        if self.reader is None:
            raise ValueError(f"argmap does not import {self.name} through the registry")
        function: Callable[[str, str], Imported] = _resolve(self.reader)
        return function(text, filename)

    def write(self, m: Map, *, spans: bool = False) -> str:
        """The map as this format's text (``spans`` only matters to argmap JSON)."""
        if self.writer is None:
            raise ValueError(f"argmap cannot write {self.name}")
        function: Callable[[Map, bool], str] = _resolve(self.writer)
        return function(m, spans)


def _resolve(target: str) -> Any:  # a reader or writer, typed where it is called
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


#: Every format ``argmap convert`` knows, in the order docs/formats.md lists them.
REGISTRY: tuple[Format, ...] = (
    Format("arg", "argmap's own language", (".arg",), None, "argmap.formats.writers:write_arg", "none"),
    Format(
        "json",
        "argmap JSON",
        (".json",),
        "argmap.formats.json_format:from_json_result",
        "argmap.formats.writers:write_json",
        "none",
    ),
    Format(
        "aif",
        "AIFdb JSON, xAIF/OVA3",
        (".aif.json", ".aif", ".json"),
        "argmap.formats.aif:from_aif_result",
        "argmap.formats.writers:write_aif",
        "aif",
    ),
    Format(
        "argdown",
        "Argdown source",
        (".argdown", ".ad"),
        "argmap.formats.argdown_import:from_argdown_result",
        "argmap.formats.writers:write_argdown",
        "argdown",
    ),
    Format(
        "argdown-json",
        "what `argdown json` writes",
        (".argdown.json", ".json"),
        "argmap.formats.argdown_json:from_argdown_json_result",
        None,
        "argdown-json",
    ),
    Format("kialo", "Kialo's plain-text export", (".txt",), "argmap.formats.kialo:from_kialo_result", None, "kialo"),
)

_BY_NAME = MappingProxyType({f.name: f for f in REGISTRY})
#: Every format name, in table order.
FORMATS = tuple(_BY_NAME)


def by_name(name: str) -> Format:
    """The format called ``name``; ``KeyError`` when there is none."""
    return _BY_NAME[name]


def readable() -> tuple[str, ...]:
    """The formats argmap reads (``.arg`` included)."""
    return tuple(f.name for f in REGISTRY if f.reader is not None or f.name == "arg")


def writable() -> tuple[str, ...]:
    """The formats argmap writes."""
    return tuple(f.name for f in REGISTRY if f.writer is not None)
