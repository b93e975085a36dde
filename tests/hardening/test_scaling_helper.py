"""The scaling helper itself can fail: a quadratic stage is caught, a linear one passes."""

from __future__ import annotations

import pytest

from tests.scaling import assert_scales, scale


def _linear(items: list[int]) -> int:
    total = 0
    for item in items:
        total += len(str(item))
    return total


def _quadratic(items: list[int]) -> int:
    # ``in`` on a list is linear, so this is n^2 (a stand-in for did-you-mean against every id).
    seen: list[int] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return len(seen)


def _make(n: int) -> list[int]:
    return list(range(n))


@pytest.mark.scaling
def test_a_linear_stage_passes() -> None:
    result = assert_scales(_make, _linear, 200_000)
    assert result.large.n == 4 * result.small.n


@pytest.mark.scaling
def test_a_quadratic_stage_fails() -> None:
    with pytest.raises(AssertionError, match="faster than linear"):
        assert_scales(_make, _quadratic, 2_000)


def test_the_scale_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGMAP_SCALING", "8")
    assert scale() == 8
    monkeypatch.setenv("ARGMAP_SCALING", "nonsense")
    assert scale() == 1
    monkeypatch.delenv("ARGMAP_SCALING")
    assert scale() == 1
