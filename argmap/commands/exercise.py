"""``argmap exercise FILE -o OUT --blank texts|relations|groups``: a worksheet and its answer key."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.commands._drawing import DIRECTIONS, THEMES, add_engine_arguments, output_format
from argmap.diagram.formats import ENGINE_FORMATS as FORMATS
from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE

HELP = "draw a worksheet with blanks (texts, relations or groups) and its answer key"


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number of 0 or more, not {text!r}")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``exercise``."""
    parser.add_argument("file", metavar="FILE", help="the teacher's .arg map")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the worksheet to write; the key goes beside it with -key added (sheet.svg -> sheet-key.svg)",
    )
    parser.add_argument(
        "--blank",
        required=True,
        choices=("texts", "relations", "groups"),
        help="what to leave for students: node texts (with a word bank), relation kinds, or linked groups",
    )
    parser.add_argument(
        "--seed", type=_seed, default=0, metavar="N", help="shuffles the word bank; same seed, same sheet (0)"
    )
    parser.add_argument("--format", choices=FORMATS, help="output format (default: from OUT's extension)")
    parser.add_argument("--theme", choices=THEMES, default="default", help="colours (default: colour-blind safe)")
    parser.add_argument(
        "--direction", choices=DIRECTIONS, default="up", help="where the arrows point (default: up, claim on top)"
    )
    parser.add_argument("--page", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    parser.add_argument(
        "--orientation",
        choices=("portrait", "landscape"),
        default="portrait",
        help="the page upright (portrait, the default) or on its side",
    )
    add_engine_arguments(parser)
    parser.add_argument(
        "--allow-outside", action="store_true", help="let includes and article files lie outside the map's folder"
    )


def _format(args: argparse.Namespace) -> str:
    return output_format(args.format, args.output, FORMATS)


def run(args: argparse.Namespace) -> int:
    """Check the map, then write the sheet and the key; 0 written, 1 map errors, 3 unreadable."""
    from argmap.classroom.exercise import draw_exercise, key_path
    from argmap.commands._loading import load_checked, plural_errors
    from argmap.commands.files import refuse_inputs, write_atomic
    from argmap.diagram import THEMES, RenderOptions

    fmt = _format(args)
    loaded = load_checked(args.file, allow_outside=args.allow_outside)
    if loaded is None:
        return EXIT_UNREADABLE
    result, errors = loaded
    if errors:
        sys.stderr.write(f"{plural_errors(errors)}: no worksheet from `{args.file}`\n")
        return EXIT_DIAGNOSTICS
    # Neither the worksheet nor its answer key may replace the map or a file it reads.
    inputs = (args.file, *result.loaded.inputs)
    refuse_inputs(args.output, inputs)
    refuse_inputs(key_path(Path(args.output)), inputs)
    options = RenderOptions(theme=THEMES[args.theme], direction=args.direction)
    sheet_data, key_data = draw_exercise(
        result.map,
        options,
        args.blank,
        fmt,
        seed=args.seed,
        page=args.page,
        orientation=args.orientation,
        engine=args.engine,
        timeout=args.timeout,
    )
    sheet, key = Path(args.output), key_path(Path(args.output))
    write_atomic(sheet, sheet_data)
    write_atomic(key, key_data)
    sys.stderr.write(f"worksheet: {sheet}\nanswer key: {key}\n")
    return EXIT_OK
