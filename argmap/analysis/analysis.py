"""The one place the stages are assembled: text → parse → names → checks, and on demand the
evaluation and the index of ids.

Every command, the HTML page, the language server and the browser playground call ``analyze``
and read what they need from the ``Analysis`` it returns; nothing else chains the stages.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property
from pathlib import Path

import attrs

from argmap.analysis.checks import SplitChecks, run_checks
from argmap.analysis.loading import LoadResult, load_result, loads_result, read_text_file
from argmap.analysis.policy import Policy, apply_policy
from argmap.errors import UsageError
from argmap.language.syntax import Comment
from argmap.model import Map, RelationKind, Span
from argmap.model.diagnostics import Diagnostic, Severity, sort_diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.analysis.semantics import Labelling

__all__ = ["Analysis", "IdIndex", "Occurrence", "QuotePassage", "analyze", "analyze_map"]

_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
_SPACE = re.compile(r"\s*")


@attrs.frozen
class Occurrence:
    """One place an id is written: its declaration or a use.

    ``kind`` is what the id names: ``statement`` (claim, premise, rebuttal), ``relation`` (a
    relation's label), ``source`` or ``person``.
    """

    id: str
    kind: str
    span: Span
    declaration: bool


@attrs.frozen
class IdIndex:
    """Every id's declaration and uses with their exact spans (for go-to-definition,
    references, rename and hover). ``occurrences`` is in file order."""

    occurrences: tuple[Occurrence, ...]
    tags: tuple[str, ...]

    @cached_property
    def _by_id(self) -> dict[str, tuple[Occurrence, ...]]:
        grouped: dict[str, list[Occurrence]] = {}
        for occurrence in self.occurrences:
            grouped.setdefault(occurrence.id, []).append(occurrence)
        return {key: tuple(value) for key, value in grouped.items()}

    @cached_property
    def _by_line(self) -> dict[tuple[str, int], tuple[Occurrence, ...]]:
        grouped: dict[tuple[str, int], list[Occurrence]] = {}
        for occurrence in self.occurrences:
            grouped.setdefault((occurrence.span.file, occurrence.span.line), []).append(occurrence)
        return {key: tuple(value) for key, value in grouped.items()}

    def declaration(self, element_id: str) -> Occurrence | None:
        """Where ``element_id`` is declared (the first declaration), or ``None``."""
        return next((o for o in self._by_id.get(element_id, ()) if o.declaration), None)

    def references(self, element_id: str, *, include_declaration: bool = True) -> tuple[Occurrence, ...]:
        """Every place ``element_id`` is written, in file order."""
        found = self._by_id.get(element_id, ())
        return found if include_declaration else tuple(o for o in found if not o.declaration)

    def at(self, file: str, line: int, column: int) -> Occurrence | None:
        """The occurrence under a 1-based position (the end column counts, as a cursor just
        after an id is still on it), or ``None``."""
        for occurrence in self._by_line.get((file, line), ()):
            if occurrence.span.column <= column <= occurrence.span.end_column:
                return occurrence
        return None

    def ids(self) -> tuple[str, ...]:
        """Every declared id, in file order."""
        return tuple(o.id for o in self.occurrences if o.declaration)


@attrs.frozen
class QuotePassage:
    """Where one quote of a statement sits in its article: ``parts`` are ``(start, end)``
    offsets into the article text (end exclusive), one per part around an ellipsis; empty when
    the quote was not found."""

    node: str
    #: The quote's position among the statement's quotes.
    quote: int
    source: str
    parts: tuple[tuple[int, int], ...]

    @property
    def found(self) -> bool:
        """True when the quote was found in its article."""
        return bool(self.parts)


@attrs.frozen(eq=False)
class Analysis:
    """A map read once: its text, the typed map, every diagnostic of every stage (sorted), and,
    computed on first use, the grounded evaluation and the index of ids."""

    loaded: LoadResult
    #: Every finding of every stage, sorted; ``findings`` applies a policy and ``# argmap: allow``.
    diagnostics: tuple[Diagnostic, ...]
    #: The top file's name as diagnostics show it.
    filename: str

    @property
    def map(self) -> Map:
        """The map, includes merged (partial when the text has errors)."""
        return self.loaded.map

    @property
    def texts(self) -> Mapping[str, str]:
        """Each map file read (the top file and its includes) and its text."""
        return self.loaded.texts

    @property
    def text(self) -> str:
        """The top file's text ("" when it could not be read)."""
        return self.loaded.texts.get(self.filename, "")

    @property
    def comments(self) -> tuple[Comment, ...]:
        """Every comment of every file read."""
        return self.loaded.comments

    @property
    def articles(self) -> Mapping[str, str]:
        """Source id → the text of its article file."""
        return self.loaded.articles

    @property
    def article_errors(self) -> Mapping[str, str]:
        """Source id → why its article file could not be used."""
        return self.loaded.article_errors

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics that are errors."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def ok(self) -> bool:
        """True when no stage found an error."""
        return not self.errors

    @property
    def unreadable(self) -> bool:
        """True when the top file (not an include) could not be read at all."""
        return any(d.name == "unreadable-file" for d in self.diagnostics)

    @property
    def parsed(self) -> bool:
        """True when every file's text parsed (names and checks may still have found errors)."""
        return not self.unreadable and not any(d.name == "syntax-error" for d in self.diagnostics)

    def findings(self, policy: Policy | None = None) -> tuple[Diagnostic, ...]:
        """The diagnostics as ``argmap check`` reports them: ``# argmap: allow`` comments
        honoured, then ``policy`` (select, ignore, strict) applied."""
        return apply_policy(self.diagnostics, policy or Policy(), self.comments)

    @cached_property
    def evaluation(self) -> Labelling:
        """The grounded labelling of the map (computed on first use)."""
        from argmap.analysis.semantics import grounded

        return grounded(self.map)

    @cached_property
    def quote_passages(self) -> tuple[QuotePassage, ...]:
        """Every quote whose article was read, located in it as the quote checks locate it
        (typography folded, ellipses split), in map order (computed on first use)."""
        from argmap.analysis.checks.matching import Article, locate_parts

        articles = {sid: Article(text) for sid, text in self.articles.items()}
        found = []
        seen: set[str] = set()
        for node in self.map.nodes:
            if node.id in seen:
                continue
            seen.add(node.id)
            for i, quote in enumerate(node.quotes):
                article = articles.get(quote.source)
                if article is not None:
                    parts = tuple((m.start, m.end) for m in locate_parts(article, quote.text))
                    found.append(QuotePassage(node.id, i, quote.source, parts))
        return tuple(found)

    @cached_property
    def index(self) -> IdIndex:
        """Every id's declaration and uses with their spans (computed on first use)."""
        return _build_index(self.map, self.texts)


def analyze(
    source: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    allow_outside: bool = False,
    read_articles: bool = True,
    files: Mapping[str, str] | None = None,
    split_checks: SplitChecks | None = None,
) -> Analysis:
    """Read a map once into everything the commands, views and editors need.

    ``source`` is the map file's path. With ``text``, that text is analysed instead of the
    file's content (an editor's unsaved buffer; ``source`` then only names it and anchors its
    includes, and may be omitted). ``files`` maps other paths to texts that stand in for what is
    on disk (open editor buffers, articles pasted in a browser). Includes and article files must
    lie inside the map's folder unless ``allow_outside``. A map's mistakes are diagnostics;
    nothing here raises for them. ``split_checks`` runs the two halves of the checks (a command
    passes one that uses two cores for a large map; see ``argmap.analysis.checks.SplitChecks``).
    """
    if source is None and text is None:
        raise UsageError("analyze needs a path or a text", hint="call analyze(path) or analyze(text=...)")
    read = _reader(files) if files else read_text_file
    if text is None:
        assert source is not None
        loaded = load_result(source, allow_outside=allow_outside, read_articles=read_articles, read=read)
        filename = next(iter(loaded.texts), None) or (loaded.map.files[0] if loaded.map.files else str(source))
    else:
        name = os.fspath(source) if source is not None else "<string>"
        loaded = loads_result(text, name, allow_outside=allow_outside, read_articles=read_articles, read=read)
        filename = next(iter(loaded.texts), name)
    diagnostics = sort_diagnostics((*loaded.diagnostics, *run_checks(loaded, split=split_checks)))
    return Analysis(loaded, diagnostics, filename)


def analyze_map(m: Map) -> Analysis:
    """The analysis of a map built in code (no text behind it): names and checks run once,
    spans are those the map carries (``NO_SPAN`` for elements built in code)."""
    from argmap.language.names import check_names

    loaded = LoadResult(m, sort_diagnostics(check_names(m)), {}, ())
    diagnostics = sort_diagnostics((*loaded.diagnostics, *run_checks(loaded)))
    return Analysis(loaded, diagnostics, m.files[0] if m.files else "<code>")


def _reader(files: Mapping[str, str]) -> Callable[[Path], str]:
    resolved = {}
    for name, content in files.items():
        try:
            resolved[Path(name).resolve()] = content
        except (OSError, RuntimeError, ValueError):
            continue

    def read(path: Path) -> str:
        try:
            key = path.resolve()
        except (OSError, RuntimeError, ValueError):
            key = path
        found = resolved.get(key)
        return found if found is not None else read_text_file(path)

    return read


# -- the index of ids ------------------------------------------------------------------------


class _Positions:
    """Offsets of each line's start in each text, to turn a span's start into an offset."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self._texts = texts
        self._starts: dict[str, list[int]] = {}

    def text(self, file: str) -> str:
        return self._texts.get(file, "")

    def line_starts(self, file: str) -> list[int] | None:
        starts = self._starts.get(file)
        if starts is None:
            text = self._texts.get(file)
            if text is None:
                return None
            starts = [0] + [m.end() for m in re.finditer("\n", text)]
            self._starts[file] = starts
        return starts

    def offset(self, span: Span) -> int | None:
        starts = self.line_starts(span.file)
        if starts is None:
            return None
        if not 1 <= span.line <= len(starts):
            return None
        return starts[span.line - 1] + span.column - 1

    def id_after(self, span: Span, words: int) -> Span | None:
        """The span of the id that follows ``words`` words from the start of ``span``."""
        start = self.offset(span)
        if start is None:
            return None
        text = self.text(span.file)
        pos = start
        for _ in range(words):
            word = _ID.match(text, pos)
            if word is None:
                return None
            pos = _SPACE.match(text, word.end()).end()  # type: ignore[union-attr]
        found = _ID.match(text, pos)
        if found is None:
            return None
        return self.span(span.file, found.start(), found.end())

    def span(self, file: str, start: int, end: int) -> Span:
        # A binary search in the line starts: counting newlines from the top for every id
        # made the index quadratic in the file's length (1.5 s at 2,000 statements).
        starts = self.line_starts(file) or [0]
        line = bisect.bisect_right(starts, start)
        line_start = starts[line - 1]
        return Span(file, line, start - line_start + 1, line, end - line_start + 1)


def _build_index(m: Map, texts: Mapping[str, str]) -> IdIndex:
    positions = _Positions(texts)
    found: list[Occurrence] = []

    def add(element_id: str, kind: str, span: Span | None, declaration: bool) -> None:
        if span is not None and span.line > 0:
            found.append(Occurrence(element_id, kind, span, declaration))

    node_ids = {n.id for n in m.nodes}
    relation_ids = {r.id for r in m.relations if r.id is not None}

    def kind_of(element_id: str) -> str:
        return "relation" if element_id in relation_ids and element_id not in node_ids else "statement"

    for source in m.sources:
        add(source.id, "source", positions.id_after(source.span, 1), True)
    for person in m.persons:
        add(person.id, "person", positions.id_after(person.span, 1), True)
    tags: dict[str, None] = {}
    for node in m.nodes:
        add(node.id, "statement", positions.id_after(node.span, 1), True)
        if node.by is not None:
            add(node.by, "person", node.by_span if node.by_span.line else None, False)
        for quote in node.quotes:
            add(quote.source, "source", positions.id_after(quote.span, 1), False)
        tags.update(dict.fromkeys(node.tags))
    for rel in m.relations:
        if rel.id is not None:
            add(rel.id, "relation", positions.id_after(rel.span, 0), True)
        for i, member in enumerate(rel.members):
            if i < len(rel.member_spans):
                add(member, "statement", rel.member_spans[i], False)
        target_kind = kind_of(rel.target) if rel.kind is RelationKind.UNDERCUTS else "statement"
        add(rel.target, target_kind, rel.target_span if rel.target_span.line else None, False)
    found.sort(key=lambda o: (o.span.file, o.span.line, o.span.column))
    return IdIndex(tuple(_unique(found)), tuple(tags))


def _unique(occurrences: list[Occurrence]) -> Iterator[Occurrence]:
    seen: set[tuple[str, int, int]] = set()
    for occurrence in occurrences:
        key = (occurrence.span.file, occurrence.span.line, occurrence.span.column)
        if key not in seen:
            seen.add(key)
            yield occurrence
