"""Consistency checks: each family of checks is a module of pure functions ``LoadResult ->
diagnostics``; ``run_checks`` runs them all. Name errors are found while loading (``names``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from argmap.analysis.checks.connections import check_connections, check_unsupported_claim
from argmap.analysis.checks.contradictions import check_self_contradiction, check_unresolved_contradiction
from argmap.analysis.checks.quotes import check_missing_source_file, check_quotes, check_unverified_quotes
from argmap.analysis.checks.structure import (
    check_circular_support,
    check_duplicate_member,
    check_self_attack,
    check_support_and_attack,
)
from argmap.analysis.checks.usage import check_unused_person, check_unused_source
from argmap.analysis.loading import LoadResult
from argmap.model.diagnostics import Diagnostic, sort_diagnostics

__all__ = ["CHECK_FUNCTIONS", "CHECK_HALVES", "CheckHalf", "SplitChecks", "check_half", "in_turn", "run_checks"]

CheckFunction = Callable[[LoadResult], Iterable[Diagnostic]]

#: Every check, in two halves of about equal cost on a large map, so that a command can run
#: them on two cores (on the benchmark's maps, each half alone in a fresh process, fastest of
#: five: 0.12 s and 0.10 s of CPU at 20,000 statements, 0.69 s and 0.60 s at 100,000).
CHECK_HALVES: tuple[tuple[CheckFunction, ...], tuple[CheckFunction, ...]] = (
    (
        check_unresolved_contradiction,
        check_duplicate_member,
        check_self_contradiction,
        check_unsupported_claim,
        check_unused_source,
        check_unused_person,
        check_missing_source_file,
        check_self_attack,
        check_support_and_attack,
    ),
    (
        check_circular_support,
        check_connections,
        check_quotes,
        check_unverified_quotes,
    ),
)

#: Runs ``check_half(result, 0)`` and ``check_half(result, 1)`` and returns both results: how a
#: command spreads the checks of one large map over two cores (``argmap check`` forks; see
#: ``argmap.commands._parallel.both_halves``). The analysis itself starts no process.
CheckHalf = Callable[[LoadResult, int], tuple[Diagnostic, ...]]
SplitChecks = Callable[[CheckHalf, LoadResult], Sequence[tuple[Diagnostic, ...]]]


#: Every check function, in no particular order (output is sorted).
CHECK_FUNCTIONS: tuple[CheckFunction, ...] = (*CHECK_HALVES[0], *CHECK_HALVES[1])


def in_turn(work: CheckHalf, result: LoadResult) -> list[tuple[Diagnostic, ...]]:
    """Both halves here, one after the other: the ``SplitChecks`` of one core."""
    return [work(result, 0), work(result, 1)]


def check_half(result: LoadResult, half: int) -> tuple[Diagnostic, ...]:
    """The findings of one half of the checks (``CHECK_HALVES[half]``)."""
    return tuple(d for check in CHECK_HALVES[half] for d in check(result))


def run_checks(result: LoadResult, *, split: SplitChecks | None = None) -> tuple[Diagnostic, ...]:
    """Every consistency finding for a loaded map (not including the load's own diagnostics).

    A map whose text does not parse is not checked further: the findings would be noise. With
    ``split``, the two halves of the checks run through it; the findings are the same, sorted.
    """
    if any(d.name == "syntax-error" for d in result.diagnostics):
        return ()
    return sort_diagnostics(d for found in (split or in_turn)(check_half, result) for d in found)
