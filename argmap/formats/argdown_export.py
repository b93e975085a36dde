"""Argdown source from a map, in a shape the Argdown tools (``@argdown/cli``) accept.

Every node becomes a statement ``[id]: text #(tag)``. A relation with one member and nothing
else to say becomes a statement relation (``+>``, ``->``, ``_>``, ``><``) under its member. A
linked, labelled, noted or outweighed relation becomes an argument ``<label>`` with a premise-conclusion
structure: the members are its premises; a support concludes its target; an attack or an
undercut concludes a stand-in statement (data ``{argmap: conclusion}``) that attacks the
target (``->``) or undercuts the target's argument (``_>``). The argument's data says what
argmap relation it is, so ``from_argdown`` reads it back exactly. The text is escaped with
backslashes so no character of it is read as Argdown syntax; line breaks become spaces.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from argmap.model import Map, Node, NodeKind, Relation, RelationKind

__all__ = ["escape_text", "infer_kind", "to_argdown"]

# Every ASCII punctuation character that Argdown, or the Markdown inside its text, could read
# as syntax; a backslash before it makes Argdown take it literally. Quotes are left alone:
# they mean nothing to Argdown, and Argdown keeps the backslash of `\'` before a full stop.
_SPECIAL = re.compile(r"([\\\[\]<>#@*_{}/+\-()`~=|^:!&$%])")
_GENERATED_TITLE = "relation {n}"
_STATEMENT_RELATION = {
    RelationKind.SUPPORTS: "+>",
    RelationKind.ATTACKS: "->",
    RelationKind.UNDERCUTS: "_>",
    RelationKind.CONTRADICTS: "><",
}


def escape_text(text: str) -> str:
    """Text as Argdown takes it literally: special characters escaped, on one line."""
    one_line = " ".join(text.split())
    return _SPECIAL.sub(r"\\\1", one_line)


def infer_kind(m: Map, node_id: str) -> NodeKind:
    """The kind an importer gives a node from its relations alone (``to_argdown`` writes the
    kind as data only where the map says otherwise)."""
    # `outgoing` lists exactly the relations the node is a member of (and both sides of a
    # contradiction): no `node_id in r.members` test, which made a 50,000-member group quadratic.
    kinds = {r.kind for r in m.outgoing(node_id) if r.kind is not RelationKind.CONTRADICTS}
    if kinds & {RelationKind.ATTACKS, RelationKind.UNDERCUTS}:
        return NodeKind.REBUTTAL
    return NodeKind.PREMISE if kinds else NodeKind.CLAIM


def _argument_form(rel: Relation) -> bool:
    # An argument carries what a plain relation line cannot: a group, a label, a note, and
    # `outweighed` (as data).
    return rel.kind is not RelationKind.CONTRADICTS and (
        rel.linked or rel.id is not None or rel.outweighed or rel.note is not None
    )


def _statement(m: Map, node: Node) -> str:
    text = escape_text(node.text)
    # `[id]:` must be followed by text; an empty node is written as a bare mention.
    parts = [f"[{node.id}]: {text}" if text else f"[{node.id}]"]
    parts += [f"#({tag})" for tag in node.tags]
    data = []
    if infer_kind(m, node.id) is not node.kind:
        data.append(f"kind: {node.kind.value}")
    if node.implicit:
        data.append("implicit: true")
    if node.step is not None:
        data.append(f"step: {node.step}")
    if not text:  # said so, or the reader would warn of a statement never defined
        data.append("empty: true")
    if data:
        parts.append("{" + ", ".join(data) + "}")
    return " ".join(parts)


def _argument_lines(rel: Relation, title: str, titles: dict[str, str]) -> Iterator[str]:
    data = [f"argmap: {rel.kind.value}"]
    if rel.outweighed:
        data.append("outweighed: true")
    # `<title>:` needs a text after it; without a note the data follows a plain reference.
    head = f"<{title}>: {escape_text(rel.note)}" if rel.note and rel.note.strip() else f"<{title}>"
    yield f"{head} {{{', '.join(data)}}}"
    yield ""
    for number, member in enumerate(rel.members, start=1):
        yield f"({number}) [{member}]"
    yield "----"
    last = len(rel.members) + 1
    if rel.kind is RelationKind.SUPPORTS:
        yield f"({last}) [{rel.target}]"
        return
    stand_in = f"{title} conclusion"
    what = "attack" if rel.kind is RelationKind.ATTACKS else "undercut"
    yield f"({last}) [{stand_in}]: The premises above {what} {escape_text(rel.target)}. {{argmap: conclusion}}"
    if rel.kind is RelationKind.ATTACKS:
        yield f"  -> [{rel.target}]"
    else:
        yield f"  _> <{titles.get(rel.target, rel.target)}>"


def to_argdown(m: Map) -> str:
    """Argdown source for the map (see the module docstring for the mapping)."""
    blocks: list[list[str]] = []
    if m.title is not None:
        # A JSON string is a valid YAML double-quoted scalar: the title stays on one line.
        blocks.append(["===", f"title: {json.dumps(m.title, ensure_ascii=False)}", "==="])
    blocks += [[_statement(m, node)] for node in m.nodes]
    titles: dict[str, str] = {}
    used = {n.id for n in m.nodes}
    for rel in m.relations:
        if rel.id is not None:
            titles[rel.id] = rel.id
    argument_titles: dict[int, str] = {}
    for index, rel in enumerate(m.relations):
        if _argument_form(rel):
            title = rel.id if rel.id is not None else _GENERATED_TITLE.format(n=index + 1)
            argument_titles[index] = title
            used.add(title)
    by_member: dict[str, list[str]] = {}
    for index, rel in enumerate(m.relations):
        if index in argument_titles:
            continue
        arrow = _STATEMENT_RELATION[rel.kind]
        undercut = rel.kind is RelationKind.UNDERCUTS
        target = f"<{titles.get(rel.target, rel.target)}>" if undercut else f"[{rel.target}]"
        by_member.setdefault(rel.members[0], []).append(f"  {arrow} {target}")
    for member, lines in by_member.items():
        blocks.append([f"[{member}]", *lines])
    for index, title in argument_titles.items():
        blocks.append(list(_argument_lines(m.relations[index], title, titles)))
    if not m.nodes and not m.relations:
        # Argdown rejects a document without content (front matter alone too); a heading is
        # content that reads back as nothing.
        blocks.append(["# An empty map"])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
