"""What importers give back: a map with its warnings, or one ``FormatError`` naming where.

Imported files are untrusted. Anything malformed (bad JSON, a wrong type, a missing key, an id
that points nowhere) stops the import with a ``FormatError`` whose message says where (file,
then ``line:col`` and, for JSON, the path such as ``nodes[3].type``) and what was expected.
Constructs that are well formed but that argmap cannot represent are not errors: they come
back as warning diagnostics naming the line, so nothing is dropped in silence.
"""

from __future__ import annotations

import attrs

from argmap.diagnostics import CHECKS, Diagnostic, Severity, make
from argmap.model import Map, Span

__all__ = ["MAX_IMPORT_BYTES", "FormatError", "Imported", "loss"]

#: Imported files larger than this are refused rather than parsed into memory.
MAX_IMPORT_BYTES = 32 * 1024 * 1024


class FormatError(ValueError):
    """A file of another format is malformed; ``str()`` is one line naming where.

    ``span`` is the position (line 0 when unknown), ``path`` the JSON path when the file is
    JSON, ``hint`` what to do about it.
    """

    def __init__(self, message: str, span: Span, *, path: str = "", hint: str | None = None) -> None:
        self.message = message
        self.span = span
        self.path = path
        self.hint = hint
        where = span.file
        if span.line:
            where += f":{span.line}:{span.column}"
        if path:
            where += f": {path}"
        super().__init__(f"{where}: {message}")


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
    return make(name, message, span, hints=hints, severity=Severity.WARNING)
