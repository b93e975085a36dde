"""A whole class at once: every student's map compared with the key, one gradebook row each.

``grade_one`` is the unit of work (one student, read, checked and compared; a map that cannot be
read or has errors becomes a row with the reason, never an exception); ``rows_csv`` turns rows
into the gradebook's CSV text. Both are pure apart from reading the two maps, so the command can
run students in separate processes and write every file itself.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import attrs

from argmap.classroom.compare import MISSING, REVERSED, WRONG_KIND, compare, to_text

__all__ = ["COLUMNS", "Row", "grade_one", "rows_csv", "student_files"]

#: The gradebook's columns, in order (docs/classroom.md says what each counts).
COLUMNS = (
    "student",
    "file",
    "score",
    "points",
    "possible",
    "found",
    "missing",
    "wrong kind",
    "wrong direction",
    "extra",
    "feedback",
    "problem",
)


@attrs.frozen
class Row:
    """One student's line of the gradebook, and the feedback text for their own file."""

    student: str
    file: str
    score: float | None = None
    points: float | None = None
    possible: int | None = None
    found: int | None = None
    missing: int | None = None
    wrong_kind: int | None = None
    wrong_direction: int | None = None
    extra: int | None = None
    feedback: str = ""
    problem: str = ""


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


def _first_problem(analysis: object) -> str:
    from argmap.analysis.report import short

    errors = getattr(analysis, "errors", ()) or getattr(analysis, "diagnostics", ())
    if not errors:
        return "cannot be read"
    first = short(errors[0])
    more = len(errors) - 1
    return first + (f" (and {more} more error{'s' * (more != 1)})" if more else "")


def grade_one(student: str, key: str, *, allow_outside: bool = False) -> Row:
    """Compare one student's map with the key; a map that cannot be compared gives a row with
    the reason (its first error, as ``argmap check`` prints it) and no score."""
    from argmap.analysis.analysis import analyze

    name = Path(student).stem
    try:
        analysis = analyze(student, allow_outside=allow_outside)
        if analysis.unreadable or analysis.errors:
            return Row(name, student, problem=_first_problem(analysis))
        key_analysis = analyze(key, allow_outside=allow_outside)
        if key_analysis.unreadable or key_analysis.errors:
            return Row(name, student, problem=f"the key: {_first_problem(key_analysis)}")
        c = compare(analysis.map, key_analysis.map, student_name=student, key_name=key)
    except RecursionError:  # a pathological map: a row with the reason, the class goes on
        return Row(name, student, problem="the map is nested too deeply to compare")
    found = sum(n.student is not None for n in c.nodes)
    return Row(
        name,
        student,
        score=c.percent,
        points=c.points,
        possible=c.possible,
        found=found,
        missing=(len(c.nodes) - found) + sum(r.status == MISSING for r in c.relations),
        wrong_kind=sum(r.status == WRONG_KIND for r in c.relations),
        wrong_direction=sum(r.status == REVERSED for r in c.relations),
        extra=len(c.extra_nodes) + len(c.extra_relations),
        feedback=to_text(c),
    )


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``= + - @`` (a formula) is quoted away."""
    if value is None:
        return ""
    text = f"{value:g}" if isinstance(value, float) else str(value)
    text = text.replace("\r", " ").replace("\n", " ")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text


def rows_csv(rows: Iterable[Row], feedback_files: Iterable[str]) -> str:
    """The gradebook as CSV text: a header, then one row per student in the given order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row, feedback in zip(rows, feedback_files, strict=True):
        writer.writerow(
            _cell(v)
            for v in (
                row.student,
                row.file,
                row.score,
                row.points,
                row.possible,
                row.found,
                row.missing,
                row.wrong_kind,
                row.wrong_direction,
                row.extra,
                feedback,
                row.problem,
            )
        )
    return out.getvalue()
