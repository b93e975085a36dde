"""The one place where map text meets DOT (argmap/diagram/escape.py), and wrapping."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.diagram import escape
from argmap.diagram.wrap import display_width, wrap


def test_html_escapes_markup_quotes_and_backslashes() -> None:
    assert escape.html("<IMG SRC=\"x\"/> & 'q'") == "&lt;IMG SRC=&quot;x&quot;/&gt; &amp; &#39;q&#39;"
    # Graphviz undoes one level of backslashes in HTML labels after decoding entities.
    assert escape.html("\\N") == "&#92;&#92;N"


def test_tooltip_keeps_lines_and_quadruples_backslashes() -> None:
    assert escape.tooltip('a "b"\nc\\N') == '"a &quot;b&quot;&#10;c\\\\\\\\N"'


def test_dot_id_uses_an_entity_for_backslashes() -> None:
    assert escape.dot_id('node-a\\b"<') == '"node-a&#92;b&quot;&lt;"'


def test_visible_shows_controls_and_direction_overrides() -> None:
    assert escape.visible("a\u202eb\u200bc\x07d\te") == "a[U+202E]b[U+200B]c[U+0007]d[U+0009]e"
    assert escape.visible("emoji 👩\u200d💻 ok") == "emoji 👩\u200d💻 ok"  # joiners stay
    assert escape.visible("plain") == "plain"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "http//no-scheme", "https://", "ftp://x.org/"],
)
def test_only_http_urls_become_links(url: str) -> None:
    assert escape.url(url) is None


def test_urls_are_percent_encoded_and_ampersands_survive() -> None:
    assert escape.url('https://e.org/a b?x=1&y="2"\\') == '"https://e.org/a%20b?x=1&amp;amp;y=%222%22%5C"'


def test_quoted_refuses_unescaped_content() -> None:
    with pytest.raises(ValueError, match="unescaped"):
        escape.quoted('a"b')


@given(st.text())
def test_escaped_text_never_breaks_out(text: str) -> None:
    for escaped in (escape.html(text), escape.tooltip(text)[1:-1], escape.dot_id(text)[1:-1]):
        assert '"' not in escaped
        assert "<" not in escaped
        assert ">" not in escaped
        assert "\n" not in escaped
    # No raw backslash reaches a label or an id; tooltips carry each one as a run of four.
    assert "\\" not in escape.html(text)
    assert "\\" not in escape.dot_id(text)
    assert all(len(run) % 4 == 0 for run in re.findall(r"\\+", escape.tooltip(text)))
    assert escape.tooltip(text).count("\\") == 4 * text.count("\\")


def test_wrap_breaks_at_spaces_and_keeps_hyphenated_words() -> None:
    assert wrap("Putin has form: each earlier land grab was called a one-off.", 28) == [
        "Putin has form: each earlier",
        "land grab was called a",
        "one-off.",
    ]


def test_wrap_breaks_long_words_and_limits_lines() -> None:
    lines = wrap("x" * 100, 30)
    assert all(len(line) <= 30 for line in lines)
    assert "".join(lines) == "x" * 100
    assert wrap("one two three four five six", 8, max_lines=2) == ["one two", "three …"]
    assert wrap("   ", 20) == []


def test_wrap_counts_wide_characters_twice() -> None:
    lines = wrap("中" * 40, 20)
    assert all(display_width(line) <= 20 for line in lines)


def test_a_huge_tooltip_is_cut_below_graphviz_limit() -> None:
    from argmap.diagram.escape import TOOLTIP_LIMIT, tooltip

    worst = "&\\" * 20_000  # entities and doubled backslashes: the largest escaping
    quoted = tooltip(worst)
    assert len(quoted) < 16_384
    assert f"{len(worst) - TOOLTIP_LIMIT} more characters" in quoted


@given(
    st.lists(st.text(alphabet="ab-.\u00a0\u2003中é", min_size=1, max_size=30), min_size=1, max_size=12),
    st.integers(1, 40),
)
def test_the_wrapper_breaks_lines_exactly_as_textwrap_does(words: list[str], width: int) -> None:
    import textwrap

    from argmap.diagram.wrap import _greedy

    text = " ".join(words)
    assert _greedy(text, width) == textwrap.wrap(text, width=width, break_long_words=True, break_on_hyphens=False)


@given(st.text(max_size=60))
def test_display_width_counts_wide_characters_twice(text: str) -> None:
    import unicodedata

    from argmap.diagram.wrap import display_width

    assert display_width(text) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
