"""What the commands that draw (render, exercise, compare) share: options and the output format.

The lists themselves live in ``argmap.diagram.formats`` (a leaf module, so ``argmap --help``
stays light).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.diagram.formats import DIRECTIONS, EXTENSIONS, THEME_NAMES
from argmap.errors import EXIT_USAGE, CommandError

__all__ = ["DIRECTIONS", "EXTENSIONS", "THEMES", "add_engine_arguments", "output_format", "seconds"]

THEMES = THEME_NAMES


def seconds(text: str) -> float:
    """An argparse type: a positive number of seconds, at most a day."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {text!r}") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {text!r}")
    return value


def add_engine_arguments(parser: argparse.ArgumentParser) -> None:
    """``--engine`` and ``--timeout``."""
    parser.add_argument(
        "--engine",
        choices=("auto", "system", "bundled"),
        default="auto",
        help="Graphviz `dot` (system), graphviz-pure (bundled), or system when present (auto, the default)",
    )
    parser.add_argument(
        "--timeout", type=seconds, default=60.0, metavar="SECONDS", help="stop the layout after this long (60)"
    )


def output_format(given: str | None, output: str, formats: tuple[str, ...]) -> str:
    """``--format`` when given, else the one ``output``'s ending names (among ``formats``)."""
    if given:
        return given
    found = EXTENSIONS.get(Path(output).suffix.lower())
    if found in formats:
        return found
    endings = ", ".join(sorted({e for e, f in EXTENSIONS.items() if f in formats}))
    raise CommandError(
        f"cannot tell the format from `{output}`",
        hint=f"give --format ({', '.join(formats)}) or end OUT in one of {endings}",
        exit_code=EXIT_USAGE,
    )
