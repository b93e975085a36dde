"""Every feature of ``argmap lsp``, end to end: the real server in a subprocess over stdio,
on the bundled examples, broken documents and a map with includes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

import argmap
from argmap.language.formatting import format_source
from argmap.model.diagnostics import CHECKS
from tests.lsp.conftest import (
    close_map,
    forget,
    open_map,
    position_of,
    published,
    replace_all,
    uri,
)

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures" / "checks"

pytestmark = pytest.mark.asyncio(loop_scope="module")


def doc(path: Path) -> types.TextDocumentIdentifier:
    return types.TextDocumentIdentifier(uri=uri(path))


@pytest.fixture
def checks(tmp_path: Path) -> Path:
    target = tmp_path / "checks"
    shutil.copytree(FIXTURES, target)
    return target


# -- diagnostics -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["duplicate-id", "circular-support", "quote-typography", "quote-not-found", "orphan", "syntax-error"]
)
async def test_diagnostics_are_what_check_reports(client: LanguageClient, checks: Path, name: str) -> None:
    path = checks / f"{name}.arg"
    found = await open_map(client, path)
    expected = argmap.analyze(path).findings()
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1) for d in found] == [
        (e.code, e.span.line, e.span.column) for e in expected
    ]
    for got, want in zip(found, expected, strict=True):
        assert got.message.splitlines()[0] == want.message
        assert [line.removeprefix("hint: ") for line in got.message.splitlines()[1:]] == list(want.hints)
        severity = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}
        assert got.severity == severity[want.severity.value]
        assert len(got.related_information or []) == len(want.labels)
    assert any(d.code == CHECKS[name].code for d in found)
    close_map(client, path)


async def test_related_locations(client: LanguageClient, checks: Path) -> None:
    found = await open_map(client, checks / "duplicate-id.arg")
    duplicate = next(d for d in found if d.code == "AM003")
    assert duplicate.related_information is not None
    first = duplicate.related_information[0]
    assert first.message == "first declared here"
    assert first.location.uri == uri(checks / "duplicate-id.arg")
    assert first.location.range.start.line == 2  # line 3: the first `premise P1`
    found = await open_map(client, checks / "circular-support.arg")
    cycle = next(d for d in found if d.code == "AM101" and d.related_information)
    assert {r.location.range.start.line for r in cycle.related_information or []} == {5, 6}
    close_map(client, checks / "duplicate-id.arg")
    close_map(client, checks / "circular-support.arg")


async def test_a_clean_example_has_no_diagnostics(client: LanguageClient, examples: Path) -> None:
    assert await open_map(client, examples / "telegraph.arg") == []
    close_map(client, examples / "telegraph.arg")


async def test_diagnostics_follow_changes_and_saves(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "typing.arg"
    path.write_text("", encoding="utf-8")
    clean = 'claim C1 "Talks are a trap." implicit\npremise P1 "Russia rearms." implicit\nP1 supports C1\n'
    assert await open_map(client, path, clean) == []
    forget(client, uri(path))
    replace_all(client, path, clean.replace("P1 supports", "P11 supports"), 2)
    found = (await published(client, [uri(path)]))[uri(path)]
    assert [d.code for d in found] == ["AM108", "AM002"]  # P1 orphan, P11 undefined
    assert "did you mean `P1`?" in found[1].message
    # Several quick changes: the last one wins.
    forget(client, uri(path))
    for version, text in enumerate(["claim", "claim C", clean], start=3):
        replace_all(client, path, text, version)
    assert (await published(client, [uri(path)]))[uri(path)] == []
    forget(client, uri(path))
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=doc(path)))
    assert (await published(client, [uri(path)]))[uri(path)] == []
    close_map(client, path)


async def test_incremental_changes(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "incremental.arg"
    text = 'claim C1 "Talks are a trap." implicit\n'
    assert await open_map(client, path, text) == []
    forget(client, uri(path))
    at = types.Position(line=1, character=0)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text="C2 supports C1\n")
            ],
        )
    )
    found = (await published(client, [uri(path)]))[uri(path)]
    assert [d.code for d in found] == ["AM002"]
    assert found[0].range.start == types.Position(line=1, character=0)
    close_map(client, path)


async def test_includes_both_ways(client: LanguageClient, tmp_path: Path) -> None:
    top, part = tmp_path / "top.arg", tmp_path / "part.arg"
    part.write_text('premise P1 "Russia rearms." implicit\npremise P1 "Twice." implicit\n', encoding="utf-8")
    top_text = 'include "part.arg"\nclaim C1 "Talks are a trap." implicit\nP1 supports C1\n'
    forget(client, uri(part))
    assert await open_map(client, top, top_text) == []
    # The included file's finding is published on the included file, from the top's analysis.
    found = (await published(client, [uri(part)]))[uri(part)]
    assert [d.code for d in found] == ["AM003"]
    # Open the included file and break the id the top file uses: the top file's diagnostics change.
    await open_map(client, part, part.read_text(encoding="utf-8"))
    forget(client, uri(top), uri(part))
    replace_all(client, part, 'premise P12 "Russia rearms." implicit\n', 2)
    got = await published(client, [uri(top), uri(part)])
    assert [d.code for d in got[uri(top)]] == ["AM002"]
    assert "did you mean `P12`?" in got[uri(top)][0].message
    assert [d.code for d in got[uri(part)]] == ["AM108"]  # P12 is now an orphan, seen from the top
    # Going to the declaration from the top file lands in the included one.
    replace_all(client, part, 'premise P1 "Russia rearms." implicit\n', 3)
    forget(client, uri(top))
    await published(client, [uri(top)])
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(top), position=position_of(top_text, "P1 supports"))
    )
    assert isinstance(location, types.Location)
    assert location.uri == uri(part)
    assert location.range.start == types.Position(line=0, character=8)
    close_map(client, part)
    close_map(client, top)


async def test_a_file_opened_alone_is_checked_with_the_map_on_disk_that_includes_it(
    client: LanguageClient, tmp_path: Path
) -> None:
    main, part = tmp_path / "main.arg", tmp_path / "sub" / "part.arg"
    part.parent.mkdir()
    main.write_text('include "sub/part.arg"\nclaim C1 "Talks are a trap." implicit\n', encoding="utf-8")
    part.write_text('premise P1 "Russia rearms." implicit\nP1 supports C1\n', encoding="utf-8")
    alone = argmap.analyze(part).findings()
    assert "AM002" in [d.code for d in alone]  # on its own, C1 is unknown
    forget(client, uri(main))
    assert await open_map(client, part) == []
    assert (await published(client, [uri(main)]))[uri(main)] == []  # the map it belongs to, too
    forget(client, uri(part), uri(main))
    replace_all(client, part, 'premise P1 "Russia rearms." implicit\nP1 supports C9\n', 2)
    got = await published(client, [uri(part)])
    assert [d.code for d in got[uri(part)]] == ["AM108", "AM002"]  # P1 now leads nowhere; C9 is unknown
    # Going to the definition of C1 from the included file lands in the map that includes it.
    replace_all(client, part, part.read_text(encoding="utf-8"), 3)
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(part), position=types.Position(line=1, character=13))
    )
    assert isinstance(location, types.Location)
    assert location.uri == uri(main)
    forget(client, uri(main))
    close_map(client, part)
    assert (await published(client, [uri(main)]))[uri(main)] == []


# -- navigation ------------------------------------------------------------------------------


async def _hover(client: LanguageClient, path: Path, needle: str, offset: int = 0, occurrence: int = 0) -> str:
    text = path.read_text(encoding="utf-8")
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=doc(path), position=position_of(text, needle, occurrence, offset))
    )
    assert result is not None
    assert isinstance(result.contents, types.MarkupContent)
    return result.contents.value


async def test_hover_on_each_kind_of_id(client: LanguageClient, examples: Path) -> None:
    path = examples / "telegraph.arg"
    await open_map(client, path)
    statement = await _hover(client, path, "claim T-C1", offset=7)
    assert statement.startswith("**claim** `T-C1`")
    assert "A ceasefire could let Putin rearm" in statement
    assert "by `T-cleverly`: James Cleverly, UK Foreign Secretary" in statement
    assert "> a ceasefire is actually just used by Putin" in statement
    assert "quoted from `telegraph`: Vladimir Putin could use peace talks" in statement
    assert "used at telegraph.arg:" in statement
    assert "grounded evaluation: **in** (stands)" in statement
    source = await _hover(client, path, "quote telegraph", offset=7)
    assert "**source** `telegraph`" in source
    assert "outlet: The Telegraph" in source
    assert "quoted " in source
    person = await _hover(client, path, "by T-cleverly", offset=4)
    assert "**person** `T-cleverly`" in person
    assert "role: UK Foreign Secretary" in person
    assert "says: `T-C1`" in person
    relation = await _hover(client, path, "T-S1:")
    assert "**relation** `T-S1` (linked reason)" in relation
    assert "`T-P1` + `T-I1` supports `T-C1`" in relation
    assert "grounded evaluation:" in relation
    close_map(client, path)


async def test_hover_says_why_a_statement_falls(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "falls.arg"
    path.write_text(
        'claim C1 "Talks are a trap." implicit\nrebuttal R1 "They are not." implicit\nR1 attacks C1\n', encoding="utf-8"
    )
    await open_map(client, path)
    shown = await _hover(client, path, "C1")
    assert "grounded evaluation: **out** (does not stand)" in shown
    assert "attacked by R1" in shown
    close_map(client, path)


async def test_hover_shows_a_maps_text_literally(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "markup.arg"
    path.write_text('claim C1 """<img src=x onerror=alert(1)> *loud* [link](http://x)\n- 1. item""" implicit\n')
    await open_map(client, path)
    shown = await _hover(client, path, "C1")
    assert "\\<img src=x onerror=alert(1)\\>" in shown
    assert "\\*loud\\*" in shown
    assert "\\[link\\](http://x)" in shown
    assert "\\- 1. item" in shown
    assert "<img" not in shown.replace("\\<img", "")
    close_map(client, path)


async def test_definition_and_references_across_includes(client: LanguageClient, examples: Path) -> None:
    top = examples / "peace-talks.arg"
    text = top.read_text(encoding="utf-8")
    await open_map(client, top)
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(top), position=position_of(text, "T-C1 supports X-C1"))
    )
    assert isinstance(location, types.Location)
    assert location.uri == uri(examples / "telegraph.arg")
    declared = (examples / "telegraph.arg").read_text(encoding="utf-8").splitlines()[location.range.start.line]
    assert declared.startswith("claim T-C1 ")
    found = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(top),
            position=position_of(text, "T-C1 supports X-C1"),
            context=types.ReferenceContext(include_declaration=True),
        )
    )
    assert found is not None
    assert {f.uri for f in found} == {uri(top), uri(examples / "telegraph.arg")}
    assert len(found) == len(argmap.analyze(top).index.references("T-C1"))
    without = await client.text_document_references_async(
        types.ReferenceParams(
            text_document=doc(top),
            position=position_of(text, "T-C1 supports X-C1"),
            context=types.ReferenceContext(include_declaration=False),
        )
    )
    assert without is not None and len(without) == len(found) - 1
    # Sources and persons too: a quote's source id leads to its `source` line.
    source = await client.text_document_definition_async(
        types.DefinitionParams(text_document=doc(top), position=position_of(text, "quote figleaf", offset=6))
    )
    assert isinstance(source, types.Location)
    assert source.uri == uri(examples / "figleaf.arg")
    close_map(client, top)


async def test_rename_every_kind_across_includes(client: LanguageClient, examples: Path) -> None:
    top = examples / "peace-talks.arg"
    text = top.read_text(encoding="utf-8")
    await open_map(client, top)
    cases = [("T-C1 supports X-C1", "T-claim1", "T-C1"), ("quote figleaf", "fig", "figleaf")]
    for needle, new, old in cases:
        prepared = await client.text_document_prepare_rename_async(
            types.PrepareRenameParams(
                text_document=doc(top),
                position=position_of(text, needle, offset=len(needle) - 1 if needle.startswith("quote") else 0),
            )
        )
        assert prepared is not None
        edit = await client.text_document_rename_async(
            types.RenameParams(
                text_document=doc(top),
                position=position_of(text, needle, offset=len(needle) - 1 if needle.startswith("quote") else 0),
                new_name=new,
            )
        )
        assert edit is not None and edit.changes is not None
        count = sum(len(edits) for edits in edit.changes.values())
        assert count == len(argmap.analyze(top).index.references(old))
        assert len(edit.changes) >= 2  # the declaring file and at least one other
        for file_uri, edits in edit.changes.items():
            lines = Path(file_uri.removeprefix("file://")).read_text(encoding="utf-8").splitlines()
            for e in edits:
                assert lines[e.range.start.line][e.range.start.character : e.range.end.character] == old
    close_map(client, top)


@pytest.mark.parametrize(
    ("new_name", "reason"),
    [
        ("supports", "is a keyword"),
        ("9lives", "is not a valid id"),
        ("has space", "is not a valid id"),
        ("P1", "is already taken"),
    ],
)
async def test_rename_refuses_with_a_message(
    client: LanguageClient, tmp_path: Path, new_name: str, reason: str
) -> None:
    path = tmp_path / "refuse.arg"
    text = 'claim C1 "Talks are a trap." implicit\npremise P1 "Russia rearms." implicit\nP1 supports C1\n'
    await open_map(client, path, text)
    with pytest.raises(Exception, match=reason):
        await client.text_document_rename_async(
            types.RenameParams(text_document=doc(path), position=position_of(text, "C1"), new_name=new_name)
        )
    close_map(client, path)


async def test_relation_labels_and_persons_rename(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "labels.arg"
    text = (
        'person ana "Ana"\nclaim C1 "Talks are a trap." by ana\npremise P1 "Rearms." implicit\n'
        'rebuttal R1 "No." by ana\nS1: P1 supports C1\nR1 undercuts S1\n'
    )
    await open_map(client, path, text)
    for needle, new in (("S1:", "reason1"), ("ana", "anna")):
        edit = await client.text_document_rename_async(
            types.RenameParams(text_document=doc(path), position=position_of(text, needle), new_name=new)
        )
        assert edit is not None and edit.changes is not None
        assert len(edit.changes[uri(path)]) == 2 if needle == "S1:" else 3
    close_map(client, path)


# -- completion ------------------------------------------------------------------------------


COMPLETION_MAP = (
    'source telegraph "T"\nperson ana "Ana"\nclaim C1 "Talks are a trap." by ana quote telegraph "x" tags trap, risk\n'
    'premise P1 "Russia rearms." implicit\nS1: P1 supports C1\n'
)


@pytest.mark.parametrize(
    ("typed", "expected", "absent"),
    [
        ("", {"claim", "premise", "rebuttal", "source", "person", "title", "include", "C1", "P1"}, {"by"}),
        ("P1 supports ", {"C1", "P1"}, {"telegraph", "ana", "claim"}),
        ("P1 attacks C", {"C1"}, {"telegraph", "P1"}),  # what is typed narrows the list
        ("P1 + ", {"C1", "P1"}, set()),
        ("C1 contradicts ", {"C1", "P1"}, set()),
        ('rebuttal R9 "No."\nR9 undercuts ', {"S1"}, {"C1"}),
        ('premise P2 "x" quote ', {"telegraph"}, {"ana", "C1"}),
        ('premise P2 "x" by ', {"ana"}, {"telegraph", "C1"}),
        ('premise P2 "x" tags ', {"trap", "risk"}, {"C1"}),
        ('premise P2 "x" tags trap, ', {"trap", "risk"}, set()),
        ('premise P2 "x"\n  ', {"by", "quote", "tags", "note", "implicit", "step", "claim"}, {"outlet", "role"}),
        ('source s2 "x"\n  ', {"outlet", "date", "url", "file", "author"}, {"by"}),
        ('person p2 "x" ', {"role"}, {"by"}),
        ("P1 ", {"supports", "attacks", "undercuts", "contradicts", "+"}, {"C1"}),
        ("P1 supports C1 ", {"note", "outweighed"}, {"by"}),
        ('premise P2 "x ', set(), {"C1", "claim"}),  # inside a string
        ("# a comment ", set(), {"C1", "claim"}),
        ("claim ", set(), {"C1", "claim"}),  # a new id comes next
    ],
)
async def test_completion(
    client: LanguageClient, tmp_path: Path, typed: str, expected: set[str], absent: set[str]
) -> None:
    path = tmp_path / "complete.arg"
    await open_map(client, path, COMPLETION_MAP)
    text = COMPLETION_MAP + typed
    replace_all(client, path, text, 2)
    lines = text.split("\n")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc(path), position=types.Position(line=len(lines) - 1, character=len(lines[-1]))
        )
    )
    items = result.items if isinstance(result, types.CompletionList) else (result or [])
    labels = {item.label for item in items}
    assert expected <= labels, (typed, labels)
    assert not (absent & labels), (typed, absent & labels)
    if not expected:
        assert labels == set()
    close_map(client, path)


async def test_completion_in_a_map_that_has_never_parsed(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "fresh.arg"
    text = (
        'source paper "T"\nperson ana "Ana"\nclaim C1 "x" tags trap\npremise P1 "y"\nS1: P1 supports C1\nP1 supports '
    )
    found = await open_map(client, path, text)
    assert "AM001" in [d.code for d in found]  # it does not parse: ids come from its declarations
    lines = text.split("\n")
    for typed, expected in (("", {"C1", "P1"}), ("R1 undercuts ", {"S1"}), ("  by ", {"ana"}), ("  tags ", {"trap"})):
        replace_all(client, path, "\n".join(lines[:-1]) + "\n" + (typed or lines[-1]), 2)
        last = typed or lines[-1]
        result = await client.text_document_completion_async(
            types.CompletionParams(
                text_document=doc(path), position=types.Position(line=len(lines) - 1, character=len(last))
            )
        )
        items = result.items if isinstance(result, types.CompletionList) else (result or [])
        assert expected <= {item.label for item in items}, typed
    close_map(client, path)


# -- outline, folding, formatting ------------------------------------------------------------


async def test_document_symbols(client: LanguageClient, examples: Path) -> None:
    path = examples / "telegraph.arg"
    await open_map(client, path)
    result = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc(path)))
    assert result is not None
    symbols = [s for s in result if isinstance(s, types.DocumentSymbol)]
    names = {s.name: s for s in symbols}
    assert symbols[0].kind == types.SymbolKind.String  # the title comes first
    assert names["telegraph"].kind == types.SymbolKind.Module
    assert names["T-cleverly"].kind == types.SymbolKind.Constant
    assert names["T-C1"].kind == types.SymbolKind.Class
    assert names["T-P1"].kind == types.SymbolKind.Field
    assert any(s.kind == types.SymbolKind.Event for s in symbols)  # a rebuttal
    assert any(s.kind == types.SymbolKind.Operator for s in symbols)  # a relation
    m = argmap.analyze(path).map
    assert len(symbols) == 1 + len(m.sources) + len(m.persons) + len(m.nodes) + len(m.relations)
    assert names["T-C1"].selection_range.start.character == len("claim ")
    close_map(client, path)


async def test_symbols_of_an_included_file_are_its_own(client: LanguageClient, examples: Path) -> None:
    await open_map(client, examples / "peace-talks.arg")
    await open_map(client, examples / "mirror.arg")
    result = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=doc(examples / "mirror.arg"))
    )
    assert result is not None
    assert all(s.name.startswith(("M-", "mirror")) or s.kind == types.SymbolKind.String for s in result)
    close_map(client, examples / "mirror.arg")
    close_map(client, examples / "peace-talks.arg")


async def test_folding_multi_line_statements(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "fold.arg"
    text = 'claim C1 """Talks\nare\na trap."""\n  implicit\npremise P1 "One line." implicit\nP1 supports C1\n'
    await open_map(client, path, text)
    result = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc(path)))
    assert result is not None
    assert [(r.start_line, r.end_line) for r in result] == [(0, 3)]
    close_map(client, path)


async def test_formatting(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "messy.arg"
    text = 'claim   C1 "Talks are a trap."   implicit\n\n\n\npremise P1 "Rearms." implicit   # why\nP1   supports C1\n'
    await open_map(client, path, text)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(path), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert edits is not None and len(edits) == 1
    assert edits[0].new_text == format_source(text)
    assert not path.exists()  # the edit goes to the editor; the server wrote nothing
    close_map(client, path)


async def test_formatting_refused_with_a_message(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "broken.arg"
    text = 'claim C1 "Talks are a trap." implicit\nP1 supports\n'
    await open_map(client, path, text)
    client.messages.clear()
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(path), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    assert not edits
    assert len(client.messages) == 1
    assert "cannot format" in client.messages[0].message
    assert "line 3" in client.messages[0].message or "line 2" in client.messages[0].message
    close_map(client, path)


# -- code actions ----------------------------------------------------------------------------


async def _actions(client: LanguageClient, path: Path, line: int) -> list[types.CodeAction]:
    start = types.Position(line=line, character=0)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=doc(path),
            range=types.Range(start=start, end=types.Position(line=line, character=200)),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    return [a for a in result or [] if isinstance(a, types.CodeAction)]


def _apply(text: str, edit: types.TextEdit) -> str:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: edit.range.start.line]) + edit.range.start.character
    end = sum(len(line) + 1 for line in lines[: edit.range.end.line]) + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]


def _the_edit(action: types.CodeAction) -> types.TextEdit:
    assert action.edit is not None and action.edit.changes is not None
    [edits] = action.edit.changes.values()
    [edit] = edits
    assert isinstance(edit, types.TextEdit)
    return edit


async def test_quote_typography_fix(client: LanguageClient, checks: Path) -> None:
    path = checks / "quote-typography.arg"
    text = path.read_text(encoding="utf-8")
    await open_map(client, path)
    await_before = client.diagnostics[uri(path)]
    line = position_of(text, "wasn't it?").line
    [action] = await _actions(client, path, line)
    assert action.title.startswith("Use the article's exact characters")
    fixed = _apply(text, _the_edit(action))
    assert "wasn’t it?" in fixed
    forget(client, uri(path))
    replace_all(client, path, fixed, 2)
    after = (await published(client, [uri(path)]))[uri(path)]
    assert line not in [d.range.start.line for d in after]
    assert len(after) == len(await_before) - 1
    close_map(client, path)


async def test_quote_not_found_fix_offers_the_closest_passage(client: LanguageClient, checks: Path) -> None:
    path = checks / "quote-not-found.arg"
    text = path.read_text(encoding="utf-8")
    await open_map(client, path)
    line = position_of(text, "a ceasefire is just used").line
    [action] = await _actions(client, path, line)
    assert action.title.startswith("Replace with the closest passage (")
    assert "% alike)" in action.title
    fixed = _apply(text, _the_edit(action))
    forget(client, uri(path))
    replace_all(client, path, fixed, 2)
    after = (await published(client, [uri(path)]))[uri(path)]
    assert line not in [d.range.start.line for d in after if d.code == "AM104"]
    close_map(client, path)


async def test_unknown_id_fix_offers_close_ids(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "unknown.arg"
    text = (
        'claim C1 "Trap." implicit\npremise Pa1 "Rearms." implicit\npremise Pa2 "Regroups." implicit\n'
        "Pa3 supports C1\nPa2 supports C1\nPa1 supports C1\n"
    )
    await open_map(client, path, text)
    actions = await _actions(client, path, 3)
    assert {a.title for a in actions} == {"Change `Pa3` to `Pa1`", "Change `Pa3` to `Pa2`"}
    fixed = _apply(text, _the_edit(actions[0]))
    assert fixed.splitlines()[3] in ("Pa1 supports C1", "Pa2 supports C1")
    close_map(client, path)


async def test_missing_quote_keyword_fix(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "paper.arg"
    text = 'source paper "The article"\nclaim C1 "Trap."\n  paper "the words"\n'
    found = await open_map(client, path, text)
    assert [d.code for d in found] == ["AM001"]
    [action] = await _actions(client, path, found[0].range.start.line)
    assert action.title == "Insert `quote` before the source `paper`"
    fixed = _apply(text, _the_edit(action))
    assert fixed == 'source paper "The article"\nclaim C1 "Trap."\n  quote paper "the words"\n'
    forget(client, uri(path))
    replace_all(client, path, fixed, 2)
    after = (await published(client, [uri(path)]))[uri(path)]
    assert [d.code for d in after] == ["AM115"]  # it parses; the quote has no article to be checked against
    close_map(client, path)


async def test_the_server_writes_no_file(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "kept.arg"
    text = 'claim   C1 "Trap."   implicit\n'
    path.write_text(text, encoding="utf-8")
    await open_map(client, path)
    await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=doc(path), options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    await client.text_document_rename_async(
        types.RenameParams(text_document=doc(path), position=position_of(text, "C1"), new_name="C2")
    )
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=doc(path)))
    close_map(client, path)
    assert path.read_text(encoding="utf-8") == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.arg"]


# -- the diagram preview ---------------------------------------------------------------------


@pytest.mark.exe
async def test_diagram_request_draws_the_open_buffer(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "drawn.arg"
    text = 'claim C1 "Talks are a <trap>." implicit\npremise P1 "Rearms." implicit\nP1 supports C1\n'
    await open_map(client, path, text)
    answer = await client.protocol.send_request_async("argmap/diagram", {"uri": uri(path)})  # type: ignore[no-untyped-call]
    svg = answer.svg if hasattr(answer, "svg") else answer["svg"]
    assert svg is not None and svg.lstrip().startswith(("<?xml", "<svg"))
    assert "Talks are a &lt;trap&gt;." in svg
    replace_all(client, path, text + "P9 supports C1\n", 2)
    answer = await client.protocol.send_request_async("argmap/diagram", {"uri": uri(path)})  # type: ignore[no-untyped-call]
    message = answer.message if hasattr(answer, "message") else answer["message"]
    assert "fix the errors first" in message
    assert not path.exists()
    close_map(client, path)


async def test_completion_is_bounded_on_a_large_map(client: LanguageClient, tmp_path: Path) -> None:
    path = tmp_path / "large.arg"
    statements = "".join(f'premise P{i} "Reason {i}." implicit\n' for i in range(300))
    clean = 'claim C1 "Claim." implicit\n' + statements
    await open_map(client, path, clean)
    text = clean + "P1 supports "
    replace_all(client, path, text, 2)
    lines = text.split("\n")
    end = types.Position(line=len(lines) - 1, character=len(lines[-1]))
    result = await client.text_document_completion_async(types.CompletionParams(text_document=doc(path), position=end))
    assert isinstance(result, types.CompletionList)
    assert result.is_incomplete
    assert len(result.items) == 100
    replace_all(client, path, text + "P29", 3)
    more = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=doc(path), position=types.Position(line=end.line, character=end.character + 3)
        )
    )
    assert isinstance(more, types.CompletionList)
    assert not more.is_incomplete
    assert sorted(item.label for item in more.items) == ["P29", *(f"P29{i}" for i in range(10))]
    close_map(client, path)
