"""argmap JSON: the whole map as JSON, lossless, versioned (schema: docs/argmap.schema.json).

``from_json(to_json(m)) == m`` for every map. Spans are written only when asked for
(``spans=True``) and read back when present; they take no part in map equality.
"""

from __future__ import annotations

import json
import re
from typing import Any

from argmap.formats.errors import Imported, brief
from argmap.formats.ids import is_valid_id
from argmap.formats.jsonread import Value, parse_json, safe_json_text
from argmap.model import (
    NO_SPAN,
    Include,
    Map,
    Node,
    NodeKind,
    Person,
    Quote,
    Relation,
    RelationKind,
    Source,
    Span,
)

__all__ = ["FORMAT_NAME", "SCHEMA_VERSION", "from_json", "from_json_result", "to_json", "to_json_data"]

#: The value of the top-level ``format`` key.
FORMAT_NAME = "argmap"
#: The schema version this module writes and reads; bumped on any incompatible change.
SCHEMA_VERSION = 1

_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\Z")


def _span_data(span: Span) -> dict[str, Any]:
    return {
        "file": span.file,
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
    }


def _put(out: dict[str, Any], key: str, value: object) -> None:
    if value is not None:
        out[key] = value


def to_json_data(m: Map, *, spans: bool = False) -> dict[str, Any]:
    """The map as plain JSON-ready data (the documented schema, version ``SCHEMA_VERSION``)."""

    def with_span(out: dict[str, Any], span: Span) -> dict[str, Any]:
        if spans and span != NO_SPAN:
            out["span"] = _span_data(span)
        return out

    data: dict[str, Any] = {"format": FORMAT_NAME, "version": SCHEMA_VERSION}
    _put(data, "title", m.title)
    if m.includes:
        data["includes"] = [inc.path for inc in m.includes]
    sources = []
    for s in m.sources:
        item: dict[str, Any] = {"id": s.id, "title": s.title}
        for key in ("outlet", "date", "url", "file", "author"):
            _put(item, key, getattr(s, key))
        sources.append(with_span(item, s.span))
    data["sources"] = sources
    persons = []
    for p in m.persons:
        item = {"id": p.id, "name": p.name}
        _put(item, "role", p.role)
        persons.append(with_span(item, p.span))
    data["persons"] = persons
    nodes = []
    for n in m.nodes:
        item = {"kind": n.kind.value, "id": n.id, "text": n.text}
        _put(item, "by", n.by)
        if n.quotes:
            item["quotes"] = [with_span({"source": q.source, "text": q.text}, q.span) for q in n.quotes]
        if n.tags:
            item["tags"] = list(n.tags)
        _put(item, "note", n.note)
        if n.implicit:
            item["implicit"] = True
        _put(item, "step", n.step)
        nodes.append(with_span(item, n.span))
    data["nodes"] = nodes
    relations = []
    for r in m.relations:
        item = {"kind": r.kind.value, "members": list(r.members), "target": r.target}
        _put(item, "id", r.id)
        _put(item, "note", r.note)
        if r.outweighed:
            item["outweighed"] = True
        relations.append(with_span(item, r.span))
    data["relations"] = relations
    return data


def to_json(m: Map, *, spans: bool = False) -> str:
    """The map as argmap JSON text (two-space indent, keys in schema order, UTF-8 kept)."""
    return safe_json_text(json.dumps(to_json_data(m, spans=spans), indent=2, ensure_ascii=False)) + "\n"


# -- reading -----------------------------------------------------------------------------------


def _id(value: Value) -> str:
    text = value.string()
    if not is_valid_id(text):
        raise value.error(
            f"`{brief(text)}` is not a valid id",
            hint="an id starts with a letter or `_`, then letters, digits, `_` or `-`, and is not a keyword",
        )
    return text


def _opt_text(obj: Value, key: str) -> str | None:
    return obj.opt_str(key)


def _span(obj: Value) -> Span:
    found = obj.opt("span")
    if found is None:
        return NO_SPAN
    return Span(
        found.get("file").string(),
        found.get("line").integer(),
        found.get("column").integer(),
        found.get("end_line").integer(),
        found.get("end_column").integer(),
    )


def _enum_value(value: Value, choices: dict[str, Any], what: str) -> Any:
    text = value.string()
    if text not in choices:
        raise value.error(
            f"unknown {what} `{brief(text)}`", hint="expected one of " + ", ".join(f"`{c}`" for c in choices)
        )
    return choices[text]


_NODE_KINDS = {k.value: k for k in NodeKind}
_RELATION_KINDS = {k.value: k for k in RelationKind}


def _source(obj: Value) -> Source:
    obj.obj()
    date = obj.opt("date")
    if date is not None and not _DATE.match(date.string()):
        raise date.error(f"`{brief(date.string())}` is not a date", hint="write YYYY, YYYY-MM or YYYY-MM-DD")
    return Source(
        _id(obj.get("id")),
        obj.get("title").string(),
        outlet=_opt_text(obj, "outlet"),
        date=None if date is None else date.string(),
        url=_opt_text(obj, "url"),
        file=_opt_text(obj, "file"),
        author=_opt_text(obj, "author"),
        span=_span(obj),
    )


def _node(obj: Value) -> Node:
    obj.obj()
    quotes = []
    found = obj.opt("quotes")
    for q in found.items() if found is not None else ():
        quotes.append(Quote(_id(q.get("source")), q.get("text").string(), span=_span(q)))
    tags = obj.opt("tags")
    implicit = obj.opt("implicit")
    step = obj.opt("step")
    if step is not None and step.integer() < 0:
        raise step.error("a step cannot be negative")
    by = obj.opt("by")
    return Node(
        _enum_value(obj.get("kind"), _NODE_KINDS, "node kind"),
        _id(obj.get("id")),
        obj.get("text").string(),
        by=None if by is None else _id(by),
        quotes=tuple(quotes),
        tags=tuple(_id(t) for t in tags.items()) if tags is not None else (),
        note=_opt_text(obj, "note"),
        implicit=False if implicit is None else implicit.boolean(),
        step=None if step is None else step.integer(),
        span=_span(obj),
    )


def _relation(obj: Value) -> Relation:
    obj.obj()
    kind_value = obj.get("kind")
    kind: RelationKind = _enum_value(kind_value, _RELATION_KINDS, "relation kind")
    members_value = obj.get("members")
    members = tuple(_id(m) for m in members_value.items())
    if not members:
        raise members_value.error("a relation needs at least one member")
    if kind is RelationKind.CONTRADICTS and len(members) != 1:
        raise members_value.error("a contradiction has exactly one member (and its target)")
    outweighed = obj.opt("outweighed")
    label = obj.opt("id")
    return Relation(
        kind,
        members,
        _id(obj.get("target")),
        id=None if label is None else _id(label),
        note=_opt_text(obj, "note"),
        outweighed=False if outweighed is None else outweighed.boolean(),
        span=_span(obj),
    )


def _check_references(m: Map, root: Value) -> None:
    """Every id declared once, every reference aimed at a declared thing of the right kind."""
    nodes = {n.id for n in m.nodes}
    relations = {r.id for r in m.relations if r.id is not None}
    persons = {p.id for p in m.persons}
    sources = {s.id for s in m.sources}
    declared: set[str] = set()
    for group in ("sources", "persons", "nodes", "relations"):
        for item in root.get(group).items():
            found = item.opt("id")
            if found is None:
                continue
            if found.raw in declared:
                raise found.error(
                    f"`{brief(found.raw)}` is declared twice", hint="ids are shared by every kind of element"
                )
            declared.add(found.raw)
    for n, item in zip(m.nodes, root.get("nodes").items(), strict=True):
        if n.by is not None and n.by not in persons:
            raise item.get("by").error(f"`{brief(n.by)}` is not a declared person")
        for q, quote in zip(n.quotes, item.get("quotes").items() if n.quotes else (), strict=True):
            if q.source not in sources:
                raise quote.get("source").error(f"`{brief(q.source)}` is not a declared source")
    for r, item in zip(m.relations, root.get("relations").items(), strict=True):
        for member, value in zip(r.members, item.get("members").items(), strict=True):
            if member not in nodes:
                raise value.error(f"`{brief(member)}` is not a declared node")
        wanted = relations if r.kind is RelationKind.UNDERCUTS else nodes
        if r.target not in wanted:
            what = "relation" if r.kind is RelationKind.UNDERCUTS else "node"
            raise item.get("target").error(f"`{brief(r.target)}` is not a declared {what}")


def from_json_result(text: str, filename: str = "<string>") -> Imported:
    """Read argmap JSON; ``FormatError`` naming the JSON path for anything malformed."""
    root = parse_json(text, filename).obj()
    fmt = root.opt("format")
    if fmt is None or fmt.raw != FORMAT_NAME:
        raise (fmt or root).error(
            f'not argmap JSON: expected "format": "{FORMAT_NAME}"',
            hint="name the input format with --from when it is AIF or Argdown JSON",
        )
    version = root.get("version")
    if version.integer() != SCHEMA_VERSION:
        raise version.error(
            f"argmap JSON version {brief(version.raw)} is not supported (this argmap reads version {SCHEMA_VERSION})",
            hint="convert the file with the argmap release that wrote it",
        )
    for key in ("sources", "persons", "nodes", "relations"):
        if root.raw.get(key) is None:
            root.raw[key] = []  # an omitted list is an empty one
    includes_value = root.opt("includes")
    title = root.opt_str("title")
    m = Map(
        title=title,
        sources=tuple(_source(s) for s in root.get("sources").items()),
        persons=tuple(
            Person(_id(p.get("id")), p.get("name").string(), p.opt_str("role"), span=_span(p))
            for p in (v.obj() for v in root.get("persons").items())
        ),
        nodes=tuple(_node(n) for n in root.get("nodes").items()),
        relations=tuple(_relation(r) for r in root.get("relations").items()),
        includes=tuple(Include(i.string()) for i in includes_value.items()) if includes_value is not None else (),
    )
    _check_references(m, root)
    return Imported(m)


def from_json(text: str, filename: str = "<string>") -> Map:
    """Read argmap JSON into a map; ``FormatError`` naming the JSON path for anything malformed."""
    return from_json_result(text, filename).map
