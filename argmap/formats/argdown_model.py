"""What both Argdown importers (source and JSON) read, and how it becomes a map.

Statements become nodes. An argument without a premise-conclusion structure (PCS) is a node
too (its description is the text), as in Argdown's argument maps. An argument with a PCS
becomes relations: each inference a ``supports`` from its premises (a linked group) to its
conclusion; data ``{argmap: attacks|undercuts}`` (what ``to_argdown`` writes) turns it back
into an attack or an undercut. An undercut of an argument aims at that argument's inference.
Whatever has no place in argmap comes back as a warning naming its line.
"""

from __future__ import annotations

from typing import Any

import attrs

from argmap.diagnostics import Diagnostic, sort_diagnostics
from argmap.formats.errors import Imported, loss
from argmap.formats.ids import IdMaker, is_valid_id
from argmap.model import NO_SPAN, Map, Node, NodeKind, Relation, RelationKind, Span

__all__ = ["Document", "Element", "Inference", "Link", "build_map"]

_KINDS = {k.value: k for k in NodeKind}


@attrs.define
class Element:
    """A statement or an argument, gathered from all its mentions."""

    title: str
    text: str = ""
    tags: list[str] = attrs.field(factory=list)
    data: dict[str, Any] = attrs.field(factory=dict)
    span: Span = NO_SPAN
    pcs: list[Inference] = attrs.field(factory=list)


@attrs.define
class Inference:
    """One step of a PCS: premises (statement titles) to a conclusion."""

    premises: list[str]
    conclusion: str
    span: Span


@attrs.define
class Link:
    """A relation between two elements: kind is support, attack, undercut or contradictory;
    ends are ``("statement"|"argument", title)``."""

    kind: str
    source: tuple[str, str]
    target: tuple[str, str]
    span: Span


@attrs.define
class Document:
    """A whole Argdown document, either importer's output."""

    title: str | None = None
    statements: dict[str, Element] = attrs.field(factory=dict)
    arguments: dict[str, Element] = attrs.field(factory=dict)
    links: list[Link] = attrs.field(factory=list)
    warnings: list[Diagnostic] = attrs.field(factory=list)
    files: tuple[str, ...] = ()

    def statement(self, title: str, span: Span) -> Element:
        """The statement with this title, created on first mention."""
        return self.statements.setdefault(title, Element(title, span=span))

    def argument(self, title: str, span: Span) -> Element:
        """The argument with this title, created on first mention."""
        return self.arguments.setdefault(title, Element(title, span=span))


def _data_kind(element: Element) -> NodeKind | None:
    value = element.data.get("kind")
    return _KINDS.get(value) if isinstance(value, str) else None


def build_map(doc: Document) -> Imported:
    """The map of an Argdown document, and the warnings about what it could not keep."""
    warnings = list(doc.warnings)
    ids = IdMaker()
    wanted_titles = [*doc.statements, *(t for t, a in doc.arguments.items() if not a.pcs)]
    for title in wanted_titles:  # exact titles first, so a made-up id never takes one
        if is_valid_id(title):
            ids.reserve(title)
    node_id: dict[tuple[str, str], str] = {}
    stand_ins = {
        a.pcs[-1].conclusion
        for a in doc.arguments.values()
        if a.pcs
        and a.data.get("argmap") in ("attacks", "undercuts")
        and doc.statements.get(a.pcs[-1].conclusion, Element("")).data.get("argmap") == "conclusion"
    }
    claimed: set[str] = set()

    def claim(title: str, prefix: str) -> str:
        # The first element with a valid title keeps it; a statement and an argument of the
        # same title, or an invalid title, get a fresh id.
        if is_valid_id(title) and title not in claimed:
            claimed.add(title)
            return title
        return ids.make(title, prefix)

    for title in doc.statements:
        if title not in stand_ins:
            node_id[("statement", title)] = claim(title, "s")
    for title, argument in doc.arguments.items():
        if not argument.pcs:
            node_id[("argument", title)] = claim(title, "a")

    # Relations from PCS arguments; the last inference carries the argument's title.
    relations: list[Relation] = []
    argument_relation: dict[str, int] = {}  # argument title -> index of its main relation
    pending_stand_in: dict[str, tuple[int, str]] = {}  # stand-in title -> (relation index, argument)
    for title, argument in doc.arguments.items():
        for step_number, step in enumerate(argument.pcs):
            last = step_number == len(argument.pcs) - 1
            members = tuple(
                dict.fromkeys(node_id[("statement", p)] for p in step.premises if ("statement", p) in node_id)
            )
            if not members:
                warnings.append(loss(f"an inference of argument <{title}> has no premises; it is left out", step.span))
                continue
            kind = RelationKind.SUPPORTS
            outweighed = False
            if last:
                kind = {"attacks": RelationKind.ATTACKS, "undercuts": RelationKind.UNDERCUTS}.get(
                    str(argument.data.get("argmap")), RelationKind.SUPPORTS
                )
                outweighed = argument.data.get("outweighed") is True
            note = argument.text.strip() or None if last else None
            relation = Relation(kind, members, "", note=note, outweighed=outweighed, span=step.span)
            if kind is RelationKind.SUPPORTS:
                target = node_id.get(("statement", step.conclusion))
                if target is None:
                    continue
                relation = attrs.evolve(relation, target=target)
            else:
                pending_stand_in[step.conclusion] = (len(relations), title)
            if last:
                argument_relation[title] = len(relations)
            relations.append(relation)

    labels: dict[int, str] = {}

    def label_of(index: int, title: str) -> str:
        if index not in labels:
            labels[index] = (
                title if is_valid_id(title) and title not in node_id.values() else ids.make(f"{title} inference", "r")
            )
            if labels[index] != title:
                ids.reserve(labels[index])
        return labels[index]

    # Titles of PCS arguments that are valid ids are kept as relation labels (to_argdown's own).
    for title, index in argument_relation.items():
        if is_valid_id(title) and title not in node_id.values() and title not in labels.values():
            labels[index] = title
            ids.reserve(title)

    for link in doc.links:
        source_title = link.source[1]
        target_kind, target_title = link.target
        if link.source[0] == "statement" and source_title in pending_stand_in:
            index, argument_title = pending_stand_in[source_title]
            if link.kind == "attack" and target_kind == "statement" and link.target in node_id:
                relations[index] = attrs.evolve(relations[index], target=node_id[link.target])
                continue
            if link.kind == "undercut" and target_kind == "argument":
                relations[index] = attrs.evolve(relations[index], target="\0" + target_title)
                continue
        source = _end(doc, link.source, node_id)
        if source is None:
            warnings.append(
                loss(f"a relation from {_show(link.source)} cannot be represented; it is left out", link.span)
            )
            continue
        found_kind = {
            "support": RelationKind.SUPPORTS,
            "attack": RelationKind.ATTACKS,
            "undercut": RelationKind.UNDERCUTS,
            "contradictory": RelationKind.CONTRADICTS,
        }.get(link.kind)
        if found_kind is None:
            warnings.append(
                loss(f"an Argdown `{link.kind}` relation has no argmap equivalent; it is left out", link.span)
            )
            continue
        kind = found_kind
        if kind is RelationKind.UNDERCUTS:
            if target_kind != "argument" or target_title not in doc.arguments:
                warnings.append(
                    loss(
                        f"an undercut of {_show(link.target)}, which is not an argument, is read as an attack",
                        link.span,
                    )
                )
                kind = RelationKind.ATTACKS
            else:
                relations.append(Relation(kind, (source,), "\0" + target_title, span=link.span))
                continue
        target = _end(doc, link.target, node_id)
        if target is None:
            warnings.append(
                loss(f"a relation to {_show(link.target)} cannot be represented; it is left out", link.span)
            )
            continue
        if target_kind == "argument" and ("argument", target_title) not in node_id:
            warnings.append(
                loss(f"a {link.kind} of argument <{target_title}> is read as one of its conclusion", link.span)
            )
        relations.append(Relation(kind, (source,), target, span=link.span))

    # An attack or undercut argument whose conclusion aims at nothing has no target.
    dropped = set()
    for stand_in, (index, argument_title) in pending_stand_in.items():
        if relations[index].target == "":
            dropped.add(index)
            warnings.append(
                loss(
                    f"<{argument_title}> is marked as an {relations[index].kind.value[:-1]} but its conclusion "
                    f"[{stand_in}] aims at nothing; it is left out",
                    relations[index].span,
                )
            )

    # Undercuts of arguments: aim them at the argument's inference (first pass: labels).
    outgoing_of: dict[str, list[int]] = {}
    for index, r in enumerate(relations):
        if r.kind in (RelationKind.SUPPORTS, RelationKind.ATTACKS) and len(r.members) == 1:
            outgoing_of.setdefault(r.members[0], []).append(index)
    resolved: dict[int, list[Relation]] = {}
    for index, r in enumerate(relations):
        if not r.target.startswith("\0"):
            continue
        argument_title = r.target[1:]
        if argument_title in argument_relation:
            aimed = [argument_relation[argument_title]]
        else:
            aimed = outgoing_of.get(node_id.get(("argument", argument_title), ""), [])
        aimed = [i for i in aimed if i not in dropped]
        if not aimed:
            warnings.append(loss(f"<{argument_title}> has no inference to undercut; the undercut is left out", r.span))
        resolved[index] = [attrs.evolve(r, target=label_of(i, argument_title)) for i in aimed]
    out: list[Relation] = []
    seen: set[Relation] = set()  # Argdown states a relation once however often it is written
    for index, r in enumerate(relations):
        if index in dropped:
            continue
        for item in resolved.get(index, [r]):
            labelled = attrs.evolve(item, id=labels[index]) if index in labels else item
            if labelled not in seen:
                seen.add(labelled)
                out.append(labelled)
    built = _with_nodes(doc, node_id, out, warnings)
    return Imported(built, sort_diagnostics(warnings))


def _end(doc: Document, end: tuple[str, str], node_id: dict[tuple[str, str], str]) -> str | None:
    if end in node_id:
        return node_id[end]
    kind, title = end
    if kind == "argument" and title in doc.arguments and doc.arguments[title].pcs:
        conclusion = doc.arguments[title].pcs[-1].conclusion
        return node_id.get(("statement", conclusion))
    return None


def _show(end: tuple[str, str]) -> str:
    kind, title = end
    return f"[{title}]" if kind == "statement" else f"<{title}>"


def _with_nodes(
    doc: Document,
    node_id: dict[tuple[str, str], str],
    relations: list[Relation],
    warnings: list[Diagnostic],
) -> Map:
    attacking = {m for r in relations if r.kind in (RelationKind.ATTACKS, RelationKind.UNDERCUTS) for m in r.members}
    supporting = {m for r in relations if r.kind is RelationKind.SUPPORTS for m in r.members}
    nodes = []
    for (kind_name, title), new_id in node_id.items():
        element = doc.statements[title] if kind_name == "statement" else doc.arguments[title]
        kind = _data_kind(element) or (
            NodeKind.REBUTTAL if new_id in attacking else NodeKind.PREMISE if new_id in supporting else NodeKind.CLAIM
        )
        step = element.data.get("step")
        tags = tuple(dict.fromkeys(t if is_valid_id(t) else IdMaker().make(t, "t") for t in element.tags))
        nodes.append(
            Node(
                kind,
                new_id,
                element.text.strip(),
                tags=tags,
                implicit=element.data.get("implicit") is True,
                step=step if isinstance(step, int) and not isinstance(step, bool) and step >= 0 else None,
                span=element.span,
            )
        )
        for key in element.data:
            if key not in ("kind", "implicit", "step", "argmap", "outweighed"):
                warnings.append(
                    loss(f"data `{key}` of {_show((kind_name, title))} has no place in argmap", element.span)
                )
    return Map(title=doc.title, nodes=tuple(nodes), relations=tuple(relations), files=doc.files)
