"""What importers give back: a map with its warnings, or one ``FormatError`` naming where.

Imported files are untrusted. Anything malformed (bad JSON, a wrong type, a missing key, an id
that points nowhere) stops the import with a ``FormatError`` whose message says where (file,
then ``line:col`` and, for JSON, the path such as ``nodes[3].type``) and what was expected.
Constructs that are well formed but that argmap cannot represent are not errors: they come
back as warning diagnostics naming the line, so nothing is dropped in silence.
"""

from __future__ import annotations

import re

import attrs

from argmap.errors import ArgmapError
from argmap.model import Map, Span
from argmap.model.diagnostics import CHECKS, Diagnostic, Severity, make

__all__ = ["MAX_IMPORT_BYTES", "MAX_LOSS_MESSAGE", "FormatError", "Imported", "brief", "loss", "terminal_safe"]

#: Imported files larger than this are refused rather than parsed into memory.
MAX_IMPORT_BYTES = 32 * 1024 * 1024


# Characters that would change what a terminal shows: controls, erasing and bidi overrides.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control or bidi-override character written as an escape."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text)


#: The longest an import-loss warning's message gets (quoted values are shorter still).
MAX_LOSS_MESSAGE = 300


def brief(value: object, limit: int = 60) -> str:
    """A value of an imported file as quoted in a message: escaped, on one line, at most
    ``limit`` characters (an element's whole text can be kilobytes)."""
    text = terminal_safe(str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FormatError(ArgmapError, ValueError):
    """A file of another format is malformed; ``str()`` is one line naming where.

    ``span`` is the position (line 0 when unknown), ``path`` the JSON path when the file is
    JSON, ``hint`` what to do about it.
    """

    def __init__(self, message: str, span: Span, *, path: str = "", hint: str | None = None) -> None:
        message = terminal_safe(message)
        where = span.file
        if span.line:
            where += f":{span.line}:{span.column}"
        if path:
            where += f": {terminal_safe(path)}"
        super().__init__(f"{where}: {message}", hint=hint)
        self.message = message  # without the position: callers show ``str(error)`` for both
        self.span = span
        self.path = path


@attrs.frozen
class Imported:
    """An imported map and the warnings about what could not be carried across."""

    map: Map
    warnings: tuple[Diagnostic, ...] = ()


# The registry entry the integrator is asked to add; until then the generic `bad-value` check
# stands in, at warning severity.
_LOSS_CHECK = "import-loss"


def loss(message: str, span: Span, *, hints: tuple[str, ...] = ()) -> Diagnostic:
    """A warning that something of an imported file has no place in an argmap map."""
    name = _LOSS_CHECK if _LOSS_CHECK in CHECKS else "bad-value"
    # Quoted values are cut short where they are quoted (``brief``); this bounds the rest, say a
    # list of every front-matter key, so that a warning stays one short line whatever the file.
    return make(name, brief(message, MAX_LOSS_MESSAGE), span, hints=hints, severity=Severity.WARNING)
