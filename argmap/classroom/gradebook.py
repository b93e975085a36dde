"""A whole class at once: every student's map compared with the key, one gradebook row each.

``grade`` compares one student's map with the key; ``not_compared`` is the row of a map that
could not be (the reason, no score); ``rows_csv`` turns rows into the gradebook's CSV text. All
pure: the command reads the maps (in worker processes) and writes every file.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

import attrs

from argmap.classroom.compare import MISSING, REVERSED, WRONG_KIND, compare, to_text
from argmap.model import Map

__all__ = ["COLUMNS", "Row", "grade", "not_compared", "rows_csv"]

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


def not_compared(file: str, problem: str) -> Row:
    """The row of a map that could not be compared: the reason, and no score."""
    return Row(Path(file).stem, file, problem=problem)


def grade(student: Map, key: Map, *, file: str, key_name: str) -> Row:
    """One student's map compared with the key (pure): the row and the feedback text."""
    c = compare(student, key, student_name=file, key_name=key_name)
    found = sum(n.student is not None for n in c.nodes)
    return Row(
        Path(file).stem,
        file,
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
