"""Canonical ``.arg`` text: ``dumps`` prints a map; ``format_text`` re-lays-out a file.

Both share one layout: a statement's header on its own line, each attribute on its own line
indented by two spaces, relations on one line. ``format_text`` works on the parse tree, so it
keeps the author's order of statements and attributes and every comment; it never changes
meaning, and ``argmap fmt`` proves that by re-parsing before it writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import attrs
from lark import Token, Tree

from argmap.build import decode_string
from argmap.model import Map, Node, Relation
from argmap.syntax import Comment

__all__ = ["dumps", "encode_string", "format_tree"]

INDENT = "  "


def encode_string(value: str) -> str:
    """The canonical literal for a string value (triple-quoted when it spans lines)."""
    escaped = value.replace("\\", "\\\\")
    if "\n" not in value:
        return '"' + escaped.replace('"', '\\"') + '"'
    # Inside """...""" a quote needs escaping only where it could start the closing run.
    out = []
    for i, char in enumerate(escaped):
        if char == '"' and (i + 1 == len(escaped) or escaped[i + 1] == '"'):
            out.append('\\"')
        else:
            out.append(char)
    return '"""' + "".join(out) + '"""'


def _attr(keyword: str, *values: str) -> str:
    return " ".join((keyword, *values))


def _relation_line(rel: Relation) -> str:
    parts = [f"{rel.id}:"] if rel.id is not None else []
    parts.append(" + ".join(rel.members))
    parts += [rel.kind.value, rel.target]
    if rel.outweighed:
        parts.append("outweighed")
    if rel.note is not None:
        parts += ["note", encode_string(rel.note)]
    return " ".join(parts)


def _node_lines(node: Node) -> Iterator[str]:
    yield f"{node.kind.value} {node.id} {encode_string(node.text)}"
    if node.by is not None:
        yield INDENT + _attr("by", node.by)
    for quote in node.quotes:
        yield INDENT + _attr("quote", quote.source, encode_string(quote.text))
    if node.tags:
        yield INDENT + _attr("tags", ", ".join(node.tags))
    if node.note is not None:
        yield INDENT + _attr("note", encode_string(node.note))
    if node.implicit:
        yield INDENT + "implicit"
    if node.step is not None:
        yield INDENT + _attr("step", str(node.step))


def dumps(m: Map) -> str:
    """Canonical ``.arg`` text for a map: ``loads(dumps(m)) == m`` for every valid map."""
    blocks: list[list[str]] = []
    head: list[str] = []
    if m.title is not None:
        head.append(_attr("title", encode_string(m.title)))
    head += [_attr("include", encode_string(inc.path)) for inc in m.includes]
    blocks.append(head)
    for source in m.sources:
        lines = [f"source {source.id} {encode_string(source.title)}"]
        for keyword in ("outlet", "date", "url", "file", "author"):
            value = getattr(source, keyword)
            if value is not None:
                shown = value if keyword == "date" else encode_string(value)
                lines.append(INDENT + _attr(keyword, shown))
        blocks.append(lines)
    person_lines = []
    for person in m.persons:
        person_lines.append(f"person {person.id} {encode_string(person.name)}")
        if person.role is not None:
            person_lines.append(INDENT + _attr("role", encode_string(person.role)))
    blocks.append(person_lines)
    blocks += [list(_node_lines(node)) for node in m.nodes]
    blocks.append([_relation_line(rel) for rel in m.relations])
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    return text + "\n" if text else ""


# -- formatting a parsed file, comments kept ---------------------------------------------------


@attrs.frozen
class _Line:
    text: str
    indented: bool
    first: int  # the source lines its tokens came from
    last: int


def _token_text(token: Token, filename: str) -> str:
    if token.type == "STRING":
        return encode_string(decode_string(token, filename)[0])
    return str(token)


def _tokens(tree: Tree[Token]) -> list[Token]:
    return list(tree.scan_values(lambda v: isinstance(v, Token)))


def _line(tokens: Sequence[Token], text: str, indented: bool) -> _Line:
    first = tokens[0].line or 0
    last = max(t.end_line or 0 for t in tokens)
    return _Line(text, indented, first, last)


def _words(tokens: Sequence[Token], filename: str) -> str:
    """Tokens separated by one space, except `,` and `:` which hug the word before them."""
    out = ""
    for token in tokens:
        word = _token_text(token, filename)
        out += word if not out or token.type in ("COMMA", "COLON") else " " + word
    return out


def _statement_lines(statement: Tree[Token], filename: str) -> list[_Line]:
    kind = str(statement.data)
    if kind in ("relation", "contradiction"):
        tokens = _tokens(statement)  # a relation is one line, whatever its attributes
        return [_line(tokens, _words(tokens, filename), False)]
    header = [c for c in statement.children if isinstance(c, Token)]
    attributes = [c for c in statement.children if isinstance(c, Tree)]
    lines = [_line(header, _words(header, filename), False)]
    for attr in attributes:
        tokens = _tokens(attr)
        lines.append(_line(tokens, INDENT + _words(tokens, filename), True))
    return lines


def format_tree(tree: Tree[Token], comments: Sequence[Comment], filename: str) -> str:
    """Canonical layout of one parsed file, in the author's order, with every comment kept."""
    statements = [[*_statement_lines(s, filename)] for s in tree.children if isinstance(s, Tree)]
    lines = [line for block in statements for line in block]
    starts = {id(block[0]) for block in statements}
    trailing: dict[int, list[Comment]] = {}
    leading: dict[int, list[Comment]] = {}
    at_end: list[Comment] = []
    for comment in comments:
        owner = _trailing_owner(lines, comment.line)
        if owner is not None:
            trailing.setdefault(owner, []).append(comment)
            continue
        index = next((i for i, line in enumerate(lines) if line.last >= comment.line), None)
        if index is None:
            at_end.append(comment)
        else:
            leading.setdefault(index, []).append(comment)
    out: list[str] = []
    previous_end = 0

    def emit(text: str, first: int, last: int, top_level: bool) -> None:
        nonlocal previous_end
        if out and top_level and first > previous_end + 1:
            out.append("")
        out.append(text)
        previous_end = max(previous_end, last)

    for i, line in enumerate(lines):
        top = id(line) in starts
        for comment in leading.get(i, []):
            prefix = INDENT if line.indented else ""
            # A comment from inside a multi-line relation comes first: the blank line before it
            # depends on where the statement starts, not on where the comment stood.
            emit(prefix + comment.text, min(comment.line, line.first), comment.line, top)
            top = False if line.indented else top
        text = line.text
        for comment in trailing.get(i, []):
            text += "  " + comment.text
        emit(text, line.first, line.last, top or (not line.indented and id(line) in starts))
    for comment in at_end:
        emit(comment.text, comment.line, comment.line, True)
    return "\n".join(out) + "\n" if out else ""


def _trailing_owner(lines: Iterable[_Line], comment_line: int) -> int | None:
    owner = None
    for i, line in enumerate(lines):
        if line.last == comment_line:
            owner = i
    return owner
