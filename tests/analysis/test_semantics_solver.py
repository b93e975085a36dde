"""The built-in SAT solver against brute force, with assumptions and incremental clauses."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.solver import CdclSolver

Clause = list[int]


def _satisfies(assignment: dict[int, bool], clauses: list[Clause]) -> bool:
    return all(any(assignment[abs(lit)] == (lit > 0) for lit in clause) for clause in clauses)


def _brute_force(n: int, clauses: list[Clause]) -> bool:
    return any(
        _satisfies(dict(enumerate(bits, start=1)), clauses) for bits in itertools.product((False, True), repeat=n)
    )


@st.composite
def formulas(draw: st.DrawFn) -> tuple[int, list[Clause], list[int]]:
    n = draw(st.integers(1, 7))
    literal = st.integers(1, n).flatmap(lambda v: st.sampled_from([v, -v]))
    clauses = draw(st.lists(st.lists(literal, min_size=1, max_size=4), max_size=30))
    assumptions = draw(st.lists(literal, max_size=3))
    return n, clauses, assumptions


@given(formulas())
def test_cdcl_agrees_with_brute_force(case: tuple[int, list[Clause], list[int]]) -> None:
    n, clauses, assumptions = case
    solver = CdclSolver()
    for _ in range(n):
        solver.new_var()
    for clause in clauses:
        solver.add_clause(clause)
    expected = _brute_force(n, clauses + [[a] for a in assumptions])
    assert solver.solve(assumptions) == expected
    if expected:
        model = {v: solver.value(v) for v in range(1, n + 1)}
        assert _satisfies(model, clauses + [[a] for a in assumptions])
    # Assumptions are forgotten after the call; the clauses alone decide the next answer.
    assert solver.solve() == _brute_force(n, clauses)


@given(formulas(), st.lists(st.lists(st.integers(1, 7), min_size=1, max_size=3), max_size=5))
def test_clauses_added_between_calls_are_kept(case: tuple[int, list[Clause], list[int]], extra: list[Clause]) -> None:
    n, clauses, _ = case
    solver = CdclSolver()
    for _ in range(n):
        solver.new_var()
    added: list[Clause] = []
    for clause in clauses:
        solver.add_clause(clause)
        added.append(clause)
    solver.solve()
    for clause in extra:
        clause = [lit if lit <= n else -(lit - n) if lit - n <= n else 1 for lit in clause]
        solver.add_clause(clause)
        added.append(clause)
        assert solver.solve() == _brute_force(n, added)


def test_pigeonhole_is_unsatisfiable() -> None:
    """Five pigeons, four holes: hard for naive search, a routine proof for clause learning."""
    pigeons, holes = 5, 4
    solver = CdclSolver()
    var = {(p, h): solver.new_var() for p in range(pigeons) for h in range(holes)}
    for p in range(pigeons):
        solver.add_clause([var[p, h] for h in range(holes)])
    for h in range(holes):
        for p, q in itertools.combinations(range(pigeons), 2):
            solver.add_clause([-var[p, h], -var[q, h]])
    assert not solver.solve()
