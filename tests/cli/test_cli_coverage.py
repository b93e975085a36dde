"""``argmap coverage``: the numbers, the sentences not yet mapped, quote help, exit codes; and the
commands the docs show for it and for ``render --reading``, run as written."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

import argmap
from argmap.cli import main
from argmap.commands.coverage import report

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["coverage", *argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arg")), ids=lambda p: p.stem)
def test_json_of_every_example(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([str(path), "--format", "json", "--suggest"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data == json.loads(json.dumps(report(argmap.analyze(path), suggest=True)))
    assert data["unreadable"] == [] and data["suggestions"] == []
    for article in data["articles"]:
        assert 0 < article["mapped"] <= article["sentences"]
        assert article["share"] == round(article["mapped"] / article["sentences"], 4)
        assert article["argumentative_mapped"] <= article["argumentative"]
        assert len(article["not_yet_mapped"]) == article["argumentative"] - article["argumentative_mapped"]
        text = (path.parent / article["file"].removeprefix("examples/")).read_text(encoding="utf-8")
        if not (path.parent / article["file"]).exists():
            text = (ROOT / article["file"]).read_text(encoding="utf-8")
        lines = text.split("\n")
        for sentence in article["not_yet_mapped"]:
            at = lines[sentence["line"] - 1][sentence["column"] - 1 :]
            assert " ".join(at.split()).startswith(sentence["text"][:20])
            assert sentence["markers"]


def test_text_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(EXAMPLES / "figleaf.arg")], capsys)
    assert code == 0
    data = report(argmap.analyze(EXAMPLES / "figleaf.arg"))
    articles = data["articles"]
    assert isinstance(articles, list)
    article = articles[0]
    assert f"{article['mapped']} of {article['sentences']} sentences mapped ({round(article['share'] * 100)}%)" in out
    assert "not yet mapped:" in out
    first = article["not_yet_mapped"][0]
    assert f"{article['file']}:{first['line']}:{first['column']} [" in out


def _map(tmp_path: Path, article: str | None) -> Path:
    if article is not None:
        (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    path = tmp_path / "m.arg"
    path.write_text(
        'person p1 "Ann Lee"\n'
        'source a "An article"\n  file "a.txt"\n'
        'claim C1 "Russia keeps rearming."\n  by p1\n'
        'premise P1 "Peace now."\n  quote a "Peace can not be a fig leaf"\n'
        "P1 supports C1\n",
        encoding="utf-8",
    )
    return path


ARTICLE = (
    "Russia is rearming, Lee said. The weather was cold.\n\n“Peace cannot be a fig leaf,” she warned.\n"
    "However, others disagreed.\n"
)


def test_suggestions_for_a_statement_without_a_quote_and_a_quote_not_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _map(tmp_path, ARTICLE)
    code, out, _ = run([str(path), "--format", "json", "--suggest", "--limit", "1"], capsys)
    assert code == 0  # a quote not found is an error of the map, not of the measurement
    data = json.loads(out)
    found = {s["statement"]: s for s in data["suggestions"]}
    assert found["C1"]["reason"] == "no quote"
    assert [p["text"] for p in found["C1"]["passages"]] == ["Russia is rearming, Lee said."]
    assert found["P1"]["reason"] == "quote not found"
    (best,) = found["P1"]["passages"]
    assert best["text"].startswith("“Peace cannot be a fig leaf,”")
    assert (best["line"], best["column"], best["file"]) == (3, 1, str(tmp_path / "a.txt"))
    assert 0 < best["score"] <= 1
    code, out, _ = run([str(path), "--suggest"], capsys)
    assert "quote help:" in out and "C1 (no quote): Russia keeps rearming." in out


def test_a_missing_article_is_listed_not_fatal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _map(tmp_path, None)
    code, out, err = run([str(path), "--format", "json"], capsys)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["articles"] == []
    (missing,) = data["unreadable"]
    assert missing["source"] == "a" and missing["reason"]
    code, out, _ = run([str(path)], capsys)
    assert "a (" in out and "not measured:" in out


@pytest.mark.parametrize(
    ("text", "argv", "code"),
    [
        ('claim C1 "unterminated\n', [], 1),
        (None, [], 3),
        ('claim C1 "x"\n', ["--limit", "0"], 2),
    ],
)
def test_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str | None, argv: list[str], code: int
) -> None:
    path = tmp_path / "m.arg"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    got, _, err = run([str(path), *argv], capsys)
    assert got == code
    assert err.strip() and "Traceback" not in err


def test_no_article_at_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "m.arg"
    path.write_text('claim C1 "x"\n', encoding="utf-8")
    code, out, _ = run([str(path)], capsys)
    assert code == 0 and "no article to measure" in out


# -- the docs' commands, run as written ---------------------------------------------------------------


def _doc_commands(doc: str, pattern: str) -> list[str]:
    """Lines matching ``pattern`` in the docs' unlabelled code blocks (the commands; output
    blocks are labelled ``text``)."""
    found, language = [], None
    for raw in (ROOT / "docs" / doc).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("```"):
            language = line[3:].strip() if language is None else None
        elif language == "" and re.match(pattern, line):
            found.append(line)
    return found


DOC_COMMANDS = [
    *_doc_commands("cli.md", r"argmap (coverage|render \S+ -o \S+ --reading)"),
    *_doc_commands("classroom.md", r"argmap (coverage|render \S+ -o \S+ --reading)"),
]


@pytest.mark.exe
@pytest.mark.parametrize("command", DOC_COMMANDS)
def test_docs_commands_run(command: str, tmp_path: Path) -> None:
    argv = shlex.split(command)
    argv = [str(ROOT / a) if a.startswith("examples/") else a for a in argv]
    done = subprocess.run(
        [sys.executable, "-m", "argmap", *argv[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, (command, done.stderr)
    if "--format" in argv and "json" in argv:
        json.loads(done.stdout)


def test_docs_show_coverage_commands() -> None:
    assert any(c.startswith("argmap coverage") for c in DOC_COMMANDS)
    assert any("--reading" in c for c in DOC_COMMANDS)
