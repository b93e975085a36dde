"""``argmap check FILE...``: report syntax, name and consistency problems."""

from __future__ import annotations

import argparse
import sys

from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

HELP = "report syntax errors, name errors and consistency problems in maps"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``check``."""
    parser.add_argument("files", nargs="+", metavar="FILE", help=".arg files to check")
    parser.add_argument(
        "--format",
        choices=("hints", "short", "full", "json"),
        default="hints",
        help="hints: each finding with its hints (default); short: one line each; "
        "full: with the line and a caret; json",
    )
    parser.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="NAME",
        help="report only these checks (names or codes, repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="NAME",
        help="do not report these warnings (names or codes, repeatable)",
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument(
        "--allow-outside", action="store_true", help="let includes and article files lie outside the map's folder"
    )


def run(args: argparse.Namespace) -> int:
    """Check every file; exit 0 clean, 1 errors, 3 when a file cannot be read."""
    from argmap.analysis.analysis import analyze
    from argmap.analysis.policy import Policy, resolve_names
    from argmap.analysis.report import format_diagnostics
    from argmap.model.diagnostics import Diagnostic

    select, unknown_select = resolve_names(args.select)
    ignore, unknown_ignore = resolve_names(args.ignore)
    unknown = unknown_select + unknown_ignore
    if unknown:
        import difflib

        from argmap.model.diagnostics import CHECKS

        close = difflib.get_close_matches(unknown[0], list(CHECKS), n=1, cutoff=0.6)
        guess = f"did you mean `{close[0]}`? " if close else ""
        raise CommandError(
            f"unknown check `{unknown[0]}`",
            hint=f"{guess}see docs/diagnostics.md for every check name and code",
            exit_code=EXIT_USAGE,
        )
    policy = Policy(select, ignore, args.strict)
    shown: list[Diagnostic] = []
    texts: dict[str, str] = {}
    unreadable = False
    for name in args.files:
        analysis = analyze(name, allow_outside=args.allow_outside)
        unreadable |= analysis.unreadable
        shown += analysis.findings(policy)
        texts.update(analysis.texts)
    output = format_diagnostics(shown, args.format, texts)
    if output:
        print(output)
    errors = sum(d.is_error for d in shown)
    warnings = len(shown) - errors
    if args.format != "json" and shown:
        sys.stderr.write(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}\n")
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_DIAGNOSTICS if errors else EXIT_OK
