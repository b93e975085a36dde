"""Canonical ``.arg`` text for a map: ``dumps``, and ``encode_string`` for one string.

The layout is the one ``argmap fmt`` applies to files (``formatting``): a statement's header on
its own line, each attribute on its own line indented by two spaces, relations on one line.
This module needs no parser, so printing a map does not import Lark.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmap.model import Map, Node, Relation

__all__ = ["INDENT", "dumps", "encode_string"]

INDENT = "  "


def encode_string(value: str) -> str:
    """The canonical literal for a string value (triple-quoted when it spans lines).

    The language has no carriage return (files are read with ``\\r\\n`` and ``\\r`` as line
    ends), so one in ``value`` is written as a line break.
    """
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
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
