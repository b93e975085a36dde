"""Consistency checks: each family of checks is a module of pure functions ``LoadResult ->
diagnostics``; ``run_checks`` runs them all. Name errors are found while loading (``names``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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

__all__ = ["CHECK_FUNCTIONS", "run_checks"]

CheckFunction = Callable[[LoadResult], Iterable[Diagnostic]]

#: Every check function, in no particular order (output is sorted).
CHECK_FUNCTIONS: tuple[CheckFunction, ...] = (
    check_circular_support,
    check_support_and_attack,
    check_self_attack,
    check_duplicate_member,
    check_quotes,
    check_unverified_quotes,
    check_missing_source_file,
    check_unsupported_claim,
    check_connections,
    check_unused_source,
    check_unused_person,
    check_unresolved_contradiction,
    check_self_contradiction,
)


def run_checks(result: LoadResult) -> tuple[Diagnostic, ...]:
    """Every consistency finding for a loaded map (not including the load's own diagnostics).

    A map whose text does not parse is not checked further: the findings would be noise.
    """
    if any(d.name == "syntax-error" for d in result.diagnostics):
        return ()
    return sort_diagnostics(d for check in CHECK_FUNCTIONS for d in check(result))
