"""Writing output files atomically: a temporary file beside the target, then a rename.

A failure half-way leaves the old file exactly as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from argmap.errors import EXIT_UNREADABLE, CommandError

__all__ = ["write_atomic"]


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Replace ``path`` with ``data`` all at once; ``CommandError`` when it cannot be written."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
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
