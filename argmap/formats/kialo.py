"""Kialo plain-text export, read as a map: the older layout and the current one.

A Kialo export numbers every claim by its place in the tree (``1.2.3.``) and marks it
``Pro:`` or ``Con:``. The thesis (no mark, or ``Thesis:``) becomes a claim, pros premises that
support their parent, cons rebuttals that attack it; the nesting is kept through the relations.
Lines that do not start a claim continue the previous one: the current layout puts the text on
the line after ``1.1. Pro:``, indented, and starts with ``Discussion Name:`` and the title on
the next line (the older one: ``Discussion Title: ...``, text on the claim's line).
``-> See 1.2.`` entries link to a claim already in the tree: they become one more relation
from that claim, not a copy of it. The current layout ends with a ``Sources:`` list of
footnotes (``[1] https://...``) that claims cite as ``[1]``: each claim keeps its markers and
gets the footnotes it cites as its note; a footnote nobody cites becomes a source of the map.
Kialo escapes Markdown characters with a backslash (``\\(``); the escapes are undone.
"""

from __future__ import annotations

import re

import attrs

from argmap.formats.errors import MAX_IMPORT_BYTES, FormatError, Imported, loss
from argmap.language.syntax import normalize_text
from argmap.model import Map, Node, NodeKind, Relation, RelationKind, Source, Span
from argmap.model.diagnostics import sort_diagnostics

__all__ = ["from_kialo", "from_kialo_result", "looks_like_kialo"]

_ENTRY = re.compile(
    r"(?P<number>[0-9]+(?:\.[0-9]+)*)\.(?:[ \t]+(?:(?P<mark>Pro|Con|Thesis):[ \t]*)?(?P<text>.*)|"
    r"[ \t]*(?P<bare>Pro|Con|Thesis):[ \t]*)\Z"
)
_SEE = re.compile(r"->\s*See\s+(?P<number>[0-9]+(?:\.[0-9]+)*)\.?\s*\Z")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_TITLES = ("Discussion Title:", "Discussion Name:")
_SOURCES = "Sources:"
_FOOTNOTE = re.compile(r"\[(?P<number>[0-9]+)\][ \t]*(?P<text>.*)\Z")
_CITED = re.compile(r"\[([0-9]+)\]")


def looks_like_kialo(text: str) -> bool:
    """True for text that starts like a Kialo export (either layout)."""
    head = normalize_text(text[:2000]).lstrip()
    return head.startswith(_TITLES) or bool(re.match(r"1\.[ \t]+\S", head))


def unescape(text: str) -> str:
    """Undo Kialo's Markdown backslash escapes (``\\(`` is ``(``)."""
    return _ESCAPE.sub(r"\1", text)


@attrs.define
class _Entry:
    number: str
    mark: str | None
    lines: list[str]
    line: int
    column: int

    @property
    def parent(self) -> str:
        return self.number.rpartition(".")[0]


def _node_id(number: str) -> str:
    return "k" + number.replace(".", "_")


def from_kialo_result(text: str, filename: str = "<string>") -> Imported:
    """Read a Kialo plain-text export; ``FormatError`` naming the line for a malformed one."""
    if len(text) > MAX_IMPORT_BYTES:
        raise FormatError(f"is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB", Span(filename, 0, 0, 0, 0))
    title: str | None = None
    title_next = False  # `Discussion Name:` alone: the title is the next line
    entries: list[_Entry] = []
    footnotes: dict[str, tuple[str, int]] = {}  # number -> (text, line)
    in_sources = False
    last = ""  # the footnote read last
    warnings = []
    for line_number, line in enumerate(normalize_text(text).split("\n"), start=1):
        stripped = line.strip()
        if not entries and stripped.startswith(_TITLES):
            title = unescape(stripped.split(":", 1)[1].strip()) or None
            title_next = title is None
            continue
        if title_next and stripped and not entries and not _ENTRY.match(stripped):
            title, title_next = unescape(stripped), False
            continue
        if entries and stripped == _SOURCES and line == stripped:
            in_sources = True
            continue
        if in_sources:
            footnote = _FOOTNOTE.match(stripped)
            if footnote:
                last = footnote["number"]
                footnotes[last] = (footnote["text"].strip(), line_number)
            elif stripped and last:  # a footnote over two lines
                footnotes[last] = (f"{footnotes[last][0]} {stripped}", footnotes[last][1])
            elif stripped:
                span = Span(filename, line_number, 1, line_number, len(line) + 1)
                raise FormatError(
                    "expected a footnote like `[1] ...` in the sources list",
                    span,
                    hint="every line after `Sources:` is a numbered footnote or goes on with one",
                )
            continue
        match = _ENTRY.match(stripped)
        if match:
            column = len(line) - len(line.lstrip()) + 1
            mark = match["mark"] or match["bare"]
            entries.append(
                _Entry(match["number"], None if mark == "Thesis" else mark, [match["text"] or ""], line_number, column)
            )
        elif entries:
            entries[-1].lines.append(line.strip())
        elif stripped:
            span = Span(filename, line_number, 1, line_number, len(line) + 1)
            raise FormatError(
                "expected `Discussion Title:`, `Discussion Name:` or a numbered claim like `1. ...`",
                span,
                hint="is this a Kialo plain-text export?",
            )
    if not entries:
        raise FormatError("no claims found", Span(filename, 1, 1, 1, 1), hint="is this a Kialo plain-text export?")

    by_number: dict[str, _Entry] = {}
    for entry in entries:
        span = Span(filename, entry.line, entry.column, entry.line, entry.column + len(entry.number) + 1)
        if entry.number in by_number:
            raise FormatError(f"claim {entry.number} is numbered twice", span, hint="each number is used once")
        if entry.mark is None and "." in entry.number:
            raise FormatError(f"claim {entry.number} is neither `Pro:` nor `Con:`", span)
        if entry.mark is not None and entry.parent not in by_number:
            raise FormatError(
                f"claim {entry.number} answers claim {entry.parent or '(none)'}, which does not come before it", span
            )
        by_number[entry.number] = entry

    nodes: list[Node] = []
    relations: list[Relation] = []
    seen: set[tuple[str, str, RelationKind]] = set()
    links: list[tuple[_Entry, str]] = []
    cited: set[str] = set()
    for entry in entries:
        body = "\n".join(entry.lines).strip()
        span = Span(filename, entry.line, entry.column, entry.line, entry.column + len(entry.number) + 1)
        see = _SEE.match(body)
        if see and entry.mark is not None:
            links.append((entry, see["number"]))
            continue
        if body.startswith("-> See discussion"):
            warnings.append(
                loss(f"claim {entry.number} points to another Kialo discussion; kept as its link text", span)
            )
        node_id = _node_id(entry.number)
        kind = NodeKind.CLAIM if entry.mark is None else NodeKind.PREMISE if entry.mark == "Pro" else NodeKind.REBUTTAL
        cites = [n for n in dict.fromkeys(_CITED.findall(body)) if n in footnotes]
        cited.update(cites)
        note = "\n".join(f"[{n}] {footnotes[n][0]}" for n in cites) or None
        nodes.append(Node(kind, node_id, unescape(body), note=note, span=span))
        if entry.mark is not None:
            relation_kind = RelationKind.SUPPORTS if entry.mark == "Pro" else RelationKind.ATTACKS
            relations.append(Relation(relation_kind, (node_id,), _node_id(entry.parent), span=span))
            seen.add((node_id, _node_id(entry.parent), relation_kind))
    declared = {n.id for n in nodes}
    for entry, number in links:
        span = Span(filename, entry.line, entry.column, entry.line, entry.column + len(entry.number) + 1)
        member, target = _node_id(number), _node_id(entry.parent)
        relation_kind = RelationKind.SUPPORTS if entry.mark == "Pro" else RelationKind.ATTACKS
        if member not in declared or target not in declared:
            warnings.append(loss(f"claim {entry.number} links to claim {number}, which is not in the file", span))
        elif member == target:
            warnings.append(loss(f"claim {entry.number} links claim {number} to itself; left out", span))
        elif (member, target, relation_kind) not in seen:
            seen.add((member, target, relation_kind))
            relations.append(Relation(relation_kind, (member,), target, span=span))
    sources = tuple(
        Source(
            f"kialo_source_{number}",
            text or f"Source {number}",
            url=text if text.startswith(("http://", "https://")) and " " not in text else None,
            span=Span(filename, line, 1, line, 2),
        )
        for number, (text, line) in footnotes.items()
        if number not in cited
    )
    m = Map(title=title, sources=sources, nodes=tuple(nodes), relations=tuple(relations), files=(filename,))
    return Imported(m, sort_diagnostics(warnings))


def from_kialo(text: str, filename: str = "<string>") -> Map:
    """Read a Kialo plain-text export into a map (warnings: ``from_kialo_result``)."""
    return from_kialo_result(text, filename).map
