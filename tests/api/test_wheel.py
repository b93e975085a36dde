"""``pip install .`` (a real wheel, not the editable install) carries the grammar.

The wheel is built from this checkout without network access (``--no-build-isolation`` uses the
hatchling of the test environment), unpacked into a temporary folder, and imported from there
by a fresh Python whose working folder is not the checkout.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling", reason="building the wheel offline needs hatchling installed")
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("argmap-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)  # what `pip install --target` does for a pure-Python wheel
    return target


def test_the_wheel_carries_the_grammar(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        grammar = archive.read("argmap/grammars/argmap.lark").decode("utf-8")
    assert grammar == (ROOT / "grammars" / "argmap.lark").read_text(encoding="utf-8")
    assert "argmap/language/syntax.py" in names


def test_the_wheel_is_typed(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        assert "argmap/py.typed" in archive.namelist()


def test_the_installed_package_parses_with_its_own_grammar(installed: Path, tmp_path: Path) -> None:
    code = f"""
import sys
sys.path.insert(0, {str(installed)!r})
import argmap
from argmap.language import syntax
assert argmap.__file__.startswith({str(installed)!r}), argmap.__file__
m = argmap.loads('claim C1 "x"\\npremise P1 "y"\\nP1 supports C1\\n')
assert m.reasons("C1")[0].members == ("P1",)
print(syntax.grammar_text() == open({str(ROOT / "grammars" / "argmap.lark")!r}, encoding="utf-8").read())
"""
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "True"
