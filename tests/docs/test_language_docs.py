"""docs/language.md and docs/api.md say what the code does.

- The grammar printed in language.md is ``grammars/argmap.lark``, character for character.
- Every ``arg`` example parses cleanly, or gives the diagnostic its fence names
  (```` ```arg expect=reserved-word ````); the ``fmt-before`` example formats to ``fmt-after``;
  the ``full-output`` block is what ``argmap check --format full`` prints for the example above it.
- The list of reserved words is the parser's.
- Every ``python`` block of api.md runs, in order, in one namespace (from the docs folder).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.api import loads_result
from argmap.cli import main
from argmap.language.formatting import format_source
from argmap.language.syntax import KEYWORDS

ROOT = Path(__file__).resolve().parents[2]
LANGUAGE = ROOT / "docs" / "language.md"
API = ROOT / "docs" / "api.md"

_FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```$", re.MULTILINE | re.DOTALL)


def _blocks(path: Path) -> list[tuple[str, str]]:
    """``(info string, body)`` of every fenced block, in order."""
    return [(m["info"].strip(), m["body"]) for m in _FENCE.finditer(path.read_text(encoding="utf-8"))]


def _arg_blocks() -> list[tuple[str, str]]:
    return [(info, body) for info, body in _blocks(LANGUAGE) if info.split(" ")[0] == "arg"]


def test_the_documented_grammar_is_the_grammar() -> None:
    (grammar,) = [body for info, body in _blocks(LANGUAGE) if info == "lark"]
    assert grammar == (ROOT / "grammars" / "argmap.lark").read_text(encoding="utf-8")


def test_the_documented_reserved_words_are_the_keywords() -> None:
    text = LANGUAGE.read_text(encoding="utf-8")
    paragraph = text.split("These words are keywords and cannot be ids:", 1)[1].split("\n\n")[1]
    assert re.findall(r"`([a-z]+)`", paragraph) == sorted(KEYWORDS)


@pytest.mark.parametrize(("info", "body"), _arg_blocks(), ids=lambda v: v.splitlines()[0][:40] if v else "arg")
def test_every_arg_example_parses_or_gives_its_diagnostic(info: str, body: str, tmp_path: Path) -> None:
    result = loads_result(body, str(tmp_path / "example.arg"))
    errors = sorted({d.name for d in result.diagnostics if d.is_error})
    expected = re.findall(r"expect=([a-z-]+)", info)
    assert errors == expected, [f"{d.span}: {d.message}" for d in result.diagnostics]


def test_there_are_many_checked_examples() -> None:
    assert len(_arg_blocks()) >= 15


def test_the_fmt_example() -> None:
    blocks = dict(_arg_blocks())
    assert format_source(blocks["arg fmt-before"]) == blocks["arg fmt-after"]


def test_the_documented_error_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = _blocks(LANGUAGE)
    index = next(i for i, (info, _) in enumerate(blocks) if info == "text full-output")
    source, output = blocks[index - 1][1], blocks[index][1]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "example.arg").write_text(source, encoding="utf-8")
    assert main(["check", "--format", "full", "example.arg"]) == 1
    assert capsys.readouterr().out == output


def test_api_doc_examples_run(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "api_doc"}
    blocks = [body for info, body in _blocks(API) if info == "python"]
    assert len(blocks) >= 5
    for number, body in enumerate(blocks, start=1):
        try:
            exec(compile(body, f"docs/api.md block {number}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the failure message names the block
            pytest.fail(f"docs/api.md python block {number} raised {type(error).__name__}: {error}")
    capsys.readouterr()
