"""``argmap convert``: format guessing, every direction, errors as one line, atomic output."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.formats import from_aif, from_argdown, from_json

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "interchange"
EXAMPLE = ROOT / "tests" / "data" / "language_example.arg"


def convert(*args: str) -> int:
    return main(["convert", *args])


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "map.arg"
    shutil.copy(EXAMPLE, target)
    shutil.copy(EXAMPLE.with_name("language_example_more.arg"), tmp_path)  # it is included
    return target


def test_arg_to_every_writable_format_by_extension(example: Path, tmp_path: Path) -> None:
    m = argmap.load(example)
    assert convert(str(example), "-o", str(tmp_path / "map.json")) == 0
    assert from_json((tmp_path / "map.json").read_text(encoding="utf-8")) == m
    assert convert(str(example), "-o", str(tmp_path / "map.aif")) == 0
    assert len(from_aif((tmp_path / "map.aif").read_text(encoding="utf-8")).nodes) == len(m.nodes)
    assert convert(str(example), "-o", str(tmp_path / "map.argdown")) == 0
    assert len(from_argdown((tmp_path / "map.argdown").read_text(encoding="utf-8")).relations) == len(m.relations)


def test_json_back_to_arg_is_the_same_map(example: Path, tmp_path: Path) -> None:
    assert convert(str(example), "-o", str(tmp_path / "map.json")) == 0
    assert convert(str(tmp_path / "map.json"), "-o", str(tmp_path / "back.arg")) == 0
    assert argmap.load(tmp_path / "back.arg") == argmap.load(example)


@pytest.mark.parametrize(
    ("name", "nodes"),
    [
        ("aifdb_nodeset6064_dialogue.json", 9),  # .json: AIF by its content
        ("xaif_ova3_linked_simple.json", 2),
        ("argdown_cli_test.json", 2),  # .json: Argdown JSON by its content
        ("argdown_legalisation_softdrugs.json", 18),
        ("argdown_legalisation_softdrugs.argdown", 18),
        ("kialo_faith_and_science.txt", 719),
        ("kialo_current_layout_sample.txt", 7),  # the current Kialo layout, told by its content
    ],
)
def test_each_sample_converts_to_a_valid_arg_file(name: str, nodes: int, tmp_path: Path) -> None:
    out = tmp_path / "out.arg"
    assert convert(str(DATA / name), "-o", str(out)) == 0
    result = argmap.load_result(out)
    assert result.ok
    assert len(result.map.nodes) == nodes


def test_warnings_are_one_line_each_with_file_line_col(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = DATA / "fixtures" / "constructs.argdown"
    assert convert(str(source), "-o", str(tmp_path / "out.arg")) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 6
    assert all(line.startswith(f"{source}:") and ": warning[" in line for line in lines)
    assert lines[0].startswith(f"{source}:1:1: warning[")


def test_explicit_formats_override_the_names(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "weird.name"
    assert convert(str(example), "-o", str(out), "--to", "json") == 0
    copy = tmp_path / "input.bin"
    copy.write_bytes(out.read_bytes())
    assert convert(str(copy), "--from", "json", "-o", str(tmp_path / "x.argdown")) == 0


def test_stdout(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert convert(str(example), "-o", "-", "--to", "json") == 0
    assert json.loads(capsys.readouterr().out)["format"] == "argmap"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "kialo"], "argmap reads kialo but cannot write it"),
        (["--to", "argdown-json"], "argmap reads argdown-json but cannot write it"),
    ],
)
def test_unsupported_direction_is_a_usage_error(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert convert(str(example), "-o", str(tmp_path / "out"), *args) == 2
    err = capsys.readouterr().err
    assert f"argmap: error: {message}" in err
    assert "= hint: write one of: arg, json, aif, argdown" in err
    assert not (tmp_path / "out").exists()


def test_unknown_names_are_usage_errors(example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert convert(str(example), "-o", str(tmp_path / "out.xyz")) == 2
    assert "cannot tell which format to write" in capsys.readouterr().err
    odd = tmp_path / "data.json"
    odd.write_text('{"hello": 1}', encoding="utf-8")
    assert convert(str(odd), "-o", str(tmp_path / "out.arg")) == 2
    assert "cannot tell what kind of JSON" in capsys.readouterr().err


def test_malformed_input_is_one_line_naming_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"nodes": [{"nodeID": "1", "type": 5}], "edges": []}', encoding="utf-8")
    out = tmp_path / "out.arg"
    out.write_text("keep me", encoding="utf-8")
    assert convert(str(bad), "--from", "aif", "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert f"argmap: error: {bad}:1:36: nodes[0].type: expected a string, found a number" in err
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "keep me"  # nothing written on failure


def test_unreadable_input_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert convert(str(tmp_path / "missing.json"), "--from", "json", "-o", str(tmp_path / "x.arg")) == 3
    assert "cannot read" in capsys.readouterr().err


def test_arg_input_with_errors_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.arg"
    bad.write_text('claim C1 "x"\nP9 supports C1\n', encoding="utf-8")
    assert convert(str(bad), "-o", str(tmp_path / "x.json")) == 1
    assert "undefined-id" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


def test_imported_ids_are_sanitised_so_the_arg_output_parses(tmp_path: Path) -> None:
    aif = {
        "nodes": [
            {"nodeID": "claim", "type": "I", "text": "keyword id"},
            {"nodeID": "12", "type": "I", "text": "digit id"},
            {"nodeID": "a b", "type": "I", "text": "space id"},
            {"nodeID": "n12", "type": "I", "text": "taken id"},
            {"nodeID": "r", "type": "RA"},
        ],
        "edges": [{"fromID": "12", "toID": "r"}, {"fromID": "a b", "toID": "r"}, {"fromID": "r", "toID": "claim"}],
    }
    source = tmp_path / "odd.json"
    source.write_text(json.dumps(aif), encoding="utf-8")
    assert convert(str(source), "-o", str(tmp_path / "odd.arg")) == 0
    m = argmap.load(tmp_path / "odd.arg")
    assert [n.id for n in m.nodes] == ["claim_", "n12_2", "a_b", "n12"]
    assert m.relations[0].members == ("n12_2", "a_b")


def test_carriage_returns_from_json_become_line_breaks(tmp_path: Path) -> None:
    source = tmp_path / "cr.json"
    source.write_text(
        json.dumps({"format": "argmap", "version": 1, "nodes": [{"kind": "claim", "id": "C", "text": "a\rb\r\nc"}]}),
        encoding="utf-8",
    )
    assert convert(str(source), "-o", str(tmp_path / "cr.arg")) == 0
    assert argmap.load(tmp_path / "cr.arg").node("C").text == "a\nb\nc"


def test_aif_line_ends_are_normalised(tmp_path: Path) -> None:
    source = tmp_path / "crlf.json"
    source.write_text(json.dumps({"nodes": [{"nodeID": "a", "type": "I", "text": "one\r\ntwo\rthree"}], "edges": []}))
    assert convert(str(source), "-o", str(tmp_path / "crlf.arg")) == 0
    assert argmap.load(tmp_path / "crlf.arg").node("a").text == "one\ntwo\nthree"


@pytest.mark.parametrize("odd", ["a\x00b.json", "a\nb.json", "a\x1b[31mb.json"])
def test_odd_paths_are_escaped_in_one_line_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], odd: str
) -> None:
    assert convert(str(tmp_path / odd), "-o", str(tmp_path / "x.arg")) == 3
    err = capsys.readouterr().err
    assert "cannot read" in err
    assert not any(c in err for c in "\x00\x1b")
    assert len(err.splitlines()) == 2  # the message and its hint


def test_an_argdown_attack_argument_that_undercuts_converts_to_arg_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Was exit 70 for `.arg`, and a `.json` argmap refused to read (fuzzing, 2026-11-21)."""
    source = tmp_path / "x.argdown"
    source.write_text(
        "<S1> {argmap: supports}\n(1) [P2]\n----\n(2) [C1]\n\n"
        "<r4> {argmap: attacks}\n(1) [R3]\n----\n(2) [r4 conclusion]: x\n  _> <S1>\n",
        encoding="utf-8",
    )
    assert convert(str(source), "-o", str(tmp_path / "x.arg")) == 0
    assert convert(str(source), "-o", str(tmp_path / "x.json")) == 0
    err = capsys.readouterr().err
    assert "x.argdown:10:3: warning" in err and "read as an undercut" in err
    m = argmap.load(tmp_path / "x.arg")
    assert from_json((tmp_path / "x.json").read_text(encoding="utf-8")) == m
    assert m.relation("r4").kind.value == "undercuts"
