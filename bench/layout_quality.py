"""How tidy a layout is: edge crossings, total edge length and the drawing's size.

    python bench/layout_quality.py examples/peace-talks.arg [--group-by source] [--overview]

Lays the map out with system Graphviz (``dot -Tjson``), reads each drawn edge's spline as a
polyline through its control points, and counts the pairs of edges that cross (edges that share
an end are not counted). Prints one table row per map. Used for docs/rendering.md's before and
after numbers; never asserts a time.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from argmap import load
from argmap.diagram import RenderOptions, build_dot
from argmap.diagram.views import overview

Point = tuple[float, float]


def _segments(points: Sequence[Point]) -> list[tuple[Point, Point]]:
    return list(itertools.pairwise(points))


def _cross(a: Point, b: Point, c: Point, d: Point) -> bool:
    def orient(p: Point, q: Point, r: Point) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    d1, d2, d3, d4 = orient(c, d, a), orient(c, d, b), orient(a, b, c), orient(a, b, d)
    return d1 * d2 < 0 and d3 * d4 < 0


def measure(dot_text: str) -> dict[str, float]:
    """Crossings, total edge length (points) and width × height of the laid-out DOT."""
    laid = json.loads(
        subprocess.run(["dot", "-Tjson"], input=dot_text, capture_output=True, text=True, check=True).stdout
    )
    _, _, width, height = (float(x) for x in laid["bb"].split(","))
    edges: list[tuple[int, int, list[Point]]] = []
    for edge in laid.get("edges", []):
        if "invis" in str(edge.get("style", "")):
            continue
        points: list[Point] = []
        for op in edge.get("_draw_", []):
            if op.get("op") in ("b", "B"):
                points += [(float(x), float(y)) for x, y in op["points"]]
        if points:
            edges.append((edge["tail"], edge["head"], points))
    length = sum(math.dist(p, q) for _, _, pts in edges for p, q in _segments(pts))
    crossings = 0
    for i, (t1, h1, p1) in enumerate(edges):
        s1 = _segments(p1)
        for t2, h2, p2 in edges[i + 1 :]:
            if {t1, h1} & {t2, h2}:
                continue
            if any(_cross(a, b, c, d) for a, b in s1 for c, d in _segments(p2)):
                crossings += 1
    return {"edges": len(edges), "crossings": crossings, "length": length, "width": width, "height": height}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("maps", nargs="+")
    parser.add_argument("--group-by", choices=("source", "tag"))
    parser.add_argument("--overview", action="store_true")
    args = parser.parse_args(argv)
    print("| map | boxes | edges | crossings | edge length (pt) | size (pt) |")
    print("|---|---:|---:|---:|---:|---|")
    for name in args.maps:
        m = load(name)
        options = RenderOptions(group_by=args.group_by)
        if args.overview:
            m, unranked = overview(m)
            options = RenderOptions(unranked=unranked)
        found = measure(build_dot(m, options))
        print(
            f"| {name} | {len(m.nodes)} | {found['edges']:.0f} | {found['crossings']:.0f} | {found['length']:,.0f} | "
            f"{found['width']:,.0f} × {found['height']:,.0f} |"
        )


if __name__ == "__main__":
    main()
