"""Loading a map for a command that writes something from it: analyse, report errors."""

from __future__ import annotations

import sys

from argmap.analysis.analysis import Analysis, analyze
from argmap.analysis.report import format_diagnostics
from argmap.commands.lifetime import keep
from argmap.model.diagnostics import Diagnostic

__all__ = ["load_checked", "plural_errors"]


def load_checked(path: str, *, allow_outside: bool) -> tuple[Analysis, tuple[Diagnostic, ...]] | None:
    """The analysed map and its errors (every stage), the errors already printed on stderr;
    ``None`` (with the reason printed) when the file cannot be read at all."""
    analysis = analyze(path, allow_outside=allow_outside)
    keep(analysis)
    if analysis.unreadable:
        print(format_diagnostics(analysis.diagnostics, "short", analysis.texts), file=sys.stderr)
        return None
    errors = analysis.errors
    if errors:
        print(format_diagnostics(errors, "short", analysis.texts), file=sys.stderr)
    return analysis, errors


def plural_errors(errors: tuple[Diagnostic, ...]) -> str:
    """``1 error``, ``3 errors``."""
    return f"{len(errors)} error{'s' * (len(errors) != 1)}"
