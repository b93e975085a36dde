"""Diagnostics: what argmap says about a map, and the registry of every code it can say.

A mistake in a ``.arg`` file is a value of this module, never an exception. The registry is the
single source of truth for codes, names and default severities; docs and tests read it.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable

import attrs

from argmap.model import NO_SPAN, Span

__all__ = [
    "CHECKS",
    "LISTED",
    "MAX_LABELS",
    "MAX_MESSAGE",
    "Check",
    "Diagnostic",
    "Label",
    "Severity",
    "check_by_name",
    "listed",
    "make",
    "sort_diagnostics",
]


#: A message that names items names at most this many, then says how many more there are.
LISTED = 5
#: No message is longer than this many characters (a map's long text is cut, never echoed whole).
MAX_MESSAGE = 1000
#: No diagnostic carries more than this many labels (each is a line of the full report).
MAX_LABELS = 20


def listed(items: Iterable[str], limit: int = LISTED, separator: str = ", ") -> str:
    """``a, b, c`` or, past ``limit`` items, ``a, b, c, d, e and 9,995 more``: a bounded list."""
    shown: list[str] = []
    more = 0
    for item in items:
        if len(shown) < limit:
            shown.append(item)
        else:
            more += 1
    text = separator.join(shown)
    return f"{text} and {more:,} more" if more else text


class Severity(enum.Enum):
    """How bad a finding is."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@attrs.frozen
class Check:
    """A registered diagnostic: its stable code, kebab-case name and default severity."""

    code: str
    name: str
    severity: Severity
    summary: str
    #: Where it is found: ``map`` (``argmap check``) or ``import`` (``argmap convert``).
    stage: str = "map"


def _registry(*checks: Check) -> dict[str, Check]:
    return {c.name: c for c in checks}


_E, _W = Severity.ERROR, Severity.WARNING

#: Every diagnostic argmap can report, by name. Codes never change meaning once released.
CHECKS: dict[str, Check] = _registry(
    # The language: syntax and names.
    Check("AM001", "syntax-error", _E, "the text does not parse"),
    Check("AM002", "undefined-id", _E, "a name that is never declared"),
    Check("AM003", "duplicate-id", _E, "a name declared twice"),
    Check("AM004", "wrong-target", _E, "a name that points at the wrong kind of thing"),
    Check("AM005", "reserved-word", _E, "a keyword used as an id"),
    Check("AM006", "bad-value", _E, "a malformed date, escape or number"),
    Check("AM007", "include-error", _E, "an include that is missing, cyclic or outside the folder"),
    Check("AM008", "unreadable-file", _E, "a map file that cannot be read as UTF-8 text"),
    Check("AM009", "import-loss", _W, "something in an imported file that argmap cannot represent", "import"),
    # Consistency checks.
    Check("AM101", "circular-support", _E, "a cycle of supports (begging the question)"),
    Check("AM102", "support-and-attack", _E, "a node both supports and attacks one target"),
    Check("AM103", "self-attack", _E, "a node attacks itself or its own group"),
    Check("AM104", "quote-not-found", _E, "a quote that is not in its source's article"),
    Check("AM105", "quote-typography", _W, "a quote that matches only after folding typography"),
    Check("AM106", "missing-source-file", _E, "a source's article file cannot be used"),
    Check("AM107", "unsupported-claim", _W, "a claim with no reason, no quote, not implicit"),
    Check("AM108", "orphan", _W, "a node connected to no claim"),
    Check("AM109", "unused-source", _W, "a source that is never quoted"),
    Check("AM110", "unused-person", _W, "a person who is never cited with by"),
    Check("AM111", "duplicate-member", _W, "a group naming a node twice, or a relation twice"),
    Check("AM112", "unresolved-contradiction", _W, "both sides of a contradiction have reasons"),
    Check("AM113", "self-contradiction", _W, "one person or node on both sides of a contradiction"),
    Check("AM114", "no-claim", _W, "no claim, or several unconnected claims"),
    Check("AM115", "quote-unverified", _W, "a quote whose source names no article file to check it against"),
)

_BY_CODE = {c.code: c for c in CHECKS.values()}


def check_by_name(name_or_code: str) -> Check | None:
    """Look a check up by its name (``orphan``) or its code (``AM108``)."""
    return CHECKS.get(name_or_code) or _BY_CODE.get(name_or_code.upper())


@attrs.frozen
class Label:
    """A secondary span with a short message ("first declared here")."""

    span: Span
    message: str


@attrs.frozen
class Diagnostic:
    """One finding: a registered check, a one-line message, where, and how to fix it."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span = NO_SPAN
    labels: tuple[Label, ...] = ()
    hints: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        """True for error severity."""
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column, code, then message: all output is deterministic."""
        s = self.span
        return (s.file, s.line, s.column, self.code, self.message)


def make(
    name: str,
    message: str,
    span: Span,
    *,
    labels: Iterable[Label] = (),
    hints: Iterable[str] = (),
    severity: Severity | None = None,
) -> Diagnostic:
    """Build a diagnostic of the registered check ``name`` (a typo here is a programmer error)."""
    check = CHECKS[name]
    if len(message) > MAX_MESSAGE:  # a last guard: checks shorten what they quote themselves
        message = message[: MAX_MESSAGE - 1] + "…"
    return Diagnostic(
        code=check.code,
        name=check.name,
        severity=severity or check.severity,
        message=message,
        span=span,
        labels=tuple(itertools.islice(labels, MAX_LABELS)),
        hints=tuple(hints),
    )


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Sorted and without exact repeats."""
    return tuple(sorted(set(diagnostics), key=Diagnostic.sort_key))
