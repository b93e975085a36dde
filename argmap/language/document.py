"""One file's text parsed on its own, without touching the file system: the fast path for
well-formed text, Lark (with its diagnostics) for the rest. Includes stay statements here; the
analysis follows them and resolves names across the merged map."""

from __future__ import annotations

import attrs

from argmap.language.syntax import Comment, normalize_text, parse_text
from argmap.model import Map
from argmap.model.diagnostics import Diagnostic

__all__ = ["ParseResult", "parse_document"]


@attrs.frozen
class ParseResult:
    """One file parsed on its own: includes kept as statements, names not yet resolved."""

    map: Map
    comments: tuple[Comment, ...]
    diagnostics: tuple[Diagnostic, ...]
    parsed: bool  # False when the text does not parse at all


def parse_document(text: str, filename: str = "<string>") -> ParseResult:
    """Parse one file's text without touching the file system (for formatters and editors)."""
    from argmap.language.fastparse import parse_fast

    text = normalize_text(text)
    fast = parse_fast(text, filename)
    if fast is not None:
        return ParseResult(fast.map, fast.comments, (), True)
    from argmap.language.build import build_map

    parsed = parse_text(text, filename)
    if parsed.tree is None:
        return ParseResult(Map(files=(filename,)), parsed.comments, parsed.diagnostics, False)
    built, problems = build_map(parsed.tree, filename)
    return ParseResult(built, parsed.comments, problems, True)
