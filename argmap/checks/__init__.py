"""Consistency checks: each family of checks is a module of pure functions ``LoadResult ->
diagnostics``; ``run_checks`` runs them all. Name errors are found while loading (``names``)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from argmap.api import LoadResult
from argmap.diagnostics import Diagnostic, sort_diagnostics

__all__ = ["CHECK_FUNCTIONS", "run_checks"]

CheckFunction = Callable[[LoadResult], Iterable[Diagnostic]]

#: Every check function, in no particular order (output is sorted).
CHECK_FUNCTIONS: tuple[CheckFunction, ...] = ()


def run_checks(result: LoadResult) -> tuple[Diagnostic, ...]:
    """Every consistency finding for a loaded map (not including the load's own diagnostics).

    A map whose text does not parse is not checked further: the findings would be noise.
    """
    if any(d.name == "syntax-error" for d in result.diagnostics):
        return ()
    return sort_diagnostics(d for check in CHECK_FUNCTIONS for d in check(result))
