"""Where one ``argmap check`` spends its time, stage by stage, against the parsing floor.

Run by ``bench/run.py`` under argmap's interpreter as ``python bench/parse_driver.py MAP.arg``.
Prints one JSON object with the median seconds of each stage:

* ``floor``: one regular-expression pass that finds every token of the file (strings,
  comments, words, numbers, punctuation) and does nothing with them: no parser can be faster;
* ``parse``: ``argmap.analysis.loading.parse_document``: what argmap uses to parse one file into the map;
* ``lark``: the Lark path alone (``argmap.language.syntax.parse_text`` and ``argmap.language.build.build_map``);
* ``fast``: ``argmap.language.fastparse.parse_fast``, the regular-expression fast path for clean files;
* ``load``: ``argmap.analysis.loading.load_result``: the above, plus name resolution and the article files;
* ``checks``: ``argmap.analysis.checks.run_checks`` on the loaded map;
* ``grounded``: ``argmap.analysis.semantics.evaluate(map, "grounded")``.

Stages whose code has not landed are left out.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: The tokens of the ``.arg`` language (grammars/argmap.lark), as one alternation.
FLOOR = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""'
    r'|"(?:[^"\\\n]|\\[^\n])*"'
    r"|#[^\n]*"
    r"|[A-Za-z_][A-Za-z0-9_\-]*"
    r"|[0-9]{4}(?:-[0-9]{2}){0,2}"
    r"|[0-9]+"
    r"|[:+,]"
    r"|\s+"
)


def floor_tokens(text: str) -> int:
    """Count the tokens of ``text`` in one regular-expression pass (whitespace included)."""
    return sum(1 for _ in FLOOR.finditer(text))


def _median(fn: Callable[[], object], reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(path: Path, reps: int, lark: bool = True) -> dict[str, Any]:
    """Median seconds of every stage that exists in this checkout."""
    text = path.read_text(encoding="utf-8")
    out: dict[str, Any] = {"bytes": len(text.encode()), "tokens": floor_tokens(text)}
    out["floor"] = _median(lambda: floor_tokens(text), reps)
    from argmap.api import load_result, parse_document

    out["parse"] = _median(lambda: parse_document(text, str(path)), reps)
    if lark:
        from argmap.language.build import build_map
        from argmap.language.syntax import parse_text

        def lark_path() -> None:
            parsed = parse_text(text, str(path))
            assert parsed.tree is not None
            build_map(parsed.tree, str(path))

        out["lark"] = _median(lark_path, reps)
    try:
        from argmap.language.fastparse import parse_fast
    except ImportError:
        pass
    else:
        out["fast"] = _median(lambda: parse_fast(text, str(path)), reps)
    out["load"] = _median(lambda: load_result(path), reps)
    result = load_result(path)
    out["diagnostics_on_load"] = len(result.diagnostics)
    try:
        from argmap.analysis.checks import run_checks
    except ImportError:
        pass
    else:
        out["checks"] = _median(lambda: run_checks(result), reps)
        out["diagnostics_from_checks"] = len(run_checks(result))
    try:
        from argmap.analysis.semantics import evaluate
    except ImportError:
        pass
    else:
        # A fresh copy of the map each time: the map caches its look-up index.
        import attrs

        out["grounded"] = _median(lambda: evaluate(attrs.evolve(result.map), "grounded"), reps)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Measure one file and print JSON."""
    parser = argparse.ArgumentParser(description="time argmap's stages against the parsing floor")
    parser.add_argument("path", type=Path)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--no-lark", action="store_true", help="leave out the Lark path (a minute per run at 100,000)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.path, args.reps, lark=not args.no_lark)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
