"""Environment problems the command line turns into one-line messages and exit codes.

A mistake in a map is a diagnostic, not one of these; these are for what lies outside the map:
an unreadable or unwritable file, a missing Graphviz, a bad option.
"""

from __future__ import annotations

__all__ = [
    "EXIT_DIAGNOSTICS",
    "EXIT_ENVIRONMENT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "CommandError",
]

#: Exit codes, documented in docs/cli.md.
EXIT_OK = 0
EXIT_DIAGNOSTICS = 1  # the map has errors (or fmt --check found a file to reformat)
EXIT_USAGE = 2  # bad command line
EXIT_UNREADABLE = 3  # a file cannot be read or written
EXIT_ENVIRONMENT = 4  # a tool argmap needs (Graphviz, a browser) is missing or failed
EXIT_INTERNAL = 70  # a bug in argmap: please report it


class CommandError(Exception):
    """Something outside the map went wrong; ``message`` is one line, ``hint`` says what to do."""

    def __init__(self, message: str, *, hint: str | None = None, exit_code: int = EXIT_UNREADABLE) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.exit_code = exit_code
