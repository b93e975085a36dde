"""How alike two statements or two quotes are, for matching a student's map to the key.

Students rephrase, change quote marks and capitals, and shorten quotes; these functions forgive
exactly that and nothing cleverer, so a teacher can predict what counts as the same statement.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

__all__ = ["QUOTE_MIN_WORDS", "TEXT_THRESHOLD", "normalize", "quotes_match", "similarity", "words"]

#: Two statements with a similarity at or above this are the same statement (see docs/classroom.md).
TEXT_THRESHOLD = 0.6

#: A quote contained in another counts as the same quote only when it has at least this many words.
QUOTE_MIN_WORDS = 4

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)

# Words that carry no content: two statements sharing only these are not alike.
_STOP_WORDS = frozenset(
    "a an the and or but if of to in on at by for with from as is are was were be been being it its "
    "this that these those he she they we you i his her their our your not no do does did has have had "
    "will would could should can may might must there than then so such just also very".split()
)


def normalize(text: str) -> str:
    """Text folded for comparison: compatibility forms, straight quotes and hyphens, case, spaces."""
    folded = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY).casefold()
    return " ".join(folded.split())


def words(text: str) -> list[str]:
    """The words of ``text`` after ``normalize``, punctuation dropped."""
    return re.findall(r"\w+", normalize(text))


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if w not in _STOP_WORDS}


def similarity(a: str, b: str) -> float:
    """How alike two statements are, from 0 to 1: the larger of the character-sequence ratio of the
    normalized texts and the Dice coefficient of their content words (stop words left out)."""
    na, nb = " ".join(words(a)), " ".join(words(b))
    if not na or not nb:
        return 1.0 if na == nb else 0.0
    sequence = difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()
    wa, wb = _content_words(a), _content_words(b)
    dice = 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0
    return max(sequence, dice)


class Texts:
    """``similarity`` for many pairs: each text normalized once, and a pair that cannot reach a
    threshold told so cheaply. Comparing every node of a 450 KB student map with a key ran
    difflib in full on every pair (24 s); most pairs share few letters, and difflib's upper
    bounds (``real_quick_ratio``, ``quick_ratio``) say so without the full match."""

    def __init__(self) -> None:
        self._prepared: dict[str, tuple[str, frozenset[str]]] = {}

    def _prepare(self, text: str) -> tuple[str, frozenset[str]]:
        found = self._prepared.get(text)
        if found is None:
            found = self._prepared[text] = (" ".join(words(text)), frozenset(_content_words(text)))
        return found

    def similarity(self, a: str, b: str, at_least: float = 0.0) -> float:
        """``similarity(a, b)`` exactly when it is at least ``at_least``; below that, some
        value below ``at_least``."""
        (na, wa), (nb, wb) = self._prepare(a), self._prepare(b)
        if na == nb:  # the same words (a copied statement, or both empty): 1.0 without difflib
            return 1.0
        if not na or not nb:
            return 0.0
        dice = 2 * len(wa & wb) / (len(wa) + len(wb)) if wa and wb else 0.0
        matcher = difflib.SequenceMatcher(None, na, nb, autojunk=False)
        bar = max(dice, at_least)
        # The ratio is at most each bound: when a bound cannot beat the bar, skip the match.
        if matcher.real_quick_ratio() < bar or matcher.quick_ratio() < bar:
            return dice
        return max(matcher.ratio(), dice)


def quotes_match(a: str, b: str) -> bool:
    """True when two quotes are the same passage: equal after ``words``, or one contains the other
    and the shorter has at least ``QUOTE_MIN_WORDS`` words (students often quote less)."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    if wa == wb:
        return True
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) < QUOTE_MIN_WORDS:
        return False
    joined = " " + " ".join(long) + " "
    return " " + " ".join(short) + " " in joined
