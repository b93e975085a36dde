"""One table of formats: convert, detection and docs/formats.md all say what the registry says."""

from __future__ import annotations

import re
from pathlib import Path

from argmap.cli import build_parser
from argmap.formats import detect, registry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "formats.md"


def _docs_rows() -> dict[str, tuple[str, str, str]]:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and (found := re.match(r"`([a-z-]+)`", cells[0])):
            rows[found.group(1)] = (cells[1], cells[2], cells[3])
    return rows


def test_the_docs_table_lists_every_format_as_the_registry_does() -> None:
    rows = _docs_rows()
    assert list(rows) == list(registry.FORMATS)
    for fmt in registry.REGISTRY:
        reads, writes, guessed = rows[fmt.name]
        assert reads.startswith("yes") == (fmt.name in registry.readable()), fmt.name
        assert writes.startswith("yes") == (fmt.name in registry.writable()), fmt.name
        for ending in fmt.extensions:
            assert f"`{ending}" in guessed, (fmt.name, ending)


def test_convert_offers_the_registrys_formats() -> None:
    import argparse

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    convert = sub.choices["convert"]
    choices = {a.dest: a.choices for a in convert._actions if a.choices}
    assert tuple(choices["source_format"]) == registry.FORMATS
    assert tuple(choices["target_format"]) == registry.FORMATS


def test_detection_reads_the_registrys_endings() -> None:
    for fmt in registry.REGISTRY:
        for ending in fmt.extensions:
            guessed = detect.format_from_name("x" + ending)
            assert guessed == ("json?" if ending == ".json" else fmt.name), ending


def test_every_writer_and_reader_resolves() -> None:
    from argmap.model import Map

    for name in registry.writable():
        assert isinstance(registry.by_name(name).write(Map(title="t")), str)
    for fmt in registry.REGISTRY:
        if fmt.reader is not None:
            assert callable(registry._resolve(fmt.reader))
