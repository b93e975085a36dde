"""An article's sentences, which of them look argumentative, and how much of them a map quotes.

Pure functions of text and offsets (no files, no checks run): the reading view and
``argmap coverage`` both call them with what ``argmap.analyze`` found. The rules are written
out in docs/classroom.md ("How coverage is computed"); a change here changes the numbers there,
and a test says so.

Sentences
    A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (``...`` or ``…``), after any closing
    quotation marks or brackets, when white space and then a capital letter, a digit or an
    opening quotation mark or bracket follow. A full stop does not end one after a known
    abbreviation (``Mr``, ``Dr``, ``Gen``, ``e.g`` …), a single capital (an initial, ``J.``), a
    dotted acronym (``U.S.``), nor ``No.`` before a number. A blank line always ends a
    sentence; a single line break ends one unless the next line starts with a small letter or
    the line before ends in ``,`` ``;`` ``:`` ``(`` or a dash (a wrapped line). An omission
    mark ``[…]`` or ``[...]`` ends a sentence and belongs to none. The header of an excerpt
    file (as in ``examples/sources/``: two or more lines ``Field: value`` before the first
    blank line, then notes up to the first line that is only an omission mark) is not article
    text, except the value of ``Headline:`` or ``Title:``, which is a sentence.

Argumentative sentences
    A sentence is argumentative when it has a marker: reported speech (``said``, ``warned``,
    ``according to`` …, or a double quotation mark opening a direct quotation), a connective
    (``because``, ``but``, ``however``, ``therefore`` …) or a named speaker (the full name or
    surname of a person the map declares).

Coverage
    A sentence is mapped when a located quote passage overlaps it (an ellipsis's parts count
    separately, so what a quote leaves out is not mapped). An article's coverage is the share of
    its sentences that are mapped, and the share of its argumentative sentences that are.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from argmap.analysis.checks.matching import fold
from argmap.model import Map

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.analysis.analysis import QuotePassage

__all__ = [
    "CONNECTIVES",
    "REPORTING",
    "ArticleCoverage",
    "Marker",
    "PassageIndex",
    "QuoteHelp",
    "Sentence",
    "Suggestion",
    "article_coverage",
    "content_words",
    "find_markers",
    "map_coverage",
    "mapped_sentences",
    "quote_help",
    "sentences",
    "speaker_names",
    "split_sentences",
    "word_score",
]

#: Words that report speech: a sentence with one says who holds what.
REPORTING = (
    "said", "says", "say", "told", "tells", "warned", "warns", "claimed", "claims", "argued",
    "argues", "insisted", "insists", "added", "stated", "declared", "declares", "admitted",
    "admits", "noted", "emphasized", "emphasised", "stressed", "urged", "urges", "accused",
    "accuses", "denied", "denies", "suggested", "suggests", "believes", "believed", "explained",
    "announced", "reiterated", "acknowledged", "conceded", "maintained", "asserted", "alleged",
    "according to", "in an interview",
)  # fmt: skip
#: Words that join a reason to what it supports or sets one view against another.
CONNECTIVES = (
    "because", "but", "however", "therefore", "thus", "hence", "so that", "although", "though",
    "despite", "nevertheless", "nonetheless", "consequently", "as a result", "instead", "whereas",
    "unless", "even if", "which means", "this means", "due to", "if",
)  # fmt: skip
#: Words before a full stop that do not end a sentence (compared without case).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt cmdr adm gov sen rep rev st jr sr vs etc eg ie al "
    "inc ltd co corp dept jan feb mar apr jun jul aug sep sept oct nov dec approx est fig vol pp".split()
)

_HEADER_LINE = re.compile(r"[A-Z][A-Za-z]*(?: [A-Za-z]+)?: .*")
#: ``No. 10``, but "said no. The": a number sign only before a digit.
_NUMBER_ABBREVIATIONS = frozenset({"no", "nos"})
_TITLE_FIELDS = ("Headline: ", "Title: ")
_OMISSION_LINE = re.compile(r"^[ \t]*\[\s*(?:…|\.\s*\.\s*\.)\s*\][ \t]*$", re.M)
_BLOCK_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*|\s*\[\s*(?:…|\.\s*\.\s*\.)\s*\]\s*")
_END = re.compile(r"(?:\.\.\.|[.!?…])+[\"”’'»)\]]*(?=\s)")
_OPENERS = "\"“‘'«([„"
_WRAPPED_END = (",", ";", ":", "(", "-", "–", "—")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_DOTTED = re.compile(r"(?:\w\.)+\w?$")
_DOUBLE_QUOTES = '"“”„«»'
_TOKEN = re.compile(r"\w+")


@attrs.frozen
class Marker:
    """A word or sign that makes a sentence look argumentative."""

    #: ``reported speech``, ``connective`` or ``speaker``.
    kind: str
    #: The word as the sentence has it.
    text: str


@attrs.frozen
class Sentence:
    """One sentence: offsets into the article text (end exclusive) and its markers."""

    index: int
    start: int
    end: int
    markers: tuple[Marker, ...] = ()

    @property
    def argumentative(self) -> bool:
        """True when the sentence has a marker."""
        return bool(self.markers)


# -- sentences ---------------------------------------------------------------------------------


def _header_end(text: str, regions: list[tuple[int, int]]) -> int:
    """Where an excerpt file's header and notes end (0 when there is none); a headline becomes
    a region."""
    first = re.search(r"\n[ \t]*\n", text)
    end = first.start() if first else len(text)
    lines = text[:end].split("\n")
    if len(lines) < 2 or not all(_HEADER_LINE.fullmatch(line.rstrip()) for line in lines):
        return 0
    offset = 0
    for line in lines:
        for field in _TITLE_FIELDS:
            if line.startswith(field):
                regions.append((offset + len(field), offset + len(line.rstrip())))
        offset += len(line) + 1
    omission = _OMISSION_LINE.search(text, end)
    return omission.start() if omission else end


def _blocks(text: str, start: int) -> Iterable[tuple[int, int]]:
    """The stretches between blank lines and omission marks."""
    for found in _BLOCK_BREAK.finditer(text, start):
        yield start, found.start()
        start = found.end()
    yield start, len(text)


def _ends_sentence(text: str, mark: re.Match[str], end: int) -> bool:
    """Whether the punctuation ``mark`` (followed by white space) closes a sentence that can go
    on to ``end`` at most."""
    after = mark.end()
    while after < end and text[after].isspace():
        after += 1
    if after >= end:
        return True
    nxt = text[after]
    if nxt in _OPENERS and after + 1 < end:
        nxt = text[after + 1]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False
    punctuation = mark.group()
    if punctuation.startswith(".") and not punctuation.startswith(".."):
        before = _WORD_BEFORE.search(text, max(0, mark.start() - 40), mark.start())
        if before is not None:
            word = before.group(1)
            bare = word.lower().replace(".", "")
            if bare in ABBREVIATIONS or (bare in _NUMBER_ABBREVIATIONS and nxt.isdigit()):
                return False
            if len(word) == 1 and word.isupper():
                return False  # an initial
            if _DOTTED.fullmatch(word) and "." in word:
                return False  # U.S., e.g.
    return True


def _line_breaks(text: str, start: int, end: int) -> Iterable[int]:
    """Offsets of the single line breaks in ``text[start:end]`` that end a sentence (each
    looks only at the end of its own line and the start of the next: linear overall)."""
    at = text.find("\n", start, end)
    while at >= 0:
        before = at - 1
        while before >= start and text[before] in " \t\r\u00a0":
            before -= 1
        after = at + 1
        while after < end and text[after].isspace():
            after += 1
        if (
            before >= start
            and text[before] != "\n"
            and after < end
            and not text[after].islower()
            and not text[before].endswith(_WRAPPED_END)
        ):
            yield at
        at = text.find("\n", at + 1, end)


def _split_block(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    cuts = [start]
    for mark in _END.finditer(text, start, end):
        if _ends_sentence(text, mark, end):
            cuts.append(mark.end())
    cuts.extend(_line_breaks(text, start, end))
    cuts.sort()
    cuts.append(end)
    for a, b in itertools.pairwise(cuts):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if any(c.isalnum() for c in text[a:b]):
            yield a, b


def split_sentences(text: str) -> tuple[tuple[int, int], ...]:
    """Each sentence of ``text`` as ``(start, end)`` offsets, in order (the rules are in the
    module's docstring). Linear in the text's length."""
    regions: list[tuple[int, int]] = []
    body = _header_end(text, regions)
    found = [s for a, b in regions for s in _split_block(text, a, b)]
    for a, b in _blocks(text, body):
        found.extend(_split_block(text, a, b))
    return tuple(found)


# -- markers -----------------------------------------------------------------------------------


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + r")\b", re.I)


_REPORTING_RE = _phrase_pattern(REPORTING)
_CONNECTIVE_RE = _phrase_pattern(CONNECTIVES)


def speaker_names(names: Iterable[str]) -> tuple[str, ...]:
    """The names that mark a sentence as a speaker's: each full name and its last word (a
    surname, when three letters or more)."""
    out: dict[str, None] = {}
    for name in names:
        full = " ".join(name.split())
        if not full:
            continue
        out[full] = None
        last = full.split(" ")[-1]
        if len(last) >= 3 and last[0].isupper():
            out[last] = None
    return tuple(out)


def _speaker_pattern(speakers: Sequence[str]) -> re.Pattern[str] | None:
    if not speakers:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(speakers, key=len, reverse=True)) + r")\b")


def find_markers(
    sentence: str, speakers: Sequence[str] = (), *, _names: re.Pattern[str] | None = None
) -> tuple[Marker, ...]:
    """What makes ``sentence`` look argumentative, in order of kind: reported speech, a
    connective, a named speaker (``speakers`` from ``speaker_names``)."""
    found: list[Marker] = []
    folded = fold(sentence)[0]
    found.extend(Marker("reported speech", m.group()) for m in _REPORTING_RE.finditer(folded))
    if any(c in _DOUBLE_QUOTES for c in sentence) and len(_TOKEN.findall(sentence)) >= 3:
        quote = next(c for c in sentence if c in _DOUBLE_QUOTES)
        found.append(Marker("reported speech", quote))
    found.extend(Marker("connective", m.group()) for m in _CONNECTIVE_RE.finditer(folded))
    names = _names or _speaker_pattern(speakers)
    if names is not None:
        found.extend(Marker("speaker", m.group()) for m in names.finditer(folded))
    return tuple(found)


def sentences(text: str, speakers: Sequence[str] = ()) -> tuple[Sentence, ...]:
    """The sentences of ``text`` with their markers."""
    return tuple(Sentence(i, a, b, find_markers(text[a:b], speakers)) for i, (a, b) in enumerate(split_sentences(text)))


# -- coverage ----------------------------------------------------------------------------------


@attrs.frozen
class ArticleCoverage:
    """One article's sentences and which of them the map quotes."""

    source: str
    sentences: tuple[Sentence, ...]
    #: Index of each sentence a quote passage overlaps.
    mapped: frozenset[int]

    @property
    def total(self) -> int:
        """How many sentences."""
        return len(self.sentences)

    @property
    def mapped_count(self) -> int:
        """How many sentences are mapped."""
        return len(self.mapped)

    @property
    def argumentative(self) -> tuple[Sentence, ...]:
        """The sentences with a marker."""
        return tuple(s for s in self.sentences if s.argumentative)

    @property
    def argumentative_mapped(self) -> int:
        """How many argumentative sentences are mapped."""
        return sum(1 for s in self.argumentative if s.index in self.mapped)

    @property
    def not_yet_mapped(self) -> tuple[Sentence, ...]:
        """Argumentative sentences no quote touches."""
        return tuple(s for s in self.argumentative if s.index not in self.mapped)

    @property
    def share(self) -> float:
        """Mapped sentences / sentences (0 for an article without sentences)."""
        return _ratio(self.mapped_count, self.total)

    @property
    def argumentative_share(self) -> float:
        """Mapped argumentative sentences / argumentative sentences."""
        return _ratio(self.argumentative_mapped, len(self.argumentative))


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def mapped_sentences(found: Sequence[Sentence], passages: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Indices of the sentences that some passage overlaps (sentences in order; n log n)."""
    starts = [s.start for s in found]
    mapped: set[int] = set()
    for start, end in passages:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        while i < len(found) and found[i].start < end:
            if found[i].end > start:
                mapped.add(i)
            i += 1
    return frozenset(mapped)


def article_coverage(
    source: str, text: str, passages: Iterable[tuple[int, int]], speakers: Sequence[str] = ()
) -> ArticleCoverage:
    """The coverage of one article by the quote ``passages`` located in it."""
    found = sentences(text, speakers)
    return ArticleCoverage(source, found, mapped_sentences(found, passages))


# -- quote help --------------------------------------------------------------------------------


@attrs.frozen
class Suggestion:
    """A passage of an article that may be what a statement quotes, with a score in [0, 1]."""

    source: str
    start: int
    end: int
    score: float


_STOP = frozenset(
    "a an the and or of to in on at for by with from as is are was were be been it its this that these those "
    "he she they we i you his her their our not no will would can could has have had do does did".split()
)


def content_words(text: str) -> frozenset[str]:
    """The words that carry meaning: typography folded, lower case, without the commonest
    words, crudely stemmed."""
    words = _TOKEN.findall(fold(text)[0].lower())
    return frozenset(_stem(w) for w in words if w not in _STOP)


def _stem(word: str) -> str:
    """A crude stem, enough for "rearms", "rearmed" and "rearming" to meet."""
    for ending in ("ing", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def word_score(query: frozenset[str], passage: frozenset[str]) -> float:
    """How well a passage answers a query, 0 to 1: the share of the query's content words it
    has, weighted 2:1 against the share of its own words that are the query's (so a short
    passage saying the same is preferred to a long one that also says it)."""
    if not query or not passage:
        return 0.0
    shared = len(query & passage)
    return round((2 * shared / len(query) + shared / len(passage)) / 3, 4)


#: At most this many passages are scored for a query word (see ``PassageIndex._candidates``);
#: an article of up to about a hundred sentences is scored whole.
CANDIDATES = 256


class PassageIndex:
    """The passages of a map's articles that quote help ranks: each sentence and each pair of
    neighbouring sentences, their content words computed once, and which passages hold each
    word (so a query is scored only against passages that share a word with it)."""

    def __init__(self, articles: Mapping[str, tuple[str, Sequence[Sentence]]]) -> None:
        self._passages: list[tuple[str, int, int, frozenset[str]]] = []
        self._holding: dict[str, list[int]] = {}
        for source, (text, found) in articles.items():
            words = [content_words(text[s.start : s.end]) for s in found]
            for i, sentence in enumerate(found):
                self._add(source, sentence.start, sentence.end, words[i])
                if i + 1 < len(found):
                    self._add(source, sentence.start, found[i + 1].end, words[i] | words[i + 1])

    def _add(self, source: str, start: int, end: int, words: frozenset[str]) -> None:
        for word in words:
            self._holding.setdefault(word, []).append(len(self._passages))
        self._passages.append((source, start, end, words))

    def _candidates(self, wanted: frozenset[str]) -> set[int]:
        """The passages worth scoring: those holding a query word that at most ``CANDIDATES``
        passages hold (a word in every sentence tells nothing apart), else the first
        ``CANDIDATES`` holding its rarest word. So each query costs at most its words times
        ``CANDIDATES``, however long the articles and however many statements ask."""
        lists = sorted((self._holding[w] for w in wanted if w in self._holding), key=len)
        found = {i for held in lists if len(held) <= CANDIDATES for i in held}
        return found or (set(lists[0][:CANDIDATES]) if lists else set())

    def suggest(self, query: str, *, limit: int = 3) -> tuple[Suggestion, ...]:
        """The ``limit`` passages closest to ``query`` (a statement's text, or a quote that was
        not found), best first; of equal scores the shorter, then the earlier, comes first;
        a passage overlapping a better one is left out."""
        wanted = content_words(query)
        candidates = sorted(self._candidates(wanted))
        scored = []
        for order in candidates:
            source, start, end, words = self._passages[order]
            value = word_score(wanted, words)
            if value > 0:
                scored.append((-value, end - start, order, Suggestion(source, start, end, value)))
        scored.sort(key=lambda t: t[:3])
        out: list[Suggestion] = []
        for *_, suggestion in scored:
            if any(_overlap(s, suggestion) for s in out):
                continue
            out.append(suggestion)
            if len(out) == limit:
                break
        return tuple(out)


def _overlap(a: Suggestion, b: Suggestion) -> bool:
    return a.source == b.source and a.start < b.end and b.start < a.end


# -- a whole map -------------------------------------------------------------------------------


def map_coverage(m: Map, articles: Mapping[str, str], passages: Iterable[QuotePassage]) -> tuple[ArticleCoverage, ...]:
    """Each readable article's coverage by the map's located quotes, in the map's source order.
    The map's persons' names are the speakers."""
    speakers = speaker_names(p.name for p in m.persons)
    by_source: dict[str, list[tuple[int, int]]] = {}
    for passage in passages:
        by_source.setdefault(passage.source, []).extend(passage.parts)
    order = list(dict.fromkeys(s.id for s in m.sources if s.id in articles))
    return tuple(article_coverage(sid, articles[sid], by_source.get(sid, ()), speakers) for sid in order)


@attrs.frozen
class QuoteHelp:
    """Passages that may be what a statement should quote."""

    node: str
    #: ``no quote`` or ``quote not found``.
    reason: str
    #: What was searched for: the statement's text, or the quote that was not found.
    query: str
    suggestions: tuple[Suggestion, ...]


def quote_help(
    m: Map,
    coverage: Sequence[ArticleCoverage],
    articles: Mapping[str, str],
    passages: Iterable[QuotePassage],
    *,
    limit: int = 3,
) -> tuple[QuoteHelp, ...]:
    """For each statement without a quote (implicit premises aside), the closest passages of
    every article; for each quote not found, the closest passages of its own article."""
    index = {c.source: PassageIndex({c.source: (articles[c.source], c.sentences)}) for c in coverage}
    everywhere = PassageIndex({c.source: (articles[c.source], c.sentences) for c in coverage})
    missing: dict[str, list[QuotePassage]] = {}
    for passage in passages:
        if not passage.found:
            missing.setdefault(passage.node, []).append(passage)
    out: list[QuoteHelp] = []
    seen: set[str] = set()
    for node in m.nodes:
        if node.id in seen:
            continue
        seen.add(node.id)
        if not node.quotes and not node.implicit and coverage:
            out.append(QuoteHelp(node.id, "no quote", node.text, everywhere.suggest(node.text, limit=limit)))
        for passage in missing.get(node.id, ()):
            source_index = index.get(passage.source)
            if source_index is None or passage.quote >= len(node.quotes):
                continue
            text = node.quotes[passage.quote].text
            out.append(QuoteHelp(node.id, "quote not found", text, source_index.suggest(text, limit=limit)))
    return tuple(out)
