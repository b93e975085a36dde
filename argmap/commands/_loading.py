"""Loading a map for a command that writes something from it: read, check, report errors."""

from __future__ import annotations

import sys

from argmap.analysis.loading import LoadResult, load_result
from argmap.analysis.checks import run_checks
from argmap.model.diagnostics import Diagnostic, sort_diagnostics
from argmap.analysis.report import format_diagnostics

__all__ = ["load_checked", "plural_errors"]


def load_checked(path: str, *, allow_outside: bool) -> tuple[LoadResult, tuple[Diagnostic, ...]] | None:
    """The loaded map and its errors (every check run), the errors already printed on stderr;
    ``None`` (with the reason printed) when the file cannot be read at all."""
    result = load_result(path, allow_outside=allow_outside)
    if any(d.name == "unreadable-file" for d in result.diagnostics):
        print(format_diagnostics(result.diagnostics, "short", result.texts), file=sys.stderr)
        return None
    errors = tuple(d for d in sort_diagnostics(result.diagnostics + run_checks(result)) if d.is_error)
    if errors:
        print(format_diagnostics(errors, "short", result.texts), file=sys.stderr)
    return result, errors


def plural_errors(errors: tuple[Diagnostic, ...]) -> str:
    """``1 error``, ``3 errors``."""
    return f"{len(errors)} error{'s' * (len(errors) != 1)}"
