"""Parse tree to typed map, for one file. Names are resolved later, over the merged map."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from lark import Token, Tree

from argmap.diagnostics import Diagnostic, make
from argmap.model import Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span
from argmap.syntax import KEYWORDS

__all__ = ["build_map", "decode_string", "token_span"]

_Item = Tree[Token] | Token


def token_span(token: Token, filename: str) -> Span:
    """The span of one token."""
    line = token.line or 1
    column = token.column or 1
    return Span(filename, line, column, token.end_line or line, token.end_column or column)


def _tree_span(tree: Tree[Token], filename: str) -> Span:
    meta = tree.meta
    if meta.empty:
        return Span(filename, 1, 1, 1, 1)
    return Span(filename, meta.line, meta.column, meta.end_line, meta.end_column)


def decode_string(token: Token, filename: str) -> tuple[str, list[Diagnostic]]:
    """The value of a STRING token: quotes removed, ``\\"`` and ``\\\\`` unescaped."""
    raw = str(token)
    body = raw[3:-3] if raw.startswith('"""') and len(raw) >= 6 else raw[1:-1]
    if "\\" not in body:
        return body, []
    out: list[str] = []
    problems: list[Diagnostic] = []
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            if nxt in '"\\':
                out.append(nxt)
            else:
                out.append(char + nxt)
                if not problems:
                    problems.append(
                        make(
                            "bad-value",
                            f"unknown escape `\\{nxt}` in a string",
                            token_span(token, filename),
                            hints=['only `\\"` and `\\\\` are escapes; write `\\\\` for a backslash'],
                        )
                    )
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out), problems


class _Builder:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.diagnostics: list[Diagnostic] = []

    def ident(self, token: Token) -> str:
        value = str(token)
        if value in KEYWORDS:
            self.diagnostics.append(
                make(
                    "reserved-word",
                    f"`{value}` is a keyword and cannot be used as an id",
                    token_span(token, self.filename),
                    hints=[f"choose another name, for example `{value}1` or `{value}_`"],
                )
            )
        return value

    def string(self, token: Token) -> str:
        value, problems = decode_string(token, self.filename)
        self.diagnostics.extend(problems)
        return value

    def date(self, token: Token) -> str:
        value = str(token)
        parts = [int(p) for p in value.split("-")]
        try:
            datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        except ValueError:
            self.diagnostics.append(
                make(
                    "bad-value",
                    f"`{value}` is not a calendar date",
                    token_span(token, self.filename),
                    hints=["write YYYY, YYYY-MM or YYYY-MM-DD with a real month and day"],
                )
            )
        return value

    def attributes(self, items: list[_Item]) -> Iterator[tuple[str, Tree[Token]]]:
        for item in items:
            if isinstance(item, Tree):
                yield str(item.data), item

    def source(self, tree: Tree[Token]) -> Source:
        id_token, title_token, *rest = tree.children
        assert isinstance(id_token, Token) and isinstance(title_token, Token)
        fields: dict[str, str] = {}
        for name, attr in self.attributes(rest):
            token = attr.children[0]
            assert isinstance(token, Token)
            fields[name] = self.date(token) if name == "date" else self.string(token)
        return Source(
            id=self.ident(id_token),
            title=self.string(title_token),
            span=_tree_span(tree, self.filename),
            **fields,
        )

    def person(self, tree: Tree[Token]) -> Person:
        id_token, name_token, *rest = tree.children
        assert isinstance(id_token, Token) and isinstance(name_token, Token)
        role = None
        for _, attr in self.attributes(rest):
            token = attr.children[0]
            assert isinstance(token, Token)
            role = self.string(token)
        return Person(
            id=self.ident(id_token),
            name=self.string(name_token),
            role=role,
            span=_tree_span(tree, self.filename),
        )

    def node(self, tree: Tree[Token]) -> Node:
        kind_token, id_token, text_token, *rest = tree.children
        assert isinstance(kind_token, Token) and isinstance(id_token, Token)
        assert isinstance(text_token, Token)
        by: str | None = None
        quotes: list[Quote] = []
        tags: list[str] = []
        note: str | None = None
        implicit = False
        step: int | None = None
        for name, attr in self.attributes(rest):
            tokens = [t for t in attr.children if isinstance(t, Token)]
            if name == "by":
                by = self.ident(tokens[0])
            elif name == "quote":
                quotes.append(
                    Quote(
                        self.ident(tokens[0]),
                        self.string(tokens[1]),
                        span=_tree_span(attr, self.filename),
                    )
                )
            elif name == "tags":
                tags.extend(self.ident(t) for t in tokens)
            elif name == "note":
                note = self.string(tokens[0])
            elif name == "implicit":
                implicit = True
            elif name == "step":
                step = int(str(tokens[0]))
        return Node(
            kind=NodeKind(str(kind_token)),
            id=self.ident(id_token),
            text=self.string(text_token),
            by=by,
            quotes=tuple(quotes),
            tags=tuple(tags),
            note=note,
            implicit=implicit,
            step=step,
            span=_tree_span(tree, self.filename),
        )

    def relation(self, tree: Tree[Token]) -> Relation:
        label: str | None = None
        ids: list[Token] = []
        kind: RelationKind | None = None
        note: str | None = None
        outweighed = False
        for child in tree.children:
            if isinstance(child, Token):
                if child.type == "RELATION_KIND":
                    kind = RelationKind(str(child))
                else:
                    ids.append(child)
            elif child.data == "label":
                token = child.children[0]
                assert isinstance(token, Token)
                label = self.ident(token)
            elif child.data == "note":
                token = child.children[0]
                assert isinstance(token, Token)
                note = self.string(token)
            elif child.data == "outweighed":
                outweighed = True
        assert kind is not None and len(ids) >= 2
        *members, target = ids
        return Relation(
            kind=kind,
            members=tuple(self.ident(m) for m in members),
            target=self.ident(target),
            id=label,
            note=note,
            outweighed=outweighed,
            span=_tree_span(tree, self.filename),
            member_spans=tuple(token_span(m, self.filename) for m in members),
            target_span=token_span(target, self.filename),
        )

    def contradiction(self, tree: Tree[Token]) -> Relation:
        left, right, *rest = tree.children
        assert isinstance(left, Token) and isinstance(right, Token)
        note = None
        for _, attr in self.attributes(rest):
            token = attr.children[0]
            assert isinstance(token, Token)
            note = self.string(token)
        return Relation(
            kind=RelationKind.CONTRADICTS,
            members=(self.ident(left),),
            target=self.ident(right),
            note=note,
            span=_tree_span(tree, self.filename),
            member_spans=(token_span(left, self.filename),),
            target_span=token_span(right, self.filename),
        )


def build_map(tree: Tree[Token], filename: str) -> tuple[Map, tuple[Diagnostic, ...]]:
    """Turn the parse tree of one file into a map (includes kept, not resolved)."""
    builder = _Builder(filename)
    title: str | None = None
    title_span: Span | None = None
    sources: list[Source] = []
    persons: list[Person] = []
    nodes: list[Node] = []
    relations: list[Relation] = []
    includes: list[Include] = []
    for statement in tree.children:
        assert isinstance(statement, Tree)
        kind = statement.data
        if kind == "title":
            token = statement.children[0]
            assert isinstance(token, Token)
            if title is not None:
                builder.diagnostics.append(
                    make(
                        "duplicate-id",
                        "the map has a second title",
                        _tree_span(statement, filename),
                        hints=["keep one `title` statement"],
                    )
                )
            else:
                title = builder.string(token)
                title_span = _tree_span(statement, filename)
        elif kind == "include":
            token = statement.children[0]
            assert isinstance(token, Token)
            includes.append(Include(builder.string(token), span=_tree_span(statement, filename)))
        elif kind == "source":
            sources.append(builder.source(statement))
        elif kind == "person":
            persons.append(builder.person(statement))
        elif kind == "node":
            nodes.append(builder.node(statement))
        elif kind == "relation":
            relations.append(builder.relation(statement))
        elif kind == "contradiction":
            relations.append(builder.contradiction(statement))
    built = Map(
        title=title,
        sources=tuple(sources),
        persons=tuple(persons),
        nodes=tuple(nodes),
        relations=tuple(relations),
        includes=tuple(includes),
        files=(filename,),
        **({"title_span": title_span} if title_span else {}),
    )
    return built, tuple(builder.diagnostics)
