"""Finding a quote in article text: exactly, after folding typography, or the closest passage.

News text mixes straight and curly quotes in one line, uses dashes of three widths, no-break
and doubled spaces, and breaks lines mid-quote. Folding maps each such family to one plain
character (and each run of white space to one space) while remembering where every folded
character came from, so a match is always reported at its place in the article as written.
The article itself is never changed.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from collections import Counter

import attrs

__all__ = ["Article", "Match", "Passage", "closest_passage", "describe_char", "fold", "locate", "locate_parts"]

_QUOTES2 = '"“”„‟″«»〝〞＂'
_QUOTES1 = "'‘’‚‛′‹›`´＇"
_DASHES = "-‐‑‒–—―−﹘﹣－"
_DROPPED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen and zero-width characters

#: What each folded character stands for, to say what differed.
_FAMILY = {
    **dict.fromkeys(_QUOTES2, "quotes"),
    **dict.fromkeys(_QUOTES1, "quotes"),
    **dict.fromkeys(_DASHES, "dashes"),
    "…": "ellipses",
}


def _fold_char(c: str) -> str:
    if c in _QUOTES2:
        return '"'
    if c in _QUOTES1:
        return "'"
    if c in _DASHES:
        return "-"
    if c == "…":
        return "..."
    return c


def fold(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the offset it came from in ``text``."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for offset, c in enumerate(text):
        if c.isspace():
            if not in_space:
                out.append(" ")
                origin.append(offset)
            in_space = True
            continue
        if c in _DROPPED:
            continue
        in_space = False
        folded = _fold_char(c)
        out.append(folded)
        origin.extend([offset] * len(folded))
    return "".join(out), origin


def describe_char(c: str) -> str:
    """A character as a reader can identify it: ``’ (right single quotation mark)``."""
    if c == "\n":
        return "a line break"
    if c.isspace() and c != " ":
        return "a " + unicodedata.name(c, "special space").lower()
    if c in _DROPPED:
        return unicodedata.name(c, "invisible character").lower()
    if c.isascii():
        return f"`{c}`"
    return f"{c} ({unicodedata.name(c, f'U+{ord(c):04X}').lower()})"


@attrs.frozen
class Match:
    """Where a quote was found: article offsets (end exclusive), and whether folding was needed."""

    start: int
    end: int
    exact: bool
    #: The first character that differs, as "the article has X where the quote has Y".
    difference: str = ""
    families: tuple[str, ...] = ()


@attrs.frozen
class Passage:
    """The article passage closest to a quote that was not found."""

    start: int
    end: int
    similarity: float


class Article:
    """One article's text with its folded form and line starts, computed once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: tuple[str, list[int]] | None = None
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    @property
    def folded(self) -> tuple[str, list[int]]:
        """The folded text and its offsets (computed on first use)."""
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def excerpt(self, start: int, end: int, width: int = 90) -> str:
        """The passage on one line, shortened in the middle when long."""
        text = " ".join(self.text[start:end].split())
        if len(text) > width:
            text = text[: width // 2 - 2] + " … " + text[-(width // 2 - 2) :]
        return text


_ELLIPSIS = re.compile(r"\s*(?:\[\s*(?:\.\s*\.\s*\.|…)\s*\]|\.\.\.|…)\s*")


def locate(article: Article, quote: str) -> Match | None:
    """The first place the quote occurs: exactly, else after folding typography, else ``None``.

    An ellipsis in the quote (``...``, ``…`` or ``[...]``) stands for an omission: the parts
    around it must occur in order.
    """
    found = _locate_whole(article, quote)
    if found is not None:
        return found
    parts = [p for p in _ELLIPSIS.split(quote) if p.strip()]
    if len(parts) < 2:
        return None
    matches: list[Match] = []
    start = 0
    for part in parts:
        match = _locate_whole(article, part, start)
        if match is None:
            return None
        matches.append(match)
        start = match.end
    inexact = [m for m in matches if not m.exact]
    families = tuple(sorted({f for m in inexact for f in m.families}))
    difference = inexact[0].difference if inexact else ""
    return Match(matches[0].start, matches[-1].end, not inexact, difference, families)


def locate_parts(article: Article, quote: str) -> tuple[Match, ...]:
    """Where each part of the quote occurs, in order: one match for a quote found whole, one per
    part around its ellipses (what was left out is not part of the passage), ``()`` when not found."""
    found = _locate_whole(article, quote)
    if found is not None:
        return (found,)
    matches: list[Match] = []
    start = 0
    for part in (p for p in _ELLIPSIS.split(quote) if p.strip()):
        match = _locate_whole(article, part, start)
        if match is None:
            return ()
        matches.append(match)
        start = match.end
    return tuple(matches) if len(matches) > 1 else ()


def _locate_whole(article: Article, quote: str, start: int = 0) -> Match | None:
    text = article.text
    at = text.find(quote, start)
    if at >= 0 and quote:
        return Match(at, at + len(quote), True)
    folded, origin = article.folded
    folded_quote, quote_origin = fold(quote)
    # Leading and trailing space in the quote are not part of what must match.
    lead = len(folded_quote) - len(folded_quote.lstrip(" "))
    folded_quote = folded_quote.strip(" ")
    quote_origin = quote_origin[lead : lead + len(folded_quote)]
    if not folded_quote:
        return None
    from_index = bisect.bisect_left(origin, start)
    at = folded.find(folded_quote, from_index)
    if at < 0:
        return None
    begin = origin[at]
    last = origin[at + len(folded_quote) - 1]
    end = last + 1
    while end < len(text) and text[end] in _DROPPED:
        end += 1
    difference, families = _differences(text, origin, at, quote, quote_origin, folded_quote)
    return Match(begin, end, False, difference, families)


def _differences(
    text: str, origin: list[int], at: int, quote: str, quote_origin: list[int], folded_quote: str
) -> tuple[str, tuple[str, ...]]:
    families: set[str] = set()
    first = ""
    previous_a = previous_q = -1
    for k in range(len(folded_quote)):
        a_off, q_off = origin[at + k], quote_origin[k]
        if a_off == previous_a and q_off == previous_q:
            continue
        previous_a, previous_q = a_off, q_off
        a, q = text[a_off], quote[q_off]
        if a == q:
            continue
        family = "spaces" if a.isspace() or q.isspace() else _FAMILY.get(a) or _FAMILY.get(q) or "spaces"
        families.add(family)
        if not first:
            first = f"the article has {describe_char(a)} where the quote has {describe_char(q)}"
    passage = text[origin[at] : origin[at + len(folded_quote) - 1] + 1]
    hidden = [c for c in passage if c in _DROPPED]
    if hidden:
        families.add("invisible characters")
        if not first:
            first = f"the article has an invisible {describe_char(hidden[0])} in the passage"
    # Runs of white space of different lengths fold alike without a differing first character.
    if _spaces(passage) != _spaces(quote.strip()):
        families.add("spaces")
        if not first:
            first = "the spacing or line breaks differ"
    return first, tuple(sorted(families))


def _spaces(text: str) -> list[str]:
    return re.findall(r"\s+", text)


_WORD = re.compile(r"\w+")


def closest_passage(article: Article, quote: str) -> Passage | None:
    """The article window sharing most words with the quote (linear scan), or ``None``.

    Only used when a quote is not found, so its cost is paid once per mistake.
    """
    words = [w.lower() for w in _WORD.findall(fold(quote)[0])]
    if not words:
        return None
    spans = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(article.text)]
    if not spans:
        return None
    size = min(len(words), len(spans))
    wanted = Counter(words)
    window: Counter[str] = Counter()
    shared = 0
    best_score, best_start = -1, 0
    for i, (_, _, word) in enumerate(spans):
        window[word] += 1
        if window[word] <= wanted[word]:
            shared += 1
        if i >= size:
            old = spans[i - size][2]
            if window[old] <= wanted[old]:
                shared -= 1
            window[old] -= 1
        if i >= size - 1 and shared > best_score:
            best_score, best_start = shared, i - size + 1
    if best_score <= 0:
        return None
    start = spans[best_start][0]
    end = spans[best_start + size - 1][1]
    similarity = difflib.SequenceMatcher(None, fold(quote)[0].lower(), fold(article.text[start:end])[0].lower())
    return Passage(start, end, similarity.ratio())
