"""The server never crashes, whatever the text: random documents and random edits, with every
request at random places, through the real server; and the command without its extra."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lsprotocol import types
from pytest_lsp import LanguageClient

from argmap.cli import main
from tests.lsp.conftest import forget, published, uri
from tests.strategies import fragments, grammar_texts, random_texts


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for every example (Hypothesis does not mix with function-scoped fixtures)."""
    return tmp_path_factory.mktemp("random")


#: Statements that reach beyond the buffer: itself included (a cycle), a file outside the folder,
#: an article that is missing.
paths = st.sampled_from(
    ['\ninclude "random.arg"\n', '\ninclude "../outside.arg"\n', '\nsource s "t" file "missing.txt"\n']
)
documents = random_texts | grammar_texts() | st.lists(fragments | paths, max_size=30).map("".join)
positions = st.builds(types.Position, line=st.integers(0, 12), character=st.integers(0, 80))


@st.composite
def edits(draw: st.DrawFn) -> types.TextDocumentContentChangePartial:
    start = draw(positions)
    end = draw(positions)
    if (end.line, end.character) < (start.line, start.character):
        start, end = end, start
    text = draw(st.lists(fragments | paths, max_size=6).map("".join))
    return types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text=text)


async def _every_request(client: LanguageClient, document: types.TextDocumentIdentifier, at: types.Position) -> None:
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=20, character=0))
    await client.text_document_hover_async(types.HoverParams(text_document=document, position=at))
    await client.text_document_definition_async(types.DefinitionParams(text_document=document, position=at))
    await client.text_document_references_async(
        types.ReferenceParams(
            text_document=document, position=at, context=types.ReferenceContext(include_declaration=True)
        )
    )
    await client.text_document_prepare_rename_async(types.PrepareRenameParams(text_document=document, position=at))
    await client.text_document_completion_async(types.CompletionParams(text_document=document, position=at))
    await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=document))
    await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=document))
    await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=document, options=types.FormattingOptions(tab_size=2, insert_spaces=True)
        )
    )
    await client.text_document_code_action_async(
        types.CodeActionParams(text_document=document, range=whole, context=types.CodeActionContext(diagnostics=[]))
    )


@pytest.mark.asyncio(loop_scope="module")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=documents, changes=st.lists(edits(), max_size=6), at=positions, rename=st.sampled_from(["C2", "supports", "é"])
)
async def test_random_documents_and_edits(
    client: LanguageClient,
    folder: Path,
    text: str,
    changes: list[types.TextDocumentContentChangePartial],
    at: types.Position,
    rename: str,
) -> None:
    path = folder / "random.arg"
    document = types.TextDocumentIdentifier(uri=uri(path))
    forget(client, document.uri)
    client.messages.clear()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=document.uri, language_id="argmap", version=1, text=text)
        )
    )
    await published(client, [document.uri])
    await _every_request(client, document, at)
    for version, change in enumerate(changes, start=2):
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=document.uri, version=version),
                content_changes=[change],
            )
        )
    forget(client, document.uri)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=document))
    await published(client, [document.uri])
    await _every_request(client, document, at)
    refused: Exception | None = None
    try:
        await client.text_document_rename_async(
            types.RenameParams(text_document=document, position=at, new_name=rename)
        )
    except Exception as error:
        refused = error
    # A refusal is an answer ("argmap: cannot rename: ..."); an internal error is a crash.
    assert refused is None or "argmap:" in str(refused), refused
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=document))
    await asyncio.sleep(0)
    assert not [m.message for m in client.messages if m.type == types.MessageType.Error]
    assert not path.exists()  # never written


def test_without_the_extra_the_command_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls now raises ImportError
    assert main(["lsp"]) == 4
    err = capsys.readouterr().err
    assert (
        err.splitlines()[0]
        == "argmap: error: `argmap lsp` needs the language server packages: pip install 'argmap[lsp]'"
    )
