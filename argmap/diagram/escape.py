"""The one place where text meets DOT: every string of a map goes through a function here.

Graphviz expands ``\\N``, ``\\G``, ``\\E``, ``\\T``, ``\\H`` and ``\\L`` in labels, tooltips and ids,
and each attribute kind undoes a different number of backslashes (both engines agree; the exe
tests check it). So nothing here ever emits a lone backslash or a double quote, and ``<``, ``>``
and ``&`` only as entities. Characters that could hide or reorder text (controls, bidi overrides,
zero-width marks) are shown literally as ``[U+202E]``.
"""

from __future__ import annotations

import unicodedata
import urllib.parse

__all__ = ["dot_id", "html", "quoted", "tooltip", "url", "visible"]

# Joiners keep emoji sequences and some scripts intact; every other format character is shown.
_KEEP_FORMAT = {"\u200c", "\u200d"}


def _shown(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and char not in _KEEP_FORMAT):
        return f"[U+{ord(char):04X}]"
    if char in ("\ufffe", "\uffff"):
        return f"[U+{ord(char):04X}]"
    return char


def visible(text: str) -> str:
    """Text with every control, format and non-character shown as ``[U+XXXX]``.

    Tabs and newlines count as controls here: callers normalise whitespace before, where they
    mean it as layout.
    """
    if text.isprintable():  # fast path; isprintable is False for all the categories above
        return text
    return "".join(_shown(c) for c in text)


def _entities(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html(text: str) -> str:
    """Text for the inside of an HTML-like label: entities, and a backslash Graphviz keeps.

    In HTML labels Graphviz decodes entities and then undoes one level of backslashes, so a
    literal backslash is written as two escaped ones.
    """
    return _entities(visible(text)).replace("'", "&#39;").replace("\\", "&#92;&#92;")


#: The longest text a tooltip shows; 8 x this stays under Graphviz's quoted-string limit.
TOOLTIP_LIMIT = 1500


def tooltip(text: str) -> str:
    """A quoted ``tooltip`` value: newlines kept as line breaks, everything else literal.

    Tooltips go through two levels of backslash escapes (``\\\\\\\\`` shows as one backslash).
    A text longer than ``TOOLTIP_LIMIT`` is cut (saying so): Graphviz rejects a quoted string over
    16,384 characters, and escaping can make one character eight.
    """
    if len(text) > TOOLTIP_LIMIT:
        text = text[:TOOLTIP_LIMIT] + f"… ({len(text) - TOOLTIP_LIMIT} more characters in the map)"
    lines = [visible(line.replace("\t", " ")) for line in text.replace("\r\n", "\n").split("\n")]
    body = "&#10;".join(_entities(line) for line in lines)
    return quoted(body.replace("\\", "\\\\\\\\"))


def dot_id(text: str) -> str:
    """A quoted ``id`` or ``class`` value; Graphviz keeps the ``&#92;`` entity as it is."""
    return quoted(_entities(visible(text)).replace("\\", "&#92;"))


def url(text: str) -> str | None:
    """A quoted ``HREF`` for an HTML-like label, for an http(s) URL; ``None`` for other schemes.

    The URL is percent-encoded except for its own punctuation. Graphviz decodes the label's
    entities once and then writes ``&`` unescaped unless it already starts an entity, so ``&``
    goes in as ``&amp;amp;`` and comes out of the SVG as ``&amp;``.
    """
    candidate = text.strip()
    if not candidate.isprintable():
        return None
    try:
        parts = urllib.parse.urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    # Keep the URL's own structure; encode everything else, including quotes and backslashes.
    safe = urllib.parse.quote(candidate, safe=":/?#[]@!$&'()*+,;=%~-._")
    return quoted(safe.replace("&", "&amp;amp;"))


def quoted(content: str) -> str:
    """Wrap already-escaped content in double quotes; refuses content that could break out."""
    if '"' in content or "\n" in content:
        raise ValueError(f"unescaped content reached DOT quoting: {content!r}")
    return f'"{content}"'
