"""The fast path of parsing: well-formed statements matched by regular expressions, straight to
the typed map.

Lark's LALR parser spends most of its time in per-token Python code, and the tree it builds is
walked once more by the builder. Real maps are long runs of well-formed statements, so this module
matches each statement with one compiled regular expression (C speed) and builds the model
elements from the match groups directly — the same elements, with the same spans, that the Lark
path (``syntax`` then ``build``) produces.

``grammars/argmap.lark`` stays the definition of the language and Lark its reference parser.
This module accepts a strict subset — statements separated by whitespace and whole-line or
trailing comments, no comment inside a statement, every value valid — and returns ``None`` for
anything else, so every text with something to report goes through Lark, which produces the
diagnostics. A property test holds the two paths to equal maps, spans and comments.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Mapping

import attrs

from argmap.language.syntax import KEYWORDS, Comment
from argmap.model import Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span

__all__ = ["FastResult", "parse_fast"]

_ID = r"[A-Za-z_][A-Za-z0-9_\-]*"
_STR = r'(?:"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|"(?:[^"\\\n]|\\[^\n])*")'
_S = r"[ \t\f\n]+"  # whitespace inside a statement (a comment there sends the text to Lark)
_O = r"[ \t\f\n]*"
_END = r"(?=[ \t\f\n#]|\Z)"

# Between statements: whitespace and comments.
_GAP = re.compile(r"(?:[ \t\f\n]+|#[^\n]*)*")
_COMMENT = re.compile(r"#[^\n]*")

_HEAD = re.compile(
    rf"(?:(?P<kind>claim|premise|rebuttal){_S}(?P<id>{_ID}){_S}(?P<text>{_STR})"
    rf"|(?P<left>{_ID}){_S}contradicts{_S}(?P<right>{_ID})"
    rf"|(?:(?P<label>{_ID}){_O}:{_O})?(?P<members>{_ID}(?:{_O}\+{_O}{_ID})*){_S}"
    rf"(?P<rel>supports|attacks|undercuts){_S}(?P<target>{_ID})"
    rf"|source{_S}(?P<source>{_ID}){_S}(?P<stitle>{_STR})"
    rf"|person{_S}(?P<person>{_ID}){_S}(?P<name>{_STR})"
    rf"|title{_S}(?P<title>{_STR})"
    rf"|include{_S}(?P<include>{_STR})"
    rf"){_END}"
)
_ATTRIBUTE = re.compile(
    rf"{_S}(?:by{_S}(?P<by>{_ID})|quote{_S}(?P<qsource>{_ID}){_S}(?P<qtext>{_STR})"
    rf"|tags{_S}(?P<tags>{_ID}(?:{_O},{_O}{_ID})*)|note{_S}(?P<note>{_STR})|(?P<implicit>implicit)"
    rf"|step{_S}(?P<step>[0-9]{{1,9}})|(?P<outweighed>outweighed)"
    rf"|(?P<skey>outlet|url|file|author){_S}(?P<svalue>{_STR})"
    rf"|date{_S}(?P<date>[0-9]{{4}}(?:-[0-9]{{2}}(?:-[0-9]{{2}})?)?)|role{_S}(?P<role>{_STR})"
    rf"){_END}"
)
_SPLIT_MEMBERS = re.compile(rf"{_O}\+{_O}")
_SPLIT_TAGS = re.compile(rf"{_O},{_O}")
_IDS = re.compile(_ID)

# Which attributes each statement may carry; ``None``: repeatable.
_NODE_ATTRS = {"by": 1, "qsource": None, "tags": None, "note": 1, "implicit": 1, "step": 1}
_SOURCE_ATTRS = {"skey": None, "date": 1}
_PERSON_ATTRS = {"role": 1}
_RELATION_ATTRS = {"note": 1, "outweighed": 1}
_CONTRADICTION_ATTRS = {"note": 1}


_RELATION_KINDS = {kind.value: kind for kind in RelationKind}
_NODE_KINDS = {kind.value: kind for kind in NodeKind}


class _DeclineError(Exception):
    """The text needs Lark: it has something to report, or a form this path does not take."""


@attrs.frozen
class FastResult:
    """A map parsed by the fast path, with the file's comments."""

    map: Map
    comments: tuple[Comment, ...]


class _Positions:
    """Offsets to 1-based lines and columns."""

    def __init__(self, text: str, filename: str) -> None:
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.filename = filename
        # The line last looked up: most spans of a statement lie on one line.
        self.line, self.start, self.stop = 0, 0, -1

    def line_column(self, offset: int) -> tuple[int, int]:
        if not self.start <= offset < self.stop:
            newlines = self.newlines
            line = bisect.bisect_left(newlines, offset) + 1
            self.line = line
            self.start = newlines[line - 2] + 1 if line > 1 else 0
            self.stop = newlines[line - 1] + 1 if line <= len(newlines) else 1 << 62
        return self.line, offset - self.start + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.line_column(start)
        if end <= self.stop:  # ends on the same line
            return Span(self.filename, line, column, line, end - self.start + 1)
        end_line, end_column = self.line_column(end - 1)
        return Span(self.filename, line, column, end_line, end_column + 1)


def _ident(value: str) -> str:
    if value in KEYWORDS:
        raise _DeclineError
    return value


def _string(raw: str) -> str:
    body = raw[3:-3] if raw.startswith('"""') and len(raw) >= 6 else raw[1:-1]
    if "\\" not in body:
        return body
    out = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            if i + 1 >= len(body) or body[i + 1] not in '"\\':
                raise _DeclineError
            out.append(body[i + 1])
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise _DeclineError from None
    return value


class _Parser:
    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.pos = _Positions(text, filename)
        self.filename = filename
        self.comments: list[Comment] = []
        self.sources: list[Source] = []
        self.persons: list[Person] = []
        self.nodes: list[Node] = []
        self.relations: list[Relation] = []
        self.includes: list[Include] = []
        self.title: str | None = None
        self.title_span: Span | None = None

    def gap(self, start: int) -> int:
        end = _GAP.match(self.text, start).end()  # type: ignore[union-attr]
        if "#" in self.text[start:end]:
            for comment in _COMMENT.finditer(self.text, start, end):
                line, column = self.pos.line_column(comment.start())
                self.comments.append(Comment(self.filename, line, column, comment.group().rstrip()))
        return end

    def attributes(self, start: int, allowed: Mapping[str, int | None]) -> tuple[list[re.Match[str]], int]:
        found: list[re.Match[str]] = []
        seen: set[str] = set()
        end = start
        while True:
            m = _ATTRIBUTE.match(self.text, end)
            if m is None:
                return found, end
            key = m.lastgroup if m.lastgroup not in ("qtext", "svalue") else None
            key = key or ("qsource" if m.group("qsource") else "skey")
            if key not in allowed:
                return found, end  # not this statement's attribute: Lark decides what it is
            if allowed[key] is not None and key in seen:
                raise _DeclineError  # given twice: a diagnostic
            seen.add(key)
            found.append(m)
            end = m.end()

    def statement(self, start: int) -> int:
        m = _HEAD.match(self.text, start)
        if m is None:
            raise _DeclineError
        if m.group("kind"):
            return self.node(m)
        if m.group("left"):
            return self.contradiction(m)
        if m.group("rel"):
            return self.relation(m)
        if m.group("source"):
            return self.source(m)
        if m.group("person"):
            return self.person(m)
        if m.group("title") is not None:
            if self.title is not None:
                raise _DeclineError
            self.title = _string(m.group("title"))
            self.title_span = self.pos.span(m.start(), m.end())
            return m.end()
        self.includes.append(Include(_string(m.group("include")), span=self.pos.span(m.start(), m.end())))
        return m.end()

    def node(self, m: re.Match[str]) -> int:
        attributes, end = self.attributes(m.end(), _NODE_ATTRS)
        by = note = None
        by_span = None
        quotes: list[Quote] = []
        tags: list[str] = []
        implicit = False
        step = None
        for a in attributes:
            if a.group("by"):
                by = _ident(a.group("by"))
                by_span = self.pos.span(a.start("by"), a.end("by"))
            elif a.group("qsource"):
                quote_start = a.start() + len(a.group()) - len(a.group().lstrip())
                quotes.append(
                    Quote(
                        _ident(a.group("qsource")), _string(a.group("qtext")), span=self.pos.span(quote_start, a.end())
                    )
                )
            elif a.group("tags"):
                tags += [_ident(t) for t in _SPLIT_TAGS.split(a.group("tags"))]
            elif a.group("note"):
                note = _string(a.group("note"))
            elif a.group("implicit"):
                implicit = True
            else:
                step = int(a.group("step"))
        extra = {"by_span": by_span} if by_span is not None else {}
        self.nodes.append(
            Node(
                _NODE_KINDS[m.group("kind")],
                _ident(m.group("id")),
                _string(m.group("text")),
                by=by,
                quotes=tuple(quotes),
                tags=tuple(tags),
                note=note,
                implicit=implicit,
                step=step,
                span=self.pos.span(m.start(), end),
                **extra,
            )
        )
        return end

    def relation(self, m: re.Match[str]) -> int:
        attributes, end = self.attributes(m.end(), _RELATION_ATTRS)
        kind = _RELATION_KINDS[m.group("rel")]
        note = None
        outweighed = False
        for a in attributes:
            if a.group("note"):
                note = _string(a.group("note"))
            else:
                if kind is RelationKind.SUPPORTS:
                    raise _DeclineError  # `outweighed` on a support: a diagnostic
                outweighed = True
        pos = self.pos
        start = m.start()
        line, _ = pos.line_column(start)
        line_start, filename = pos.start, self.filename
        one_line = end <= pos.stop  # the usual case: columns by subtraction, no look-up

        def span(a: int, b: int) -> Span:
            if one_line:
                return Span(filename, line, a - line_start + 1, line, b - line_start + 1)
            return pos.span(a, b)

        whole = span(start, end)
        members_text = m.group("members")
        members_start = m.start("members")
        if "+" not in members_text:
            members = [_ident(members_text)]
            member_spans = [span(members_start, m.end("members"))]
        else:
            members, member_spans = [], []
            for member in _IDS.finditer(members_text):
                members.append(_ident(member.group()))
                member_spans.append(span(members_start + member.start(), members_start + member.end()))
        label = m.group("label")
        self.relations.append(
            Relation(
                kind,
                tuple(members),
                _ident(m.group("target")),
                id=_ident(label) if label else None,
                note=note,
                outweighed=outweighed,
                span=whole,
                member_spans=tuple(member_spans),
                target_span=span(m.start("target"), m.end("target")),
            )
        )
        return end

    def contradiction(self, m: re.Match[str]) -> int:
        attributes, end = self.attributes(m.end(), _CONTRADICTION_ATTRS)
        note = _string(attributes[0].group("note")) if attributes else None
        self.relations.append(
            Relation(
                RelationKind.CONTRADICTS,
                (_ident(m.group("left")),),
                _ident(m.group("right")),
                note=note,
                span=self.pos.span(m.start(), end),
                member_spans=(self.pos.span(m.start("left"), m.end("left")),),
                target_span=self.pos.span(m.start("right"), m.end("right")),
            )
        )
        return end

    def source(self, m: re.Match[str]) -> int:
        attributes, end = self.attributes(m.end(), _SOURCE_ATTRS)
        fields: dict[str, str] = {}
        for a in attributes:
            if a.group("date"):
                key, value = "date", _date(a.group("date"))
            else:
                key, value = a.group("skey"), _string(a.group("svalue"))
            if key in fields:
                raise _DeclineError
            fields[key] = value
        self.sources.append(
            Source(
                _ident(m.group("source")),
                _string(m.group("stitle")),
                span=self.pos.span(m.start(), end),
                **fields,
            )
        )
        return end

    def person(self, m: re.Match[str]) -> int:
        attributes, end = self.attributes(m.end(), _PERSON_ATTRS)
        role = _string(attributes[0].group("role")) if attributes else None
        self.persons.append(
            Person(_ident(m.group("person")), _string(m.group("name")), role, span=self.pos.span(m.start(), end))
        )
        return end

    def run(self) -> Map:
        text = self.text
        position = self.gap(0)
        while position < len(text):
            end = self.statement(position)
            if end < len(text) and text[end] not in " \t\f\n#":
                raise _DeclineError
            position = self.gap(end)
        extra = {"title_span": self.title_span} if self.title_span is not None else {}
        return Map(
            title=self.title,
            sources=tuple(self.sources),
            persons=tuple(self.persons),
            nodes=tuple(self.nodes),
            relations=tuple(self.relations),
            includes=tuple(self.includes),
            files=(self.filename,),
            **extra,
        )


def parse_fast(text: str, filename: str) -> FastResult | None:
    """The map of normalized ``.arg`` text, or ``None`` when it must go through Lark."""
    parser = _Parser(text, filename)
    try:
        built = parser.run()
    except _DeclineError:
        return None
    return FastResult(built, tuple(parser.comments))
