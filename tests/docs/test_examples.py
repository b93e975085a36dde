"""The bundled examples: the maps of the five seed articles and the map across them.

They are the project's proof that the language can carry real argument and its teaching
material, so they are held to more than "it parses": checked clean, formatted, every quote in
the full article, each article mapped with claims, reasons and objections, and the
cross-article map joining all five articles into one argument.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from argmap.analysis.checks import run_checks
from argmap.analysis.policy import Policy, apply_policy
from argmap.api import LoadResult, load_result
from argmap.language.formatting import format_source
from argmap.model import Map, NodeKind, RelationKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CROSS_MAP = EXAMPLES / "peace-talks.arg"

#: Each article's map: its source id, the seed file it was mapped from, and the prefix of its ids
#: (ids are shared across included files, so the cross-article map needs them distinct).
ARTICLES: dict[str, tuple[str, str]] = {
    "mirror": ("000_21bd5c7be8e471a6.txt", "M-"),
    "figleaf": ("001_27161caecd544a16.txt", "F-"),
    "telegraph": ("002_e2841ade3ca99981.txt", "T-"),
    "express": ("003_c07efb15a13d7992.txt", "E-"),
    "nato": ("004_25849cf5fdbc0826.txt", "N-"),
}

#: An excerpt file keeps the passages the maps quote, never the whole article.
MAX_EXCERPT_SHARE = 0.65

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.arg"))


def _ids(paths: list[Path]) -> list[str]:
    return [p.name for p in paths]


def _load(path: Path) -> LoadResult:
    return load_result(path)


# -- typography folding, as a reader would compare text ---------------------------------------

_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Straight quotes, hyphens and single spaces: what a quote may differ by and still match."""
    return re.sub(r"\s+", " ", text.translate(_FOLD)).strip()


def test_fold_only_forgives_typography() -> None:
    assert fold("it’s “real” – \u00a0 really") == fold('it\'s "real" - really')
    assert fold("fig leaf") != fold("fig-leaf")


# -- every example is clean -----------------------------------------------------------------


def test_there_is_a_map_per_article_and_one_across_them() -> None:
    assert {p.stem for p in EXAMPLE_FILES} >= {*ARTICLES, "peace-talks"}


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_checks_clean(path: Path) -> None:
    """No errors, and no warnings except those a comment in the file allows (with a reason)."""
    result = _load(path)
    shown = apply_policy(result.diagnostics + run_checks(result), Policy(), result.comments)
    assert [f"{d.span}: {d.severity.value}[{d.code}] {d.name}: {d.message}" for d in shown] == []


_ALLOW = re.compile(r"#\s*argmap:\s*allow\b(?P<rest>.*)")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_every_allowed_warning_says_why(path: Path) -> None:
    """`# argmap: allow NAME -- reason`: a silenced warning in an example is explained."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = _ALLOW.search(line)
        if match:
            _, sep, reason = match["rest"].partition("--")
            assert sep and len(reason.split()) >= 3, f"{path.name}:{number}: give a reason after `--`"


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_is_formatted(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert format_source(text, str(path)) == text, f"run: argmap fmt {path.relative_to(ROOT)}"


# -- every quote is in the article --------------------------------------------------------------


def _quotes(m: Map) -> Iterator[tuple[str, str, str]]:
    for node in m.nodes:
        for quote in node.quotes:
            yield node.id, quote.source, quote.text


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_every_quote_is_in_the_full_seed_article(path: Path, shared_dir: Path) -> None:
    m = _load(path).map
    seeds = {sid: (shared_dir / "seeds" / name).read_text(encoding="utf-8") for sid, (name, _) in ARTICLES.items()}
    missing = []
    for node_id, source, text in _quotes(m):
        assert source in seeds, f"{node_id} quotes `{source}`, which is not one of the seed articles"
        article = seeds[source]
        if text not in article and fold(text) not in fold(article):
            missing.append(f"{node_id}: {text!r} is not in {ARTICLES[source][0]}")
    assert missing == []


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_excerpt_file_is_verbatim_and_partial(source_id: str, shared_dir: Path) -> None:
    """The excerpt names the headline, holds only words of the article, and not all of them."""
    seed_name, _ = ARTICLES[source_id]
    seed = (shared_dir / "seeds" / seed_name).read_text(encoding="utf-8")
    excerpt = (EXAMPLES / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    header, _, body = excerpt.partition("\n\n")
    headline = header.splitlines()[0].removeprefix("Headline: ")
    assert headline in seed
    passages = [p.strip() for p in re.split(r"\[…\]|\n\n", body.partition("\n\n")[2]) if p.strip()]
    assert passages, "the excerpt holds no passage of the article"
    assert [p for p in passages if p not in seed] == []
    assert sum(map(len, passages)) <= MAX_EXCERPT_SHARE * len(seed)


# -- each article's map ----------------------------------------------------------------------------


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_article_map_declares_its_article(source_id: str) -> None:
    m = _load(EXAMPLES / f"{source_id}.arg").map
    assert [s.id for s in m.sources] == [source_id]
    source = m.sources[0]
    assert source.file == f"sources/{source_id}.txt"
    excerpt = (EXAMPLES / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    assert excerpt.startswith(f"Headline: {source.title}\n")


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_article_map_has_claims_reasons_and_objections(source_id: str) -> None:
    m = _load(EXAMPLES / f"{source_id}.arg").map
    kinds = {r.kind for r in m.relations}
    assert m.claims(), "no claim"
    assert RelationKind.SUPPORTS in kinds, "no reason"
    # Every seed article reports at least one counter-voice.
    assert any(n.kind is NodeKind.REBUTTAL for n in m.nodes), "no counter-voice"
    assert kinds & {RelationKind.ATTACKS, RelationKind.UNDERCUTS}, "no objection"


@pytest.mark.parametrize("source_id", sorted(ARTICLES))
def test_article_map_nodes_are_quoted_or_implicit(source_id: str) -> None:
    """Every node rests on the article's words, except an unstated premise, which says so."""
    m = _load(EXAMPLES / f"{source_id}.arg").map
    for node in m.nodes:
        assert bool(node.quotes) != node.implicit, f"{node.id}: quote it, or mark it implicit"
        assert node.id.startswith(ARTICLES[source_id][1]), f"{node.id}: prefix per-article ids"
    for person in m.persons:
        assert person.id.startswith(ARTICLES[source_id][1]), f"{person.id}: prefix per-article ids"


# -- the map across the articles ------------------------------------------------------------


def _components(m: Map) -> list[set[str]]:
    """Connected parts of the map, ignoring direction; an undercut joins its inference."""
    parent: dict[str, str] = {n.id: n.id for n in m.nodes}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for rel in m.relations:
        ends = [*rel.members, rel.target] + ([rel.id] if rel.id else [])
        for end in ends[1:]:
            parent[find(end)] = find(ends[0])
    groups: dict[str, set[str]] = {}
    for node in m.nodes:
        groups.setdefault(find(node.id), set()).add(node.id)
    return list(groups.values())


def test_components_helper_sees_a_break() -> None:
    from argmap.api import loads

    m = loads('premise A "a" premise B "b" claim C "c" D: A supports C premise U "u" U undercuts D')
    assert sorted(map(sorted, _components(m))) == [["A", "C", "U"], ["B"]]


def test_cross_article_map_connects_all_five_articles() -> None:
    m = _load(CROSS_MAP).map
    assert {s.id for s in m.sources} == set(ARTICLES)
    components = _components(m)
    assert len(components) == 1, f"not one argument: {sorted(map(sorted, components))}"
    quoted = {q.source for n in m.nodes for q in n.quotes}
    assert quoted == set(ARTICLES)


def test_cross_article_map_links_articles_directly() -> None:
    """Beyond the shared claims, relations join nodes of two different articles."""
    m = _load(CROSS_MAP).map
    article_of = {n.id: n.id[:2] for n in m.nodes if n.id[:2] in {p for _, p in ARTICLES.values()}}
    pairs = set()
    for rel in m.relations:
        ends = {article_of[e] for e in (*rel.members, rel.target) if e in article_of}
        if len(ends) > 1:
            pairs.add(frozenset(ends))
    linked = {prefix for pair in pairs for prefix in pair}
    kinds = {r.kind for r in m.relations if r.span.file.endswith(CROSS_MAP.name)}
    assert len(linked) == len(ARTICLES)
    assert {RelationKind.CONTRADICTS, RelationKind.SUPPORTS, RelationKind.UNDERCUTS} <= kinds


# -- the tutorial: every command runs, and prints what the tutorial shows ----------------------

TUTORIAL = ROOT / "docs" / "tutorial.md"

#: A ```sh block, optionally followed (blank lines only between) by a ```text block of its output.
_BLOCK = re.compile(r"```sh\n(?P<cmd>.*?)```(?P<gap>\s*)(?:```text\n(?P<out>.*?)```)?", re.S)


def _tutorial_steps(text: str) -> list[re.Match[str]]:
    return [m for m in _BLOCK.finditer(text) if "make demo" not in m["cmd"]]


def _workspace(tmp_path: Path) -> Path:
    """A copy of what the tutorial touches: the examples, and `.venv/bin/argmap` as this Python's."""
    import shutil
    import sys

    shutil.copytree(EXAMPLES, tmp_path / "examples")
    venv_bin = tmp_path / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    launcher = venv_bin / "argmap"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m argmap "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    return tmp_path


def test_tutorial_commands_print_what_the_tutorial_shows(tmp_path: Path) -> None:
    """Run every command block in order, as a reader would; compare each shown output.

    ARGMAP_UPDATE_GOLDEN=1 rewrites the shown outputs in docs/tutorial.md from the real ones.
    """
    import os
    import subprocess

    workspace = _workspace(tmp_path)
    text = TUTORIAL.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}  # interleave as a terminal does
    updated, position, mismatches = [], 0, []
    for step in _tutorial_steps(text):
        # stderr into stdout, unbuffered: the order a reader's terminal shows
        script = "exec 2>&1\n" + step["cmd"]
        run = subprocess.run(
            ["bash", "-c", script], cwd=workspace, env=env, capture_output=True, text=True, timeout=120
        )
        printed = run.stdout
        if step["out"] is None:
            assert printed.strip() == "" or "cat examples" in step["cmd"], f"unexpected output:\n{printed}"
            continue
        if printed.rstrip() != step["out"].rstrip():
            mismatches.append((step["cmd"], step["out"], printed))
        updated.append(text[position : step.start("out")] + printed.rstrip() + "\n")
        position = step.end("out")
    if os.environ.get("ARGMAP_UPDATE_GOLDEN") and mismatches:
        TUTORIAL.write_text("".join(updated) + text[position:], encoding="utf-8")
        return
    assert mismatches == [], "docs/tutorial.md shows outputs argmap no longer prints (ARGMAP_UPDATE_GOLDEN=1 to update)"
    final = load_result(workspace / "my-maps" / "telegraph.arg")
    assert apply_policy(final.diagnostics + run_checks(final), Policy(), final.comments) == ()
    assert (workspace / "my-maps" / "telegraph.svg").stat().st_size > 0


# -- the gallery: every example in every theme, current ------------------------------------------

GALLERY = ROOT / "docs" / "gallery"


def _gallery() -> Any:
    """docs/gallery/generate.py as a module (it is a script, not part of the package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("argmap_gallery_generate", GALLERY / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    keep, sys.dont_write_bytecode = sys.dont_write_bytecode, True  # no __pycache__ in docs/
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = keep
    return module


def _recorded_engine(gallery: Any) -> str:
    pattern = re.escape(gallery.ENGINE_LINE).replace(re.escape("{}"), "(.*)")
    found = re.search(pattern, (GALLERY / "README.md").read_text(encoding="utf-8"))
    assert found, "docs/gallery/README.md does not record its layout engine"
    return found[1]


_REGENERATE = "regenerate it: .venv/bin/python docs/gallery/generate.py"


def test_gallery_dot_is_what_argmap_draws_today() -> None:
    expected = _gallery().dot_sources()
    committed = {p.name: p.read_text(encoding="utf-8") for p in GALLERY.glob("*.dot")}
    assert sorted(committed) == sorted(expected), f"the gallery's pictures differ; {_REGENERATE}"
    stale = [name for name, text in expected.items() if committed[name] != text]
    assert stale == [], f"out of date: {stale}; {_REGENERATE}"


def test_gallery_readme_lists_every_picture() -> None:
    gallery = _gallery()
    text = (GALLERY / "README.md").read_text(encoding="utf-8")
    assert text == gallery.readme(_recorded_engine(gallery)), f"docs/gallery/README.md is stale; {_REGENERATE}"
    for variant, _ in gallery.all_variants():
        assert f"({variant.stem}.svg)" in text


def test_gallery_has_every_file_and_no_other() -> None:
    gallery = _gallery()
    expected = {"README.md", "generate.py", *(gallery.reading_name(e) for e in gallery.READING)}
    for variant, _ in gallery.all_variants():
        expected |= {f"{variant.stem}.{fmt}" for fmt in gallery.formats(variant)}
    present = {p.name for p in GALLERY.iterdir() if p.name != "__pycache__"}
    assert sorted(present ^ expected) == [], _REGENERATE
    for variant, m in gallery.all_variants():
        assert len(m.sources) >= 1
        svg = (GALLERY / f"{variant.stem}.svg").read_text(encoding="utf-8")
        dot = (GALLERY / f"{variant.stem}.dot").read_text(encoding="utf-8")
        ids = set(re.findall(r'id="(node-[^"]+)"', dot))
        assert {f"node-{n.id}" for n in m.nodes} == ids
        drawn = {html.unescape(i) for i in re.findall(r'id="([^"]+)"', svg)}  # dot writes - as &#45;
        assert ids <= drawn, f"{variant.stem}.svg is stale; {_REGENERATE}"
    for png in GALLERY.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _without_numbers(svg: bytes) -> str:
    return re.sub(r"\d+(\.\d+)?", "#", svg.decode("utf-8"))


def test_without_numbers_keeps_text_and_drops_coordinates() -> None:
    a = b'<text x="10.5" y="3">Putin</text>'
    assert _without_numbers(a) == _without_numbers(b'<text x="11" y="4.25">Putin</text>')
    assert _without_numbers(a) != _without_numbers(b'<text x="10.5" y="3">Biden</text>')


@pytest.mark.exe
@pytest.mark.slow
def test_gallery_svg_is_what_the_engine_draws_today(tmp_path: Path) -> None:
    """With the engine that drew the gallery, every SVG comes out the same.

    Numbers are left out of the comparison: coordinates depend on the fonts a machine has, and
    only the content (text, ids, colours, shapes, structure) says whether the picture is current.
    """
    from argmap.diagram import render_diagram as render
    from argmap.errors import CommandError

    gallery = _gallery()
    try:
        version = gallery.engine_version()
    except CommandError as error:
        pytest.skip(f"no layout engine: {error}")
    if version != _recorded_engine(gallery):
        pytest.skip(f"the gallery was laid out by another engine ({_recorded_engine(gallery)}, here {version})")
    stale = []
    for variant, m in gallery.all_variants():
        fresh = render(m, "svg", variant.options)
        (tmp_path / f"{variant.stem}.svg").write_bytes(fresh)
        if _without_numbers(fresh) != _without_numbers((GALLERY / f"{variant.stem}.svg").read_bytes()):
            stale.append(variant.stem)
    assert stale == [], f"out of date: {stale}; {_REGENERATE}"
