"""The ``argmap`` command: the only module that talks to the terminal.

Each subcommand lives in ``argmap/commands/<name>.py`` with ``HELP``, ``add_arguments`` and
``run``; heavy imports (Graphviz, solvers, exporters) happen inside ``run``, so start-up stays
fast. Every failure reaches the user as one line and a documented exit code.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

from argmap.errors import (
    EXIT_DIAGNOSTICS,
    EXIT_ENVIRONMENT,
    EXIT_INTERNAL,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    ArgmapError,
    CommandError,
    EngineError,
    MapError,
    MissingDependencyError,
    ReadError,
    UsageError,
    WriteError,
)

# Not `typing.TYPE_CHECKING`: `argmap --version` must not pay for importing typing or argparse.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn, TextIO

__all__ = ["COMMANDS", "main"]

#: What each kind of failure exits with: the first row whose class matches wins (``CommandError``
#: carries its own code). Documented in the README and docs/cli.md.
EXIT_CODES: tuple[tuple[type[ArgmapError], int], ...] = (
    (UsageError, EXIT_USAGE),
    (ReadError, EXIT_UNREADABLE),
    (WriteError, EXIT_UNREADABLE),
    (EngineError, EXIT_ENVIRONMENT),
    (MissingDependencyError, EXIT_ENVIRONMENT),
    (MapError, EXIT_DIAGNOSTICS),
    (ArgmapError, EXIT_DIAGNOSTICS),
)


def exit_code(error: ArgmapError) -> int:
    """The exit code for a failure, from ``EXIT_CODES``."""
    if isinstance(error, CommandError):
        return error.exit_code
    return next(code for kind, code in EXIT_CODES if isinstance(error, kind))


#: The subcommands, in the order ``--help`` lists them.
COMMANDS = ("check", "fmt", "evaluate", "render", "exercise", "compare", "convert", "coverage", "lsp")

VERSION = "0.1.0"  # kept equal to argmap.__version__ by a test; read here to keep start-up light


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class Parser(argparse.ArgumentParser):
        """argparse, but usage errors are one line with a hint and exit code 2."""

        def error(self, message: str) -> NoReturn:
            sys.stderr.write(f"{self.prog}: error: {message}\n  = hint: see `{self.prog} --help`\n")
            raise SystemExit(EXIT_USAGE)

    return Parser


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser with every subcommand registered, or only the one named ``only``.

    ``main`` asks for the one command it was given: each command module imports what its options
    need (``convert`` the format registry, ``render`` the diagram options), and a ``check`` of
    a small map should not pay for importing the others. Help for the whole program, and an
    unknown command, get the full parser."""
    parser_class = _parser_class()
    parser = parser_class(
        prog="argmap",
        description="Map the arguments in articles: check, evaluate, render and convert .arg maps.",
        epilog="Exit codes: 0 ok, 1 errors found, 2 usage error, 3 unreadable or unwritable file, "
        "4 missing or failing external tool, 70 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"argmap {VERSION}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=parser_class)
    for name in COMMANDS if only is None else (only,):
        module = importlib.import_module(f"argmap.commands.{name}")
        command = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(command)
        command.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list == ["--version"]:  # the fast path: no subcommand modules imported
        print(f"argmap {VERSION}")
        return 0
    parser = build_parser(args_list[0] if args_list and args_list[0] in COMMANDS else None)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as stop:
        return int(stop.code or 0)
    if getattr(args, "run", None) is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    saved = sys.stdout
    sys.stdout = _GuardedOutput(saved)
    try:
        code = int(args.run(args))
        sys.stdout.flush()
        return code
    except ArgmapError as error:
        sys.stderr.write(f"argmap: error: {error.message}\n")
        if error.hint:
            sys.stderr.write(f"  = hint: {error.hint}\n")
        return exit_code(error)
    except KeyboardInterrupt:
        sys.stderr.write("argmap: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # a bug in argmap, never bad input: still no traceback by default
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        sys.stderr.write(
            f"argmap: internal error: {type(error).__name__}: {error}\n"
            "  = hint: this is a bug in argmap; rerun with ARGMAP_DEBUG=1 and report the traceback\n"
        )
        return EXIT_INTERNAL
    finally:
        sys.stdout = saved


class _GuardedOutput:
    """Standard output that turns a failed write (a full disk: ``> /dev/full``) into a one-line
    error and exit 3, instead of an internal error. A closed pipe (``| head``) stays quiet."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _output_error(error) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise _output_error(error) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _output_error(error: OSError) -> CommandError:
    return CommandError(
        f"cannot write to standard output: {error.strerror or error}",
        hint="check the disk, or write to a file with -o",
        exit_code=EXIT_UNREADABLE,
    )


def run() -> NoReturn:
    """Console-script entry point: one command in a process of its own.

    The cyclic garbage collector is switched off here, for this process only, and never by
    ``main`` or the library (a caller's interpreter is left as it was). A command builds one map
    of frozen, acyclic objects and exits; each automatic collection would walk all of them again
    (40 % of ``argmap check`` on a 20,000-statement map) to find cycles that are not there.
    Reference counting still frees everything as usual, until the command is done: then the
    output is flushed and the process ends with ``os._exit``, without tearing the interpreter
    down object by object (see ``argmap.commands.lifetime``). Every file a command writes is
    closed by then (``commands.files`` writes each with ``with`` and renames it into place).
    """
    import gc

    from argmap.commands.lifetime import end_without_freeing

    gc.disable()
    end_without_freeing()
    code = main()
    try:
        sys.stdout.flush()
    except ValueError:
        pass  # already closed (the language server closes it when the client leaves)
    except OSError:
        # What could not be written is still buffered; the interpreter's own last flush would
        # fail again and print a traceback-like note: let it write into nothing instead.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)
