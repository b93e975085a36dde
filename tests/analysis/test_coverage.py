"""Sentences, argumentative markers, coverage and quote help (argmap.analysis.coverage), on
made-up text, the seed excerpts in examples/sources/ and, when ../shared is there, the full
seed articles."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis.coverage import (
    PassageIndex,
    article_coverage,
    content_words,
    find_markers,
    map_coverage,
    quote_help,
    sentences,
    speaker_names,
    split_sentences,
    word_score,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"


def texts(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


# -- sentence splitting ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four.", ["One.", "Two!", "Three?", "Four."]),
        ("Mr Cleverly said so. Mr. Putin did not.", ["Mr Cleverly said so.", "Mr. Putin did not."]),
        ("Gen. Smith and Dr. Jones met. They spoke.", ["Gen. Smith and Dr. Jones met.", "They spoke."]),
        ("J. R. Smith wrote it. Then he left.", ["J. R. Smith wrote it.", "Then he left."]),
        ("U.S. officials said no. The U.S. Army did too.", ["U.S. officials said no.", "The U.S. Army did too."]),
        ("He paused... and went on. Then... Nothing.", ["He paused... and went on.", "Then...", "Nothing."]),
        ("It ended… Then it began.", ["It ended…", "Then it began."]),
        ("“It is over.” She left.", ["“It is over.”", "She left."]),
        ('He said: "Go now." "Why?" she asked.', ['He said: "Go now."', '"Why?" she asked.']),
        ("It cost 3.5 million. In 2024 it rose.", ["It cost 3.5 million.", "In 2024 it rose."]),
        ("e.g. this one. And that.", ["e.g. this one.", "And that."]),
        ("a wrapped\nline goes on. Next.", ["a wrapped\nline goes on.", "Next."]),
        ("Daily Mirror\nPolitics\nDan Bloom", ["Daily Mirror", "Politics", "Dan Bloom"]),
        ("said that,\nVladimir Putin agreed.", ["said that,\nVladimir Putin agreed."]),
        ("First paragraph\n\nsecond paragraph", ["First paragraph", "second paragraph"]),
        ("before […] after it […] Last", ["before", "after it", "Last"]),
        ("one [...] two", ["one", "two"]),
        ("   \n\n  ", []),
        ("…", []),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_excerpt_header_is_not_text_but_its_headline_is() -> None:
    text = (
        "Headline: Talks are cover, says UK\nOutlet: Some paper\nDate: not given\n\n"
        "Only the passages quoted (typos\nand all); […] marks what is left out.\n\n[…]\n\nIt began. It ended.\n"
    )
    assert texts(text) == ["Talks are cover, says UK", "It began.", "It ended."]


def test_a_text_that_merely_starts_with_a_colon_line_keeps_it() -> None:
    assert texts("Note: this is text.\nAnd so is this.") == ["Note: this is text.", "And so is this."]


_PIECES = [*"ab C.!?…\n\"“”[]:,'", "Mr", "U.S.", "[…]", "\n\n", "Headline: ", "No. 1"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_sentences_are_ordered_trimmed_and_inside_the_text(text: str) -> None:
    spans = split_sentences(text)
    previous = 0
    for a, b in spans:
        assert previous <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        assert any(c.isalnum() for c in text[a:b])
        previous = b


def test_splitting_is_linear() -> None:
    """Doubling the text doubles the sentences: nothing re-reads what came before (a quadratic
    splitter would show in the operation count below, not in a timing)."""
    unit = "Mr Smith said it. “Why?” she asked… Because U.S. rules say so, e.g. rule 3.5.\n\n[…] and so on.\n"
    small, large = split_sentences(unit * 200), split_sentences(unit * 800)
    assert len(large) == 4 * len(small)
    # The same sentences, shifted: splitting does not depend on how much text came before.
    step = len(unit) * 200
    assert [(a - step * 3, b - step * 3) for a, b in large[-len(small) :]] == list(small)


# -- markers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kinds"),
    [
        ("The minister said the talks were a sham.", {"reported speech"}),
        ("According to officials, the talks failed.", {"reported speech"}),
        ("Russia warned of consequences.", {"reported speech"}),
        ("Talks failed because trust was gone.", {"connective"}),
        ("However, the war goes on.", {"connective"}),
        ("It rained, but the march went ahead.", {"connective"}),
        ("Prices rose; therefore demand fell.", {"connective"}),
        ("“We will not stop the fighting now,” a soldier wrote.", {"reported speech"}),
        ("Cleverly visited Kyiv on Monday.", {"speaker"}),
        ("The weather in Kyiv was cold on Monday.", set()),
        ("It was a butterfly, not a becauseway.", set()),
    ],
)
def test_markers(sentence: str, kinds: set[str]) -> None:
    found = find_markers(sentence, speaker_names(["James Cleverly"]))
    assert {m.kind for m in found} == kinds


def test_markers_fold_typography_and_span_line_breaks() -> None:
    assert [m.text for m in find_markers("It failed, according\nto him.")] == ["according to"]
    assert {m.kind for m in find_markers("He didn’t say it; however…")} == {"connective", "reported speech"}


def test_speaker_names_are_full_names_and_surnames() -> None:
    assert speaker_names(["James  Cleverly", "Xi", "Liz Truss", "", "NATO"]) == (
        "James Cleverly",
        "Cleverly",
        "Xi",
        "Liz Truss",
        "Truss",
        "NATO",
    )


# -- coverage ----------------------------------------------------------------------------------


ARTICLE = (
    "Talks are a sham, the minister said. They will fail.\n\n"
    "Russia is rearming. The weather was cold.\n\n"
    "“Peace cannot be a fig leaf,” he warned. However, others disagreed.\n"
)


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def test_coverage_counts_sentences_a_passage_overlaps() -> None:
    c = article_coverage("a", ARTICLE, [_at(ARTICLE, "Russia is rearming")])
    assert c.total == 6
    assert [ARTICLE[s.start : s.end] for s in c.sentences if s.index in c.mapped] == ["Russia is rearming."]
    assert c.mapped_count == 1 and c.share == round(1 / 6, 4)
    assert [ARTICLE[s.start : s.end] for s in c.argumentative] == [
        "Talks are a sham, the minister said.",
        "“Peace cannot be a fig leaf,” he warned.",
        "However, others disagreed.",
    ]
    assert c.argumentative_mapped == 0 and c.argumentative_share == 0.0
    assert len(c.not_yet_mapped) == 3


def test_a_quote_across_a_sentence_break_maps_both_sentences() -> None:
    c = article_coverage("a", ARTICLE, [_at(ARTICLE, "the minister said. They will")])
    assert sorted(c.mapped) == [0, 1]


def test_empty_article_has_zero_shares() -> None:
    c = article_coverage("a", "", [])
    assert (c.total, c.share, c.argumentative_share) == (0, 0.0, 0.0)


def _analysis(tmp_path: Path, arg: str, article: str) -> argmap.Analysis:
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    path = tmp_path / "m.arg"
    path.write_text(arg, encoding="utf-8")
    return argmap.analyze(path)


def test_typography_and_ellipses_as_the_quote_checks_accept_them(tmp_path: Path) -> None:
    article = "He said: “Peace can’t be a fig‑leaf — not now.” It rained. Later, he added: “We wait.”\n"
    arg = (
        'source a "A"\n  file "a.txt"\n'
        'claim C1 "Peace can\'t be a fig-leaf - not now."\n'
        '  quote a "Peace can\'t be a fig-leaf - not now."\n'
        'premise P1 "Skip the weather."\n  quote a "not now. ... We wait."\nP1 supports C1\n'
    )
    analysis = _analysis(tmp_path, arg, article)
    passages = {p.node: p for p in analysis.quote_passages}
    assert passages["C1"].found
    assert len(passages["P1"].parts) == 2  # the ellipsis's parts, apart
    (c,) = map_coverage(analysis.map, analysis.articles, analysis.quote_passages)
    mapped = [article[s.start : s.end] for s in c.sentences if s.index in c.mapped]
    assert mapped == ["He said: “Peace can’t be a fig‑leaf — not now.”", "Later, he added: “We wait.”"]
    assert "It rained." not in mapped  # what the ellipsis leaves out is not mapped


# -- the seed excerpts and the full articles -------------------------------------------------------


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.arg"))


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
def test_every_quote_of_every_example_maps_a_sentence(path: Path) -> None:
    analysis = argmap.analyze(path)
    coverage = {c.source: c for c in map_coverage(analysis.map, analysis.articles, analysis.quote_passages)}
    assert coverage, path
    for passage in analysis.quote_passages:
        assert passage.found, passage
        c = coverage[passage.source]
        for start, end in passage.parts:
            assert any(s.start < end and start < s.end for s in c.sentences), (passage, start, end)
    for c in coverage.values():
        assert c.total > 0 and 0 < c.share <= 1


def _seed_of(excerpt: Path) -> Path:
    found = re.search(r"^Seed: (\S+)", excerpt.read_text(encoding="utf-8"), re.M)
    assert found, excerpt
    return (ROOT / found.group(1)).resolve()


@pytest.mark.parametrize("path", [p for p in _examples() if p.stem != "peace-talks"], ids=lambda p: p.stem)
def test_full_seed_articles(path: Path) -> None:
    """The same map against the whole article its excerpt came from: every quote found, the
    article longer than the excerpt, and its boilerplate and unquoted reporting left unmapped."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not here")
    excerpt = EXAMPLES / "sources" / f"{path.stem}.txt"
    seed = _seed_of(excerpt)
    full = seed.read_text(encoding="utf-8")
    analysis = argmap.analyze(path, files={str(excerpt): full})
    assert analysis.articles[path.stem] == full.replace("\r\n", "\n")
    assert all(p.found for p in analysis.quote_passages)
    (c,) = map_coverage(analysis.map, analysis.articles, analysis.quote_passages)
    short = argmap.analyze(path)
    (e,) = map_coverage(short.map, short.articles, short.quote_passages)
    assert c.total > e.total
    assert c.mapped_count >= 1
    assert c.share < e.share
    assert c.not_yet_mapped  # a whole article always has reporting the map left out


# -- quote help --------------------------------------------------------------------------------


def test_word_score() -> None:
    q = content_words("Russia is rearming its army")
    assert word_score(q, content_words("Russia is rearming its army.")) == 1.0
    assert word_score(q, frozenset()) == 0.0
    assert 0 < word_score(q, content_words("The army of Russia, says a report, is big")) < 1


def test_suggestions_rank_the_passage_that_says_it_first() -> None:
    found = sentences(ARTICLE)
    index = PassageIndex({"a": (ARTICLE, found)})
    best = index.suggest("Russia rearms, the minister said", limit=2)
    assert ARTICLE[best[0].start : best[0].end] == "Russia is rearming."
    assert best[0].score > best[1].score
    assert len(best) == 2
    # Suggestions never overlap one another.
    every = index.suggest("talks sham fail russia rearming weather peace others", limit=10)
    for i, a in enumerate(every):
        for b in every[i + 1 :]:
            assert not (a.start < b.end and b.start < a.end)
    assert index.suggest("", limit=3) == ()
    assert index.suggest("zebra", limit=3) == ()


def test_quote_help_for_a_statement_without_a_quote_and_a_quote_not_found(tmp_path: Path) -> None:
    arg = (
        'source a "A"\n  file "a.txt"\n'
        'claim C1 "Russia keeps rearming."\n'
        'premise P1 "Peace now."\n  quote a "Peace can not be a fig leaf"\n'
        'premise P2 "Assumed." implicit\n'
        "P1 + P2 supports C1\n"
    )
    analysis = _analysis(tmp_path, arg, ARTICLE)
    coverage = map_coverage(analysis.map, analysis.articles, analysis.quote_passages)
    found = {h.node: h for h in quote_help(analysis.map, coverage, analysis.articles, analysis.quote_passages)}
    assert set(found) == {"C1", "P1"}  # the implicit premise needs no quote
    assert found["C1"].reason == "no quote"
    assert ARTICLE[found["C1"].suggestions[0].start : found["C1"].suggestions[0].end] == "Russia is rearming."
    assert found["P1"].reason == "quote not found"
    top = found["P1"].suggestions[0]
    assert ARTICLE[top.start : top.end].startswith("“Peace cannot be a fig leaf,”")


def _best_of(runs: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _long_article(paragraphs: int) -> tuple[str, list[tuple[int, int]]]:
    """An article of ``paragraphs`` paragraphs, with one quote passage in each."""
    unit = (
        "Mr Smith said the talks, however long, would fail.\nU.S. officials warned of a trap. "
        "“We are rearming because we must,” a minister told reporters... Others disagreed.\n\n"
    )
    text = unit * paragraphs
    passages = [(i * len(unit) + 4, i * len(unit) + 60) for i in range(paragraphs)]
    return text, passages


def test_coverage_and_quote_help_grow_linearly() -> None:
    """4x the article and 4x the statements asking for help: linear work is 4x (allowing
    for noise, under 10x); anything quadratic in either would be 16x."""

    def cost(n: int) -> float:
        text, passages = _long_article(n)
        queries = [f"Officials warned the minister {i} is rearming" for i in range(n // 10)]

        def work() -> None:
            c = article_coverage("a", text, passages, speaker_names(["John Smith"]))
            index = PassageIndex({"a": (text, c.sentences)})
            for q in queries:
                index.suggest(q, limit=3)

        return _best_of(3, work)

    small, big = cost(200), cost(800)
    assert big / small < 10, (small, big)
