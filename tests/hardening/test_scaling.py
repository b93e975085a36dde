"""The scaling suite (issue 19, point 2): every stage, on every input dimension a user controls,
grows at most about linearly.

Each test makes an input of size n and 4n along one dimension and runs one stage on both in this
process (``tests/scaling.py``): the larger may take at most 6x the time and 6x the peak memory of
the smaller. A quadratic stage takes 16x and fails. Sizes are small enough for ``make test``;
``make scaling`` runs them 8 times larger (``ARGMAP_SCALING``). The importers' dimensions (file
size per format, keys in a data block) are tested with the importers.

Dimensions: statements, relations, members of a group, ids, undefined references, comments,
quotes, quote length, white space runs, article size, include depth, include fan-out (number of
files), repeated relations, findings per node. Stages: check (the whole analysis and report),
fmt, the DOT build, evaluate (grounded; preferred within a limit), the classroom page, the
step-by-step page, compare, the worksheet, the exports.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.analysis.analysis import Analysis, analyze
from argmap.analysis.checks.matching import Article, closest_passage, locate
from argmap.analysis.report import format_diagnostics
from argmap.analysis.semantics import grounded, grounded_extension, search
from argmap.classroom.compare import compare
from argmap.classroom.exercise import make_worksheet, worksheet_dot
from argmap.classroom.page import build_page
from argmap.classroom.steps import reveals, steps_page
from argmap.diagram import RenderOptions, build_dot
from argmap.formats import to_aif, to_argdown, to_json
from argmap.language.formatting import format_source
from argmap.model import Map
from tests.fuzz.oracles import fake_svg
from tests.scaling import assert_scales

pytestmark = pytest.mark.scaling

# -- generators: one dimension grows, the rest stays small ---------------------------------------


def statements(n: int) -> str:
    """n premises, each a reason for the claim."""
    return 'claim C "The claim"\n' + "".join(f'premise P{i} "Reason number {i}"\nP{i} supports C\n' for i in range(n))


def relations(n: int) -> str:
    """n/2 premises and n relations among them (a support each, and an attack on the next)."""
    half = max(1, n // 2)
    text = 'claim C "The claim"\n' + "".join(f'premise P{i} "Reason {i}"\nP{i} supports C\n' for i in range(half))
    return text + "".join(f"P{i} attacks P{i + 1}\n" for i in range(half - 1))


def group(n: int) -> str:
    """One linked group of n members."""
    members = " + ".join(f"P{i}" for i in range(n))
    return 'claim C "The claim"\n' + "".join(f'premise P{i} "Part {i}"\n' for i in range(n)) + f"{members} supports C\n"


def undefined(n: int) -> str:
    """n references to undefined ids, in a map of n declared ids (did-you-mean for each)."""
    declared = "".join(f'premise Reason{i} "r{i}"\nReason{i} supports C\n' for i in range(n))
    return 'claim C "The claim"\n' + declared + "".join(f"Reasn{i}x supports C\n" for i in range(n))


def comments(n: int) -> str:
    """n statements, each with an own-line comment and a trailing comment (one an allowance)."""
    return 'claim C "The claim"  # argmap: allow unsupported-claim\n' + "".join(
        f'# about P{i}\npremise P{i} "Reason {i}"  # trailing {i}\nP{i} supports C\n' for i in range(n)
    )


def repeated(n: int) -> str:
    """The same relation written n times (keys get suffixes .2, .3...)."""
    return 'claim C "c"\npremise P "p"\n' + "P supports C\n" * n


def whitespace(n: int) -> str:
    """Runs of n spaces between the words of statements (the parser and the formatter)."""
    gap = " " * n
    return f'claim{gap}C{gap}"The{gap}claim"\npremise{gap}P{gap}"p"\nP{gap}supports{gap}C\n'


ARTICLE = "Schools should start later. Teenagers need more sleep, and the evidence is clear.\n" * 50


def quoted(n: int) -> str:
    """n nodes quoting one article: found, found after folding, and not found in turn."""
    quotes = ['"Teenagers need more sleep"', '"Schools  should start later."', '"nowhere in the article"']
    body = "".join(f'premise P{i} "p{i}"\n  quote s {quotes[i % 3]}\nP{i} supports C\n' for i in range(n))
    return 'source s "S"\n  file "a.txt"\nclaim C "c"\n' + body


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder / "map.arg"


# -- stages -----------------------------------------------------------------------------------------


def check(text: str) -> object:
    analysis = analyze(text=text)
    return format_diagnostics(analysis.findings(), "full", analysis.texts)


def loaded(text: str) -> Map:
    return analyze(text=text).map


def page(analysis: Analysis) -> str:
    return build_page(analysis.map, fake_svg(analysis.map), analysis.evaluation, analysis.diagnostics)


def steps(m: Map) -> str:
    found = reveals(m)
    return steps_page("title", fake_svg(m), [str(len(s.nodes)) for s in found], found)


def evaluate(m: Map) -> object:
    grounded(m).why("C")
    return search(m, "preferred", limit=3, deadline=time.monotonic() + 60)


def worksheet(m: Map) -> str:
    return worksheet_dot(m, make_worksheet(m, RenderOptions(), "texts"), for_key=True)


def exports(m: Map) -> object:
    return to_json(m), to_aif(m), to_argdown(m)


# -- the text dimensions through the text stages ---------------------------------------------------

TEXT_DIMENSIONS: dict[str, tuple[Callable[[int], str], int]] = {
    "statements": (statements, 200),
    "relations": (relations, 300),
    "group-members": (group, 300),
    "undefined-references": (undefined, 150),
    "comments": (comments, 200),
    "repeated-relations": (repeated, 300),
    "whitespace-runs": (whitespace, 20_000),
}


@pytest.mark.parametrize("dimension", sorted(TEXT_DIMENSIONS))
def test_check_scales(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    assert_scales(make, check, n)


@pytest.mark.parametrize("dimension", ["statements", "comments", "group-members", "whitespace-runs"])
def test_fmt_scales(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    text = make(4)
    format_source(text)  # formats at all (no errors in the generated maps' syntax)
    assert_scales(make, format_source, n)


@pytest.mark.parametrize("dimension", ["statements", "relations", "group-members", "repeated-relations"])
def test_dot_build_scales(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    assert_scales(lambda k: loaded(make(k)), build_dot, n)


@pytest.mark.parametrize("dimension", ["statements", "relations"])
def test_evaluate_scales(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    assert_scales(lambda k: loaded(make(k)), evaluate, n)


@pytest.mark.parametrize("dimension", ["statements", "group-members", "undefined-references"])
def test_page_scales(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    assert_scales(lambda k: analyze(text=make(k)), page, n)


@pytest.mark.parametrize("dimension", ["statements", "group-members"])
def test_steps_page_scales(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    assert_scales(lambda k: loaded(make(k)), steps, n)


@pytest.mark.parametrize("dimension", ["group-members"])
def test_worksheet_and_exports_scale(dimension: str) -> None:
    make, n = TEXT_DIMENSIONS[dimension]
    assert_scales(lambda k: loaded(make(k)), worksheet, n)
    assert_scales(lambda k: loaded(make(k)), exports, n)


def random_attacks(n: int) -> tuple[int, list[tuple[int, int]]]:
    """``n`` arguments and 1.5 n attacks, the same every run (a linear congruential walk)."""
    x, attacks = 12345, []
    for _ in range(n * 3 // 2):
        x = (x * 1103515245 + 12345) % 2**31
        a = x % n
        x = (x * 1103515245 + 12345) % 2**31
        attacks.append((a, x % n))
    return n, attacks


def test_grounded_extension_scales_with_the_arguments() -> None:
    assert_scales(random_attacks, lambda case: grounded_extension(*case), 2000)


def test_compare_scales_with_the_student_map() -> None:
    key = loaded(statements(19))
    assert_scales(lambda k: loaded(statements(k)), lambda student: compare(student, key), 40)


# -- files: quotes and articles, includes ------------------------------------------------------------


def test_check_scales_with_quotes(tmp_path: Path) -> None:
    def make(n: int) -> Path:
        folder = tmp_path / f"q{n}"
        folder.mkdir(exist_ok=True)
        return _write(folder, {"a.txt": ARTICLE, "map.arg": quoted(n)})

    assert_scales(make, lambda path: analyze(path).findings(), 60)


def test_quote_matching_scales_with_the_article() -> None:
    sentence = "The quick brown fox jumps over the lazy dog.  Again\n"

    def run(article: Article) -> object:
        fresh = Article(article.text)  # the folding is cached per article: measure it each time
        return locate(fresh, "a quote that is nowhere"), closest_passage(fresh, "a quote that is nowhere to be seen")

    assert_scales(lambda n: Article(sentence * n), run, 2000, bytes_per_unit=6 * len(sentence) + 200)


def test_quote_matching_scales_with_the_quote() -> None:
    article = Article(ARTICLE)
    assert_scales(lambda n: "sleep and " * n, lambda quote: locate(article, quote), 500)
    assert_scales(lambda n: "a" + " " * n + "b ... c" + "\t" * n, lambda quote: locate(article, quote), 20_000)


def test_check_scales_with_include_depth(tmp_path: Path) -> None:
    def make(n: int) -> Path:
        folder = tmp_path / f"d{n}"
        folder.mkdir(exist_ok=True)
        files = {f"f{i}.arg": f'include "f{i + 1}.arg"\npremise P{i} "p"\nP{i} supports C\n' for i in range(n)}
        files[f"f{n}.arg"] = ""
        files["map.arg"] = 'include "f0.arg"\nclaim C "c"\n'
        return _write(folder, files)

    assert_scales(make, lambda path: analyze(path).findings(), 30)


def test_check_scales_with_include_fan_out(tmp_path: Path) -> None:
    def make(n: int) -> Path:
        folder = tmp_path / f"f{n}"
        folder.mkdir(exist_ok=True)
        files = {f"f{i}.arg": f'premise P{i} "p"\nP{i} supports C\n' for i in range(n)}
        files["map.arg"] = 'claim C "c"\n' + "".join(f'include "f{i}.arg"\n' for i in range(n))
        return _write(folder, files)

    assert_scales(make, lambda path: analyze(path).findings(), 30)
