"""The fuzz campaign in one command: seed the corpora, run every atheris harness for a bounded
time, keep a minimal corpus of what reached new code, and print what happened.

    python -m tests.fuzz.run                      # every target, 120 s each
    python -m tests.fuzz.run --seconds 300 parser # one target, longer
    python -m tests.fuzz.run --seed-only          # (re)write the seed files only

Corpora live in ``tests/fuzz/corpus/<target>/`` and are kept in the repository: the seeds
(``seed-*``, from the repository's maps and interchange files) and every input libFuzzer found
that reached new code, merged down (``-merge=1``) to the fewest that cover the same. A crash
is written to ``tests/fuzz/crashes/<target>-...``; copy it into
``tests/fuzz/regressions/<target>/`` and the normal test run replays it (tests/hardening/test_fuzz_bytes.py).
The summary is also written to ``tests/fuzz/last-run.json`` for docs/hardening.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = HERE / "corpus"
CRASHES = HERE / "crashes"
TARGETS = ("parser", "fastparse", "checks", "importers", "render", "quotes")

# Which byte the importers and render targets read first (see targets.py): reader or options.
_READER_BYTE = {"json": 0, "aif": 1, "argdown": 2, "argdown-json": 3, "kialo": 4}
_SEED_LIMIT = 4096  # larger files are cut: mutations of big inputs are slow and add little


def _cut(data: bytes) -> bytes:
    """The file up to ``_SEED_LIMIT`` bytes, cut before a statement (a line that starts a new one)."""
    if len(data) <= _SEED_LIMIT:
        return data
    end = _SEED_LIMIT
    while end > 0:
        end = data.rfind(b"\n", 0, end)
        if end < 0 or data[end + 1 : end + 2] not in (b" ", b"\t", b"\n", b'"'):
            break
    return data[: end + 1] if end > 0 else data[:_SEED_LIMIT]


def _maps() -> Iterator[Path]:
    for folder in ("examples", "tests/data", "tests/data/fixtures", "tests/data/golden"):
        yield from sorted(p for p in (ROOT / folder).rglob("*.arg") if p.is_file())


def _interchange() -> Iterator[tuple[str, Path]]:
    for path in sorted((ROOT / "tests/data/interchange").rglob("*")):
        if not path.is_file() or path.suffix == ".md":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".argdown":
            yield "argdown", path
        elif (path.suffix == ".txt" and "Discussion Title" in text) or "kialo" in path.name:
            yield "kialo", path
        elif path.suffix == ".json":
            if '"format": "argmap"' in text or '"format":"argmap"' in text:
                yield "json", path
            elif "locutions" in text or "edges" in text:
                yield "aif", path
            else:
                yield "argdown-json", path


def _write_seed(target: str, data: bytes) -> bool:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"seed-{hashlib.sha1(data).hexdigest()[:16]}"
    if path.exists():
        return False
    path.write_bytes(data)
    return True


def seed() -> dict[str, int]:
    """Write the seed inputs of every target from the repository's maps and interchange files."""
    added = dict.fromkeys(TARGETS, 0)
    for path in _maps():
        data = _cut(path.read_bytes())
        added["parser"] += _write_seed("parser", data)
        added["fastparse"] += _write_seed("fastparse", data)
        added["checks"] += _write_seed("checks", data)
        added["render"] += _write_seed("render", bytes([0]) + data)
        added["render"] += _write_seed("render", bytes([0x80 | 4]) + data)
    for fmt, path in _interchange():
        added["importers"] += _write_seed("importers", bytes([_READER_BYTE[fmt]]) + path.read_bytes()[:16384])
    # Quotes: an article and a passage of it, the quote starting at about the middle.
    for path in sorted((ROOT / "examples").rglob("*.txt")):
        added["quotes"] += _write_seed("quotes", bytes([128]) + path.read_bytes()[:2048])
    for text in ('{"format":"argmap","version":1,"nodes":[],"relations":[]}', '{"nodes":[],"edges":[]}'):
        for byte in _READER_BYTE.values():
            added["importers"] += _write_seed("importers", bytes([byte]) + text.encode())
    return added


_STATS = re.compile(r"stat::(\w+):\s*(\d+)")
_COVERAGE = re.compile(r"cov: (\d+) ft: (\d+)")


def run_target(target: str, seconds: int) -> dict[str, object]:
    """Fuzz one target for ``seconds``, then add what it found to its corpus."""
    corpus = CORPUS / target
    CRASHES.mkdir(exist_ok=True)
    harness = HERE / f"fuzz_{target}.py"
    dictionary = HERE / ("json.dict" if target == "importers" else "arg.dict")
    env = dict(os.environ, PYTHONHASHSEED="0")
    with tempfile.TemporaryDirectory(prefix=f"argmap-fuzz-{target}-") as scratch:
        found = Path(scratch) / "new"
        found.mkdir()
        before = len(list(corpus.iterdir()))
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                str(harness),
                str(found),
                str(corpus),
                f"-max_total_time={seconds}",
                "-max_len=8192",
                "-timeout=20",
                "-rss_limit_mb=2048",
                f"-dict={dictionary}",
                f"-artifact_prefix={CRASHES}/{target}-",
                "-print_final_stats=1",
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=False,
        )
        elapsed = time.monotonic() - started
        log = done.stdout + done.stderr
        (CRASHES / f"{target}.log").write_text(log[-200_000:])
        for new in found.iterdir():
            data = new.read_bytes()
            name = hashlib.sha1(data).hexdigest()[:16]
            if not (corpus / f"seed-{name}").exists():
                (corpus / name).write_bytes(data)
    merge(target)
    stats = {name: int(value) for name, value in _STATS.findall(log)}
    coverage = _COVERAGE.findall(log)
    crashes = sorted(p.name for p in CRASHES.glob(f"{target}-*"))
    return {
        "target": target,
        "seconds": round(elapsed),
        "executions": stats.get("number_of_executed_units", 0),
        "coverage": int(coverage[-1][0]) if coverage else 0,
        "features": int(coverage[-1][1]) if coverage else 0,
        "corpus_before": before,
        "corpus_after": len(list(corpus.iterdir())),
        "exit": done.returncode,
        "crashes": crashes,
    }


def merge(target: str) -> None:
    """Keep the corpus minimal: the seeds, and the fewest other inputs that cover what all do."""
    corpus = CORPUS / target
    env = dict(os.environ)
    # libFuzzer re-runs the harness by its path for -merge: the shebang must find this Python.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    with tempfile.TemporaryDirectory(prefix=f"argmap-merge-{target}-") as scratch:
        merged = Path(scratch)
        done = subprocess.run(
            [str(HERE / f"fuzz_{target}.py"), "-merge=1", str(merged), str(corpus), "-max_len=8192"],
            capture_output=True,
            cwd=ROOT,
            env=env,
            check=False,
        )
        if done.returncode != 0 or not any(merged.iterdir()):
            return  # keep the corpus as it is rather than lose it
        for old in corpus.iterdir():
            if not old.name.startswith("seed-"):
                old.unlink()
        for kept in merged.iterdir():
            data = kept.read_bytes()
            name = hashlib.sha1(data).hexdigest()[:16]
            if not (corpus / f"seed-{name}").exists():
                (corpus / name).write_bytes(data)


def main(argv: list[str] | None = None) -> int:
    """Seed, fuzz every chosen target, print and save the summary; exit 1 when anything crashed."""
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=f"some of: {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--seconds", type=int, default=120, help="how long each target runs (120)")
    parser.add_argument("--seed-only", action="store_true", help="write the seed files and stop")
    args = parser.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target {unknown[0]!r}: choose from {', '.join(TARGETS)}")
    try:
        import atheris  # noqa: F401 - only to say clearly that it is missing
    except ImportError:
        sys.stderr.write("atheris is not installed: pip install -e '.[fuzz]' (or pip install atheris)\n")
        return 2
    added = seed()
    print("seeds added:", ", ".join(f"{t} {n}" for t, n in added.items()))
    if args.seed_only:
        return 0
    results = []
    for target in args.targets or TARGETS:
        print(f"fuzzing {target} for {args.seconds} s ...", flush=True)
        result = run_target(target, args.seconds)
        results.append(result)
        print(
            f"  {result['executions']} executions in {result['seconds']} s, coverage {result['coverage']}, "
            f"corpus {result['corpus_before']} -> {result['corpus_after']}, crashes: {result['crashes'] or 'none'}"
        )
    record = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "results": results}
    (HERE / "last-run.json").write_text(json.dumps(record, indent=2) + "\n")
    return 1 if any(r["crashes"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
