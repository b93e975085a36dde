"""Fuzzing the language front end: every input gives a map or diagnostics, never another
exception, and every diagnostic points inside the text it is about.

Bounded by the default Hypothesis profile so it runs in the normal suite; for a long run:
``HYPOTHESIS_PROFILE=fuzz pytest tests/hardening/test_fuzz_parser.py``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import argmap
from argmap.analysis.report import format_diagnostics
from argmap.api import LoadResult, load_result, loads_result, parse_document
from argmap.language.formatting import FormatRefusedError, format_source
from argmap.model import Span
from argmap.model.diagnostics import Diagnostic
from tests.strategies import grammar_texts, random_texts

FILENAME = "fuzz.arg"


def assert_span_inside(span: Span, text: str) -> None:
    """1 <= line <= number of lines; columns within the line, one past its end at most."""
    lines = text.split("\n")
    assert 1 <= span.line <= len(lines), span
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, span
    assert span.line <= span.end_line <= len(lines), span
    assert 1 <= span.end_column <= len(lines[span.end_line - 1]) + 1, span
    assert (span.end_line, span.end_column) >= (span.line, span.column), span


def assert_well_formed(result: LoadResult) -> None:
    for d in result.diagnostics:
        assert isinstance(d, Diagnostic)
        assert d.message and "\n" not in d.message
        for span in (d.span, *(label.span for label in d.labels)):
            if span.file in result.texts:
                assert_span_inside(span, result.texts[span.file])
    # Every output style copes with whatever was found.
    for style in ("short", "full", "json"):
        format_diagnostics(result.diagnostics, style, result.texts)


def _load(text: str) -> LoadResult:
    # Inside an empty folder, so that random `include "..."` lines read nothing of ours.
    with tempfile.TemporaryDirectory() as folder:
        return loads_result(text, str(Path(folder) / FILENAME), read_articles=True)


@given(grammar_texts())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_grammar_generated_text_parses(text: str) -> None:
    """Text the grammar generates always parses: the only findings are about names and values."""
    parsed = parse_document(text, FILENAME)
    assert parsed.parsed, parsed.diagnostics
    result = _load(text)
    assert_well_formed(result)
    assert not any(d.name == "syntax-error" for d in result.diagnostics)


@given(grammar_texts())
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much], max_examples=50)
def test_grammar_generated_text_formats_without_changing_meaning(text: str) -> None:
    before = parse_document(text, FILENAME)
    if any(d.is_error for d in before.diagnostics):  # e.g. a repeated `by`: fmt must refuse
        with pytest.raises(FormatRefusedError):
            format_source(text, FILENAME)
        return
    formatted = format_source(text, FILENAME)
    after = parse_document(formatted, FILENAME)
    assert after.map == before.map
    assert [c.text for c in after.comments] == [c.text for c in before.comments]
    assert format_source(formatted, FILENAME) == formatted


@given(random_texts)
@example('claim C1 "x"\n  step ' + "9" * 5000)  # more digits than int() converts
@example('claim C1 """abc')
@example('\ufeffclaim C1 "x"\r\nP1 supports C1\r')
@example('claim C1 "x" \x00')
@example('"' * 7)
@example('include "a\x00b"\nsource s "t" file "\x00"')  # paths no file system accepts
@example('include "' + "a" * 5000 + '"')
@example('include ""\ninclude "."\ninclude "/"')
@example('P1 supports\npremise P2 "y"')
def test_random_text_gives_a_map_or_diagnostics(text: str) -> None:
    result = _load(text)
    assert isinstance(result.map, argmap.Map)
    assert_well_formed(result)


@given(st.binary(max_size=200))
def test_random_bytes_from_a_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / FILENAME
        path.write_bytes(data)
        result = load_result(path)
    assert isinstance(result.map, argmap.Map)
    assert_well_formed(result)


@pytest.mark.parametrize(
    "text",
    [
        "claim C1 " + '"' + "x" * 100_000 + '"',  # one long token
        'claim C1 "x"\n' + "P1 + " * 5000 + "P2 supports C1\n",  # a huge linked group
        "(" * 10_000,
        '"""' * 1000,
        "\\" * 10_000,
        "#" * 10_000 + "\n" + 'claim C1 "x"',
        "\n" * 50_000,
        'claim C1 "x" ' + "tags " + ", ".join(f"t{i}" for i in range(5000)),
    ],
    ids=["long-string", "huge-group", "parens", "triple-quotes", "backslashes", "long-comment", "newlines", "tags"],
)
def test_pathological_inputs_never_raise_other_exceptions(text: str) -> None:
    result = _load(text)
    assert_well_formed(result)
    if not result.ok:
        with pytest.raises(argmap.ArgmapError):
            argmap.loads(text)
