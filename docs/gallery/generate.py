"""Regenerate the gallery: every bundled example in every theme, as DOT, SVG and PNG, and the
reading view of a seed map.

Run from the repository root:  .venv/bin/python docs/gallery/generate.py

The DOT text is argmap's own, pure and deterministic, so ``tests/docs/test_examples.py`` rebuilds it
and compares it with the committed ``.dot`` files: a gallery that no longer matches the examples
or the renderer fails the tests. The SVG and PNG are laid out by an engine (the system Graphviz
``dot`` when present, else the bundled one), whose bytes may differ between versions, so they are
not compared byte for byte. The reading view (``<example>-reading.html``) is built from the
example's committed ``-default.svg`` by the pure ``build_reading``, so a test rebuilds it exactly.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from argmap.api import load_result
from argmap.commands.files import write_atomic
from argmap.diagram import THEMES, RenderOptions, build_dot, render_diagram
from argmap.model import Map

GALLERY = Path(__file__).resolve().parent
ROOT = GALLERY.parent.parent
EXAMPLES = ROOT / "examples"

#: Theme name, in the order the README shows them, and what each is for.
THEME_NOTES = {
    "default": "colour-blind-safe colours",
    "classic": "green reasons, red objections, as in classic argument-mapping software",
    "print": "greys only, for a black-and-white photocopy",
}


@attrs.frozen
class Variant:
    """One picture: which example, drawn how, saved under which file stem."""

    example: str
    stem: str
    caption: str
    options: RenderOptions
    #: PNG too (the themes); the extra views are SVG only, to keep the repository small.
    png: bool = True


#: The order the README shows the examples in: the tutorial's article first, the map across all
#: five last; any other example follows in name order.
ORDER = ("telegraph", "figleaf", "mirror", "express", "nato", "peace-talks")


def example_paths() -> list[Path]:
    """The bundled examples (the classroom maps live in a subfolder and are not here)."""
    paths = EXAMPLES.glob("*.arg")
    return sorted(paths, key=lambda p: (ORDER.index(p.stem) if p.stem in ORDER else len(ORDER), p.stem))


def load_map(path: Path) -> Map:
    """The example's map; the gallery is only made from examples that check without errors."""
    result = load_result(path)
    errors = [d for d in result.diagnostics if d.is_error]
    if errors:
        raise SystemExit(f"{path.name} has errors; run `argmap check {path}` first")
    return result.map


def variants(path: Path, m: Map) -> Iterator[Variant]:
    """Every theme, the grounded evaluation once, and the cross-article map boxed by article."""
    from argmap.analysis.semantics import grounded

    for theme in THEME_NOTES:
        yield Variant(path.stem, f"{path.stem}-{theme}", f"`{theme}` theme", RenderOptions(theme=THEMES[theme]))
    yield Variant(
        path.stem,
        f"{path.stem}-evaluated",
        "`--overlay grounded`: which nodes stand",
        RenderOptions(overlay=grounded(m)),
        png=False,
    )
    if len(m.sources) > 1:
        yield Variant(
            path.stem,
            f"{path.stem}-by-source",
            "`--group-by source`: one box per article",
            RenderOptions(group_by="source"),
            png=False,
        )


#: The examples whose reading view (``argmap render --reading``) the gallery shows.
READING = ("figleaf",)


def reading_name(example: str) -> str:
    """The file of an example's reading view."""
    return f"{example}-reading.html"


def reading_page(example: str) -> str:
    """The reading view of an example, its diagram the gallery's ``<example>-default.svg``."""
    from argmap.analysis.analysis import analyze
    from argmap.analysis.checks.quotes import article_path
    from argmap.classroom.reading import build_reading

    analysis = analyze(EXAMPLES / f"{example}.arg")
    svg = (GALLERY / f"{example}-default.svg").read_text(encoding="utf-8")
    m = analysis.map
    # Article paths as the reader of the gallery sees them: from the repository's root.
    files = {s.id: "examples/" + article_path(s).split("examples/", 1)[-1] for s in m.sources if s.file is not None}
    return build_reading(
        m,
        svg,
        analysis.evaluation,
        analysis.findings(),
        analysis.articles,
        analysis.quote_passages,
        analysis.article_errors,
        files=files,
    )


def all_variants() -> Iterator[tuple[Variant, Map]]:
    """Each picture of the gallery with the map it draws."""
    for path in example_paths():
        m = load_map(path)
        for variant in variants(path, m):
            yield variant, m


def dot_sources() -> dict[str, str]:
    """``file name -> DOT text`` for every picture: what the committed ``.dot`` files must hold."""
    return {f"{v.stem}.dot": build_dot(m, v.options) for v, m in all_variants()}


def formats(variant: Variant) -> tuple[str, ...]:
    """The files drawn for a picture."""
    return ("dot", "svg", "png") if variant.png else ("dot", "svg")


def engine_version(engine: str = "auto") -> str:
    """The layout engine's own version line (``dot -V``), recorded in the README."""
    import subprocess

    from argmap.diagram.engine import find_engine

    _, program = find_engine(engine)
    done = subprocess.run([program, "-V"], capture_output=True, text=True, timeout=30, check=False)
    return " ".join((done.stderr or done.stdout).split())


#: The README line that records the engine, so a test knows when its SVG must match byte for byte.
ENGINE_LINE = "Laid out by: `{}`"


def readme(version: str) -> str:
    """The gallery's README: every picture, example by example."""
    lines = [
        "# Gallery",
        "",
        "Every bundled example ([`examples/`](../../examples/README.md)) drawn by `argmap render` in",
        "each theme, with the grounded evaluation, and the cross-article map boxed by article. Click a",
        "picture for the SVG (hover over a box there for its full quotes).",
        "",
        "Regenerate all of it from the repository root with",
        "",
        "```",
        ".venv/bin/python docs/gallery/generate.py",
        "```",
        "",
        "`tests/docs/test_examples.py` checks that the committed `.dot` files are what argmap draws",
        "today, and, on a machine with the same layout engine, that the SVG files are too. The",
        "pictures are laid out by the system Graphviz `dot` when present, else by the bundled engine.",
        "",
        ENGINE_LINE.format(version),
        "",
        "| theme | for |",
        "|---|---|",
        *(f"| `{name}` | {note} |" for name, note in THEME_NOTES.items()),
    ]
    current = None
    for variant, m in all_variants():
        if variant.example != current:
            current = variant.example
            lines += ["", f"## {m.title or variant.example}", "", f"Map: [`examples/{variant.example}.arg`]"]
            lines[-1] += f"(../../examples/{variant.example}.arg)"
        picture = f"{variant.stem}.png" if variant.png else f"{variant.stem}.svg"
        lines += [
            "",
            f"{variant.caption}: [SVG]({variant.stem}.svg) · [DOT]({variant.stem}.dot)",
            "",
            f"[![{variant.example}, {variant.caption.replace('`', '')}]({picture})]({variant.stem}.svg)",
        ]
    lines += ["", "## The reading view", ""]
    for example in READING:
        lines += [
            f"`argmap render examples/{example}.arg -o {reading_name(example)} --reading`: the article beside",
            "its map, each quoted passage highlighted in its statement's colour, the sentences not yet",
            f"mapped listed, and the coverage. Download [{reading_name(example)}]({reading_name(example)})",
            "and open it in a browser (see",
            "[classroom.md](../classroom.md#5-the-article-beside-its-map-the-reading-view)).",
            "",
            f"![The reading view of examples/{example}.arg](../screenshots/reading-view.png)",
        ]
    return "\n".join(lines) + "\n"


def generate(engine: str = "auto") -> list[Path]:
    """Write every picture (DOT, SVG, PNG) and the README; return the files written."""
    written = []
    for variant, m in all_variants():
        dot = build_dot(m, variant.options)
        for fmt in formats(variant):
            target = GALLERY / f"{variant.stem}.{fmt}"
            data = dot.encode("utf-8") if fmt == "dot" else render_diagram(m, fmt, variant.options, engine=engine)
            write_atomic(target, data)
            written.append(target)
    for example in READING:
        target = GALLERY / reading_name(example)
        write_atomic(target, reading_page(example).encode("utf-8"))
        written.append(target)
    target = GALLERY / "README.md"
    write_atomic(target, readme(engine_version(engine)).encode("utf-8"))
    written.append(target)
    return written


def main(argv: list[str]) -> int:
    """``generate.py [--engine auto|system|bundled]``."""
    engine = argv[argv.index("--engine") + 1] if "--engine" in argv else "auto"
    for path in generate(engine):
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
