"""What the pinned Argdown command line reads from each document of the Argdown corpus.

``python -m tests.argdown.corpus_golden`` (from the repository root, after ``npm ci`` in
tests/argdown) runs ``argdown json`` once over tests/data/interchange/argdown_corpus/ and
writes its readings there under ``cli/``: ``NAME.json`` for each document it accepts, and
``rejected.tsv`` naming each document it rejects with its first syntax error, plus
``VERSION`` (the CLI's version). tests/formats/test_argdown_corpus.py compares argmap against these
files on every run, and regenerates them into a temporary folder to compare when the CLI is
installed. ``--check`` compares instead of writing (exit 1 on a difference).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "interchange" / "argdown_corpus"
CLI = ROOT / "tests" / "argdown" / "node_modules" / ".bin" / "argdown"
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
_ERRORS = re.compile(
    r"Argdown syntax errors in (?P<file>.*?): [0-9]+\s*(?P<where>At [0-9]+:[0-9]+)\s*(?P<message>[^\n]*)"
)


def readings(cli: Path = CLI) -> dict[str, str]:
    """Every file of ``cli/`` as the CLI would write it now, by name (text)."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for source in sorted(CORPUS.glob("*.argdown")):
            shutil.copyfile(source, work / source.name)  # bytes as they are (one has CRLF)
        done = subprocess.run(
            [str(cli), "json", "*.argdown", "out"], cwd=work, capture_output=True, text=True, timeout=600
        )
        log = _COLOUR.sub("", done.stdout + done.stderr)
        rejected = {Path(m["file"]).name: f"{m['where']}\t{m['message'].strip()}" for m in _ERRORS.finditer(log)}
        out = {"VERSION": subprocess.run([str(cli), "--version"], capture_output=True, text=True).stdout}
        for source in sorted(CORPUS.glob("*.argdown")):
            written = work / "out" / (source.stem + ".json")
            if source.name in rejected:
                continue
            if not written.exists():  # refused without a syntax error (say bad YAML data): ask alone
                rejected[source.name] = f"At 0:0\t{_alone(cli, work, source.name)}"
                continue
            out[source.stem + ".json"] = written.read_text(encoding="utf-8")
        out["rejected.tsv"] = "".join(f"{name}\t{why}\n" for name, why in sorted(rejected.items()))
        return out


def _alone(cli: Path, work: Path, name: str) -> str:
    """The first line the CLI prints about one document it refuses (its plugin noise skipped)."""
    done = subprocess.run([str(cli), "json", name, "alone"], cwd=work, capture_output=True, text=True, timeout=120)
    lines = [line.strip() for line in _COLOUR.sub("", done.stdout + done.stderr).splitlines()]
    useful = [line for line in lines if line and not line.startswith(("at ", "TypeError: createArgdownPlugin"))]
    return useful[0] if useful else "(no message)"


def main(argv: list[str]) -> int:
    target = CORPUS / "cli"
    found = readings()
    if "--check" in argv:
        stale = [name for name, text in found.items() if (target / name).read_text(encoding="utf-8") != text]
        print("\n".join(stale) or "the committed readings are current")
        return 1 if stale else 0
    if target.exists():
        shutil.rmtree(target)
    target.mkdir()
    for name, text in found.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"{len(found) - 2} accepted, {found['rejected.tsv'].count(chr(10))} rejected; CLI {found['VERSION'].strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
