"""Argdown: import of every core construct (golden map and warnings), export (golden text),
hostile text, and the Argdown command line's own verdict on what argmap writes.

Regenerate the golden files with ``ARGMAP_UPDATE_GOLDEN=1``. The tests marked ``exe`` run the
pinned ``@argdown/cli`` from tests/argdown/ (``npm ci`` there on first use); without npm they
skip with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.analysis.report import short
from argmap.formats import from_argdown_json_result, from_argdown_result, to_argdown
from argmap.formats.argdown_export import escape_text
from argmap.formats.errors import MAX_LOSS_MESSAGE
from argmap.language.names import check_names
from argmap.model import Map, Node, NodeKind, Relation, RelationKind
from argmap.model.diagnostics import CHECKS, Diagnostic, Severity
from tests.formats.test_formats_roundtrip import shape

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "interchange"
GOLDEN = DATA / "golden"
NPM_FOLDER = ROOT / "tests" / "argdown"
EXAMPLE = ROOT / "tests" / "data" / "language_example.arg"


def check_golden(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_import_of_every_construct_matches_golden() -> None:
    result = from_argdown_result(
        (DATA / "fixtures" / "constructs.argdown").read_text(encoding="utf-8"), "constructs.argdown"
    )
    check_golden("constructs.arg", argmap.dumps(result.map))
    # Place and message only: the code depends on the registry (see test_warnings_are_warnings).
    check_golden("constructs.warnings", "".join(f"{w.span}: {w.message}\n" for w in result.warnings))


def test_warnings_are_import_loss_warnings() -> None:
    result = from_argdown_result((DATA / "fixtures" / "constructs.argdown").read_text(encoding="utf-8"))
    expected = "import-loss" if "import-loss" in CHECKS else "bad-value"
    assert {(w.name, w.severity) for w in result.warnings} == {(expected, Severity.WARNING)}
    assert short(result.warnings[0]).startswith("<string>:1:1: warning[")


def test_import_of_core_constructs() -> None:
    m = from_argdown_result((DATA / "fixtures" / "constructs.argdown").read_text(encoding="utf-8")).map
    found = {(r.kind, r.members, r.target) for r in m.relations}
    assert (RelationKind.SUPPORTS, ("Equality",), "Uniforms") in found  # `+`
    assert (RelationKind.SUPPORTS, ("Safety",), "Uniforms") in found  # `<+` from an argument
    assert (RelationKind.SUPPORTS, ("Uniforms",), "Discipline") in found  # `+>`
    assert (RelationKind.ATTACKS, ("Cost",), "Uniforms") in found  # `-`
    assert (RelationKind.ATTACKS, ("Uniforms",), "Freedom") in found  # `->`
    assert (RelationKind.ATTACKS, ("Expression",), "Uniforms") in found  # `<-`
    assert (RelationKind.CONTRADICTS, ("Freedom",), "Uniforms") in found  # `><`
    # A PCS is a linked group; a second inference builds on the first conclusion.
    assert (RelationKind.SUPPORTS, ("Equality", "Teasing_hurts"), "Uniforms") in found
    assert (RelationKind.SUPPORTS, ("Middle", "A3"), "Discipline") in found
    # `_> <Linked reason>` undercuts that argument's inference.
    undercut = next(r for r in m.relations if r.kind is RelationKind.UNDERCUTS)
    assert m.relation(undercut.target).members == ("Equality", "Teasing_hurts")
    # Tags, headings as tags, a continued line, escapes, the front matter title.
    assert m.node("Uniforms").tags[:2] == ("policy", "main_claim")
    assert "School_uniforms" in m.node("Cost").tags
    assert m.node("Equality").text == "Uniforms hide differences in wealth, so nobody is teased for cheap clothes."
    assert any(n.text == "A plain statement without a title, with [escaped] #characters." for n in m.nodes)
    assert m.title == "Every construct argmap reads"


def test_export_matches_golden() -> None:
    check_golden("language_example.argdown", to_argdown(argmap.load(EXAMPLE)))


HOSTILE = (
    'A "quote" [bracket] <angle> ]]> <script>alert(1)</script> #tag @[mention] {data: 1} // not a comment '
    "/* nor this */ <!-- nor this --> \\ back `code` *em* _u_ + - -> >< (1) ---- === é ✓"
)


def hostile_map() -> Map:
    return Map(
        title='Title with "quotes" and\na newline',
        nodes=(
            Node(NodeKind.CLAIM, "C1", HOSTILE),
            Node(NodeKind.PREMISE, "P1", "line one\nline two"),
            Node(NodeKind.PREMISE, "P2", ""),
            Node(NodeKind.REBUTTAL, "R1", "#(not a tag) \\#"),
        ),
        relations=(
            Relation(RelationKind.SUPPORTS, ("P1", "P2"), "C1", id="S1", note=HOSTILE),
            Relation(RelationKind.ATTACKS, ("R1",), "C1"),
            Relation(RelationKind.UNDERCUTS, ("R1",), "S1"),
        ),
    )


def test_hostile_text_is_escaped() -> None:
    m = hostile_map()
    back = from_argdown_result(to_argdown(m))
    assert back.warnings == ()
    assert [n.text for n in back.map.nodes] == [HOSTILE, "line one line two", "", "#(not a tag) \\#"]
    assert back.map.relations[0].note == HOSTILE
    assert back.map.title == m.title
    assert all(n.tags == () for n in back.map.nodes)
    assert escape_text("a\nb") == "a b"


# -- the Argdown command line -------------------------------------------------------------------


@pytest.fixture(scope="module")
def argdown_cli() -> Path:
    """The pinned ``argdown`` executable, installed with ``npm ci`` on first use."""
    binary = NPM_FOLDER / "node_modules" / ".bin" / "argdown"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            pytest.skip("npm and node are needed to install the Argdown command line (tests/argdown)")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"], cwd=NPM_FOLDER, capture_output=True, text=True, timeout=600
        )
        if done.returncode != 0 or not binary.exists():
            pytest.skip(f"`npm ci` in tests/argdown failed: {done.stderr.strip().splitlines()[-1:]}")
    return binary


def _example_maps() -> list[tuple[str, Map]]:
    found = [(p.stem, argmap.load(p)) for p in sorted((ROOT / "examples").glob("*.arg"))]
    constructs = argmap.load(DATA / "fixtures" / "all_constructs.arg", allow_errors=True)
    return [
        *found,
        ("language_example", argmap.load(EXAMPLE)),
        ("all_constructs", constructs),
        ("hostile", hostile_map()),
        ("empty", Map()),  # was a lone newline, which the Argdown CLI rejects
        ("title_only", Map(title="Nothing yet")),
    ]


@pytest.fixture(scope="module")
def argdown_json_of_exports(argdown_cli: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every example exported to Argdown, then read by the Argdown command line (one run for
    all, as node takes seconds to start): the JSON it wrote for each, by name."""
    folder = tmp_path_factory.mktemp("argdown")
    for name, m in _example_maps():
        (folder / f"{name}.argdown").write_text(to_argdown(m), encoding="utf-8")
    done = subprocess.run(
        [str(argdown_cli), "json", "*.argdown", "out"], cwd=folder, capture_output=True, text=True, timeout=300
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "syntax error" not in output.lower(), output
    return {name: (folder / "out" / f"{name}.json").read_text(encoding="utf-8") for name, _ in _example_maps()}


@pytest.mark.exe
@pytest.mark.parametrize(("name", "m"), _example_maps(), ids=[name for name, _ in _example_maps()])
def test_argdown_cli_accepts_the_export_and_reads_the_same_map(
    argdown_json_of_exports: dict[str, str], name: str, m: Map
) -> None:
    # What the Argdown tools read from our export, read back by argmap, is the same map.
    back = from_argdown_json_result(argdown_json_of_exports[name], f"{name}.json")
    assert back.warnings == ()
    assert shape(back.map) == shape(m)
    assert [n.kind for n in back.map.nodes] == [n.kind for n in m.nodes]


def test_titles_become_unique_valid_ids() -> None:
    text = "[P1]: a statement\n\n<P1>: an argument\n  + [P1]\n\n[claim]: keyword title\n\n[two words]: spaced\n"
    result = from_argdown_result(text)
    assert [n.id for n in result.map.nodes] == ["P1", "claim_", "two_words", "P1_2"]
    assert argmap.loads(argmap.dumps(result.map), allow_errors=True) == result.map


def test_warnings_name_their_lines() -> None:
    text = "[A]: a {color: red}\n\n[B]: b\n  _ [A]\n\n  + [C]: hangs from nothing\n"
    lines = [(w.span.line, w.message) for w in from_argdown_result(text, "t.argdown").warnings]
    assert lines == [
        (1, "data `color` of [A] has no place in argmap"),
        (4, "an undercut of [B], which is not an argument, is read as an attack"),
        (6, "relation `+` has nothing above it to relate to; left out"),
    ]


def test_an_attack_argument_whose_conclusion_aims_at_nothing_is_reported() -> None:
    text = (
        "<Half>: {argmap: attacks}\n\n(1) [R]: r\n----\n(2) [Half conclusion]: x {argmap: conclusion}\n\n"
        "[U]: u\n  _> <Half>\n"
    )
    result = from_argdown_result(text, "t.argdown")
    assert result.map.relations == ()
    messages = [w.message for w in result.warnings]
    assert messages == [
        "<Half> is marked as an attack but its conclusion [Half conclusion] aims at nothing; it is left out",
        "<Half> has no inference to undercut; the undercut is left out",
    ]
    assert argmap.loads(argmap.dumps(result.map), allow_errors=True) == result.map


def test_front_matter_is_read_before_comments() -> None:
    m = Map(title="a <!-- b --> c // d /* e */ f")
    assert from_argdown_result(to_argdown(m)).map.title == m.title


def _others(warnings: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    """The warnings other than of statements referred to and never given a text (these tests
    write such statements for brevity)."""
    return [w for w in warnings if "never given a text" not in w.message]


# -- every import is a well-named map ------------------------------------------------------------


def test_an_attack_argument_whose_conclusion_undercuts_is_read_as_an_undercut() -> None:
    """Was (fuzzing, 2026-11-21): an `attacks` relation aimed at a relation id, an invalid map."""
    text = (
        "<S1> {argmap: supports}\n(1) [P2]\n----\n(2) [C1]\n\n"
        "<r4> {argmap: attacks}\n(1) [R3]\n----\n(2) [r4 conclusion]: x\n  _> <S1>\n"
    )
    result = from_argdown_result(text, "t.argdown")
    assert [(r.kind, r.members, r.target, r.id) for r in result.map.relations] == [
        (RelationKind.SUPPORTS, ("P2",), "C1", "S1"),
        (RelationKind.UNDERCUTS, ("R3",), "S1", "r4"),
    ]
    assert [(w.span.line, w.message) for w in _others(result.warnings)] == [
        (10, "<r4> is marked as an attack but its conclusion undercuts <S1>; it is read as an undercut"),
    ]
    assert check_names(result.map) == ()


def test_an_undercut_argument_whose_conclusion_attacks_is_read_as_an_attack() -> None:
    text = "<U> {argmap: undercuts}\n(1) [R]\n----\n(2) [U conclusion]: x\n  -> [C]: c\n"
    result = from_argdown_result(text, "t.argdown")
    assert [(r.kind, r.members, r.target) for r in result.map.relations] == [(RelationKind.ATTACKS, ("R",), "C")]
    assert [w.message for w in _others(result.warnings)] == [
        "<U> is marked as an undercut but its conclusion attacks [C]; it is read as an attack"
    ]
    assert check_names(result.map) == ()


def test_arguments_sharing_a_stand_in_conclusion_are_all_aimed() -> None:
    """Was (fuzz corpus): the first of two arguments with one conclusion kept an empty target."""
    text = (
        "<A> {argmap: attacks}\n(1) [R1]\n----\n(2) [shared]: x\n\n"
        "<B> {argmap: attacks}\n(1) [R2]\n----\n(2) [shared]: x\n  -> [C]: c\n"
    )
    result = from_argdown_result(text, "t.argdown")
    assert sorted((r.kind, r.members, r.target) for r in result.map.relations) == [
        (RelationKind.ATTACKS, ("R1",), "C"),
        (RelationKind.ATTACKS, ("R2",), "C"),
    ]
    assert check_names(result.map) == ()


def _interchange_argdown() -> list[Path]:
    found = [*DATA.glob("*.argdown"), *(DATA / "fixtures").glob("*.argdown")]
    found += list(DATA.glob("argdown_*.json"))
    return sorted(found)


@pytest.mark.parametrize("path", _interchange_argdown(), ids=lambda p: p.name)
def test_every_fixture_imports_as_a_well_named_map(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    read = from_argdown_json_result if path.suffix == ".json" else from_argdown_result
    result = read(text, path.name)
    assert result.map.relations
    assert check_names(result.map) == ()
    assert argmap.loads(argmap.dumps(result.map), allow_errors=True) == result.map


# Few titles, so that elements meet: arguments share conclusions, relations aim at arguments
# that have a reconstruction, statements double as conclusions.
_ARGUMENTS = st.sampled_from(["A", "S1", "x y"])
_STATEMENTS = st.sampled_from(["A", "C1", "x y", "A conclusion"])
_MARKS = st.sampled_from(["+", "-", "_", "<+", "<-", "<_", "+>", "->", "_>", "><"])


@st.composite
def _argdown_documents(draw: st.DrawFn) -> str:
    """Argdown built from the constructs the importer gives meaning to, in any combination:
    statements, arguments marked `{argmap: ...}`, PCS (one or two steps, with stand-in
    conclusions), and relations of every mark between statements and arguments."""

    def ref() -> str:
        return f"[{draw(_STATEMENTS)}]" if draw(st.booleans()) else f"<{draw(_ARGUMENTS)}>"

    blocks = []
    for _ in range(draw(st.integers(1, 6))):
        choice = draw(st.integers(0, 2))
        if choice == 0:
            mark = draw(st.sampled_from(["", " {argmap: supports}", " {argmap: attacks}", " {argmap: undercuts}"]))
            lines = [f"<{draw(_ARGUMENTS)}>{mark}"]
            for number in range(1, draw(st.integers(2, 4)) + 1):
                if draw(st.integers(0, 3)) == 0 and number > 1:
                    lines.append("----")
                title = draw(_STATEMENTS)
                conclusion = " {argmap: conclusion}" if draw(st.booleans()) else ""
                lines.append(f"({number}) [{title}]: t{conclusion}")
            lines.append("----")
            lines.append(f"({len(lines)}) [{draw(_STATEMENTS)}]: c {{argmap: conclusion}}")
        else:
            lines = [ref() + (": text" if draw(st.booleans()) else "")]
        for depth in range(draw(st.integers(0, 3))):
            lines.append("  " * (depth % 2 + 1) + f"{draw(_MARKS)} {ref()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


@given(_argdown_documents())
def test_random_argdown_imports_as_a_well_named_map(text: str) -> None:
    """Whatever the Argdown, every relation names things of the right kind (supports and attacks
    a node, undercuts a relation), and the map converts to .arg and reads back the same."""
    result = from_argdown_result(text, "t.argdown")
    assert check_names(result.map) == ()
    assert argmap.loads(argmap.dumps(result.map), allow_errors=True) == result.map


# -- warnings are one short line, at the best place known ----------------------------------------

_LONG = "a very long statement " * 200


def test_argdown_json_warnings_name_the_json_path_and_line() -> None:
    doc = {
        "statements": {_LONG: {"data": {"color": 1}}, "b": {}},
        "arguments": {"A": {"pcs": [{"title": "b", "role": "main-conclusion"}]}},
        "relations": [{"from": "b", "to": "b", "relationType": "entails"}, {"from": "b", "to": "b", "type": "x"}],
    }
    text = json.dumps(doc, indent=1)
    warnings = _others(from_argdown_json_result(text, "a.json").warnings)
    shown = [f"{w.span.line}:{w.span.column} {w.message}" for w in warnings]
    cut = "a very long statement a very long statement a very long sta…"
    column = text.split("\n")[2].index("{") + 1  # where the long statement's value starts
    assert shown == [
        f'3:{column} statements["{cut[:39]}…"]: data `color` of [{cut}] has no place in argmap',
        "13:5 arguments.A.pcs[0]: an inference of argument <A> has no premises; it is left out",
        "26:3 relations[1]: an Argdown `x` relation has no argmap equivalent; it is left out",
    ]
    assert all(len(w.message) < 200 for w in warnings)


def test_import_loss_warnings_are_bounded_whatever_they_list() -> None:
    keys = "".join(f"key{n}: 1\n" for n in range(200))
    warnings = from_argdown_result(f"===\n{keys}===\n\n[A]: a\n", "t.argdown").warnings
    assert len(warnings) == 1
    assert warnings[0].message.startswith("front matter `key0`, `key1`")
    assert len(warnings[0].message) <= MAX_LOSS_MESSAGE and warnings[0].message.endswith("…")


def test_a_labelled_undercut_of_an_argument_with_two_inferences_is_split_with_fresh_labels() -> None:
    """Was (found by the random Argdown test): both copies kept one label, a duplicate id."""
    text = (
        "<X>\n  +> [C]: c\n  +> [D]: d\n\n<U> {argmap: undercuts}\n(1) [R]: r\n----\n(2) [U conclusion]: x\n"
        "  _> <X>\n\n[Q]: q\n  _> <U>\n"
    )
    result = from_argdown_result(text, "t.argdown")
    assert [(r.kind.value, r.members, r.target, r.id) for r in result.map.relations] == [
        ("undercuts", ("R",), "X_inference", "U"),
        ("undercuts", ("R",), "X_inference_2", "U_2"),
        ("supports", ("X",), "C", "X_inference"),
        ("supports", ("X",), "D", "X_inference_2"),
        ("undercuts", ("Q",), "U", None),
    ]
    assert [(w.span.line, w.message) for w in result.warnings] == [
        (7, "`U` undercuts 2 inferences, so it is split; the copies are labelled `U_2`")
    ]
    assert check_names(result.map) == ()
