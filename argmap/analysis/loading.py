"""Reading a map: the top file, its includes (depth first, merged into one map) and its
sources' article files, with name resolution over the merged map.

These are the library's only file reads, all through one ``read`` function that callers may
replace (an editor's unsaved buffers, a browser's pasted articles). Every mistake in a map comes
back as a diagnostic; nothing here raises for one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

from argmap.errors import ReadError
from argmap.language.document import ParseResult, parse_document
from argmap.language.syntax import Comment, normalize_text
from argmap.model import Include, Map, Span
from argmap.model.diagnostics import Diagnostic, make, sort_diagnostics

__all__ = [
    "MAX_FILE_BYTES",
    "LoadResult",
    "ParseResult",
    "load_result",
    "loads_result",
    "parse_document",
    "printable_path",
    "read_text_file",
]

#: Larger map or article files are refused rather than read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


@attrs.frozen
class LoadResult:
    """A map with its includes merged, every diagnostic of loading it, and what was read.

    ``texts`` maps each map file to its text (for excerpts under diagnostics); ``articles``
    maps a source id to its article text, ``article_errors`` a source id to why its ``file``
    could not be used.
    """

    map: Map
    diagnostics: tuple[Diagnostic, ...]
    texts: Mapping[str, str]
    comments: tuple[Comment, ...]
    articles: Mapping[str, str] = attrs.field(factory=dict)
    article_errors: Mapping[str, str] = attrs.field(factory=dict)
    #: Every file read: the map, what it includes, the article files (a command that writes
    #: must not write over any of them).
    inputs: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        """True when no diagnostic is an error."""
        return not any(d.is_error for d in self.diagnostics)


def read_text_file(path: Path, limit: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, refusing folders, huge files and undecodable bytes."""
    if "\x00" in str(path):
        raise ReadError("the path contains a NUL character")
    try:
        if path.is_dir():
            raise ReadError("is a folder, not a file")
        # Opened without blocking and checked before reading: a named pipe or a device would
        # otherwise hang the command or never end.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReadError("is not a regular file (a pipe, device or socket)")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as error:
        raise ReadError((error.strerror or "cannot be read").lower()) from None
    if len(data) > limit:
        raise ReadError(f"is larger than {limit // (1024 * 1024)} MiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReadError(f"is not UTF-8 text (byte {error.start} cannot be decoded)") from None


def _resolve(path: Path) -> Path | None:
    """The absolute, symlink-free path; None when it cannot be worked out (a symlink loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None


def _inside(resolved: Path, root: Path | None) -> bool:
    """True when a resolved path lies in the resolved folder ``root`` (None: it could not be
    resolved, so nothing is inside it)."""
    return root is not None and resolved.is_relative_to(root)


@attrs.define
class _Loader:
    """Follows includes depth first, merging each file's declarations into one map."""

    root: Path
    allow_outside: bool
    read: Callable[[Path], str]
    texts: dict[str, str] = attrs.field(factory=dict)
    paths: dict[str, Path] = attrs.field(factory=dict)  # shown file name -> the real path
    comments: list[Comment] = attrs.field(factory=list)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)
    parts: list[Map] = attrs.field(factory=list)
    done: set[Path] = attrs.field(factory=set)

    def load_text(self, text: str, filename: str, path: Path | None, stack: tuple[Path, ...]) -> None:
        """Load a file and, depth first, everything it includes. A work list, not recursion: an
        include chain may be deeper than Python's recursion limit (500 files deep was exit 70)."""
        work: list[tuple[str, str, Path | None, tuple[Path, ...]] | tuple[Include, Path, tuple[Path, ...]]] = [
            (text, filename, path, stack)
        ]
        while work:
            task = work.pop()
            if len(task) == 4:
                includes, base, chain = self._load_one(*task)
                work.extend((inc, base, chain) for inc in reversed(includes))
            else:
                inc, base, chain = task
                found = self.include(inc, base, chain)
                if found is not None:
                    work.append(found)

    def _load_one(
        self, text: str, filename: str, path: Path | None, stack: tuple[Path, ...]
    ) -> tuple[tuple[Include, ...], Path, tuple[Path, ...]]:
        text = normalize_text(text)
        self.texts[filename] = text
        if path is not None:
            self.paths[filename] = path
        result = parse_document(text, filename)
        self.comments += result.comments
        self.diagnostics += result.diagnostics
        self.parts.append(result.map)
        base = path.parent if path is not None else self.root
        return result.map.includes, base, stack

    def include(
        self, inc: Include, base: Path, stack: tuple[Path, ...]
    ) -> tuple[str, str, Path | None, tuple[Path, ...]] | None:
        """Check one include; the file to load next (its text, name, path and chain), or None."""
        target = base / inc.path

        def problem(message: str, hint: str) -> None:
            self.diagnostics.append(make("include-error", message, inc.span, hints=[hint]))

        resolved = _resolve(target) if "\x00" not in inc.path else None
        if resolved is None:
            why = "the path contains a NUL character" if "\x00" in inc.path else "the path leads into a loop of links"
            problem(f"cannot include `{_shown(inc.path)}`: {why}", "check the path, relative to this file")
            return None

        if not self.allow_outside and not _inside(resolved, _resolve(self.root)):
            problem(
                f"include `{_shown(inc.path)}` leads outside the map's folder",
                "move the file into the map's folder, or pass --allow-outside to permit it",
            )
            return None
        if resolved in stack:
            names = [p.name for p in (*stack, resolved)]
            if len(names) > 6:  # a long chain: its ends, and how long it is
                names = [*names[:3], f"… {len(names) - 5} more …", *names[-2:]]
            chain = " -> ".join(names)
            problem(f"include cycle: {chain}", "remove one of the includes in the cycle")
            return None
        if resolved in self.done:
            return None  # included twice along different paths: merge it once
        try:
            text = self.read(target)
        except ReadError as error:
            problem(f"cannot include `{_shown(inc.path)}`: {error}", "check the path, relative to this file")
            return None
        self.done.add(resolved)
        return text, _display(target), target, (*stack, resolved)

    def merged(self) -> Map:
        top = self.parts[0]
        return Map(
            title=top.title,
            sources=tuple(s for part in self.parts for s in part.sources),
            persons=tuple(p for part in self.parts for p in part.persons),
            nodes=tuple(n for part in self.parts for n in part.nodes),
            relations=tuple(r for part in self.parts for r in part.relations),
            files=tuple(f for part in self.parts for f in part.files),
            title_span=top.title_span,
        )


def _shown(path: str) -> str:
    """A path as written in a map, on one line: control characters escaped, long ones cut."""
    import json  # rare (a path with control characters): not imported at start-up

    escaped = json.dumps(path, ensure_ascii=False)[1:-1]
    return escaped if len(escaped) <= 80 else escaped[:77] + "..."


def printable_path(path: str) -> str:
    """A file name as diagnostics show it: itself, unless it holds a control character (a
    newline, a NUL), which is escaped so that every message stays one line."""
    if path.isprintable():
        return path
    # A name that is not UTF-8 on disk arrives with lone surrogates (U+DC80...): escape those too,
    # or every output that shows the name (a page's title) could not be written as UTF-8.
    import json  # rare: not imported at start-up

    escaped = json.dumps(path, ensure_ascii=False)[1:-1]
    return escaped.encode("utf-8", "backslashreplace").decode("utf-8")


def _display(path: Path) -> str:
    """How a path is shown in diagnostics: relative to the working folder when inside it."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        shown = str(path)
    return printable_path(shown)


def _read_articles(
    m: Map,
    root: Path,
    allow_outside: bool,
    read: Callable[[Path], str],
    paths: Mapping[str, Path],
    read_paths: list[Path],
) -> tuple[dict[str, str], dict[str, str]]:
    articles: dict[str, str] = {}
    errors: dict[str, str] = {}
    # The map's folder resolved once, each article's path once (resolving walks every component
    # of the path on disk; a map of 100,000 statements cites 6,000 articles).
    root_resolved = _resolve(root)
    for source in m.sources:
        if source.file is None:
            continue
        declared_in = paths[source.span.file].parent if source.span.file in paths else root
        target = declared_in / source.file
        if "\x00" in source.file:
            errors[source.id] = "the path contains a NUL character"
            continue
        resolved = _resolve(target)
        if resolved is None:
            errors[source.id] = "the path leads into a loop of links"
            continue
        if not allow_outside and not _inside(resolved, root_resolved):
            errors[source.id] = "is outside the map's folder"
            continue
        read_paths.append(target)
        try:
            articles[source.id] = normalize_text(read(target))
        except ReadError as error:
            errors[source.id] = str(error)
    return articles, errors


def _finish(loader: _Loader, read_articles: bool) -> LoadResult:
    from argmap.language.names import check_names

    merged = loader.merged()
    diagnostics = list(loader.diagnostics)
    if not any(d.name == "syntax-error" for d in diagnostics):
        diagnostics += check_names(merged)
    articles: dict[str, str] = {}
    errors: dict[str, str] = {}
    read_paths = list(loader.paths.values())
    if read_articles:
        articles, errors = _read_articles(
            merged, loader.root, loader.allow_outside, loader.read, loader.paths, read_paths
        )
    return LoadResult(
        merged,
        sort_diagnostics(diagnostics),
        dict(loader.texts),
        tuple(loader.comments),
        articles,
        errors,
        tuple(read_paths),
    )


def loads_result(
    text: str,
    filename: str = "<string>",
    *,
    allow_outside: bool = False,
    read_articles: bool = False,
    read: Callable[[Path], str] = read_text_file,
) -> LoadResult:
    """Parse text into a map and every diagnostic, without raising.

    Includes are resolved relative to ``filename``'s folder (the working folder for
    ``<string>``), and must stay inside it unless ``allow_outside``.
    """
    path = Path(filename) if not filename.startswith("<") else None
    root = path.parent if path is not None else Path.cwd()
    loader = _Loader(root, allow_outside, read)
    resolved = _resolve(path) if path is not None else None
    stack = (resolved,) if resolved is not None else ()
    loader.load_text(text, printable_path(filename), path, stack)
    return _finish(loader, read_articles)


def load_result(
    path: str | os.PathLike[str],
    *,
    allow_outside: bool = False,
    read_articles: bool = True,
    read: Callable[[Path], str] = read_text_file,
) -> LoadResult:
    """Read a map file, its includes and its sources' article files, without raising for map
    mistakes. An unreadable top file gives one ``unreadable-file`` diagnostic."""
    top = Path(path)
    name = printable_path(str(path))
    try:
        text = read(top)
    except ReadError as error:
        diagnostic = make(
            "unreadable-file",
            f"cannot read `{name}`: {error}",
            Span(name, 1, 1, 1, 1),
            hints=["give the path of a UTF-8 .arg file"],
        )
        return LoadResult(Map(files=(name,)), (diagnostic,), {}, ())
    loader = _Loader(top.parent, allow_outside, read)
    resolved = _resolve(top)
    loader.load_text(text, name, top, (resolved,) if resolved is not None else ())
    return _finish(loader, read_articles)
