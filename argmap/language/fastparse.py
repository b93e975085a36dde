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

import re
from collections.abc import Callable
from typing import Any

import attrs

from argmap.language.syntax import Comment
from argmap.language.table import KEYWORDS, NODE_KINDS, RELATION_WORDS, STATEMENTS, Attribute
from argmap.model import NO_SPAN, Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span

__all__ = ["FastResult", "parse_fast"]

_ID = r"[A-Za-z_][A-Za-z0-9_\-]*"
# The STRING token of grammars/argmap.lark, written as unrolled loops like it (linear in sre).
_STR = r'(?:"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"""|"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*")'
_S = r"[ \t\f\n]+"  # whitespace inside a statement (a comment there sends the text to Lark)
_O = r"[ \t\f\n]*"
_END = r"(?=[ \t\f\n#]|\Z)"

# Between statements: whitespace and comments.
_GAP = re.compile(r"(?:[ \t\f\n]+|#[^\n]*)*")
_COMMENT = re.compile(r"#[^\n]*")


def _words(words: tuple[str, ...]) -> str:
    return "|".join(words)


_HEAD = re.compile(
    rf"(?:(?P<kind>{_words(NODE_KINDS)}){_S}(?P<id>{_ID}){_S}(?P<text>{_STR})"
    rf"|(?P<left>{_ID}){_S}contradicts{_S}(?P<right>{_ID})"
    rf"|(?:(?P<label>{_ID}){_O}:{_O})?(?P<members>{_ID}(?:{_O}\+{_O}{_ID})*){_S}"
    rf"(?P<rel>{_words(RELATION_WORDS[:-1])}){_S}(?P<target>{_ID})"
    rf"|source{_S}(?P<source>{_ID}){_S}(?P<stitle>{_STR})"
    rf"|person{_S}(?P<person>{_ID}){_S}(?P<name>{_STR})"
    rf"|title{_S}(?P<title>{_STR})"
    rf"|include{_S}(?P<include>{_STR})"
    rf"){_END}"
)

# A run of relations in canonical layout (what ``fmt`` writes): one per line, single spaces, no
# attributes. Maps are mostly such runs; they are matched in bulk, a line per ``finditer`` step.
_RELATION_LINE = (
    rf"(?:(?P<label>{_ID}): )?(?P<members>{_ID}(?: \+ {_ID})*) (?P<rel>{_words(RELATION_WORDS[:-1])}) "
    rf"(?P<target>{_ID})\n"
)
_RELATION_RUN = re.compile("(?:" + re.sub(r"\(\?P<[a-z]+>", "(?:", _RELATION_LINE) + ")+")
_RELATION_LINES = re.compile(_RELATION_LINE)

# The pattern of each kind of attribute value (the language table names the kinds).
_VALUES = {
    "string": _STR,
    "id": _ID,
    "ids": rf"{_ID}(?:{_O},{_O}{_ID})*",
    "date": r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?",
    "int": r"[0-9]{1,9}",
}


def _attribute_pattern(attribute: Attribute) -> str:
    """``a_<keyword>`` around the whole attribute (so ``lastgroup`` names it), ``v_<keyword>``
    around its value, and ``t_<keyword>`` around a quote's text."""
    k = attribute.keyword
    if attribute.value == "flag":
        body = rf"(?P<v_{k}>{k})"
    elif attribute.value == "quote":
        body = rf"{k}{_S}(?P<v_{k}>{_ID}){_S}(?P<t_{k}>{_STR})"
    else:
        body = rf"{k}{_S}(?P<v_{k}>{_VALUES[attribute.value]})"
    return rf"(?P<a_{k}>{body})"


_EVERY_ATTRIBUTE = {a.keyword: a for statement in STATEMENTS for a in statement.attributes}
_ATTRIBUTE = re.compile(rf"{_S}(?:{'|'.join(map(_attribute_pattern, _EVERY_ATTRIBUTE.values()))}){_END}")
_SPLIT_TAGS = re.compile(rf"{_O},{_O}")
_IDS = re.compile(_ID)

# A node in canonical layout: the head on a line of its own, then each attribute on a line of its
# own, indented by two spaces, strings on one line (what ``fmt`` writes). Most of a map's text is
# such nodes; their attribute lines are read with one small pattern each and every column found
# by subtraction, not looked up. A node in any other layout takes ``statement``.
_STR_LINE = r'"[^"\\\n]*(?:\\[^\n][^"\\\n]*)*"'
_NODE_BLOCK = re.compile(rf"(?P<kind>{_words(NODE_KINDS)}) (?P<id>{_ID}) (?P<text>{_STR_LINE})\n(?:  [^\n]*\n)*")
_NODE_ATTRIBUTE = re.compile(
    rf"  (?:(?P<quote>quote (?P<source>{_ID}) (?P<quoted>{_STR_LINE}))"
    rf"|(?P<by>by (?P<person>{_ID}))"
    rf"|(?P<tags>tags (?P<names>{_ID}(?:, {_ID})*))"
    rf"|(?P<note>note (?P<said>{_STR_LINE}))"
    rf"|(?P<implicit>implicit)"
    rf"|(?P<step>step (?P<number>{_VALUES['int']})))\n"
)

# Which attributes each statement may carry, by keyword.
_ALLOWED = {statement.name: {a.keyword: a for a in statement.attributes} for statement in STATEMENTS}


_RELATION_KINDS = {kind.value: kind for kind in RelationKind}
_NODE_KINDS = {kind.value: kind for kind in NodeKind}


def _setters(cls: type, names: tuple[str, ...]) -> list[Callable[[Any, Any], None]]:
    """The slot setters of ``cls``'s attrs fields, in the order ``names`` gives them: checked to
    be all of its fields, with nothing attrs' ``__init__`` would run besides setting them (no
    validator, converter or post-init hook), so the makers below build exactly what it builds."""
    fields = attrs.fields(cls)
    if (
        tuple(field.name for field in fields) != names
        or any(field.validator or field.converter for field in fields)
        or hasattr(cls, "__attrs_post_init__")
    ):
        raise TypeError(f"the fields of {cls.__name__} changed: update the makers in argmap/language/fastparse.py")
    return [cls.__dict__[name].__set__ for name in names]


# A file of 20,000 statements has 130,000 spans, 20,000 nodes and 30,000 relations, and making
# them is the largest single cost of this path: attrs' frozen ``__init__`` sets each field by
# name through ``object.__setattr__``. The makers fill the same slots of the same classes
# through their descriptors (a third faster), so the results are ordinary ``Span``s, ``Node``s
# and ``Relation``s, equal, hashed and ordered as any other.


def _span_maker() -> Callable[[str, int, int, int, int], Span]:
    """``Span(file, line, column, end_line, end_column)``."""
    new = object.__new__
    set_file, set_line, set_column, set_end_line, set_end_column = _setters(
        Span, ("file", "line", "column", "end_line", "end_column")
    )

    def span(file: str, line: int, column: int, end_line: int, end_column: int) -> Span:
        made: Span = new(Span)
        set_file(made, file)
        set_line(made, line)
        set_column(made, column)
        set_end_line(made, end_line)
        set_end_column(made, end_column)
        return made

    return span


def _quote_maker() -> Callable[[str, str, Span], Quote]:
    """``Quote(source, text, span=...)``."""
    new = object.__new__
    source_, text_, span_ = _setters(Quote, ("source", "text", "span"))

    def quote(source: str, text: str, span: Span) -> Quote:
        made: Quote = new(Quote)
        source_(made, source)
        text_(made, text)
        span_(made, span)
        return made

    return quote


def _relation_maker() -> Callable[..., Relation]:
    """``Relation(kind, members, target, id=..., span=..., member_spans=..., target_span=...,
    note=..., outweighed=...)``."""
    new = object.__new__
    kind_, members_, target_, id_, note_, outweighed_, span_, member_spans_, target_span_ = _setters(
        Relation, ("kind", "members", "target", "id", "note", "outweighed", "span", "_member_spans", "_target_span")
    )

    def relation(
        kind: RelationKind,
        members: tuple[str, ...],
        target: str,
        id: str | None,
        span: Span,
        member_spans: tuple[Span, ...] | None,
        target_span: Span | None,
        note: str | None = None,
        outweighed: bool = False,
    ) -> Relation:
        made: Relation = new(Relation)
        kind_(made, kind)
        members_(made, members)
        target_(made, target)
        id_(made, id)
        note_(made, note)
        outweighed_(made, outweighed)
        span_(made, span)
        member_spans_(made, member_spans)
        target_span_(made, target_span)
        return made

    return relation


def _node_maker() -> Callable[..., Node]:
    """``Node(kind, id, text, span=..., by=..., quotes=..., tags=..., note=..., implicit=...,
    step=..., by_span=...)``."""
    new = object.__new__
    kind_, id_, text_, by_, quotes_, tags_, note_, implicit_, step_, span_, by_span_ = _setters(
        Node, ("kind", "id", "text", "by", "quotes", "tags", "note", "implicit", "step", "span", "by_span")
    )

    def node(
        kind: NodeKind,
        id: str,
        text: str,
        span: Span,
        by: str | None = None,
        quotes: tuple[Quote, ...] = (),
        tags: tuple[str, ...] = (),
        note: str | None = None,
        implicit: bool = False,
        step: int | None = None,
        by_span: Span = NO_SPAN,
    ) -> Node:
        made: Node = new(Node)
        kind_(made, kind)
        id_(made, id)
        text_(made, text)
        by_(made, by)
        quotes_(made, quotes)
        tags_(made, tags)
        note_(made, note)
        implicit_(made, implicit)
        step_(made, step)
        span_(made, span)
        by_span_(made, by_span)
        return made

    return node


_Span = _span_maker()
_Relation = _relation_maker()
_Node = _node_maker()
_Quote = _quote_maker()


class _DeclineError(Exception):
    """The text needs Lark: it has something to report, or a form this path does not take."""


@attrs.frozen
class FastResult:
    """A map parsed by the fast path, with the file's comments."""

    map: Map
    comments: tuple[Comment, ...]


class _Positions:
    """Offsets to 1-based lines and columns.

    Statements are read front to back, so the line of each offset is found by counting the
    newlines between it and the line last looked up (``str.count``, in C), not by a search."""

    def __init__(self, text: str, filename: str) -> None:
        self.text = text
        self.filename = filename
        # The line last looked up, [start, stop): most spans of a statement lie on one line.
        first = text.find("\n")
        self.line, self.start, self.stop = 1, 0, (first + 1 if first >= 0 else 1 << 62)

    def line_column(self, offset: int) -> tuple[int, int]:
        if not self.start <= offset < self.stop:
            text = self.text
            if offset >= self.stop:
                self.line += text.count("\n", self.start, offset)
            else:  # a little behind (a statement's start after its attributes): count back
                self.line -= text.count("\n", offset, self.start)
            self.start = text.rfind("\n", 0, offset) + 1
            end = text.find("\n", offset)
            self.stop = end + 1 if end >= 0 else 1 << 62
        return self.line, offset - self.start + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.line_column(start)
        if end <= self.stop:  # ends on the same line
            return _Span(self.filename, line, column, line, end - self.start + 1)
        end_line, end_column = self.line_column(end - 1)
        return _Span(self.filename, line, column, end_line, end_column + 1)


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
    import datetime  # imported on the first date, not with the parser (start-up of every command)

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

    def attributes(self, start: int, statement: str) -> tuple[dict[str, Any], int]:
        """The model fields the attributes after ``start`` give (per the language table), and
        where they end."""
        allowed = _ALLOWED[statement]
        fields: dict[str, Any] = {}
        end = start
        while True:
            m = _ATTRIBUTE.match(self.text, end)
            if m is None:
                return fields, end
            keyword = m.lastgroup[2:]  # type: ignore[index]
            attribute = allowed.get(keyword)
            if attribute is None:
                return fields, end  # not this statement's attribute: Lark decides what it is
            name = attribute.name
            if name in fields and not attribute.repeatable:
                raise _DeclineError  # given twice: a diagnostic
            value = m.group("v_" + keyword)
            kind = attribute.value
            if kind == "quote":
                quote = _Quote(
                    _ident(value),
                    _string(m.group("t_" + keyword)),
                    self.pos.span(m.start("a_" + keyword), m.end()),
                )
                fields[name] = (*fields.get(name, ()), quote)
            elif kind == "ids":
                fields[name] = (*fields.get(name, ()), *(_ident(t) for t in _SPLIT_TAGS.split(value)))
            elif kind == "id":
                fields[name] = _ident(value)
                # An id attribute's position is kept beside it (``Node.by_span``).
                fields[name + "_span"] = self.pos.span(m.start("v_" + keyword), m.end("v_" + keyword))
            elif kind == "string":
                fields[name] = _string(value)
            elif kind == "date":
                fields[name] = _date(value)
            elif kind == "int":
                fields[name] = int(value)
            else:
                fields[name] = True
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
        fields, end = self.attributes(m.end(), "node")
        self.nodes.append(
            _Node(
                _NODE_KINDS[m.group("kind")],
                _ident(m.group("id")),
                _string(m.group("text")),
                self.pos.span(m.start(), end),
                **fields,
            )
        )
        return end

    def node_run(self, position: int) -> int:
        """The nodes in canonical layout (``_NODE_BLOCK``) from ``position`` on, one after the
        other; returns where the last one read ends: ``position`` when the first is not canonical
        (``statement`` then reads it the general way, as it reads any node the run stops at)."""
        text, filename, nodes, keywords = self.text, self.filename, self.nodes, KEYWORDS
        line, column = self.pos.line_column(position)
        line_start = self.pos.start
        done = position
        while True:
            m = _NODE_BLOCK.match(text, position)
            if m is None:
                return done
            by: str | None = None
            by_span = NO_SPAN
            note: str | None = None
            implicit = False
            step: int | None = None
            quotes: list[Quote] = []
            tags: list[str] = []
            at, stop = m.end("text") + 1, m.end()
            end, end_line, end_column = at - 1, line, at - line_start
            while at < stop:
                a = _NODE_ATTRIBUTE.match(text, at)
                if a is None:
                    return done
                end_line += 1
                end = a.end() - 1
                end_column = end - at + 1
                kind = a.lastgroup
                # Ids and one-line strings are checked and read here, not by ``_ident`` and
                # ``_string``: a call each, for most of the values of a large map, costs more.
                if kind == "quote":
                    source, quoted = a.group("source", "quoted")
                    if source in keywords:
                        raise _DeclineError
                    quoted = quoted[1:-1] if "\\" not in quoted else _string(quoted)
                    quotes.append(_Quote(source, quoted, _Span(filename, end_line, 3, end_line, end_column)))
                elif kind == "by":
                    if by is not None:
                        return done  # given twice: a diagnostic
                    by = a.group("person")
                    if by in keywords:
                        raise _DeclineError
                    by_span = _Span(filename, end_line, 6, end_line, end_column)
                elif kind == "tags":
                    tags += map(_ident, a.group("names").split(", "))
                elif kind == "note":
                    if note is not None:
                        return done
                    note = _string(a.group("said"))
                elif kind == "implicit":
                    if implicit:
                        return done
                    implicit = True
                else:
                    if step is not None:
                        return done
                    step = int(a.group("number"))
                at = a.end()
            if stop < len(text) and text[stop] in " \t\f\n" and _ATTRIBUTE.match(text, end):
                return done  # more attributes after a blank line, or a last line with no newline
            kind, node_id, node_text = m.group("kind", "id", "text")
            if node_id in keywords:
                raise _DeclineError
            nodes.append(
                _Node(
                    _NODE_KINDS[kind],
                    node_id,
                    node_text[1:-1] if "\\" not in node_text else _string(node_text),
                    _Span(filename, line, column, end_line, end_column),
                    by,
                    tuple(quotes),
                    tuple(tags),
                    note,
                    implicit,
                    step,
                    by_span,
                )
            )
            done, position = end, stop
            line, column, line_start = end_line + 1, 1, stop

    def relation(self, m: re.Match[str]) -> int:
        fields, end = self.attributes(m.end(), "relation")
        kind = _RELATION_KINDS[m.group("rel")]
        if kind is RelationKind.SUPPORTS and fields.get("outweighed"):
            raise _DeclineError  # `outweighed` on a support: a diagnostic
        pos = self.pos
        start = m.start()
        line, _ = pos.line_column(start)
        line_start, filename = pos.start, self.filename
        one_line = end <= pos.stop  # the usual case: columns by subtraction, no look-up

        def span(a: int, b: int) -> Span:
            if one_line:
                return _Span(filename, line, a - line_start + 1, line, b - line_start + 1)
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
            _Relation(
                kind,
                tuple(members),
                _ident(m.group("target")),
                _ident(label) if label else None,
                whole,
                tuple(member_spans),
                span(m.start("target"), m.end("target")),
                **fields,
            )
        )
        return end

    def relation_run(self, start: int, stop: int) -> int:
        """The relations of a run of canonical relation lines in ``[start, stop)``; returns
        where the run's relations end. The last line is left to ``statement`` when indented
        attributes follow it."""
        text = self.text
        if stop < len(text) and text[stop] in " \t\f":
            stop = text.rfind("\n", start, stop - 1) + 1  # the last line has attributes
            if stop <= start:
                return start
        filename = self.filename
        line, _ = self.pos.line_column(start)
        line_start = self.pos.start  # the first line may be indented; the others start the line
        kinds = _RELATION_KINDS
        append, make = self.relations.append, _Relation
        for m in _RELATION_LINES.finditer(text, start, stop):
            label, members_text, rel, target = m.group("label", "members", "rel", "target")
            if "+" not in members_text:
                members: tuple[str, ...] = (_ident(members_text),)
            else:
                members = tuple(map(_ident, members_text.split(" + ")))
            end = m.end()
            # The members' and the target's spans follow from this one in canonical layout:
            # ``None`` asks ``Relation`` to work them out when they are read (rarely: diagnostics).
            append(
                make(
                    kinds[rel],
                    members,
                    _ident(target),
                    _ident(label) if label else None,
                    _Span(filename, line, m.start() - line_start + 1, line, end - line_start),
                    None,
                    None,
                )
            )
            line += 1
            line_start = end
        return stop - 1  # before the last newline, as ``statement`` would end

    def contradiction(self, m: re.Match[str]) -> int:
        fields, end = self.attributes(m.end(), "contradiction")
        self.relations.append(
            _Relation(
                RelationKind.CONTRADICTS,
                (_ident(m.group("left")),),
                _ident(m.group("right")),
                None,
                self.pos.span(m.start(), end),
                (self.pos.span(m.start("left"), m.end("left")),),
                self.pos.span(m.start("right"), m.end("right")),
                **fields,
            )
        )
        return end

    def source(self, m: re.Match[str]) -> int:
        fields, end = self.attributes(m.end(), "source")
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
        fields, end = self.attributes(m.end(), "person")
        self.persons.append(
            Person(_ident(m.group("person")), _string(m.group("name")), span=self.pos.span(m.start(), end), **fields)
        )
        return end

    def run(self) -> Map:
        text = self.text
        position = self.gap(0)
        while position < len(text):
            end = self.node_run(position)
            if end > position:
                position = self.gap(end)
                continue
            run = _RELATION_RUN.match(text, position)
            if run is not None:
                end = self.relation_run(position, run.end())
                if end > position:
                    position = self.gap(end)
                    continue
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
