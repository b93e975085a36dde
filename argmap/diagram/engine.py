"""Running a layout engine: the one subprocess call of rendering.

``system`` is Graphviz's ``dot`` on PATH; ``bundled`` is the ``graphviz-pure`` program the
graphviz-pure package installs beside the Python interpreter (a dot-compatible port, so
``pip install argmap`` renders without Graphviz); ``auto`` takes the system one when present.
Every failure is a typed ``EngineError`` (not found, failed with its stderr, timed out) with a
one-line message and a hint naming what to install; the command line maps them to exit code 4.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from argmap.diagram.formats import ENGINE_FORMATS
from argmap.errors import EngineFailedError, EngineNotFoundError, EngineTimeoutError, UsageError

__all__ = ["ENGINES", "find_engine", "run_engine"]

ENGINES = ("auto", "system", "bundled")
#: What graphviz-pure 0.2 can write (``-T?``): no PDF, no PostScript.
_BUNDLED_FORMATS = frozenset({"svg", "png", "dot"})
_BUNDLED = "graphviz-pure"
_SYSTEM = "dot"

_INSTALL_GRAPHVIZ = "install Graphviz (Debian/Ubuntu: apt install graphviz; macOS: brew install graphviz)"
_INSTALL_BUNDLED = "pip install graphviz-pure (argmap depends on it; reinstall argmap)"


def _bundled_dirs() -> list[Path]:
    """Folders where pip puts console programs for this interpreter, nearest first."""
    dirs = [Path(sys.executable).parent]
    scripts = sysconfig.get_path("scripts")
    if scripts:
        dirs.append(Path(scripts))
    return list(dict.fromkeys(dirs))


def _find_bundled() -> str | None:
    names = [_BUNDLED + ".exe", _BUNDLED] if os.name == "nt" else [_BUNDLED]
    for folder in _bundled_dirs():
        for name in names:
            candidate = folder / name
            if candidate.is_file() and os.access(candidate, os.X_OK):
                return str(candidate)
    return shutil.which(_BUNDLED)


def find_engine(engine: str = "auto") -> tuple[str, str]:
    """``(kind, program path)`` of the engine to run; ``EngineNotFoundError`` when missing."""
    if engine not in ENGINES:
        raise UsageError(f"unknown engine `{engine}`", hint=f"choose one of: {', '.join(ENGINES)}")
    if engine in ("auto", "system"):
        found = shutil.which(_SYSTEM)
        if found is not None:
            return "system", found
        if engine == "system":
            raise EngineNotFoundError(
                "Graphviz `dot` is not installed (not found on PATH)",
                hint=f"{_INSTALL_GRAPHVIZ}, or use --engine bundled",
            )
    bundled = _find_bundled()
    if bundled is not None:
        return "bundled", bundled
    if engine == "bundled":
        raise EngineNotFoundError(
            "the bundled engine `graphviz-pure` is not installed",
            hint=f"{_INSTALL_BUNDLED}, or {_INSTALL_GRAPHVIZ} and use --engine system",
        )
    raise EngineNotFoundError(
        "no Graphviz engine found: neither `dot` on PATH nor the bundled `graphviz-pure`",
        hint=f"{_INSTALL_BUNDLED}, or {_INSTALL_GRAPHVIZ}",
    )


def _summary(stderr: bytes) -> str:
    """The one line of an engine's complaint worth showing: the first error, else the first line."""
    lines = [" ".join(line.split()) for line in stderr.decode("utf-8", "replace").splitlines()]
    lines = [line for line in lines if line]
    errors = [line for line in lines if "error" in line.lower()]
    chosen = (errors or lines or ["no message"])[0]
    return chosen if len(chosen) <= 200 else chosen[:197] + "..."


def run_engine(dot: str, fmt: str, *, engine: str = "auto", timeout: float = 60.0) -> bytes:
    """Lay out DOT text and return the ``fmt`` output (svg, png, pdf, dot) as bytes."""
    if fmt not in ENGINE_FORMATS:
        raise UsageError(f"unknown output format `{fmt}`", hint=f"choose one of: {', '.join(ENGINE_FORMATS)}")
    kind, program = find_engine(engine)
    label = "Graphviz `dot`" if kind == "system" else "the bundled engine `graphviz-pure`"
    if kind == "bundled" and fmt not in _BUNDLED_FORMATS:
        raise EngineNotFoundError(
            f"{label} cannot write {fmt.upper()} (it writes {', '.join(sorted(_BUNDLED_FORMATS))})",
            hint=f"{_INSTALL_GRAPHVIZ} and use --engine system, or write SVG or PNG",
        )
    try:
        # The DOT text is the only input; no -G/-N/-E options, nothing from the map on the command line.
        done = subprocess.run(
            [program, f"-T{fmt}"],
            input=dot.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:  # subprocess.run has already killed the process
        raise EngineTimeoutError(
            f"{label} did not finish within {timeout:g} s and was stopped",
            hint="allow more time with --timeout SECONDS, or render a smaller map",
        ) from None
    except OSError as error:
        raise EngineNotFoundError(
            f"cannot run {label} ({program}): {error.strerror or error}",
            hint=_INSTALL_GRAPHVIZ if kind == "system" else _INSTALL_BUNDLED,
        ) from None
    if done.returncode != 0 or not done.stdout:
        message = _summary(done.stderr)
        if "not recognized" in message:
            raise EngineFailedError(
                f"{label} cannot write {fmt.upper()}: {message}",
                hint="write SVG or PNG, or install a Graphviz build with that format",
                stderr=done.stderr.decode("utf-8", "replace"),
            )
        raise EngineFailedError(
            f"{label} failed (exit {done.returncode}): {message}",
            hint="rerun with --format dot and report the file: argmap should never write DOT an engine rejects",
            stderr=done.stderr.decode("utf-8", "replace"),
        )
    return done.stdout
