"""Wrapping text to a readable width for boxes on a slide or a page."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["display_width", "wrap"]

_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHUNKS = re.compile("( )")


def display_width(text: str) -> int:
    """Columns the text takes: wide East Asian characters count twice."""
    if text.isascii():
        return len(text)
    # Only non-ASCII characters can be wide: look those up (a few curly quotes in most text).
    return len(text) + sum(unicodedata.east_asian_width(c) in "WF" for c in _NON_ASCII.findall(text))


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
    lines = _greedy(words, max(8, int(width / ratio)))
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = kept[-1].rstrip(" .,;:") + " …"
        return kept
    return lines


def _greedy(words: str, width: int) -> list[str]:
    """``textwrap.wrap(words, width, break_long_words=True, break_on_hyphens=False)`` for words
    joined by single spaces, without textwrap's general machinery (a third of building a
    diagram's DOT went there). The same steps on the same chunks (words and the spaces between
    them), quirks included: a word longer than a line fills what is left of the current one. A
    property test holds the two equal."""
    chunks = [chunk for chunk in _CHUNKS.split(words) if chunk]
    chunks.reverse()
    lines: list[str] = []
    while chunks:
        line: list[str] = []
        used = 0
        if lines and not chunks[-1].strip():  # a line does not start with the space between words
            del chunks[-1]
        while chunks and used + len(chunks[-1]) <= width:
            used += len(chunks[-1])
            line.append(chunks.pop())
        if chunks and len(chunks[-1]) > width:  # a long word: as much as fits on this line
            chunk = chunks[-1]
            line.append(chunk[: width - used])
            chunks[-1] = chunk[width - used :]
        if line and not line[-1].strip():  # nor ends with it (or an empty piece)
            del line[-1]
        if line:
            lines.append("".join(line))
    return lines
