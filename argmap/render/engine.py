"""Running a layout engine: the one subprocess call of rendering.

``system`` is Graphviz's ``dot`` on PATH; ``bundled`` is the ``graphviz-pure`` program the
graphviz-pure package installs beside the Python interpreter (a dot-compatible port, so
``pip install argmap`` renders without Graphviz); ``auto`` takes the system one when present.
Every failure becomes a one-line ``CommandError`` with exit code 4 and a hint naming what to
install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from argmap.errors import EXIT_ENVIRONMENT, EXIT_USAGE, CommandError

__all__ = ["ENGINES", "FORMATS", "find_engine", "run_engine"]

ENGINES = ("auto", "system", "bundled")
#: Formats argmap asks an engine for; ``dot`` is the engine's laid-out DOT.
FORMATS = ("svg", "png", "pdf", "dot")
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
    """``(kind, program path)`` of the engine to run; ``CommandError`` (exit 4) when missing."""
    if engine not in ENGINES:
        raise CommandError(
            f"unknown engine `{engine}`", hint=f"choose one of: {', '.join(ENGINES)}", exit_code=EXIT_USAGE
        )
    if engine in ("auto", "system"):
        found = shutil.which(_SYSTEM)
        if found is not None:
            return "system", found
        if engine == "system":
            raise CommandError(
                "Graphviz `dot` is not installed (not found on PATH)",
                hint=f"{_INSTALL_GRAPHVIZ}, or use --engine bundled",
                exit_code=EXIT_ENVIRONMENT,
            )
    bundled = _find_bundled()
    if bundled is not None:
        return "bundled", bundled
    if engine == "bundled":
        raise CommandError(
            "the bundled engine `graphviz-pure` is not installed",
            hint=f"{_INSTALL_BUNDLED}, or {_INSTALL_GRAPHVIZ} and use --engine system",
            exit_code=EXIT_ENVIRONMENT,
        )
    raise CommandError(
        "no Graphviz engine found: neither `dot` on PATH nor the bundled `graphviz-pure`",
        hint=f"{_INSTALL_BUNDLED}, or {_INSTALL_GRAPHVIZ}",
        exit_code=EXIT_ENVIRONMENT,
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
    if fmt not in FORMATS:
        raise CommandError(
            f"unknown output format `{fmt}`", hint=f"choose one of: {', '.join(FORMATS)}", exit_code=EXIT_USAGE
        )
    kind, program = find_engine(engine)
    label = "Graphviz `dot`" if kind == "system" else "the bundled engine `graphviz-pure`"
    if kind == "bundled" and fmt not in _BUNDLED_FORMATS:
        raise CommandError(
            f"{label} cannot write {fmt.upper()} (it writes {', '.join(sorted(_BUNDLED_FORMATS))})",
            hint=f"{_INSTALL_GRAPHVIZ} and use --engine system, or write SVG or PNG",
            exit_code=EXIT_ENVIRONMENT,
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
        raise CommandError(
            f"{label} did not finish within {timeout:g} s and was stopped",
            hint="allow more time with --timeout SECONDS, or render a smaller map",
            exit_code=EXIT_ENVIRONMENT,
        ) from None
    except OSError as error:
        raise CommandError(
            f"cannot run {label} ({program}): {error.strerror or error}",
            hint=_INSTALL_GRAPHVIZ if kind == "system" else _INSTALL_BUNDLED,
            exit_code=EXIT_ENVIRONMENT,
        ) from None
    if done.returncode != 0 or not done.stdout:
        message = _summary(done.stderr)
        if "not recognized" in message:
            raise CommandError(
                f"{label} cannot write {fmt.upper()}: {message}",
                hint="write SVG or PNG, or install a Graphviz build with that format",
                exit_code=EXIT_ENVIRONMENT,
            )
        raise CommandError(
            f"{label} failed (exit {done.returncode}): {message}",
            hint="rerun with --format dot and report the file: argmap should never write DOT an engine rejects",
            exit_code=EXIT_ENVIRONMENT,
        )
    return done.stdout
