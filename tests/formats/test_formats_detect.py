"""Which format a file is in, from its name and, for ``.json``, its content."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.formats import format_from_content, format_from_name

DATA = Path(__file__).resolve().parents[1] / "data" / "interchange"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("map.arg", "arg"),
        ("dir.v2/Map.ARGDOWN", "argdown"),
        ("x.ad", "argdown"),
        ("x.aif", "aif"),
        ("x.aif.json", "aif"),
        ("x.argdown.json", "argdown-json"),
        ("x.json", "json?"),
        ("kialo.txt", "kialo"),
        ("x.svg", None),
        ("noextension", None),
    ],
)
def test_from_name(name: str, expected: str | None) -> None:
    assert format_from_name(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("aifdb_nodeset6064_dialogue.json", "aif"),
        ("xaif_ova3_linked_simple.json", "aif"),
        ("argdown_cli_test.json", "argdown-json"),
        ("argdown_legalisation_softdrugs.json", "argdown-json"),
        ("golden/language_example.json", "json"),
    ],
)
def test_from_content(name: str, expected: str) -> None:
    assert format_from_content((DATA / name).read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"a": 1}', '{"nodes": {}}', "[" * 10_000])
def test_unknown_content(text: str) -> None:
    assert format_from_content(text) is None
