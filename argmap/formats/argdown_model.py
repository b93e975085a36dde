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

from argmap.formats.errors import Imported, brief, loss
from argmap.formats.ids import IdMaker, is_valid_id
from argmap.model import NO_SPAN, Map, Node, NodeKind, Relation, RelationKind, Span
from argmap.model.diagnostics import Diagnostic, sort_diagnostics

__all__ = ["Document", "Element", "Inference", "Link", "build_map"]

_KINDS = {k.value: k for k in NodeKind}
# The data keys argmap reads (``to_argdown`` writes them); any other is reported.
_KNOWN_DATA = frozenset({"kind", "implicit", "step", "argmap", "outweighed", "empty"})


@attrs.define
class Element:
    """A statement or an argument, gathered from all its mentions."""

    title: str
    text: str = ""
    tags: dict[str, None] = attrs.field(factory=dict)  # in order, each once (a dict: a set with order)
    data: dict[str, Any] = attrs.field(factory=dict)
    span: Span = NO_SPAN
    pcs: list[Inference] = attrs.field(factory=list)
    untitled: bool = False  # a title Argdown made up (`Untitled 3`): the id comes from the text

    @property
    def wanted_id(self) -> str:
        """What the element's id should look like: its title, or its text when untitled."""
        return self.text if self.untitled and self.text.strip() else self.title


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
    builder = _Builder(doc, list(doc.warnings))
    builder.name_nodes()
    builder.read_reconstructions()
    for link in doc.links:
        builder.read_link(link)
    relations = _well_aimed(builder.finish_relations(), set(builder.node_id.values()), builder.warnings)
    built = _with_nodes(doc, builder.node_id, relations, builder.warnings)
    return Imported(built, sort_diagnostics(builder.warnings))


_LINK_KINDS = {
    "support": RelationKind.SUPPORTS,
    "attack": RelationKind.ATTACKS,
    "undercut": RelationKind.UNDERCUTS,
    "contradictory": RelationKind.CONTRADICTS,
}
# An undercut is first aimed at an argument title; this prefix marks such a target until
# ``finish_relations`` aims it at that argument's inference.
_ARGUMENT_TARGET = "\0"


@attrs.define
class _Builder:
    """The steps of ``build_map``, sharing the ids handed out and the relations made so far."""

    doc: Document
    warnings: list[Diagnostic]
    ids: IdMaker = attrs.field(factory=IdMaker)
    node_id: dict[tuple[str, str], str] = attrs.field(factory=dict)
    relations: list[Relation] = attrs.field(factory=list)
    argument_relation: dict[str, int] = attrs.field(factory=dict)  # argument -> its main relation
    # conclusion -> [(relation, argument)]: arguments may share a stand-in conclusion
    stand_in_of: dict[str, list[tuple[int, str]]] = attrs.field(factory=dict)
    labels: dict[int, str] = attrs.field(factory=dict)

    def name_nodes(self) -> None:
        """Ids for statements and for arguments without a reconstruction (they are nodes)."""
        doc = self.doc
        for title in [*doc.statements, *(t for t, a in doc.arguments.items() if not a.pcs)]:
            if is_valid_id(title):  # exact titles first, so a made-up id never takes one
                self.ids.reserve(title)
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
            return self.ids.make(title, prefix)

        for title, statement in doc.statements.items():
            if title not in stand_ins:
                self.node_id[("statement", title)] = (
                    self.ids.make(statement.wanted_id, "s") if statement.untitled else claim(title, "s")
                )
        for title, argument in doc.arguments.items():
            if not argument.pcs:
                self.node_id[("argument", title)] = claim(title, "a")

    def read_reconstructions(self) -> None:
        """A linked relation per inference; the last one is the argument's own relation."""
        for title, argument in self.doc.arguments.items():
            for number, step in enumerate(argument.pcs):
                self._read_inference(title, argument, step, last=number == len(argument.pcs) - 1)
        # Titles that are valid ids stay relation labels (to_argdown writes its labels so).
        taken = set(self.node_id.values())
        for title, index in self.argument_relation.items():
            if is_valid_id(title) and title not in taken:
                taken.add(title)
                self.labels[index] = title
                self.ids.reserve(title)

    def _read_inference(self, title: str, argument: Element, step: Inference, *, last: bool) -> None:
        members = tuple(
            dict.fromkeys(self.node_id[("statement", p)] for p in step.premises if ("statement", p) in self.node_id)
        )
        if not members:
            self.warnings.append(
                loss(f"an inference of argument <{brief(title)}> has no premises; it is left out", step.span)
            )
            return
        kind = RelationKind.SUPPORTS
        if last:
            marked = {"attacks": RelationKind.ATTACKS, "undercuts": RelationKind.UNDERCUTS}
            kind = marked.get(str(argument.data.get("argmap")), RelationKind.SUPPORTS)
        relation = Relation(
            kind,
            members,
            "",  # aimed below, or by the stand-in conclusion's own relation
            note=(argument.text.strip() or None) if last else None,
            outweighed=last and argument.data.get("outweighed") is True,
            span=step.span,
        )
        if kind is RelationKind.SUPPORTS:
            target = self.node_id.get(("statement", step.conclusion))
            if target is None:
                return
            relation = attrs.evolve(relation, target=target)
        else:
            self.stand_in_of.setdefault(step.conclusion, []).append((len(self.relations), title))
        if last:
            self.argument_relation[title] = len(self.relations)
        self.relations.append(relation)

    def read_link(self, link: Link) -> None:
        """One Argdown relation as an argmap relation, or a warning."""
        target_kind, target_title = link.target
        if link.source[0] == "statement" and link.source[1] in self.stand_in_of and self._aim_stand_in(link):
            return
        source = _end(self.doc, link.source, self.node_id)
        if source is None:
            message = f"a relation from {_show(link.source)} cannot be represented; it is left out"
            self.warnings.append(loss(message, link.span))
            return
        kind = _LINK_KINDS.get(link.kind)
        if kind is RelationKind.CONTRADICTS and "argument" in (link.source[0], link.target[0]):
            message = f"a contradiction of {_show(link.source)} and {_show(link.target)} is left out"
            self.warnings.append(loss(message, link.span, hints=("only two statements can contradict",)))
            return
        if kind is None:
            message = f"an Argdown `{brief(link.kind)}` relation has no argmap equivalent; it is left out"
            self.warnings.append(loss(message, link.span))
            return
        if kind is RelationKind.UNDERCUTS:
            if target_kind == "argument" and target_title in self.doc.arguments:
                self.relations.append(Relation(kind, (source,), _ARGUMENT_TARGET + target_title, span=link.span))
                return
            message = f"an undercut of {_show(link.target)}, which is not an argument, is read as an attack"
            self.warnings.append(loss(message, link.span))
            kind = RelationKind.ATTACKS
        target = _end(self.doc, link.target, self.node_id)
        if target is None:
            message = f"a relation to {_show(link.target)} cannot be represented; it is left out"
            self.warnings.append(loss(message, link.span))
            return
        if target == source and kind is RelationKind.SUPPORTS and link.source[0] == "argument":
            return  # an argument put under its own conclusion: its inference already says so
        if target_kind == "argument" and link.target not in self.node_id:
            message = f"a {link.kind} of argument <{brief(target_title)}> is read as one of its conclusion"
            self.warnings.append(loss(message, link.span))
        self.relations.append(Relation(kind, (source,), target, span=link.span))

    def _aim_stand_in(self, link: Link) -> bool:
        """Aim the relation of an attacking or undercutting argument by its conclusion's link.

        An attack must aim at a node and an undercut at an argument (its inference), whatever
        the argument's ``{argmap: ...}`` mark says: a conclusion that undercuts although the
        argument is marked ``attacks`` (or the reverse) makes the relation the link's kind,
        with a warning. False when the link cannot aim it (it is then read as any link).
        """
        unaimed = [(i, title) for i, title in self.stand_in_of[link.source[1]] if not self.relations[i].target]
        if not unaimed:  # already aimed: a second aim has no place in argmap
            return False
        target_kind, target_title = link.target
        if link.kind == "attack" and target_kind == "statement" and link.target in self.node_id:
            kind, target = RelationKind.ATTACKS, self.node_id[link.target]
        elif link.kind == "undercut" and target_kind == "argument" and target_title in self.doc.arguments:
            kind, target = RelationKind.UNDERCUTS, _ARGUMENT_TARGET + target_title
        else:
            return False
        for index, argument_title in unaimed:
            relation = self.relations[index]
            if kind is not relation.kind:
                message = (
                    f"<{brief(argument_title)}> is marked as an {relation.kind.value[:-1]} but its conclusion "
                    f"{'undercuts' if kind is RelationKind.UNDERCUTS else 'attacks'} {_show(link.target)}; "
                    f"it is read as an {kind.value[:-1]}"
                )
                self.warnings.append(loss(message, link.span))
            self.relations[index] = attrs.evolve(relation, kind=kind, target=target)
        return True

    def finish_relations(self) -> list[Relation]:
        """Undercuts aimed at inferences, labels given, repeats and aimless relations dropped."""
        relations = self.relations
        dropped = set()
        for stand_in, index, argument_title in (
            (stand_in, index, title) for stand_in, aims in self.stand_in_of.items() for index, title in aims
        ):
            if relations[index].target == "":
                dropped.add(index)
                what = relations[index].kind.value[:-1]
                message = (
                    f"<{brief(argument_title)}> is marked as an {what} but its conclusion "
                    f"[{brief(stand_in)}] aims at nothing; it is left out"
                )
                self.warnings.append(loss(message, relations[index].span))
        # An argument-node's inference is its outgoing support or attack.
        outgoing_of: dict[str, list[int]] = {}
        for index, r in enumerate(relations):
            if r.kind in (RelationKind.SUPPORTS, RelationKind.ATTACKS) and len(r.members) == 1:
                outgoing_of.setdefault(r.members[0], []).append(index)
        taken = set(self.node_id.values()) | set(self.labels.values())
        resolved: dict[int, list[Relation]] = {}
        for index, r in enumerate(relations):
            if not r.target.startswith(_ARGUMENT_TARGET):
                continue
            title = r.target[len(_ARGUMENT_TARGET) :]
            if title in self.argument_relation:
                aimed = [self.argument_relation[title]]
            else:
                aimed = outgoing_of.get(self.node_id.get(("argument", title), ""), [])
            aimed = [i for i in aimed if i not in dropped]
            if not aimed:
                self.warnings.append(
                    loss(f"<{brief(title)}> has no inference to undercut; the undercut is left out", r.span)
                )
            resolved[index] = [attrs.evolve(r, target=self._label(i, title, taken)) for i in aimed]
        out: list[Relation] = []
        seen: set[Relation] = set()  # Argdown states a relation once however often it is written
        for index, r in enumerate(relations):
            if index in dropped:
                continue
            items = resolved.get(index, [r])
            labels = [self.labels.get(index)] * len(items)
            if index in self.labels and len(items) > 1:
                # An undercut of an argument node aims at each of its inferences; ids are
                # unique, so the copies take fresh labels (undercuts of this one aim at the first).
                label = self.labels[index]
                labels[1:] = [self.ids.make(label, "r") for _ in items[1:]]
                message = (
                    f"`{brief(label)}` undercuts {len(items)} inferences, so it is split; the copies are labelled "
                    + ", ".join(f"`{brief(x)}`" for x in labels[1:])
                )
                self.warnings.append(loss(message, r.span))
            for item, label_of in zip(items, labels, strict=True):
                labelled = attrs.evolve(item, id=label_of) if label_of is not None else item
                if labelled not in seen:
                    seen.add(labelled)
                    out.append(labelled)
        return out

    def _label(self, index: int, title: str, taken: set[str]) -> str:
        """The label of relation ``index`` (undercut, so it needs one), made on first use."""
        if index not in self.labels:
            label = title if is_valid_id(title) and title not in taken else self.ids.make(f"{title} inference", "r")
            self.ids.reserve(label)
            taken.add(label)
            self.labels[index] = label
        return self.labels[index]


def _well_aimed(relations: list[Relation], node_ids: set[str], warnings: list[Diagnostic]) -> list[Relation]:
    """The relations whose ends are of the right kind: members and the target of a support,
    attack or contradiction are nodes, an undercut's target a relation kept. The steps above
    aim them so; this is the guarantee, whatever the input, that an imported map never names a
    wrong thing (a relation left out is reported, never silently)."""
    kept = relations
    while True:
        relation_ids = {r.id for r in kept if r.id is not None}
        good = [
            r
            for r in kept
            if all(m in node_ids for m in r.members)
            and (r.target in relation_ids if r.kind is RelationKind.UNDERCUTS else r.target in node_ids)
        ]
        if len(good) == len(kept):
            return kept
        for r in kept:
            if r not in good:
                message = (
                    f"a `{r.kind.value}` relation from {', '.join(f'`{brief(m)}`' for m in r.members)} "
                    f"to `{brief(r.target)}` has no valid target in argmap; it is left out"
                )
                warnings.append(loss(message, r.span))
        kept = good


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
    return f"[{brief(title)}]" if kind == "statement" else f"<{brief(title)}>"


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
        if kind_name == "statement" and not element.text.strip() and element.data.get("empty") is not True:
            message = f"[{brief(title)}] is referred to but never given a text; its text is empty"
            warnings.append(loss(message, element.span, hints=(f"define it: [{brief(title)}]: its text",)))
        unknown = [key for key in element.data if key not in _KNOWN_DATA]
        if unknown:  # one warning however many keys (a data block can hold thousands)
            keys = ", ".join(f"`{brief(key)}`" for key in unknown[:5]) + (
                f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            )
            warnings.append(loss(f"data {keys} of {_show((kind_name, title))} has no place in argmap", element.span))
    return Map(title=doc.title, nodes=tuple(nodes), relations=tuple(relations), files=doc.files)
