"""Wrapping text to a readable width for boxes on a slide or a page."""

from __future__ import annotations

import re
import textwrap
import unicodedata

__all__ = ["display_width", "wrap"]

_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def display_width(text: str) -> int:
    """Columns the text takes: wide East Asian characters count twice."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int, *, max_lines: int | None = None) -> list[str]:
    """The text as lines of at most about ``width`` columns, whitespace collapsed.

    Long words (URLs) are broken; with ``max_lines`` the last kept line ends with an ellipsis.
    Wide characters count twice, so Chinese or Japanese text does not overflow its box.
    """
    # ASCII whitespace only: a no-break space (U+00A0) written by the caller keeps words together.
    words = " ".join(_SPACES.split(text.strip(" \t\n\r\f\v")))
    if not words:
        return []
    # textwrap counts characters; shrink the width for text with wide characters.
    ratio = display_width(words) / len(words)
    lines = textwrap.wrap(words, width=max(8, int(width / ratio)), break_long_words=True, break_on_hyphens=False)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = kept[-1].rstrip(" .,;:") + " …"
        return kept
    return lines
