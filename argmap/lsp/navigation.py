"""Hover, go to definition, find references and rename, for every kind of id (statements,
relation labels, sources, persons), across the files of a map. All of it reads
``Analysis.index``; hover adds the element itself and its grounded evaluation."""

from __future__ import annotations

import os
import re
from collections import defaultdict

from lsprotocol import types

from argmap.analysis.analysis import Analysis, Occurrence
from argmap.language.syntax import KEYWORDS
from argmap.lsp.positions import FileTexts, uri_of
from argmap.model import Node, Person, Relation, RelationKind, Source

__all__ = ["RenameRefusedError", "definition", "hover", "references", "rename", "rename_range"]

_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")

#: How many uses hover lists before it says "and N more".
_USES_SHOWN = 12


class RenameRefusedError(Exception):
    """A rename that would break the map; the message says why."""


def definition(analysis: Analysis, occurrence: Occurrence, texts: FileTexts) -> types.Location | None:
    declared = analysis.index.declaration(occurrence.id)
    return texts.location(declared.span) if declared is not None else None


def references(
    analysis: Analysis, occurrence: Occurrence, texts: FileTexts, *, include_declaration: bool
) -> list[types.Location]:
    found = analysis.index.references(occurrence.id, include_declaration=include_declaration)
    return [texts.location(o.span) for o in found]


def rename_range(occurrence: Occurrence, texts: FileTexts) -> types.Range:
    return texts.range(occurrence.span)


def rename(analysis: Analysis, occurrence: Occurrence, new_name: str, texts: FileTexts) -> types.WorkspaceEdit:
    """Every place the id is written, renamed; refused for a keyword, an invalid id or a name
    that is already taken."""
    if new_name in KEYWORDS:
        raise RenameRefusedError(f"`{new_name}` is a keyword of the .arg language and cannot be an id")
    if not _ID.fullmatch(new_name):
        raise RenameRefusedError(
            f"`{new_name}` is not a valid id: use a letter or `_`, then letters, digits, `_` or `-`"
        )
    if new_name == occurrence.id:
        return types.WorkspaceEdit(changes={})
    taken = analysis.index.declaration(new_name)
    if taken is not None:
        where = f"{os.path.basename(taken.span.file)}:{taken.span.line}"
        raise RenameRefusedError(f"`{new_name}` is already taken: a {taken.kind} declared at {where}")
    changes: dict[str, list[types.TextEdit]] = defaultdict(list)
    for found in analysis.index.references(occurrence.id):
        changes[uri_of(found.span.file)].append(types.TextEdit(range=texts.range(found.span), new_text=new_name))
    return types.WorkspaceEdit(changes=dict(changes))


# -- hover ---------------------------------------------------------------------------------


def hover(analysis: Analysis, occurrence: Occurrence, texts: FileTexts) -> types.Hover:
    """Kind, full text, speaker, quotes with their article, uses and the evaluation, in Markdown."""
    m = analysis.map
    element = m.get(occurrence.id)
    if occurrence.kind == "relation":
        element = m.relation(occurrence.id) if occurrence.id in _relation_ids(analysis) else element
    lines: list[str]
    if isinstance(element, Node):
        lines = _node(analysis, element)
    elif isinstance(element, Relation):
        lines = _relation(element)
    elif isinstance(element, Source):
        lines = _source(analysis, element)
    elif isinstance(element, Person):
        lines = _person(analysis, element)
    else:
        lines = [f"`{occurrence.id}`: not declared in this map (a {occurrence.kind} id is expected here)"]
    if element is not None:
        lines += _uses(analysis, occurrence.id)
        lines += _evaluation(analysis, occurrence.id)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n".join(lines)),
        range=texts.range(occurrence.span),
    )


def _relation_ids(analysis: Analysis) -> set[str]:
    return {r.id for r in analysis.map.relations if r.id is not None}


_INLINE = re.compile(r"([\\`*_{}\[\]<>|~])")
_LINE_START = re.compile(r"^(\s*)([-+>#=]|\d+[.)])", re.MULTILINE)


def _md(text: str) -> str:
    """Text shown literally in Markdown: no markup and no HTML from a map reaches the client
    (emphasis, code, links and tags escaped anywhere; lists, quotes and headings at a line's
    start)."""

    def start(found: re.Match[str]) -> str:
        mark = found.group(2)
        return found.group(1) + (mark[:-1] + "\\" + mark[-1] if mark[0].isdigit() else "\\" + mark)

    escaped = _LINE_START.sub(start, _INLINE.sub(r"\\\1", text))
    return escaped.replace("\n", "  \n")


def _node(analysis: Analysis, node: Node) -> list[str]:
    m = analysis.map
    lines = [f"**{node.kind.value}** `{node.id}`" + (" *(implicit)*" if node.implicit else ""), _md(node.text)]
    if node.by is not None:
        person = m.get(node.by)
        who = (
            f"{_md(person.name)}" + (f", {_md(person.role)}" if person.role else "")
            if isinstance(person, Person)
            else ""
        )
        lines.append(f"by `{node.by}`" + (f": {who}" if who else ""))
    for quote in node.quotes:
        source = m.get(quote.source)
        article = _md(source.title) if isinstance(source, Source) else "an undeclared source"
        lines.append(f"> {_md(quote.text)}\n\n— quoted from `{quote.source}`: {article}")
    if node.tags:
        lines.append("tags: " + ", ".join(f"`{tag}`" for tag in node.tags))
    if node.note:
        lines.append(f"note: {_md(node.note)}")
    return lines


def _relation(rel: Relation) -> list[str]:
    members = " + ".join(f"`{member}`" for member in rel.members)
    what = "linked reason" if rel.linked and rel.kind is RelationKind.SUPPORTS else rel.kind.value
    lines = [f"**relation** `{rel.id}` ({what})", f"{members} {rel.kind.value} `{rel.target}`"]
    if rel.outweighed:
        lines.append("*outweighed*: drawn, but not counted as a defeat")
    if rel.note:
        lines.append(f"note: {_md(rel.note)}")
    return lines


def _source(analysis: Analysis, source: Source) -> list[str]:
    lines = [f"**source** `{source.id}`", _md(source.title)]
    facts = [
        f"{name}: {_md(value)}"
        for name, value in (
            ("outlet", source.outlet),
            ("author", source.author),
            ("date", source.date),
            ("url", source.url),
            ("file", source.file),
        )
        if value
    ]
    if facts:
        lines.append("  \n".join(facts))
    quoted = sum(1 for n in analysis.map.nodes for q in n.quotes if q.source == source.id)
    lines.append(f"quoted {quoted} time{'s' * (quoted != 1)}")
    if source.id in analysis.article_errors:
        lines.append(f"article file: {_md(analysis.article_errors[source.id])}")
    return lines


def _person(analysis: Analysis, person: Person) -> list[str]:
    lines = [f"**person** `{person.id}`", _md(person.name)]
    if person.role:
        lines.append(f"role: {_md(person.role)}")
    said = [n.id for n in analysis.map.nodes if n.by == person.id]
    lines.append("says: " + (", ".join(f"`{i}`" for i in said) if said else "nothing yet (no `by` names them)"))
    return lines


def _uses(analysis: Analysis, element_id: str) -> list[str]:
    uses = analysis.index.references(element_id, include_declaration=False)
    if not uses:
        return ["used nowhere"]
    shown = [f"{os.path.basename(o.span.file)}:{o.span.line}" for o in uses[:_USES_SHOWN]]
    more = f" and {len(uses) - _USES_SHOWN} more" if len(uses) > _USES_SHOWN else ""
    return [f"used at {', '.join(shown)}{more}"]


def _evaluation(analysis: Analysis, element_id: str) -> list[str]:
    if not analysis.ok:
        return ["grounded evaluation: not computed while the map has errors"]
    labelling = analysis.evaluation
    if element_id not in labelling.labels:
        return []
    status = labelling.labels[element_id].value
    stands = {"in": "stands", "out": "does not stand", "undecided": "is undecided"}[status]
    return [f"grounded evaluation: **{status}** ({stands}): {_md(labelling.why(element_id))}"]
