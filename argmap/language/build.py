"""Parse tree to typed map, for one file. Names are resolved later, over the merged map."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from lark import Token, Tree

from argmap.language.table import KEYWORDS
from argmap.model import NO_SPAN, Include, Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source, Span
from argmap.model.diagnostics import Diagnostic, make

__all__ = ["build_map", "decode_string", "token_span"]

_Item = Tree[Token] | Token


def token_span(token: Token, filename: str) -> Span:
    """The span of one token."""
    line = token.line or 1
    column = token.column or 1
    return Span(filename, line, column, token.end_line or line, token.end_column or column)


def first_token(tree: Tree[Token]) -> Token | None:
    """The first token of a subtree (every token is kept, keywords included)."""
    for child in tree.children:
        if isinstance(child, Token):
            return child
        found = first_token(child)
        if found is not None:
            return found
    return None


def last_token(tree: Tree[Token]) -> Token | None:
    """The last token of a subtree."""
    for child in reversed(tree.children):
        if isinstance(child, Token):
            return child
        found = last_token(child)
        if found is not None:
            return found
    return None


def _tree_span(tree: Tree[Token], filename: str) -> Span:
    """From the start of a subtree's first token to the end of its last."""
    first, last = first_token(tree), last_token(tree)
    if first is None or last is None:
        return Span(filename, 1, 1, 1, 1)
    line = first.line or 1
    return Span(filename, line, first.column or 1, last.end_line or line, last.end_column or 1)


def _values(items: list[_Item]) -> list[Token]:
    """The value tokens among a rule's children: keywords and punctuation left out."""
    return [t for t in items if isinstance(t, Token) and t.type in _VALUE_TYPES]


# Every token is kept in the tree (for spans); these are the ones that carry a value.
_VALUE_TYPES = frozenset({"ID", "STRING", "DATE", "INT", "NODE_KIND", "RELATION_KIND"})

# Attributes that may be given more than once: each quote is kept, tags are concatenated.
_REPEATABLE = frozenset({"quote", "tags"})


def decode_string(token: Token, filename: str) -> tuple[str, list[Diagnostic]]:
    """The value of a STRING token: quotes removed, ``\\"`` and ``\\\\`` unescaped."""
    raw = str(token)
    quotes = 3 if raw.startswith('"""') and len(raw) >= 6 else 1
    body = raw[quotes:-quotes]
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
                            _escape_span(token, filename, quotes + i),
                            hints=['only `\\"` and `\\\\` are escapes; write `\\\\` for a backslash'],
                        )
                    )
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out), problems


def _escape_span(token: Token, filename: str, offset: int) -> Span:
    """The two characters of an escape at ``offset`` in the token's text."""
    raw = str(token)
    before = raw[:offset]
    line = (token.line or 1) + before.count("\n")
    newline = before.rfind("\n")
    column = offset - newline if newline >= 0 else (token.column or 1) + offset
    return Span(filename, line, column, line, column + 2)


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

    def attributes(self, items: list[_Item], owner: str) -> Iterator[tuple[str, Tree[Token]]]:
        """The attribute subtrees, reporting a second use of one that can be given only once."""
        seen: set[str] = set()
        for item in items:
            if not isinstance(item, Tree):
                continue
            name = str(item.data)
            if name in seen and name not in _REPEATABLE:
                self.diagnostics.append(
                    make(
                        "bad-value",
                        f"`{name}` is given twice for `{owner}`",
                        _tree_span(item, self.filename),
                        hints=[f"keep one `{name}`; only `quote` and `tags` may be repeated"],
                    )
                )
            seen.add(name)
            yield name, item

    def integer(self, token: Token) -> int | None:
        try:
            return int(str(token))
        except ValueError:  # more digits than Python converts
            self.diagnostics.append(
                make(
                    "bad-value",
                    "this number is too long",
                    token_span(token, self.filename),
                    hints=["write a whole number of a few digits"],
                )
            )
            return None

    def source(self, tree: Tree[Token]) -> Source:
        _, id_token, title_token, *rest = tree.children
        assert isinstance(id_token, Token) and isinstance(title_token, Token)
        fields: dict[str, str] = {}
        for name, attr in self.attributes(rest, str(id_token)):
            token = _values(attr.children)[0]
            fields[name] = self.date(token) if name == "date" else self.string(token)
        return Source(
            id=self.ident(id_token),
            title=self.string(title_token),
            span=_tree_span(tree, self.filename),
            **fields,
        )

    def person(self, tree: Tree[Token]) -> Person:
        _, id_token, name_token, *rest = tree.children
        assert isinstance(id_token, Token) and isinstance(name_token, Token)
        role = None
        for _, attr in self.attributes(rest, str(id_token)):
            token = _values(attr.children)[0]
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
        by_span = NO_SPAN
        for name, attr in self.attributes(rest, str(id_token)):
            tokens = _values(attr.children)
            if name == "by":
                by = self.ident(tokens[0])
                by_span = token_span(tokens[0], self.filename)
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
                step = self.integer(tokens[0])
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
            by_span=by_span,
        )

    def relation(self, tree: Tree[Token]) -> Relation:
        label: str | None = None
        ids: list[Token] = []
        kind: RelationKind | None = None
        note: str | None = None
        outweighed = False
        attributes: list[_Item] = []
        for child in tree.children:
            if isinstance(child, Token):
                if child.type == "RELATION_KIND":
                    kind = RelationKind(str(child))
                elif child.type == "ID":
                    ids.append(child)
            elif str(child.data) == "label":
                label = self.ident(_values(child.children)[0])
            else:
                attributes.append(child)
        assert kind is not None and len(ids) >= 2
        *members, target = ids
        owner = label or f"{' + '.join(map(str, members))} {kind.value} {target}"
        for name, attr in self.attributes(attributes, owner):
            if name == "note":
                note = self.string(_values(attr.children)[0])
            elif name == "outweighed":
                outweighed = True
                if kind is RelationKind.SUPPORTS:
                    self.diagnostics.append(
                        make(
                            "bad-value",
                            "`outweighed` applies only to `attacks` and `undercuts`",
                            _tree_span(attr, self.filename),
                            hints=["an outweighed objection is drawn but does not defeat its target; remove it here"],
                        )
                    )
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
        left, _, right, *rest = tree.children
        assert isinstance(left, Token) and isinstance(right, Token)
        note = None
        for _, attr in self.attributes(rest, f"{left} contradicts {right}"):
            note = self.string(_values(attr.children)[0])
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
        kind = str(statement.data)  # a plain str: Lark's Token compares in Python, slowly
        if kind == "node":
            nodes.append(builder.node(statement))
        elif kind == "relation":
            relations.append(builder.relation(statement))
        elif kind == "title":
            token = _values(statement.children)[0]
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
            token = _values(statement.children)[0]
            includes.append(Include(builder.string(token), span=_tree_span(statement, filename)))
        elif kind == "source":
            sources.append(builder.source(statement))
        elif kind == "person":
            persons.append(builder.person(statement))
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
