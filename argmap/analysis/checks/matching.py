"""Finding a quote in article text: exactly, after folding typography, or the closest passage.

News text mixes straight and curly quotes in one line, uses dashes of three widths, no-break
and doubled spaces, and breaks lines mid-quote. Folding maps each such family to one plain
character (and each run of white space to one space) while remembering where every folded
character came from, so a match is always reported at its place in the article as written.
The article itself is never changed.
"""

from __future__ import annotations

import array
import bisect
import collections
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import overload

import attrs

__all__ = [
    "Article",
    "Match",
    "Offsets",
    "Passage",
    "closest_passage",
    "describe_char",
    "fold",
    "locate",
    "locate_parts",
]

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


#: Every character but the space for which ``str.isspace`` is true (written out: scanning all of
#: Unicode for them took milliseconds at every start-up; a test holds this equal to the scan).
SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u1160-\u11ff"
#: Quotes, dashes and every kind of white space fold one character to one character: a
#: translation table, applied to the whole text first (positions do not move).
_ONE_TO_ONE = str.maketrans(
    {
        **dict.fromkeys(_QUOTES2, '"'),
        **dict.fromkeys(_QUOTES1, "'"),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys(SPACES, " "),
    }
)
#: What the fold then rewrites in the translated text, where positions do move: a run of spaces
#: (with any invisible characters in it) becomes one space, invisible characters alone vanish,
#: an ellipsis becomes three dots, and a letter with combining marks (or Hangul jamo) becomes its
#: composed (NFC) form, so ``é`` typed as e + U+0301 matches ``é``. A single space is left alone:
#: ordinary prose has few rewrites, so few breakpoints (see ``Offsets``).
_REWRITTEN = re.compile(rf"(?P<run>[ {_DROPPED}][ {_DROPPED}]+|[{_DROPPED}])|(?P<ellipsis>…)|(?P<marks>[{_MARKS}]+)")
#: The same for a text without invisible characters, ellipses or combining marks (most text):
#: only runs of spaces, which this pattern finds many times faster (it starts with a literal).
_SPACE_RUNS = re.compile(r"(?P<run>  +)")
_RARE = re.compile(rf"[{_DROPPED}…{_MARKS}]")
#: One character with the combining marks after it (to compare composed and decomposed forms).
_CLUSTER = re.compile(rf".[{_MARKS}]*", re.DOTALL)
#: Pieces of folded text are joined into a chunk every so often, so that a text with a rewrite
#: every few characters does not hold a list of millions of small strings.
_CHUNK = 4096


class Offsets(Sequence[int]):
    """For each character of a folded text, the offset it came from: kept as breakpoints.

    Folding changes offsets only where it rewrites a run (white space, an ellipsis...); between
    those, folded index ``i`` comes from offset ``base + i``. So the table holds one pair per
    rewrite, not one integer per character: a 60 MB article of ordinary text needs a few
    kilobytes, not gigabytes (``array`` keeps even the worst case at 16 bytes per rewrite).
    """

    def __init__(self) -> None:
        self._at = array.array("q")  # folded index where a stretch starts
        self._from = array.array("q")  # the offset that index came from
        self._length = 0

    def _add(self, index: int, offset: int) -> None:
        if self._at and self._from[-1] + (index - self._at[-1]) == offset:
            return  # continues the stretch before: no breakpoint needed
        self._at.append(index)
        self._from.append(offset)

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("folded index out of range")
        k = bisect.bisect_right(self._at, index) - 1
        return self._from[k] + (index - self._at[k])

    def first_at_or_after(self, offset: int) -> int:
        """The first folded index that comes from ``offset`` or later (``len`` when none)."""
        starts, origins, count = self._at, self._from, len(self._at)

        def last(k: int) -> int:  # the offset the last character of stretch k comes from
            end = starts[k + 1] if k + 1 < count else self._length
            return origins[k] + (end - starts[k] - 1)

        # Both ends of the stretches grow with k: a bisection for the first that reaches offset.
        low, high = 0, count
        while low < high:
            middle = (low + high) // 2
            if last(middle) >= offset:
                high = middle
            else:
                low = middle + 1
        if low == count:
            return self._length
        return starts[low] + max(0, offset - origins[low])


def fold(text: str) -> tuple[str, Offsets]:
    """Folded text and, for each of its characters, the offset it came from in ``text``.

    Linear in the text: one translation, then one pass of a regular expression over the runs
    that change length; everything between them is copied as it is.
    """
    translated = text.translate(_ONE_TO_ONE)
    chunks: list[str] = []
    pieces: list[str] = []
    offsets = Offsets()
    length = 0
    copied = 0

    def emit(piece: str, offset: int, *, same_place: bool = False) -> None:
        # ``same_place``: every character of the piece comes from one offset (a breakpoint each).
        nonlocal length
        for k in range(len(piece) if same_place else min(1, len(piece))):
            offsets._add(length + k, offset)
        pieces.append(piece)
        length += len(piece)
        if len(pieces) >= _CHUNK:
            chunks.append("".join(pieces))
            pieces.clear()

    pattern = _REWRITTEN if _RARE.search(translated) else _SPACE_RUNS
    for found in pattern.finditer(translated):
        start, end = found.span()
        kind, run = found.lastgroup, found.group()
        if kind == "marks" and start > copied:
            start -= 1  # the letter they belong to: composed with them
        if start > copied:
            emit(translated[copied:start], copied)
        if kind == "run":
            if " " in run:  # white space with invisible characters in it: one space
                emit(" ", start + run.index(" "))
        elif kind == "ellipsis":
            emit("...", start, same_place=True)
        else:
            composed = unicodedata.normalize("NFC", text[start:end])
            # Unchanged by composing (a mark with nothing to combine with): copied as it is.
            emit(composed.translate(_ONE_TO_ONE), start, same_place=composed != text[start:end])
        copied = end
    if copied < len(text):
        emit(translated[copied:], copied)
    offsets._length = length
    chunks.append("".join(pieces))
    return "".join(chunks), offsets


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
        self._folded: tuple[str, Offsets] | None = None
        # 8 bytes a line (an article of a million empty lines must not cost gigabytes).
        self._line_starts = array.array("q", [0])
        self._line_starts.extend(m.end() for m in re.finditer("\n", text))

    @property
    def folded(self) -> tuple[str, Offsets]:
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


# No white space around the ellipsis in the pattern: ``\s*`` before an alternative that then fails
# backtracks over the whole run at every position of it (a quote of 100,000 spaces took 46 s).
# The parts are stripped instead.
_ELLIPSIS = re.compile(r"\[\s*(?:\.\s*\.\s*\.|…)\s*\]|\.\.\.|…")


def locate(article: Article, quote: str) -> Match | None:
    """The first place the quote occurs: exactly, else after folding typography, else ``None``.

    An ellipsis in the quote (``...``, ``…`` or ``[...]``) stands for an omission: the parts
    around it must occur in order.
    """
    found = _locate_whole(article, quote)
    if found is not None:
        return found
    parts = [p.strip() for p in _ELLIPSIS.split(quote) if p.strip()]
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
    folded_quote, quote_offsets = fold(quote)
    # Leading and trailing space in the quote are not part of what must match.
    lead = len(folded_quote) - len(folded_quote.lstrip(" "))
    folded_quote = folded_quote.strip(" ")
    quote_origin = quote_offsets[lead : lead + len(folded_quote)]
    if not folded_quote:
        return None
    from_index = origin.first_at_or_after(start)
    at = folded.find(folded_quote, from_index)
    if at < 0:
        return None
    begin = origin[at]
    last = origin[at + len(folded_quote) - 1]
    letter = _CLUSTER.match(text, last)  # with the combining marks of a decomposed letter
    end = letter.end() if letter is not None else last + 1
    while end < len(text) and text[end] in _DROPPED:
        end += 1
    difference, families = _differences(text, origin, at, quote, quote_origin, folded_quote)
    # Only a composed accent against a decomposed one (invisible on screen): as good as exact.
    return Match(begin, end, not difference and not families, difference, families)


def _differences(
    text: str, origin: Offsets, at: int, quote: str, quote_origin: Sequence[int], folded_quote: str
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
        if a == q or _same_letter(text, a_off, quote, q_off):
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


def _same_letter(text: str, a_off: int, quote: str, q_off: int) -> bool:
    """The same letter with its accents, composed in one text and decomposed in the other."""
    a_cluster, q_cluster = _CLUSTER.match(text, a_off), _CLUSTER.match(quote, q_off)
    if a_cluster is None or q_cluster is None:
        return False
    a, q = a_cluster.group(), q_cluster.group()
    return len(a) + len(q) > 2 and unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", q)


def _spaces(text: str) -> list[str]:
    return re.findall(r"\s+", text)


_WORD = re.compile(r"\w+")
_COMPARED = 2000


def closest_passage(article: Article, quote: str) -> Passage | None:
    """The article window sharing most words with the quote (linear scan), or ``None``.

    Only used when a quote is not found, so its cost is paid once per mistake.
    """
    words = [w.lower() for w in _WORD.findall(fold(quote)[0])]
    if not words:
        return None
    # One pass over the article's words keeping only the current window (a 60 MB article must
    # not become a list of millions of tuples); the window is as long as the quote.
    size = len(words)
    wanted = Counter(words)
    window: Counter[str] = Counter()
    recent: collections.deque[tuple[int, int, str]] = collections.deque()
    shared = 0
    best_score, best = -1, (0, 0)
    count = 0
    for found in _WORD.finditer(article.text):
        word = found.group().lower()
        recent.append((found.start(), found.end(), word))
        count += 1
        window[word] += 1
        if window[word] <= wanted[word]:
            shared += 1
        if len(recent) > size:
            old = recent.popleft()[2]
            if window[old] <= wanted[old]:
                shared -= 1
            window[old] -= 1
        if len(recent) == size and shared > best_score:
            best_score, best = shared, (recent[0][0], recent[-1][1])
    if count and count < size:  # the article is shorter than the quote: the whole of it
        best_score = shared
        best = (recent[0][0], recent[-1][1])
    if best_score <= 0:
        return None
    start, end = best
    # The similarity only words the hint: compare at most a few thousand characters of each
    # (difflib is quadratic in the worst case, and a quote may be as long as the user likes).
    import difflib  # only a quote that was not found needs it: not imported at start-up

    similarity = difflib.SequenceMatcher(
        None, fold(quote[:_COMPARED])[0].lower(), fold(article.text[start : min(end, start + _COMPARED)])[0].lower()
    )
    return Passage(start, end, similarity.ratio())
