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

import contextlib
import enum
import gc
import types
from collections.abc import Iterator, Mapping, Sequence

import attrs

from argmap.language.printer import relation_text
from argmap.model import Map, Relation, RelationKind

__all__ = [
    "SEMANTICS",
    "Labelling",
    "Status",
    "evaluate",
    "grounded",
    "preferred",
    "stable",
]

#: The semantics ``evaluate`` understands.
SEMANTICS = ("grounded", "preferred", "stable")


class Status(enum.Enum):
    """The label of one element."""

    IN = "in"
    OUT = "out"
    UNDECIDED = "undecided"


_IN, _OUT, _UNDEC = 1, 0, 2  # internal codes
IN_CODE, OUT_CODE, UNDECIDED_CODE = _IN, _OUT, _UNDEC
_STATUS = {_IN: Status.IN, _OUT: Status.OUT, _UNDEC: Status.UNDECIDED}


# -- the framework -----------------------------------------------------------------------------


@attrs.frozen(eq=False)
class Framework:
    """A map as elements with conditions (``clauses`` must all hold; ``attackers`` must all fall).

    Element ``i`` is a node (``relations[i]`` is ``None``) or a relation. ``clauses[i]`` is a
    tuple of clauses, each a tuple of elements at least one of which must stand; an empty clause
    can never hold (a member that names nothing).

    A plain objection (one member, no id, not outweighed: ``R1 attacks P2``) gets no element of
    its own: it would stand exactly when its member stands, so the member attacks the target
    directly. That keeps frameworks from argument mining, which are mostly such attacks, small.
    """

    keys: tuple[str, ...]
    relations: tuple[Relation | None, ...]
    clauses: tuple[tuple[tuple[int, ...], ...], ...]
    attackers: tuple[tuple[int, ...], ...]
    public: tuple[bool, ...]
    index: Mapping[str, int]
    #: The ``supports`` relations aimed at each element.
    reasons_of: tuple[tuple[int, ...], ...]
    #: For each relation of the map, in order, its element (-1 when it has none).
    relation_elements: tuple[int, ...]
    #: ``(attacker, target)`` node pairs joined by ``contradicts`` (for explanations).
    contradictions: frozenset[tuple[int, int]]

    @property
    def size(self) -> int:
        """The number of elements."""
        return len(self.keys)


def framework(m: Map) -> Framework:
    """Translate a map into its elements and their conditions (linear in the map's size)."""
    keys: list[str] = []
    index: dict[str, int] = {}
    for node in m.nodes:
        if node.id not in index:  # declared twice: the first counts (duplicate-id reports it)
            index[node.id] = len(keys)
            keys.append(node.id)
    node_count = len(keys)
    rels: list[Relation | None] = [None] * node_count
    public = [True] * node_count
    relation_index: dict[str, int] = {}
    relation_elements: list[int] = []
    attackers: dict[int, list[int]] = {}
    contradictions: set[tuple[int, int]] = set()
    contradicts, attacks = RelationKind.CONTRADICTS, RelationKind.ATTACKS
    for position, rel in enumerate(m.relations):
        kind, rel_id = rel.kind, rel.id
        if kind is contradicts:
            relation_elements.append(-1)
            a, b = index.get(rel.members[0]), index.get(rel.target)
            if a is not None and b is not None and a < node_count and b < node_count:
                attackers.setdefault(a, []).append(b)
                contradictions.add((b, a))
                if a != b:
                    attackers.setdefault(b, []).append(a)
                    contradictions.add((a, b))
            continue
        if kind is attacks and rel_id is None and len(rel.members) == 1:
            relation_elements.append(-1)
            member, target = index.get(rel.members[0]), index.get(rel.target)
            # Every node is indexed by now, so the target can be resolved at once.
            if not rel.outweighed and member is not None and target is not None and max(member, target) < node_count:
                attackers.setdefault(target, []).append(member)
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
    reasons: dict[int, list[int]] = {}
    member_clauses: list[tuple[tuple[int, ...], ...]] = [()] * size
    supports, undercuts = RelationKind.SUPPORTS, RelationKind.UNDERCUTS
    for element in range(node_count, size):
        maybe = rels[element]
        assert maybe is not None  # every element from node_count on is a relation
        rel = maybe
        member_clauses[element] = tuple(
            (found,) if (found := index.get(member)) is not None and found < node_count else ()
            for member in rel.members
        )
        kind = rel.kind
        if kind is supports:
            target = index.get(rel.target)
            if target is not None and target < node_count:
                reasons.setdefault(target, []).append(element)
        elif not rel.outweighed:
            target = (relation_index if kind is undercuts else index).get(rel.target)
            if target is not None and (target < node_count) == (kind is attacks):
                attackers.setdefault(target, []).append(element)
    empty: tuple[int, ...] = ()
    clauses = tuple(
        member_clauses[e] if e >= node_count else ((tuple(reasons[e]),) if e in reasons else ()) for e in range(size)
    )
    return Framework(
        keys=tuple(keys),
        relations=tuple(rels),
        clauses=clauses,
        attackers=tuple(tuple(attackers[e]) if e in attackers else empty for e in range(size)),
        public=tuple(public),
        index=index,
        reasons_of=tuple(tuple(reasons[e]) if e in reasons else empty for e in range(size)),
        relation_elements=tuple(relation_elements),
        contradictions=frozenset(contradictions),
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
    labels = {fw.keys[e]: _STATUS[codes[e]] for e in range(fw.size) if fw.public[e]}
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
    who = rel.id if rel.id is not None else " + ".join(rel.members)
    return f"{verb} {who}"


def _supporter(fw: Framework, element: int) -> str:
    rel = fw.relations[element]
    if rel is None or rel.id is not None:
        return fw.keys[element]
    return " + ".join(rel.members)


def _names(fw: Framework, elements: Sequence[int]) -> str:
    return ", ".join(_name(fw, e) for e in elements)


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
            parts.append(f"its premise{'s' * (len(rel.members) > 1)} {' + '.join(rel.members)} {verb}")
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


def grounded_codes(fw: Framework) -> list[int]:
    """Internal codes of the grounded labelling (1 in, 0 out, 2 undecided), for checks.

    The least fixpoint by worklist propagation: each element and link is visited once."""
    size = fw.size
    codes = [_UNDEC] * size
    need = [len(c) for c in fw.clauses]  # clauses not yet satisfied by an ``in`` member
    alive_attackers = [len(a) for a in fw.attackers]  # attackers not yet ``out``
    clause_owner: list[int] = []
    clause_alive: list[int] = []
    clause_done: list[bool] = []
    nothing: tuple[int, ...] = ()
    in_clause: list[list[int] | tuple[int, ...]] = [nothing] * size  # element -> clauses it is in
    attacks: list[list[int] | tuple[int, ...]] = [nothing] * size  # element -> elements it attacks
    for owner, clauses in enumerate(fw.clauses):
        for clause in clauses:
            cid = len(clause_owner)
            clause_owner.append(owner)
            clause_alive.append(len(clause))
            clause_done.append(False)
            for member in clause:
                found = in_clause[member]
                if found:
                    found.append(cid)  # type: ignore[union-attr]
                else:
                    in_clause[member] = [cid]
    for target, attackers in enumerate(fw.attackers):
        for attacker in attackers:
            found = attacks[attacker]
            if found:
                found.append(target)  # type: ignore[union-attr]
            else:
                attacks[attacker] = [target]
    queue: list[int] = []
    for e in range(size):
        if need[e] == 0 and alive_attackers[e] == 0:
            codes[e] = _IN
            queue.append(e)
    for cid, alive in enumerate(clause_alive):
        if alive == 0 and codes[clause_owner[cid]] == _UNDEC:
            codes[clause_owner[cid]] = _OUT
            queue.append(clause_owner[cid])
    while queue:
        e = queue.pop()
        if codes[e] == _IN:
            for cid in in_clause[e]:
                if not clause_done[cid]:
                    clause_done[cid] = True
                    owner = clause_owner[cid]
                    need[owner] -= 1
                    if need[owner] == 0 and alive_attackers[owner] == 0 and codes[owner] == _UNDEC:
                        codes[owner] = _IN
                        queue.append(owner)
            for target in attacks[e]:
                if codes[target] == _UNDEC:
                    codes[target] = _OUT
                    queue.append(target)
        else:
            for cid in in_clause[e]:
                clause_alive[cid] -= 1
                owner = clause_owner[cid]
                if clause_alive[cid] == 0 and not clause_done[cid] and codes[owner] == _UNDEC:
                    codes[owner] = _OUT
                    queue.append(owner)
            for target in attacks[e]:
                alive_attackers[target] -= 1
                if alive_attackers[target] == 0 and need[target] == 0 and codes[target] == _UNDEC:
                    codes[target] = _IN
                    queue.append(target)
    return codes


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building large acyclic tables.

    The translation allocates a few small lists per element; with a big map alive, each
    automatic collection would walk the whole map again, turning linear work quadratic.
    Nothing built here forms reference cycles, so pausing frees nothing late.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def grounded(m: Map) -> Labelling:
    """The grounded labelling: what every reasonable reader must accept or reject."""
    with paused_gc():
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


def _preferred_codes(fw: Framework, side: int | None, limit: int | None) -> Iterator[list[int]]:
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


def _well_founded(fw: Framework, codes: Sequence[int]) -> bool:
    """True when every ``in`` element is derived from the ground up, not by circular support."""
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
    return len(derived) == sum(c == _IN for c in codes)


def _stable_codes(fw: Framework, side: int | None, limit: int | None) -> Iterator[list[int]]:
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
    found = 0
    while limit is None or found < limit:
        if not solver.solve(assumptions):
            return
        codes = enc.codes()
        if _well_founded(fw, codes):
            yield codes
            found += 1
        if not enc.open:
            return
        solver.add_clause([-enc.var_in[e] if codes[e] == _IN else enc.var_in[e] for e in enc.open])


_ORDER = {_IN: 0, _OUT: 1, _UNDEC: 2}


def _sorted(semantics: str, fw: Framework, found: Iterator[list[int]]) -> tuple[Labelling, ...]:
    """Readings in a canonical order (by label, element by element in map order), so output
    does not depend on the order the solver happens to find them in."""
    ordered = sorted(found, key=lambda codes: [_ORDER[c] for c in codes])
    return tuple(_labelling(semantics, fw, codes) for codes in ordered)


def preferred(m: Map, side_with: str | None = None, *, limit: int | None = None) -> tuple[Labelling, ...]:
    """Every preferred labelling (or those that accept ``side_with``), at most ``limit`` of them.

    Raises ``ValueError`` when ``side_with`` is not an id of the map.
    """
    with paused_gc():
        fw = framework(m)
    side = _side_index(fw, side_with)
    return _sorted("preferred", fw, _preferred_codes(fw, side, limit))


def stable(m: Map, side_with: str | None = None, *, limit: int | None = None) -> tuple[Labelling, ...]:
    """Every stable labelling (or those that accept ``side_with``); possibly none at all."""
    with paused_gc():
        fw = framework(m)
    side = _side_index(fw, side_with)
    return _sorted("stable", fw, _stable_codes(fw, side, limit))


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
