"""AIF: the Argument Interchange Format as AIFdb JSON and as xAIF (OVA3), read and written.

Reading: I-nodes become nodes; an RA-node becomes one ``supports`` relation whose members are
the I-nodes pointing into it (a linked group when there are several); a CA-node becomes an
``attacks`` relation, or an ``undercuts`` when it points at an RA- or CA-node. Two CA-nodes
named ``Contradiction`` that point at each other become one ``contradicts``. Speakers come from
the dialogue layer: an L-node linked to an I-node through a YA-node, its ``locutions`` entry
(``personID``, named in xAIF ``participants``) or else the ``Name:`` prefix of its text.
Everything else (TA transitions, MA rephrases, PA preferences, schemes) is reported as a
warning, never dropped in silence.

Writing: AIFdb JSON (``nodes``, ``edges``, ``locutions``) plus xAIF ``participants``; node ids
are the map's own ids, so a round trip keeps them.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import attrs

from argmap.formats.errors import Imported, brief, loss
from argmap.formats.ids import IdMaker, is_valid_id
from argmap.formats.jsonread import Value, parse_json, safe_json_text
from argmap.language.syntax import normalize_text
from argmap.model import Map, Node, NodeKind, Person, Relation, RelationKind
from argmap.model.diagnostics import Diagnostic, sort_diagnostics

__all__ = ["from_aif", "from_aif_result", "looks_like_aif", "to_aif", "to_aif_data"]

_TIMESTAMP = "2000-01-01 00:00:00"  # AIFdb requires one; a fixed value keeps output deterministic
CONTRADICTION = "Contradiction"
_KIND_TEXT = {
    RelationKind.SUPPORTS: ("RA", "Default Inference"),
    RelationKind.ATTACKS: ("CA", "Default Conflict"),
    RelationKind.UNDERCUTS: ("CA", "Default Conflict"),
}


# -- writing -----------------------------------------------------------------------------------


def to_aif_data(m: Map) -> dict[str, Any]:
    """The map as AIFdb JSON data with xAIF ``participants`` (see the module docstring)."""
    names = IdMaker({n.id for n in m.nodes} | {r.id for r in m.relations if r.id is not None})
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    locutions: list[dict[str, Any]] = []

    def node(node_id: str, text: str, kind: str, **extra: Any) -> str:
        nodes.append({"nodeID": node_id, "text": text, "type": kind, "timestamp": _TIMESTAMP, **extra})
        return node_id

    def edge(source: str, target: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": source, "toID": target, "formEdgeID": None})

    for n in m.nodes:
        node(n.id, n.text, "I")
    person_number = {p.id: index + 1 for index, p in enumerate(m.persons)}
    person_name = {p.id: p.name for p in m.persons}
    for n in m.nodes:
        if n.by is None:
            continue
        locution = node(names.make(f"L_{n.id}", "L"), f"{person_name.get(n.by, n.by)}: {n.text}", "L")
        assertion = node(names.make(f"YA_{n.id}", "YA"), "Asserting", "YA", scheme="Asserting", schemeID="74")
        edge(locution, assertion)
        edge(assertion, n.id)
        person = str(person_number.get(n.by, 0))
        locutions.append(
            {
                "nodeID": locution,
                "personID": person,
                "timestamp": _TIMESTAMP,
                "start": None,
                "end": None,
                "source": None,
            }
        )

    # Relation nodes first, so undercuts can point at any relation, whatever the order.
    relation_node: dict[int, str] = {}
    for index, r in enumerate(m.relations):
        if r.kind is RelationKind.CONTRADICTS:
            continue
        kind, text = _KIND_TEXT[r.kind]
        wanted = r.id if r.id is not None else f"{kind}{index + 1}"
        relation_node[index] = r.id if r.id is not None else names.make(wanted, kind)
    labelled = {r.id: relation_node[i] for i, r in enumerate(m.relations) if r.id is not None and i in relation_node}
    for index, r in enumerate(m.relations):
        if r.kind is RelationKind.CONTRADICTS:
            for a, b in ((r.members[0], r.target), (r.target, r.members[0])):
                conflict = node(names.make(f"CA_{a}_{b}", "CA"), CONTRADICTION, "CA", scheme=CONTRADICTION)
                edge(a, conflict)
                edge(conflict, b)
            continue
        kind, text = _KIND_TEXT[r.kind]
        scheme = "Default Inference" if kind == "RA" else "Default Conflict"
        middle = node(relation_node[index], text, kind, scheme=scheme)
        for member in r.members:
            edge(member, middle)
        target = labelled.get(r.target, r.target) if r.kind is RelationKind.UNDERCUTS else r.target
        edge(middle, target)
    participants = [
        {"participantID": str(number), "firstname": person_name[pid], "surname": ""}
        for pid, number in person_number.items()
    ]
    return {"nodes": nodes, "edges": edges, "locutions": locutions, "participants": participants}


def to_aif(m: Map) -> str:
    """The map as AIFdb JSON text."""
    return safe_json_text(json.dumps(to_aif_data(m), indent=2, ensure_ascii=False)) + "\n"


# -- reading -----------------------------------------------------------------------------------


def looks_like_aif(data: object) -> bool:
    """True for decoded JSON shaped like AIFdb JSON or xAIF."""
    if isinstance(data, dict) and isinstance(data.get("AIF"), dict):
        data = data["AIF"]
    return isinstance(data, dict) and isinstance(data.get("nodes"), list) and isinstance(data.get("edges"), list)


@attrs.frozen
class _AifNode:
    id: str
    type: str
    text: str
    value: Value


def _speaker_from_text(text: str) -> str | None:
    head, colon, _ = text.partition(":")
    head = head.strip()
    return head if colon and 0 < len(head) <= 60 else None


@attrs.frozen
class _Graph:
    """The nodes of an AIF file and its edges, both ways."""

    nodes: dict[str, _AifNode]
    incoming: dict[str, list[str]]
    outgoing: dict[str, list[str]]

    def into(self, node_id: str, *types: str) -> list[str]:
        """The nodes with an edge into ``node_id``, of these types."""
        return [p for p in self.incoming.get(node_id, []) if self.nodes[p].type in types]

    def out_of(self, node_id: str, *types: str) -> list[str]:
        """The nodes ``node_id`` has an edge to, of these types."""
        return [t for t in self.outgoing.get(node_id, []) if self.nodes[t].type in types]


# The dialogue layer: locutions, their illocutions and transitions. The import drops these
# nodes (speakers aside), so an edge of theirs that points nowhere costs nothing.
_DIALOGUE = frozenset({"L", "YA", "TA"})


def _read_graph(aif: Value, warnings: list[Diagnostic]) -> _Graph:
    nodes: dict[str, _AifNode] = {}
    repeated: list[Value] = []
    for item in aif.get("nodes").items():
        item.obj()
        node_id = item.get("nodeID").ident()
        if node_id in nodes:
            if item.raw == nodes[node_id].value.raw:  # AIFdb downloads repeat records whole
                repeated.append(item)
                continue
            raise item.get("nodeID").error(
                f"node id `{brief(node_id)}` is used twice, by records that differ",
                hint="give one of the two nodes another id",
            )
        kind = item.get("type").string()
        raw_text = item.opt("text")
        text = "" if raw_text is None else normalize_text(raw_text.string())
        nodes[node_id] = _AifNode(node_id, kind, text, item)
    if repeated:
        message = f"{_count(len(repeated), 'node record')} repeat an earlier record exactly; each node is read once"
        warnings.append(
            loss(message, repeated[0].span(), hints=("nothing is lost; remove the repeats to silence this",))
        )
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    dangling: list[Value] = []
    for item in aif.get("edges").items():
        item.obj()
        ends = [item.get(key) for key in ("fromID", "toID")]
        ids = [end.ident() for end in ends]
        missing = [end for end, end_id in zip(ends, ids, strict=True) if end_id not in nodes]
        if missing:
            known = [nodes[end_id].type for end_id in ids if end_id in nodes]
            if known and all(kind in _DIALOGUE for kind in known):
                dangling.append(item)
                continue
            end = missing[0]
            raise end.error(
                f"edge points at node `{brief(end.ident())}`, which is not in `nodes`",
                hint="add the node, or remove the edge",
            )
        outgoing.setdefault(ids[0], []).append(ids[1])
        incoming.setdefault(ids[1], []).append(ids[0])
    if dangling:
        message = (
            f"{_count(len(dangling), 'edge')} of the dialogue layer (L, YA, TA) point at nodes missing "
            "from `nodes`; skipped"
        )
        hint = "argmap keeps only speakers from the dialogue layer; check the download is complete"
        warnings.append(loss(message, dangling[0].span(), hints=(hint,)))
    return _Graph(nodes, incoming, outgoing)


def _count(number: int, word: str) -> str:
    return f"{number} {word}" + ("" if number == 1 else "s")


def _speakers(root: Value, aif: Value, graph: _Graph) -> dict[str, tuple[str, str]]:
    """I-node id -> (speaker key, name), from L --> YA --> I and the L-node's locution.

    A speaker is known by the locution's personID where there is one, else by name."""
    participants: dict[str, str] = {}
    found = aif.opt("participants")
    for item in found.items() if found is not None else ():
        item.obj()
        pid = item.get("participantID").ident()
        name = " ".join(part for part in (item.opt_str("firstname"), item.opt_str("surname")) if part)
        participants[pid] = normalize_text(name)
    located: dict[str, str] = {}
    found = root.opt("locutions") or aif.opt("locutions")
    for item in found.items() if found is not None else ():
        item.obj()
        person = item.opt("personID")
        if person is not None:
            located[item.get("nodeID").ident()] = person.ident()
    # Each YA-node's speaker is found once, so a YA-node that many L- and I-nodes share costs
    # its edges once, not their product.
    of_assertion: dict[str, tuple[str, str] | None] = {}

    def speaker(ya: str) -> tuple[str, str] | None:
        if ya not in of_assertion:
            of_assertion[ya] = None
            for source in graph.into(ya, "L"):
                person_id = located.get(source)
                from_text = _speaker_from_text(graph.nodes[source].text)
                if person_id is not None and person_id in participants:
                    of_assertion[ya] = (f"id:{person_id}", participants[person_id])
                elif from_text:
                    of_assertion[ya] = (f"name:{from_text}", from_text)
                elif person_id is not None:
                    of_assertion[ya] = (f"id:{person_id}", f"Person {person_id}")
                else:
                    continue
                break
        return of_assertion[ya]

    speaker_of: dict[str, tuple[str, str]] = {}
    for n in graph.nodes.values():
        if n.type != "I":
            continue
        for ya in graph.into(n.id, "YA"):
            found_speaker = speaker(ya)
            if found_speaker is not None:
                speaker_of[n.id] = found_speaker
                break
    return speaker_of


_SKIPPED = {"TA": "dialogue transitions (TA)", "MA": "rephrases (MA)", "PA": "preferences (PA)"}


@attrs.define
class _RelationReader:
    """RA- and CA-nodes into relations, with a warning for each one that cannot be kept."""

    graph: _Graph
    node_ids: dict[str, str]
    relation_ids: dict[str, str]
    warnings: list[Diagnostic] = attrs.field(factory=list)
    paired: set[str] = attrs.field(factory=set)  # CA-nodes already read as a contradiction
    # (from, to) -> the `Contradiction` CA-nodes with that one edge in and that one edge out,
    # found in one pass: a partner is looked up, not searched for among the target's CA-nodes
    # (a node in thousands of contradictions made that quadratic).
    conflicts: dict[tuple[str, str], list[str]] | None = None

    def _partner(self, n: _AifNode, premise: str, target: str) -> str | None:
        if self.conflicts is None:
            graph, self.conflicts = self.graph, {}
            for c in graph.nodes.values():
                into, out = graph.incoming.get(c.id, []), graph.outgoing.get(c.id, [])
                if c.type == "CA" and c.text == CONTRADICTION and len(into) == 1 and len(out) == 1:
                    self.conflicts.setdefault((into[0], out[0]), []).append(c.id)
        waiting = self.conflicts.get((target, premise), [])
        while waiting and waiting[-1] in self.paired:
            waiting.pop()  # paired for good: never looked at again
        return next((c for c in reversed(waiting) if c != n.id and c not in self.paired), None)

    def read(self, n: _AifNode) -> Relation | None:
        graph = self.graph
        premises = graph.into(n.id, "I")
        others = [p for p in graph.incoming.get(n.id, []) if graph.nodes[p].type not in ("I", "YA", "CA")]
        targets = graph.out_of(n.id, "I", "RA", "CA")
        span = n.value.span()
        if others:
            self.warnings.append(
                loss(
                    f"{n.type}-node `{brief(n.id)}` has a {brief(graph.nodes[others[0]].type)}-node "
                    "as a premise; only statements are kept as premises",
                    span,
                )
            )
        if not premises or len(targets) != 1:
            problem = "no premise" if not premises else f"{len(targets)} conclusions"
            hints = ("an inference or conflict needs premises and one conclusion",)
            self.warnings.append(
                loss(f"{n.type}-node `{brief(n.id)}` has {problem}; it is left out", span, hints=hints)
            )
            return None
        target = graph.nodes[targets[0]]
        members = tuple(dict.fromkeys(self.node_ids[p] for p in premises))
        if n.type == "CA" and n.text == CONTRADICTION and target.type == "I" and len(members) == 1:
            if n.id in self.paired:
                return None  # the second half of a contradiction already read
            partner = self._partner(n, premises[0], target.id)
            if partner is not None:
                self.paired.update({n.id, partner})
                return Relation(RelationKind.CONTRADICTS, members, self.node_ids[target.id], span=span)
        if target.type == "I":
            kind = RelationKind.SUPPORTS if n.type == "RA" else RelationKind.ATTACKS
            aimed = self.node_ids[target.id]
        elif n.type == "CA":
            kind = RelationKind.UNDERCUTS
            aimed = self.relation_ids[target.id]
        else:
            self.warnings.append(
                loss(
                    f"RA-node `{brief(n.id)}` supports an inference (`{brief(target.id)}`), "
                    "which argmap cannot represent; it is left out",
                    span,
                )
            )
            return None
        return Relation(kind, members, aimed, id=self.relation_ids.get(n.id), span=span)


def from_aif_result(text: str, filename: str = "<string>") -> Imported:
    """Read AIFdb JSON or xAIF into a map and warnings; ``FormatError`` for a malformed file."""
    root = parse_json(text, filename).obj()
    aif = root.get("AIF").obj() if root.has("AIF") else root
    read_warnings: list[Diagnostic] = []
    graph = _read_graph(aif, read_warnings)
    ids = IdMaker()
    i_nodes = [n for n in graph.nodes.values() if n.type == "I"]
    node_ids: dict[str, str] = {}
    for n in i_nodes:  # exact ids first, so a made-up one never takes a wanted one
        if is_valid_id(n.id):
            node_ids[n.id] = n.id
            ids.reserve(n.id)
    for n in i_nodes:
        if n.id not in node_ids:
            node_ids[n.id] = ids.make(n.id, "n")
    speaker_of = _speakers(root, aif, graph)
    # RA- and CA-nodes that a CA points at are undercut: their relations need labels.
    undercut = {t for n in graph.nodes.values() if n.type == "CA" for t in graph.out_of(n.id, "RA", "CA")}
    reader = _RelationReader(graph, node_ids, {t: ids.make(t, "R") for t in sorted(undercut)})

    relations: list[tuple[_AifNode, Relation]] = []
    skipped: Counter[str] = Counter()
    first_skipped: dict[str, _AifNode] = {}
    for n in graph.nodes.values():
        if n.type in ("RA", "CA"):
            relation = reader.read(n)
            if relation is not None:
                relations.append((n, relation))
        elif n.type not in ("I", "L", "YA"):
            skipped[n.type] += 1
            first_skipped.setdefault(n.type, n)
    warnings = read_warnings + reader.warnings
    for kind, count in sorted(skipped.items()):
        what = _SKIPPED.get(kind, f"`{brief(kind)}` nodes")
        span = first_skipped[kind].value.span()
        warnings.append(loss(f"{count} {what} cannot be represented in argmap and are left out", span))

    # An undercut of an inference that was left out (e.g. an RA without premises) would dangle.
    made = {r.id for _, r in relations if r.id is not None}
    kept: list[Relation] = []
    for n, r in relations:
        if r.kind is RelationKind.UNDERCUTS and r.target not in made:
            message = f"CA-node `{brief(n.id)}` undercuts an inference that was left out; it is left out too"
            warnings.append(loss(message, n.value.span()))
            continue
        kept.append(r)

    persons: dict[str, Person] = {}
    for key, name in speaker_of.values():
        if key not in persons:
            persons[key] = Person(ids.make(name or "person", "p"), name)
    attacking = {m for r in kept if r.kind in (RelationKind.ATTACKS, RelationKind.UNDERCUTS) for m in r.members}
    directed = {m for r in kept if r.kind is not RelationKind.CONTRADICTS for m in r.members}
    map_nodes = []
    for n in i_nodes:
        new_id = node_ids[n.id]
        node_kind = (
            NodeKind.REBUTTAL if new_id in attacking else NodeKind.PREMISE if new_id in directed else NodeKind.CLAIM
        )
        speaker = speaker_of.get(n.id)
        by = persons[speaker[0]].id if speaker else None
        map_nodes.append(Node(node_kind, new_id, n.text, by=by, span=n.value.span()))
    title = root.raw.get("title") if isinstance(root.raw.get("title"), str) else None
    m = Map(
        title=title, persons=tuple(persons.values()), nodes=tuple(map_nodes), relations=tuple(kept), files=(filename,)
    )
    return Imported(m, sort_diagnostics(warnings))


def from_aif(text: str, filename: str = "<string>") -> Map:
    """Read AIFdb JSON or xAIF into a map (warnings: ``from_aif_result``)."""
    return from_aif_result(text, filename).map
