"""``argmap compare STUDENT.arg KEY.arg``: feedback on a student's map against the teacher's."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.commands._drawing import EXTENSIONS, THEMES
from argmap.diagram.formats import ENGINE_FORMATS as _DIAGRAM_FORMATS
from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

HELP = "compare a student's map with the teacher's key: what was found, what is wrong, a score"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``compare``."""
    parser.add_argument("student", metavar="STUDENT", help="the student's .arg map")
    parser.add_argument("key", metavar="KEY", help="the teacher's .arg map (the answer key)")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text for people, json for a gradebook (text)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="DIAGRAM",
        help="also draw the student's map with the differences marked (.svg, .png, .pdf or .dot)",
    )
    parser.add_argument("--theme", choices=THEMES, default="default", help="colours of the diagram (default)")
    parser.add_argument(
        "--engine",
        choices=("auto", "system", "bundled"),
        default="auto",
        help="layout engine for the diagram: system Graphviz, bundled graphviz-pure, or auto (default)",
    )
    parser.add_argument(
        "--allow-outside", action="store_true", help="let includes and article files lie outside the maps' folders"
    )


def run(args: argparse.Namespace) -> int:
    """Compare; exit 0 when compared (whatever the score), 1 map errors, 3 unreadable, 4 engine."""
    from argmap.analysis.analysis import Analysis
    from argmap.analysis.report import terminal_safe
    from argmap.classroom.compare import compare, to_json, to_text
    from argmap.commands._loading import load_checked, plural_errors

    diagram_format = None
    if args.output is not None:
        diagram_format = EXTENSIONS.get(Path(args.output).suffix.lower())
        if diagram_format not in _DIAGRAM_FORMATS:
            raise CommandError(
                f"cannot tell the diagram format from `{args.output}`",
                hint="end DIAGRAM in .svg, .png, .pdf or .dot",
                exit_code=EXIT_USAGE,
            )
    results: list[Analysis] = []
    status = EXIT_OK
    for name in (args.student, args.key):
        loaded = load_checked(name, allow_outside=args.allow_outside)
        if loaded is None:
            status = EXIT_UNREADABLE
            continue
        result, errors = loaded
        if errors:
            sys.stderr.write(f"{plural_errors(errors)} in `{name}`: fix them to compare\n")
            status = max(status, EXIT_DIAGNOSTICS)
        results.append(result)
    if status != EXIT_OK:
        return status
    student, key = results
    comparison = compare(student.map, key.map, student_name=args.student, key_name=args.key)
    # The feedback first: a diagram that cannot be drawn must not cost the student their feedback.
    if args.format == "json":
        sys.stdout.write(to_json(comparison) + "\n")
    else:
        # A student's map may hold terminal controls (ESC, bidi overrides): never let them through.
        sys.stdout.write("\n".join(terminal_safe(line) for line in to_text(comparison).split("\n")))
    sys.stdout.flush()
    if args.output is not None and diagram_format is not None:
        from argmap.classroom.compare import marked_map
        from argmap.commands.files import write_atomic
        from argmap.diagram import THEMES, RenderOptions, render_diagram

        drawn, marks = marked_map(student.map, key.map, comparison)
        options = RenderOptions(theme=THEMES[args.theme], marks=marks)
        write_atomic(args.output, render_diagram(drawn, diagram_format, options, engine=args.engine))
    return EXIT_OK
