"""Formatting with a proof: the canonical text must parse back to the same map and comments."""

from __future__ import annotations

from argmap.api import parse_document
from argmap.build import build_map
from argmap.diagnostics import Diagnostic, make
from argmap.model import Span
from argmap.printer import format_tree
from argmap.syntax import normalize_text, parse_text

__all__ = ["FormatRefusedError", "format_source"]


class FormatRefusedError(Exception):
    """The text cannot be formatted safely; ``diagnostics`` says why."""

    def __init__(self, filename: str, text: str, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__(f"{filename}: cannot be formatted")
        self.filename = filename
        self.text = text
        self.diagnostics = diagnostics


def format_source(text: str, filename: str = "<string>") -> str:
    """The canonical layout of ``text``; raises ``FormatRefusedError`` rather than change meaning."""
    text = normalize_text(text)
    parsed = parse_text(text, filename)
    if parsed.tree is None:
        raise FormatRefusedError(filename, text, parsed.diagnostics)
    before, problems = build_map(parsed.tree, filename)
    errors = tuple(d for d in problems if d.is_error)
    if errors:  # an unknown escape, say: printing it canonically would change the text's value
        raise FormatRefusedError(filename, text, errors)
    formatted = format_tree(parsed.tree, parsed.comments, filename)
    after = parse_document(formatted, filename)
    same_comments = [c.text for c in after.comments] == [c.text for c in parsed.comments]
    if not after.parsed or after.map != before or not same_comments:
        problem = make(
            "syntax-error",
            "argmap's formatter would change this file's meaning; it was left untouched (please report this bug)",
            Span(filename, 1, 1, 1, 1),
        )
        raise FormatRefusedError(filename, text, (problem,))
    return formatted
