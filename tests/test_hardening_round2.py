"""The second round of hostile inputs (issue 19): each finding of the adversarial review, fixed.

One test (or a few) per finding; each failed before its fix. The scaling suite that guards the
whole class of "one input dimension makes a stage quadratic" is tests/test_scaling.py; the rows
of docs/hardening.md name these tests.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

from argmap.analysis.loading import loads_result
from argmap.analysis.semantics import MAX_REJECTED, search
from tests.test_hardening_support import assert_tidy, run_argmap

#: Wall-clock bound for a child process that must finish at once (generous: a shared machine).
QUICK = 60.0


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def run_python(code: str, timeout: float = QUICK) -> str:
    """Run ``code`` in a child interpreter (so a hang fails the test instead of stopping it)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, check=True
    )
    return done.stdout


def self_supporting(n: int) -> str:
    return "".join(f'claim C{i} "c{i}"\nC{i} supports C{i}\n' for i in range(n))


# -- 1. stable evaluation with circular support ------------------------------------------------


def test_evaluate_refuses_a_map_with_circular_support(tmp_path: Path) -> None:
    path = write(tmp_path, "self.arg", self_supporting(40))
    outcome = run_argmap(["evaluate", "--semantics", "stable", "--limit", "1", str(path)], timeout=QUICK)
    assert_tidy(outcome)
    assert outcome.code == 1
    assert "circular-support" in outcome.err
    assert "fix them before evaluating" in outcome.err


def test_stable_search_rules_out_each_support_cycle_at_once() -> None:
    # 2^40 candidate readings have some cycle `in`; the search must not try them one by one.
    out = run_python(
        """
        from argmap.analysis.loading import loads_result
        from argmap.analysis.semantics import search
        from tests.test_hardening_round2 import self_supporting
        found = search(loads_result(self_supporting(40)).map, "stable", limit=5)
        print(len(found.labellings), found.stopped, sum(len(r.accepted()) for r in found.labellings))
        """
    )
    assert out.split() == ["1", "None", "0"]


def test_enumeration_is_bounded_by_a_deadline_and_says_so(tmp_path: Path) -> None:
    contradictions = "".join(f'claim A{i} "a"\nclaim B{i} "b"\nA{i} contradicts B{i}\n' for i in range(40))
    m = loads_result(contradictions).map
    for semantics in ("preferred", "stable"):
        found = search(m, semantics, deadline=time.monotonic() - 1)
        assert (found.labellings, found.stopped) == ((), "time")
        assert search(m, semantics, limit=3).stopped == "limit"
    assert MAX_REJECTED >= 100
    path = write(tmp_path, "many.arg", contradictions)
    outcome = run_argmap(["evaluate", "--semantics", "preferred", "--limit", "100000", "--timeout", "1", str(path)])
    assert_tidy(outcome)
    assert outcome.code == 0
    assert "was stopped after 1 s" in outcome.err
