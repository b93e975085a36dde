"""``argmap fmt``: canonical layout, every comment kept where it belongs, meaning unchanged.

The layout tests state the input and the expected output side by side; the properties check
that formatting keeps the map and the comments for every map Hypothesis can draw.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.api import parse_document
from argmap.cli import main
from argmap.language.formatting import FormatRefusedError, format_source
from argmap.language.syntax import parse_text
from argmap.model import Map
from tests.strategies import maps

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_SYNTAX = ROOT / "tests" / "data" / "golden" / "syntax"


def _all_maps() -> list[Path]:
    """Every .arg file of the examples and the tests that parses without errors."""
    candidates = sorted(ROOT.glob("examples/**/*.arg")) + sorted(ROOT.glob("tests/**/*.arg"))
    usable = []
    for path in candidates:
        if not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        parsed = parse_document(text, str(path))
        if parsed.parsed and not any(d.is_error for d in parsed.diagnostics):
            usable.append(path)
    return usable


MAPS = _all_maps()


def test_there_are_maps_to_format() -> None:
    assert len(MAPS) >= 10


@pytest.mark.parametrize("path", MAPS, ids=lambda p: str(p.relative_to(ROOT)))
def test_fmt_keeps_every_map_and_its_comments(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    formatted = format_source(text, str(path))
    before, after = parse_document(text, str(path)), parse_document(formatted, str(path))
    assert after.map == before.map
    assert [c.text for c in after.comments] == [c.text for c in before.comments]
    assert format_source(formatted, str(path)) == formatted  # idempotent


# -- layout ---------------------------------------------------------------------------------


def _fmt(text: str) -> str:
    return format_source(text, "layout.arg")


def test_header_and_attributes_one_per_line() -> None:
    text = 'person zelensky "Volodymyr Zelensky" role "President of Ukraine"\nclaim C1 "x" by zelensky implicit\n'
    assert _fmt(text) == (
        'person zelensky "Volodymyr Zelensky"\n  role "President of Ukraine"\nclaim C1 "x"\n  by zelensky\n  implicit\n'
    )


def test_spacing_inside_statements_is_canonical() -> None:
    text = 'claim   C1\t"x"\n      tags a,b ,  c\nS1 :P1+P2   supports C1\nP1 contradicts   P2 note   "n"\n'
    assert _fmt(text) == ('claim C1 "x"\n  tags a, b, c\nS1: P1 + P2 supports C1\nP1 contradicts P2 note "n"\n')


def test_strings_are_written_canonically() -> None:
    text = 'claim C1 """one line"""\nclaim C2 "say \\"no\\" \\\\ ok"\nclaim C3 """two\nlines"""\n'
    assert _fmt(text) == 'claim C1 "one line"\nclaim C2 "say \\"no\\" \\\\ ok"\nclaim C3 """two\nlines"""\n'


def test_trailing_comments_stay_on_their_line() -> None:
    text = (
        'title "T"   # the title\n'
        'claim C1 "x"    # header\n'
        "  by p # who said it\n"
        '  quote s "q"\t# where\n'
        "P1 supports C1 # why\n"
    )
    assert _fmt(text) == (
        'title "T"  # the title\n'
        'claim C1 "x"  # header\n'
        "  by p  # who said it\n"
        '  quote s "q"  # where\n'
        "P1 supports C1  # why\n"
    )


def test_a_trailing_comment_after_an_inline_attribute_goes_with_that_attribute() -> None:
    text = 'person p "P" role "R"  # the role\n'
    assert _fmt(text) == 'person p "P"\n  role "R"  # the role\n'


def test_own_line_comments_between_attributes_are_indented() -> None:
    text = 'claim C1 "x"\n# before by\n  by p\n      # before quote\n  quote s "q"\n'
    assert _fmt(text) == 'claim C1 "x"\n  # before by\n  by p\n  # before quote\n  quote s "q"\n'


def test_comments_inside_a_multi_line_relation_move_before_it() -> None:
    text = (
        'premise P1 "x"\n'
        "S1: P1 +   # first member\n"
        "  P2\n"
        "  # the kind\n"
        "  supports C1   # on the last line: stays trailing\n"
    )
    assert _fmt(text) == (
        'premise P1 "x"\n# first member\n# the kind\nS1: P1 + P2 supports C1  # on the last line: stays trailing\n'
    )


def test_comments_at_the_start_and_end_of_the_file() -> None:
    text = '# About this map\n\n\ntitle "T"\n\n# end one\n# end two\n\n\n# the very end'
    assert _fmt(text) == '# About this map\n\ntitle "T"\n\n# end one\n# end two\n\n# the very end\n'


def test_blank_lines_between_statements_are_kept_once_and_none_added() -> None:
    text = 'claim C1 "x"\n\n\n\nclaim C2 "y"\nclaim C3 "z"\n\n  by p\n\n  note "n"\n'
    assert _fmt(text) == 'claim C1 "x"\n\nclaim C2 "y"\nclaim C3 "z"\n  by p\n  note "n"\n'


def test_a_comment_only_file_and_an_empty_file() -> None:
    assert _fmt("# only a comment") == "# only a comment\n"
    assert _fmt("") == ""
    assert _fmt("\n\n  \n") == ""


def test_crlf_and_byte_order_mark_become_plain_lf() -> None:
    assert _fmt('\ufeffclaim C1 "x"  # c\r\n  by p\r\n') == 'claim C1 "x"  # c\n  by p\n'


def test_comment_text_is_kept_verbatim_except_trailing_space() -> None:
    text = 'claim C1 "x" #no space  “curly” \\ "q"   \n'
    assert _fmt(text) == 'claim C1 "x"  #no space  “curly” \\ "q"\n'


def test_hash_inside_a_string_is_not_a_comment() -> None:
    text = 'claim C1 "issue #1"\nclaim C2 """multi # line\n# still text"""\n'
    assert _fmt(text) == text
    assert parse_text(text, "x").comments == ()


def test_fmt_refuses_text_that_does_not_parse() -> None:
    with pytest.raises(FormatRefusedError) as refused:
        _fmt('claim C1 "x\n')
    assert refused.value.diagnostics[0].name == "syntax-error"


def test_fmt_refuses_an_unknown_escape_rather_than_change_the_string() -> None:
    with pytest.raises(FormatRefusedError) as refused:
        _fmt('claim C1 "C:\\temp"\n')
    assert refused.value.diagnostics[0].name == "bad-value"


# -- properties ------------------------------------------------------------------------------


@st.composite
def commented_maps(draw: st.DrawFn) -> tuple[Map, str, list[str]]:
    """A generated map's canonical text with comments sprinkled between and after its tokens."""
    m = draw(maps())
    text = argmap.dumps(m)
    lines = text.split("\n")
    parsed = parse_text(text, "gen.arg")
    assert parsed.tree is not None
    inside_string: set[int] = set()  # 1-based lines whose line end lies inside a string
    for token in parsed.tree.scan_values(lambda t: getattr(t, "type", "") == "STRING"):
        inside_string.update(range(token.line or 0, token.end_line or 0))
    safe = [n for n in range(1, len(lines) + 1) if n not in inside_string]
    comments: dict[int, list[tuple[bool, str]]] = {}
    words = st.text(alphabet=st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=12)
    for number in range(draw(st.integers(0, 8))):
        at = draw(st.sampled_from(safe))
        trailing = draw(st.booleans())
        comment = ("# c" + str(number) + " " + draw(words)).rstrip()
        comments.setdefault(at, []).append((trailing, comment))
    out: list[str] = []
    order: list[str] = []
    for n, source_line in enumerate(lines, start=1):
        own = [c for trailing, c in comments.get(n, []) if not trailing]
        ends = [c for trailing, c in comments.get(n, []) if trailing]
        out.append(source_line + "".join("  " + c for c in ends[:1]))
        order += ends[:1]
        out += own
        order += own
    return m, "\n".join(out), order


@given(commented_maps())
def test_fmt_keeps_comments_in_order_and_the_map_equal(case: tuple[Map, str, list[str]]) -> None:
    m, text, comments = case
    formatted = format_source(text, "gen.arg")
    assert argmap.loads(formatted, allow_errors=True) == m
    assert [c.text for c in parse_text(formatted, "gen.arg").comments] == comments
    assert format_source(formatted, "gen.arg") == formatted


# -- the command -------------------------------------------------------------------------------

UNFORMATTED = 'claim C1   "x"  by p   # who\nperson p "P"\n'
FORMATTED = 'claim C1 "x"\n  by p  # who\nperson p "P"\n'


def test_fmt_rewrites_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")
    assert main(["fmt", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert "reformatted" in capsys.readouterr().err
    assert main(["fmt", str(path)]) == 0  # nothing left to do
    assert path.read_text(encoding="utf-8") == FORMATTED
    assert [p.name for p in tmp_path.iterdir()] == ["m.arg"]  # no temporary file left behind


def test_fmt_check_exits_1_on_unformatted_and_0_on_formatted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad, good = tmp_path / "bad.arg", tmp_path / "good.arg"
    bad.write_text(UNFORMATTED, encoding="utf-8")
    good.write_text(FORMATTED, encoding="utf-8")
    assert main(["fmt", "--check", str(good)]) == 0
    assert main(["fmt", "--check", str(bad)]) == 1
    assert main(["fmt", "--check", str(good), str(bad)]) == 1
    assert f"would reformat {bad}" in capsys.readouterr().err
    assert bad.read_text(encoding="utf-8") == UNFORMATTED  # --check changes nothing


def test_fmt_diff_prints_the_change_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")
    assert main(["fmt", "--diff", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"--- {path} (original)" in out
    assert f"+++ {path} (formatted)" in out
    assert '-claim C1   "x"  by p   # who\n' in out
    assert "+  by p  # who\n" in out
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    assert main(["fmt", "--diff", "--check", str(path)]) == 1


@pytest.mark.parametrize(
    "content",
    [b'claim C1 "x\n  by p\n', b"\xef\xbb\xbfclaim C1\r\n  by p\r\n", b'claim C1 "C:\\temp"   \n'],
    ids=["unterminated", "bom-crlf-missing-text", "unknown-escape"],
)
def test_fmt_leaves_a_file_that_does_not_parse_byte_identical(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "broken.arg"
    path.write_bytes(content)
    assert main(["fmt", str(path)]) == 1
    assert path.read_bytes() == content
    err = capsys.readouterr().err
    assert f"{path}:" in err
    assert "left unchanged" in err
    assert "Traceback" not in err


def test_fmt_goes_on_after_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken, fine = tmp_path / "a.arg", tmp_path / "b.arg"
    broken.write_text('claim C1 "x\n', encoding="utf-8")
    fine.write_text(UNFORMATTED, encoding="utf-8")
    assert main(["fmt", str(broken), str(fine)]) == 1
    assert fine.read_text(encoding="utf-8") == FORMATTED


def test_fmt_writes_atomically(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """If the final rename fails, the old file is intact and no temporary file is left."""
    path = tmp_path / "m.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    assert main(["fmt", str(path)]) == 3
    assert path.read_text(encoding="utf-8") == UNFORMATTED
    assert [p.name for p in tmp_path.iterdir()] == ["m.arg"]
    assert "cannot write" in capsys.readouterr().err


def test_fmt_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "m.arg"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(0o600)
    assert main(["fmt", str(path)]) == 0
    assert path.stat().st_mode & 0o777 == 0o600


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_fmt_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, UNFORMATTED.encode())
    assert main(["fmt", "-"]) == 0
    assert capsys.readouterr().out == FORMATTED


def test_fmt_stdin_check(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, UNFORMATTED.encode())
    assert main(["fmt", "--check", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "would reformat <stdin>" in captured.err
    _stdin(monkeypatch, FORMATTED.encode())
    assert main(["fmt", "--check", "-"]) == 0


def test_fmt_stdin_refusals(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, b'claim C1 "x\n')
    assert main(["fmt", "-"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "<stdin>:1:10: error[AM001]" in captured.err
    _stdin(monkeypatch, b"claim C1 \xff\n")
    assert main(["fmt", "-"]) == 3
    assert "not UTF-8" in capsys.readouterr().err


def test_fmt_missing_file_is_one_line_and_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fmt", str(tmp_path / "nope.arg")]) == 3
    err = capsys.readouterr().err
    assert err.splitlines()[0] == f"argmap: error: cannot read `{tmp_path / 'nope.arg'}`: no such file"
    assert "Traceback" not in err
