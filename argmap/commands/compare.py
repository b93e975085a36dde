"""``argmap compare STUDENT.arg KEY.arg``: feedback on a student's map against the teacher's;
``argmap compare STUDENT... KEY --gradebook FILE.csv``: a whole class at once."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from argmap.commands._drawing import EXTENSIONS, THEMES, seconds
from argmap.diagram.formats import ENGINE_FORMATS as _DIAGRAM_FORMATS
from argmap.errors import EXIT_DIAGNOSTICS, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, CommandError

# Not `typing.TYPE_CHECKING`: building the command line must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.classroom.gradebook import Row
    from argmap.model import Map
    from argmap.model.diagnostics import Diagnostic

HELP = "compare a student's map with the teacher's key: what was found, what is wrong, a score"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``compare``."""
    parser.add_argument(
        "students",
        nargs="+",
        metavar="STUDENT",
        help="the student's .arg map; with --gradebook any number of maps and folders of maps",
    )
    parser.add_argument("key", metavar="KEY", help="the teacher's .arg map (the answer key): always the last")
    parser.add_argument(
        "--gradebook",
        metavar="FILE.csv",
        help="grade every STUDENT: one CSV row each, and one feedback file each (see --feedback)",
    )
    parser.add_argument(
        "--feedback",
        metavar="DIR",
        help="with --gradebook: the folder for the feedback files (default: beside FILE.csv, FILE-feedback)",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        metavar="N",
        help="with --gradebook: grade N students at a time (default: one per processor core)",
    )
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
        "--timeout",
        type=seconds,
        default=60.0,
        metavar="SECONDS",
        help="stop the diagram's layout after this long (60)",
    )
    parser.add_argument(
        "--allow-outside", action="store_true", help="let includes and article files lie outside the maps' folders"
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, not {text!r}") from None
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"expected a number from 1 to 256, not {text!r}")
    return value


def student_files(paths: Iterable[str]) -> list[Path]:
    """Each given path, a folder standing for its ``.arg`` files (sorted, not recursive)."""
    out: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.suffix == ".arg" and p.is_file())
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def _first_problem(errors: Sequence[Diagnostic]) -> str:
    from argmap.analysis.report import short

    if not errors:
        return "cannot be read"
    more = len(errors) - 1
    return short(errors[0]) + (f" (and {more} more error{'s' * (more != 1)})" if more else "")


def _grade(job: tuple[str, Map, str, bool]) -> Row:
    """One student, read, checked and compared in a worker process (a module-level function,
    so it can be sent there): a map that cannot be compared is a row with the reason. The key
    was analysed once, by the parent, and travels as its map."""
    from argmap.analysis.analysis import analyze
    from argmap.classroom.gradebook import grade, not_compared

    student, key_map, key, allow_outside = job
    try:
        analysis = analyze(student, allow_outside=allow_outside)
        if analysis.unreadable or analysis.errors:
            return not_compared(student, _first_problem(analysis.errors or analysis.diagnostics))
        return grade(analysis.map, key_map, file=student, key_name=key)
    except RecursionError:  # a pathological map: a row with the reason, the class goes on
        return not_compared(student, "the map is nested too deeply to compare")


def _run_gradebook(args: argparse.Namespace) -> int:
    """Grade every student; exit 0 when the gradebook is written (whatever the scores), 1 when
    the key has errors, 3 when the key cannot be read."""

    from argmap.classroom.gradebook import rows_csv
    from argmap.commands._loading import load_checked, plural_errors
    from argmap.commands._parallel import in_order
    from argmap.commands.files import make_folder, write_atomic

    if args.output is not None:
        raise CommandError(
            "-o draws one student's diagram; a gradebook has many students",
            hint="leave out -o, or compare one student at a time",
            exit_code=EXIT_USAGE,
        )
    loaded = load_checked(args.key, allow_outside=args.allow_outside)
    if loaded is None:
        return EXIT_UNREADABLE
    key_analysis, errors = loaded
    if errors:
        sys.stderr.write(f"{plural_errors(errors)} in the key `{args.key}`: fix them to grade\n")
        return EXIT_DIAGNOSTICS
    key_path = Path(args.key).resolve()
    # A folder of maps may hold the key itself: it is not a student.
    students = [str(p) for p in student_files(args.students) if p.resolve() != key_path]
    if not students:
        raise CommandError(
            "no student maps found", hint="give .arg files, or folders that hold them", exit_code=EXIT_USAGE
        )
    jobs = [(student, key_analysis.map, args.key, bool(args.allow_outside)) for student in students]
    rows = list(in_order(_grade, jobs, args.jobs or 0))
    gradebook = Path(args.gradebook)
    folder = Path(args.feedback) if args.feedback else gradebook.with_name(f"{gradebook.stem}-feedback")
    make_folder(folder, "the feedback folder", "--feedback")
    taken: set[str] = set()
    feedback_files: list[str] = []
    for row in rows:
        name, n = row.student, 1
        while name in taken:  # two students' files of the same name, in different folders
            n += 1
            name = f"{row.student}-{n}"
        taken.add(name)
        path = folder / f"{name}.txt"
        text = row.feedback or f"{row.file}: not compared with the key\n{row.problem}\n"
        write_atomic(path, text)
        feedback_files.append(str(path))
    write_atomic(gradebook, rows_csv(rows, feedback_files))
    problems = sum(1 for r in rows if r.problem)
    note = f", {problems} not compared (see the problem column)" if problems else ""
    sys.stderr.write(f"gradebook: {gradebook} ({len(rows)} students{note})\nfeedback: {folder}\n")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    """Compare; exit 0 when compared (whatever the score), 1 map errors, 3 unreadable, 4 engine."""
    if args.gradebook is not None:
        return _run_gradebook(args)
    if len(args.students) > 1 or args.feedback is not None or args.jobs is not None:
        raise CommandError(
            "several students, --feedback and --jobs need --gradebook",
            hint="add --gradebook FILE.csv, or compare one STUDENT with the KEY",
            exit_code=EXIT_USAGE,
        )
    args.student = args.students[0]
    from argmap.analysis.analysis import Analysis
    from argmap.analysis.report import terminal_safe
    from argmap.classroom.compare import compare, to_json, to_text
    from argmap.commands._loading import load_checked, plural_errors
    from argmap.commands.files import refuse_inputs

    diagram_format = None
    if args.output is not None:
        diagram_format = EXTENSIONS.get(Path(args.output).suffix.lower())
        if diagram_format not in _DIAGRAM_FORMATS:
            raise CommandError(
                f"cannot tell the diagram format from `{args.output}`",
                hint="end DIAGRAM in .svg, .png, .pdf or .dot",
                exit_code=EXIT_USAGE,
            )
    if args.output is not None:
        refuse_inputs(args.output, [args.student, args.key])
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
        from argmap.commands.files import write_output
        from argmap.diagram import THEMES, RenderOptions, render_diagram

        drawn, marks = marked_map(student.map, key.map, comparison)
        options = RenderOptions(theme=THEMES[args.theme], marks=marks)
        drawing = render_diagram(drawn, diagram_format, options, engine=args.engine, timeout=args.timeout)
        inputs = (args.student, args.key, *student.loaded.inputs, *key.loaded.inputs)
        write_output(args.output, drawing, inputs=inputs)
    return EXIT_OK
