"""The index of ids behind go-to-definition, references, rename and hover: right spans, and
linear in the map's length (an editor rebuilds it after every keystroke)."""

from __future__ import annotations

import gc
import time

import pytest

import argmap


def _chain(n: int) -> str:
    lines = ['claim C0 "The claim." implicit']
    lines += [f'premise P{i} "Reason number {i}."\nP{i} supports {"C0" if i == 0 else f"P{i - 1}"}' for i in range(n)]
    return "\n".join(lines) + "\n"


def test_index_spans_point_at_each_id() -> None:
    text = _chain(3)
    index = argmap.analyze(text=text).index
    lines = text.splitlines()
    for occurrence in index.occurrences:
        span = occurrence.span
        assert lines[span.line - 1][span.column - 1 : span.end_column - 1] == occurrence.id
    assert [o.span.line for o in index.references("P1")] == [4, 5, 7]


def _index_seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        analysis = argmap.analyze(text=text)
        gc.collect()
        gc.disable()  # a collection landing in one run would swamp the ratio
        try:
            start = time.process_time()
            _ = analysis.index
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


@pytest.mark.slow
def test_index_is_linear_in_the_map() -> None:
    small, large = _index_seconds(_chain(2_000)), _index_seconds(_chain(16_000))
    # 8 times the statements: linear work takes about 8 times as long, quadratic 64 times.
    assert large / small < 20, (small, large)
