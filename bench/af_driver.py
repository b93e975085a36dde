"""Time one tool's evaluation of one random framework, in a process of its own.

Run by ``bench/run.py`` as ``python bench/af_driver.py --tool argmap|pyarg --semantics
grounded|preferred --size N``: under argmap's interpreter for argmap, under ``bench/venv`` for
python-argumentation (``py_arg``). Prints one JSON object: the time to build the framework, the
evaluation times of every repetition, and what came out (so the runner can check that both
tools give the same answer). Each repetition evaluates a freshly built object, so nothing one
repetition caches helps the next.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.frameworks import grounded_reference, random_framework


def _digest(extensions: list[set[str]]) -> str:
    text = "|".join(sorted(",".join(sorted(e)) for e in extensions))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _argmap(size: int, attacks: list[tuple[int, int]]) -> tuple[Callable[[], object], Callable[[str], list[set[str]]]]:
    from argmap.analysis.semantics import Status, evaluate
    from argmap.model import Map, Node, NodeKind, Relation, RelationKind

    nodes = tuple(Node(NodeKind.PREMISE, f"a{i}", f"argument {i}") for i in range(size))
    relations = tuple(Relation(RelationKind.ATTACKS, (f"a{a}",), f"a{b}") for a, b in attacks)

    def build() -> object:
        return Map(nodes=nodes, relations=relations)

    def solve(semantics: str) -> list[set[str]]:
        labellings = evaluate(Map(nodes=nodes, relations=relations), semantics)
        return [{k for k, v in lab.labels.items() if v is Status.IN} for lab in labellings]

    return build, solve


def _argmap_integers(
    size: int, attacks: list[tuple[int, int]]
) -> tuple[Callable[[], object], Callable[[str], list[set[str]]]]:
    """argmap's entry for frameworks that are numbered already: the same integer pairs the
    textbook queue is given, the accepted arguments named as the queue's are."""
    from argmap.analysis.semantics import grounded_extension

    def build() -> object:
        return attacks

    def solve(semantics: str) -> list[set[str]]:
        if semantics != "grounded":
            raise SystemExit("the integer entry computes grounded only")
        return [{f"a{i}" for i in grounded_extension(size, attacks)}]

    return build, solve


def _pyarg(size: int, attacks: list[tuple[int, int]]) -> tuple[Callable[[], object], Callable[[str], list[set[str]]]]:
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (  # type: ignore[import-not-found]
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument  # type: ignore[import-not-found]
    from py_arg.abstract_argumentation_classes.defeat import Defeat  # type: ignore[import-not-found]
    from py_arg.algorithms.semantics.get_grounded_extension import (  # type: ignore[import-not-found]
        get_grounded_extension,
    )
    from py_arg.algorithms.semantics.get_preferred_extensions import (  # type: ignore[import-not-found]
        get_preferred_extensions,
    )

    def build() -> Any:
        arguments = [Argument(f"a{i}") for i in range(size)]
        defeats = [Defeat(arguments[a], arguments[b]) for a, b in attacks]
        return AbstractArgumentationFramework("bench", arguments, defeats)

    def solve(semantics: str) -> list[set[str]]:
        af = build()
        if semantics == "grounded":
            return [{a.name for a in get_grounded_extension(af)}]
        return [{a.name for a in ext} for ext in get_preferred_extensions(af)]

    return build, solve


def _reference(
    size: int, attacks: list[tuple[int, int]]
) -> tuple[Callable[[], object], Callable[[str], list[set[str]]]]:
    """The floor for pure Python: the textbook queue algorithm on integer arguments."""

    def build() -> object:
        return attacks

    def solve(semantics: str) -> list[set[str]]:
        if semantics != "grounded":
            raise SystemExit("the reference computes grounded only")
        return [{f"a{i}" for i in grounded_reference(size, attacks)}]

    return build, solve


def measure(tool: str, semantics: str, size: int, seed: int, reps: int) -> dict[str, Any]:
    """Build and evaluate the framework; returns the timings and a digest of the answer.

    For argmap's grounded evaluation the textbook queue algorithm is timed too, in this same
    interpreter and process, rotating with argmap repetition by repetition: the floor for pure
    Python, under the same load, the same heap and the same garbage collector. argmap is timed
    twice: from a map (string ids, labels for every node) and through its integer entry
    (``grounded_extension``), which starts from the same integer pairs as the queue."""
    attacks = random_framework(size, seed)
    # Building counts every object the tool needs before it can evaluate (arguments, attacks).
    start = time.perf_counter()
    build, solve = {"argmap": _argmap, "pyarg": _pyarg, "reference": _reference}[tool](size, attacks)
    build()
    build_s = time.perf_counter() - start
    side_by_side = tool == "argmap" and semantics == "grounded"
    _, reference_solve = _reference(size, attacks)
    # Only beside argmap: python-argumentation's venv has no argmap to import.
    integers_solve = _argmap_integers(size, attacks)[1] if side_by_side else None
    times: list[float] = []
    reference_times: list[float] = []
    integer_times: list[float] = []
    answers: dict[Callable[[str], list[set[str]]], list[set[str]]] = {}
    for rep in range(reps):
        runs: list[tuple[Callable[[str], list[set[str]]], list[float]]] = [(solve, times)]
        if integers_solve is not None:
            runs += [(integers_solve, integer_times), (reference_solve, reference_times)]
            runs = runs[rep % 3 :] + runs[: rep % 3]  # rotate which goes first
        for fn, into in runs:
            start = time.perf_counter()
            got = fn(semantics)
            into.append(time.perf_counter() - start)
            answers[fn] = got
            del got
    answer = answers.get(solve, [])
    reference = answers.get(reference_solve, [])
    result: dict[str, Any] = {
        "tool": tool,
        "semantics": semantics,
        "size": size,
        "attacks": len(attacks),
        "build_s": build_s,
        "times": times,
        "median_s": statistics.median(times),
        "extensions": len(answer),
        "accepted": len(answer[0]) if answer else 0,
        "digest": _digest(answer),
    }
    if integers_solve is not None:
        result["reference_times"] = reference_times
        result["reference_median_s"] = statistics.median(reference_times)
        result["integer_times"] = integer_times
        result["integer_median_s"] = statistics.median(integer_times)
        result["integer_agrees_with_reference"] = answers[integers_solve] == reference
    if semantics == "grounded":
        if not reference:
            reference = reference_solve(semantics)
        result["agrees_with_reference"] = answer == reference
    return result


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, measure in a thread with a big stack (both tools recurse), print JSON."""
    parser = argparse.ArgumentParser(description="time one tool on one random framework")
    parser.add_argument("--tool", choices=("argmap", "pyarg", "reference"), required=True)
    parser.add_argument("--semantics", choices=("grounded", "preferred", "stable"), default="grounded")
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    # A recursive solver gets the same head-room in both tools: a deep Python stack.
    sys.setrecursionlimit(max(10_000, 4 * args.size))
    threading.stack_size(512 * 1024 * 1024)
    out: dict[str, Any] = {}

    def work() -> None:
        try:
            out.update(measure(args.tool, args.semantics, args.size, args.seed, args.reps))
        except RecursionError:
            out["error"] = "RecursionError"
        except MemoryError:
            out["error"] = "MemoryError"
        except Exception as error:  # shown in the table instead of an empty result
            out["error"] = f"{type(error).__name__}: {error}"

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    print(json.dumps(out))
    return 0 if "error" not in out else 1


if __name__ == "__main__":
    raise SystemExit(main())
