"""``loads(dumps(m)) == m`` for every valid map Hypothesis can draw."""

from __future__ import annotations

from hypothesis import given

import argmap
from argmap.language.formatting import format_source
from argmap.model import Map
from tests.strategies import maps


@given(maps())
def test_dumps_then_loads_is_identity(m: Map) -> None:
    text = argmap.dumps(m)
    assert argmap.loads(text, allow_errors=True) == m


@given(maps())
def test_canonical_text_is_already_formatted(m: Map) -> None:
    """``dumps`` and ``argmap fmt`` agree on the layout: fmt leaves dumps' text as it is."""
    text = argmap.dumps(m)
    assert format_source(text) == text
