"""The reading view as HTML (no browser): hostile maps and articles stay text, nothing loads from
another origin, the article is shown whole, highlights name their statements, the coverage shown
is the command's, and a missing article leaves only its column out."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import argmap
from argmap.analysis.analysis import QuotePassage
from argmap.analysis.checks.matching import Article, locate_parts
from argmap.classroom.html import asset
from argmap.classroom.reading import build_reading
from argmap.commands.coverage import report
from argmap.model import Map, Node, NodeKind, Quote, Source
from tests.fuzz.oracles import assert_page_safe, fake_svg, page_data
from tests.hardening.test_injection import CASES, hostile, hostile_map, squash

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SCRIPTS = [asset("page.js"), asset("reading.js")]


def located(m: Map, articles: dict[str, str]) -> list[QuotePassage]:
    out = []
    for node in m.nodes:
        for i, quote in enumerate(node.quotes):
            if quote.source in articles:
                parts = locate_parts(Article(articles[quote.source]), quote.text)
                out.append(QuotePassage(node.id, i, quote.source, tuple((p.start, p.end) for p in parts)))
    return out


class _ArticleText(HTMLParser):
    """The text of each ``.article-text`` (id buttons left out), and the marks' ``data-ids``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[list[str]] = []
        self.marks: list[tuple[str, str, str]] = []  # data-ids, class, text
        self._depth = 0
        self._button = 0
        self._mark: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "div" and a.get("class") == "article-text":
            self.texts.append([])
            self._depth = 1
            return
        if self._depth:
            if tag == "div":
                self._depth += 1
            if tag == "button":
                self._button += 1
            if tag == "mark":
                self._mark = a

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag == "div":
            self._depth -= 1
        if tag == "button":
            self._button -= 1
        if tag == "mark":
            self._mark = None

    def handle_data(self, data: str) -> None:
        if self._depth and not self._button:
            self.texts[-1].append(data)
            if self._mark is not None:
                self.marks.append((self._mark.get("data-ids") or "", self._mark.get("class") or "", data))


def scan(page: str) -> _ArticleText:
    parser = _ArticleText()
    parser.feed(page)
    parser.close()
    return parser


def _assert_offline(page: str) -> None:
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert csp is not None
    policy = html.unescape(csp.group(1))
    assert "default-src 'none'" in policy
    assert "connect-src" not in policy and "http" not in policy
    for pattern in (r"<link\b", r"<iframe\b", r"<img\b", r"<base\b", r"<object\b", r"<embed\b"):
        assert not re.search(pattern, page, re.I), pattern
    for style in re.findall(r"<style>(.*?)</style>", page, re.S):
        assert "@import" not in style and "url(" not in style
    assert not re.search(r'\ssrc\s*=\s*"(?!data:)', page)


# -- hostile text ------------------------------------------------------------------------------


@pytest.mark.parametrize("i", CASES)
def test_hostile_map_and_article_stay_text(i: int) -> None:
    text = hostile(i)
    m = hostile_map(text)
    article = f"The minister said this. {text} It ended there. But {text}\n"
    articles = {"s1": article}
    page = build_reading(m, fake_svg(m), None, (), articles, located(m, articles), {})
    _assert_offline(page)
    scanned = assert_page_safe(page, SCRIPTS)
    (shown,) = scan(page).texts
    assert "".join(shown) == article  # the article, whole and literal
    assert page_data(page)["title"] == text
    assert squash(text) in squash("".join(scanned.text))  # the title and statements, as text
    for ids, _, _ in scan(page).marks:
        assert ids == "C1"


@pytest.mark.parametrize("i", CASES)
def test_hostile_reason_for_a_missing_article(i: int) -> None:
    text = hostile(i)
    m = hostile_map(text)
    page = build_reading(m, fake_svg(m), None, (), {}, [], {"s1": text})
    _assert_offline(page)
    scanned = assert_page_safe(page, SCRIPTS)
    message = next(t for t in scanned.text if "could not be read" in t)
    assert "The page shows the map without it." in "".join(scanned.text)
    assert message
    assert 'class="article"' not in page  # no column for it
    assert 'id="node-C1"' in page  # the diagram is still there


# -- structure ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arg")), ids=lambda p: p.stem)
def test_examples(path: Path) -> None:
    analysis = argmap.analyze(path)
    m = analysis.map
    page = build_reading(
        m,
        fake_svg(m),
        analysis.evaluation,
        analysis.findings(),
        analysis.articles,
        analysis.quote_passages,
        analysis.article_errors,
    )
    _assert_offline(page)
    assert_page_safe(page, SCRIPTS)
    scanned = scan(page)
    data = report(analysis)
    articles = data["articles"]
    assert isinstance(articles, list)
    assert [a["source"] for a in articles] == list(dict.fromkeys(s.id for s in m.sources if s.file))
    for shown, record in zip(scanned.texts, articles, strict=True):
        assert "".join(shown) == analysis.articles[record["source"]]
    # Every statement with a quote has a highlight naming it.
    quoted = {p.node for p in analysis.quote_passages if p.found}
    named = {i for ids, _, _ in scanned.marks for i in ids.split()}
    assert named == quoted
    # The coverage shown is the command's.
    for record in articles:
        block = re.search(rf'<dl class="coverage" data-source="{record["source"]}".*?</dl>', page, re.S)
        assert block is not None
        shown_numbers = dict(re.findall(r'data-key="(\w+)"(?: data-value="[^"]*")?>([^<]*)<', block.group(0)))
        assert int(shown_numbers["sentences"]) == record["sentences"]
        assert int(shown_numbers["mapped"]) == record["mapped"]
        assert int(shown_numbers["argumentative"]) == record["argumentative"]
        assert int(shown_numbers["argumentative_mapped"]) == record["argumentative_mapped"]
        assert shown_numbers["share"] == f"{round(record['share'] * 100)}%"
    assert page.count('class="jump" data-target="s-') == sum(len(a["not_yet_mapped"]) for a in articles)


def test_a_passage_quoted_by_two_statements_names_both() -> None:
    article = "Talks are a sham, the minister said. They will fail.\n"
    m = Map(
        sources=(Source("a", "A", file="a.txt"),),
        nodes=(
            Node(NodeKind.CLAIM, "C1", "Talks are a sham.", quotes=(Quote("a", "Talks are a sham, the minister"),)),
            Node(NodeKind.PREMISE, "P1", "A sham.", quotes=(Quote("a", "a sham, the minister said. They"),)),
        ),
    )
    page = build_reading(m, fake_svg(m), None, (), {"a": article}, located(m, {"a": article}), {})
    marks = scan(page).marks
    assert ("C1 P1", "q kind-claim multi", "a sham, the minister") in marks
    assert ("P1", "q kind-premise", " said.") in marks  # across the sentence break
    assert ("P1", "q kind-premise", "They") in marks
    assert 'data-id="C1"' in page and 'data-id="P1"' in page  # each statement's id button
    # The quote that crosses the sentence break maps both sentences.
    assert len(re.findall(r'class="s mapped[^"]*"', page)) == 2


def test_statement_without_a_quote_gets_quote_help() -> None:
    article = "Russia is rearming, the minister said. The weather was cold.\n"
    m = Map(
        sources=(Source("a", "A", file="a.txt"),),
        nodes=(Node(NodeKind.CLAIM, "C1", "Russia keeps rearming."),),
    )
    page = build_reading(m, fake_svg(m), None, (), {"a": article}, [], {})
    help_block = page.split('<section class="quote-help"', 1)[1]
    assert "has no quote" in help_block
    assert help_block.index("Russia is rearming, the minister said.") < help_block.index("</ol>")
    assert 'data-target="s-0-0"' in help_block


def test_no_article_file_at_all() -> None:
    m = Map(nodes=(Node(NodeKind.CLAIM, "C1", "Alone."),))
    page = build_reading(m, fake_svg(m), None, (), {}, [], {})
    assert "names an article file" in page
    assert_page_safe(page, SCRIPTS)


def test_render_reading_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    out = tmp_path / "page.html"
    assert main(["render", str(EXAMPLES / "figleaf.arg"), "-o", str(out), "--reading"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "reading view" in page and 'class="article-text"' in page
    assert main(["render", str(EXAMPLES / "figleaf.arg"), "-o", str(tmp_path / "x.svg"), "--reading"]) == 2
    assert "--reading writes an html page" in capsys.readouterr().err


def test_render_reading_with_a_missing_article(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    (tmp_path / "m.arg").write_text('source a "A"\n  file "gone.txt"\nclaim C1 "x"\n  quote a "y"\n', encoding="utf-8")
    out = tmp_path / "page.html"
    assert main(["render", str(tmp_path / "m.arg"), "-o", str(out), "--reading"]) == 1  # an error: not drawn
    capsys.readouterr()
    assert main(["render", str(tmp_path / "m.arg"), "-o", str(out), "--reading", "--force"]) == 0
    err = capsys.readouterr().err
    assert "left out of the page" in err
    page = out.read_text(encoding="utf-8")
    assert 'class="article-missing" role="alert"' in page and "gone.txt" in page


def test_the_page_grows_linearly_with_the_article() -> None:
    """4x the article and its quotes: linear work is 4x (under 10x allowing for noise); a
    page quadratic in either would be 16x."""
    import time

    unit = "Mr Smith said the talks would fail. “We rearm because we must,” he warned.\n\n"

    def cost(n: int) -> float:
        article = unit * n
        nodes = tuple(
            Node(NodeKind.PREMISE, f"P{i}", "Talks fail.", quotes=(Quote("a", "said the talks would fail"),))
            for i in range(n // 20)
        )
        m = Map(sources=(Source("a", "A", file="a.txt"),), nodes=nodes)
        passages = [
            QuotePassage(f"P{i}", 0, "a", ((i * 20 * len(unit) + 9, i * 20 * len(unit) + 34),)) for i in range(n // 20)
        ]
        svg = fake_svg(m)
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            build_reading(m, svg, None, (), {"a": article}, passages, {})
            best = min(best, time.process_time() - start)
        return best

    small, big = cost(200), cost(800)
    assert big / small < 10, (small, big)


@pytest.mark.parametrize("kind", ["huge", "binary", "folder", "missing", "utf16", "outside"])
def test_unusable_article_files_leave_only_their_column_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """As tests/hardening/test_hardening.py's unusable articles: the reading view (drawn with --force, the
    map having an error) says why and shows the rest; an outside file's text never reaches it."""
    import json
    import os

    from argmap.analysis.loading import MAX_FILE_BYTES
    from argmap.cli import main

    maps = tmp_path / "maps"
    maps.mkdir()
    (maps / "good.txt").write_text("The other article said so. It is fine.\n", encoding="utf-8")
    article = maps / "article.txt"
    if kind == "huge":
        with article.open("wb") as handle:  # sparse: no disk is spent on it
            handle.truncate(MAX_FILE_BYTES + 1)
    elif kind == "binary":
        article.write_bytes(bytes(range(256)) * 100)
    elif kind == "folder":
        article.mkdir()
    elif kind == "utf16":
        article.write_bytes("the article".encode("utf-16"))
    elif kind == "outside":
        (tmp_path / "secret.txt").write_text("SECRET the article\n", encoding="utf-8")
        os.symlink(tmp_path / "secret.txt", article)
    path = maps / "map.arg"
    path.write_text(
        'source s "The article" file "article.txt"\nsource g "Good" file "good.txt"\n'
        'claim C1 "x" quote s "the article"\npremise P1 "y" quote g "said so"\nP1 supports C1\n',
        encoding="utf-8",
    )
    out = tmp_path / "page.html"
    assert main(["render", str(path), "-o", str(out), "--reading", "--force"]) == 0
    err = capsys.readouterr().err
    assert "the article of `s` is left out of the page" in err
    page = out.read_text(encoding="utf-8")
    assert page.count('class="article-missing" role="alert"') == 1
    assert page.count('class="article"') == 1 and 'data-source="g"' in page
    assert "SECRET" not in page
    assert_page_safe(page, SCRIPTS)
    assert main(["coverage", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["source"] for a in data["articles"]] == ["g"]
    assert [u["source"] for u in data["unreadable"]] == ["s"]
