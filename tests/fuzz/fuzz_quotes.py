#!/usr/bin/env python3
"""atheris harness: the ``quotes`` target of tests/fuzz/targets.py, coverage-guided.

Run through ``python -m tests.fuzz.run`` (make fuzz), or alone with libFuzzer flags:
``python tests/fuzz/fuzz_quotes.py tests/fuzz/corpus/quotes -max_total_time=60``; given a file
instead of a folder, it replays that one input.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the checkout, for `tests.fuzz`

with atheris.instrument_imports(include=["argmap", "lark", "tests.fuzz"]):
    from tests.fuzz.targets import quotes


def main() -> None:
    """Fuzz until libFuzzer's limits say stop; any exception but the documented ones is a crash."""
    atheris.Setup(sys.argv, quotes)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
