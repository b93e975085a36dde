"""The open maps: their buffers, the analysis of each (as the top file of a map), and which
open map includes which, so a file's diagnostics and ids come from the map it belongs to."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from functools import cached_property

import attrs

from argmap.analysis.analysis import Analysis, analyze
from argmap.model.diagnostics import Diagnostic

__all__ = ["Entry", "OpenMaps"]


@attrs.define(eq=False)
class Entry:
    """One open file analysed as the top of a map."""

    path: str
    analysis: Analysis
    #: The last analysis of this file whose every file parsed (navigation and completion use it
    #: while the buffer is half-typed).
    parsed: Analysis
    seconds: float

    @cached_property
    def files(self) -> frozenset[str]:
        """Absolute paths of every file the analysis read (the top file and its includes)."""
        return frozenset(os.path.abspath(name) for name in self.analysis.texts) | {self.path}

    @cached_property
    def findings(self) -> dict[str, tuple[Diagnostic, ...]]:
        """What ``argmap check`` reports, by the absolute path of the file it is in."""
        grouped: dict[str, list[Diagnostic]] = {}
        for diagnostic in self.analysis.findings():
            file = os.path.abspath(diagnostic.span.file) if diagnostic.span.line > 0 else self.path
            grouped.setdefault(file, []).append(diagnostic)
        return {file: tuple(found) for file, found in grouped.items()}


@attrs.define
class OpenMaps:
    """Open buffers by absolute path, and the entry of each analysed one."""

    buffers: dict[str, str] = attrs.field(factory=dict)
    entries: dict[str, Entry] = attrs.field(factory=dict)

    def open(self, path: str, text: str) -> None:
        self.buffers[path] = text

    def close(self, path: str) -> None:
        self.buffers.pop(path, None)
        self.entries.pop(path, None)

    def includers(self, path: str) -> list[str]:
        """The open files (other than ``path``) whose map reads ``path``."""
        return [p for p, entry in self.entries.items() if p != path and path in entry.files]

    def analyse(self, path: str) -> Entry:
        """Analyse the open file at ``path`` as a map's top file, the other open buffers standing
        in for the files on disk."""
        text = self.buffers.get(path, "")
        others = {p: t for p, t in self.buffers.items() if p != path}
        start = time.perf_counter()
        analysis = analyze(path, text=text, files=others)
        seconds = time.perf_counter() - start
        previous = self.entries.get(path)
        parsed = analysis if analysis.parsed or previous is None else previous.parsed
        entry = Entry(path, analysis, parsed, seconds)
        self.entries[path] = entry
        return entry

    def owner(self, path: str) -> Entry | None:
        """The entry whose map ``path`` belongs to: an open map that includes it and is itself
        included by no open map, else the file's own entry."""
        covering = [e for p, e in self.entries.items() if p != path and path in e.files]
        roots = [e for e in covering if not self.includers(e.path)]
        if roots:
            return min(roots, key=lambda e: e.path)
        if path in self.entries:
            return self.entries[path]
        return min(covering, key=lambda e: e.path) if covering else None

    def affected(self, path: str) -> list[str]:
        """The open files to analyse again when ``path`` changes: itself and its includers."""
        found = [path] if path in self.buffers else []
        return found + [p for p in self.includers(path) if p in self.buffers]

    def files_of(self, paths: Iterable[str]) -> set[str]:
        """Every file the entries of ``paths`` read."""
        files: set[str] = set()
        for path in paths:
            entry = self.entries.get(path)
            files |= entry.files if entry is not None else {path}
        return files
