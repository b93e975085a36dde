"""``argmap render``: formats from extensions, map errors, --force, engines, and the classroom hand-offs."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main
from argmap.diagram import RenderOptions

DATA = Path(__file__).parents[1] / "data"
EXAMPLE = DATA / "language_example.arg"
BROKEN = 'claim C1 "A claim."\nP9 supports C1\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["render", *argv])
    return code, capsys.readouterr().err


def test_dot_output_from_the_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.dot"
    code, err = run(capsys, str(EXAMPLE), "-o", str(out))
    assert (code, err) == (0, "")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph argmap {")
    assert 'id="node-C1"' in text


def test_options_reach_the_diagram(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.gv"
    argv = ["--theme", "print", "--group-by", "source", "--direction", "left", "--overlay", "grounded"]
    code, _ = run(capsys, str(EXAMPLE), "-o", str(out), *argv)
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "rankdir=RL" in text
    assert "subgraph cluster_g1" in text
    assert "#0072B2" not in text  # the print theme
    assert "status-" in text  # the grounded overlay


def test_unknown_extension_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, str(EXAMPLE), "-o", str(tmp_path / "map.xyz"))
    assert code == 2
    assert "cannot tell the format from" in err
    assert not (tmp_path / "map.xyz").exists()


def test_map_errors_stop_the_render_unless_forced(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "broken.arg"
    source.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "broken.dot"
    code, err = run(capsys, str(source), "-o", str(out))
    assert code == 1
    assert "broken.arg:2:1: error[AM002] undefined-id" in err
    assert "not drawing" in err
    assert not out.exists()
    code, err = run(capsys, str(source), "-o", str(out), "--force")
    assert code == 0
    assert "drawing anyway (--force)" in err
    assert 'id="node-C1"' in out.read_text(encoding="utf-8")


def test_unreadable_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, str(tmp_path / "missing.arg"), "-o", str(tmp_path / "x.svg"))
    assert code == 3
    assert "cannot read" in err


def test_missing_engine_is_one_line_and_exit_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    out = tmp_path / "map.svg"
    code, err = run(capsys, str(EXAMPLE), "-o", str(out), "--engine", "system")
    assert code == 4
    lines = err.splitlines()
    assert lines[0] == "argmap: error: Graphviz `dot` is not installed (not found on PATH)"
    assert lines[1].startswith("  = hint: install Graphviz")
    assert len(lines) == 2
    assert not out.exists()


@pytest.mark.exe
def test_svg_render_writes_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.svg"
    out.write_text("old", encoding="utf-8")
    code, _ = run(capsys, str(EXAMPLE), "-o", str(out), "--timeout", "120")
    if code == 4:
        pytest.skip("no layout engine installed")
    assert code == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_bad_timeout_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, str(EXAMPLE), "-o", str(tmp_path / "m.svg"), "--timeout", "-1")
    assert code == 2
    assert "positive number of seconds" in err


# -- the hand-offs to argmap.classroom (that package is written separately) -------------------


def test_steps_hand_off(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, ...]] = []

    def render_steps(
        m: Any, options: RenderOptions, out: Path, fmt: str, *, engine: str, timeout: float, inputs: Any
    ) -> list[Path]:
        calls.append((m.title, options.theme.name, out, fmt, engine, timeout))
        assert str(EXAMPLE) in [str(i) for i in inputs]
        return []

    fake = types.ModuleType("argmap.commands._steps")
    fake.render_steps = render_steps  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "argmap.commands._steps", fake)
    argv = ["-o", str(tmp_path / "frames"), "--steps", "--format", "png", "--theme", "classic", "--engine", "bundled"]
    code, _ = run(capsys, str(EXAMPLE), *argv)
    assert code == 0
    assert calls == [("Peace talks as cover for rearmament", "classic", tmp_path / "frames", "png", "bundled", 60.0)]


def test_html_hand_off(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def render_page(
        m: Any, options: RenderOptions, diagnostics: Any, evaluation: Any, *, engine: str, timeout: float
    ) -> str:
        return f"<html>{m.title} {options.direction} {engine}</html>"

    fake = types.ModuleType("argmap.classroom.page")
    fake.render_page = render_page  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "argmap.classroom.page", fake)
    out = tmp_path / "page.html"
    code, _ = run(capsys, str(EXAMPLE), "-o", str(out), "--direction", "down")
    assert code == 0
    assert out.read_text(encoding="utf-8") == "<html>Peace talks as cover for rearmament down auto</html>"


@pytest.mark.parametrize(
    ("module", "argv", "feature"),
    [
        ("argmap.classroom.steps", ["--steps"], "--steps"),
        ("argmap.classroom.page", ["--format", "html"], "--format html"),
    ],
)
def test_missing_module_is_one_line(
    module: str,
    argv: list[str],
    feature: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes the import fail as if the module were absent
    code, err = run(capsys, str(EXAMPLE), "-o", str(tmp_path / "out.dot"), *argv)
    assert code == 2
    assert err.splitlines()[0] == (
        f"argmap: error: {feature} needs `{module}`, which this installation of argmap does not have"
    )
