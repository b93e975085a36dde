"""The language server in a subprocess over stdio, driven by pytest-lsp's client."""

from __future__ import annotations

import asyncio
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs argmap[lsp] (pygls)")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="the end-to-end tests need pytest-lsp")

from lsprotocol import types  # noqa: E402
from pygls.uris import from_fs_path  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

#: How long a test waits for the server's diagnostics before it fails.
TIMEOUT = 30.0


@pytest_lsp.fixture(  # type: ignore[untyped-decorator]
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "argmap", "lsp"]),
)
async def client(lsp_client: LanguageClient) -> object:
    await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf16])
            )
        )
    )
    yield
    await lsp_client.shutdown_session()


def uri(path: Path) -> str:
    found = from_fs_path(str(path))
    assert found is not None
    return str(found)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    """A copy of the bundled examples (the server reads includes and articles from disk)."""
    target = tmp_path / "examples"
    shutil.copytree(EXAMPLES, target)
    return target


async def published(client: LanguageClient, uris: Sequence[str]) -> dict[str, list[types.Diagnostic]]:
    """Wait until diagnostics were published for every uri (call ``forget`` first)."""
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while not all(u in client.diagnostics for u in uris):
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"no diagnostics for {[u for u in uris if u not in client.diagnostics]}")
        await asyncio.sleep(0.01)
    return {u: list(client.diagnostics[u]) for u in uris}


def forget(client: LanguageClient, *uris: str) -> None:
    for u in uris:
        client.diagnostics.pop(u, None)


async def open_map(client: LanguageClient, path: Path, text: str | None = None) -> list[types.Diagnostic]:
    """Open a document (its file's text unless ``text``) and return its first diagnostics."""
    u = uri(path)
    forget(client, u)
    content = path.read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=u, language_id="argmap", version=1, text=content)
        )
    )
    return (await published(client, [u]))[u]


def close_map(client: LanguageClient, path: Path) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(path)))
    )


def replace_all(client: LanguageClient, path: Path, text: str, version: int) -> None:
    """A didChange replacing the whole document."""
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(path), version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def position_of(text: str, needle: str, occurrence: int = 0, offset: int = 0) -> types.Position:
    """The 0-based position of the ``occurrence``-th ``needle`` in ``text`` (plus ``offset`` characters)."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    at += offset
    line = text.count("\n", 0, at)
    return types.Position(line=line, character=at - (text.rfind("\n", 0, at) + 1))
