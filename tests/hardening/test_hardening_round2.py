"""The second round of hostile inputs (issue 19): each finding of the adversarial review, fixed.

One test (or a few) per finding; each failed before its fix. The scaling suite that guards the
whole class of "one input dimension makes a stage quadratic" is tests/hardening/test_scaling.py; the rows
of docs/hardening.md name these tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from argmap.analysis.checks.matching import Article, closest_passage, fold, locate
from argmap.analysis.loading import loads_result
from argmap.analysis.semantics import MAX_REJECTED, search
from argmap.cli import main
from argmap.model import NO_SPAN
from argmap.model.diagnostics import MAX_LABELS, MAX_MESSAGE, Label
from tests.hardening.test_hardening_support import argmap_command, assert_tidy, cli, codes_of, run_argmap, write

#: Wall-clock bound for a child process that must finish at once (generous: a shared machine).
QUICK = 60.0


def run_python(code: str, timeout: float = QUICK) -> str:
    """Run ``code`` in a child interpreter (so a hang fails the test instead of stopping it)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, check=True
    )
    return done.stdout


def self_supporting(n: int) -> str:
    return "".join(f'claim C{i} "c{i}"\nC{i} supports C{i}\n' for i in range(n))


# -- 1. stable evaluation with circular support ------------------------------------------------


def test_evaluate_refuses_a_map_with_circular_support(tmp_path: Path) -> None:
    path = write(tmp_path, "self.arg", self_supporting(40))
    outcome = run_argmap(["evaluate", "--semantics", "stable", "--limit", "1", str(path)], timeout=QUICK)
    assert_tidy(outcome)
    assert outcome.code == 1
    assert "circular-support" in outcome.err
    assert "fix them before evaluating" in outcome.err


def test_stable_search_rules_out_each_support_cycle_at_once() -> None:
    # 2^40 candidate readings have some cycle `in`; the search must not try them one by one.
    out = run_python(
        """
        from argmap.analysis.loading import loads_result
        from argmap.analysis.semantics import search
        from tests.hardening.test_hardening_round2 import self_supporting
        found = search(loads_result(self_supporting(40)).map, "stable", limit=5)
        print(len(found.labellings), found.stopped, sum(len(r.accepted()) for r in found.labellings))
        """
    )
    assert out.split() == ["1", "None", "0"]


def test_enumeration_is_bounded_by_a_deadline_and_says_so(tmp_path: Path) -> None:
    contradictions = "".join(f'claim A{i} "a"\nclaim B{i} "b"\nA{i} contradicts B{i}\n' for i in range(40))
    m = loads_result(contradictions).map
    for semantics in ("preferred", "stable"):
        found = search(m, semantics, deadline=time.monotonic() - 1)
        assert (found.labellings, found.stopped) == ((), "time")
        assert search(m, semantics, limit=3).stopped == "limit"
    assert MAX_REJECTED >= 100
    path = write(tmp_path, "many.arg", contradictions)
    outcome = run_argmap(["evaluate", "--semantics", "preferred", "--limit", "100000", "--timeout", "1", str(path)])
    assert_tidy(outcome)
    assert outcome.code == 0
    assert "was stopped after 1 s" in outcome.err


# -- 2. a map of many bare claims: bounded messages, a page linear in the map -----------------


def test_no_claim_lists_a_bounded_number_of_claims_and_says_how_many_more() -> None:
    from argmap.analysis.analysis import analyze

    text = "".join(f'claim C{i} "claim {i}"\n' for i in range(6000))
    (found,) = [d for d in analyze(text=text).diagnostics if d.name == "no-claim"]
    assert "led by `C0`, `C1`, `C2`, `C3`, `C4` and 5,995 more" in found.message
    assert len(found.message) < 200
    assert len(found.labels) <= MAX_LABELS


def test_every_message_and_label_list_is_bounded() -> None:
    from argmap.model.diagnostics import listed, make

    assert listed(["a", "b"]) == "a, b"
    assert listed(str(i) for i in range(12)) == "0, 1, 2, 3, 4 and 7 more"
    long = make("orphan", "x" * 50_000, NO_SPAN, labels=[Label(NO_SPAN, "l")] * 1000)
    assert len(long.message) == MAX_MESSAGE and long.message.endswith("…")
    assert len(long.labels) == MAX_LABELS


def test_the_page_attaches_each_finding_to_the_nodes_it_names_only() -> None:
    from argmap.analysis.analysis import analyze
    from argmap.classroom.page import findings_by_node

    text = "".join(f'claim C{i} "claim {i}"\n' for i in range(3000))
    analysis = analyze(text=text)
    found = findings_by_node(analysis.map, analysis.diagnostics)
    no_claim = [node for node, ds in found.items() if any(d.name == "no-claim" for d in ds)]
    # The message names five claims and is located at the second: six nodes, not 3,000.
    assert sorted(no_claim) == ["C0", "C1", "C2", "C3", "C4"]
    assert sum(len(ds) for ds in found.values()) < 3 * 3000


# -- 3 and 4. quotes against big articles, quotes of long white space ----------------------


def test_a_quote_not_found_in_a_big_article_costs_little_memory() -> None:
    article = Article("The quick brown fox jumps over the lazy dog.  Again\n" * 40_000)  # 2 MB
    tracemalloc.start()
    try:
        assert locate(article, "a quote that is nowhere in it") is None
        closest_passage(article, "a quote that is nowhere in it at all")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # One Python int per character was 30+ bytes a character (60 MB here); now the translated
    # and the folded text and a few breakpoints: a few bytes a character.
    assert peak < 4 * len(article.text) + 2_000_000, peak


def test_fold_keeps_the_old_definition() -> None:
    """The compact fold gives exactly what the per-character fold gave (the reference below)."""

    def reference(text: str) -> tuple[str, list[int]]:
        out, origin, in_space = [], [], False
        for offset, c in enumerate(text):
            if c.isspace():
                if not in_space:
                    out.append(" ")
                    origin.append(offset)
                in_space = True
                continue
            if c in "\u00ad\u200b\u200c\u200d\u2060\ufeff":
                continue
            in_space = False
            folded = {"“": '"', "”": '"', "’": "'", "–": "-", "…": "..."}.get(c, c)
            out.append(folded)
            origin.extend([offset] * len(folded))
        return "".join(out), origin

    for text in ["", "a  b", "“It’s” – done…", " \u200b \n\tx\u00ad y  ", "…… a\u200b", "x" * 5 + "  " * 3]:
        folded, offsets = fold(text)
        assert (folded, list(offsets)) == reference(text), text
        for start in range(len(text) + 1):
            expected = next((i for i, o in enumerate(reference(text)[1]) if o >= start), len(folded))
            assert offsets.first_at_or_after(start) == expected


def test_a_quote_of_a_hundred_thousand_spaces_is_quick() -> None:
    out = run_python(
        """
        import time
        from argmap.analysis.checks.matching import Article, locate
        start = time.perf_counter()
        locate(Article("x a b y"), "a" + " " * 100_000 + "b")
        locate(Article("x a b y"), "a" + " " * 100_000)
        print(time.perf_counter() - start < 5)
        """
    )
    assert out.split() == ["True"]


def test_a_composed_quote_matches_a_decomposed_article_exactly() -> None:
    nfd = unicodedata.normalize("NFD", "Le café était fermé à Noël.")
    nfc = unicodedata.normalize("NFC", "café était fermé")
    assert nfd != nfc and nfc not in nfd
    match = locate(Article(nfd), nfc)
    assert match is not None and match.exact
    assert unicodedata.normalize("NFC", nfd[match.start : match.end]) == nfc
    # And the other way round.
    match = locate(Article(unicodedata.normalize("NFC", nfd)), unicodedata.normalize("NFD", nfc))
    assert match is not None and match.exact


# -- 5. did-you-mean ----------------------------------------------------------------------------


def test_did_you_mean_still_finds_the_near_id_in_a_big_map() -> None:
    from argmap.analysis.analysis import analyze

    ids = "".join(f'premise Reason{i} "r"\n' for i in range(3000))
    analysis = analyze(text=ids + 'claim C "c"\nReasn17 supports C\nreason17 supports C\n')
    hints = [h for d in analysis.diagnostics if d.name == "undefined-id" for h in d.hints]
    assert "did you mean `Reason17`?" in hints
    assert hints.count("did you mean `Reason17`?") == 2


# -- 8. include depth, file names, standard output -------------------------------------------


def test_an_include_chain_five_hundred_deep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(500):
        include = f'include "f{i + 1}.arg"\n' if i < 499 else ""
        write(tmp_path, f"f{i}.arg", include + f'claim C{i} "c{i}" implicit\n')
    outcome = cli(capsys, "check", str(tmp_path / "f0.arg"))
    assert_tidy(outcome)
    assert outcome.code == 0


def test_a_long_include_cycle_is_named_by_its_ends(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(50):
        write(tmp_path, f"f{i}.arg", f'include "f{(i + 1) % 50}.arg"\nclaim C{i} "c" implicit\n')
    outcome = cli(capsys, "check", str(tmp_path / "f0.arg"))
    assert_tidy(outcome)
    assert "include cycle: f0.arg -> f1.arg -> f2.arg -> … 46 more … -> f49.arg -> f0.arg" in outcome.text


@pytest.mark.exe
def test_a_file_name_that_is_not_utf8_becomes_an_escaped_title(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xff.arg")
    (tmp_path / name).write_text('claim C1 "x"\n  implicit\n', encoding="utf-8")
    outcome = run_argmap(["render", name, "-o", "page.html"], cwd=tmp_path)
    assert_tidy(outcome)
    assert outcome.code == 0
    assert "<title>caf\\udcff.arg</title>" in (tmp_path / "page.html").read_text(encoding="utf-8")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "argv",
    [["check", "{map}"], ["convert", "{map}", "-o", "-", "--to", "json"], ["fmt", "-"], ["evaluate", "{map}"]],
)
def test_a_full_standard_output_is_exit_3(tmp_path: Path, argv: list[str]) -> None:
    path = write(tmp_path, "map.arg", "".join(f'claim C{i} "c{i}"\n' for i in range(2000)))
    command = [*argmap_command(), *(a.format(map=path) for a in argv)]
    with open("/dev/full", "wb") as full, open(path, "rb") as stdin:
        done = subprocess.run(command, stdout=full, stdin=stdin, stderr=subprocess.PIPE, timeout=QUICK, check=False)
    err = done.stderr.decode()
    assert done.returncode == 3, err
    assert "cannot write to standard output: No space left on device" in err
    assert "Traceback" not in err and "Exception ignored" not in err


# -- 9. fmt keeps `# argmap: allow` on what it silences ---------------------------------------


def test_fmt_keeps_an_allow_comment_on_the_statement_it_silences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        'claim C1 "x" implicit  # argmap: allow unsupported-claim\n'
        'claim C2 "y"  # argmap: allow unsupported-claim, no-claim\n'
        'person p "P" role "R"  # the role\n'
    )
    path = write(tmp_path, "map.arg", text)
    before = cli(capsys, "check", str(path))
    assert cli(capsys, "fmt", str(path)).code == 0
    after_text = path.read_text(encoding="utf-8")
    assert after_text != text
    assert 'claim C1 "x"  # argmap: allow unsupported-claim\n  implicit\n' in after_text
    assert '  role "R"  # the role' in after_text  # other trailing comments go with their attribute
    after = cli(capsys, "check", str(path))
    assert (before.code, codes_of(before)) == (after.code, codes_of(after))


def test_fmt_leaves_a_file_whose_findings_formatting_would_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The allowance silences the quote's warning on its one line; formatting splits the line in
    # four and the quote would land two lines below the allowance's reach. fmt says so.
    write(tmp_path, "a.txt", "He said: it\u2019s done.\n")
    text = (
        'source s "S"\n  file "a.txt"\nperson p "P"\n'
        'claim C1 "x" by p implicit quote s "it\'s done"  # argmap: allow quote-typography\n'
    )
    path = write(tmp_path, "map.arg", text)
    assert "quote-typography" not in codes_of(cli(capsys, "check", str(path)))
    outcome = cli(capsys, "fmt", str(path))
    assert_tidy(outcome)
    assert outcome.code == 1
    assert "formatting would change which findings" in outcome.err
    assert path.read_text(encoding="utf-8") == text


# -- 10. never destroy an input ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "{map}", "-o", "{map}", "--format", "svg"],
        ["render", "{map}", "-o", "{inc}", "--format", "dot", "--force"],
        ["convert", "{map}", "-o", "{map}", "--to", "json"],
        ["convert", "{map}", "-o", "{map}"],
        ["convert", "{map}", "-o", "{inc}"],
        ["exercise", "{map}", "-o", "{map}", "--format", "svg", "--blank", "texts"],
        ["compare", "{svg}", "{map}", "-o", "{svg}"],
    ],
)
def test_no_command_writes_over_its_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    inc = write(tmp_path, "part.arg", 'premise P1 "p"  # a comment\n')
    path = write(tmp_path, "map.arg", 'include "part.arg"\n# mine\nclaim C1 "c"\nP1 supports C1\n')
    svg = write(tmp_path, "student.svg", 'claim C1 "a student map, oddly named"\n')
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    outcome = cli(capsys, *(a.format(map=path, inc=inc, svg=svg) for a in argv))
    assert_tidy(outcome)
    assert outcome.code == 2, outcome.text
    assert "refusing to write over" in outcome.err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_render_to_standard_output_like_convert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "map.arg", 'claim C1 "c" implicit\n')
    outcome = cli(capsys, "render", str(path), "-o", "-", "--format", "dot")
    assert outcome.code == 0
    assert outcome.out.startswith("digraph argmap {")
    assert not (tmp_path / "-").exists() and not Path("-").exists()


def test_fmt_of_a_symlink_formats_the_file_it_points_to(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = write(tmp_path, "real.arg", 'claim   C1   "c"   implicit\n')
    link = tmp_path / "link.arg"
    link.symlink_to(real.name)
    assert cli(capsys, "fmt", str(link)).code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == 'claim C1 "c"\n  implicit\n'


def test_an_output_over_the_size_limit_fails_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.commands.files as files

    monkeypatch.setattr(files, "MAX_OUTPUT_BYTES", 1000)
    path = write(tmp_path, "map.arg", "".join(f'claim C{i} "claim {i}" implicit\n' for i in range(100)))
    out = tmp_path / "out.json"
    outcome = cli(capsys, "convert", str(path), "-o", str(out))
    assert_tidy(outcome)
    assert outcome.code == 3
    assert "over argmap's limit" in outcome.err
    assert not out.exists()


# -- 11. JSON outputs escape what a terminal would act on --------------------------------------


def test_check_json_escapes_c1_controls_and_direction_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A file name reaches the JSON as it is (ids cannot hold such characters; names can).
    path = write(tmp_path, "csi\u009b31m rlo\u202eevil.arg", 'claim C1 "c"\nP9 supports C1\n')
    outcome = cli(capsys, "check", str(path), "--format", "json")
    assert outcome.code == 1
    assert "\u009b" not in outcome.out and "\u202e" not in outcome.out
    assert "\\u009b" in outcome.out and "\\u202e" in outcome.out
    assert json.loads(outcome.out)[0]["file"] == str(path)


def test_compare_json_escapes_c1_controls_and_direction_overrides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "csi\u009b31m rlo\u202eevil"
    student = write(tmp_path, "student.arg", f'claim C1 "{hostile}" implicit\n')
    key = write(tmp_path, "key.arg", 'claim K1 "something else" implicit\n')
    outcome = cli(capsys, "compare", str(student), str(key), "--format", "json")
    assert outcome.code == 0
    assert "\u009b" not in outcome.out and "\u202e" not in outcome.out
    assert "\\u009b" in outcome.out and "\\u202e" in outcome.out
    assert hostile in json.dumps(json.loads(outcome.out), ensure_ascii=False)


# -- 12. export of a big linked group -------------------------------------------------------------


def test_a_big_group_draws_and_exports_with_bounded_keys_and_tooltips() -> None:
    from argmap.diagram import build_dot
    from argmap.diagram.dot import relation_keys
    from argmap.formats import to_argdown

    n = 2000
    text = "".join(f'premise P{i} "p{i}"\n' for i in range(n))
    m = loads_result(text + 'claim C "c"\n' + " + ".join(f"P{i}" for i in range(n)) + " supports C\n").map
    (key,) = relation_keys(m)
    assert len(key) < 100 and key.endswith("+...1992more->C")
    dot = build_dot(m)
    assert "(1,980 more)" in dot
    assert max(len(line) for line in dot.splitlines() if "--m" in line) < 2000
    assert to_argdown(m).count("[P1999]") == 2  # declared, and a premise of the argument


# -- 13. page ids that are JavaScript object properties ------------------------------------------


@pytest.mark.exe
def test_ids_that_are_javascript_property_names_work_in_the_page(tmp_path: Path) -> None:
    pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("needs Debian's Chromium")
    from playwright.sync_api import sync_playwright

    path = write(
        tmp_path,
        "map.arg",
        'claim constructor "The constructor claim"\npremise toString "A reason"\n'
        'premise __proto__ "Another"\ntoString supports constructor\n__proto__ supports constructor\n',
    )
    assert main(["render", str(path), "-o", str(tmp_path / "page.html")]) == 0
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((tmp_path / "page.html").as_uri())
        page.click('[id="node-toString"]')
        assert "A reason" in page.inner_text("#panel")
        page.fill("#search", "another")
        page.click('[id="node-constructor"]')
        assert "The constructor claim" in page.inner_text("#panel")
        browser.close()
    assert errors == []


def test_an_article_that_is_a_loop_of_links_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    path = write(tmp_path, "map.arg", 'source s "S"\n  file "loop.txt"\nclaim C1 "c"\n  quote s "q"\n')
    outcome = cli(capsys, "check", str(path))
    assert_tidy(outcome)
    assert "leads into a loop of links" in outcome.text
    assert "outside the map's folder" not in outcome.text
