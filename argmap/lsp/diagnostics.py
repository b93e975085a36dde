"""``argmap check``'s findings as LSP diagnostics: the same code, severity and message, the
hints after it, and the labelled spans (the first declaration of a duplicate, the closest
passage of an article) as related locations."""

from __future__ import annotations

from lsprotocol import types

from argmap.lsp.positions import FileTexts
from argmap.model.diagnostics import Diagnostic, Severity

__all__ = ["to_lsp"]

_SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.NOTE: types.DiagnosticSeverity.Information,
}

#: Findings about something declared and never used: editors fade such text out.
_UNNECESSARY = frozenset({"unused-source", "unused-person"})


def to_lsp(diagnostic: Diagnostic, texts: FileTexts) -> types.Diagnostic:
    """One finding as the client shows it (hints as ``hint:`` lines under the message)."""
    message = "\n".join([diagnostic.message, *(f"hint: {hint}" for hint in diagnostic.hints)])
    related = [
        types.DiagnosticRelatedInformation(location=texts.location(label.span), message=label.message)
        for label in diagnostic.labels
        if label.span.line > 0
    ]
    return types.Diagnostic(
        range=texts.range(diagnostic.span),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=f"argmap {diagnostic.name}",
        related_information=related or None,
        tags=[types.DiagnosticTag.Unnecessary] if diagnostic.name in _UNNECESSARY else None,
        data={"name": diagnostic.name},
    )
