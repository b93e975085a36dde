"""Fuzz targets: bytes in, the whole pipeline run, and every promise checked.

One function per target (``parser``, ``checks``, ``importers``, ``render``). Each takes any bytes
and raises only ``AssertionError`` (a broken promise) or whatever argmap raised that it must not
(a crash). The documented exceptions are caught here and nowhere else: ``FormatError`` from an
importer, ``FormatRefusedError`` from the formatter on a map with errors. The atheris harnesses
(``fuzz_*.py``) and the Hypothesis tests (``tests/hardening/test_fuzz_bytes.py``) both call these, so a
crash found by either is replayed by the normal test run (the corpus replay test).

The argmap modules are imported at module level on purpose: an atheris harness imports this
module inside ``atheris.instrument_imports()``, which instruments only what is imported there.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import argmap.analysis.checks
import argmap.analysis.loading
import argmap.analysis.report
import argmap.analysis.semantics
import argmap.classroom.html
import argmap.classroom.page
import argmap.formats
import argmap.language.build
import argmap.language.fastparse
import argmap.language.formatting
import argmap.language.names
import argmap.language.printer
import argmap.language.syntax
import argmap.model
from argmap.diagram.dot import build_dot
from argmap.diagram.options import RenderOptions
from argmap.model import Span
from argmap.model.diagnostics import Diagnostic
from tests.fuzz.oracles import assert_dot_safe, assert_page_safe, fake_svg

__all__ = ["TARGETS", "checks", "decodings", "fastparse", "importers", "parser", "quotes", "render"]

# An empty folder the fuzzed maps live in, so `include` and `file` lines read nothing of ours.
_HOME = Path(tempfile.mkdtemp(prefix="argmap-fuzz-"))
FILENAME = str(_HOME / "fuzz.arg")

#: Maps larger than this are parsed and checked but not evaluated with the exponential semantics.
_SMALL = 12

_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")


def decodings(data: bytes) -> list[str]:
    """The texts a byte string may stand for: UTF-8 when it is, else with replacements, and
    Latin-1 (every byte a character, so control characters and NULs get through)."""
    texts = []
    try:
        texts.append(data.decode("utf-8"))
    except UnicodeDecodeError:
        texts.append(data.decode("utf-8", "replace"))
    latin = data.decode("latin-1")
    if latin not in texts:
        texts.append(latin)
    return texts


def _span_inside(span: Span, text: str) -> None:
    lines = text.split("\n")
    assert 1 <= span.line <= len(lines), span
    assert 1 <= span.column <= len(lines[span.line - 1]) + 1, span
    assert span.line <= span.end_line <= len(lines), span
    assert (span.end_line, span.end_column) >= (span.line, span.column), span


def _well_formed(
    diagnostics: tuple[Diagnostic, ...], texts: dict[str, str] | None = None, *, longest: int | None = 2000
) -> None:
    for d in diagnostics:
        assert d.message and "\n" not in d.message, d
        assert longest is None or len(d.message) < longest, d.message[:200]
        for span in (d.span, *(label.span for label in d.labels)):
            if texts and span.file in texts and span.line:
                _span_inside(span, texts[span.file])
    shown = texts or {}
    short = argmap.analysis.report.format_diagnostics(diagnostics, "short", shown)
    assert len(short.splitlines()) == len(diagnostics)
    argmap.analysis.report.format_diagnostics(diagnostics, "full", shown)
    argmap.analysis.report.format_diagnostics(diagnostics, "json", shown)


def _load(text: str) -> argmap.analysis.loading.LoadResult:
    result = argmap.analysis.loading.loads_result(text, FILENAME, read_articles=True)
    _well_formed(result.diagnostics, dict(result.texts))
    return result


def parser(data: bytes) -> None:
    """Text -> map and diagnostics; a clean map formats to text that means the same, and prints
    to text that reads back the same."""
    for text in decodings(data):
        result = _load(text)
        if result.ok:
            refusal: tuple[Diagnostic, ...] = ()
            try:
                formatted = argmap.language.formatting.format_source(text, FILENAME)
            except argmap.language.formatting.FormatRefusedError as refused:
                refusal = refused.diagnostics
            if refusal:
                # Allowed only for errors the loader does not see (e.g. a repeated attribute).
                assert any(d.is_error for d in refusal), refusal
            else:
                assert argmap.analysis.loading.parse_document(formatted, FILENAME).map == result.map
                assert argmap.language.formatting.format_source(formatted, FILENAME) == formatted
            back = argmap.analysis.loading.loads_result(argmap.language.printer.dumps(result.map), FILENAME)
            assert back.map == result.map
    # The same bytes as a file: undecodable bytes are one diagnostic, never an exception.
    path = _HOME / "file.arg"
    path.write_bytes(data)
    from_file = argmap.analysis.loading.load_result(path)
    _well_formed(from_file.diagnostics, dict(from_file.texts))


def _everything(obj: Any) -> Any:
    """Every field, spans included (spans take no part in ``==``)."""
    if attrs.has(type(obj)):
        return tuple((f.alias, _everything(getattr(obj, f.alias))) for f in attrs.fields(type(obj)))
    if isinstance(obj, tuple):
        return tuple(_everything(x) for x in obj)
    return obj


def fastparse(data: bytes) -> None:
    """Differential: when the regular-expression fast path takes a text, Lark must parse it to
    the same map, spans and comments, with nothing to report."""
    for text in decodings(data):
        text = argmap.language.syntax.normalize_text(text)
        fast = argmap.language.fastparse.parse_fast(text, FILENAME)
        if fast is None:
            continue
        reference = argmap.language.syntax.parse_text(text, FILENAME)
        assert reference.tree is not None, "the fast path took text that does not parse"
        built, problems = argmap.language.build.build_map(reference.tree, FILENAME)
        assert problems == (), f"the fast path took text with diagnostics: {problems}"
        assert _everything(fast.map) == _everything(built)
        assert fast.comments == reference.comments


def checks(data: bytes) -> None:
    """Text -> map -> every consistency check and, for small maps, every semantics."""
    for text in decodings(data):
        result = _load(text)
        found = argmap.analysis.checks.run_checks(result)
        _well_formed(found, dict(result.texts))
        m = result.map
        labelling = argmap.analysis.semantics.grounded(m)
        for node in m.nodes:
            labelling.why(node.id)
        if len(m.nodes) + len(m.relations) <= _SMALL:
            argmap.analysis.semantics.preferred(m, limit=8)
            argmap.analysis.semantics.stable(m, limit=8)


_READERS: tuple[Callable[[str, str], argmap.formats.Imported], ...] = (
    argmap.formats.from_json_result,
    argmap.formats.from_aif_result,
    argmap.formats.from_argdown_result,
    argmap.formats.from_argdown_json_result,
    argmap.formats.from_kialo_result,
)


def importers(data: bytes) -> None:
    """Any file of any format -> a map and warnings, or one FormatError; an imported map has
    valid ids, exports everywhere, and converts to .arg text that reads back the same."""
    if not data:
        return
    reader = _READERS[data[0] % len(_READERS)]
    text = data[1:].decode("utf-8", "replace")
    argmap.formats.format_from_content(text)
    try:
        imported = reader(text, "fuzz.in")
    except argmap.formats.FormatError as error:
        message = str(error)
        imported = None
    if imported is None:
        assert "\n" not in message, message
        return
    m = imported.map
    _well_formed(imported.warnings)
    for element in m.elements():
        element_id = getattr(element, "id", None)
        assert element_id is None or _ID.fullmatch(element_id), element_id
    argmap.formats.to_aif(m)
    argmap.formats.to_argdown(m)
    assert not argmap.language.names.check_names(m), "an imported relation is aimed at the wrong kind of thing"
    assert argmap.formats.from_json(argmap.formats.to_json(m)) == m
    back = argmap.analysis.loading.loads_result(argmap.language.printer.dumps(m), "<converted>")
    assert back.map == m, "the converted map does not read back the same"


def render(data: bytes) -> None:
    """Text -> map (errors and all, as ``render --force`` draws it) -> DOT and the page."""
    if not data:
        return
    choice, payload = data[0], data[1:]
    for text in decodings(payload):
        result = argmap.analysis.loading.loads_result(text, FILENAME)
        m = result.map
        labelling = argmap.analysis.semantics.grounded(m)
        options = RenderOptions(
            group_by=(None, "source", "tag")[choice % 3],
            direction=("up", "down", "left", "right")[(choice // 3) % 4],
            overlay=labelling if choice & 0x80 else None,
        )
        assert_dot_safe(build_dot(m, options))
        page = argmap.classroom.page.build_page(m, fake_svg(m), labelling, result.diagnostics)
        assert_page_safe(page, [argmap.classroom.html.asset("page.js")])


def _fold_by_character(text: str) -> tuple[str, list[int]]:
    """The definition of folding, one character at a time (what ``fold`` computes in bulk), on
    text without combining marks (which ``fold`` also composes)."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for offset, c in enumerate(text):
        if c.isspace():
            if not in_space:
                out.append(" ")
                origin.append(offset)
            in_space = True
            continue
        if c in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
            continue
        in_space = False
        folded = argmap.analysis.checks.matching._fold_char(c)
        out.append(folded)
        origin.extend([offset] * len(folded))
    return "".join(out), origin


def quotes(data: bytes) -> None:
    """An article and a quote from the bytes (the first byte says where the quote starts):
    the bulk fold equals the per-character definition, its offsets answer like the list would,
    a passage cut from the article is always found exactly, and whatever ``locate`` and
    ``closest_passage`` return lies inside the article."""
    from argmap.analysis.checks.matching import Article, closest_passage, fold, locate

    if not data:
        return
    text = data[1:].decode("utf-8", "replace")
    split = data[0] * len(text) // 256
    article_text, quote = text[:split], text[split:]
    marks = re.compile(f"[{argmap.analysis.checks.matching._MARKS}]")
    plain = marks.sub("", article_text)
    folded, offsets = fold(plain)
    want, origin = _fold_by_character(plain)
    assert folded == want, (plain, folded, want)
    assert list(offsets) == origin
    for start in {0, len(plain) // 3, len(plain) // 2, len(plain)}:
        assert offsets.first_at_or_after(start) == next((i for i, o in enumerate(origin) if o >= start), len(origin))
    article = Article(article_text)
    match = locate(article, quote)
    if match is not None:
        assert 0 <= match.start <= match.end <= len(article_text)
    if quote and quote in article_text:
        assert match is not None and match.exact
    if len(article_text) > 4:
        cut = article_text[len(article_text) // 4 : len(article_text) // 2]
        if cut.strip():
            found = locate(article, cut)
            assert found is not None and found.exact and article_text[found.start : found.end] == cut
    passage = closest_passage(article, quote)
    if passage is not None:
        assert 0 <= passage.start <= passage.end <= len(article_text)


#: Every target by name (the corpus folders are named the same).
TARGETS: dict[str, Callable[[bytes], None]] = {
    "parser": parser,
    "fastparse": fastparse,
    "checks": checks,
    "importers": importers,
    "render": render,
    "quotes": quotes,
}
