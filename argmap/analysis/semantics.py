"""Which claims stand: grounded, preferred and stable labellings of a map.

A map is read as a set of *elements*, each of which stands (``in``), falls (``out``) or is left
``undecided``: every node, and every relation (an inference: "these premises support or attack
that target"). Each element has a condition, taken from the structure the author wrote:

* a relation stands when all its members (its co-premises) stand and no undercut of it stands;
* a node stands when it has no reasons or at least one of its reasons (``supports`` relations)
  stands, and none of its objections (``attacks`` relations, and the other side of each
  ``contradicts``) stands;
* an objection marked ``outweighed`` is labelled like any relation, but defeats nothing.

A *complete* labelling gives each element the value of its condition in three-valued (Kleene)
logic: ``in`` when the condition is surely true, ``out`` when surely false, else ``undecided``.
This is a bipolar abstract dialectical framework (Brewka and Woltran); on a map with only
attacks it is exactly a Dung framework, and the labellings below are Dung's:

* grounded: the least complete labelling (the sceptical answer; found in linear time);
* preferred: the complete labellings that decide as much as possible (maximal ``in`` and
  ``out``); there may be several, each one consistent reading;
* stable: the complete labellings that leave nothing undecided and whose ``in`` elements are
  justified without circular support (the framework's stable models).

Preferred and stable start from the grounded labelling and ask a SAT solver
(``argmap.analysis.solver``) about the rest, so maps of thousands of nodes answer in seconds.
"""

from __future__ import annotations

import enum
import itertools
import operator
import time
import types
from array import array
from collections.abc import Iterable, Iterator, Mapping, MutableSequence, Sequence
from functools import cached_property
from typing import cast

import attrs

from argmap.analysis.graphs import strongly_connected
from argmap.language.printer import relation_text
from argmap.model import Map, Relation, RelationKind
from argmap.model.diagnostics import listed

__all__ = [
    "MAX_REJECTED",
    "SEMANTICS",
    "Labelling",
    "Readings",
    "Status",
    "evaluate",
    "grounded",
    "grounded_extension",
    "preferred",
    "search",
    "stable",
]

#: The semantics ``evaluate`` understands.
SEMANTICS = ("grounded", "preferred", "stable")

#: Stable search: candidate readings that fail the well-foundedness test (circular support) count
#: toward this bound, so a map with many support cycles cannot keep the search going through 2^n
#: of them without ever reaching ``limit``.
MAX_REJECTED = 1000


class Status(enum.Enum):
    """The label of one element."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


_IN, _OUT, _UNDEC = 1, 0, 2  # internal codes
IN_CODE, OUT_CODE, UNDECIDED_CODE = _IN, _OUT, _UNDEC
_STATUS = {_IN: Status.IN, _OUT: Status.OUT, _UNDEC: Status.UNDECIDED}
_STATUS_BY_CODE = (Status.OUT, Status.IN, Status.UNDECIDED)  # indexed by code


# -- the framework -----------------------------------------------------------------------------

_NODE_ID = operator.attrgetter("id")
_KIND = operator.attrgetter("kind")
_MEMBERS = operator.attrgetter("members")
_TARGET = operator.attrgetter("target")
_OUTWEIGHED = operator.attrgetter("outweighed")
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)


@attrs.frozen(eq=False)
class Framework:
    """A map as elements with conditions, kept as flat integer arrays.

    Element ``i`` is a node (``relations[i]`` is ``None``) or a relation. An element stands when
    none of its attackers stands and each of its clauses holds: a relation has one clause per
    member (that member stands; an empty clause, a member that names nothing, never holds), a
    node with reasons has one clause (one of its ``supports`` relations stands).

    The links are kept as parallel lists of integers (``attack_from[k]`` attacks
    ``attack_to[k]``; ``reason_from[k]`` is a reason for node ``reason_to[k]``;
    ``member_from[k]`` is a member of relation element ``member_to[k]``), so a framework of a
    million arguments is a few lists rather than millions of small tuples. ``attackers``,
    ``clauses`` and ``reasons_of`` give the per-element view, built on first use.

    A plain objection (one member, no id, not outweighed: ``R1 attacks P2``) gets no element of
    its own: it would stand exactly when its member stands, so the member attacks the target
    directly. That keeps frameworks from argument mining, which are mostly such attacks, small.
    """

    keys: tuple[str, ...]
    relations: tuple[Relation | None, ...]
    public: tuple[bool, ...]
    index: Mapping[str, int]
    attack_from: Sequence[int]
    attack_to: Sequence[int]
    reason_from: Sequence[int]
    reason_to: Sequence[int]
    member_from: Sequence[int]
    member_to: Sequence[int]
    #: Relation elements with a member that names no node (that clause can never hold).
    unfounded: Sequence[int]
    #: For each relation of the map, in order, its element (-1 when it has none).
    relation_elements: tuple[int, ...]
    #: ``(attacker, target)`` node pairs joined by ``contradicts`` (for explanations).
    contradictions: frozenset[tuple[int, int]]

    @property
    def size(self) -> int:
        """The number of elements."""
        return len(self.keys)

    @cached_property
    def attackers(self) -> tuple[tuple[int, ...], ...]:
        """The attackers of each element."""
        return _per_element(self.size, self.attack_to, self.attack_from)

    @cached_property
    def reasons_of(self) -> tuple[tuple[int, ...], ...]:
        """The ``supports`` relations aimed at each element."""
        return _per_element(self.size, self.reason_to, self.reason_from)

    @cached_property
    def clauses(self) -> tuple[tuple[tuple[int, ...], ...], ...]:
        """Each element's clauses, each a tuple of elements at least one of which must stand."""
        node_count = self.relations.count(None)
        index = self.index
        out: list[tuple[tuple[int, ...], ...]] = []
        for rel, reasons in zip(self.relations, self.reasons_of, strict=True):
            if rel is None:
                out.append((reasons,) if reasons else ())
            else:
                out.append(
                    tuple(
                        (found,) if (found := index.get(member)) is not None and found < node_count else ()
                        for member in rel.members
                    )
                )
        return tuple(out)


def _per_element(size: int, keys: Sequence[int], values: Sequence[int]) -> tuple[tuple[int, ...], ...]:
    grouped: list[list[int]] = [[] for _ in range(size)]
    for key, value in zip(keys, values, strict=True):
        grouped[key].append(value)
    return tuple(map(tuple, grouped))


def _node_index(m: Map) -> tuple[list[str], dict[str, int]]:
    """Node ids in order and their elements (declared twice: the first counts, duplicate-id
    reports it)."""
    ids = list(map(_NODE_ID, m.nodes))
    index = dict(zip(ids, range(len(ids)), strict=True))
    if len(index) == len(ids):
        return ids, index
    keys: list[str] = []
    index = {}
    for node_id in ids:
        if node_id not in index:
            index[node_id] = len(keys)
            keys.append(node_id)
    return keys, index


def _only_plain_attacks(relations: Sequence[Relation]) -> bool:
    """True for a Dung framework: every relation a plain objection (counted in C, no loop)."""
    n = len(relations)
    return (
        list(map(_KIND, relations)).count(RelationKind.ATTACKS) == n
        and list(map(_NODE_ID, relations)).count(None) == n
        and list(map(len, map(_MEMBERS, relations))).count(1) == n
        and list(map(_OUTWEIGHED, relations)).count(False) == n
    )


def framework(m: Map) -> Framework:
    """Translate a map into its elements and their conditions (linear in the map's size)."""
    keys, index = _node_index(m)
    node_count = len(keys)
    relations = m.relations
    if _only_plain_attacks(relations):
        # A Dung framework (argument mining, the benchmark's random frameworks): the links are
        # two look-ups per relation, done by ``map`` in C; no element per relation.
        found_sources = list(map(index.get, map(_FIRST, map(_MEMBERS, relations))))
        found_targets = list(map(index.get, map(_TARGET, relations)))
        if None in found_sources or None in found_targets:  # an undeclared id: names reports it
            pairs = [
                (a, b) for a, b in zip(found_sources, found_targets, strict=True) if a is not None and b is not None
            ]
            sources, targets = [a for a, _ in pairs], [b for _, b in pairs]
        else:
            sources, targets = cast("list[int]", found_sources), cast("list[int]", found_targets)
        return Framework(
            keys=tuple(keys),
            relations=(None,) * node_count,
            public=(True,) * node_count,
            index=index,
            attack_from=sources,
            attack_to=targets,
            reason_from=[],
            reason_to=[],
            member_from=[],
            member_to=[],
            unfounded=(),
            relation_elements=(-1,) * len(relations),
            contradictions=frozenset(),
        )
    rels: list[Relation | None] = [None] * node_count
    public = [True] * node_count
    relation_index: dict[str, int] = {}
    relation_elements: list[int] = []
    attack_from: list[int] = []
    attack_to: list[int] = []
    contradictions: set[tuple[int, int]] = set()
    contradicts, attacks = RelationKind.CONTRADICTS, RelationKind.ATTACKS
    for position, rel in enumerate(relations):
        kind, rel_id = rel.kind, rel.id
        if kind is contradicts:
            relation_elements.append(-1)
            a, b = index.get(rel.members[0]), index.get(rel.target)
            if a is not None and b is not None and a < node_count and b < node_count:
                attack_from.append(b)
                attack_to.append(a)
                contradictions.add((b, a))
                if a != b:
                    attack_from.append(a)
                    attack_to.append(b)
                    contradictions.add((a, b))
            continue
        if kind is attacks and rel_id is None and len(rel.members) == 1:
            relation_elements.append(-1)
            member, target = index.get(rel.members[0]), index.get(rel.target)
            # Every node is indexed by now, so the target can be resolved at once.
            if not rel.outweighed and member is not None and target is not None and max(member, target) < node_count:
                attack_from.append(member)
                attack_to.append(target)
            continue
        element = len(keys)
        relation_elements.append(element)
        if rel_id is not None and rel_id not in index:
            index[rel_id] = element
            keys.append(rel_id)
            public.append(True)
        else:
            keys.append(f"#{position}")
            public.append(False)
        if rel_id is not None and rel_id not in relation_index:
            relation_index[rel_id] = element
        rels.append(rel)
    size = len(keys)
    reason_from: list[int] = []
    reason_to: list[int] = []
    member_from: list[int] = []
    member_to: list[int] = []
    unfounded: set[int] = set()
    supports, undercuts = RelationKind.SUPPORTS, RelationKind.UNDERCUTS
    for element in range(node_count, size):
        maybe = rels[element]
        assert maybe is not None  # every element from node_count on is a relation
        rel = maybe
        for member_id in rel.members:
            found = index.get(member_id)
            if found is not None and found < node_count:
                member_from.append(found)
                member_to.append(element)
            else:
                unfounded.add(element)
        kind = rel.kind
        if kind is supports:
            target = index.get(rel.target)
            if target is not None and target < node_count:
                reason_from.append(element)
                reason_to.append(target)
        elif not rel.outweighed:
            target = (relation_index if kind is undercuts else index).get(rel.target)
            if target is not None and (target < node_count) == (kind is attacks):
                attack_from.append(element)
                attack_to.append(target)
    return Framework(
        keys=tuple(keys),
        relations=tuple(rels),
        public=tuple(public),
        index=index,
        attack_from=attack_from,
        attack_to=attack_to,
        reason_from=reason_from,
        reason_to=reason_to,
        member_from=member_from,
        member_to=member_to,
        unfounded=sorted(unfounded),
        relation_elements=tuple(relation_elements),
        contradictions=frozenset(contradictions),
    )


def upstream(m: Map, ids: Iterable[str]) -> Map:
    """The part of ``m`` that the grounded statuses of ``ids`` depend on: those elements (a
    relation's id names the relation), every relation aimed at one of them (both sides of a
    contradiction), the members and objections of each, and so on up.

    Grounded evaluation is directional: an element's status depends only on what has a path to
    it, so evaluating this part gives ``ids`` (and everything in the part) the statuses the
    whole map gives them, at the cost of the part. When ids are declared twice, or a relation is
    labelled with a node's id, which element a name means depends on the whole map: then the
    whole map is returned.
    """
    nodes, relations = m.nodes, m.relations
    node_ids = set(map(_NODE_ID, nodes))
    labels = [(label, position) for position, label in enumerate(map(_NODE_ID, relations)) if label is not None]
    labelled = dict(labels)
    if len(node_ids) != len(nodes) or len(labelled) != len(labels) or not node_ids.isdisjoint(labelled):
        return m
    # ``Map.incoming`` gives these lists too, but builds every table of the map's index with
    # them (three times the cost of this loop on a 20,000-statement map).
    aimed_at: dict[str, list[int]] = {}
    contradicts = RelationKind.CONTRADICTS
    for position, rel in enumerate(relations):
        aimed_at.setdefault(rel.target, []).append(position)
        if rel.kind is contradicts:  # symmetric: each side is aimed at the other
            aimed_at.setdefault(rel.members[0], []).append(position)
    wanted: set[str] = set()
    kept: set[int] = set()
    stack = list(ids)
    while stack:
        name = stack.pop()
        if name in wanted:
            continue
        wanted.add(name)
        positions = aimed_at.get(name, [])
        if name in labelled:
            positions = [*positions, labelled[name]]
        for position in positions:
            if position not in kept:
                kept.add(position)
                rel = relations[position]
                stack += rel.members
                if rel.kind is contradicts:
                    stack.append(rel.target)  # the other side
                if rel.id is not None:  # what undercuts it
                    stack.append(rel.id)
    return Map(
        nodes=tuple(n for n in nodes if n.id in wanted),
        relations=tuple(relations[position] for position in sorted(kept)),
        files=m.files,
    )


# -- labellings --------------------------------------------------------------------------------


@attrs.frozen
class Labelling:
    """One reading of a map: a status for every node id, and for every relation that has an id.

    ``why(id)`` explains a label in one line ("out: attacked by R1, which is in").
    """

    semantics: str
    labels: Mapping[str, Status]
    _framework: Framework | None = attrs.field(default=None, eq=False, repr=False, kw_only=True)
    _codes: tuple[int, ...] = attrs.field(default=(), eq=False, repr=False, kw_only=True)

    def __getitem__(self, element_id: str) -> Status:
        """The status of one id (``KeyError`` when the labelling has none for it)."""
        return self.labels[element_id]

    def accepted(self) -> tuple[str, ...]:
        """The ids labelled ``in``, in map order."""
        return tuple(k for k, v in self.labels.items() if v is Status.IN)

    def why(self, element_id: str) -> str:
        """One line saying why ``element_id`` has its label (``KeyError`` for an unknown id)."""
        status = self.labels[element_id]
        fw = self._framework
        if fw is None or element_id not in fw.index:
            return status.value
        return explain(fw, self._codes, fw.index[element_id])


def _labelling(semantics: str, fw: Framework, codes: Sequence[int]) -> Labelling:
    statuses = map(_STATUS_BY_CODE.__getitem__, codes)
    labels = dict(itertools.compress(zip(fw.keys, statuses, strict=True), fw.public))
    return Labelling(semantics, types.MappingProxyType(labels), framework=fw, codes=tuple(codes))


def _name(fw: Framework, element: int) -> str:
    rel = fw.relations[element]
    if rel is None or fw.public[element]:
        return fw.keys[element]
    return relation_text(rel, label=False, attributes=False)


def _attacker_name(fw: Framework, target: int, attacker: int) -> str:
    rel = fw.relations[attacker]
    if rel is None:
        verb = "contradicted by" if (attacker, target) in fw.contradictions else "attacked by"
        return f"{verb} {fw.keys[attacker]}"
    verb = "undercut by" if fw.relations[target] is not None else "attacked by"
    who = rel.id if rel.id is not None else listed(rel.members, separator=" + ")
    return f"{verb} {who}"


def _supporter(fw: Framework, element: int) -> str:
    rel = fw.relations[element]
    if rel is None or rel.id is not None:
        return fw.keys[element]
    return listed(rel.members, separator=" + ")


def _names(fw: Framework, elements: Sequence[int]) -> str:
    return listed(_name(fw, e) for e in elements)


def explain(fw: Framework, codes: Sequence[int], element: int) -> str:
    """Why ``element`` has the label ``codes[element]`` in a complete labelling."""
    code = codes[element]
    word = _STATUS[code].value
    rel = fw.relations[element]
    attackers = fw.attackers[element]
    clauses = fw.clauses[element]
    if code == _OUT:
        for attacker in attackers:
            if codes[attacker] == _IN:
                return f"out: {_attacker_name(fw, element, attacker)}, which is in"
        for clause in clauses:
            if all(codes[x] == _OUT for x in clause):
                if rel is not None:
                    missing = rel.members[clauses.index(clause)]
                    return f"out: its premise {missing} is out" if clause else f"out: {missing} is not declared"
                if len(clause) == 1:
                    return f"out: its only reason, {_name(fw, clause[0])}, is out"
                return f"out: none of its reasons stands ({_names(fw, clause)} are out)"
        return "out"
    if code == _IN:
        parts = []
        if rel is not None:
            verb = "stands" if len(rel.members) == 1 else "stand"
            parts.append(f"its premise{'s' * (len(rel.members) > 1)} {listed(rel.members, separator=' + ')} {verb}")
            if rel.outweighed:
                parts.append("marked outweighed, so it defeats nothing")
        elif clauses:
            standing = [x for x in clauses[0] if codes[x] == _IN]
            if standing:
                parts.append(f"supported by {_supporter(fw, standing[0])}, which stands")
        if attackers:
            parts.append("every objection to it is out")
        elif not clauses:
            parts.append("it needs no reason and nothing attacks it")
        return "in: " + "; ".join(parts)
    # Undecided: name what keeps it open.
    for attacker in attackers:
        if codes[attacker] == _UNDEC:
            return f"undecided: {_attacker_name(fw, element, attacker)}, which is undecided"
    for clause in clauses:
        if not any(codes[x] == _IN for x in clause):
            open_ = [x for x in clause if codes[x] == _UNDEC]
            if open_:
                if rel is not None:
                    return f"undecided: its premise {_name(fw, open_[0])} is undecided"
                return f"undecided: its reason {_name(fw, open_[0])} is undecided"
    return word


# -- grounded ------------------------------------------------------------------------------------


def _counts(size: int, keys: Sequence[int]) -> list[int]:
    """How often each of ``range(size)`` occurs in ``keys``."""
    counts = [0] * size
    for key in keys:  # a plain loop over a list of small integers beats ``Counter`` by 6x
        counts[key] += 1
    return counts


def _grouped(size: int, keys: Sequence[int], values: Sequence[int]) -> tuple[list[int], list[int]]:
    """``values`` grouped by ``keys`` (compressed sparse rows): the values of key ``k`` are
    ``grouped[offsets[k]:offsets[k + 1]]``. A sort and a prefix sum, no list per key."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    grouped = list(map(values.__getitem__, order))
    offsets = [0]
    offsets += itertools.accumulate(_counts(size, keys))
    return offsets, grouped


# The Dung path below keeps its arrays compact instead: bytes and machine integers. For a map's
# few thousand elements lists are faster (a list index returns a stored object, an array index
# makes one), so the general path above keeps them; a framework of a million arguments is what
# the compact arrays are for (a byte per argument stays in the processor's cache, eight-byte
# pointers to scattered integers do not), and ``grounded_extension`` takes those.


def _integers(largest: int) -> str:
    """The array type code for integers up to ``largest``: four bytes while they fit (half the
    memory, so more of a large framework stays in the cache), else eight."""
    return "i" if largest < 2**31 and array("i").itemsize == 4 else "q"


def _compact_counts(size: int, keys: Sequence[int]) -> MutableSequence[int]:
    """``_counts`` as a ``bytearray`` while every count fits in a byte (the usual case: an
    argument attacked by fewer than 256 others), else as an array of machine integers."""
    counts: MutableSequence[int] = bytearray(size)
    try:
        for key in keys:
            counts[key] += 1
    except ValueError:  # a count reached 256
        counts = array(_integers(len(keys)), [0]) * size
        for key in keys:
            counts[key] += 1
    return counts


def _compact_grouped(size: int, keys: Sequence[int], values: Sequence[int]) -> tuple[array[int], array[int]]:
    """``_grouped`` by a counting sort into arrays of machine integers: a prefix sum of the
    counts, then each value put in its place (linear, no sort, no list of objects)."""
    code = _integers(max(size, len(values)))
    offsets = array(code, [0])
    offsets.extend(itertools.accumulate(_compact_counts(size, keys)))
    place = array(code, offsets)
    grouped = array(code, bytes(offsets.itemsize * len(values)))
    for key, value in zip(keys, values, strict=True):
        grouped[place[key]] = value
        place[key] += 1
    return offsets, grouped


def _dung_codes(size: int, attack_from: Sequence[int], attack_to: Sequence[int]) -> bytearray:
    """Codes of the grounded labelling of a Dung framework (1 in, 0 out, 2 undecided): an
    argument is in when all its attackers are out, out when one of them is in.

    The textbook worklist: each argument and attack is visited once. Every array is bytes or
    machine integers, not a list of Python objects, so the time per argument stays close to
    flat from a thousand arguments to millions."""
    codes = bytearray([_UNDEC]) * size
    alive = _compact_counts(size, attack_to)  # attackers not yet ``out``
    attack_at, attacked = _compact_grouped(size, attack_from, attack_to)
    queue = [e for e, n in enumerate(alive) if n == 0]
    for e in queue:
        codes[e] = _IN
    while queue:
        e = queue.pop()
        if codes[e] == _IN:
            for t in attacked[attack_at[e] : attack_at[e + 1]]:
                if codes[t] == _UNDEC:
                    codes[t] = _OUT
                    queue.append(t)
        else:
            for t in attacked[attack_at[e] : attack_at[e + 1]]:
                alive[t] -= 1
                if alive[t] == 0 and codes[t] == _UNDEC:
                    codes[t] = _IN
                    queue.append(t)
    return codes


def grounded_extension(size: int, attacks: Iterable[tuple[int, int]]) -> list[int]:
    """The grounded extension of an abstract framework given as integers, in increasing order.

    The arguments are ``0 .. size - 1``; each attack is a pair ``(attacker, target)``. This is
    the entry point for frameworks that are numbered already (argument mining, generated
    benchmarks): no map, no ids, the same algorithm as ``grounded``. Raises ``ValueError`` for
    an argument outside the range."""
    if size < 0:
        raise ValueError(f"size must be at least 0, not {size}")
    pairs = attacks if isinstance(attacks, Sequence) else list(attacks)
    attack_from = list(map(_FIRST, pairs))
    attack_to = list(map(_SECOND, pairs))
    if pairs and (min(attack_from) < 0 or min(attack_to) < 0 or max(attack_from) >= size or max(attack_to) >= size):
        raise ValueError(f"every attack must be between arguments 0 and {size - 1}")
    return [e for e, code in enumerate(_dung_codes(size, attack_from, attack_to)) if code == _IN]


def grounded_codes(fw: Framework) -> list[int]:
    """Internal codes of the grounded labelling (1 in, 0 out, 2 undecided), for checks.

    The least fixpoint by worklist propagation: each element and link is visited once. The
    links are grouped into integer arrays first (no object per element), so the time per
    element stays the same from a thousand elements to millions."""
    size = fw.size
    if not fw.member_from and not fw.reason_from and not fw.unfounded:
        return list(_dung_codes(size, fw.attack_from, fw.attack_to))
    codes = [_UNDEC] * size
    alive = _counts(size, fw.attack_to)  # attackers not yet ``out``
    attack_at, attacked = _grouped(size, fw.attack_from, fw.attack_to)
    queue = [e for e, n in enumerate(alive) if n == 0]
    # need[e]: clauses not yet holding (a relation's members not yet in; 1 for a node with
    # reasons until one of them is in); open_reasons[e]: a node's reasons not yet out.
    need = _counts(size, fw.member_to)
    open_reasons = _counts(size, fw.reason_to)
    for e, n in enumerate(open_reasons):
        if n:
            need[e] = 1
    member_at, member_of = _grouped(size, fw.member_from, fw.member_to)
    reason_at, reason_for = _grouped(size, fw.reason_from, fw.reason_to)
    unfounded = list(fw.unfounded)  # a member that names nothing: the relation can never stand
    for e in unfounded:
        codes[e] = _OUT
    queue = [e for e in queue if need[e] == 0 and codes[e] == _UNDEC]
    for e in queue:
        codes[e] = _IN
    queue += unfounded
    while queue:
        e = queue.pop()
        if codes[e] == _IN:
            for t in attacked[attack_at[e] : attack_at[e + 1]]:
                if codes[t] == _UNDEC:
                    codes[t] = _OUT
                    queue.append(t)
            for owner in member_of[member_at[e] : member_at[e + 1]]:
                need[owner] -= 1
                if need[owner] == 0 and alive[owner] == 0 and codes[owner] == _UNDEC:
                    codes[owner] = _IN
                    queue.append(owner)
            for node in reason_for[reason_at[e] : reason_at[e + 1]]:
                if need[node]:
                    need[node] = 0
                    if alive[node] == 0 and codes[node] == _UNDEC:
                        codes[node] = _IN
                        queue.append(node)
        else:
            for t in attacked[attack_at[e] : attack_at[e + 1]]:
                alive[t] -= 1
                if alive[t] == 0 and need[t] == 0 and codes[t] == _UNDEC:
                    codes[t] = _IN
                    queue.append(t)
            for owner in member_of[member_at[e] : member_at[e + 1]]:
                if codes[owner] == _UNDEC:
                    codes[owner] = _OUT
                    queue.append(owner)
            for node in reason_for[reason_at[e] : reason_at[e + 1]]:
                open_reasons[node] -= 1
                if open_reasons[node] == 0 and need[node] and codes[node] == _UNDEC:
                    codes[node] = _OUT
                    queue.append(node)
    return codes


def grounded(m: Map) -> Labelling:
    """The grounded labelling: what every reasonable reader must accept or reject."""
    fw = framework(m)
    return _labelling("grounded", fw, grounded_codes(fw))


# -- preferred and stable ----------------------------------------------------------------------


class _Encoding:
    """The complete-labelling conditions of the undecided part of a framework, as clauses.

    Elements the grounded labelling decides are constants: every complete labelling agrees
    with the grounded one on them.
    """

    def __init__(self, fw: Framework, base: Sequence[int]) -> None:
        from argmap.analysis.solver import make_solver

        self.fw = fw
        self.base = base
        self.solver = make_solver()
        self.open = [e for e in range(fw.size) if base[e] == _UNDEC]
        self.var_in: dict[int, int] = {}
        self.var_out: dict[int, int] = {}
        for e in self.open:
            self.var_in[e] = self.solver.new_var()
            self.var_out[e] = self.solver.new_var()
        # Try deciding elements first: models then tend to be maximal already.
        self.solver.set_phases([self.var_in[e] for e in self.open])
        for e in self.open:
            self._encode(e)

    def lit_in(self, e: int) -> int | bool:
        """The literal "e is in", or a constant."""
        return self.var_in[e] if e in self.var_in else self.base[e] == _IN

    def lit_out(self, e: int) -> int | bool:
        """The literal "e is out", or a constant."""
        return self.var_out[e] if e in self.var_out else self.base[e] == _OUT

    def add_clause(self, lits: Sequence[int | bool]) -> None:
        """A clause over literals and constants (satisfied constants drop it, false ones drop out)."""
        self._clause(lits)

    def _clause(self, lits: Sequence[int | bool]) -> None:
        if any(lit is True for lit in lits):
            return
        self.solver.add_clause(lit for lit in lits if not isinstance(lit, bool))

    def _or(self, lits: Sequence[int | bool]) -> int | bool:
        """A literal equivalent to the disjunction (a fresh variable when needed)."""
        if any(lit is True for lit in lits):
            return True
        real = [lit for lit in lits if not isinstance(lit, bool)]
        if not real:
            return False
        if len(real) == 1:
            return real[0]
        aux = self.solver.new_var()
        self.solver.add_clause([-aux, *real])
        for lit in real:
            self.solver.add_clause([aux, -lit])
        return aux

    def _and(self, lits: Sequence[int | bool]) -> int | bool:
        inner = self._or([_negate(lit) for lit in lits])
        return _negate(inner)

    def _equal(self, var: int, value: int | bool) -> None:
        self._clause([-var, value])
        self._clause([var, _negate(value)])

    def _encode(self, e: int) -> None:
        fw = self.fw
        self.solver.add_clause([-self.var_in[e], -self.var_out[e]])
        satisfied = [self._or([self.lit_in(x) for x in clause]) for clause in fw.clauses[e]]
        falsified = [self._and([self.lit_out(x) for x in clause]) for clause in fw.clauses[e]]
        self._equal(self.var_in[e], self._and([*satisfied, *(self.lit_out(a) for a in fw.attackers[e])]))
        self._equal(self.var_out[e], self._or([*falsified, *(self.lit_in(a) for a in fw.attackers[e])]))

    def codes(self) -> list[int]:
        """The labelling of the last model."""
        codes = list(self.base)
        for e in self.open:
            if self.solver.value(self.var_in[e]):
                codes[e] = _IN
            elif self.solver.value(self.var_out[e]):
                codes[e] = _OUT
        return codes


def _negate(lit: int | bool) -> int | bool:
    return (not lit) if isinstance(lit, bool) else -lit


def _side_index(fw: Framework, side_with: str | None) -> int | None:
    if side_with is None:
        return None
    if side_with not in fw.index or not fw.public[fw.index[side_with]]:
        import difflib

        known = [k for k, p in zip(fw.keys, fw.public, strict=True) if p]
        close = difflib.get_close_matches(side_with, known, n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        raise ValueError(f"`{side_with}` is not a node or relation id of this map{hint}")
    return fw.index[side_with]


def _preferred_codes(
    fw: Framework, side: int | None, limit: int | None, deadline: float | None, stop: list[str]
) -> Iterator[list[int]]:
    base = grounded_codes(fw)
    if side is not None and base[side] != _IN and base[side] != _UNDEC:
        return
    enc = _Encoding(fw, base)
    if not enc.open:
        if side is None or base[side] == _IN:
            yield base
        return
    solver = enc.solver
    required = [] if side is None else [enc.lit_in(side)]
    if required == [False]:
        return
    assumptions = [lit for lit in required if not isinstance(lit, bool)]
    found = 0
    while limit is None or found < limit:
        if _past(deadline):
            stop.append("time")
            return
        if not solver.solve(assumptions):
            return
        codes = enc.codes()
        # Grow the labelling until no complete labelling decides more (PrefSAT's scheme).
        while True:
            more = [lit for e in enc.open if codes[e] == _UNDEC for lit in (enc.var_in[e], enc.var_out[e])]
            if not more:
                break
            # What is decided stays decided (assumed), and at least one more element is decided
            # (a clause switched on by a fresh guard literal, retired afterwards).
            keep = [enc.var_in[e] if codes[e] == _IN else enc.var_out[e] for e in enc.open if codes[e] != _UNDEC]
            guard = solver.new_var()
            solver.add_clause([-guard, *more])
            grown = solver.solve([*assumptions, guard, *keep])
            solver.add_clause([-guard])
            if not grown:
                break
            codes = enc.codes()
        yield codes
        found += 1
        # Later answers must not lie below this one in the information order.
        escape = [enc.var_in[e] for e in enc.open if codes[e] != _IN]
        escape += [enc.var_out[e] for e in enc.open if codes[e] != _OUT]
        if not escape:
            return
        solver.add_clause(escape)
    stop.append("limit")


def _derived(fw: Framework, codes: Sequence[int]) -> set[int]:
    """The ``in`` elements derived from the ground up: all of an element's clauses hold by
    members derived before it (no circular support)."""
    need = [len(c) for c in fw.clauses]
    users: list[list[tuple[int, int]]] = [[] for _ in range(fw.size)]
    for owner, clauses in enumerate(fw.clauses):
        for k, clause in enumerate(clauses):
            for member in clause:
                users[member].append((owner, k))
    satisfied: set[tuple[int, int]] = set()
    queue = [e for e in range(fw.size) if codes[e] == _IN and need[e] == 0]
    derived = set(queue)
    while queue:
        e = queue.pop()
        for owner, k in users[e]:
            if codes[owner] == _IN and (owner, k) not in satisfied:
                satisfied.add((owner, k))
                need[owner] -= 1
                if need[owner] == 0 and owner not in derived:
                    derived.add(owner)
                    queue.append(owner)
    return derived


def _well_founded(fw: Framework, codes: Sequence[int]) -> bool:
    """True when every ``in`` element is derived from the ground up, not by circular support."""
    return len(_derived(fw, codes)) == sum(c == _IN for c in codes)


def _unfounded_loops(fw: Framework, codes: Sequence[int]) -> list[tuple[list[int], list[int]]]:
    """Loops of circular support in a labelling that is not well-founded, each with the members
    outside it that could found it: ``(loop, outside)``.

    Every ``in`` element that is not derived has a clause with no derived member (its *blocking*
    clause); its members are in the loop or not ``in``. A loop is a sink component of "blocking
    clause names" among those elements. No well-founded labelling has a whole loop ``in`` while
    none of its ``outside`` is: the first of the loop to be derived would need one of them. So
    "some of the loop is not in, or some of outside is in" rules out every labelling with the
    same flaw at once, not one labelling at a time (2^n of them for n independent cycles).
    """
    derived = _derived(fw, codes)
    blocking: dict[int, tuple[int, ...]] = {}
    for e in range(fw.size):
        if codes[e] == _IN and e not in derived:
            blocking[e] = next(c for c in fw.clauses[e] if not any(m in derived for m in c))
    edges = {u: [m for m in clause if m in blocking] for u, clause in blocking.items()}
    loops = []
    for component in strongly_connected(edges, edges):
        inside = set(component)
        if all(m in inside for u in component for m in edges[u]):  # a sink: founded by nothing else
            outside = sorted({m for u in component for m in blocking[u] if m not in inside})
            loops.append((component, outside))
    return loops


def _past(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


def _stable_codes(
    fw: Framework, side: int | None, limit: int | None, deadline: float | None, stop: list[str]
) -> Iterator[list[int]]:
    base = grounded_codes(fw)
    enc = _Encoding(fw, base)
    solver = enc.solver
    for e in enc.open:
        solver.add_clause([enc.var_in[e], enc.var_out[e]])
    assumptions: list[int] = []
    if side is not None:
        lit = enc.lit_in(side)
        if lit is False:
            return
        if not isinstance(lit, bool):
            assumptions.append(lit)
    found = rejected = 0
    while limit is None or found < limit:
        if rejected >= MAX_REJECTED or _past(deadline):
            stop.append("rejected" if rejected >= MAX_REJECTED else "time")
            return
        if not solver.solve(assumptions):
            return
        codes = enc.codes()
        if _well_founded(fw, codes):
            yield codes
            found += 1
        else:
            rejected += 1
            for loop, outside in _unfounded_loops(fw, codes):
                enc.add_clause([*(_negate(enc.lit_in(u)) for u in loop), *(enc.lit_in(x) for x in outside)])
        if not enc.open:
            return
        solver.add_clause([-enc.var_in[e] if codes[e] == _IN else enc.var_in[e] for e in enc.open])
    stop.append("limit")


_ORDER = {_IN: 0, _OUT: 1, _UNDEC: 2}


def _sorted(semantics: str, fw: Framework, found: Iterator[list[int]]) -> tuple[Labelling, ...]:
    """Readings in a canonical order (by label, element by element in map order), so output
    does not depend on the order the solver happens to find them in."""
    ordered = sorted(found, key=lambda codes: [_ORDER[c] for c in codes])
    return tuple(_labelling(semantics, fw, codes) for codes in ordered)


@attrs.frozen
class Readings:
    """What a bounded search for preferred or stable readings found, and why it stopped.

    ``stopped`` is ``None`` when every reading was found; ``"limit"`` when ``limit`` readings were
    found (there may be more); ``"time"`` when the deadline passed; ``"rejected"`` when
    ``MAX_REJECTED`` candidates failed the well-foundedness test (stable, support cycles).
    """

    labellings: tuple[Labelling, ...]
    stopped: str | None = None

    @property
    def complete(self) -> bool:
        return self.stopped is None


def search(
    m: Map,
    semantics: str,
    side_with: str | None = None,
    *,
    limit: int | None = None,
    deadline: float | None = None,
) -> Readings:
    """Preferred or stable readings, bounded by ``limit`` (count) and ``deadline``
    (``time.monotonic()``, checked between solver calls); says whether the list is complete.

    Raises ``ValueError`` for another semantics or when ``side_with`` is not an id of the map.
    """
    if semantics not in ("preferred", "stable"):
        raise ValueError(f"search lists preferred or stable readings, not `{semantics}`")
    fw = framework(m)
    side = _side_index(fw, side_with)
    stop: list[str] = []
    codes = _preferred_codes if semantics == "preferred" else _stable_codes
    found = _sorted(semantics, fw, codes(fw, side, limit, deadline, stop))
    return Readings(found, stop[0] if stop else None)


def preferred(m: Map, side_with: str | None = None, *, limit: int | None = None) -> tuple[Labelling, ...]:
    """Every preferred labelling (or those that accept ``side_with``), at most ``limit`` of them.

    Raises ``ValueError`` when ``side_with`` is not an id of the map.
    """
    return search(m, "preferred", side_with, limit=limit).labellings


def stable(m: Map, side_with: str | None = None, *, limit: int | None = None) -> tuple[Labelling, ...]:
    """Every stable labelling (or those that accept ``side_with``); possibly none at all.

    At most ``limit`` of them, and the search gives up after ``MAX_REJECTED`` candidates that fail
    the well-foundedness test (use ``search`` to learn whether it did).
    """
    return search(m, "stable", side_with, limit=limit).labellings


def evaluate(
    m: Map, semantics: str = "grounded", *, side_with: str | None = None, limit: int | None = None
) -> tuple[Labelling, ...]:
    """The labellings of ``m`` under ``semantics``: always a tuple, of exactly one for grounded.

    ``side_with`` keeps only the readings that accept that id (preferred and stable only).
    Raises ``ValueError`` for an unknown semantics, an unknown id, or ``side_with`` with grounded.
    """
    if semantics == "grounded":
        if side_with is not None:
            raise ValueError("grounded evaluation has one answer; side_with needs preferred or stable")
        return (grounded(m),)
    if semantics == "preferred":
        return preferred(m, side_with, limit=limit)
    if semantics == "stable":
        return stable(m, side_with, limit=limit)
    raise ValueError(f"unknown semantics `{semantics}`: choose one of {', '.join(SEMANTICS)}")
