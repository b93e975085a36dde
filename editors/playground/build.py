"""Build the browser playground into site/playground/ (``make playground``).

Everything the page loads is copied into that one folder, so that any static host serves it
and nothing comes from another origin: the JavaScript bundles (CodeMirror 6 and the page's own
code, @viz-js/viz for layout) made by esbuild from the pinned npm packages (package-lock.json),
Pyodide's runtime files, the argmap wheel built from this checkout, the pinned pure-Python wheels
of its dependencies (wheels.txt), and the bundled examples with their article excerpts.

Run with the project's Python (it imports argmap to find each example's files). Steps whose
inputs have not changed are skipped, so a second build takes a few seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_OUT = ROOT / "site" / "playground"

#: Pyodide's runtime: what ``loadPyodide`` fetches from its indexURL (no packages: argmap's
#: dependencies are the wheels below, and nothing is fetched from Pyodide's CDN).
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
#: The page's bundles: entry point → output, and the bundle format.
BUNDLES = (
    ("src/app.js", "app.js", "iife"),
    ("src/layout-worker.js", "layout-worker.js", "iife"),
    ("src/analysis-worker.js", "analysis-worker.js", "esm"),
)
STATIC = ("src/index.html", "src/app.css", "src/sw.js", "src/favicon.svg")


class BuildError(Exception):
    """A step of the build failed; the message says which and why."""


def _run(command: list[str], cwd: Path) -> None:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-15:]
        raise BuildError(f"`{' '.join(command)}` failed (exit {done.returncode}):\n" + "\n".join(tail))


def _npm_ci() -> None:
    """Install the pinned npm packages, unless node_modules already matches package-lock.json."""
    lock = HERE / "package-lock.json"
    installed = HERE / "node_modules" / ".package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= lock.stat().st_mtime:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise BuildError("npm is not installed: the playground needs Node.js and npm to build")
    _run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], HERE)


def _bundle(out: Path) -> None:
    esbuild = HERE / "node_modules" / ".bin" / "esbuild"
    for entry, target, fmt in BUNDLES:
        _run(
            [
                str(esbuild),
                entry,
                "--bundle",
                "--minify",
                f"--format={fmt}",
                "--target=chrome109,firefox115,safari16",
                "--legal-comments=none",
                f"--outfile={out / target}",
            ],
            HERE,
        )
    for name in STATIC:
        shutil.copyfile(HERE / name, out / Path(name).name)


def _pyodide(out: Path) -> None:
    folder = out / "pyodide"
    folder.mkdir(exist_ok=True)
    for name in PYODIDE_FILES:
        source = HERE / "node_modules" / "pyodide" / name
        target = folder / name
        if not target.is_file() or target.stat().st_mtime < source.stat().st_mtime:
            shutil.copy2(source, target)


def _pins() -> list[str]:
    lines = (HERE / "wheels.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _wheels(out: Path) -> list[str]:
    """argmap's wheel from this checkout, then the pinned dependencies' wheels; their names."""
    folder = out / "wheels"
    folder.mkdir(exist_ok=True)
    for old in folder.glob("argmap-*.whl"):
        old.unlink()
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(folder), str(ROOT)], ROOT)
    pins = _pins()
    wanted = {pin.split("==")[0].lower(): pin for pin in pins}
    have = {w.name.split("-")[0].lower(): w.name for w in folder.glob("*.whl")}
    missing = [pin for name, pin in wanted.items() if not (name in have and _version(pin) in have[name])]
    if missing:
        _run([*pip, "download", "--no-deps", "--only-binary=:all:", "--dest", str(folder), *missing], ROOT)
    names = sorted(w.name for w in folder.glob("*.whl"))
    for name in names:
        if not name.endswith("-py3-none-any.whl") and not name.endswith("-py2.py3-none-any.whl"):
            raise BuildError(f"{name} is not a pure-Python wheel: Pyodide could not install it")
    keep = {"argmap", *wanted}
    return [n for n in names if n.split("-")[0].lower() in keep]


def _version(pin: str) -> str:
    return "-" + pin.split("==")[1] + "-"


def _examples() -> list[dict[str, object]]:
    """Each bundled example map with every file it names (included maps, article excerpts)."""
    sys.path.insert(0, str(ROOT))
    from argmap.analysis.analysis import analyze

    examples: list[dict[str, object]] = []
    folder = ROOT / "examples"
    for path in sorted(folder.glob("*.arg")):
        analysis = analyze(path)
        top = analysis.filename
        files: dict[str, str] = {}
        for shown, text in analysis.texts.items():
            if shown != top:
                files[Path(os.path.relpath(Path(shown).resolve(), folder)).as_posix()] = text
        for source in analysis.map.sources:
            if source.file is not None and source.id in analysis.articles:
                declared_in = (ROOT / source.span.file).parent if source.span.file else folder
                article = Path(os.path.relpath((declared_in / source.file).resolve(), folder)).as_posix()
                files[article] = (folder / article).read_text(encoding="utf-8")
        examples.append(
            {
                "name": path.name,
                "title": analysis.map.title or path.stem,
                "text": path.read_text(encoding="utf-8"),
                "files": files,
            }
        )
    return examples


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(out: Path = DEFAULT_OUT) -> Path:
    """Build the site into ``out``; return it. Raises BuildError with the failing step."""
    if shutil.which("node") is None:
        raise BuildError("Node.js is not installed: the playground needs node and npm to build")
    out.mkdir(parents=True, exist_ok=True)
    _npm_ci()
    _bundle(out)
    _pyodide(out)
    wheels = _wheels(out)
    cwd = Path.cwd()
    os.chdir(ROOT)  # example paths as the command line shows them, relative to the checkout
    try:
        examples = _examples()
    finally:
        os.chdir(cwd)
    (out / "examples.json").write_text(json.dumps(examples, ensure_ascii=False), encoding="utf-8")
    (out / "manifest.json").write_text(json.dumps({"wheels": wheels}, indent=1), encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to build (default: site/playground)")
    args = parser.parse_args(argv)
    try:
        out = build(args.out)
    except BuildError as error:
        print(f"playground: {error}", file=sys.stderr)
        return 1
    total = _size(out)
    parts = {p.name: _size(p) if p.is_dir() else p.stat().st_size for p in out.iterdir()}
    biggest = ", ".join(
        f"{name} {size / 1e6:.1f} MB" for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:4]
    )
    print(f"playground built in {out}: {total / 1e6:.1f} MB ({biggest})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
