"""``argmap convert IN -o OUT``: between .arg, argmap JSON, AIF, Argdown (source and JSON) and Kialo."""

from __future__ import annotations

import argparse
import sys

from argmap.errors import EXIT_DIAGNOSTICS, EXIT_INTERNAL, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError
from argmap.formats import registry

# Not `typing.TYPE_CHECKING`: building the command line must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from argmap.formats.errors import Imported

HELP = "convert a map between .arg, argmap JSON, AIF, Argdown and Kialo text"

_FORMATS = registry.FORMATS
_WRITABLE = registry.writable()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``convert``."""
    parser.add_argument("input", metavar="IN", help="the file to read")
    parser.add_argument("-o", "--output", metavar="OUT", required=True, help="the file to write (`-` for stdout)")
    parser.add_argument("--from", dest="source_format", choices=_FORMATS, help="the input format (default: guessed)")
    parser.add_argument("--to", dest="target_format", choices=_FORMATS, help="the output format (default: guessed)")
    parser.add_argument("--spans", action="store_true", help="argmap JSON: record where each element was written")
    parser.add_argument(
        "--allow-outside", action="store_true", help=".arg input: let includes lie outside the map's folder"
    )


def _shown(path: str) -> str:
    """A path as a message shows it: control characters (a newline, a NUL) escaped."""
    from argmap.formats.errors import terminal_safe

    return terminal_safe(path)


def _guess_from_name(args: argparse.Namespace) -> str | None:
    """The input format named by --from or by the file name (``json?``: look inside)."""
    from argmap.formats.detect import format_from_name

    return str(args.source_format) if args.source_format else format_from_name(args.input)


def _input_format(args: argparse.Namespace, guessed: str | None, text: str) -> str:
    """The input format, deciding a ``.json`` or ``.txt`` name by the content."""
    from argmap.formats.detect import format_from_content
    from argmap.formats.kialo import looks_like_kialo

    if args.source_format:
        return str(args.source_format)
    if guessed == "json?":
        found = format_from_content(text)
        if found is None:
            raise CommandError(
                f"cannot tell what kind of JSON `{_shown(args.input)}` is (argmap JSON, AIF or Argdown JSON)",
                hint="name it with --from json, --from aif or --from argdown-json",
                exit_code=EXIT_USAGE,
            )
        return found
    if guessed == "kialo" and not looks_like_kialo(text):
        guessed = None
    if guessed is None:
        raise CommandError(
            f"cannot tell the format of `{_shown(args.input)}` from its name",
            hint="name it with --from (one of: " + ", ".join(_FORMATS) + ")",
            exit_code=EXIT_USAGE,
        )
    return guessed


def _output_format(args: argparse.Namespace) -> str:
    from argmap.formats.detect import format_from_name

    target = args.target_format
    if target is None:
        guessed = format_from_name(args.output) if args.output != "-" else None
        target = "json" if guessed == "json?" else guessed
    if target is None:
        raise CommandError(
            f"cannot tell which format to write `{_shown(args.output)}` in",
            hint="name it with --to (one of: " + ", ".join(_WRITABLE) + ")",
            exit_code=EXIT_USAGE,
        )
    if target not in _WRITABLE:
        raise CommandError(
            f"argmap reads {target} but cannot write it",
            hint="write one of: " + ", ".join(_WRITABLE),
            exit_code=EXIT_USAGE,
        )
    return str(target)


def _read(path: str) -> str:
    from pathlib import Path

    from argmap.analysis.loading import read_text_file
    from argmap.errors import ReadError
    from argmap.formats.errors import MAX_IMPORT_BYTES

    try:
        return read_text_file(Path(path), MAX_IMPORT_BYTES)
    except ReadError as error:
        reason = str(error)
    except ValueError:  # a NUL in the path
        reason = "not a valid path"
    raise CommandError(f"cannot read `{_shown(path)}`: {reason}", hint="check the path", exit_code=EXIT_UNREADABLE)


def _import(fmt: str, text: str, name: str) -> Imported:
    from argmap import formats

    try:
        return registry.by_name(fmt).read(text, name)
    except formats.FormatError as error:
        raise CommandError(
            str(error),
            hint=error.hint or f"fix the file there; if it is not {fmt}, name its format with --from",
            exit_code=EXIT_DIAGNOSTICS,
        ) from None


def _check_size(output: str, target: str) -> None:
    """Refuse, before writing, an output larger than argmap would read back: a 25 MB Kialo file
    (allowed) makes a 75 MB ``.arg`` (ids are long), which ``argmap check`` would refuse."""
    from argmap.analysis.loading import MAX_FILE_BYTES
    from argmap.formats.errors import MAX_IMPORT_BYTES

    limit = MAX_FILE_BYTES if target == "arg" else MAX_IMPORT_BYTES
    size = len(output) if output.isascii() else len(output.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise CommandError(
            f"the converted map would take {size / 2**20:.0f} MiB, more than argmap reads back as {target} "
            f"({limit // 2**20} MiB); nothing was written",
            hint="convert a smaller part of the file",
            exit_code=EXIT_UNREADABLE,
        )


def run(args: argparse.Namespace) -> int:
    """Convert one file; exit 0 done, 1 the input is malformed, 2 usage, 3 unreadable."""
    from argmap.analysis.analysis import analyze
    from argmap.analysis.report import short
    from argmap.commands.files import refuse_inputs, write_output
    from argmap.formats.errors import Imported
    from argmap.formats.losses import export_losses

    target = _output_format(args)
    # Before any work: `convert x.arg -o x.arg` would replace the map (and drop its comments).
    refuse_inputs(args.output, [args.input])
    inputs: tuple[str | Path, ...] = (args.input,)
    guessed = _guess_from_name(args)
    text = None if guessed == "arg" else _read(args.input)
    source = "arg" if text is None else _input_format(args, guessed, text)
    if source == "arg":
        analysis = analyze(args.input, allow_outside=args.allow_outside, read_articles=False)
        # Converting is not judging: only what stops the map being read (syntax, names) stops
        # it; a consistency finding travels with the map into the other format.
        for d in analysis.loaded.diagnostics:
            sys.stderr.write(short(d) + "\n")
        if analysis.unreadable:
            return EXIT_UNREADABLE
        if not analysis.loaded.ok:
            return EXIT_DIAGNOSTICS
        imported = Imported(analysis.map)
        inputs = (args.input, *analysis.loaded.inputs)
    else:
        assert text is not None
        imported = _import(source, text, _shown(args.input))
        for d in imported.warnings:
            sys.stderr.write(short(d) + "\n")
    m = imported.map
    output = registry.by_name(target).write(m, spans=args.spans)
    if target == "arg":
        _check_size(output, target)
        # Imported text becomes ids and strings: prove the result reads back as the same map.
        back = analyze("<converted>", text=output, read_articles=False)
        if not back.loaded.ok or back.map != m:
            raise CommandError(
                "the converted map does not read back the same",
                hint="this is a bug in argmap; please report it with the input file",
                exit_code=EXIT_INTERNAL,
            )
    _check_size(output, target)
    write_output(args.output, output, inputs=inputs)
    lost = export_losses(m, target)
    if lost:
        sys.stderr.write(f"argmap: note: {target} has no place for {', '.join(lost)} (see docs/formats.md)\n")
    return EXIT_OK
