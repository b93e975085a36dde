"""Declared and never used: sources never quoted, persons never cited with ``by``."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.loading import LoadResult
from argmap.model.diagnostics import Diagnostic, make

__all__ = ["check_unused_person", "check_unused_source"]


def check_unused_source(result: LoadResult) -> Iterator[Diagnostic]:
    """A source that no node quotes."""
    quoted = {q.source for node in result.map.nodes for q in node.quotes}
    for source in result.map.sources:
        if source.id not in quoted:
            yield make(
                "unused-source",
                f"source `{source.id}` is never quoted",
                source.span,
                hints=[f'quote it on a node (`quote {source.id} "..."`), or delete the source'],
            )


def check_unused_person(result: LoadResult) -> Iterator[Diagnostic]:
    """A person that no node names with ``by``."""
    cited = {node.by for node in result.map.nodes}
    for person in result.map.persons:
        if person.id not in cited:
            yield make(
                "unused-person",
                f"person `{person.id}` is never cited with `by`",
                person.span,
                hints=[f"attribute a statement to them (`by {person.id}`), or delete the person"],
            )
