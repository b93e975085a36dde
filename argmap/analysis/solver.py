"""A small incremental SAT solver (CDCL) for the evaluation's hard cases.

Preferred and stable labellings are found by a sequence of satisfiability questions over the
part of a map that grounded evaluation leaves undecided (usually small). This module answers
them with conflict-driven clause learning: two watched literals, first-UIP learning, activity
ordering, phase saving and geometric restarts. When ``python-sat`` is installed (an optional
extra), ``make_solver`` hands the same questions to one of its C++ solvers instead.

Literals are non-zero ints in the DIMACS convention: ``v`` is variable ``v`` true, ``-v`` false.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import Protocol

__all__ = ["CdclSolver", "SatSolver", "make_solver"]


class SatSolver(Protocol):
    """What the evaluation needs from a SAT solver."""

    def new_var(self) -> int:
        """A fresh variable (1, 2, ...)."""

    def add_clause(self, lits: Iterable[int]) -> None:
        """Add a clause for good."""

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        """Satisfiable under the clauses and these assumed literals?"""

    def value(self, var: int) -> bool:
        """The variable's value in the last model found."""

    def set_phases(self, lits: Iterable[int]) -> None:
        """Prefer these literals when deciding (a hint; answers do not depend on it)."""


def make_solver() -> SatSolver:
    """The fastest solver available: python-sat's CaDiCaL when installed, else ``CdclSolver``."""
    try:  # an optional extra: imported only when a search is needed
        from pysat.solvers import Solver as _PySat  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return CdclSolver()
    try:
        return _PySatAdapter(_PySat)
    except Exception:  # an old python-sat without CaDiCaL 1.5.3: the built-in solver answers alike
        return CdclSolver()


class _PySatAdapter:
    """python-sat behind the ``SatSolver`` protocol (clauses are buffered until solving)."""

    def __init__(self, factory: object) -> None:
        self._solver = factory(name="cadical153")  # type: ignore[operator]
        self._nvars = 0
        self._model: set[int] = set()

    def new_var(self) -> int:
        self._nvars += 1
        return self._nvars

    def add_clause(self, lits: Iterable[int]) -> None:
        self._solver.add_clause(list(lits))

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        if not self._solver.solve(assumptions=list(assumptions)):
            return False
        self._model = {lit for lit in self._solver.get_model() or () if lit > 0}
        return True

    def value(self, var: int) -> bool:
        return var in self._model

    def set_phases(self, lits: Iterable[int]) -> None:
        self._solver.set_phases(literals=list(lits))


_UNSET = -1


class CdclSolver:
    """Conflict-driven clause learning in pure Python; incremental, with assumptions.

    Internally literal ``2*v`` is ``v`` true and ``2*v+1`` is ``v`` false, so ``lit ^ 1`` negates.
    """

    def __init__(self) -> None:
        self._nvars = 0
        self._ok = True
        self._clauses: list[list[int]] = []
        self._watches: list[list[int]] = [[], []]  # per literal: clauses watching it
        self._assign: list[int] = [_UNSET]  # per variable: 1 true, 0 false, -1 unset
        self._level: list[int] = [0]
        self._reason: list[int] = [-1]
        self._phase: list[int] = [0]
        self._activity: list[float] = [0.0]
        self._heap: list[tuple[float, int]] = []
        self._bump = 1.0
        self._trail: list[int] = []
        self._trail_lim: list[int] = []
        self._qhead = 0
        self._model: list[int] = []

    # -- public interface ---------------------------------------------------------------------

    def new_var(self) -> int:
        """A fresh variable."""
        self._nvars += 1
        self._watches += [[], []]
        self._assign.append(_UNSET)
        self._level.append(0)
        self._reason.append(-1)
        self._phase.append(0)
        self._activity.append(0.0)
        heapq.heappush(self._heap, (-0.0, self._nvars))
        return self._nvars

    def add_clause(self, lits: Iterable[int]) -> None:
        """Add a clause (at the top level; simplified against what is already fixed there)."""
        if not self._ok:
            return
        self._backtrack(0)
        clause: list[int] = []
        seen: set[int] = set()
        for lit in lits:
            internal = self._internal(lit)
            if internal ^ 1 in seen:
                return  # a tautology
            value = self._lit_value(internal)
            if value == 1:
                return  # already satisfied for good
            if value == 0 or internal in seen:
                continue
            seen.add(internal)
            clause.append(internal)
        if not clause:
            self._ok = False
        elif len(clause) == 1:
            self._enqueue(clause[0], -1)
            self._ok = self._propagate() < 0
        else:
            self._attach(clause)

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        """Search for a model of the clauses in which every assumption holds."""
        if not self._ok:
            return False
        self._backtrack(0)
        assumed = [self._internal(a) for a in assumptions]
        conflicts = 0
        restart_at = 100.0
        while True:
            conflict = self._propagate()
            if conflict >= 0:
                conflicts += 1
                if not self._trail_lim:
                    self._ok = False
                    return False
                learnt, back_to = self._analyze(conflict)
                self._backtrack(back_to)
                if len(learnt) == 1:
                    self._enqueue(learnt[0], -1)
                else:
                    self._enqueue(learnt[0], self._attach(learnt))
                self._bump *= 1.05
                continue
            if conflicts >= restart_at:
                conflicts = 0
                restart_at *= 1.5
                self._backtrack(0)
                continue
            level = len(self._trail_lim)
            if level < len(assumed):
                lit = assumed[level]
                value = self._lit_value(lit)
                if value == 0:
                    self._backtrack(0)
                    return False
                self._trail_lim.append(len(self._trail))
                if value == _UNSET:
                    self._enqueue(lit, -1)
                continue
            var = self._pick()
            if var == 0:
                self._model = list(self._assign)
                self._backtrack(0)
                return True
            self._trail_lim.append(len(self._trail))
            self._enqueue(2 * var + (1 - self._phase[var]), -1)

    def value(self, var: int) -> bool:
        """The variable's value in the last model."""
        return self._model[var] == 1

    def set_phases(self, lits: Iterable[int]) -> None:
        """Prefer these literals when deciding (phase saving takes over after a conflict)."""
        for lit in lits:
            self._phase[self._internal(lit) >> 1] = int(lit > 0)

    # -- internals ----------------------------------------------------------------------------

    def _internal(self, lit: int) -> int:
        var = abs(lit)
        if not 0 < var <= self._nvars:
            raise ValueError(f"literal {lit} names no variable of this solver")
        return 2 * var + (lit < 0)

    def _lit_value(self, lit: int) -> int:
        value = self._assign[lit >> 1]
        return value if value == _UNSET else value ^ (lit & 1)

    def _enqueue(self, lit: int, reason: int) -> None:
        var = lit >> 1
        self._assign[var] = 1 ^ (lit & 1)
        self._level[var] = len(self._trail_lim)
        self._reason[var] = reason
        self._trail.append(lit)

    def _attach(self, clause: list[int]) -> int:
        index = len(self._clauses)
        self._clauses.append(clause)
        self._watches[clause[0]].append(index)
        self._watches[clause[1]].append(index)
        return index

    def _propagate(self) -> int:
        """Unit propagation; the index of a falsified clause, or -1."""
        trail, clauses, watches, assign = self._trail, self._clauses, self._watches, self._assign
        while self._qhead < len(trail):
            false_lit = trail[self._qhead] ^ 1
            self._qhead += 1
            watching = watches[false_lit]
            kept: list[int] = []
            for position, index in enumerate(watching):
                clause = clauses[index]
                if clause[0] == false_lit:
                    clause[0], clause[1] = clause[1], false_lit
                first = clause[0]
                first_value = assign[first >> 1]
                if first_value != _UNSET and first_value ^ (first & 1) == 1:
                    kept.append(index)
                    continue
                for k in range(2, len(clause)):
                    other = clause[k]
                    value = assign[other >> 1]
                    if value == _UNSET or value ^ (other & 1) == 1:
                        clause[1], clause[k] = other, false_lit
                        watches[other].append(index)
                        break
                else:
                    kept.append(index)
                    if first_value != _UNSET:  # first is false: conflict
                        kept.extend(watching[position + 1 :])
                        watches[false_lit] = kept
                        self._qhead = len(trail)
                        return index
                    self._enqueue(first, index)
            watches[false_lit] = kept
        return -1

    def _analyze(self, conflict: int) -> tuple[list[int], int]:
        """First-UIP learning: the learnt clause (asserting literal first) and where to go back."""
        level_now = len(self._trail_lim)
        seen: set[int] = set()
        learnt = [0]
        pending = 0
        lit = -1
        index = len(self._trail) - 1
        clause = self._clauses[conflict]
        while True:
            for other in clause[0 if lit < 0 else 1 :]:
                var = other >> 1
                if var in seen or self._level[var] == 0:
                    continue
                seen.add(var)
                self._bump_var(var)
                if self._level[var] == level_now:
                    pending += 1
                else:
                    learnt.append(other)
            while self._trail[index] >> 1 not in seen:
                index -= 1
            lit = self._trail[index]
            index -= 1
            pending -= 1
            if pending == 0:
                break
            clause = self._clauses[self._reason[lit >> 1]]
        learnt[0] = lit ^ 1
        if len(learnt) == 1:
            return learnt, 0
        best = max(range(1, len(learnt)), key=lambda i: self._level[learnt[i] >> 1])
        learnt[1], learnt[best] = learnt[best], learnt[1]
        return learnt, self._level[learnt[1] >> 1]

    def _bump_var(self, var: int) -> None:
        activity = self._activity[var] + self._bump
        if activity > 1e100:
            self._activity = [a * 1e-100 for a in self._activity]
            self._bump *= 1e-100
            self._heap = [(-a, v) for v, a in enumerate(self._activity) if v and self._assign[v] == _UNSET]
            heapq.heapify(self._heap)
            activity = self._activity[var] + self._bump
        self._activity[var] = activity
        if self._assign[var] == _UNSET:
            heapq.heappush(self._heap, (-activity, var))

    def _pick(self) -> int:
        heap = self._heap
        while heap:
            negative, var = heapq.heappop(heap)
            if self._assign[var] == _UNSET and -negative == self._activity[var]:
                return var
        for var in range(1, self._nvars + 1):  # stale heap: fall back to a scan
            if self._assign[var] == _UNSET:
                return var
        return 0

    def _backtrack(self, level: int) -> None:
        if len(self._trail_lim) <= level:
            return
        start = self._trail_lim[level]
        for lit in self._trail[start:]:
            var = lit >> 1
            self._phase[var] = self._assign[var]
            self._assign[var] = _UNSET
            heapq.heappush(self._heap, (-self._activity[var], var))
        del self._trail[start:]
        del self._trail_lim[level:]
        self._qhead = len(self._trail)
