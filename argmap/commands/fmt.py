"""``argmap fmt FILE...``: rewrite maps in canonical layout, keeping every comment."""

from __future__ import annotations

import argparse
import collections
import difflib
import sys

from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE

HELP = "rewrite maps in canonical layout (comments kept, meaning checked unchanged)"

STDIN = "-"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``fmt``."""
    parser.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help=".arg files to format; - reads standard input and writes standard output",
    )
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 when a file would be reformatted")
    parser.add_argument("--diff", action="store_true", help="change nothing; print what would change as a unified diff")


def _read(name: str) -> str:
    """The text of a file or of standard input; ``ReadError`` says why it cannot be had."""
    from pathlib import Path

    from argmap.analysis.loading import read_text_file
    from argmap.errors import ReadError

    if name != STDIN:
        return read_text_file(Path(name))
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(f"is not UTF-8 text (byte {error.start} cannot be decoded)") from None


def _findings(name: str, text: str) -> collections.Counter[tuple[str, str, str]]:
    """What ``argmap check`` would report for this text, without positions (formatting moves
    lines): each finding's name, severity and message, counted."""
    from argmap.analysis.analysis import analyze

    analysis = analyze(None if name == STDIN else name, text=text)
    return collections.Counter((d.name, d.severity.value, d.message) for d in analysis.findings())


def run(args: argparse.Namespace) -> int:
    """Format each file; a file that does not parse is left untouched and reported.

    Exit 0 when every file is (or now is) formatted, 1 when a file does not parse or, with
    ``--check``, would be reformatted, 3 when a file cannot be read.
    """
    from argmap.analysis.loading import printable_path
    from argmap.analysis.report import format_diagnostics
    from argmap.commands.files import write_atomic
    from argmap.errors import ReadError
    from argmap.language.formatting import FormatRefusedError, format_source

    status = EXIT_OK
    for name in args.files:
        shown = "<stdin>" if name == STDIN else printable_path(name)
        try:
            text = _read(name)
        except ReadError as error:
            sys.stderr.write(f"argmap: error: cannot read `{shown}`: {error}\n  = hint: give the path of a .arg file\n")
            status = max(status, EXIT_UNREADABLE)
            continue
        try:
            formatted = format_source(text, shown)
        except FormatRefusedError as refused:
            sys.stderr.write(format_diagnostics(refused.diagnostics, "full", {refused.filename: refused.text}) + "\n")
            sys.stderr.write(f"argmap: {shown} left unchanged: fix the errors above, then format it\n")
            status = max(status, EXIT_DIAGNOSTICS)
            continue
        if formatted != text and _findings(name, text) != _findings(name, formatted):
            # The layout moved a `# argmap: allow` away from what it silences (or onto
            # something else): the map would report differently. Keep the file as it is.
            sys.stderr.write(
                f"argmap: error: {shown} left unchanged: formatting would change which findings "
                "`argmap check` reports (a `# argmap: allow` comment would move)\n"
                "  = hint: put the `# argmap: allow` comment on its own line above the statement\n"
            )
            status = max(status, EXIT_DIAGNOSTICS)
            continue
        if name == STDIN and not (args.check or args.diff):
            sys.stdout.write(formatted)
            continue
        if formatted == text:
            continue
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(True), formatted.splitlines(True), f"{shown} (original)", f"{shown} (formatted)"
                )
            )
        if args.check:
            sys.stderr.write(f"would reformat {shown}\n")
            status = max(status, EXIT_DIAGNOSTICS)
        if args.check or args.diff:
            continue
        write_atomic(name, formatted)
        sys.stderr.write(f"reformatted {shown}\n")
    return status
