"""Turning foreign identifiers and titles into valid, unique argmap ids."""

from __future__ import annotations

import re
import unicodedata

import attrs

from argmap.language.table import KEYWORDS

__all__ = ["IdMaker", "is_valid_id"]

_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*\Z")
_MAX_LENGTH = 40


def is_valid_id(text: str) -> bool:
    """True when ``text`` can be written as an id in ``.arg`` (and is not a keyword)."""
    return bool(_ID.match(text)) and text not in KEYWORDS


def _ascii_words(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_\-]+", "_", folded).strip("_-")


@attrs.define
class IdMaker:
    """Hands out ids: the wanted one when valid and free, otherwise a close, unique variant."""

    taken: set[str] = attrs.field(factory=set)
    # For each base, the suffix its last id took: every smaller one is taken (ids are never
    # given back), so the search goes on from there: k wishes for one base cost k, not k².
    _next: dict[str, int] = attrs.field(factory=dict, init=False, repr=False)

    def reserve(self, wanted: str) -> None:
        """Mark an id as used (one that must stay exactly as it is)."""
        self.taken.add(wanted)

    def make(self, wanted: str, prefix: str = "n") -> str:
        """A fresh valid id resembling ``wanted``; ``prefix`` starts ids that would start with a
        digit or be empty."""
        base = _ascii_words(wanted)[:_MAX_LENGTH].rstrip("_-")
        if not base or not (base[0].isalpha() or base[0] == "_"):
            base = f"{prefix}{base}" if base else prefix
        if base in KEYWORDS:
            base = f"{base}_"
        n = self._next.get(base, 2)
        candidate = base if n == 2 else f"{base}_{n}"
        while candidate in self.taken:
            candidate = f"{base}_{n}"
            n += 1
        self._next[base] = n
        self.taken.add(candidate)
        return candidate
