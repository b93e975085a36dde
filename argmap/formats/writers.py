"""Every writer with one signature, ``(map, spans) -> text``, for the format registry."""

from __future__ import annotations

from argmap.model import Map

__all__ = ["write_aif", "write_arg", "write_argdown", "write_json"]


def write_arg(m: Map, spans: bool = False) -> str:
    """Canonical ``.arg`` text."""
    from argmap.language.printer import dumps

    return dumps(m)


def write_json(m: Map, spans: bool = False) -> str:
    """argmap JSON, with each element's position when ``spans``."""
    from argmap.formats.json_format import to_json

    return to_json(m, spans=spans)


def write_aif(m: Map, spans: bool = False) -> str:
    """AIFdb JSON."""
    from argmap.formats.aif import to_aif

    return to_aif(m)


def write_argdown(m: Map, spans: bool = False) -> str:
    """Argdown source."""
    from argmap.formats.argdown_export import to_argdown

    return to_argdown(m)
