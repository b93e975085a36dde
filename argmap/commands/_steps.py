"""Writing a step-by-step reveal (``render --steps``): the frames and the page into a folder.

``argmap.classroom.steps.draw_steps`` draws everything first; only then is anything written, so a
failure half-way (a timeout, a frame that cannot be drawn) leaves the folder as it was.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from argmap.classroom.steps import FRAME_FORMATS, draw_steps
from argmap.commands.files import make_folder, refuse_inputs, write_atomic
from argmap.errors import EXIT_UNREADABLE, EXIT_USAGE, CommandError

# Not `typing.TYPE_CHECKING`: building the command line must not pay for importing typing.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from argmap.diagram import RenderOptions
    from argmap.model import Map

__all__ = ["render_steps"]

_OLD_FRAME = re.compile(r"step-(\d+)\.(svg|png|pdf|dot)")


def render_steps(
    m: Map,
    options: RenderOptions,
    out_dir: Path,
    fmt: str,
    *,
    engine: str = "auto",
    timeout: float = 60.0,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> list[Path]:
    """Write one frame per step (``step-01.<fmt>``…) and ``steps.html`` into ``out_dir``.

    Frames from an earlier, longer run (``step-NN.<fmt>`` beyond the new count) are removed, so
    the folder always holds exactly one reveal; no file written may be one of ``inputs``.
    Returns the paths written, the page last.
    """
    if fmt not in FRAME_FORMATS:
        raise CommandError(
            f"cannot write step frames as `{fmt}`",
            hint=f"choose one of: {', '.join(FRAME_FORMATS)} (steps.html is always written beside the frames)",
            exit_code=EXIT_USAGE,
        )
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise CommandError(
            f"cannot create folder `{out_dir}`: it is a file",
            hint="give a folder you can write to with -o",
            exit_code=EXIT_UNREADABLE,
        )
    files = draw_steps(m, options, fmt, engine=engine, timeout=timeout)
    inputs = list(inputs)
    for name, _ in files:
        refuse_inputs(out_dir / name, inputs)
    make_folder(out_dir, "folder", "-o")
    written: list[Path] = []
    for name, data in files[:-1]:
        write_atomic(out_dir / name, data)
        written.append(out_dir / name)
    _remove_stale_frames(out_dir, fmt, {p.name for p in written})
    page_name, page = files[-1]
    write_atomic(out_dir / page_name, page)
    written.append(out_dir / page_name)
    return written


def _remove_stale_frames(out_dir: Path, fmt: str, keep: set[str]) -> None:
    for old in out_dir.iterdir():
        match = _OLD_FRAME.fullmatch(old.name)
        if match and match.group(2) == fmt and old.name not in keep and old.is_file():
            try:
                old.unlink()
            except OSError as error:
                raise CommandError(
                    f"cannot remove the old frame `{old}`: {error.strerror or error}",
                    hint="delete it by hand or choose another folder",
                    exit_code=EXIT_UNREADABLE,
                ) from None
