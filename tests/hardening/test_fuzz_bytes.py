"""Fuzzing in the normal test run (bounded): bytes decoded every which way, mutated real maps,
structured random files for every importer, random maps through the checks, the semantics and
the renderers, and the atheris corpus replayed.

Every test calls the targets of ``tests/fuzz/targets.py``, the same functions the atheris
campaign runs (``make fuzz``), so an input either finds a problem in is a regression test for
both. The grammar-driven parser fuzzing lives in tests/hardening/test_fuzz_parser.py.
For a long local run: ``HYPOTHESIS_PROFILE=fuzz pytest tests/hardening/test_fuzz_bytes.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from argmap.api import loads_result
from argmap.formats import from_json, to_aif, to_argdown, to_json
from argmap.language.printer import dumps
from argmap.model import Map
from tests.fuzz.targets import TARGETS, checks, importers, parser, render
from tests.strategies import grammar_texts, maps

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "tests" / "fuzz"


def bounded(examples: int) -> settings:
    """``examples`` under the default profile, scaled up with it (HYPOTHESIS_PROFILE=fuzz)."""
    scale = max(1, settings().max_examples // 100)
    return settings(
        max_examples=examples * scale,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        deadline=None,
    )


# -- the atheris corpus and the crashes it found, replayed ---------------------------------------

#: Inputs of tests/fuzz/regressions/ whose bug is still open: file name -> reason (with the owner).
#: (Empty: the Argdown attack aimed at a relation, found 2026-11-21, is fixed; its inputs replay as
#: plain regressions.)
OPEN_CRASHES: dict[str, str] = {}


def _corpus() -> list[object]:
    cases: list[object] = []
    for folder in ("corpus", "regressions"):
        for target in TARGETS:
            directory = FUZZ / folder / target
            if not directory.is_dir():
                continue
            for path in sorted(directory.iterdir()):
                reason = OPEN_CRASHES.get(path.name)
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                cases.append(pytest.param(target, path, id=f"{folder}-{target}-{path.name}", marks=marks))
    return cases


def test_the_corpus_has_seeds_for_every_target() -> None:
    for target in TARGETS:
        assert any((FUZZ / "corpus" / target).glob("seed-*")), target


@pytest.mark.parametrize(("target", "path"), _corpus())
def test_corpus_and_regressions_replay(target: str, path: Path) -> None:
    TARGETS[target](path.read_bytes())


# -- bytes ---------------------------------------------------------------------------------------


@given(st.binary(max_size=300))
@example(b'\xef\xbb\xbfclaim C1 "x" implicit\r\nC1 supports C1\r')
@example(b'claim C1 "\xff\xfe" implicit')
@example(b'claim C1 "a\x00b" implicit\n')
@example(b"\x00" * 50)
@example('claim C1 "\u2028\u2029\u202e" implicit'.encode())
@example(b'include "\xc0\xaf"\nsource s "t" file "\xed\xa0\x80"')
@bounded(100)
def test_any_bytes_through_the_parser(data: bytes) -> None:
    parser(data)


# Real maps, then a few random edits: inputs close to what a student half-types.
_EXAMPLES = [p.read_bytes()[:3000] for p in sorted((ROOT / "examples").rglob("*.arg"))] or [b'claim C1 "x"\n']
_SPLICES = st.sampled_from(
    [b"", b'"', b'"""', b"\\", b"\n", b"\r", b"\x00", b" + ", b" supports ", b"claim ", b"#", b"include ", b"\xff"]
)


@st.composite
def edited_examples(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(_EXAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 20))
        data[at : at + cut] = draw(_SPLICES | st.binary(max_size=8))
    return bytes(data)


@given(edited_examples())
@bounded(30)
def test_edited_examples_through_parser_and_checks(data: bytes) -> None:
    parser(data)
    checks(data)


@given(st.integers(0, 255), edited_examples())
@bounded(20)
def test_edited_examples_through_the_renderers(choice: int, data: bytes) -> None:
    render(bytes([choice]) + data)


# -- random valid maps: checks, semantics, every exporter ---------------------------------------


@given(maps())
@bounded(40)
def test_random_maps_through_checks_render_and_exports(m: Map) -> None:
    text = dumps(m).encode()
    checks(text)
    render(bytes([0x85]) + text)
    assert from_json(to_json(m)) == m
    importers(bytes([1]) + to_aif(m).encode())
    importers(bytes([2]) + to_argdown(m).encode())


@given(grammar_texts(), st.integers(0, 255))
@bounded(30)
def test_grammar_generated_maps_through_checks_and_render(text: str, choice: int) -> None:
    """The grammar's own sentences (tests/hardening/test_fuzz_parser.py feeds them to the parser) go on
    through every check, the semantics, the DOT builder and the page."""
    data = text.encode("utf-8")
    checks(data)
    render(bytes([choice]) + data)


# -- structured random files for the importers --------------------------------------------------

_SCALARS = st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | st.text(max_size=12)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
_WORDS = st.sampled_from(["C1", "P1", "s1", "p1", "r1", "", "x y", "1", "claim", "<b>", "\u202e", "a\rb", "-"])


def _field(value: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Usually a plausible value, sometimes anything JSON can hold."""
    return st.one_of(value, value, value, _JSON)


_KIND = _field(st.sampled_from(["claim", "premise", "rebuttal", "supports", "attacks", "undercuts", "contradicts"]))

argmap_json = st.fixed_dictionaries(
    {
        "format": _field(st.just("argmap")),
        "version": _field(st.sampled_from([1, 2, 0])),
        "nodes": _field(
            st.lists(
                st.fixed_dictionaries(
                    {"kind": _KIND, "id": _field(_WORDS), "text": _field(_WORDS)},
                    optional={
                        "by": _field(_WORDS),
                        "quotes": _field(st.lists(st.fixed_dictionaries({"source": _WORDS, "text": _WORDS}))),
                        "tags": _field(st.lists(_WORDS, max_size=3)),
                        "step": _field(st.integers(-3, 2**40)),
                        "implicit": _field(st.booleans()),
                    },
                ),
                max_size=5,
            )
        ),
        "relations": _field(
            st.lists(
                st.fixed_dictionaries(
                    {"kind": _KIND, "members": _field(st.lists(_WORDS, max_size=3)), "target": _field(_WORDS)},
                    optional={"id": _field(_WORDS), "outweighed": _field(st.booleans())},
                ),
                max_size=5,
            )
        ),
    },
    optional={
        "sources": _field(st.lists(st.fixed_dictionaries({"id": _WORDS, "title": _field(_WORDS)}), max_size=2)),
        "persons": _field(st.lists(st.fixed_dictionaries({"id": _WORDS, "name": _field(_WORDS)}), max_size=2)),
        "title": _field(_WORDS),
    },
)

aif_json = st.fixed_dictionaries(
    {
        "nodes": _field(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "nodeID": _field(_WORDS),
                        "text": _field(_WORDS),
                        "type": _field(st.sampled_from(["I", "RA", "CA", "MA", "L", "YA", "TA", "X"])),
                    }
                ),
                max_size=6,
            )
        ),
        "edges": _field(
            st.lists(
                st.fixed_dictionaries({"edgeID": _field(_WORDS), "fromID": _field(_WORDS), "toID": _field(_WORDS)}),
                max_size=8,
            )
        ),
    },
    optional={
        "locutions": _field(st.lists(st.fixed_dictionaries({"nodeID": _WORDS, "personID": _field(_WORDS)}))),
        "participants": _field(st.lists(st.fixed_dictionaries({"participantID": _WORDS, "firstname": _WORDS}))),
    },
)

argdown_json = st.fixed_dictionaries(
    {
        "statements": _field(
            st.dictionaries(_WORDS, st.fixed_dictionaries({"title": _field(_WORDS)}, optional={"members": _JSON}))
        ),
        "arguments": _field(
            st.dictionaries(
                _WORDS,
                st.fixed_dictionaries({"title": _field(_WORDS)}, optional={"pcs": _JSON, "members": _JSON}),
            )
        ),
        "relations": _field(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "from": _field(_WORDS),
                        "to": _field(_WORDS),
                        "relationType": _field(st.sampled_from(["support", "attack", "undercut", "contradictory"])),
                    },
                    optional={"fromType": _WORDS, "toType": _WORDS},
                ),
                max_size=5,
            )
        ),
    }
)

_ARGDOWN_PIECES = st.sampled_from(
    [
        "[C1]: text", "[P1]: reason", "<A1>: argument", "\n", "\n  ", "  + ", "  - ", "  <+ ", "  <- ", "  >< ",
        "  _> ", "(1) ", "(2) ", "----", "\n--\nInference rule\n--", "# Heading", "===\ntitle: x\n===", "#(tag)",
        "{a: 1}", "// comment", "<!-- c -->", "[", "]", "<", ">", ":", "\\", "*", "_", "@[x]", "[C1]", "<A1>",
    ]
)  # fmt: skip
_KIALO_PIECES = st.sampled_from(
    [
        "Discussion Title: t\n\n", "1. ", "1.1. ", "1.1.1. ", "1.2. ", "2. ", "Pro: ", "Con: ", "-> See 1.1.",
        "\n", "text", "\\(x\\)", "1.1.1.1.1.1.1.1.1.1.1.1. ", "0. ", "1.a. ", "Thesis: ",
    ]
)  # fmt: skip


def _json_text(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[str]:
    return strategy.map(lambda value: json.dumps(value, allow_nan=True))


@given(
    st.one_of(
        st.tuples(st.just(0), _json_text(argmap_json)),
        st.tuples(st.just(1), _json_text(aif_json)),
        st.tuples(st.just(2), st.lists(_ARGDOWN_PIECES | st.text(max_size=6), max_size=40).map("".join)),
        st.tuples(st.just(3), _json_text(argdown_json)),
        st.tuples(st.just(4), st.lists(_KIALO_PIECES | st.text(max_size=6), max_size=40).map("".join)),
        st.tuples(st.integers(0, 4), _json_text(_JSON)),
    )
)
@example((0, '{"format":"argmap","version":1,"nodes":[{"kind":"claim","id":"C1","text":"x"}],"relations":[]}'))
@example((0, '{"format":"argmap","version":1e999,"nodes":[],"relations":[]}'))
@example((0, "[" * 5000 + "]" * 5000))
@example((1, '{"nodes":[{"nodeID":"1","text":"a","type":"I"},{"nodeID":"1","text":"b","type":"RA"}],"edges":[]}'))
@example((2, "[C1]: a\n  + [C1]: b\n    - [C1]: c"))
@example((4, "Discussion Title: t\n\n1. a\n1.1. Pro: b\n1.1.1. Con: -> See 1.1.\n"))
@bounded(100)
def test_structured_random_files_through_every_importer(case: tuple[int, str]) -> None:
    reader, text = case
    importers(bytes([reader]) + text.encode("utf-8", "surrogatepass"))


# -- bugs found by this work: fixed ones keep their test, open ones are strict xfail ---------------


@pytest.mark.parametrize("text", ["a\rb", "a\r\nb", "\r"])
def test_carriage_return_in_imported_text_converts_to_arg(text: str) -> None:
    """Was exit 70 from `convert` (the map did not read back the same); fixed, kept as a regression."""
    doc = {"format": "argmap", "version": 1, "nodes": [{"kind": "claim", "id": "C1", "text": text}], "relations": []}
    m = from_json(json.dumps(doc))
    back = loads_result(dumps(m))
    assert back.ok and back.map == m


def test_convert_json_with_a_carriage_return_to_arg(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from argmap.cli import main

    source = tmp_path / "cr.json"
    doc = {"format": "argmap", "version": 1, "nodes": [{"kind": "claim", "id": "C1", "text": "a\rb"}]}
    source.write_text(json.dumps(doc))
    code = main(["convert", str(source), "-o", str(tmp_path / "cr.arg")])
    assert "Traceback" not in capsys.readouterr().err
    assert code == 0
    assert loads_result((tmp_path / "cr.arg").read_text()).map.node("C1").text in ("a\rb", "a\nb")


def test_argdown_import_warnings_stay_short() -> None:
    """Was: warnings quoted whole elements (13 KB each); fixed, kept as a regression."""
    from argmap.formats import from_argdown_result

    long_text = "a very long statement " * 200
    text = "[" + long_text + "]: x {color: red}\n<" + long_text + "> {argmap: attacks}\n(1) [p]\n----\n(2) [c]\n"
    result = from_argdown_result(text)
    assert len(result.warnings) >= 2
    assert all(len(w.message) < 500 and "\n" not in w.message for w in result.warnings)


# -- random maps through the real layout engines --------------------------------------------------


@pytest.mark.exe
@given(maps(), st.sampled_from([None, "source", "tag"]))
@bounded(10)
def test_random_maps_are_drawn_by_every_engine(m: Map, group_by: str | None) -> None:
    """Whatever the map, both engines accept argmap's DOT, and the SVG passes the SVG oracle."""
    from argmap.diagram import RenderOptions, build_dot
    from argmap.diagram.engine import run_engine
    from tests.fuzz.oracles import assert_svg_safe, engines

    found = engines()
    if not found:
        pytest.skip("no layout engine installed")
    source = build_dot(m, RenderOptions(group_by=group_by))
    for engine in found:
        assert_svg_safe(run_engine(source, "svg", engine=engine).decode("utf-8"))
