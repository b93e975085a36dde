"""The one exception family: everything argmap raises for bad input or a failing tool.

A mistake inside a map is a diagnostic, not an exception; these are for what lies outside the
map or for callers that asked for a map and got errors instead. Every class derives from
``ArgmapError``, whose ``str()`` is one line fit for a user and whose ``hint`` says what to do.
``argmap.cli`` turns each class into an exit code through one table (``EXIT_CODES``).

This module is a leaf: it imports nothing of argmap, so every layer may raise these.
"""

from __future__ import annotations

from collections.abc import Sequence

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.model.diagnostics import Diagnostic

__all__ = [
    "EXIT_DIAGNOSTICS",
    "EXIT_ENVIRONMENT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "ArgmapError",
    "CommandError",
    "EngineError",
    "EngineFailedError",
    "EngineNotFoundError",
    "EngineTimeoutError",
    "MapError",
    "MissingDependencyError",
    "ReadError",
    "UsageError",
    "WriteError",
]

#: Exit codes, documented in the README and docs/cli.md.
EXIT_OK = 0
EXIT_DIAGNOSTICS = 1  # the map has errors (or fmt --check found a file to reformat)
EXIT_USAGE = 2  # bad command line
EXIT_UNREADABLE = 3  # a file cannot be read or written
EXIT_ENVIRONMENT = 4  # a tool argmap needs (Graphviz, a browser) is missing or failed
EXIT_INTERNAL = 70  # a bug in argmap: please report it


class ArgmapError(Exception):
    """Base of everything argmap raises for bad input or a failing tool.

    ``message`` is one line; ``hint`` (or ``None``) names the likely fix; ``diagnostics`` holds
    the findings when the error is about a map's content (empty otherwise).
    """

    def __init__(self, message: str, *, hint: str | None = None, diagnostics: Sequence[Diagnostic] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)


class MapError(ArgmapError):
    """A map has errors (of any stage: syntax, names, consistency); ``diagnostics`` holds every
    finding, errors and warnings, and the message names the first error with file:line:col."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.is_error]
        first = errors[0] if errors else diagnostics[0]
        more = f" (and {len(errors) - 1} more errors)" if len(errors) > 1 else ""
        super().__init__(
            f"{first.span}: {first.severity.value}[{first.code}]: {first.message}{more}",
            hint=first.hints[0] if first.hints else "run `argmap check` on the map for every finding",
            diagnostics=diagnostics,
        )


class UsageError(ArgmapError):
    """A value given by the caller is not one argmap accepts (an unknown format, theme, id)."""


class ReadError(ArgmapError):
    """A file could not be read; the message says why in a few words."""


class WriteError(ArgmapError):
    """An output could not be written (or would have destroyed an input)."""


class MissingDependencyError(ArgmapError):
    """An optional package argmap needs for this is not installed; the hint says how to get it."""


class EngineError(ArgmapError):
    """The Graphviz layout engine could not do its job."""


class EngineNotFoundError(EngineError):
    """No layout engine of the kind asked for is installed."""


class EngineFailedError(EngineError):
    """The engine ran and failed; ``stderr`` holds what it said (the message its first error)."""

    def __init__(self, message: str, *, hint: str | None = None, stderr: str = "") -> None:
        super().__init__(message, hint=hint)
        self.stderr = stderr


class EngineTimeoutError(EngineError):
    """The engine did not finish within the time allowed and was stopped."""


class CommandError(ArgmapError):
    """A command of the command line cannot go on; carries its own exit code.

    Raised only in ``argmap.commands``: the layers below raise the typed errors above.
    """

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message, hint=hint)
        self.exit_code = exit_code
