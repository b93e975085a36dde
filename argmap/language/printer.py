"""Canonical ``.arg`` text for a map: ``dumps``, and ``encode_string`` for one string.

The layout is the one ``argmap fmt`` applies to files (``formatting``): a statement's header on
its own line, each attribute on its own line indented by two spaces, relations on one line.
This module needs no parser, so printing a map does not import Lark.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from argmap.language.table import ATTRIBUTES, Attribute
from argmap.model import Map, Relation, RelationKind

__all__ = ["INDENT", "dumps", "encode_string", "members_text", "relation_text"]

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


def _attribute_texts(element: object, attributes: tuple[Attribute, ...]) -> Iterator[str]:
    """Each attribute of ``element`` that is set, as written after its header (table order)."""
    for attribute in attributes:
        value = getattr(element, attribute.name)
        if value is None or value is False or value == ():
            continue
        kind = attribute.value
        if kind == "quote":
            for quote in value:
                yield _attr(attribute.keyword, quote.source, encode_string(quote.text))
        elif kind == "flag":
            yield attribute.keyword
        elif kind == "ids":
            yield _attr(attribute.keyword, ", ".join(value))
        elif kind == "string":
            yield _attr(attribute.keyword, encode_string(value))
        else:  # id, date, int: written as they are
            yield _attr(attribute.keyword, str(value))


def members_text(members: Sequence[str], *, shorten: bool = False) -> str:
    """A linked group as written, ``P1 + P2``; with ``shorten``, a group of more than six is
    written ``P1 + P2 + P3 + ... + P9 (9 members)`` so that a message stays one line."""
    if shorten and len(members) > 6:
        return f"{' + '.join(members[:3])} + ... + {members[-1]} ({len(members)} members)"
    return " + ".join(members)


def relation_text(rel: Relation, *, label: bool = True, attributes: bool = True, shorten: bool = False) -> str:
    """A relation as the user writes it, on one line: ``S1: P1 + P2 supports C1 note "..."``.

    Every place that shows a relation to a user writes it with this: without its ``label``,
    without its ``attributes`` (note, outweighed), or with a long group ``shorten``ed.
    """
    parts = [f"{rel.id}:"] if label and rel.id is not None else []
    parts += [members_text(rel.members, shorten=shorten), rel.kind.value, rel.target]
    if attributes:
        statement = "contradiction" if rel.kind is RelationKind.CONTRADICTS else "relation"
        parts += _attribute_texts(rel, ATTRIBUTES[statement])
    return " ".join(parts)


def _block(header: str, element: object, statement: str) -> list[str]:
    return [header, *(INDENT + line for line in _attribute_texts(element, ATTRIBUTES[statement]))]


def dumps(m: Map) -> str:
    """Canonical ``.arg`` text for a map: ``loads(dumps(m)) == m`` for every valid map."""
    blocks: list[list[str]] = []
    head: list[str] = []
    if m.title is not None:
        head.append(_attr("title", encode_string(m.title)))
    head += [_attr("include", encode_string(inc.path)) for inc in m.includes]
    blocks.append(head)
    for source in m.sources:
        blocks.append(_block(f"source {source.id} {encode_string(source.title)}", source, "source"))
    blocks.append(
        [
            line
            for person in m.persons
            for line in _block(f"person {person.id} {encode_string(person.name)}", person, "person")
        ]
    )
    blocks += [_block(f"{node.kind.value} {node.id} {encode_string(node.text)}", node, "node") for node in m.nodes]
    blocks.append([relation_text(rel) for rel in m.relations])
    text = "\n\n".join("\n".join(block) for block in blocks if block)
    return text + "\n" if text else ""
