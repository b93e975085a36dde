"""Writing output files atomically: a temporary file beside the target, then a rename.

A failure half-way leaves the old file exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from argmap.errors import EXIT_DIAGNOSTICS, EXIT_UNREADABLE, EXIT_USAGE, CommandError

__all__ = ["MAX_OUTPUT_BYTES", "STDOUT", "make_folder", "refuse_inputs", "write_atomic", "write_output"]

#: No output is larger than this: a bigger one fails with a message before anything is written.
MAX_OUTPUT_BYTES = 512 * 1024 * 1024
#: The output name that means standard output.
STDOUT = "-"


def _payload(data: str | bytes) -> bytes:
    try:
        payload = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError as error:
        bad = f"U+{ord(error.object[error.start]):04X}"
        raise CommandError(
            f"the output holds {bad}, a lone surrogate that UTF-8 cannot store; nothing was written",
            hint="the input carries text that is not valid Unicode: fix it there",
            exit_code=EXIT_DIAGNOSTICS,
        ) from None
    if len(payload) > MAX_OUTPUT_BYTES:
        raise CommandError(
            f"the output would be {len(payload) / 2**20:,.0f} MiB, over argmap's limit of "
            f"{MAX_OUTPUT_BYTES // 2**20} MiB; nothing was written",
            hint="split the map into smaller maps (include them from one file), or draw a part of it",
            exit_code=EXIT_UNREADABLE,
        )
    return payload


def make_folder(folder: Path, name: str, option: str) -> None:
    """Create ``folder`` (and its parents) for a command's outputs; ``CommandError`` (exit 3)
    naming it as ``name`` and the ``option`` that chose it when that is not possible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(
            f"cannot create {name} `{folder}`: {error.strerror or error}",
            hint=f"give a folder you can write to with {option}",
            exit_code=EXIT_UNREADABLE,
        ) from None


def refuse_inputs(output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """``CommandError`` (usage, exit 2) when ``output`` is one of ``inputs`` (a map, a file it
    includes, an article): no command writes over what it reads, except ``fmt`` on purpose."""
    if str(output) == STDOUT:
        return
    target = Path(output)
    try:
        real = target.resolve()
    except (OSError, RuntimeError, ValueError):
        return  # a loop of links or a NUL: writing will say so
    for given in inputs:
        try:
            same = Path(given).resolve() == real or (target.exists() and os.path.samefile(given, target))
        except (OSError, RuntimeError, ValueError):
            continue
        if same:
            from argmap.analysis.loading import printable_path  # only on refusal: files.py stays light

            raise CommandError(
                f"refusing to write over `{printable_path(str(output))}`: it is an input of this command",
                hint="name another output file (only `argmap fmt` rewrites a map in place)",
                exit_code=EXIT_USAGE,
            )


def write_output(
    path: str | os.PathLike[str], data: str | bytes, *, inputs: Iterable[str | os.PathLike[str]] = ()
) -> None:
    """Write a command's output: to standard output for ``-``, else atomically to the file,
    never over one of ``inputs``, never more than ``MAX_OUTPUT_BYTES``."""
    refuse_inputs(path, inputs)
    if str(path) == STDOUT:
        payload = _payload(data)
        sys.stdout.flush()
        stream = getattr(sys.stdout, "buffer", None)
        try:
            if stream is None:  # a text-only stand-in (a test's capture)
                sys.stdout.write(payload.decode("utf-8", "replace"))
                sys.stdout.flush()
            else:
                stream.write(payload)
                stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise CommandError(
                f"cannot write to standard output: {error.strerror or error}",
                hint="check the disk, or write to a file with -o",
                exit_code=EXIT_UNREADABLE,
            ) from None
        return
    write_atomic(path, data)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace ``path`` with ``data`` all at once; ``CommandError`` when it cannot be written.

    A symbolic link is followed: the file it points to is replaced and the link stays a link
    (``fmt link.arg`` formats the real file).
    """
    target = Path(path)
    if target.is_symlink():
        with contextlib.suppress(OSError, RuntimeError):
            target = target.resolve(strict=True)
    payload = _payload(data)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise CommandError(
            f"cannot write `{target}`: it is a folder", hint="name a file to write", exit_code=EXIT_UNREADABLE
        )
    if not folder.is_dir():
        raise CommandError(
            f"cannot write `{target}`: folder `{folder}` does not exist",
            hint="create the folder first",
            exit_code=EXIT_UNREADABLE,
        )
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise CommandError(
            f"cannot write into `{folder}`: {error.strerror}",
            hint="check the folder's permissions",
            exit_code=EXIT_UNREADABLE,
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp_name, target.stat().st_mode & 0o7777 if target.exists() else 0o644)
        os.replace(temp_name, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise CommandError(
            f"cannot write `{target}`: {error.strerror}",
            hint="check the disk and the folder's permissions",
            exit_code=EXIT_UNREADABLE,
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
