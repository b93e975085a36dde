"""argmap's benchmark: argmap against the Argdown command line and python-argumentation.

One command: ``python bench/run.py`` (or ``make bench``). It installs the peers inside
``bench/`` when they are missing (``npm ci`` in ``bench/peers`` for ``@argdown/cli``; a venv in
``bench/venv`` for ``python-argumentation``; neither is ever a dependency of argmap), writes the
synthetic maps into ``bench/data``, then times, in one run, alternating the tools and taking the
median of several repetitions:

* ``argmap check`` / ``evaluate`` / ``render --format dot`` against Argdown's ``json`` and
  ``map --format dot`` on the same map, with each process's peak memory;
* start-up: ``argmap --version`` against a bare ``python -c pass``, and a 200-node ``check``
  against the same command at ``BASELINE`` (the code before the second round);
* ``argmap render`` of the 200-node map against ``dot`` alone on the DOT it produces, and at
  20,000 nodes argmap's share against ``dot`` alone;
* argmap's stages (parse, load, checks, grounded) against the parsing floor (one regular
  expression pass over the same file);
* many files: ``check`` (and ``compare`` when it takes many students) over 1,000 small maps on
  every core against one after another;
* grounded, preferred and stable evaluation against python-argumentation on the same random
  frameworks, and grounded against the textbook queue algorithm in the same process.

Every target of the performance issues is a row of the "Targets" table, with its status.
It prints Markdown tables (pasted into docs/performance.md) and writes them with the raw numbers
to ``bench/data/results.md`` and ``results.json``. ``--full`` adds the 20,000 and 100,000 node
maps and the 1,000,000-argument grounded run; without it a run takes a few minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
PEERS = BENCH / "peers"
VENV = BENCH / "venv"
DATA = BENCH / "data"
ARGDOWN_JS = PEERS / "node_modules" / "@argdown" / "cli" / "dist" / "cli.js"

sys.path.insert(0, str(ROOT))

from bench.generate import data_folder  # noqa: E402 - needs the path set above

#: Node's stack (in KiB) for the Argdown runs that overflow the default one; the process's
#: stack limit is lifted to match (``ulimit -s unlimited``), or Node would crash instead.
BIG_STACK_KB = 65500
#: From this many nodes on, Argdown is timed with the big stack (its default overflows).
BIG_STACK_FROM = 100_000
QUICK_SIZES = (200, 2_000)
FULL_SIZES = (200, 2_000, 20_000, 100_000)


# -- running a process -----------------------------------------------------------------------


@dataclass
class Sample:
    """One run of one command: wall-clock seconds, peak resident memory, exit code."""

    seconds: float
    max_rss_kb: int
    code: int
    error: str = ""
    #: CPU seconds (user + system) of the command and everything it waited for: less
    #: sensitive to the machine's load than the wall clock (Node's helper threads included).
    cpu: float = 0.0


def _lift_stack() -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_STACK)
    resource.setrlimit(resource.RLIMIT_STACK, (hard, hard))


#: GNU time measures a command's peak memory from a tiny parent. ``wait4`` from this runner
#: would not do: Linux keeps a forked child's high-water mark across ``exec``, so every child
#: would report at least the runner's own size.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None


def run_once(argv: Sequence[str], cwd: Path, timeout: float, big_stack: bool = False) -> Sample:
    """Run a command once: wall-clock time, its own peak memory, exit code, first error line."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as mem:
        full = [GNU_TIME, "-f", "%M", "-o", mem.name, *argv] if GNU_TIME else list(argv)
        start = time.perf_counter()
        proc = subprocess.Popen(
            full,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=_lift_stack if big_stack else None,
            start_new_session=True,  # so the time limit stops the command, not only its parent
        )

        def stop() -> None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 9)

        timer = threading.Timer(timeout, stop)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if GNU_TIME and code > 128 and seconds < timeout:
            code = -(code - 128)  # GNU time reports a signal as 128 + its number
        max_rss = usage.ru_maxrss
        if GNU_TIME:
            numbers = [ln.strip() for ln in mem.read().splitlines() if ln.strip().isdigit()]
            max_rss = int(numbers[-1]) if numbers else 0
        message = ""
        if code != 0:
            err.seek(0)
            lines = [ln.strip() for ln in err.read().decode("utf-8", "replace").splitlines() if ln.strip()]
            # The most telling line first: a crash, then any error (Argdown prints a harmless
            # TypeError about its markdown plugin before every run).
            # On a stack too small for a big map it fails with that warning alone: then say so.
            lines = [ln for ln in lines if not ln.startswith("at ")]  # no stack frames
            wanted = [ln for ln in lines if re.search(r"RangeError|exceeded|Killed|out of memory", ln)]
            wanted += [ln for ln in lines if re.search(r"Error|error", ln) and "createArgdownPlugin" not in ln]
            wanted += [ln for ln in lines if "createArgdownPlugin" not in ln]
            silent = "no error message" + (" (only Argdown's plugin warning)" if lines else "")
            message = (wanted or ["killed after the time limit" if code < 0 else silent])[0][:160]
            if code < 0 and seconds >= timeout:
                message = f"killed after the {timeout:.0f} s time limit"
    return Sample(seconds, max_rss, code, message, usage.ru_utime + usage.ru_stime)


@dataclass
class Command:
    """A named command and where to run it."""

    name: str
    argv: list[str]
    cwd: Path
    big_stack: bool = False
    samples: list[Sample] = field(default_factory=list)

    @property
    def cpu_median(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    @property
    def median(self) -> float:
        return statistics.median(s.seconds for s in self.samples)

    @property
    def peak_mb(self) -> float:
        return max(s.max_rss_kb for s in self.samples) / 1024

    @property
    def failed(self) -> Sample | None:
        return next((s for s in self.samples if s.code != 0), None)


def alternate(commands: Sequence[Command], reps: int, timeout: float, log: Callable[[str], None]) -> None:
    """Run every command ``reps`` times, interleaved and in a rotating order, so that a change
    in the machine's load hits all of them alike."""
    for rep in range(reps):
        order = list(commands[rep % len(commands) :]) + list(commands[: rep % len(commands)])
        for command in order:
            sample = run_once(command.argv, command.cwd, timeout, command.big_stack)
            command.samples.append(sample)
            note = f" exit {sample.code}: {sample.error}" if sample.code else ""
            log(f"  {command.name}: {sample.seconds:.3f} s, {sample.max_rss_kb / 1024:.0f} MB{note}")


# -- the tools -------------------------------------------------------------------------------


@dataclass
class Tools:
    """Where every program lives, and which argmap commands exist in this checkout."""

    argmap: str
    python: str  # argmap's interpreter
    node: str | None
    dot: str | None
    pyarg_python: str | None
    argmap_commands: set[str]
    render_help: str


def compile_bytecode(tools: Tools, package: Path, log: Callable[[str], None]) -> None:
    """Write the package's bytecode (``__pycache__``) before timing it, as ``pip install`` does
    for a user: with ``PYTHONDONTWRITEBYTECODE`` set (as in some shells and CI images) every run
    would otherwise compile every module from source again, 0.1 s or more on each start."""
    proc = subprocess.run([tools.python, "-m", "compileall", "-q", str(package)], capture_output=True, check=False)
    if proc.returncode != 0:
        log(f"compileall {package}: {proc.stderr.decode(errors='replace')[-200:]}")


def _script_python(script: str) -> str:
    first = Path(script).read_text(encoding="utf-8", errors="replace").splitlines()[0]
    return first[2:].strip() if first.startswith("#!") and "python" in first else sys.executable


def _has_command(argmap: str, name: str) -> tuple[bool, str]:
    proc = subprocess.run([argmap, name, "--help"], capture_output=True, text=True, check=False)
    return proc.returncode == 0, proc.stdout


def find_tools(log: Callable[[str], None], install: bool) -> Tools:
    """Locate argmap and install the peers inside bench/ when they are missing."""
    candidate = ROOT / ".venv" / "bin" / "argmap"
    argmap = str(candidate) if candidate.exists() else shutil.which("argmap")
    if argmap is None:
        raise SystemExit("bench: argmap is not installed; run `make demo` or `pip install -e .` first")
    commands = set()
    render_help = ""
    for name in ("check", "evaluate", "render"):
        ok, text = _has_command(argmap, name)
        if ok:
            commands.add(name)
            if name == "render":
                render_help = text
    node = shutil.which("node")
    if install and node and not ARGDOWN_JS.exists():
        npm = shutil.which("npm")
        if npm:
            log("installing @argdown/cli into bench/peers (npm ci)")
            subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=PEERS, check=True)
    pyarg_python = VENV / "bin" / "python"
    if install and not _imports(pyarg_python, "py_arg"):
        log("installing python-argumentation into bench/venv")
        if not pyarg_python.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(pyarg_python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, "-r", str(BENCH / "requirements-peers.txt")], check=True)
    return Tools(
        argmap=argmap,
        python=_script_python(argmap),
        node=node if ARGDOWN_JS.exists() else None,
        dot=shutil.which("dot"),
        pyarg_python=str(pyarg_python) if _imports(pyarg_python, "py_arg") else None,
        argmap_commands=commands,
        render_help=render_help,
    )


def _imports(python: Path, module: str) -> bool:
    if not python.exists():
        return False
    return subprocess.run([str(python), "-c", f"import {module}"], capture_output=True, check=False).returncode == 0


def _version(argv: Sequence[str]) -> str:
    try:
        proc = subprocess.run(list(argv), capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    text = (proc.stdout + proc.stderr).strip().splitlines()
    return text[0].strip() if text else "unknown"


def machine(tools: Tools) -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        memory = "unknown"
    info = {
        "cpu": cpu,
        "cores (nproc)": str(os.cpu_count()),
        "memory": memory,
        "os": platform.platform(),
        "python": _version([tools.python, "--version"]),
        "argmap": _version([tools.argmap, "--version"]),
        "lark": _version([tools.python, "-c", "import lark; print('lark', lark.__version__)"]),
    }
    if tools.node:
        info["node"] = _version([tools.node, "--version"])
        info["@argdown/cli"] = _version([tools.node, str(ARGDOWN_JS), "--version"])
    if tools.pyarg_python:
        info["python-argumentation"] = _version(
            [tools.pyarg_python, "-c", "import importlib.metadata as m; print(m.version('python-argumentation'))"]
        )
    if tools.dot:
        info["graphviz dot"] = _version([tools.dot, "-V"])
    return info


# -- data ------------------------------------------------------------------------------------


def ensure_maps(sizes: Iterable[int], seed: int, log: Callable[[str], None]) -> dict[int, Path]:
    """Write each size's map unless the same generator already wrote it."""
    stamp = hashlib.sha256((BENCH / "generate.py").read_bytes()).hexdigest()[:16]
    folders = {}
    for size in sizes:
        folder = data_folder(DATA, size, seed)
        mark = folder / ".generator"
        if not mark.exists() or mark.read_text() != stamp:
            log(f"generating the {size:,}-node map")
            # In a process of its own, so this runner stays small (see GNU_TIME).
            script = str(BENCH / "generate.py")
            subprocess.run([sys.executable, script, str(size), "--seed", str(seed), "--out", str(DATA)], check=True)
            mark.write_text(stamp)
        folders[size] = folder
    return folders


# -- the sections ----------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _size(n: int) -> str:
    return f"{n / 1e3:.0f} kB" if n < 1e6 else f"{n / 1e6:.1f} MB"


def _ratio(slow: float, fast: float) -> str:
    return f"{slow / fast:.1f}×" if fast > 0 else "–"


def _cell(command: Command | None) -> str:
    if command is None:
        return "n/a"
    bad = command.failed
    if bad is not None:
        return f"fails ({bad.error or f'exit {bad.code}'})"
    return _ms(command.median)


def bench_maps(
    tools: Tools,
    folders: dict[int, Path],
    reps: int,
    timeout: float,
    log: Callable[[str], None],
    render_max: int = 10**9,
) -> dict[str, Any]:
    """argmap's commands against Argdown's on the same maps."""
    out_dir = Path(tempfile.mkdtemp(prefix="argmap-bench-"))
    rows: list[dict[str, Any]] = []
    for size, folder in folders.items():
        log(f"maps: {size:,} nodes")
        commands: dict[str, Command] = {}
        arg = folder / "map.arg"
        if "check" in tools.argmap_commands:
            commands["check"] = Command("argmap check", [tools.argmap, "check", "map.arg"], folder)
        if "evaluate" in tools.argmap_commands:
            commands["evaluate"] = Command(
                "argmap evaluate", [tools.argmap, "evaluate", "map.arg", "--format", "json"], folder
            )
        if "render" in tools.argmap_commands and size <= render_max:
            dot_out = str(out_dir / f"argmap-{size}.dot")
            commands["render"] = Command(
                "argmap render --format dot",
                [tools.argmap, "render", "map.arg", "--format", "dot", "-o", dot_out],
                folder,
            )
        probe: Sample | None = None
        if tools.node:
            big = size >= BIG_STACK_FROM
            node = [tools.node, f"--stack-size={BIG_STACK_KB}"] if big else [tools.node]
            target = str(out_dir / f"argdown-{size}")
            if big:
                log("  Argdown with Node's default stack (expected to overflow):")
                probe = run_once([tools.node, str(ARGDOWN_JS), "json", "map.argdown", target], folder, timeout)
                log(f"  -> exit {probe.code} after {probe.seconds:.1f} s: {probe.error}")
            commands["argdown_json"] = Command(
                "argdown json", [*node, str(ARGDOWN_JS), "json", "map.argdown", target], folder, big
            )
            commands["argdown_dot"] = Command(
                "argdown map --format dot",
                [*node, str(ARGDOWN_JS), "map", "--format", "dot", "map.argdown", target],
                folder,
                big,
            )
        alternate(list(commands.values()), reps, timeout, log)
        row: dict[str, Any] = {
            "size": size,
            "arg_bytes": arg.stat().st_size,
            "argdown_bytes": (folder / "map.argdown").stat().st_size,
            "big_stack": size >= BIG_STACK_FROM,
        }
        for key, command in commands.items():
            row[key] = {
                "median_s": command.median,
                "cpu_median_s": command.cpu_median,
                "cpu": [x.cpu for x in command.samples],
                "peak_mb": command.peak_mb,
                "codes": [s.code for s in command.samples],
                "error": command.failed.error if command.failed else "",
                "times": [s.seconds for s in command.samples],
            }
        if probe is not None:
            row["argdown_default_stack"] = {"code": probe.code, "seconds": probe.seconds, "error": probe.error}
        row["_commands"] = commands
        rows.append(row)
    shutil.rmtree(out_dir, ignore_errors=True)
    return {"rows": rows}


def maps_tables(result: dict[str, Any]) -> str:
    """Times with ratios, and peak memory, one row per size."""
    lines = [
        "| nodes | .arg / .argdown | argmap check | argmap evaluate | argmap render dot | Argdown json | "
        "Argdown map dot | json ÷ check | target | dot ÷ render | CPU time: json ÷ check |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    mem = [
        "| nodes | argmap check | argmap evaluate | argmap render dot | Argdown json | Argdown map dot | "
        "check ÷ json | target |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for row in result["rows"]:
        c: dict[str, Command] = row["_commands"]
        check, json_ = c.get("check"), c.get("argdown_json")
        ratio = dot_ratio = target = "–"
        need = 5.0
        if check and json_ and not check.failed and not json_.failed:
            ratio = _ratio(json_.median, check.median)
            target = f"≥{need:g}× " + ("met" if json_.median / check.median >= need else "**missed**")
        cpu_ratio = "–"
        if check and json_ and not check.failed and not json_.failed and check.cpu_median > 0:
            cpu_ratio = _ratio(json_.cpu_median, check.cpu_median)
        render, adot = c.get("render"), c.get("argdown_dot")
        if render and adot and not render.failed and not adot.failed:
            dot_ratio = _ratio(adot.median, render.median)
        size = f"{row['size']:,}"
        files = f"{_size(row['arg_bytes'])} / {_size(row['argdown_bytes'])}"
        stack = " ¹" if row["big_stack"] else ""
        lines.append(
            f"| {size} | {files} | {_cell(check)} | {_cell(c.get('evaluate'))} | {_cell(render)} | "
            f"{_cell(json_)}{stack} | {_cell(adot)}{stack} | {ratio} | {target} | {dot_ratio} | {cpu_ratio} |"
        )

        def mb(command: Command | None) -> str:
            return f"{command.peak_mb:.0f} MB" if command is not None else "n/a"

        mem_ratio = mem_target = "–"
        if check and json_:
            mem_ratio = f"{check.peak_mb / json_.peak_mb:.2f}"
            mem_target = "≤0.33 " + ("met" if check.peak_mb <= json_.peak_mb / 3 else "**missed**")
        mem.append(
            f"| {size} | {mb(check)} | {mb(c.get('evaluate'))} | {mb(render)} | {mb(json_)}{stack} | "
            f"{mb(adot)}{stack} | {mem_ratio} | {mem_target} |"
        )
        probe = row.get("argdown_default_stack")
        if probe:
            notes.append(
                f"¹ With Node's default stack Argdown fails on the {size}-node map after "
                f"{probe['seconds']:.1f} s (exit {probe['code']}: `{probe['error']}`); the times shown are "
                f"with `node --stack-size={BIG_STACK_KB}` and the process stack limit raised."
            )
    return "\n".join([*lines, "", "Peak memory (resident set, per process):", "", *mem, "", *notes]).rstrip() + "\n"


#: main before the second performance round (issue 18): "no slower than today" is measured
#: against this commit's code, extracted from git into bench/data and run by the same interpreter.
BASELINE = "39337d1"


def baseline_tree(log: Callable[[str], None]) -> Path | None:
    """The argmap package at ``BASELINE``, unpacked once into bench/data (None without git)."""
    target = DATA / f"baseline-{BASELINE}"
    if (target / "argmap" / "__init__.py").exists():
        return target
    import io
    import tarfile

    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", BASELINE, "argmap"],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        log(f"baseline {BASELINE}: not available (no git history here)")
        return None
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def bench_startup(tools: Tools, folder: Path, reps: int, timeout: float, log: Callable[[str], None]) -> list[Command]:
    """``argmap --version`` and a small ``check`` against a bare interpreter, and the small
    ``check`` against the same command at ``BASELINE``."""
    log("start-up")
    commands = [
        Command("python -c pass", [tools.python, "-c", "pass"], folder),
        Command("argmap --version", [tools.argmap, "--version"], folder),
        Command("argmap check (200 nodes)", [tools.argmap, "check", "map.arg"], folder),
    ]
    tree = baseline_tree(log)
    if tree is not None:
        compile_bytecode(tools, tree / "argmap", log)
        # Both through `python -m argmap`, so the two differ only in the package's code.
        commands += [
            Command("python -m argmap check (200 nodes)", [tools.python, "-m", "argmap", "check", "map.arg"], folder),
            Command(
                f"python -m argmap check (200 nodes) at {BASELINE}",
                ["env", f"PYTHONPATH={tree}", tools.python, "-m", "argmap", "check", "map.arg"],
                folder,
            ),
        ]
    if tools.node:
        commands += [
            Command("node -e 0", [tools.node, "-e", "0"], folder),
            Command("argdown --version", [tools.node, str(ARGDOWN_JS), "--version"], folder),
        ]
    alternate(commands, reps, timeout, log)
    return commands


def startup_table(commands: list[Command]) -> str:
    base = commands[0].median
    lines = ["| command | median | ÷ python -c pass | target |", "|---|---:|---:|---:|"]
    named = {c.name: c for c in commands}
    for command in commands:
        target = ""
        if command.name == "argmap --version":
            target = "≤3× " + ("met" if command.median <= 3 * base else "**missed**")
        if command.name.endswith(f"at {BASELINE}"):
            now = named["python -m argmap check (200 nodes)"]
            ratio = now.median / command.median
            target = f"now ÷ then {ratio:.2f}: " + ("met" if ratio <= 1 else "**missed**")
        lines.append(f"| `{command.name}` | {_cell(command)} | {_ratio(command.median, base)} | {target} |")
    return "\n".join(lines) + "\n"


def bench_render(
    tools: Tools, folder: Path, reps: int, timeout: float, log: Callable[[str], None]
) -> tuple[list[Command], str]:
    """``argmap render`` to SVG against ``dot`` alone on the DOT that argmap produces."""
    if "render" not in tools.argmap_commands or tools.dot is None:
        return [], "not measured: `argmap render` or Graphviz `dot` is missing"
    log("render")
    work = Path(tempfile.mkdtemp(prefix="argmap-render-"))
    engine = ["--engine", "system"] if "--engine" in tools.render_help else []
    dot_file = work / "map.dot"
    made = subprocess.run(
        [tools.argmap, "render", "map.arg", "--format", "dot", "-o", str(dot_file)],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0 or not dot_file.exists():
        return [], f"not measured: `argmap render --format dot` failed: {made.stderr.strip()[:200]}"
    commands = [
        Command(
            "argmap render -o map.svg", [tools.argmap, "render", "map.arg", *engine, "-o", str(work / "a.svg")], folder
        ),
        Command("dot -Tsvg map.dot", [tools.dot, "-Tsvg", str(dot_file), "-o", str(work / "d.svg")], folder),
    ]
    alternate(commands, reps, timeout, log)
    shutil.rmtree(work, ignore_errors=True)
    return commands, ""


#: How long ``dot`` alone may lay out the 20,000-node map before the bench stops it.
BIG_RENDER_CAP = 300.0


def bench_big_render(tools: Tools, folder: Path, reps: int, log: Callable[[str], None]) -> dict[str, Any]:
    """The 20,000-node render, where ``dot`` alone takes many minutes: argmap's own share of
    ``argmap render`` (reading, checking and writing the DOT: ``render --format dot``, timed
    alternating) against one run of ``dot -Tsvg`` on that DOT, stopped after
    ``BIG_RENDER_CAP`` seconds. ``render`` to SVG is that share plus ``dot``, so the ratio is
    ``1 + share / dot``, and at most ``1 + share / cap`` when ``dot`` is stopped."""
    if "render" not in tools.argmap_commands or tools.dot is None:
        return {"note": "not measured: `argmap render` or Graphviz `dot` is missing"}
    log("render: 20,000 nodes (argmap's share, then dot alone)")
    work = Path(tempfile.mkdtemp(prefix="argmap-render-"))
    dot_file = work / "map.dot"
    share = Command(
        "argmap render --format dot",
        [tools.argmap, "render", "map.arg", "--format", "dot", "-o", str(dot_file)],
        folder,
    )
    alternate([share], reps, 3600, log)
    if share.failed or not dot_file.exists():
        shutil.rmtree(work, ignore_errors=True)
        return {
            "note": f"not measured: `argmap render --format dot` failed: {share.failed.error if share.failed else ''}"
        }
    dot = run_once([tools.dot, "-Tsvg", str(dot_file), "-o", str(work / "d.svg")], folder, BIG_RENDER_CAP)
    log(f"  dot -Tsvg: {dot.seconds:.1f} s, exit {dot.code}")
    shutil.rmtree(work, ignore_errors=True)
    stopped = dot.code != 0 and dot.seconds >= BIG_RENDER_CAP
    if dot.code != 0 and not stopped:
        return {"note": f"`dot -Tsvg` failed: {dot.error}"}
    return {
        "share_s": share.median,
        "share_times": [x.seconds for x in share.samples],
        "dot_s": dot.seconds,
        "dot_stopped": stopped,
        "ratio": 1 + share.median / dot.seconds,
    }


def big_render_table(row: dict[str, Any]) -> str:
    if "ratio" not in row:
        return str(row["note"]) + "\n"
    dot = f"over {_ms(row['dot_s'])} (stopped)" if row["dot_stopped"] else _ms(row["dot_s"])
    bound = "≤ " if row["dot_stopped"] else ""
    verdict = "met" if row["ratio"] <= 2 else "**missed**"
    return (
        "| 20,000-node map | time |\n|---|---:|\n"
        f"| argmap's share: `argmap render --format dot` (read, check, write the DOT) | {_ms(row['share_s'])} |\n"
        f"| `dot -Tsvg map.dot` alone | {dot} |\n"
        f"| `argmap render` ÷ `dot` = 1 + share ÷ dot | {bound}{row['ratio']:.2f}×: target ≤2× {verdict} |\n"
    )


def render_table(commands: list[Command], note: str, size: int) -> str:
    if not commands:
        return note + "\n"
    argmap, dot = commands
    ratio = argmap.median / dot.median
    need = 1.5 if size <= 200 else 2.0
    return (
        f"| {size:,}-node map | median | peak memory |\n|---|---:|---:|\n"
        f"| `{argmap.name}` | {_cell(argmap)} | {argmap.peak_mb:.0f} MB |\n"
        f"| `{dot.name}` (the same DOT) | {_cell(dot)} | {dot.peak_mb:.0f} MB |\n"
        f"| ratio | {ratio:.2f}× | target ≤{need}×: {'met' if ratio <= need else '**missed**'} |\n"
    )


def bench_stages(
    tools: Tools, folders: dict[int, Path], timeout: float, log: Callable[[str], None], skip_big_lark: bool = False
) -> list[dict[str, Any]]:
    """argmap's stages in one process, against the regular-expression floor."""
    rows = []
    for size, folder in folders.items():
        log(f"stages: {size:,} nodes")
        reps = 5 if size <= 2_000 else 3 if size <= 20_000 else 1
        proc = subprocess.run(
            [tools.python, str(BENCH / "parse_driver.py"), "map.arg", "--reps", str(reps)]
            + (["--no-lark"] if size >= BIG_STACK_FROM and skip_big_lark else []),
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout * 4,
        )
        if proc.returncode != 0:
            log(f"  failed: {proc.stderr.strip()[-300:]}")
            continue
        row = json.loads(proc.stdout)
        row["size"] = size
        rows.append(row)
    return rows


#: Many files: a class's homework, many times over.
HOMEWORK_FILES = 1_000
HOMEWORK_SIZE = 30  # statements per map
HOMEWORK_DISTINCT = 50  # different maps (seeds), copied round-robin


def ensure_homework(log: Callable[[str], None]) -> list[str]:
    """``HOMEWORK_FILES`` small maps, each in a folder of its own with its articles; returns
    their paths relative to ``DATA / "homework"``."""
    from bench.generate import generate, write

    root = DATA / "homework"
    stamp = hashlib.sha256((BENCH / "generate.py").read_bytes()).hexdigest()[:16]
    stamp += f"-{HOMEWORK_FILES}-{HOMEWORK_SIZE}-{HOMEWORK_DISTINCT}"
    names = [f"s{i:04}/map.arg" for i in range(HOMEWORK_FILES)]
    mark = root / ".generator"
    if mark.exists() and mark.read_text() == stamp:
        return names
    log(f"generating {HOMEWORK_FILES:,} small maps")
    shutil.rmtree(root, ignore_errors=True)
    models = root / "models"
    for seed in range(HOMEWORK_DISTINCT):
        write(generate(HOMEWORK_SIZE, seed + 1), models / f"m{seed}")
    for i in range(HOMEWORK_FILES):
        folder = root / f"s{i:04}"
        shutil.copytree(models / f"m{i % HOMEWORK_DISTINCT}", folder)
        (folder / "map.argdown").unlink()
    shutil.rmtree(models)
    mark.write_text(stamp)
    return names


def bench_many(
    tools: Tools, reps: int, timeout: float, log: Callable[[str], None], which: Sequence[str] = ("check", "compare")
) -> list[dict[str, Any]]:
    """``check`` (and ``compare``, when it takes many students) over many small maps: on every
    core (the default) against one file after another (``-j 1``), alternating."""
    names = ensure_homework(log)
    root = DATA / "homework"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    rows: list[dict[str, Any]] = []
    plans: list[tuple[str, list[str]]] = []
    if "check" not in which:
        pass
    elif "-j" in subprocess.run([tools.argmap, "check", "--help"], capture_output=True, text=True).stdout:
        plans.append(("check", ["check", *names]))
    else:
        rows.append({"command": "check", "note": "n/a: `check` has no `-j` in this checkout"})
    compare_help = subprocess.run([tools.argmap, "compare", "--help"], capture_output=True, text=True).stdout
    if "compare" not in which:
        pass
    elif "--gradebook" in compare_help and "--jobs" in compare_help:
        # The class against the first map as the key; the gradebook and feedback files go to a
        # folder of their own (the same files every run: they are replaced atomically).
        grades = DATA / "homework-grades" / "grades.csv"
        grades.parent.mkdir(parents=True, exist_ok=True)
        plans.append(("compare", ["compare", *names[1:], names[0], "--gradebook", str(grades)]))
    else:
        rows.append({"command": "compare", "note": "n/a: `compare` has no `--gradebook` and `--jobs` in this checkout"})
    for command, argv in plans:
        log(f"many files: {command}, {len(names):,} maps")
        serial = Command(f"argmap {command} -j 1", [tools.argmap, argv[0], "-j", "1", *argv[1:]], root)
        parallel = Command(f"argmap {command} (all cores)", [tools.argmap, *argv], root)
        load_before = os.getloadavg()[0]
        alternate([serial, parallel], reps, timeout, log)
        load = (load_before + os.getloadavg()[0]) / 2
        rows.append(
            {
                "command": command,
                "files": len(names),
                "cores": cores,
                "serial_s": serial.median,
                "parallel_s": parallel.median,
                "serial_times": [x.seconds for x in serial.samples],
                "parallel_times": [x.seconds for x in parallel.samples],
                "codes": sorted({x.code for x in serial.samples + parallel.samples}),
                "load": load,
            }
        )
    return rows


def many_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| command | files | one after another (`-j 1`) | all cores (default) | cores | bound: 1.5 × serial ÷ cores | "
        "target | load (1 min) |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        if "parallel_s" not in r:
            lines.append(f"| `{r['command']}` | – | – | – | – | – | {r['note']} | – |")
            continue
        bound = 1.5 * r["serial_s"] / r["cores"]
        target = "met" if r["parallel_s"] <= bound else "**missed**"
        lines.append(
            f"| `{r['command']}` | {r['files']:,} | {_ms(r['serial_s'])} | {_ms(r['parallel_s'])} | {r['cores']} | "
            f"{_ms(bound)} | {target} | {r['load']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def stages_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| nodes | tokens | regex floor | Lark parse + build | fast path | `parse_document` (used) | "
        "load (+ names, articles) | checks | grounded | used ÷ floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def vs_floor(r: dict[str, Any], key: str) -> str:
        return f"{_ms(r[key])} ({r[key] / r['floor']:.1f}×)" if key in r else "n/a"

    for r in rows:
        lines.append(
            f"| {r['size']:,} | {r['tokens']:,} | {_ms(r['floor'])} | {vs_floor(r, 'lark')} | {vs_floor(r, 'fast')} | "
            f"{_ms(r['parse'])} | {_ms(r['load'])} | {_ms(r['checks']) if 'checks' in r else 'n/a'} | "
            f"{_ms(r['grounded']) if 'grounded' in r else 'n/a'} | {r['parse'] / r['floor']:.1f}× |"
        )
    return "\n".join(lines) + "\n"


def _driver(python: str, tool: str, semantics: str, size: int, reps: int, timeout: float) -> dict[str, Any]:
    argv = [python, str(BENCH / "af_driver.py"), "--tool", tool, "--semantics", semantics]
    argv += ["--size", str(size), "--reps", str(reps)]
    try:
        proc = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if not proc.stdout.strip():
        return {"error": (proc.stderr.strip().splitlines() or ["failed"])[-1][:120]}
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def bench_frameworks(tools: Tools, full: bool, timeout: float, log: Callable[[str], None]) -> list[dict[str, Any]]:
    """Grounded, preferred and stable on the same random frameworks, each tool in its own
    process; argmap's grounded side by side with the textbook queue in one process."""
    plan: list[tuple[str, int, bool]] = [("grounded", n, True) for n in ((1_000, 2_000) if full else (1_000,))]
    plan += [("grounded", n, False) for n in ((10_000, 100_000, 1_000_000) if full else (10_000,))]
    plan += [("preferred", n, True) for n in (10, 15, 20)]
    plan += [(semantics, n, False) for semantics in ("preferred", "stable") for n in (1_000, 10_000)]
    rows = []
    for semantics, size, with_pyarg in plan:
        log(f"frameworks: {semantics}, {size:,} arguments")
        row: dict[str, Any] = {"semantics": semantics, "size": size}
        reps_argmap = 5  # five at every size: the million-argument runs are where the host drifts most
        reps_pyarg = 3 if size <= 1_000 else 1
        row["argmap"] = _driver(tools.python, "argmap", semantics, size, reps_argmap, timeout)
        if with_pyarg and tools.pyarg_python:
            row["pyarg"] = _driver(tools.pyarg_python, "pyarg", semantics, size, reps_pyarg, timeout)
        log(f"  {json.dumps({k: v.get('median_s', v.get('error')) for k, v in row.items() if isinstance(v, dict)})}")
        rows.append(row)
    return rows


def frameworks_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| semantics | arguments | attacks | argmap | python-argumentation | ratio | same answer | target | "
        "textbook queue, same process ¹ | argmap ÷ queue | argmap's integer entry ² | integer entry ÷ queue |",
        "|---|---:|---:|---:|---:|---:|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        a, p = r.get("argmap", {}), r.get("pyarg")

        def cell(d: dict[str, Any] | None) -> str:
            if d is None:
                return "not run"
            return _ms(d["median_s"]) if "median_s" in d else f"fails ({d.get('error')})"

        ratio = same = target = "–"
        if p and "median_s" in a and "median_s" in p:
            ratio = _ratio(p["median_s"], a["median_s"])
            same = "yes" if a["digest"] == p["digest"] else "**no**"
            if r["semantics"] == "grounded" and r["size"] == 1_000:
                target = "≥100× " + ("met" if p["median_s"] >= 100 * a["median_s"] else "**missed**")
        if r["semantics"] == "grounded" and "agrees_with_reference" in a:
            same = same if same != "–" else ("matches the queue" if a["agrees_with_reference"] else "**wrong**")
        queue = vs_queue = integers = integers_vs_queue = "–"
        if "reference_median_s" in a:
            queue = _ms(a["reference_median_s"])
            vs_queue = f"{a['median_s'] / a['reference_median_s']:.2f}×"
        if "integer_median_s" in a:
            integers = _ms(a["integer_median_s"])
            if not a.get("integer_agrees_with_reference"):
                integers += " (**wrong answer**)"
            integers_vs_queue = f"{a['integer_median_s'] / a['reference_median_s']:.2f}×"
            if r["size"] == 1_000_000:
                met = a["integer_median_s"] <= a["reference_median_s"] and a.get("integer_agrees_with_reference")
                target = "integer entry ≤1× the queue " + ("met" if met else "**missed**")
        if r["semantics"] in ("preferred", "stable") and r["size"] == 10_000 and "median_s" in a:
            target = "≤1 s " + ("met" if a["median_s"] <= 1 else "**missed**")
        attacks = a.get("attacks", (p or {}).get("attacks", 0))
        lines.append(
            f"| {r['semantics']} | {r['size']:,} | {attacks:,} | {cell(a)} | {cell(p)} | {ratio} | {same} | {target} | "
            f"{queue} | {vs_queue} | {integers} | {integers_vs_queue} |"
        )
    lines += [
        "",
        "¹ The floor for pure Python: the textbook queue algorithm on plain integer lists "
        "(`bench/frameworks.py`: no map, no labels), timed in argmap's own process, alternating with it "
        "repetition by repetition.",
        "",
        "² `argmap.analysis.semantics.grounded_extension(size, attacks)`: the same integer pairs the queue "
        "is given, the same names made for the accepted arguments; timed in the same process, in turn with "
        'the map path ("argmap") and the queue.',
    ]
    return "\n".join(lines) + "\n"


def _per_argument(rows: list[dict[str, Any]], key: str) -> list[tuple[int, float]]:
    return [
        (r["size"], r["argmap"][key] / r["size"])
        for r in rows
        if r["semantics"] == "grounded" and key in r.get("argmap", {})
    ]


def grounded_scaling(rows: list[dict[str, Any]]) -> str:
    """Microseconds per argument across sizes: flat means linear."""
    lines = []
    for key, name in (
        ("integer_median_s", "argmap grounded, integer entry"),
        ("median_s", "argmap grounded, from a map"),
        ("reference_median_s", "the textbook queue"),
    ):
        points = _per_argument(rows, key)
        if len(points) >= 2:
            parts = [f"{n:,}: {t * 1e6:.2f} µs" for n, t in points]
            lines.append(f"{name}, time per argument (flat = linear): " + ", ".join(parts))
    return "\n\n".join(lines) + "\n" if lines else ""


#: The targets of the performance issues (#8, #18): a row each in every run's "Targets" table.
EXPECTED_TARGETS: tuple[tuple[str, str], ...] = (
    *(
        (
            f"`argmap check` ≥5× faster than `argdown json`, {n:,} nodes",
            f"`argmap check` ≥5× faster than `argdown json`, {n:,} nodes (`--full`)",
        )
        for n in (2_000, 20_000, 100_000)
    ),
    *(
        (f"peak memory ≤ ⅓ of Argdown's, {n:,} nodes", f"peak memory ≤ ⅓ of Argdown's, {n:,} nodes (`--full`)")
        for n in (2_000, 20_000, 100_000)
    ),
    *(
        (
            f"parsing (`parse_document`) within 5× of the regex floor, {n:,} nodes",
            f"parsing (`parse_document`) within 5× of the regex floor, {n:,} nodes (`--full`)",
        )
        for n in (20_000, 100_000)
    ),
    (
        "grounded, 1,000,000 arguments",
        "grounded, 1,000,000 arguments, no slower than the textbook queue in the same process (`--full`)",
    ),
    ("grounded time per argument flat", "grounded time per argument flat within 2×, 1,000 to 1,000,000 (`--full`)"),
    ("preferred, 10,000 arguments", "preferred, 10,000 arguments, ≤ 1 s"),
    ("stable, 10,000 arguments", "stable, 10,000 arguments, ≤ 1 s"),
    ("`argmap render` (SVG), 200 nodes", "`argmap render` (SVG), 200 nodes, within 1.5× of `dot` alone"),
    ("`argmap render` (SVG), 20,000 nodes", "`argmap render` (SVG), 20,000 nodes, within 2× of `dot` alone (`--full`)"),
    ("`argmap check` over", "`argmap check` over 1,000 small maps, within 1.5× of (serial ÷ cores)"),
    ("`argmap compare` over", "`argmap compare` over 1,000 small maps, within 1.5× of (serial ÷ cores)"),
    ("`argmap --version` within 3×", "`argmap --version` within 3× of `python -c pass`"),
    ("`argmap check`, 200 nodes, no slower", f"`argmap check`, 200 nodes, no slower than at {BASELINE}"),
)


def targets_table(raw: dict[str, Any]) -> str:
    """Each target of the performance issue, the measured value, and whether it is met."""
    rows: list[tuple[str, str, str]] = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "**missed**"

    for row in raw.get("maps", []):
        check, json_ = row.get("check"), row.get("argdown_json")
        if not check or not json_:
            continue
        need = 5.0
        name = f"`argmap check` ≥{need:g}× faster than `argdown json`, {row['size']:,} nodes"
        if check["error"] or json_["error"]:
            rows.append((name, f"check: {check['error'] or 'ok'}; Argdown: {json_['error'] or 'ok'}", "–"))
            continue
        ratio = json_["median_s"] / check["median_s"]
        stack = " (Argdown with a big stack)" if row["big_stack"] else ""
        cpu = ""
        if json_.get("cpu_median_s") and check.get("cpu_median_s"):
            cpu = f" (CPU time: {json_['cpu_median_s'] / check['cpu_median_s']:.1f}×)"
        measured = f"{_ms(check['median_s'])} vs {_ms(json_['median_s'])}: {ratio:.1f}×{cpu}"
        rows.append((name + stack, measured, verdict(ratio >= need)))
        mem = check["peak_mb"] / json_["peak_mb"]
        rows.append(
            (
                f"peak memory ≤ ⅓ of Argdown's, {row['size']:,} nodes",
                f"{check['peak_mb']:.0f} MB vs {json_['peak_mb']:.0f} MB ({mem:.2f})",
                verdict(mem <= 1 / 3),
            )
        )
    startup = raw.get("startup", {})
    if "argmap --version" in startup and "python -c pass" in startup:
        ratio = statistics.median(startup["argmap --version"]) / statistics.median(startup["python -c pass"])
        rows.append(("`argmap --version` within 3× of `python -c pass`", f"{ratio:.1f}×", verdict(ratio <= 3)))
    then_name = f"python -m argmap check (200 nodes) at {BASELINE}"
    if then_name in startup:
        now = statistics.median(startup["python -m argmap check (200 nodes)"])
        then = statistics.median(startup[then_name])
        rows.append(
            (
                f"`argmap check`, 200 nodes, no slower than at {BASELINE} (before this round)",
                f"{_ms(now)} vs {_ms(then)}: {now / then:.2f}×",
                verdict(now <= then),
            )
        )
    frameworks = raw.get("frameworks", [])
    grounded = [r for r in frameworks if r["semantics"] == "grounded"]
    for r in grounded:
        a, p = r.get("argmap", {}), r.get("pyarg")
        if r["size"] == 1_000 and p and "median_s" in a and "median_s" in p:
            ratio = p["median_s"] / a["median_s"]
            rows.append(
                (
                    "grounded ≥100× faster than python-argumentation, 1,000 arguments",
                    f"{ratio:.0f}×",
                    verdict(ratio >= 100),
                )
            )
        if r["size"] == 1_000_000 and "integer_median_s" in a and "reference_median_s" in a:
            same = "same answer" if a.get("integer_agrees_with_reference") else "**different answer**"
            ours, queue = a["integer_median_s"], a["reference_median_s"]
            rows.append(
                (
                    "grounded, 1,000,000 arguments, no slower than the textbook queue in the same process "
                    "(argmap's integer entry, the queue's input)",
                    f"{_ms(ours)} vs {_ms(queue)}: {ours / queue:.2f}×, {same}",
                    verdict(ours <= queue and bool(a.get("integer_agrees_with_reference"))),
                )
            )
        if r["size"] == 1_000_000 and "median_s" in a and "reference_median_s" in a:
            same = "same answer" if a.get("agrees_with_reference") else "**different answer**"
            rows.append(
                (
                    "grounded, 1,000,000 arguments, from a map (a million string ids, every label): "
                    "against the same queue",
                    f"{_ms(a['median_s'])} vs {_ms(a['reference_median_s'])}: "
                    f"{a['median_s'] / a['reference_median_s']:.2f}×, {same}",
                    "not a target: see the docs",
                )
            )
    per_arg = _per_argument(frameworks, "integer_median_s")
    if len(per_arg) >= 2:
        growth = max(t for _, t in per_arg) / min(t for _, t in per_arg)
        from_map = _per_argument(frameworks, "median_s")
        map_growth = max(t for _, t in from_map) / min(t for _, t in from_map) if len(from_map) >= 2 else 0
        queue = _per_argument(frameworks, "reference_median_s")
        queue_growth = max(t for _, t in queue) / min(t for _, t in queue) if len(queue) >= 2 else 0
        rows.append(
            (
                f"grounded time per argument flat within 2×, {per_arg[0][0]:,} to {per_arg[-1][0]:,} arguments "
                "(integer entry; slowest ÷ fastest size)",
                f"×{growth:.2f} (from a map: ×{map_growth:.1f}; the textbook queue: ×{queue_growth:.1f})",
                verdict(growth <= 2),
            )
        )
    for r in frameworks:
        a = r.get("argmap", {})
        if r["semantics"] in ("preferred", "stable") and r["size"] == 10_000 and "median_s" in a:
            rows.append((f"{r['semantics']}, 10,000 arguments, ≤ 1 s", _ms(a["median_s"]), verdict(a["median_s"] <= 1)))
    for st in raw.get("stages", []):
        fast = f"; fast path {st['fast'] / st['floor']:.1f}×" if "fast" in st else ""
        fast += f"; Lark {st['lark'] / st['floor']:.1f}×" if "lark" in st else ""
        ratio = st["parse"] / st["floor"]
        judged = st["size"] >= 20_000
        rows.append(
            (
                f"parsing (`parse_document`) within 5× of the regex floor, {st['size']:,} nodes",
                f"{ratio:.1f}×{fast}",
                verdict(ratio <= 5) if judged else "reported",
            )
        )
    for r in raw.get("render_rows", []):
        limit = 1.5 if r["size"] <= 200 else 2.0
        name = f"`argmap render` (SVG), {r['size']:,} nodes, within {limit}× of `dot` alone on its DOT"
        if "argmap_s" in r:
            measured = f"{_ms(r['argmap_s'])} vs {_ms(r['dot_s'])}: {r['ratio']:.2f}×"
            rows.append((name, measured, verdict(r["ratio"] <= limit)))
        elif "share_s" in r:
            dot = f"over {_ms(r['dot_s'])}, stopped" if r["dot_stopped"] else _ms(r["dot_s"])
            measured = (
                f"argmap's share {_ms(r['share_s'])}, dot alone {dot}: {'≤ ' * r['dot_stopped']}{r['ratio']:.2f}×"
            )
            rows.append((name, measured, verdict(r["ratio"] <= limit)))
        else:
            rows.append((f"`argmap render`, {r['size']:,} nodes", r.get("note", "not measured"), "–"))
    for r in raw.get("many", []):
        if "parallel_s" in r:
            bound = 1.5 * r["serial_s"] / r["cores"]
            rows.append(
                (
                    f"`argmap {r['command']}` over {r['files']:,} small maps on {r['cores']} cores, "
                    "within 1.5× of (serial ÷ cores)",
                    f"{_ms(r['parallel_s'])} vs serial {_ms(r['serial_s'])} (bound {_ms(bound)}); load {r['load']:.1f}",
                    verdict(r["parallel_s"] <= bound),
                )
            )
        else:
            rows.append((f"`argmap {r['command']}` over many small maps", r.get("note", "not measured"), "–"))
    # Every target has a row, measured or not (a quick run leaves the big sizes out).
    for prefix, what in EXPECTED_TARGETS:
        if not any(name.startswith(prefix) for name, _, _ in rows):
            rows.append((what, "not measured in this run", "–"))
    lines = ["| target | measured | status |", "|---|---|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)]
    return "\n".join(lines) + "\n"


# -- main ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description="benchmark argmap against Argdown and python-argumentation")
    parser.add_argument("--full", action="store_true", help="add the 20,000 and 100,000 node maps and 1M arguments")
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], help="node counts, e.g. 200,2000")
    parser.add_argument("--reps", type=int, default=None, help="repetitions per command (default 5, 3 with --full)")
    parser.add_argument(
        "--big-reps", type=int, default=2, help="repetitions on the 100,000-node map, a minute or more each (default 2)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds before one run is killed")
    parser.add_argument(
        "--sections",
        default="startup,render,stages,many,frameworks,maps",
        help="which parts to run (comma-separated)",
    )
    parser.add_argument(
        "--render-max",
        type=int,
        default=10**9,
        help="time `argmap render --format dot` only on maps up to this many nodes",
    )
    parser.add_argument("--no-install", action="store_true", help="do not install missing peers")
    parser.add_argument(
        "--many",
        default="check,compare",
        help="which commands the many-files section times (compare grades 1,000 students: many minutes)",
    )
    parser.add_argument(
        "--skip-big-lark", action="store_true", help="leave the Lark path out of the stages at 100,000 nodes"
    )
    args = parser.parse_args(argv)
    sections = set(args.sections.split(","))
    sizes = args.sizes or list(FULL_SIZES if args.full else QUICK_SIZES)
    reps = args.reps or (3 if args.full else 5)
    DATA.mkdir(parents=True, exist_ok=True)
    log_path = DATA / "run.log"
    log_file = log_path.open("w", encoding="utf-8")

    def log(message: str) -> None:
        sys.stderr.write(message + "\n")
        log_file.write(message + "\n")
        log_file.flush()

    tools = find_tools(log, install=not args.no_install)
    compile_bytecode(tools, ROOT / "argmap", log)
    info = machine(tools)
    load_before = os.getloadavg()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    folders = ensure_maps(sorted({200, *sizes}), args.seed, log)
    report: list[str] = []
    raw: dict[str, Any] = {"machine": info, "started": started, "sizes": sizes, "reps": reps}

    def save(final: bool = False) -> str:
        """Write what has been measured so far: a long run that is stopped still leaves tables."""
        load_now = os.getloadavg()
        state = "" if final else " (incomplete: the run is still going or was stopped)"
        header = [
            f"Run {started}{state}, {reps} repetitions; load average (1 min) {load_before[0]:.2f} before, "
            f"{load_now[0]:.2f} at the end, on {info['cores (nproc)']} cores.",
            "",
            "| machine | |",
            "|---|---|",
            *(f"| {k} | {v} |" for k, v in info.items()),
            "",
        ]
        text = "\n".join([*header, "### Targets", "", targets_table(raw), *report])
        (DATA / "results.md").write_text(text, encoding="utf-8")
        raw["load"] = {"before": load_before, "now": load_now}
        (DATA / "results.json").write_text(json.dumps(raw, indent=2, default=str), encoding="utf-8")
        return text

    if "startup" in sections:
        startup = bench_startup(tools, folders[200], max(reps, 10), args.timeout, log)
        report += ["### Start-up", "", startup_table(startup)]
        raw["startup"] = {c.name: [s.seconds for s in c.samples] for c in startup}
        save()
    if "render" in sections:
        render_rows: list[dict[str, Any]] = []
        render, note = bench_render(tools, folders[200], max(reps, 10), args.timeout, log)
        report += ["### Render, 200 nodes", "", render_table(render, note, 200)]
        row: dict[str, Any] = {"size": 200}
        if render:
            ours, dot = render
            row.update(
                argmap_s=ours.median,
                dot_s=dot.median,
                ratio=ours.median / dot.median,
                argmap_times=[x.seconds for x in ours.samples],
                dot_times=[x.seconds for x in dot.samples],
            )
        else:
            row["note"] = note
        render_rows.append(row)
        raw["render_rows"] = render_rows
        save()
        if 20_000 in folders:
            big = {"size": 20_000, **bench_big_render(tools, folders[20_000], 2, log)}
            report += ["### Render, 20,000 nodes", "", big_render_table(big)]
            render_rows.append(big)
            save()
    if "stages" in sections:
        stages = bench_stages(tools, {n: folders[n] for n in sizes}, args.timeout, log, args.skip_big_lark)
        report += ["### argmap's stages against the parsing floor (in one process)", "", stages_table(stages)]
        raw["stages"] = stages
        save()
    if "many" in sections:
        many = bench_many(tools, min(reps, 3), args.timeout, log, args.many.split(","))
        report += ["### Many files (a class's homework)", "", many_table(many)]
        raw["many"] = many
        save()
    if "frameworks" in sections:
        frameworks = bench_frameworks(tools, args.full, args.timeout, log)
        report += [
            "### Random frameworks (1.5 attacks per argument)",
            "",
            frameworks_table(frameworks),
            grounded_scaling(frameworks),
        ]
        raw["frameworks"] = frameworks
        save()
    if "maps" in sections:  # last: the largest maps take longest; tables are saved size by size
        rows: list[dict[str, Any]] = []
        at = len(report)
        for n in sizes:
            rows += bench_maps(
                tools,
                {n: folders[n]},
                reps if n < BIG_STACK_FROM else args.big_reps,
                args.timeout,
                log,
                args.render_max,
            )["rows"]
            title = f"### Maps (median of {reps}, alternating"
            title += f"; {args.big_reps} at {BIG_STACK_FROM:,} nodes)" if max(sizes) >= BIG_STACK_FROM else ")"
            report[at:] = [title, "", maps_tables({"rows": rows})]
            raw["maps"] = [{k: v for k, v in row.items() if k != "_commands"} for row in rows]
            save()
    text = save(final=True)
    print(text)
    log(f"tables written to {DATA / 'results.md'}, raw numbers to {DATA / 'results.json'}")
    log_file.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
