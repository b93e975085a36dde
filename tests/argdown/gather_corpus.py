"""Copy a corpus of real Argdown documents from a checkout of christianvoigt/argdown (MIT).

Usage: ``python tests/argdown/gather_corpus.py GIT_DIR`` where GIT_DIR is a clone (bare or not)
of https://github.com/christianvoigt/argdown. It writes tests/data/interchange/argdown_corpus/:
every distinct ``.argdown`` file of the repository (the sandbox's copies of ``examples/`` and
the include test with its partials left out) and the ```` ```argdown ```` blocks of the
syntax guide and the user guide, each once, and MANIFEST.tsv naming each file's origin
(repository, path, block number, commit) and licence. Run once; the result is committed.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

REPO = "christianvoigt/argdown"
LICENCE = "MIT"
OUT = Path(__file__).resolve().parents[1] / "data" / "interchange" / "argdown_corpus"
_FENCE = re.compile(r"^```(argdown|argdown-map|argdown-cheatsheet)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
# The sandbox copies examples/; the include test and its partials need their file names.
_SKIP = ("packages/argdown-sandbox/public/", "packages/argdown-cli/test/include-test", "packages/argdown-cli/test/_")
_MAX_BLOCKS = 44
_MAX_PER_PAGE = {"docs/syntax/README.md": 20}  # other pages: 3 blocks each


def _git(git_dir: str, *args: str) -> str:
    return subprocess.run(["git", "-C", git_dir, *args], capture_output=True, text=True, check=True).stdout


def _name(path: str, block: int | None = None) -> str:
    stem = re.sub(r"[^A-Za-z0-9]+", "-", path.removesuffix(".argdown").removesuffix(".md")).strip("-").lower()
    stem = stem.replace("packages-argdown-", "").replace("docs-guide-", "guide-").replace("-readme", "")
    return f"{stem}-{block:02d}.argdown" if block is not None else f"{stem}.argdown"


def main(git_dir: str) -> None:
    commit = _git(git_dir, "rev-parse", "HEAD").strip()
    files = _git(git_dir, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    seen: set[str] = set()
    rows: list[tuple[str, str, str]] = []

    def keep(name: str, text: str, origin: str) -> bool:
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest in seen or not text.strip():
            return False
        seen.add(digest)
        (OUT / name).write_text(text, encoding="utf-8", newline="")
        rows.append((name, origin, digest[:16]))
        return True

    OUT.mkdir(parents=True, exist_ok=True)
    for path in sorted(f for f in files if f.endswith(".argdown") and not f.startswith(_SKIP)):
        keep(_name(path), _git(git_dir, "show", f"HEAD:{path}"), path)
    guides = ["docs/syntax/README.md", *sorted(f for f in files if f.startswith("docs/guide/") and f.endswith(".md"))]
    taken = 0
    for path in guides:
        on_page = 0
        for number, match in enumerate(_FENCE.finditer(_git(git_dir, "show", f"HEAD:{path}")), start=1):
            if taken >= _MAX_BLOCKS or on_page >= _MAX_PER_PAGE.get(path, 3):
                break
            if keep(_name(path, number), match.group(2), f"{path} (code block {number})"):
                taken += 1
                on_page += 1
    lines = ["file\trepository\tpath\tcommit\tlicence\tsha256 (first 16)"]
    lines += [f"{name}\t{REPO}\t{origin}\t{commit}\t{LICENCE}\t{digest}" for name, origin, digest in rows]
    (OUT / "MANIFEST.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} documents from {REPO} at {commit}")


if __name__ == "__main__":
    main(sys.argv[1])
