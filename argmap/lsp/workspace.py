"""The open maps: their buffers, the analysis of each (as the top file of a map), and which
map includes which, so a file's diagnostics and ids come from the map it belongs to.

A file that is opened alone but is included by a map on disk (``part.arg`` of ``main.arg``) is
checked as part of that map: the maps beside it and above it that include it are found when it
is opened (``includers_on_disk``) and analysed from disk as *background* entries, the open
buffers standing in for their files.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

import attrs

from argmap.analysis.analysis import Analysis, analyze
from argmap.analysis.loading import read_text_file
from argmap.errors import ReadError
from argmap.model.diagnostics import Diagnostic

__all__ = ["Entry", "OpenMaps", "includers_on_disk"]

_INCLUDE = re.compile(r'^\s*include\s*"((?:[^"\\\n]|\\.)*)"', re.MULTILINE)

#: Bounds on the search for the maps that include an opened file: how many folders up (an
#: include stays inside its map's folder, so an includer is beside the file or above it), how
#: many map files read in all, and the largest file read.
SEARCH_LEVELS = 3
SEARCH_FILES = 200
SEARCH_BYTES = 2_000_000


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
        """Forget an open file, and the background maps no open file belongs to any more."""
        self.buffers.pop(path, None)
        self.entries.pop(path, None)
        for background in [p for p, e in self.entries.items() if p not in self.buffers]:
            if not self.entries[background].files & self.buffers.keys():
                del self.entries[background]

    def includers(self, path: str) -> list[str]:
        """The analysed maps (other than ``path``) that read ``path``."""
        return [p for p, entry in self.entries.items() if p != path and path in entry.files]

    def adopt(self, path: str) -> list[str]:
        """Analyse, in the background, the maps on disk that include the open file ``path``
        (unless a map already read reads it); returns their paths."""
        if self.includers(path):
            return []
        found = [p for p in includers_on_disk(path) if p not in self.entries and p not in self.buffers]
        for background in found:
            self.analyse(background)
        return found

    def analyse(self, path: str) -> Entry:
        """Analyse the file at ``path`` as a map's top file (its buffer when it is open, else
        the file on disk), the open buffers standing in for the files on disk."""
        others = {p: t for p, t in self.buffers.items() if p != path}
        start = time.perf_counter()
        if path in self.buffers:
            analysis = analyze(path, text=self.buffers[path], files=others)
        else:
            analysis = analyze(path, files=others)
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
        """The maps to analyse again when ``path`` changes: itself (when open) and every map
        that reads it."""
        found = [path] if path in self.buffers else []
        return found + self.includers(path)

    def files_of(self, paths: Iterable[str]) -> set[str]:
        """Every file the entries of ``paths`` read."""
        files: set[str] = set()
        for path in paths:
            entry = self.entries.get(path)
            files |= entry.files if entry is not None else {path}
        return files


def includers_on_disk(path: str) -> list[str]:
    """The map files beside ``path`` or in the folders above it that include it, directly or
    through other includes (bounded: ``SEARCH_LEVELS`` folders, ``SEARCH_FILES`` files)."""
    candidates: list[Path] = []
    folder = Path(path).parent
    for _ in range(SEARCH_LEVELS):
        try:
            candidates += sorted(p for p in folder.glob("*.arg") if p.is_file())
        except OSError:
            break
        if folder.parent == folder:
            break
        folder = folder.parent
    includes: dict[str, set[str]] = {}
    for candidate in candidates[:SEARCH_FILES]:
        try:
            if candidate.stat().st_size > SEARCH_BYTES:
                continue
            text = read_text_file(candidate)
        except (OSError, ReadError):
            continue
        targets: set[str] = set()
        for include in _INCLUDE.finditer(text):
            try:
                targets.add(os.path.abspath(candidate.parent / include.group(1)))
            except ValueError:  # a NUL in the path
                continue
        includes[os.path.abspath(candidate)] = targets
    found: list[str] = []
    wanted = [os.path.abspath(path)]
    while wanted:
        target = wanted.pop()
        for includer, targets in includes.items():
            if target in targets and includer not in found and includer != os.path.abspath(path):
                found.append(includer)
                wanted.append(includer)
    return found
