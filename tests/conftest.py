"""Shared test set-up: the Hypothesis profiles, the ``exe`` marker, and the ../shared folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"

# "default" keeps the whole suite within minutes on two cores; "fuzz" is for long local runs:
# HYPOTHESIS_PROFILE=fuzz pytest tests/hardening/test_fuzz*.py
settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=20_000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project (CI has it; a user's clone may not: then skip)."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED
