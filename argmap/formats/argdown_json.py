"""Argdown's JSON export (``argdown json``), read as a map: the current schema and the 2017 one.

Both schemas list ``statements`` and ``arguments`` by title and the ``relations`` between them.
The current one writes ``relationType`` (support, attack, undercut, contradictory, contrary)
and ``equivalence-class`` ends; the 2017 one writes ``type`` (entails, contrary,
contradictory, ...) and ``statement`` ends. Headings (``sections``) become tags. The mapping
to argmap is shared with the source importer (``argdown_model``).
"""

from __future__ import annotations

import re

import attrs

from argmap.formats.argdown_model import Document, Element, Inference, Link
from argmap.formats.errors import Imported, brief, loss
from argmap.formats.jsonread import Value, parse_json, path_text
from argmap.model import Map, Span

__all__ = ["from_argdown_json", "from_argdown_json_result", "looks_like_argdown_json"]

_RELATION_TYPES = {
    "support": "support",
    "entails": "support",
    "attack": "attack",
    "contrary": "attack",
    "undercut": "undercut",
    "contradictory": "contradictory",
}


# The title Argdown gives a statement written without one.
_GENERATED = re.compile(r"Untitled [0-9]+")


def looks_like_argdown_json(data: object) -> bool:
    """True for decoded JSON shaped like Argdown's export."""
    return isinstance(data, dict) and isinstance(data.get("statements"), dict) and "relations" in data


def _strip_tags(text: str, member: Value) -> str:
    """The text without its ``#tag`` ranges (Argdown keeps them in the text)."""
    ranges = member.opt("ranges")
    cuts = []
    for item in ranges.items() if ranges is not None else ():
        if item.obj().opt_str("type") == "tag":
            cuts.append((item.get("start").integer(), item.get("stop").integer()))
    pieces = []
    done = 0
    for start, stop in sorted(cuts):  # the kept pieces in one pass (cut by cut was quadratic)
        if done <= start <= stop < len(text) + 1:
            pieces.append(text[done:start])
            done = stop + 1
    pieces.append(text[done:])
    text = "".join(pieces)
    return " ".join(text.split())


def _sections(value: Value | None, out: dict[str, str]) -> None:
    for item in value.items() if value is not None else ():
        item.obj()
        section_id = item.opt("id")
        if section_id is not None:
            out[section_id.ident()] = item.opt_str("title") or ""
        _sections(item.opt("children"), out)


class _Where:
    """Spans of the JSON values that elements, steps and relations come from, and their JSON
    paths: a warning about one of them names the path (``arguments["A"].pcs[2]``) as well as
    the line and column (titles in the path cut short, as in messages)."""

    def __init__(self) -> None:
        self.paths: dict[tuple[int, int], str] = {}

    def span(self, value: Value) -> Span:
        span = value.span()
        if span.line:
            parts = tuple(part if isinstance(part, int) else brief(part, 40) for part in value.path)
            self.paths.setdefault((span.line, span.column), path_text(parts))
        return span

    def located(self, imported: Imported) -> Imported:
        warnings = tuple(
            attrs.evolve(w, message=f"{self.paths[(w.span.line, w.span.column)]}: {w.message}")
            if (w.span.line, w.span.column) in self.paths
            else w
            for w in imported.warnings
        )
        return attrs.evolve(imported, warnings=warnings)


def _fill(element: Element, value: Value, sections: dict[str, str], where: _Where) -> None:
    """Text, tags and data of an element from its members (the first defining text wins)."""
    value.obj()
    element.span = where.span(value)
    tags = value.opt("tags")
    for tag in tags.items() if tags is not None else ():
        element.tags.setdefault(tag.string())
    data = value.opt("data")
    if data is not None and isinstance(data.raw, dict):
        element.data.update(data.raw)
    members = value.opt("members")
    for member in members.items() if members is not None else ():
        member.obj()
        role = member.opt_str("role")
        if role not in (
            None,
            "top-level-statement",
            "argument-description",
            "premise",
            "main-conclusion",
            "intermediary-conclusion",
            "relation-statement",
        ):
            continue
        text = member.opt_str("text")
        if text and text.strip() and not element.text:
            element.text = _strip_tags(text, member)
        member_tags = member.opt("tags")
        for tag in member_tags.items() if member_tags is not None else ():
            element.tags.setdefault(tag.string())
        member_data = member.opt("data")
        if member_data is not None and isinstance(member_data.raw, dict):
            element.data.update(member_data.raw)
        section = member.opt("section")
        if section is not None and section.ident() in sections:
            heading = sections[section.ident()]
            if heading:
                element.tags.setdefault(heading)


def from_argdown_json_result(text: str, filename: str = "<string>") -> Imported:
    """Read Argdown JSON (either schema); ``FormatError`` naming the JSON path when malformed."""
    root = parse_json(text, filename).obj()
    doc = Document(files=(filename,))
    where = _Where()
    sections: dict[str, str] = {}
    _sections(root.opt("sections"), sections)
    statements = root.get("statements")
    for title, value in statements.members():
        statement = doc.statement(title, where.span(value))
        _fill(statement, value, sections, where)
        statement.untitled = bool(_GENERATED.fullmatch(title))
    arguments = root.opt("arguments")
    for title, value in arguments.members() if arguments is not None else ():
        argument = doc.argument(title, where.span(value))
        _fill(argument, value, sections, where)
        pcs = value.opt("pcs")
        premises: list[str] = []
        for item in pcs.items() if pcs is not None else ():
            item.obj()
            item_title = item.get("title").string()
            if item_title not in doc.statements:
                doc.statement(item_title, where.span(item))
            role = item.opt_str("role")
            if role in ("main-conclusion", "intermediary-conclusion"):
                argument.pcs.append(Inference(premises, item_title, where.span(item)))
                premises = [item_title]  # the next step builds on this conclusion
                rules = item.opt("inference")
                found_rules = rules.obj().opt("inferenceRules") if rules is not None else None
                if found_rules is not None and list(found_rules.items()):
                    doc.warnings.append(
                        loss(f"inference rules of <{brief(title)}> have no place in argmap", where.span(item))
                    )
            else:
                premises.append(item_title)
    relations = root.opt("relations")
    for item in relations.items() if relations is not None else ():
        item.obj()
        kind_value = item.opt("relationType") or item.get("type")
        kind = kind_value.string()
        ends = []
        for key in ("from", "to"):
            title = item.get(key).string()
            end_type = item.opt_str(f"{key}Type") or "statement"
            if end_type in ("argument",) or (
                end_type != "argument" and title not in doc.statements and title in doc.arguments
            ):
                ends.append(("argument", title))
            else:
                if title not in doc.statements:
                    raise item.get(key).error(
                        f"relation names `{brief(title)}`, which is not among the statements or arguments"
                    )
                ends.append(("statement", title))
        if kind not in _RELATION_TYPES:
            doc.warnings.append(
                loss(f"an Argdown `{brief(kind)}` relation has no argmap equivalent; it is left out", where.span(item))
            )
            continue
        for end, key in zip(ends, ("from", "to"), strict=True):
            if end[0] == "argument" and end[1] not in doc.arguments:
                raise item.get(key).error(
                    f"relation names argument `{brief(end[1])}`, which is not among the arguments"
                )
        doc.links.append(Link(_RELATION_TYPES[kind], ends[0], ends[1], where.span(item)))
    # Argdown lists a relation under both its ends and at the top; keep each once.
    unique: dict[tuple[str, tuple[str, str], tuple[str, str]], Link] = {}
    for link in doc.links:
        unique.setdefault((link.kind, link.source, link.target), link)
    doc.links = list(unique.values())
    from argmap.formats.argdown_model import build_map

    return where.located(build_map(doc))


def from_argdown_json(text: str, filename: str = "<string>") -> Map:
    """Read Argdown JSON into a map (warnings: ``from_argdown_json_result``)."""
    return from_argdown_json_result(text, filename).map
