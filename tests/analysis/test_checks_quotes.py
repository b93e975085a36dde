"""Quote matching on real article text: the seed articles mix straight and curly quotes, carry a
no-break space, typos, an editor's insertion and a headline printed twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.analysis.checks.matching import Article, closest_passage, fold, locate
from argmap.analysis.checks.quotes import check_quotes
from argmap.api import loads_result

SEEDS = {
    "mirror": "000_21bd5c7be8e471a6.txt",
    "sky": "001_27161caecd544a16.txt",
    "telegraph": "002_e2841ade3ca99981.txt",
    "express": "003_c07efb15a13d7992.txt",
    "tmt": "004_25849cf5fdbc0826.txt",
}


def seed(shared_dir: Path, name: str) -> Article:
    return Article((shared_dir / "seeds" / SEEDS[name]).read_text(encoding="utf-8"))


# -- folding ----------------------------------------------------------------------------------


def test_fold_maps_each_typographic_family_to_one_character_and_remembers_where() -> None:
    text = "“It’s done” \u2013 he said\u00a0 \n twice…"
    folded, origin = fold(text)
    assert folded == '"It\'s done" - he said twice...'
    assert len(origin) == len(folded)
    assert text[origin[folded.index("-")]] == "\u2013"
    assert text[origin[folded.index("twice")]] == "t"


@given(st.text(max_size=60))
def test_fold_origins_point_into_the_text_in_order(text: str) -> None:
    folded, origin = fold(text)
    assert len(origin) == len(folded)
    assert list(origin) == sorted(origin)
    assert all(0 <= o < len(text) for o in origin)


@given(st.text(min_size=1, max_size=40), st.text(max_size=40), st.text(max_size=40))
def test_a_quote_cut_from_the_text_is_always_found_exactly(quote: str, before: str, after: str) -> None:
    article = Article(before + quote + after)
    match = locate(article, quote)
    assert match is not None and match.exact
    assert article.text[match.start : match.end] == quote


# -- small texts ---------------------------------------------------------------------------------


def test_exact_match_needs_no_folding() -> None:
    article = Article("line one\nHe said “no” twice.\n")
    match = locate(article, "said “no” twice")
    assert match is not None and match.exact
    assert article.position(match.start) == (2, 4)


def test_ellipsis_marks_an_omission() -> None:
    article = Article("a ceasefire is actually just used by Putin to train up more troops and to rearm")
    match = locate(article, "a ceasefire is ... used by Putin […] to rearm")
    assert match is not None and match.exact
    assert (match.start, match.end) == (0, len(article.text))
    assert locate(article, "to rearm ... a ceasefire") is None  # the parts must come in order


def test_not_found_gives_the_closest_passage() -> None:
    article = Article("Intro.\nThe minister said the talks were a smoke and mirrors game.\nEnd.\n")
    assert locate(article, "the talks were a smoke and mirror game") is None
    passage = closest_passage(article, "the talks were a smoke and mirror game")
    assert passage is not None
    assert article.position(passage.start) == (2, 19)
    assert article.text[passage.start : passage.end].startswith("the talks were")
    assert 0.8 < passage.similarity < 1


# -- the seed articles -----------------------------------------------------------------------------


def test_seed_exact_quote_reports_its_first_line_and_column(shared_dir: Path) -> None:
    article = seed(shared_dir, "telegraph")
    match = locate(article, "Vladimir Putin has got form on this")
    assert match is not None and match.exact
    line, column = article.position(match.start)
    assert article.text.split("\n")[line - 1][column - 1 :].startswith("Vladimir Putin has got form")


def test_seed_straight_apostrophe_matches_curly_with_the_first_occurrence(shared_dir: Path) -> None:
    article = seed(shared_dir, "telegraph")
    match = locate(article, "that was going to be a one-off, wasn't it?")
    assert match is not None and not match.exact
    assert match.families == ("quotes",)
    assert "right single quotation mark" in match.difference
    first = article.text.index("that was going to be a one-off, wasn’t it?")
    assert match.start == first  # the article says it twice: the first is reported


def test_seed_mixed_quotes_in_one_line(shared_dir: Path) -> None:
    # The Mirror closes a curly quotation with a straight quote: Ukraine," Zelenskiy said
    article = seed(shared_dir, "mirror")
    exact = 'in the interests of Ukraine," Zelenskiy said'
    match = locate(article, exact)
    assert match is not None and match.exact
    curly = locate(article, "in the interests of Ukraine,” Zelenskiy said")
    assert curly is not None and not curly.exact and curly.start == match.start


def test_seed_no_break_space(shared_dir: Path) -> None:
    article = seed(shared_dir, "express")
    match = locate(article, "arrest made after massacre [REPORT]")
    assert match is not None and not match.exact
    assert match.families == ("spaces",)
    assert "no-break space" in match.difference
    assert article.text[match.end - 8 : match.end] == "[REPORT]"


def test_seed_typo_is_not_corrected_and_the_passage_is_shown(shared_dir: Path) -> None:
    # The Mirror prints "whist" for "whilst": the quote must follow the article, typo and all.
    article = seed(shared_dir, "mirror")
    assert locate(article, "seeking peace whist at the same time") is not None
    assert locate(article, "seeking peace whilst at the same time") is None
    passage = closest_passage(article, "seeking peace whilst at the same time")
    assert passage is not None
    assert "whist" in article.text[passage.start : passage.end]


def test_seed_editor_insertion_must_be_quoted_or_elided(shared_dir: Path) -> None:
    article = seed(shared_dir, "telegraph")
    with_insertion = "inverted commas there – [are] initiated by Vladimir Putin"
    assert locate(article, with_insertion) is not None
    assert locate(article, "inverted commas there – initiated by Vladimir Putin") is None
    assert locate(article, "inverted commas there – ... initiated by Vladimir Putin") is not None


def test_seed_repeated_headline_reports_line_1(shared_dir: Path) -> None:
    article = seed(shared_dir, "tmt")
    match = locate(article, "NATO urged Ukraine not to enter peace talks with Russia")
    assert match is not None and match.exact
    assert article.position(match.start) == (1, 1)


def test_check_quotes_on_a_seed_map(shared_dir: Path, tmp_path: Path) -> None:
    """The check end to end: one map quoting the Telegraph seed three ways."""
    (tmp_path / "telegraph.txt").write_text(
        (shared_dir / "seeds" / SEEDS["telegraph"]).read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = """
source telegraph "Vladimir Putin could use peace talks to restock his army" file "telegraph.txt"
claim C1 "Putin has form." quote telegraph "Vladimir Putin has got form on this"
premise P1 "Georgia." quote telegraph "Georgia, that was going to be a one-off, wasn't it?"
premise P2 "Made up." quote telegraph "Putin has promised never to attack again"
P1 supports C1
P2 supports C1
"""
    path = tmp_path / "map.arg"
    path.write_text(text, encoding="utf-8")
    from argmap.api import load_result

    result = load_result(path)
    found = sorted((d.span.line, d.name) for d in check_quotes(result))
    assert found == [(4, "quote-typography"), (5, "quote-not-found")]


def test_quotes_of_sources_without_a_file_are_not_checked() -> None:
    result = loads_result('source s "t"\nclaim C1 "c" quote s "anything at all"\n')
    assert list(check_quotes(result)) == []


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_every_sentence_of_every_seed_is_found_exactly(shared_dir: Path, name: str) -> None:
    """No false alarms: each line of a real article, quoted verbatim, is an exact match."""
    article = seed(shared_dir, name)
    for line in article.text.split("\n"):
        if line.strip():
            match = locate(article, line.strip())
            assert match is not None and match.exact, line


def test_invisible_characters_are_named() -> None:
    match = locate(Article("peace\u00adtalks now"), "peacetalks now")
    assert match is not None and not match.exact
    assert match.families == ("invisible characters",)
    assert match.difference == "the article has an invisible soft hyphen in the passage"


def test_a_backslash_in_an_article_path_gets_the_forward_slash_hint(tmp_path: Path) -> None:
    """Windows users write `file "sources\\\\article.txt"`: the hint shows the path with `/`."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("the words\n", encoding="utf-8")
    path = tmp_path / "win.arg"
    path.write_text('source s "T"\n  file "sources\\\\a.txt"\nclaim C1 "x"\n  quote s "the words"\n', encoding="utf-8")
    from argmap.analysis.analysis import analyze

    found = [d for d in analyze(path).diagnostics if d.name == "missing-source-file"]
    assert len(found) == 1
    assert found[0].hints == ('write the path with forward slashes, which work on Windows too: file "sources/a.txt"',)


def test_the_written_out_spaces_are_every_space_python_knows() -> None:
    import sys

    from argmap.analysis.checks.matching import SPACES

    scanned = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " ")
    assert scanned == SPACES
