"""Start-up is a measured feature: commands import only what they need.

Each case runs the command line in a fresh interpreter and lists the heavy modules it loaded.
``argmap --version`` must load none of them; ``argmap check`` needs the parser and the grounded
evaluation (``unresolved-contradiction`` asks it), but never Graphviz, networkx, the renderer,
the exchange formats, the SAT solver or the classroom outputs.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "graphviz",
    "networkx",
    "argmap.diagram",
    "argmap.formats",
    "argmap.analysis.solver",
    "argmap.classroom",
)

_PROBE = """
import contextlib, io, json, sys
from argmap.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

MAP = """\
claim C1 "Cities should build more bike lanes."
premise P1 "Bike lanes cut traffic injuries."
rebuttal R1 "Bike lanes slow down buses."
P1 supports C1
R1 attacks C1
"""


def _loaded(*argv: str, cwd: Path) -> tuple[int, set[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, *argv], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return int(out["code"]), set(out["modules"])


#: What a command may load of a heavy package: the package's lazy ``__init__`` and its leaf
#: list of formats, themes and directions (the choices ``--help`` offers).
LIGHT = frozenset({"argmap.diagram", "argmap.diagram.formats", "argmap.formats", "argmap.formats.registry"})


def _heavy(modules: set[str], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m not in LIGHT and any(m == f or m.startswith(f + ".") for f in forbidden))


def test_version_loads_nothing_heavy(tmp_path: Path) -> None:
    code, modules = _loaded("--version", cwd=tmp_path)
    assert code == 0
    assert _heavy(modules, (*HEAVY, "lark", "argmap.analysis.semantics", "argmap.analysis.checks")) == []


def test_version_loads_only_the_command_line(tmp_path: Path) -> None:
    # argmap/__init__.py re-exports lazily (PEP 562), so the version needs no library code.
    _, modules = _loaded("--version", cwd=tmp_path)
    assert _heavy(modules, ("argmap.analysis.loading", "argmap.model", "attrs", "attr")) == []


def test_check_loads_no_renderer_exporter_or_solver(tmp_path: Path) -> None:
    (tmp_path / "small.arg").write_text(MAP, encoding="utf-8")
    code, modules = _loaded("check", "small.arg", cwd=tmp_path)
    assert code == 0
    assert "argmap.analysis.checks" in modules  # the probe really ran the checks
    assert _heavy(modules, HEAVY) == []
