"""The bad-input catalogue (docs/hardening.md): one test per row.

Each test feeds argmap one kind of hostile or broken input through the real command line and
asserts what the table promises: a diagnostic or a one-line error, the documented exit code, no
traceback, and, for the big inputs, a finish within a wall-clock timeout and an address-space
limit (a child process; see ``run_argmap``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from argmap.analysis.loading import MAX_FILE_BYTES, load_result, loads_result
from argmap.language.syntax import KEYWORDS
from tests.hardening.test_hardening_support import (
    Outcome,
    assert_lines_shaped,
    assert_tidy,
    cli,
    codes_of,
    located,
    run_argmap,
    write,
)

CLEAN = 'claim C1 "Schools should start later." implicit\n'


def check(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> Outcome:
    outcome = cli(capsys, "check", str(path), *options)
    assert_tidy(outcome)
    return outcome


# -- empty and comment-only files ------------------------------------------------------------


def test_empty_file_is_an_empty_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "empty.arg", "")
    outcome = check(capsys, path)
    assert outcome.code == 0
    assert outcome.text == ""
    assert cli(capsys, "fmt", "--check", str(path)).code == 0
    converted = cli(capsys, "convert", str(path), "-o", str(tmp_path / "empty.json"))
    assert converted.code == 0
    assert '"nodes": []' in (tmp_path / "empty.json").read_text()


def test_only_comments_are_kept_and_nothing_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "# a map still to be written\n\n   # indented comment\n#\n"
    path = write(tmp_path, "comments.arg", text)
    outcome = check(capsys, path)
    assert outcome.code == 0
    assert outcome.text == ""
    assert cli(capsys, "fmt", str(path)).code == 0
    after = path.read_text()
    assert [line.strip() for line in after.splitlines() if line.strip()] == [
        "# a map still to be written",
        "# indented comment",
        "#",
    ]


# -- bytes that are not UTF-8 text ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "byte"),
    [
        ("binary", bytes(range(256)) * 8, 128),
        ("png-header", b"\x89PNG\r\n\x1a\n" + bytes(64), 0),
        ("latin1", 'claim C1 "caf\xe9"\n'.encode("latin-1"), 13),
        ("utf16", CLEAN.encode("utf-16"), 0),
        ("truncated-utf8", 'claim C1 "é'.encode()[:-1], 10),
        ("surrogate", b'claim C1 "\xed\xa0\x80"\n', 10),
    ],
)
def test_undecodable_bytes_are_one_unreadable_file_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, byte: int
) -> None:
    path = write(tmp_path, f"{name}.arg", data)
    outcome = check(capsys, path)
    assert outcome.code == 3
    found = located(outcome)
    assert len(found) == 1
    assert found[0]["file"] == str(path)
    assert (found[0]["line"], found[0]["col"]) == ("1", "1")
    assert codes_of(outcome) == ["unreadable-file"]
    assert f"is not UTF-8 text (byte {byte} cannot be decoded)" in outcome.out
    # The other commands say the same in one line and change nothing.
    for argv in (["fmt", str(path)], ["render", str(path), "-o", str(tmp_path / "x.dot")], ["evaluate", str(path)]):
        other = cli(capsys, *argv)
        assert_tidy(other)
        assert other.code == 3, argv
        assert "not UTF-8" in other.text
    assert path.read_bytes() == data
    assert not (tmp_path / "x.dot").exists()


def test_byte_order_mark_is_skipped_and_columns_count_from_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, "bom.arg", '\ufeffclaim C1 "x" implicit\nP9 supports C1\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert codes_of(outcome) == ["undefined-id"]
    (match,) = located(outcome)
    assert (match["line"], match["col"]) == ("2", "1")
    plain = loads_result('claim C1 "x" implicit\n')
    assert loads_result('\ufeffclaim C1 "x" implicit\n').map == plain.map
    # fmt drops the mark and keeps everything else.
    assert cli(capsys, "fmt", str(path)).code == 0
    assert path.read_text(encoding="utf-8") == 'claim C1 "x"\n  implicit\nP9 supports C1\n'


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_line_ends_read_like_newlines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    lines = ['claim C1 "One."', "  implicit", 'premise P1 """two', 'lines"""', "P1 supports C1", "P1 supports C9"]
    path = write(tmp_path, "ends.arg", newline.join(lines) + newline)
    outcome = check(capsys, path)
    assert outcome.code == 1
    (match,) = located(outcome)
    assert (match["line"], match["col"]) == ("6", "13")  # every kind of line end counts once
    assert loads_result(newline.join(lines)).map == loads_result("\n".join(lines)).map
    assert loads_result(newline.join(lines)).map.node("P1").text == "two\nlines"


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('claim C1 "x" implicit \x00\n', (1, 23)),
        ('\x00claim C1 "x" implicit\n', (1, 1)),
        ('claim C1 "x" implicit\nclaim C\x002 "y"\n', (2, 8)),
    ],
    ids=["after-statement", "first-byte", "inside-id"],
)
def test_nul_bytes_outside_strings_are_syntax_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: tuple[int, int]
) -> None:
    path = write(tmp_path, "nul.arg", text)
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert "syntax-error" in codes_of(outcome)
    first = located(outcome)[0]
    assert (int(first["line"]), int(first["col"])) == where
    assert "\x00" not in outcome.text  # shown escaped, never raw


def test_nul_byte_inside_a_string_is_kept_and_survives_fmt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A NUL inside a string is text like any other: it is kept, escaped wherever it is drawn
    (tests/hardening/test_injection.py), and fmt keeps it byte for byte."""
    path = write(tmp_path, "nul.arg", 'claim  C1 "x\x00y" implicit\n')
    outcome = check(capsys, path)
    assert outcome.code == 0
    assert load_result(path).map.node("C1").text == "x\x00y"
    assert cli(capsys, "fmt", str(path)).code == 0
    assert load_result(path).map.node("C1").text == "x\x00y"


@pytest.mark.parametrize(
    ("data", "code", "expected"),
    [
        (b'claim C1 "\xff" implicit\n', 3, "cannot read `<stdin>`: is not UTF-8 text"),
        (b'claim C1 "x" implicit\x00\n', 1, "<stdin>:1:22: error[AM001] syntax-error"),
        (b'\xef\xbb\xbfclaim   C1 "x" implicit\r\n', 0, 'claim C1 "x"\n  implicit\n'),
        (b"", 0, ""),
    ],
    ids=["invalid-utf8", "nul", "bom-crlf", "empty"],
)
def test_fmt_of_standard_input(data: bytes, code: int, expected: str) -> None:
    outcome = run_argmap(["fmt", "-"], stdin=data, timeout=60)
    assert_tidy(outcome)
    assert outcome.code == code
    assert expected in outcome.text
    if code:
        assert outcome.out == ""  # nothing half-formatted on standard output


# -- big inputs: bounded time and memory (child processes with a timeout and a memory cap) -----


@pytest.mark.slow
def test_a_ten_megabyte_string(tmp_path: Path) -> None:
    path = write(tmp_path, "big.arg", 'claim C1 "' + "word " * 2_000_000 + '" implicit\n')
    outcome = run_argmap(["check", str(path)])
    assert_tidy(outcome)
    assert outcome.code == 0
    # Unterminated, the same string is one short error, not the string echoed back.
    write(tmp_path, "big.arg", 'claim C1 """' + "word " * 2_000_000)
    outcome = run_argmap(["check", str(path)])
    assert_tidy(outcome)
    assert outcome.code == 1
    assert codes_of(outcome) == ["syntax-error"]
    assert len(outcome.text) < 1000


@pytest.mark.parametrize("style", ["short", "full", "json"])
def test_a_line_of_a_million_characters(tmp_path: Path, style: str) -> None:
    # One line: a node whose text is a million characters, then a mistake at its very end.
    line = 'claim C1 "' + "a, b; c. " * 111_112 + '" implicit ?'
    assert len(line) > 1_000_000
    path = write(tmp_path, "long.arg", line + "\n")
    outcome = run_argmap(["check", "--format", style, str(path)])
    assert "Traceback" not in outcome.text
    assert outcome.code == 1
    assert "syntax-error" in outcome.text
    assert f":1:{len(line)}" in outcome.text or f'"column": {len(line)}' in outcome.text
    # The excerpt under a diagnostic is cut to a window around the column, not the whole line.
    assert len(outcome.text) < 10_000


def _group_map(n: int, extra: str = "") -> str:
    declarations = "".join(f'premise P{i} "Reason {i}."\n' for i in range(n))
    group = " + ".join(f"P{i}" for i in range(n))
    return f'claim C1 "Claim." implicit\n{declarations}{group}{extra} supports C1\n'


@pytest.mark.slow
def test_a_group_of_ten_thousand_members(tmp_path: Path) -> None:
    path = write(tmp_path, "group.arg", _group_map(10_000))
    outcome = run_argmap(["check", str(path)])
    assert_tidy(outcome)
    assert outcome.code == 0


@pytest.mark.slow
def test_a_group_of_ten_thousand_members_naming_one_twice(tmp_path: Path) -> None:
    path = write(tmp_path, "group.arg", _group_map(10_000, " + P0"))
    outcome = run_argmap(["check", str(path)])
    assert codes_of(outcome) == ["duplicate-member"]
    assert_tidy(outcome)  # one short line, not the group echoed back


@pytest.mark.slow
def test_a_hundred_thousand_relations_on_one_node(tmp_path: Path) -> None:
    n = 100_000
    declarations = "".join(f'premise P{i} "Reason {i}."\n' for i in range(n))
    relations = "".join(f"P{i} supports C1\n" for i in range(n))
    path = write(tmp_path, "fan.arg", f'claim C1 "Claim." implicit\n{declarations}{relations}')
    outcome = run_argmap(["check", str(path)], timeout=300)
    assert_tidy(outcome)
    assert outcome.code == 0
    assert outcome.text == ""


# -- unterminated strings and reserved words ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ('claim C1 "never closed', 'the line ends before the closing `"`', (1, 10)),
        ('claim C1 "x" implicit\nclaim C2 "', 'the line ends before the closing `"`', (2, 10)),
        ('claim C1 """never\nclosed', 'the `"""` here is never closed', (1, 10)),
        ('claim C1 """x""" implicit\nnote """', 'the `"""` here is never closed', (2, 6)),
        ('claim C1 "x\\', 'the line ends before the closing `"`', (1, 10)),
        # The escaped quote leaves `""` and `"x\""`: two strings, then a lone quote (a poor message,
        # but a located syntax error).
        ('claim C1 """x\\"""', "", (1, 12)),
    ],
    ids=["string", "string-second-line", "triple", "triple-last-line", "escape-at-end", "escaped-closing"],
)
def test_unterminated_strings_at_end_of_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str, where: tuple[int, int]
) -> None:
    path = write(tmp_path, "open.arg", text)
    outcome = check(capsys, path)
    assert outcome.code == 1
    first = located(outcome)[0]
    assert (int(first["line"]), int(first["col"])) == where
    assert message in outcome.text  # "" for the case whose message is not about the string
    assert "syntax-error" in codes_of(outcome)


@pytest.mark.parametrize("word", sorted(KEYWORDS))
def test_reserved_words_as_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str], word: str) -> None:
    path = write(tmp_path, "reserved.arg", f'claim {word} "x" implicit\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert outcome.text.count("\n") <= 4, outcome.text
    assert codes_of(outcome)[0] in ("reserved-word", "syntax-error")
    assert f"`{word}`" in outcome.text
    first = located(outcome)[0]
    assert (first["line"], first["col"]) == ("1", "7")


def test_reserved_words_as_relation_members_and_labels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "reserved.arg", 'claim C1 "x" implicit\nnote: title supports C1\nsource + by attacks C1\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert "Traceback" not in outcome.text


# -- includes ----------------------------------------------------------------------------------


def test_include_cycles_are_reported_once_and_stop(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, "a.arg", 'include "b.arg"\nclaim A "a" implicit\n')
    write(tmp_path, "b.arg", 'include "sub/c.arg"\nclaim B "b" implicit\nA supports B\n')
    write(tmp_path, "sub/c.arg", 'include "../a.arg"\ninclude "c.arg"\n')
    outcome = check(capsys, tmp_path / "a.arg")
    assert outcome.code == 1
    assert outcome.text.count("include cycle") == 2
    assert "a.arg -> b.arg -> c.arg -> a.arg" in outcome.text
    assert "c.arg -> c.arg" in outcome.text


def test_include_of_itself(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "self.arg", 'include "self.arg"\ninclude "./self.arg"\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert codes_of(outcome) == ["include-error", "include-error"]


@pytest.mark.parametrize("target", ["sub", ".", "..", "", "sub/"])
def test_include_of_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str) -> None:
    (tmp_path / "maps" / "sub").mkdir(parents=True)
    path = write(tmp_path, "maps/folder.arg", f'include "{target}"\nclaim C1 "x" implicit\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert codes_of(outcome) == ["include-error"]
    assert "folder" in outcome.text or "cycle" in outcome.text or "outside" in outcome.text


def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret"
    write(secret, "secret.arg", 'claim S1 "SECRET-MAP-TEXT" implicit\n')
    write(secret, "secret.txt", "SECRET-ARTICLE-TEXT: the secret article\n")
    return secret


@pytest.mark.parametrize(
    "how", ["symlink-file", "symlink-folder", "dotdot", "absolute"], ids=lambda how: f"include-{how}"
)
def test_include_outside_the_maps_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    secret = _outside(tmp_path)
    maps = tmp_path / "maps"
    maps.mkdir()
    if how == "symlink-file":
        os.symlink(secret / "secret.arg", maps / "link.arg")
        target = "link.arg"
    elif how == "symlink-folder":
        os.symlink(secret, maps / "linked")
        target = "linked/secret.arg"
    elif how == "dotdot":
        target = "../secret/secret.arg"
    else:
        target = str(secret / "secret.arg")
    path = write(maps, "map.arg", f'include "{target}"\nclaim C1 "x" implicit\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert codes_of(outcome) == ["include-error"]
    assert "leads outside the map's folder" in outcome.text
    assert "--allow-outside" in outcome.text or "SECRET" not in outcome.text
    assert "SECRET" not in outcome.text
    # The same include is read when the user allows it: the refusal is the folder rule.
    allowed = check(capsys, path, "--allow-outside")
    assert allowed.code == 0, allowed.text


@pytest.mark.parametrize("how", ["symlink-file", "symlink-folder", "dotdot", "absolute"])
def test_article_file_outside_the_maps_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], how: str
) -> None:
    secret = _outside(tmp_path)
    maps = tmp_path / "maps"
    maps.mkdir()
    if how == "symlink-file":
        os.symlink(secret / "secret.txt", maps / "link.txt")
        target = "link.txt"
    elif how == "symlink-folder":
        os.symlink(secret, maps / "linked")
        target = "linked/secret.txt"
    elif how == "dotdot":
        target = "../secret/secret.txt"
    else:
        target = str(secret / "secret.txt")
    path = write(
        maps,
        "map.arg",
        f'source s "The article" file "{target}"\nclaim C1 "x" quote s "the secret article"\n',
    )
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert codes_of(outcome) == ["missing-source-file"]
    assert "outside the map's folder" in outcome.text
    assert "SECRET" not in outcome.text
    result = load_result(path)
    assert "s" not in result.articles
    # Allowed, the article is read and the quote found in it.
    allowed = check(capsys, path, "--allow-outside")
    assert allowed.code == 0, allowed.text


@pytest.mark.exe
@pytest.mark.parametrize("output", ["page.html", "map.dot", "map.json"])
def test_outputs_never_embed_an_outside_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str
) -> None:
    """Even drawn with --force, a page or export of a map never carries the outside file's text."""
    secret = _outside(tmp_path)
    maps = tmp_path / "maps"
    maps.mkdir()
    os.symlink(secret / "secret.txt", maps / "link.txt")
    path = write(maps, "map.arg", 'source s "The article" file "link.txt"\nclaim C1 "x" quote s "the secret article"\n')
    command = "convert" if output.endswith(".json") else "render"
    outcome = cli(
        capsys, command, str(path), "-o", str(tmp_path / output), *(["--force"] if command == "render" else [])
    )
    assert_tidy(outcome)
    if outcome.code == 4:
        pytest.skip("no layout engine installed")
    assert (tmp_path / output).exists(), outcome.text
    assert "SECRET" not in (tmp_path / output).read_text()


# -- article files that are huge, binary, folders or missing -----------------------------------


@pytest.mark.parametrize("kind", ["huge", "binary", "folder", "missing", "utf16"])
def test_unusable_article_files(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    expected = {
        "huge": f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB",
        "binary": "is not UTF-8 text",
        "folder": "is a folder, not a file",
        "missing": "no such file",
        "utf16": "is not UTF-8 text",
    }[kind]
    article = tmp_path / "article.txt"
    if kind == "huge":
        with article.open("wb") as handle:  # sparse: no disk is spent on it
            handle.truncate(MAX_FILE_BYTES + 1)
    elif kind == "binary":
        article.write_bytes(bytes(range(256)) * 100)
    elif kind == "folder":
        article.mkdir()
    elif kind == "utf16":
        article.write_bytes("the article".encode("utf-16"))
    path = write(tmp_path, "map.arg", 'source s "The article" file "article.txt"\nclaim C1 "x" quote s "the article"\n')
    outcome = check(capsys, path)
    assert outcome.code == 1
    assert codes_of(outcome) == ["missing-source-file"]
    assert expected in outcome.text
    (match,) = located(outcome)
    assert (match["line"], match["col"]) == ("1", "1")


# -- map paths that are not files ------------------------------------------------------------

_COMMANDS_READING_A_MAP = [
    ["check", "{path}"],
    ["fmt", "{path}"],
    ["fmt", "--check", "{path}"],
    ["evaluate", "{path}"],
    ["render", "{path}", "-o", "{out}/x.svg"],
    ["render", "{path}", "-o", "{out}/x.dot"],
    ["render", "{path}", "-o", "{out}/x.html"],
    ["render", "{path}", "-o", "{out}/frames", "--steps"],
    ["convert", "{path}", "-o", "{out}/x.json"],
    ["convert", "{path}", "--from", "arg", "-o", "{out}/x.json"],
    ["exercise", "{path}", "--blank", "texts", "-o", "{out}/x.svg"],
    ["compare", "{path}", "{key}"],
    ["compare", "{key}", "{path}", "-o", "{out}/x.svg"],
]

_PATH_KINDS = ["missing", "folder", "dangling-symlink", "under-a-file", "nul-in-name", "newline-in-name"]


def _path_cases() -> list[object]:
    cases: list[object] = []
    for argv in _COMMANDS_READING_A_MAP:
        for kind in _PATH_KINDS:
            name = "-".join(a for a in argv if "{" not in a and "/" not in a) + "-" + kind
            cases.append(pytest.param(argv, kind, id=name))
    return cases


@pytest.mark.parametrize(("argv", "kind"), _path_cases())
def test_map_path_that_is_not_a_readable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, argv: list[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    if kind == "missing":
        path = str(tmp_path / "missing.arg")
    elif kind == "folder":
        (tmp_path / "folder.arg").mkdir()
        path = str(tmp_path / "folder.arg")
    elif kind == "dangling-symlink":
        os.symlink(tmp_path / "nowhere.arg", tmp_path / "dangling.arg")
        path = str(tmp_path / "dangling.arg")
    elif kind == "nul-in-name":
        path = str(tmp_path / "a\x00b.arg")
    elif kind == "newline-in-name":
        path = str(tmp_path / "a\nb.arg")
    else:
        (tmp_path / "plain").write_text("x")
        path = str(tmp_path / "plain" / "map.arg")
    key = write(tmp_path, "key.arg", CLEAN)
    filled = [a.format(path=path, out=out, key=key) for a in argv]
    outcome = cli(capsys, *filled)
    assert_tidy(outcome)
    if outcome.code == 2 and "invalid choice" in outcome.err:
        pytest.skip(f"`{argv[0]}` is not available in this checkout")
    assert outcome.code == 3, outcome.text
    assert "cannot read" in outcome.text
    assert "\x00" not in outcome.text
    assert_lines_shaped(outcome.text)
    assert len([line for line in outcome.text.splitlines() if "cannot read" in line]) == 1
    assert list(out.iterdir()) == []  # nothing written


# -- output folders that cannot be written -----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "{map}", "-o", "{bad}/x.svg"],
        ["render", "{map}", "-o", "{bad}/x.dot"],
        ["render", "{map}", "-o", "{bad}/x.html"],
        ["render", "{map}", "-o", "{bad}/frames", "--steps"],
        ["convert", "{map}", "-o", "{bad}/x.json"],
        ["convert", "{map}", "-o", "{bad}/x.argdown"],
        ["exercise", "{map}", "--blank", "texts", "-o", "{bad}/x.svg"],
    ],
    ids=lambda argv: "-".join(a.rsplit("/", 1)[-1] for a in argv[2:] if a != "-o"),
)
@pytest.mark.parametrize("kind", ["missing-folder", "under-a-file", "is-a-folder"])
def test_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], kind: str) -> None:
    path = write(tmp_path, "map.arg", CLEAN)
    if kind == "missing-folder":
        bad = tmp_path / "no" / "such" / "folder"
    elif kind == "under-a-file":
        (tmp_path / "plain").write_text("x")
        bad = tmp_path / "plain"
    else:
        bad = tmp_path / "dir"
        bad.mkdir()
        (bad / "x.svg").mkdir()
        (bad / "x.dot").mkdir()
        (bad / "x.html").mkdir()
        (bad / "x.json").mkdir()
        (bad / "x.argdown").mkdir()
        (bad / "frames").write_text("a file where the frames folder should be")
    filled = [a.format(map=path, bad=bad) for a in argv]
    if kind == "missing-folder" and "--steps" in argv:
        # Step frames go into a folder of their own, which render creates (with its parents).
        assert cli(capsys, *filled).code in (0, 4)
        return
    before = sorted(p.name for p in tmp_path.rglob("*"))
    outcome = cli(capsys, *filled)
    assert_tidy(outcome)
    if outcome.code == 2 and "invalid choice" in outcome.err:
        pytest.skip(f"`{argv[0]}` is not available in this checkout")
    assert outcome.code in (3, 4), outcome.text
    if outcome.code == 4:
        pytest.skip("no layout engine here: the write was never reached")
    assert "cannot write" in outcome.err or "cannot create" in outcome.err, outcome.err
    assert outcome.err.startswith("argmap: error: ")
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no stray temporary file


def test_fmt_of_a_map_in_a_folder_that_cannot_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder (simulated: tests run as root, where chmod stops nothing)."""
    original = 'claim   C1 "x"   implicit\n'
    path = write(tmp_path, "map.arg", original)

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("tempfile.mkstemp", refuse)
    outcome = cli(capsys, "fmt", str(path))
    assert_tidy(outcome)
    assert outcome.code == 3
    assert "Permission denied" in outcome.err
    assert path.read_text() == original


# -- evaluation with exponentially many readings -------------------------------------------------


def _independent_conflicts(n: int) -> str:
    """``n`` independent contradictions: 2**n preferred and stable readings."""
    return "".join(f'claim A{i} "a{i}" implicit\nclaim B{i} "b{i}" implicit\nA{i} contradicts B{i}\n' for i in range(n))


def test_evaluation_with_a_limit_is_bounded(tmp_path: Path) -> None:
    path = write(tmp_path, "conflicts.arg", _independent_conflicts(40))
    for semantics in ("preferred", "stable"):
        outcome = run_argmap(["evaluate", "--semantics", semantics, "--limit", "3", str(path)], timeout=60)
        assert_tidy(outcome)
        assert outcome.code == 0


@pytest.mark.slow
def test_evaluation_of_exponentially_many_readings_finishes(tmp_path: Path) -> None:
    path = write(tmp_path, "conflicts.arg", _independent_conflicts(40))
    outcome = run_argmap(["evaluate", "--semantics", "preferred", str(path)], timeout=10)
    assert_tidy(outcome)
    assert outcome.code == 0
    assert "showing the first 20 preferred readings" in outcome.err


# -- long texts through a real layout engine ---------------------------------------------------


@pytest.mark.exe
@pytest.mark.parametrize(
    "engine",
    [
        "system",
        "bundled",
    ],
)
def test_a_twenty_thousand_character_text_is_drawn(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    from argmap.diagram.engine import find_engine
    from argmap.errors import CommandError

    try:
        find_engine(engine)
    except CommandError:
        pytest.skip(f"no {engine} engine here")
    path = write(tmp_path, "long.arg", 'claim C1 "' + "word " * 4000 + '" implicit\n')
    outcome = cli(capsys, "render", str(path), "-o", str(tmp_path / "long.svg"), "--engine", engine)
    assert_tidy(outcome)
    assert outcome.code == 0, outcome.err
    assert (tmp_path / "long.svg").read_bytes().startswith((b"<?xml", b"<svg"))


# -- depth: chains and nesting that would break recursive code -----------------------------------


@pytest.mark.parametrize("kind", ["supports", "attacks"])
def test_a_chain_of_two_thousand_reasons(tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str) -> None:
    n = 2000  # twice Python's default recursion limit
    node = "premise" if kind == "supports" else "rebuttal"
    lines = ['claim C0 "The claim." implicit']
    lines += [f'{node} C{i} "Step {i}." implicit' for i in range(1, n)]
    lines += [f"C{i} {kind} C{i - 1}" for i in range(1, n)]
    path = write(tmp_path, "chain.arg", "\n".join(lines) + "\n")
    for argv in (
        ["check", str(path)],
        ["evaluate", str(path)],
        ["render", str(path), "-o", str(tmp_path / "chain.dot")],
        ["convert", str(path), "-o", str(tmp_path / "chain.json")],
    ):
        outcome = cli(capsys, *argv)
        assert_tidy(outcome)
        assert outcome.code == 0, (argv, outcome.text[-500:])


@pytest.mark.parametrize(
    ("name", "text", "source"),
    [
        ("deep.json", "[" * 200_000 + "]" * 200_000, "json"),
        ("deep.aif.json", '{"nodes":' + "[" * 200_000 + "]" * 200_000 + "}", "aif"),
        (
            "deep.txt",
            "Discussion Title: t\n\n1. a\n" + "".join(f"1{'.1' * i}. Pro: x\n" for i in range(1, 2000)),
            "kialo",
        ),
        ("deep.argdown", "[A]: a\n" + "".join("  " * i + f"+ [B{i}]: b\n" for i in range(1, 2000)), "argdown"),
    ],
    ids=["json", "aif", "kialo", "argdown"],
)
def test_deeply_nested_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, source: str
) -> None:
    path = write(tmp_path, name, text)
    outcome = cli(capsys, "convert", str(path), "--from", source, "-o", str(tmp_path / "out.json"))
    assert_tidy(outcome)
    assert outcome.code in (0, 1), outcome.text[-500:]
    if outcome.code == 1:
        assert outcome.err.startswith(f"argmap: error: {path}")


# -- files that are not regular files ----------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("line", ['include "pipe.arg"', 'source s "t" file "pipe.arg"'], ids=["include", "article"])
def test_an_include_or_article_that_is_a_named_pipe(tmp_path: Path, line: str) -> None:
    os.mkfifo(tmp_path / "pipe.arg")
    path = write(tmp_path, "map.arg", f'{line}\nclaim C1 "x" implicit\n')
    outcome = run_argmap(["check", str(path)], timeout=5)
    assert_tidy(outcome)
    assert outcome.code == 1
    assert "pipe.arg" in outcome.text


def test_an_output_folder_that_cannot_be_made_is_one_line_with_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A regular file where the folder should go: steps' -o and the gradebook's --feedback.
    write(tmp_path, "map.arg", 'claim C1 "x"\n  implicit\n')
    write(tmp_path, "student.arg", 'claim C1 "x"\n  implicit\n')
    write(tmp_path, "taken", "a file, not a folder")
    steps = cli(capsys, "render", str(tmp_path / "map.arg"), "--steps", "-o", str(tmp_path / "taken" / "frames"))
    assert steps.code == 3
    assert "cannot create folder" in steps.err and "give a folder you can write to with -o" in steps.err
    grades = cli(
        capsys,
        "compare",
        str(tmp_path / "student.arg"),
        str(tmp_path / "map.arg"),
        "--gradebook",
        str(tmp_path / "grades.csv"),
        "--feedback",
        str(tmp_path / "taken" / "feedback"),
    )
    assert grades.code == 3
    assert "cannot create the feedback folder" in grades.err and "with --feedback" in grades.err
    assert_tidy(steps)
    assert_tidy(grades)
