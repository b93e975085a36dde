"""``argmap check`` and ``argmap fmt`` as a user meets them: exit codes, the three output styles,
``--select``/``--ignore``/``--strict``, ``# argmap: allow`` comments, and no traceback ever.

Most tests run the command line in-process (``argmap.cli.main``); two run the installed
``argmap`` console script in a subprocess.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.analysis.policy import Policy, allowances, apply_policy, resolve_names
from argmap.cli import main
from argmap.language.syntax import Comment
from argmap.model import Span
from argmap.model.diagnostics import Diagnostic, Severity, make

# Clean of errors; two warnings: a source nobody quotes and a person nobody cites.
WARNINGS = 'claim C1 "A ceasefire could let Putin rearm."\n  implicit\nsource s "Headline"\nperson p "Someone"\n'
ERRORS = 'claim C1 "A ceasefire could let Putin rearm."\n  implicit\nP1 supports C1\n'


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "warnings.arg").write_text(WARNINGS, encoding="utf-8")
    (tmp_path / "errors.arg").write_text(ERRORS, encoding="utf-8")
    (tmp_path / "clean.arg").write_text('claim C1 "x"\n  implicit\n', encoding="utf-8")
    return tmp_path


def _codes(out: str) -> list[str]:
    return [line.split(": ", 2)[1].split(" ")[0] for line in out.splitlines() if line and not line.startswith(" ")]


# -- exit codes --------------------------------------------------------------------------------


def test_clean_map_exits_0_silently(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "clean.arg"]) == 0
    captured = capsys.readouterr()
    assert (captured.out, captured.err) == ("", "")


def test_warnings_alone_exit_0(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "warnings.arg"]) == 0
    captured = capsys.readouterr()
    assert _codes(captured.out) == ["warning[AM109]", "warning[AM110]"]
    assert captured.err == "0 errors, 2 warnings\n"


def test_errors_exit_1(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "errors.arg"]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("errors.arg:3:1: error[AM002] undefined-id: `P1` is not a declared node")
    assert captured.err.startswith("1 error,")


@pytest.mark.parametrize(
    "argv",
    [["check"], ["check", "--format", "xml", "x.arg"], ["check", "--nope", "x.arg"], ["frobnicate"], []],
    ids=["no-file", "bad-format", "bad-option", "bad-command", "nothing"],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.strip()


def test_unknown_check_name_exits_2_with_a_hint(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ignore", "orphn", "clean.arg"]) == 2
    assert capsys.readouterr().err == (
        "argmap: error: unknown check `orphn`\n"
        "  = hint: did you mean `orphan`? see docs/diagnostics.md for every check name and code\n"
    )
    assert main(["check", "--select", "AM999", "clean.arg"]) == 2


def test_missing_file_exits_3_with_one_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "missing.arg"]) == 3
    captured = capsys.readouterr()
    assert captured.out == (
        "missing.arg:1:1: error[AM008] unreadable-file: cannot read `missing.arg`: no such file\n"
        "  = hint: give the path of a UTF-8 .arg file\n"
    )
    assert "Traceback" not in captured.err


def test_unreadable_wins_over_errors_across_files(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "errors.arg", "missing.arg", "clean.arg"]) == 3
    assert main(["check", "errors.arg", "clean.arg"]) == 1


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("argmap ")


# -- output styles -----------------------------------------------------------------------------


def test_full_output_has_the_excerpt_and_hint(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "full", "errors.arg"]) == 1
    assert capsys.readouterr().out == (
        "errors.arg:3:1: error[AM002] undefined-id: `P1` is not a declared node\n"
        "  |\n"
        "3 | P1 supports C1\n"
        "  | ^^\n"
        '  = hint: declare it, for example: premise P1 "..."\n'
    )


def test_json_output_is_a_list_of_records(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "errors.arg", "warnings.arg"]) == 1
    captured = capsys.readouterr()
    records = json.loads(captured.out)
    assert captured.err == ""  # no summary line: stdout stays pure JSON
    first = records[0]
    assert first == {
        "code": "AM002",
        "name": "undefined-id",
        "severity": "error",
        "message": "`P1` is not a declared node",
        "file": "errors.arg",
        "line": 3,
        "column": 1,
        "end_line": 3,
        "end_column": 3,
        "labels": [],
        "hints": ['declare it, for example: premise P1 "..."'],
    }
    assert [r["code"] for r in records] == ["AM002", "AM109", "AM110"]


def test_json_output_of_a_clean_map_is_an_empty_list(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--format", "json", "clean.arg"]) == 0
    assert json.loads(capsys.readouterr().out) == []


# -- policy: --select, --ignore, --strict, allow comments --------------------------------------


def test_strict_turns_warnings_into_errors(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--strict", "warnings.arg"]) == 1
    assert _codes(capsys.readouterr().out) == ["error[AM109]", "error[AM110]"]


def test_ignore_by_name_or_code_comma_separated_or_repeated(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ignore", "unused-source", "warnings.arg"]) == 0
    assert _codes(capsys.readouterr().out) == ["warning[AM110]"]
    assert main(["check", "--ignore", "AM109,am110", "warnings.arg"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--ignore", "AM109", "--ignore", "unused-person", "--strict", "warnings.arg"]) == 0


def test_ignore_never_hides_an_error(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ignore", "undefined-id", "errors.arg"]) == 1
    assert _codes(capsys.readouterr().out) == ["error[AM002]"]


def test_select_reports_only_the_named_checks(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "unused-person", "warnings.arg", "errors.arg"]) == 0
    assert _codes(capsys.readouterr().out) == ["warning[AM110]"]
    assert main(["check", "--select", "AM002", "warnings.arg", "errors.arg"]) == 1
    assert _codes(capsys.readouterr().out) == ["error[AM002]"]


def test_allow_comment_on_the_line_or_the_line_above(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        'claim C1 "x"\n  implicit\n'
        'source s "Headline"  # argmap: allow unused-source\n'
        "# argmap: allow unused-person, orphan\n"
        'person p "Someone"\n'
    )
    (folder / "allowed.arg").write_text(text, encoding="utf-8")
    assert main(["check", "allowed.arg"]) == 0
    assert capsys.readouterr().out == ""


def test_allow_comment_does_not_reach_further_or_silence_errors(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (
        "# argmap: allow unused-source undefined-id\n"
        'claim C1 "x"\n  implicit\n'
        'source s "Headline"\n'  # two lines below the comment: still reported
        "P1 supports C1  # argmap: allow undefined-id\n"
    )
    (folder / "partial.arg").write_text(text, encoding="utf-8")
    assert main(["check", "partial.arg"]) == 1
    assert _codes(capsys.readouterr().out) == ["warning[AM109]", "error[AM002]"]


def test_policy_functions_directly() -> None:
    span = Span("m.arg", 4, 1, 4, 5)
    warning = make("orphan", "P9 is connected to no claim", span)
    error = make("undefined-id", "`X` is not declared", span)
    assert resolve_names(["orphan,AM002", " ", "nope"]) == (frozenset({"orphan", "undefined-id"}), ["nope"])
    comments = [Comment("m.arg", 3, 1, "#argmap:allow orphan,unused-source"), Comment("m.arg", 9, 1, "# allow orphan")]
    assert allowances(comments) == {
        ("m.arg", 3): {"orphan", "unused-source"},
        ("m.arg", 4): {"orphan", "unused-source"},
    }
    assert apply_policy([warning, error], Policy(), comments) == (error,)
    strict = apply_policy([warning], Policy(strict=True))
    assert [d.severity for d in strict] == [Severity.ERROR]
    assert apply_policy([warning, error], Policy(select=frozenset({"orphan"}))) == (warning,)
    assert all(isinstance(d, Diagnostic) for d in strict)


# -- the real console script ---------------------------------------------------------------------


def _script() -> str:
    found = shutil.which("argmap", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip("the argmap console script is not installed next to this Python")
    return found


def test_console_script_check(folder: Path) -> None:
    done = subprocess.run(
        [_script(), "check", "errors.arg", "missing.arg"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 3
    assert done.stdout.splitlines() == [
        "errors.arg:3:1: error[AM002] undefined-id: `P1` is not a declared node",
        '  = hint: declare it, for example: premise P1 "..."',
        "missing.arg:1:1: error[AM008] unreadable-file: cannot read `missing.arg`: no such file",
        "  = hint: give the path of a UTF-8 .arg file",
    ]
    assert "Traceback" not in done.stderr


def test_console_script_fmt_check(folder: Path) -> None:
    (folder / "messy.arg").write_text('claim C1   "x" implicit\n', encoding="utf-8")
    done = subprocess.run([_script(), "fmt", "--check", "messy.arg", "clean.arg"], capture_output=True, text=True)
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "would reformat messy.arg\n")
    done = subprocess.run([_script(), "fmt", "-"], input='claim C1   "x"\n', capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (0, 'claim C1 "x"\n')


@pytest.mark.parametrize("name", ["a\nb.arg", "a\x00b.arg", "a\tb.arg"], ids=["newline", "nul", "tab"])
@pytest.mark.parametrize("command", [["check"], ["fmt"], ["fmt", "--check"]])
def test_control_characters_in_a_path_are_escaped(
    folder: Path, capsys: pytest.CaptureFixture[str], name: str, command: list[str]
) -> None:
    assert main([*command, name]) == 3
    captured = capsys.readouterr()
    text = captured.out + captured.err
    escaped = name.replace("\n", "\\n").replace("\x00", "\\u0000").replace("\t", "\\t")
    assert f"cannot read `{escaped}`" in text
    assert "\x00" not in text
    assert len([line for line in text.splitlines() if "cannot read" in line]) == 1


def test_a_readable_file_with_a_newline_in_its_name(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "odd\nname.arg").write_text("P1 supports C1\n", encoding="utf-8")
    assert main(["check", "odd\nname.arg"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("odd\\nname.arg:1:1: error[AM002]")
    assert all(line.startswith(("odd\\nname.arg:", "  = hint:")) for line in lines)


def test_allow_comment_takes_codes_and_ignores_explanations() -> None:
    comments = [Comment("m.arg", 1, 1, "# argmap: allow AM109, am110 because the next lesson quotes them")]
    assert allowances(comments) == {
        ("m.arg", 1): {"unused-source", "unused-person"},
        ("m.arg", 2): {"unused-source", "unused-person"},
    }


# -- hints where they help (issue 15, point 8) --------------------------------------------------


def test_default_output_shows_each_findings_hint(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "typo.arg").write_text(
        'claim C1 "Talks are a trap." implicit\npremise P3 "Putin rearms." implicit\nP33 supports C1\n',
        encoding="utf-8",
    )
    assert main(["check", "typo.arg"]) == 1
    out = capsys.readouterr().out
    assert (
        "typo.arg:3:1: error[AM002] undefined-id: `P33` is not a declared node\n  = hint: did you mean `P3`?\n" in out
    )
    assert main(["check", "--format", "short", "typo.arg"]) == 1
    assert "hint" not in capsys.readouterr().out


def test_a_quote_without_its_keyword_gets_the_quote_hint(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "noquote.arg").write_text(
        'source paper "Headline"\nclaim C1 "Talks are a trap." implicit\n  paper "the charge will"\n', encoding="utf-8"
    )
    assert main(["check", "--format", "full", "noquote.arg"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("noquote.arg:3:3: error[AM001] syntax-error: `quote` is missing before source `paper`\n")
    assert '3 |   paper "the charge will"\n  |   ^^^^^\n' in out  # the caret on the name
    assert '  = hint: to quote the article, write: quote paper "..."' in out
    assert "begin with its kind" not in out


def test_by_a_full_name_suggests_the_persons_id(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "byname.arg").write_text(
        'person shops "Shop owners"\nclaim C1 "Talks are a trap." implicit\n  by "Shop owners"\n', encoding="utf-8"
    )
    assert main(["check", "byname.arg"]) == 1
    out = capsys.readouterr().out
    assert "byname.arg:3:6: error[AM001] syntax-error: `by` takes a person's id, not their name in quotes" in out
    assert "  = hint: `Shop owners` is person `shops`: write by shops" in out


def test_strict_fails_on_an_unverified_quote(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A quote nobody checked is a warning, so --strict fails instead of passing in silence."""
    (folder / "nofile.arg").write_text(
        'source paper "Headline"\nclaim C1 "Talks are a trap."\n  quote paper "the charge will"\n', encoding="utf-8"
    )
    assert main(["check", "nofile.arg"]) == 0
    assert "warning[AM115] quote-unverified" in capsys.readouterr().out
    assert main(["check", "--strict", "nofile.arg"]) == 1
    assert "error[AM115] quote-unverified" in capsys.readouterr().out


def test_check_imports_only_what_checking_needs(tmp_path: Path) -> None:
    # Start-up is most of a small check (issue 18, point 6): the parser is built for the command
    # given, and what only other commands, JSON output, Lark or a misspelling need stays unloaded.
    (tmp_path / "map.arg").write_text(WARNINGS, encoding="utf-8")
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "main(['check', 'map.arg'])\n"
        "unwanted = ('argmap.commands.convert', 'argmap.commands.render', 'argmap.formats.registry',\n"
        "            'argmap.commands._drawing', 'importlib.resources', 'difflib', 'json', 'lark', 'datetime')\n"
        "print('loaded:', ','.join(m for m in unwanted if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "unused-person" in done.stdout  # it did check
    assert done.stdout.splitlines()[-1] == "loaded: ", done.stdout
    # Help for the whole program still lists every command.
    listed = subprocess.run(
        [sys.executable, "-m", "argmap", "--help"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    for name in ("check", "fmt", "evaluate", "render", "exercise", "compare", "convert", "coverage", "lsp"):
        assert f"    {name}" in listed.stdout
