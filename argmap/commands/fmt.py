"""``argmap fmt FILE...``: rewrite maps in canonical layout, keeping every comment."""

from __future__ import annotations

import argparse
import difflib
import sys

from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE

HELP = "rewrite maps in canonical layout (comments kept, meaning checked unchanged)"


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


def run(args: argparse.Namespace) -> int:
    """Format each file; a file that does not parse is left untouched and reported."""
    from pathlib import Path

    from argmap.api import ReadError, read_text_file
    from argmap.files import write_atomic
    from argmap.formatting import FormatRefusedError, format_source
    from argmap.report import format_diagnostics

    status = EXIT_OK
    for name in args.files:
        if name == "-":
            text = sys.stdin.read()
        else:
            try:
                text = read_text_file(Path(name))
            except ReadError as error:
                sys.stderr.write(f"{name}:1:1: error: cannot read `{name}`: {error}\n")
                status = max(status, EXIT_UNREADABLE)
                continue
        try:
            formatted = format_source(text, name if name != "-" else "<stdin>")
        except FormatRefusedError as refused:
            sys.stderr.write(format_diagnostics(refused.diagnostics, "full", {refused.filename: refused.text}) + "\n")
            sys.stderr.write(f"argmap: {name} left unchanged: it must parse before it can be formatted\n")
            status = max(status, EXIT_DIAGNOSTICS)
            continue
        if name == "-":
            sys.stdout.write(formatted)
            continue
        if formatted == text:
            continue
        if args.diff:
            sys.stdout.writelines(
                difflib.unified_diff(
                    text.splitlines(True), formatted.splitlines(True), f"{name} (original)", f"{name} (formatted)"
                )
            )
        if args.check or args.diff:
            if args.check:
                sys.stderr.write(f"would reformat {name}\n")
            status = max(status, EXIT_DIAGNOSTICS if args.check else status)
            continue
        write_atomic(name, formatted)
        sys.stderr.write(f"reformatted {name}\n")
    return status
