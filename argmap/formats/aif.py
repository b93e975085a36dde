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

from argmap.formats.errors import FormatError, Imported, loss
from argmap.formats.ids import IdMaker, is_valid_id
from argmap.formats.jsonread import Value, parse_json, safe_json_text
from argmap.model import Map, Node, NodeKind, Person, Relation, RelationKind
from argmap.syntax import normalize_text

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


def from_aif_result(text: str, filename: str = "<string>") -> Imported:
    """Read AIFdb JSON or xAIF into a map and warnings; ``FormatError`` for a malformed file."""
    root = parse_json(text, filename).obj()
    aif = root.get("AIF").obj() if root.has("AIF") else root
    nodes: dict[str, _AifNode] = {}
    for item in aif.get("nodes").items():
        item.obj()
        node_id = item.get("nodeID").ident()
        if node_id in nodes:
            raise item.get("nodeID").error(f"node id `{node_id}` is used twice")
        kind = item.get("type").string()
        raw_text = item.opt("text")
        text = "" if raw_text is None else normalize_text(raw_text.string())
        nodes[node_id] = _AifNode(node_id, kind, text, item)
    outgoing: dict[str, list[str]] = {}
    incoming: dict[str, list[str]] = {}
    for item in aif.get("edges").items():
        item.obj()
        ends = []
        for key in ("fromID", "toID"):
            end = item.get(key)
            end_id = end.ident()
            if end_id not in nodes:
                raise end.error(f"edge points at node `{end_id}`, which is not in `nodes`")
            ends.append(end_id)
        outgoing.setdefault(ends[0], []).append(ends[1])
        incoming.setdefault(ends[1], []).append(ends[0])

    warnings = []
    ids = IdMaker()
    node_ids: dict[str, str] = {}
    i_nodes = [n for n in nodes.values() if n.type == "I"]
    for n in i_nodes:  # exact ids first, so a generated one never takes a wanted one
        if is_valid_id(n.id):
            node_ids[n.id] = n.id
            ids.reserve(n.id)
    for n in i_nodes:
        if n.id not in node_ids:
            node_ids[n.id] = ids.make(n.id, "n")

    # Speakers: L --> YA --> I, the L-node's person from its locution or its text.
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
    # A speaker is known by the locution's personID where there is one, else by name.
    speaker_of: dict[str, tuple[str, str]] = {}  # I-node id -> (key, name)
    for n in i_nodes:
        for ya in incoming.get(n.id, []):
            if nodes[ya].type != "YA":
                continue
            for source in incoming.get(ya, []):
                if nodes[source].type != "L" or n.id in speaker_of:
                    continue
                person_id = located.get(source)
                from_text = _speaker_from_text(nodes[source].text)
                if person_id is not None and person_id in participants:
                    speaker_of[n.id] = (f"id:{person_id}", participants[person_id])
                elif from_text:
                    speaker_of[n.id] = (f"name:{from_text}", from_text)
                elif person_id is not None:
                    speaker_of[n.id] = (f"id:{person_id}", f"Person {person_id}")

    relations: list[tuple[_AifNode, Relation]] = []
    relation_ids: dict[str, str] = {}
    undercut_targets = {
        target
        for n in nodes.values()
        if n.type == "CA"
        for target in outgoing.get(n.id, [])
        if nodes[target].type in ("RA", "CA")
    }
    for target_id in sorted(undercut_targets):
        relation_ids[target_id] = ids.make(target_id, "R")

    handled_contradictions: set[str] = set()
    skipped: Counter[str] = Counter()
    first_skipped: dict[str, _AifNode] = {}
    for n in nodes.values():
        if n.type in ("I", "L", "YA", "TA"):
            if n.type == "TA":
                skipped["TA"] += 1
                first_skipped.setdefault("TA", n)
            continue
        if n.type not in ("RA", "CA"):
            skipped[n.type] += 1
            first_skipped.setdefault(n.type, n)
            continue
        premises = [p for p in incoming.get(n.id, []) if nodes[p].type == "I"]
        others = [p for p in incoming.get(n.id, []) if nodes[p].type not in ("I", "YA", "CA")]
        targets = [t for t in outgoing.get(n.id, []) if nodes[t].type in ("I", "RA", "CA")]
        if others:
            warnings.append(
                loss(
                    f"{n.type}-node `{n.id}` has a {nodes[others[0]].type}-node as a premise; "
                    "only statements are kept as premises",
                    n.value.span(),
                )
            )
        if not premises or len(targets) != 1:
            problem = "no premise" if not premises else f"{len(targets)} conclusions"
            warnings.append(
                loss(
                    f"{n.type}-node `{n.id}` has {problem}; it is left out",
                    n.value.span(),
                    hints=("an inference or conflict needs premises and one conclusion",),
                )
            )
            continue
        target = nodes[targets[0]]
        members = tuple(dict.fromkeys(node_ids[p] for p in premises))
        if n.type == "CA" and n.text == CONTRADICTION and target.type == "I" and len(members) == 1:
            back = [
                c
                for c in outgoing.get(target.id, [])
                if nodes[c].type == "CA"
                and nodes[c].text == CONTRADICTION
                and outgoing.get(c) == [premises[0]]
                and incoming.get(c) == [target.id]
            ]
            partner = [c for c in back if c not in handled_contradictions and c != n.id]
            if partner and n.id not in handled_contradictions:
                handled_contradictions.update({n.id, partner[0]})
                relations.append(
                    (n, Relation(RelationKind.CONTRADICTS, members, node_ids[target.id], span=n.value.span()))
                )
                continue
            if n.id in handled_contradictions:
                continue
        if target.type == "I":
            relation_kind = RelationKind.SUPPORTS if n.type == "RA" else RelationKind.ATTACKS
            aimed = node_ids[target.id]
        elif n.type == "CA":
            relation_kind = RelationKind.UNDERCUTS
            aimed = relation_ids[target.id]
        else:
            warnings.append(
                loss(
                    f"RA-node `{n.id}` supports an inference (`{target.id}`), which argmap cannot represent; "
                    "it is left out",
                    n.value.span(),
                )
            )
            continue
        relations.append((n, Relation(relation_kind, members, aimed, id=relation_ids.get(n.id), span=n.value.span())))
    for kind, count in sorted(skipped.items()):
        what = {"TA": "dialogue transitions (TA)", "MA": "rephrases (MA)", "PA": "preferences (PA)"}.get(
            kind, f"`{kind}` nodes"
        )
        warnings.append(
            loss(f"{count} {what} cannot be represented in argmap and are left out", first_skipped[kind].value.span())
        )

    # Undercut targets that never became relations (e.g. a dropped RA) make the undercut dangle.
    made = {r.id for _, r in relations if r.id is not None}
    kept: list[Relation] = []
    for n, r in relations:
        if r.kind is RelationKind.UNDERCUTS and r.target not in made:
            warnings.append(
                loss(f"CA-node `{n.id}` undercuts an inference that was left out; it is left out too", n.value.span())
            )
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
        map_nodes.append(
            Node(node_kind, new_id, n.text, by=persons[speaker[0]].id if speaker else None, span=n.value.span())
        )
    title = root.opt_str("title") if isinstance(root.raw.get("title"), str) else None
    m = Map(
        title=title, persons=tuple(persons.values()), nodes=tuple(map_nodes), relations=tuple(kept), files=(filename,)
    )
    return Imported(m, tuple(warnings))


def from_aif(text: str, filename: str = "<string>") -> Map:
    """Read AIFdb JSON or xAIF into a map (warnings: ``from_aif_result``)."""
    return from_aif_result(text, filename).map


__all__ += ["FormatError"]
