"""Feedback on a student's map against the teacher's key: what was found, what is wrong, a score.

``compare(student, key)`` is pure. Each of the key's nodes is matched to at most one student
node, in three passes: by id (when the ids agree and the texts are not plainly different), then
by a shared quote, then by text similarity (``similarity.TEXT_THRESHOLD``). Relations are then
compared in the key's terms: the right relation, the wrong kind, the wrong direction, a linked
reason written as separate reasons or the other way round, or missing. Whatever the student wrote
that matches nothing in the key is listed as added. docs/classroom.md documents every rule and
the score.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import attrs

from argmap.classroom.similarity import TEXT_THRESHOLD, Texts, quotes_match
from argmap.language.printer import relation_text
from argmap.model import Map, Node, NodeKind, Relation, RelationKind

__all__ = [
    "CREDIT",
    "ID_FLOOR",
    "Comparison",
    "ExtraNode",
    "NodeFinding",
    "RelationFinding",
    "compare",
    "describe",
    "marked_map",
    "to_json",
    "to_text",
]

#: A student node with the key's id still needs this much text similarity (or a shared quote),
#: so that a student who reused ``P1`` for a different statement gets no credit for it.
ID_FLOOR = 0.25

CORRECT = "correct"
WRONG_KIND = "wrong-kind"
REVERSED = "reversed"
LINKED_AS_SEPARATE = "linked-as-separate"
SEPARATE_AS_LINKED = "separate-as-linked"
INCOMPLETE = "incomplete"
MISSING = "missing"

#: Points for one of the key's relations, by what the student wrote for it.
CREDIT: Mapping[str, float] = {
    CORRECT: 1.0,
    WRONG_KIND: 0.5,
    REVERSED: 0.5,
    LINKED_AS_SEPARATE: 0.5,
    SEPARATE_AS_LINKED: 0.5,
    INCOMPLETE: 0.5,
    MISSING: 0.0,
}

_ROLE_ORDER = {"claim": 0, "reason": 1, "objection": 2}


@attrs.frozen
class NodeFinding:
    """One of the key's nodes and the student node matched to it (``student`` is None if none)."""

    key: str
    role: str  # claim | reason | objection
    kind: str
    text: str
    student: str | None
    matched_by: str | None  # id | quote | text
    similarity: float
    student_kind: str | None


@attrs.frozen
class RelationFinding:
    """One of the key's relations and what the student wrote for it."""

    key: str  # the key's relation, written in the key's ids
    status: str
    message: str
    student: tuple[str, ...]  # the student's relations involved, written in the student's ids
    student_indexes: tuple[int, ...] = attrs.field(eq=False, repr=False)

    @property
    def credit(self) -> float:
        """Points earned: see ``CREDIT``."""
        return CREDIT[self.status]


@attrs.frozen
class ExtraNode:
    """A node the student added that matches none of the key's."""

    id: str
    kind: str
    text: str


@attrs.frozen
class Comparison:
    """The whole feedback on one student's map."""

    student_name: str
    key_name: str
    nodes: tuple[NodeFinding, ...]
    relations: tuple[RelationFinding, ...]
    extra_nodes: tuple[ExtraNode, ...]
    extra_relations: tuple[str, ...]
    extra_relation_indexes: tuple[int, ...] = attrs.field(eq=False, repr=False)

    @property
    def points(self) -> float:
        """One point per key node found plus each key relation's credit."""
        return sum(1.0 for n in self.nodes if n.student is not None) + sum(r.credit for r in self.relations)

    @property
    def possible(self) -> int:
        """The key's node count plus its relation count."""
        return len(self.nodes) + len(self.relations)

    @property
    def percent(self) -> float:
        """``points / possible`` as a percentage, one decimal (100 for an empty key)."""
        return round(100.0 * self.points / self.possible, 1) if self.possible else 100.0

    def student_of(self, key_id: str) -> str | None:
        """The student's id for one of the key's nodes, or None when the student missed it."""
        for finding in self.nodes:
            if finding.key == key_id:
                return finding.student
        return None


# -- describing relations ---------------------------------------------------------------------


def describe(rel: Relation) -> str:
    """A relation as ``.arg`` writes it (without notes): ``S1: P1 + P2 supports C1``."""
    return relation_text(attrs.evolve(rel, note=None))


def _role(m: Map, node: Node) -> str:
    if node.kind is NodeKind.CLAIM:
        return "claim"
    attacking = (RelationKind.ATTACKS, RelationKind.UNDERCUTS)
    if node.kind is NodeKind.REBUTTAL or any(r.kind in attacking and node.id in r.members for r in m.outgoing(node.id)):
        return "objection"
    return "reason"


# -- matching nodes ---------------------------------------------------------------------------


def _shares_quote(a: Node, b: Node) -> bool:
    return any(quotes_match(qa.text, qb.text) for qa in a.quotes for qb in b.quotes)


def _match_nodes(student: Map, key: Map) -> dict[str, tuple[str, str, float]]:
    """key id -> (student id, how, similarity), one-to-one."""
    matched: dict[str, tuple[str, str, float]] = {}
    taken: set[str] = set()
    student_nodes = student.first_nodes()
    by_id = {n.id: n for n in student_nodes}
    key_nodes = key.first_nodes()

    texts = Texts()
    for k in key_nodes:
        s = by_id.get(k.id)
        if s is None:
            continue
        # Exact at or above the floor; below it, difflib runs in full only for a shared quote.
        score = texts.similarity(k.text, s.text, ID_FLOOR)
        if score < ID_FLOOR and _shares_quote(k, s):
            score = texts.similarity(k.text, s.text)
        if score >= ID_FLOOR or _shares_quote(k, s):
            matched[k.id] = (s.id, "id", score)
            taken.add(s.id)

    for k in key_nodes:
        if k.id in matched:
            continue
        candidates = [s for s in student_nodes if s.id not in taken and _shares_quote(k, s)]
        if candidates:
            best = max(candidates, key=lambda s: texts.similarity(k.text, s.text))
            matched[k.id] = (best.id, "quote", texts.similarity(k.text, best.text))
            taken.add(best.id)

    pairs = []
    for ki, k in enumerate(key_nodes):
        if k.id in matched:
            continue
        for si, s in enumerate(student_nodes):
            if s.id in taken:
                continue
            score = texts.similarity(k.text, s.text, TEXT_THRESHOLD)
            if score >= TEXT_THRESHOLD:
                pairs.append((-score, ki, si, k.id, s.id))
    for negative, _, _, key_id, student_id in sorted(pairs):
        if key_id in matched or student_id in taken:
            continue
        matched[key_id] = (student_id, "text", -negative)
        taken.add(student_id)
    return matched


# -- comparing relations ----------------------------------------------------------------------


@attrs.frozen
class _Shape:
    """A relation in the key's terms: member and target tokens (unmatched student ids prefixed)."""

    kind: RelationKind
    members: frozenset[str]
    target: str

    @property
    def pair(self) -> frozenset[str]:
        return self.members | {self.target}


def _student_token(student_id: str, s2k: Mapping[str, str]) -> str:
    # A colon cannot occur in an id, so these never collide with the key's ids.
    return s2k.get(student_id, f"student:{student_id}")


class _RelationComparer:
    """Walks the key's relations; undercuts after the relations they target."""

    def __init__(self, student: Map, key: Map, s2k: Mapping[str, str]) -> None:
        self.student = student
        self.key = key
        self.s2k = s2k
        self.student_to_key: dict[int, int] = {}  # student relation index -> key relation index
        self.used: set[int] = set()
        self.findings: dict[int, RelationFinding] = {}

    def key_shape(self, index: int) -> _Shape | None:
        rel = self.key.relations[index]
        target = rel.target
        if rel.kind is RelationKind.UNDERCUTS:
            target_index = _relation_index(self.key, rel.target)
            if target_index is None or target_index not in self.findings:
                return None
            target = f"rel:{target_index}"
        return _Shape(rel.kind, frozenset(rel.members), target)

    def student_shape(self, index: int) -> _Shape:
        rel = self.student.relations[index]
        members = frozenset(_student_token(m, self.s2k) for m in rel.members)
        if rel.kind is RelationKind.UNDERCUTS:
            target_index = _relation_index(self.student, rel.target)
            if target_index is not None and target_index in self.student_to_key:
                return _Shape(rel.kind, members, f"rel:{self.student_to_key[target_index]}")
            return _Shape(rel.kind, members, f"student-rel:{rel.target}")
        return _Shape(rel.kind, members, _student_token(rel.target, self.s2k))

    def run(self) -> list[RelationFinding]:
        pending = list(range(len(self.key.relations)))
        while pending:
            progress = [i for i in pending if self.key_shape(i) is not None]
            if not progress:
                # Undercuts of relations that are missing or undercut each other: nothing matches.
                for i in pending:
                    self.findings[i] = self.finding(i, MISSING, [])
                break
            for i in progress:
                shape = self.key_shape(i)
                assert shape is not None
                self.findings[i] = self.judge(i, shape)
            pending = [i for i in pending if i not in self.findings]
        return [self.findings[i] for i in range(len(self.key.relations))]

    def judge(self, index: int, k: _Shape) -> RelationFinding:
        shapes = [(i, self.student_shape(i)) for i in range(len(self.student.relations))]
        contradiction = k.kind is RelationKind.CONTRADICTS

        def same_ends(s: _Shape) -> bool:
            if contradiction or s.kind is RelationKind.CONTRADICTS:
                return s.pair == k.pair and len(k.members) == 1 and len(s.members) == 1
            return s.members == k.members and s.target == k.target

        exact = [i for i, s in shapes if s.kind is k.kind and same_ends(s)]
        if exact:
            return self.finding(index, CORRECT, self.pick(index, exact))
        other_kind = [i for i, s in shapes if same_ends(s)]
        if other_kind:
            return self.finding(index, WRONG_KIND, self.pick(index, other_kind))
        if contradiction:
            return self.finding(index, MISSING, [])
        reversed_ = [i for i, s in shapes if s.target in k.members and k.target in s.members]
        if reversed_:
            return self.finding(index, REVERSED, self.pick(index, reversed_))
        same_target = [(i, s) for i, s in shapes if s.target == k.target and s.members & k.members]
        subsets = [i for i, s in same_target if s.members < k.members]
        if len(k.members) > 1 and len(subsets) > 1:
            return self.finding(index, LINKED_AS_SEPARATE, subsets)
        supersets = [i for i, s in same_target if s.members > k.members]
        if supersets:
            return self.finding(index, SEPARATE_AS_LINKED, self.pick(index, supersets))
        if same_target:
            return self.finding(index, INCOMPLETE, [same_target[0][0]])
        return self.finding(index, MISSING, [])

    def pick(self, index: int, candidates: Sequence[int]) -> list[int]:
        """The best of several student relations for one key relation: one with the same label,
        then one no other key relation has claimed, then the first (a repeated relation)."""
        label = self.key.relations[index].id

        def rank(i: int) -> tuple[bool, bool, int]:
            same_label = label is not None and self.student.relations[i].id == label
            return (not same_label, i in self.used, i)

        return [min(candidates, key=rank)]

    def finding(self, index: int, status: str, student_indexes: Sequence[int]) -> RelationFinding:
        for i in student_indexes:
            self.used.add(i)
            self.student_to_key.setdefault(i, index)
        rel = self.key.relations[index]
        written = tuple(describe(self.student.relations[i]) for i in student_indexes)
        return RelationFinding(
            key=describe(rel),
            status=status,
            message=self.message(rel, status, written),
            student=written,
            student_indexes=tuple(student_indexes),
        )

    def message(self, rel: Relation, status: str, written: tuple[str, ...]) -> str:
        yours = " and ".join(f"`{w}`" for w in written)
        group = f"`{' + '.join(rel.members)}`"
        if status == CORRECT:
            return "right"
        if status == WRONG_KIND:
            return f"wrong kind: you wrote {yours}, the key has `{rel.kind.value}`"
        if status == REVERSED:
            return f"wrong direction: you wrote {yours}, the arrow points the other way in the key"
        if status == LINKED_AS_SEPARATE:
            return (
                f"linked reason written as separate reasons: you wrote {yours}; in the key {group} work only together"
            )
        if status == SEPARATE_AS_LINKED:
            return f"separate reason written as linked: you wrote {yours}; in the key {group} is a reason on its own"
        if status == INCOMPLETE:
            return f"different group: you wrote {yours}; the key's group is {group}"
        missed = [m for m in (*rel.members, rel.target) if m in self.key and m not in self.s2k.values()]
        if rel.kind is not RelationKind.UNDERCUTS and missed:
            return f"missing: not in your map (you did not find {', '.join(missed)})"
        return "missing: not in your map"


def _relation_index(m: Map, relation_id: str) -> int | None:
    for i, rel in enumerate(m.relations):
        if rel.id == relation_id:
            return i
    return None


# -- the whole comparison ---------------------------------------------------------------------


def compare(student: Map, key: Map, *, student_name: str = "student", key_name: str = "key") -> Comparison:
    """Compare a student's map with the teacher's key (pure; both maps should be free of errors)."""
    matched = _match_nodes(student, key)
    s2k = {student_id: key_id for key_id, (student_id, _, _) in matched.items()}
    node_findings = []
    for k in key.first_nodes():
        found = matched.get(k.id)
        student_node = student.node(found[0]) if found else None
        node_findings.append(
            NodeFinding(
                key=k.id,
                role=_role(key, k),
                kind=k.kind.value,
                text=k.text,
                student=found[0] if found else None,
                matched_by=found[1] if found else None,
                similarity=round(found[2], 2) if found else 0.0,
                student_kind=student_node.kind.value if student_node else None,
            )
        )
    node_findings.sort(key=lambda f: _ROLE_ORDER[f.role])  # stable: file order within a role
    comparer = _RelationComparer(student, key, s2k)
    relation_findings = comparer.run()
    extra_nodes = tuple(ExtraNode(n.id, n.kind.value, n.text) for n in student.first_nodes() if n.id not in s2k)
    extra_indexes = tuple(i for i in range(len(student.relations)) if i not in comparer.used)
    return Comparison(
        student_name=student_name,
        key_name=key_name,
        nodes=tuple(node_findings),
        relations=tuple(relation_findings),
        extra_nodes=extra_nodes,
        extra_relations=tuple(describe(student.relations[i]) for i in extra_indexes),
        extra_relation_indexes=extra_indexes,
    )


# -- the student's map, marked -----------------------------------------------------------------


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted}-key" if n == 2 else f"{wanted}-key{n}"
    taken.add(candidate)
    return candidate


def marked_map(student: Map, key: Map, c: Comparison) -> tuple[Map, dict[str, str]]:
    """The student's map to draw with the differences marked, and the marks for ``RenderOptions``.

    What the student added is marked ``extra``; relations drawn differently from the key are
    marked ``wrong``; the key's nodes and relations the student missed are added, marked
    ``missing`` (their text only: quotes and speakers belong to the key's sources and persons).
    A missed undercut is not drawn: the inference it attacks may not exist in the student's map.
    """
    from argmap.diagram.dot import relation_keys

    taken = {n.id for n in student.nodes} | {r.id for r in student.relations if r.id is not None}
    taken |= {s.id for s in student.sources} | {p.id for p in student.persons}
    to_drawn = {f.key: f.student for f in c.nodes if f.student is not None}
    added_nodes = []
    for node_finding in c.nodes:
        if node_finding.student is None:
            k = key.node(node_finding.key)
            drawn_id = _free_id(k.id, taken)
            to_drawn[k.id] = drawn_id
            added_nodes.append(Node(k.kind, drawn_id, k.text, implicit=k.implicit))
    added_relations = []
    for finding, rel in zip(c.relations, key.relations, strict=True):
        if finding.status != MISSING or rel.kind is RelationKind.UNDERCUTS:
            continue
        ends = (*rel.members, rel.target)
        if all(e in to_drawn for e in ends):
            members = tuple(to_drawn[m] for m in rel.members)
            added_relations.append(Relation(rel.kind, members, to_drawn[rel.target], outweighed=rel.outweighed))
    drawn = attrs.evolve(
        student, nodes=(*student.nodes, *added_nodes), relations=(*student.relations, *added_relations)
    )
    keys = relation_keys(drawn)
    marks: dict[str, str] = {}
    for node in added_nodes:
        marks[node.id] = "missing"
    for extra in c.extra_nodes:
        marks[extra.id] = "extra"
    for index in c.extra_relation_indexes:
        marks[keys[index]] = "extra"
    for finding in c.relations:
        if finding.status not in (CORRECT, MISSING):
            for index in finding.student_indexes:
                marks[keys[index]] = "wrong"
    for index in range(len(student.relations), len(drawn.relations)):
        marks[keys[index]] = "missing"
    return drawn, marks


# -- output -----------------------------------------------------------------------------------


def _number(value: float) -> str:
    return f"{value:g}"


def to_records(c: Comparison) -> dict[str, object]:
    """The comparison as plain data, in the documented JSON shape."""
    return {
        "student": c.student_name,
        "key": c.key_name,
        "score": {"points": c.points, "possible": c.possible, "percent": c.percent},
        "nodes": [
            {
                "key": n.key,
                "role": n.role,
                "kind": n.kind,
                "text": n.text,
                "found": n.student is not None,
                "student": n.student,
                "matched_by": n.matched_by,
                "similarity": n.similarity,
                "student_kind": n.student_kind,
            }
            for n in c.nodes
        ],
        "relations": [
            {"key": r.key, "status": r.status, "credit": r.credit, "student": list(r.student), "message": r.message}
            for r in c.relations
        ],
        "extra_nodes": [{"id": e.id, "kind": e.kind, "text": e.text} for e in c.extra_nodes],
        "extra_relations": list(c.extra_relations),
    }


def to_json(c: Comparison) -> str:
    """The comparison as JSON for a gradebook (sorted keys, two-space indent)."""
    from argmap.analysis.report import dumps_safe

    return dumps_safe(to_records(c), indent=2, sort_keys=True)


_ROLE_TITLES = {"claim": "Claims", "reason": "Reasons", "objection": "Objections"}
_HOW = {"id": "same id", "quote": "same quote", "text": "similar text"}


def _lines(c: Comparison) -> Iterator[str]:
    yield f"{c.student_name} compared with {c.key_name}"
    yield f"Score: {_number(c.points)} of {c.possible} points ({_number(c.percent)}%)"
    for role in ("claim", "reason", "objection"):
        group = [n for n in c.nodes if n.role == role]
        if not group:
            continue
        found = sum(n.student is not None for n in group)
        yield ""
        yield f"{_ROLE_TITLES[role]}: {found} of {len(group)} found"
        for n in group:
            if n.student is None:
                yield f"  missing  {n.key} {_quoted(n.text)}"
                continue
            how = _HOW[n.matched_by or "id"]
            as_what = f"as {n.student}, " if n.student != n.key else ""
            kind = f"; you wrote a {n.student_kind}, the key has a {n.kind}" if n.student_kind != n.kind else ""
            yield f"  found    {n.key} {_quoted(n.text)} ({as_what}{how}{kind})"
    if c.relations:
        right = sum(r.status == CORRECT for r in c.relations)
        yield ""
        yield f"Relations: {right} of {len(c.relations)} right"
        for r in c.relations:
            tag = {"correct": "right", "missing": "missing"}.get(r.status, "partly")
            yield f"  {tag:<8} {r.key}"
            if r.status != CORRECT:
                yield f"{'':11}{r.message}"
    if c.extra_nodes or c.extra_relations:
        yield ""
        yield "Added by you, not in the key (worth discussing, no points lost):"
        for e in c.extra_nodes:
            yield f"  added    {e.kind} {e.id} {_quoted(e.text)}"
        for text in c.extra_relations:
            yield f"  added    {text}"


def _quoted(text: str, width: int = 60) -> str:
    one_line = " ".join(text.split())
    if len(one_line) > width:
        cut = one_line[: width - 1]
        if " " in cut[width // 2 :]:  # end at a word, not inside one
            cut = cut[: cut.rindex(" ")]
        one_line = cut.rstrip(" ,;:.") + "…"
    return f'"{one_line}"'


def to_text(c: Comparison) -> str:
    """The comparison as readable text for the student and the teacher."""
    return "\n".join(_lines(c)) + "\n"
