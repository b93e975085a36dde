"""What the user asked to see: ``--select``, ``--ignore``, ``--strict`` and in-map allowances.

A warning is silenced in the map by a comment on its line or the line above it:
``# argmap: allow orphan`` (several names or codes separated by commas or spaces; words that
name no check, such as an explanation after the names, are ignored). Errors cannot be
silenced: they mean the map is not what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from argmap.language.syntax import Comment
from argmap.model.diagnostics import Diagnostic, Severity, check_by_name

__all__ = ["Policy", "allowances", "apply_policy", "resolve_names"]

_ALLOW = re.compile(r"#\s*argmap:\s*allow\s+(?P<names>[A-Za-z0-9_,\-\s]+)")


@attrs.frozen
class Policy:
    """Which checks to report and whether warnings count as errors."""

    select: frozenset[str] = frozenset()  # empty: all
    ignore: frozenset[str] = frozenset()
    strict: bool = False


def resolve_names(values: Sequence[str]) -> tuple[frozenset[str], list[str]]:
    """Check names or codes (comma-separated allowed) to names; the second item lists unknowns."""
    names: set[str] = set()
    unknown: list[str] = []
    for value in values:
        for part in value.split(","):
            part = part.strip()
            if not part:
                continue
            check = check_by_name(part)
            if check is None:
                unknown.append(part)
            else:
                names.add(check.name)
    return frozenset(names), unknown


def allowances(comments: Iterable[Comment]) -> dict[tuple[str, int], frozenset[str]]:
    """``(file, line) -> names`` allowed by ``# argmap: allow`` comments on or above a line."""
    allowed: dict[tuple[str, int], set[str]] = {}
    for comment in comments:
        match = _ALLOW.match(comment.text)
        if not match:
            continue
        found = (check_by_name(n) for n in re.split(r"[\s,]+", match["names"]) if n)
        names = {check.name for check in found if check is not None}
        for line in (comment.line, comment.line + 1):
            allowed.setdefault((comment.file, line), set()).update(names)
    return {k: frozenset(v) for k, v in allowed.items()}


def apply_policy(
    diagnostics: Iterable[Diagnostic], policy: Policy, comments: Iterable[Comment] = ()
) -> tuple[Diagnostic, ...]:
    """Filter and re-grade diagnostics as the user asked."""
    allowed = allowances(comments)
    out = []
    for d in diagnostics:
        if policy.select and d.name not in policy.select:
            continue
        if d.name in policy.ignore and d.severity is not Severity.ERROR:
            continue
        if d.severity is Severity.WARNING and d.name in allowed.get((d.span.file, d.span.line), ()):
            continue
        if policy.strict and d.severity is Severity.WARNING:
            d = attrs.evolve(d, severity=Severity.ERROR)
        out.append(d)
    return tuple(out)
