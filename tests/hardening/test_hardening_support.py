"""Helpers shared by the hardening tests (no tests here): run the command line, judge its output.

Two ways to run argmap: ``cli`` calls ``argmap.cli.main`` in this process (fast; output captured
by pytest's ``capsys``), ``run_argmap`` starts the installed program in a child process with a
wall-clock timeout and an address-space limit, for the inputs whose point is "finishes in bounded
time and memory".
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

from argmap.cli import main

#: Every documented exit code; 70 (internal error) is documented but is a bug for bad input.
DOCUMENTED_EXITS = frozenset({0, 1, 2, 3, 4})

#: A located diagnostic line: ``file:line:col: error[AM001] name: message``.
LOCATED = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|note)\b")

# The other lines argmap may print on stderr: a command or usage error, a hint, an excerpt under a
# diagnostic (full style), a note (what was left out or cut short), the summary of check, and what
# fmt says about the files it touched.
_OTHER_LINES = re.compile(
    r"^(argmap( [a-z]+)?: (error|note): .+"
    r"|\s*= (hint|note): .+"
    r"|\s*\d*\s*\|.*"
    r"|\d+ errors?, \d+ warnings?"
    r"|\d+ errors?: .+"
    r"|reformatted .+|would reformat .+"
    r"|argmap: .+ left unchanged: .+)$"
)

#: No line of a message may be longer than this: a map's 10 MB string must not be echoed back.
MAX_LINE = 2000

#: Wall-clock limit for one child process run on a big input (generous: the machine is shared).
BIG_TIMEOUT = 120.0
#: Address-space limit of a child process (bytes): far above what a bounded run needs.
MEMORY_LIMIT = 3 * 1024**3


@attrs.frozen
class Outcome:
    """What one run of argmap did."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        return self.out + self.err


def write(folder: Path, name: str, data: str | bytes) -> Path:
    """Write ``data`` to ``folder / name`` exactly (no newline translation), making its folders."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> Outcome:
    """Run ``argmap argv...`` in this process and capture what it printed."""
    capsys.readouterr()
    code = main(list(argv))
    captured = capsys.readouterr()
    return Outcome(code, captured.out, captured.err)


def argmap_command() -> list[str]:
    """The installed ``argmap`` program (beside this interpreter), else ``python -m argmap``."""
    beside = Path(sys.executable).parent / "argmap"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("argmap")
    return [found] if found else [sys.executable, "-m", "argmap"]


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_argmap(
    argv: Sequence[str],
    *,
    timeout: float = BIG_TIMEOUT,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> Outcome:
    """Run the installed ``argmap`` in a child process, bounded in time and address space."""
    environment = dict(os.environ if env is None else env)
    environment.pop("ARGMAP_DEBUG", None)
    done = subprocess.run(
        [*argmap_command(), *argv],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
        env=environment,
        preexec_fn=_limit_memory if os.name == "posix" else None,
        check=False,
    )
    return Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))


def assert_tidy(outcome: Outcome, *, codes: frozenset[int] = DOCUMENTED_EXITS) -> None:
    """No traceback, no internal error, a documented exit code, and every stderr line is one of
    the shapes argmap prints (a located diagnostic, an error, a hint, a summary), none huge."""
    assert "Traceback" not in outcome.text, outcome.text[-3000:]
    assert "internal error" not in outcome.text, outcome.text[-3000:]
    assert outcome.code in codes, (outcome.code, outcome.text[-3000:])
    for line in outcome.err.splitlines():
        assert len(line) <= MAX_LINE, line[:300]
        assert LOCATED.match(line) or _OTHER_LINES.match(line), f"unexpected stderr line: {line[:300]!r}"
    for line in outcome.out.splitlines():
        assert len(line) <= MAX_LINE, line[:300]


def assert_lines_shaped(text: str) -> None:
    """Every line is a located diagnostic, a command error, a hint or a summary (short style)."""
    for line in text.splitlines():
        assert LOCATED.match(line) or _OTHER_LINES.match(line), f"unexpected line: {line[:300]!r}"


def located(outcome: Outcome) -> list[re.Match[str]]:
    """The located diagnostic lines of a run (stdout of ``check``, stderr of the others)."""
    found = []
    for line in outcome.text.splitlines():
        match = LOCATED.match(line)
        if match:
            found.append(match)
    return found


def codes_of(outcome: Outcome) -> list[str]:
    """The diagnostic names (``syntax-error``...) a run reported, in order."""
    return re.findall(r"(?:error|warning|note)\[AM\d+\] ([a-z-]+):", outcome.text)
