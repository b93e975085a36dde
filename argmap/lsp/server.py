"""The pygls server: document sync, debounced analysis and one handler per LSP feature.

Each handler finds the open map a document belongs to (``OpenMaps.owner``) and hands its
``Analysis`` to the feature module. Analysis runs on the event loop's thread: a change waits a
short debounce (a tenth of the last analysis' time, between 5 and 150 ms) so that
keystrokes arriving together are analysed once (those that arrive while an analysis runs are
all applied before the next one starts); a request that needs a fresh analysis runs the pending
one at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from argmap.analysis.analysis import Analysis, Occurrence
from argmap.lsp import actions, completion, navigation, outline
from argmap.lsp.diagnostics import to_lsp
from argmap.lsp.positions import FileTexts, path_of, uri_of
from argmap.lsp.workspace import Entry, OpenMaps

__all__ = ["ArgmapServer", "create_server"]

logger = logging.getLogger(__name__)

#: The debounce after a change, as a share of the last analysis' time, and its bounds (seconds).
DEBOUNCE_SHARE = 0.1
DEBOUNCE_MIN = 0.005
DEBOUNCE_MAX = 0.15
#: How long the map must stay unchanged before the index and evaluation are computed ahead of
#: the first hover (seconds).
WARM_AFTER = 0.3

#: The request the editor's diagram preview sends, and how long a layout may take (seconds).
DIAGRAM = "argmap/diagram"
DIAGRAM_TIMEOUT = 20.0

#: LSP's error code for a request that was valid but could not be done (a refused rename).
REQUEST_FAILED = -32803


class ArgmapServer(LanguageServer):
    """The language server's state: the open maps and the analyses waiting to run."""

    def __init__(self) -> None:
        from argmap import __version__

        super().__init__("argmap", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.maps = OpenMaps()
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.warming: asyncio.Task[None] | None = None

    # -- analysis and diagnostics --------------------------------------------------------------

    def schedule(self, path: str, delay: float) -> None:
        """Analyse ``path`` (and the open maps including it) after ``delay`` seconds, unless a
        newer change comes first."""
        old = self.pending.pop(path, None)
        if old is not None:
            old.cancel()
        self.pending[path] = asyncio.get_running_loop().create_task(self._later(path, delay))

    async def _later(self, path: str, delay: float) -> None:
        await asyncio.sleep(delay)
        self.pending.pop(path, None)
        self.refresh(path)

    def debounce(self, path: str) -> float:
        entry = self.maps.entries.get(path)
        seconds = entry.seconds if entry is not None else 0.0
        return min(DEBOUNCE_MAX, max(DEBOUNCE_MIN, DEBOUNCE_SHARE * seconds))

    def fresh(self, path: str) -> None:
        """Run at once any analysis still waiting for ``path`` or a map including it."""
        for waiting in [path, *self.maps.includers(path)]:
            task = self.pending.pop(waiting, None)
            if task is not None:
                task.cancel()
                self.refresh(waiting)

    def refresh(self, path: str) -> None:
        """Analyse the open maps ``path`` belongs to, then publish diagnostics for every file
        they read (and those they read before, so that fixed files are cleared)."""
        try:
            affected = self.maps.affected(path)
            before = self.maps.files_of(affected) | {path}
            for open_path in affected:
                self.maps.analyse(open_path)
            self.publish(before | self.maps.files_of(affected))
        except Exception as error:  # a bug in argmap: say so, and keep serving
            logger.exception("analysis failed")
            self.window_show_message(
                types.ShowMessageParams(
                    type=types.MessageType.Error,
                    message=f"argmap: internal error while analysing {os.path.basename(path)}: "
                    f"{type(error).__name__}: {error} (please report it)",
                )
            )
            return
        self.warm_later()

    def publish(self, files: Iterable[str]) -> None:
        texts: dict[int, FileTexts] = {}
        for file in sorted(files):
            entry = self.maps.owner(file)
            found: list[types.Diagnostic] = []
            if entry is not None:
                converter = texts.setdefault(id(entry), self.texts(entry.analysis))
                found = [to_lsp(d, converter) for d in entry.findings.get(file, ())]
            uri = uri_of(file)
            document = self.workspace.text_documents.get(uri)
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, diagnostics=found, version=document.version if document is not None else None
                )
            )

    def warm_later(self) -> None:
        """Compute each map's index and evaluation once typing pauses, so the first hover is quick."""
        if self.warming is not None:
            self.warming.cancel()
        self.warming = asyncio.get_running_loop().create_task(self._warm())

    async def _warm(self) -> None:
        await asyncio.sleep(WARM_AFTER)
        for entry in list(self.maps.entries.values()):
            if self.pending:
                return
            try:
                _ = entry.parsed.index
                if entry.analysis.ok:
                    _ = entry.analysis.evaluation
            except Exception:  # a head start only: the request that needs it will say what failed
                logger.exception("computing the index or the evaluation ahead failed")
            await asyncio.sleep(0)

    # -- what a request is about ---------------------------------------------------------------

    def texts(self, analysis: Analysis) -> FileTexts:
        return FileTexts(analysis.texts, self.workspace.position_codec)

    def entry(self, uri: str, *, fresh: bool = True) -> tuple[Entry, str] | None:
        path = path_of(uri)
        if fresh:
            self.fresh(path)
        entry = self.maps.owner(path)
        return (entry, path) if entry is not None else None

    def own(self, uri: str) -> tuple[Entry, str] | None:
        """The analysis of the file itself as a top file (its own title and declarations, for
        the outline), else the map it belongs to."""
        path = path_of(uri)
        self.fresh(path)
        entry = self.maps.entries.get(path) or self.maps.owner(path)
        return (entry, path) if entry is not None else None

    def at(self, uri: str, position: types.Position) -> tuple[Analysis, Occurrence, FileTexts] | None:
        """The id under the cursor, in the analysis of its map (the last one that parsed)."""
        found = self.entry(uri)
        if found is None:
            return None
        entry, path = found
        analysis = entry.analysis if entry.analysis.parsed else entry.parsed
        texts = self.texts(analysis)
        name = texts.name(path)
        if name is None:
            return None
        line, column = texts.from_client(name, position)
        occurrence = analysis.index.at(name, line, column)
        return (analysis, occurrence, texts) if occurrence is not None else None


def create_server() -> ArgmapServer:
    """The server with every feature registered."""
    server = ArgmapServer()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: ArgmapServer, params: types.DidOpenTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        ls.maps.open(path, params.text_document.text)
        try:
            ls.maps.adopt(path)  # the maps on disk that include it, if no open map does
        except Exception:  # finding them is a help, never a reason to fail
            logger.exception("looking for the maps that include %s failed", path)
        ls.schedule(path, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: ArgmapServer, params: types.DidChangeTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        document = ls.workspace.get_text_document(params.text_document.uri)
        ls.maps.open(path, document.source)
        ls.schedule(path, ls.debounce(path))

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: ArgmapServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(path_of(params.text_document.uri), 0)  # article files may have changed too

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: ArgmapServer, params: types.DidCloseTextDocumentParams) -> None:
        path = path_of(params.text_document.uri)
        task = ls.pending.pop(path, None)
        if task is not None:
            task.cancel()
        files = ls.maps.files_of(ls.maps.entries) | {path}
        ls.maps.close(path)
        ls.publish(files)  # the files no map reads any more are cleared
        for includer in ls.maps.includers(path):
            ls.schedule(includer, 0)  # it now reads the file from disk

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: ArgmapServer, params: types.HoverParams) -> types.Hover | None:
        found = ls.at(params.text_document.uri, params.position)
        return navigation.hover(*found) if found is not None else None

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: ArgmapServer, params: types.DefinitionParams) -> types.Location | None:
        found = ls.at(params.text_document.uri, params.position)
        return navigation.definition(*found) if found is not None else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: ArgmapServer, params: types.ReferenceParams) -> list[types.Location] | None:
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            return None
        return navigation.references(*found, include_declaration=params.context.include_declaration)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: ArgmapServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = ls.at(params.text_document.uri, params.position)
        return navigation.rename_range(found[1], found[2]) if found is not None else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: ArgmapServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = ls.at(params.text_document.uri, params.position)
        if found is None:
            raise JsonRpcException(message="argmap: there is no id to rename here", code=REQUEST_FAILED)
        analysis, occurrence, texts = found
        try:
            return navigation.rename(analysis, occurrence, params.new_name, texts)
        except navigation.RenameRefusedError as refused:
            raise JsonRpcException(message=f"argmap: cannot rename: {refused}", code=REQUEST_FAILED) from None

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[" ", ",", "+"]))
    def complete(ls: ArgmapServer, params: types.CompletionParams) -> types.CompletionList:
        found = ls.entry(params.text_document.uri, fresh=False)
        if found is None:
            return types.CompletionList(is_incomplete=False, items=[])
        entry, _ = found
        document = ls.workspace.get_text_document(params.text_document.uri)
        lines = document.lines
        position = document.position_codec.position_from_client_units(lines, params.position)
        first = max(0, position.line - completion.LOOKBACK_LINES)
        current = lines[position.line] if position.line < len(lines) else ""
        before = "".join(lines[first : position.line]) + current[: position.character]
        items = completion.complete(before.replace("\r\n", "\n"), entry.parsed, document.source)
        return completion.bounded(items, completion.typed_prefix(before))

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(ls: ArgmapServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        found = ls.own(params.text_document.uri)
        if found is None:
            return []
        entry, path = found
        texts = ls.texts(entry.parsed)
        name = texts.name(path)
        return outline.symbols(entry.parsed, name, texts) if name is not None else []

    @server.feature(types.TEXT_DOCUMENT_FOLDING_RANGE)
    def folding(ls: ArgmapServer, params: types.FoldingRangeParams) -> list[types.FoldingRange]:
        found = ls.own(params.text_document.uri)
        if found is None:
            return []
        entry, path = found
        name = ls.texts(entry.parsed).name(path)
        return outline.folding_ranges(entry.parsed, name) if name is not None else []

    @server.feature(types.TEXT_DOCUMENT_FORMATTING)
    def formatting(ls: ArgmapServer, params: types.DocumentFormattingParams) -> list[types.TextEdit] | None:
        document = ls.workspace.get_text_document(params.text_document.uri)
        try:
            return outline.format_document(document.source, os.path.basename(path_of(document.uri)))
        except outline.CannotFormatError as refused:
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=str(refused)))
            return None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )
    def code_action(ls: ArgmapServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        found = ls.entry(params.text_document.uri)
        if found is None:
            return []
        entry, path = found
        texts = ls.texts(entry.analysis)
        first, last = params.range.start.line + 1, params.range.end.line + 1
        here = tuple(d for d in entry.findings.get(path, ()) if d.span.line <= last and d.span.end_line >= first)
        return actions.code_actions(entry.analysis, here, texts, params.text_document.uri)

    @server.feature(DIAGRAM)
    async def diagram(ls: ArgmapServer, params: object) -> dict[str, str | None]:
        """``argmap/diagram``: the open map drawn as SVG, for the editor's live preview."""
        uri = params.get("uri") if isinstance(params, dict) else getattr(params, "uri", None)
        found = ls.entry(str(uri)) if uri else None
        if found is None:
            return {"svg": None, "message": "argmap: this document is not open"}
        analysis = found[0].analysis
        if not analysis.ok:
            first = analysis.errors[0]
            return {
                "svg": None,
                "message": f"argmap: fix the errors first ({first.span.line}:{first.span.column}: {first.message})",
            }
        return await asyncio.get_running_loop().run_in_executor(None, draw, analysis)

    return server


def draw(analysis: Analysis) -> dict[str, str | None]:
    """The map as SVG text, or why it could not be drawn (runs in a worker thread)."""
    from argmap.api import render
    from argmap.errors import ArgmapError

    try:
        svg = render(analysis, "svg", timeout=DIAGRAM_TIMEOUT)
    except ArgmapError as error:
        return {"svg": None, "message": f"argmap: {error.message}"}
    return {"svg": str(svg), "message": None}
