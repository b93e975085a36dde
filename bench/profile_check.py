"""Where ``argmap check`` spends its time: cProfile of one run on a synthetic map.

``python bench/profile_check.py [--size 20000] [--command check] [--top 25]`` runs the command
in this process (as ``argmap.cli.main`` would) under cProfile, prints the functions with the most
time of their own and the most time including callees, and saves the raw profile next to the
map (``bench/data/n20000-seed1/check.pstats``, readable with ``python -m pstats`` or snakeviz).
Run it with argmap's interpreter (``.venv/bin/python bench/profile_check.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import data_folder, generate, write  # noqa: E402 - needs the path set above


def main(argv: Sequence[str] | None = None) -> int:
    """Profile one command on one map and print the top functions."""
    parser = argparse.ArgumentParser(description="profile an argmap command on a synthetic map")
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--command", default="check", help="check, evaluate or render (to DOT)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    folder = data_folder(ROOT / "bench" / "data", args.size, args.seed)
    if not (folder / "map.arg").exists():
        write(generate(args.size, args.seed), folder)
    os.chdir(folder)
    from argmap.cli import main as argmap_main

    command = [args.command, "map.arg"]
    if args.command == "render":
        command += ["--format", "dot", "-o", os.devnull]
    elif args.command == "evaluate":
        command += ["--format", "json"]
    profiler = cProfile.Profile()
    start = time.perf_counter()
    stdout = sys.stdout
    sys.stdout = io.StringIO()  # the command's own output is not what we look at
    try:
        profiler.enable()
        code = argmap_main(command)
        profiler.disable()
    finally:
        sys.stdout = stdout
    elapsed = time.perf_counter() - start
    out = folder / f"{args.command}.pstats"
    profiler.dump_stats(out)
    print(f"argmap {' '.join(command)} on {args.size:,} nodes: exit {code}, {elapsed:.2f} s under cProfile")
    print(f"raw profile: {out}")
    for key, title in (("tottime", "own time"), ("cumulative", "time including callees")):
        print(f"\n## top {args.top} by {title}\n")
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.strip_dirs().sort_stats(key).print_stats(args.top)
        lines = stream.getvalue().splitlines()
        start_at = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
        print("\n".join(lines[start_at:]).rstrip())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
