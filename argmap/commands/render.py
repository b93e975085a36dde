"""``argmap render FILE -o OUT``: draw a map as SVG, PNG, PDF, DOT or a classroom page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.commands._drawing import DIRECTIONS, THEMES, add_engine_arguments, output_format
from argmap.diagram.formats import FORMATS, KEYS, OVERLAYS
from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

# Not `typing.TYPE_CHECKING`: building the command line must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.analysis.analysis import Analysis
    from argmap.diagram import RenderOptions
    from argmap.model import Map

HELP = "draw a map as a diagram (svg, png, pdf, dot, or an html page)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``render``."""
    parser.add_argument("file", metavar="FILE", help="the .arg map to draw")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write, - for standard output (a folder with --steps)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="output format (default: from OUT's extension; svg for --steps)"
    )
    parser.add_argument("--theme", choices=THEMES, default="default", help="colours (default: colour-blind safe)")
    parser.add_argument("--overlay", choices=OVERLAYS, help="mark what stands under the grounded evaluation")
    parser.add_argument("--group-by", choices=("source", "tag"), help="draw a box around each article's or tag's nodes")
    parser.add_argument(
        "--direction", choices=DIRECTIONS, default="up", help="where the arrows point (default: up, claim on top)"
    )
    parser.add_argument(
        "--font-scale",
        type=_scale,
        default=1.0,
        metavar="X",
        help="make every text X times as big (0.5 to 4; 1.5 for a projector)",
    )
    parser.add_argument(
        "--key",
        choices=KEYS,
        default="top",
        help="the key as a strip above the diagram (default), below it, or none",
    )
    parser.add_argument("--focus", metavar="ID", help="draw only this statement and what bears on it")
    parser.add_argument("--depth", type=_depth, metavar="N", help="with --focus: only what is at most N relations away")
    parser.add_argument(
        "--overview",
        action="store_true",
        help="one box per article (its main claim) and the links between articles",
    )
    add_engine_arguments(parser)
    parser.add_argument("--force", action="store_true", help="draw even when the map has errors")
    parser.add_argument("--steps", action="store_true", help="write one frame per step into the folder OUT")
    parser.add_argument(
        "--reading", action="store_true", help="an html page with each article beside the diagram (reading view)"
    )
    parser.add_argument(
        "--allow-outside", action="store_true", help="let includes and article files lie outside the map's folder"
    )


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, not {text!r}") from None
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError(f"expected a number from 0.5 to 4, not {text!r}")
    return value


def _depth(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, not {text!r}")
    return value


def _view(args: argparse.Namespace, m: Map) -> tuple[Map, frozenset[str]]:
    """The map to draw: the whole map, one statement's neighbourhood, or the overview."""
    from argmap.diagram.views import focus, overview

    if args.depth is not None and args.focus is None:
        raise CommandError(
            "--depth needs --focus", hint="add --focus ID (the statement to start from)", exit_code=EXIT_USAGE
        )
    if args.focus is not None and args.overview:
        raise CommandError(
            "--focus and --overview draw different things", hint="choose one of them", exit_code=EXIT_USAGE
        )
    if args.overview:
        return overview(m)
    if args.focus is None:
        return m, frozenset()
    try:
        return focus(m, args.focus, args.depth), frozenset()
    except KeyError:
        import difflib

        ids = [n.id for n in m.first_nodes()]
        close = difflib.get_close_matches(args.focus, ids, n=1, cutoff=0.6)
        guess = f"did you mean `{close[0]}`? " if close else ""
        raise CommandError(
            f"`{args.focus}` is not a statement of `{args.file}`",
            hint=f"{guess}--focus takes the id of a claim, premise or rebuttal",
            exit_code=EXIT_USAGE,
        ) from None


def _format(args: argparse.Namespace) -> str:
    if args.steps and not args.format:
        return "svg"
    return output_format(args.format, args.output, FORMATS)


def _missing(feature: str, module: str) -> CommandError:
    return CommandError(
        f"{feature} needs `{module}`, which this installation of argmap does not have",
        hint="update argmap, or render svg, png, pdf or dot",
        exit_code=EXIT_USAGE,
    )


def run(args: argparse.Namespace) -> int:
    """Check the map, then draw it; exit 0 drawn, 1 map errors, 3 unreadable, 4 engine trouble."""
    from argmap.commands._loading import load_checked, plural_errors
    from argmap.commands.files import STDOUT, refuse_inputs, write_output
    from argmap.diagram import THEMES, RenderOptions, render_diagram

    if args.steps and args.output == STDOUT:
        raise CommandError(
            "--steps writes a folder of frames, not standard output",
            hint="name a folder with -o",
            exit_code=EXIT_USAGE,
        )
    fmt = _format(args)
    refuse_inputs(args.output, [args.file])  # before any work: `render x.arg -o x.arg` loses the map
    loaded = load_checked(args.file, allow_outside=args.allow_outside)
    if loaded is None:
        return EXIT_UNREADABLE
    result, errors = loaded
    if errors:
        count = plural_errors(errors)
        if not args.force:
            sys.stderr.write(f"{count}: not drawing `{args.file}` (use --force to draw it anyway)\n")
            return EXIT_DIAGNOSTICS
        sys.stderr.write(f"{count}: drawing anyway (--force)\n")
    m = result.map
    inputs = (args.file, *result.loaded.inputs)
    overlay = None
    if args.overlay == "grounded":
        try:
            overlay = result.evaluation
        except ModuleNotFoundError as error:
            if error.name and error.name.startswith("argmap"):
                raise _missing("--overlay grounded", "argmap.analysis.semantics") from None
            raise
    m, unranked = _view(args, m)
    options = RenderOptions(
        theme=THEMES[args.theme],
        overlay=overlay,
        group_by=args.group_by,
        direction=args.direction,
        font_scale=args.font_scale,
        key=args.key,
        unranked=unranked,
    )
    out = Path(args.output)
    if args.steps:
        try:
            import argmap.classroom.steps  # noqa: F401 - absent in a cut-down install: say so
            from argmap.commands._steps import render_steps
        except ModuleNotFoundError as error:
            if error.name and error.name.startswith("argmap"):
                raise _missing("--steps", "argmap.classroom.steps") from None
            raise
        render_steps(m, options, out, fmt, engine=args.engine, timeout=args.timeout, inputs=inputs)
        return EXIT_OK
    if args.reading:
        _render_reading(args, fmt, result, options, out)
        return EXIT_OK
    if fmt == "html":
        try:
            from argmap.classroom.page import render_page
        except ModuleNotFoundError as error:
            if error.name and error.name.startswith("argmap"):
                raise _missing("--format html", "argmap.classroom.page") from None
            raise
        page = render_page(m, options, result.findings(), result.evaluation, engine=args.engine, timeout=args.timeout)
        write_output(args.output, page, inputs=inputs)
        return EXIT_OK
    write_output(args.output, render_diagram(m, fmt, options, engine=args.engine, timeout=args.timeout), inputs=inputs)
    return EXIT_OK


def _render_reading(args: argparse.Namespace, fmt: str, result: Analysis, options: RenderOptions, out: Path) -> None:
    """``--reading``: the articles beside the diagram, as one html page."""
    from argmap.analysis.checks.quotes import article_path
    from argmap.classroom.reading import render_reading
    from argmap.commands.files import write_atomic

    if fmt != "html" or args.steps:
        raise CommandError(
            "--reading writes an html page",
            hint="end OUT in .html (or give --format html), without --steps",
            exit_code=EXIT_USAGE,
        )
    files = {s.id: article_path(s) for s in result.map.sources if s.file is not None}
    for sid, why in result.article_errors.items():
        sys.stderr.write(f"argmap: note: the article of `{sid}` is left out of the page: {why}\n")
    page = render_reading(
        result.map,
        options,
        result.findings(),
        result.evaluation,
        result.articles,
        result.quote_passages,
        result.article_errors,
        files=files,
        engine=args.engine,
        timeout=args.timeout,
    )
    write_atomic(out, page)
