"""argmap's Argdown source reader against the Argdown command line, on real documents.

The corpus (tests/data/interchange/argdown_corpus/, origin and licence of each file in
MANIFEST.tsv) holds Argdown written by others. ``cli/`` holds what the pinned ``@argdown/cli``
read from each (script: tests/argdown/corpus_golden.py, its version in ``cli/VERSION``). For
every document the CLI accepts, argmap's source reader and argmap's reader of the CLI's JSON
give as many nodes and relations; for every document it rejects, argmap warns at the line the
CLI names (or refuses with a ``FormatError``), so nothing is changed in silence. When the CLI is
installed, a test reads the corpus with it again and compares with the committed readings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis.loading import loads_result
from argmap.formats import FormatError, from_argdown_json_result, from_argdown_result
from argmap.language.names import check_names
from argmap.model import RelationKind
from tests.argdown import corpus_golden
from tests.formats.test_formats_argdown import argdown_cli  # noqa: F401  (a fixture)

CORPUS = corpus_golden.CORPUS
READINGS = CORPUS / "cli"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "interchange"


def _rejected() -> dict[str, tuple[int, str]]:
    out = {}
    for row in (READINGS / "rejected.tsv").read_text(encoding="utf-8").splitlines():
        name, where, message = row.split("\t", 2)
        out[name] = (int(where.split()[1].split(":")[0]), message)
    return out


REJECTED = _rejected()
DOCUMENTS = sorted(CORPUS.glob("*.argdown"))
ACCEPTED = [p for p in DOCUMENTS if p.name not in REJECTED]


def _counts(m: argmap.Map) -> tuple[int, int]:
    return len(m.nodes), len(m.relations)


def test_the_corpus_is_real_and_every_file_has_its_origin_and_licence() -> None:
    rows = [r.split("\t") for r in (CORPUS / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(r[0] for r in rows) == sorted(p.name for p in DOCUMENTS)
    assert all(r[1] == "christianvoigt/argdown" and r[4] == "MIT" and len(r[3]) == 40 for r in rows)
    # Copied unedited: each file's bytes are those the manifest's checksum was taken of.
    assert all(hashlib.sha256((CORPUS / r[0]).read_bytes()).hexdigest()[:16] == r[5] for r in rows)
    assert 30 <= len(DOCUMENTS) <= 80 and sum(p.stat().st_size for p in DOCUMENTS) < 2_000_000
    assert len(ACCEPTED) + len(REJECTED) == len(DOCUMENTS)
    assert (READINGS / "VERSION").read_text(encoding="utf-8").strip() == "2.0.0"


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.stem)
def test_the_source_reader_reads_what_the_argdown_cli_reads(path: Path) -> None:
    source = from_argdown_result(path.read_text(encoding="utf-8"), path.name)
    cli = from_argdown_json_result((READINGS / f"{path.stem}.json").read_text(encoding="utf-8"), f"{path.stem}.json")
    assert _counts(source.map) == _counts(cli.map)
    assert check_names(source.map) == ()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.stem)
def test_every_document_converts_to_a_map_argmap_check_accepts(path: Path) -> None:
    m = from_argdown_result(path.read_text(encoding="utf-8"), path.name).map
    assert argmap.analyze(text=argmap.dumps(m)).errors == ()


@pytest.mark.parametrize("path", [CORPUS / name for name in sorted(REJECTED)], ids=lambda p: p.stem)
def test_what_the_argdown_cli_rejects_is_never_read_in_silence(path: Path) -> None:
    line, why = REJECTED[path.name]
    try:
        lines = {w.span.line for w in from_argdown_result(path.read_text(encoding="utf-8"), path.name).warnings}
    except FormatError as error:  # refusing, with the place, is as good as a warning
        lines = {error.span.line}
    # The CLI names a line except for a bad YAML value (`At 0:0`): then any warning will do.
    assert line in lines if line else lines, f"the CLI says: {why}"


@pytest.mark.exe
def test_the_committed_readings_are_what_the_pinned_cli_reads(argdown_cli: Path) -> None:  # noqa: F811
    found = corpus_golden.readings(argdown_cli)
    committed = {p.name: p.read_text(encoding="utf-8") for p in READINGS.iterdir()}
    assert found.keys() == committed.keys()
    assert [name for name in found if found[name] != committed[name]] == []


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/testdata/interchange is not there")
def test_the_shared_argdown_example_reads_as_its_argdown_json() -> None:
    source = from_argdown_result(
        (SHARED / "argdown_legalisation_softdrugs.argdown").read_text(encoding="utf-8"), "softdrugs.argdown"
    )
    cli = from_argdown_json_result(
        (SHARED / "argdown_legalisation_softdrugs.json").read_text(encoding="utf-8"), "softdrugs.json"
    )
    assert _counts(source.map) == _counts(cli.map)


# -- each case of issue 17, read as the Argdown CLI reads it --------------------------------------


def _read(text: str) -> argmap.Map:
    return from_argdown_result(text, "t.argdown").map


def test_a_comment_between_a_statement_and_its_relations_keeps_them() -> None:
    m = _read("[A]: a\n  <!-- a comment -->\n  + [B]: b\n  /* another\n  one */\n  - [C]: c\n")
    assert [(r.kind, r.members, r.target) for r in m.relations] == [
        (RelationKind.SUPPORTS, ("B",), "A"),
        (RelationKind.ATTACKS, ("C",), "A"),
    ]


def test_a_line_that_starts_with_a_markdown_link_is_text() -> None:
    m = _read("[here](https://x.org). It is long.\n")
    assert [n.text for n in m.nodes] == ["[here](https://x.org). It is long."]


def test_a_one_line_inference_rule_keeps_the_argument() -> None:
    result = from_argdown_result("<A>\n\n(1) [P]: p\n(2) [Q]: q\n-- Modus Ponens --\n(3) [C]: c\n", "t.argdown")
    assert [(r.members, r.target) for r in result.map.relations] == [(("P", "Q"), "C")]
    assert result.map.node("Q").text == "q"
    assert [w.message for w in result.warnings] == ["inference rules have no place in argmap; left out"]


def test_a_heading_goes_on_to_the_next_line() -> None:
    m = _read("## Inferential relations between\nthe arguments\n\n[A]: a\n")
    ((tag,),) = [n.tags for n in m.nodes]
    assert tag.startswith("Inferential_relations_between_the_argume")  # ids are cut at 40


def test_an_argument_under_its_own_conclusion_is_its_inference() -> None:
    m = _read("[A]: a\n  <+ <Arg>\n\n<Arg>\n\n(1) [P]: p\n----\n(2) [A]\n")
    assert [(r.members, r.target) for r in m.relations] == [(("P",), "A")]
    assert check_names(m) == ()


def test_a_bare_relation_mark_is_reported() -> None:
    result = from_argdown_result("[A]: a\n+\n", "t.argdown")
    assert [n.id for n in result.map.nodes] == ["A"]
    assert [(w.span.line, w.message) for w in result.warnings] == [(2, "relation `+` has nothing after it; left out")]


def test_untitled_statements_with_one_text_stay_apart() -> None:
    m = _read("Same text.\n\nSame text.\n")
    assert [(n.id, n.text) for n in m.nodes] == [("Same_text", "Same text."), ("Same_text_2", "Same text.")]


def test_each_list_item_is_a_statement() -> None:
    result = from_argdown_result("* one\n* two\n  goes on\n\n1. three\n2. four\n", "t.argdown")
    assert [n.text for n in result.map.nodes] == ["one", "two goes on", "three", "four"]
    assert result.warnings == ()


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("* one\n1. two\n", 2, "Argdown needs an empty line before a list of another kind (`1.` after `*`)"),
        ("[A]: a\n* one\n", 2, "Argdown needs an empty line before a list"),
        ("* one\n  * two\n", 2, "Argdown reads no nested lists"),
        ("[A]: a\n  + [B]: b\n[C]: c\n", 3, "Argdown needs an empty line before a new statement or argument"),
        ("(1) [P]: p\n----\n(2) [C]: c\n<Next>: n\n", 4, "Argdown needs an empty line before a new statement"),
        ("===\ntitle: x\n===\n[A]: a\n", 4, "the front matter is not followed by an empty line"),
        ("<A>(1): t\n", 1, "Argdown has no reference to a numbered premise"),
    ],
)
def test_what_the_argdown_cli_rejects_is_warned_at_its_line(text: str, line: int, message: str) -> None:
    """Each was checked against the pinned CLI: it rejects the document at that line."""
    warnings = from_argdown_result(text, "t.argdown").warnings
    assert [(w.span.line, w.message.startswith(message)) for w in warnings if "reject" in w.message] == [(line, True)]
    assert all(w.hints for w in warnings if "reject" in w.message)


def test_a_title_never_defined_is_reported() -> None:
    result = from_argdown_result("[A]: a\n  + [B]\n", "t.argdown")
    assert [(w.span.line, w.message) for w in result.warnings] == [
        (2, "[B] is referred to but never given a text; its text is empty")
    ]
    assert short_hint(result.warnings[0].hints) == "define it: [B]: its text"


def short_hint(hints: tuple[str, ...]) -> str:
    return hints[0] if hints else ""


# -- the new reading rules, in any combination -----------------------------------------------------

_FRAGMENTS = [
    "[A]: a",
    "  + [B]: b",
    "  <!-- a comment -->",
    "/* opened",
    "closed */",
    "<!-- never closed",
    "* item",
    "  * nested item",
    "1. numbered",
    "-- Modus ponens --",
    "--",
    "----",
    "(1) [P]: p",
    "(2) [Q]",
    "(3) plain premise",
    "+",
    "->",
    "## A heading",
    "that goes on",
    "",
    "[a link](https://x.org) and text",
    "<Arg>",
    "<Arg>: described",
    "  <+ <Arg>",
    "  >< <Arg>",
    "  >< [A]",
    "===",
    "title: " + "9" * 5000,
    "key without colon",
    "[C]: c {k: 1, j: 'a, b', step: " + "7" * 5000 + "}",
    "<X>(1): numbered reference",
    "  -> [A]",
    "  _> <Arg>",
    "Same text.",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=16))
def test_any_mix_of_the_new_constructs_reads_as_a_well_named_map(lines: list[str]) -> None:
    """No traceback whatever the mix: a map whose relations aim at the right kinds and that
    reads back the same as .arg, with one-line warnings, or a FormatError naming the line."""
    try:
        result = from_argdown_result("\n".join(lines) + "\n", "t.argdown")
    except FormatError as error:
        refused: FormatError | None = error
    else:
        refused = None
    if refused is not None:
        assert "\n" not in str(refused) and refused.span.line > 0
        return
    assert check_names(result.map) == ()
    # As `convert` checks it: the .arg text reads back the same (errors such as a self-support
    # are the map's own, reported by `check`).
    assert loads_result(argmap.dumps(result.map), "<converted>").map == result.map
    assert all("\n" not in w.message and w.span.line > 0 for w in result.warnings)
