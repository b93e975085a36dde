"""``argmap check FILE...``: report syntax, name and consistency problems."""

from __future__ import annotations

import argparse
import sys

from argmap.commands._parallel import add_jobs_argument, both_halves, cores, in_order
from argmap.commands.lifetime import keep
from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.analysis.checks import CheckHalf
    from argmap.analysis.loading import LoadResult
    from argmap.analysis.policy import Policy
    from argmap.model.diagnostics import Diagnostic

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
    add_jobs_argument(parser)


#: A map with at least this many statements has its checks split over two cores when it is the
#: only file (below this, forking costs more than the second core saves).
SPLIT_FROM = 5_000


def _split_large(work: CheckHalf, result: LoadResult) -> list[tuple[Diagnostic, ...]]:
    """Both halves of the checks: in two processes for a large map, here for a small one."""
    from argmap.analysis.checks import in_turn

    if len(result.map.nodes) + len(result.map.relations) < SPLIT_FROM:
        return in_turn(work, result)
    return both_halves(work, result)


def _check_one(task: tuple[str, bool, Policy, bool]) -> tuple[tuple[Diagnostic, ...], dict[str, str], bool]:
    """One file's findings, the texts they point into, and whether the file was unreadable
    (run in a worker process when there are many files: everything here is picklable). With
    ``split`` (one file, more than one core), a large map's checks use two cores."""
    from argmap.analysis.analysis import analyze

    name, allow_outside, policy, split = task
    analysis = analyze(name, allow_outside=allow_outside, split_checks=_split_large if split else None)
    keep(analysis)
    shown = analysis.findings(policy)
    # Only the texts the report quotes travel back from a worker, not every file read.
    files = {span.file for d in shown for span in (d.span, *(label.span for label in d.labels))}
    texts = {file: text for file, text in analysis.texts.items() if file in files}
    return shown, texts, analysis.unreadable


def run(args: argparse.Namespace) -> int:
    """Check every file; exit 0 clean, 1 errors, 3 when a file cannot be read."""
    from argmap.analysis.policy import Policy, resolve_names
    from argmap.analysis.report import format_diagnostics

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
    split = len(args.files) == 1 and args.jobs != 1 and cores() > 1
    tasks = [(name, args.allow_outside, policy, split) for name in args.files]
    for findings, quoted, file_unreadable in in_order(_check_one, tasks, args.jobs):
        shown += findings
        texts.update(quoted)
        unreadable |= file_unreadable
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
