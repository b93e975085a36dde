"""Between argmap's spans (1-based lines and columns in code points, files named as the loader
shows them) and LSP's ranges (0-based, columns in the client's code units, files as URIs)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from functools import cached_property

from lsprotocol import types
from pygls.uris import from_fs_path, to_fs_path
from pygls.workspace.position_codec import PositionCodec

from argmap.model import Span

__all__ = ["FileTexts", "path_of", "uri_of"]


def path_of(uri: str) -> str:
    """The absolute, normalised file path of a ``file:`` URI (the URI itself otherwise)."""
    path = to_fs_path(uri)
    return os.path.abspath(path) if path else uri


def uri_of(file: str) -> str:
    """The URI of a file as a span names it (relative names are relative to the server's folder)."""
    return from_fs_path(os.path.abspath(file)) or file


class FileTexts:
    """The texts of an analysis' files, to convert positions in them (each file's lines are
    split once, on first use)."""

    def __init__(self, texts: Mapping[str, str], codec: PositionCodec) -> None:
        self._texts = texts
        self._codec = codec
        self._lines: dict[str, Sequence[str]] = {}

    @cached_property
    def names(self) -> dict[str, str]:
        """Absolute path → the name spans use for that file."""
        return {os.path.abspath(name): name for name in self._texts}

    def name(self, path: str) -> str | None:
        """The name spans use for the file at ``path``, or ``None`` when it was not read."""
        return self.names.get(path)

    def lines(self, file: str) -> Sequence[str]:
        found = self._lines.get(file)
        if found is None:
            found = self._texts.get(file, "").split("\n")
            self._lines[file] = found
        return found

    def position(self, file: str, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based line and column."""
        line0, char = max(line - 1, 0), max(column - 1, 0)
        lines = self.lines(file)
        if line0 < len(lines) and not lines[line0].isascii():
            return self._codec.position_to_client_units(lines, types.Position(line=line0, character=char))
        return types.Position(line=line0, character=char)

    def range(self, span: Span) -> types.Range:
        """The LSP range of a span (a span without a place becomes the file's first character)."""
        if span.line <= 0:
            return types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=1))
        start = self.position(span.file, span.line, span.column)
        end = self.position(span.file, max(span.end_line, span.line), span.end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return types.Range(start=start, end=end)

    def location(self, span: Span) -> types.Location:
        return types.Location(uri=uri_of(span.file), range=self.range(span))

    def from_client(self, file: str, position: types.Position) -> tuple[int, int]:
        """A client position as a 1-based line and column in code points."""
        lines = self.lines(file)
        if position.line < len(lines) and not lines[position.line].isascii():
            server = self._codec.position_from_client_units(
                lines, types.Position(line=position.line, character=position.character)
            )
            return server.line + 1, server.character + 1
        return position.line + 1, position.character + 1
