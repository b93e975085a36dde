"""The Pygments lexer: registered by its entry point, no error token on any bundled example,
and the right token class for each construct of the language."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pygments = pytest.importorskip("pygments", reason="the lexer needs Pygments (argmap[highlight])")

from pygments.lexers import get_lexer_by_name, get_lexer_for_filename  # noqa: E402
from pygments.token import (  # noqa: E402
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    _TokenType,
)

from argmap.highlight import ArgmapLexer  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").rglob("*.arg"))


def tokens(text: str) -> list[tuple[_TokenType, str]]:
    return [(kind, value) for kind, value in ArgmapLexer().get_tokens(text) if value.strip()]


def test_registered_by_name_and_filename() -> None:
    assert isinstance(get_lexer_by_name("argmap"), ArgmapLexer)
    assert isinstance(get_lexer_for_filename("map.arg"), ArgmapLexer)


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_every_example_lexes_without_an_error_token(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = list(ArgmapLexer().get_tokens(text))
    assert [value for kind, value in found if kind in Error] == []
    # Pygments ends the text with a line break; nothing else is added or lost.
    assert "".join(value for _, value in found) == (text if text.endswith("\n") else text + "\n")


CONSTRUCTS = [
    ('title "Peace talks"', [(Keyword.Declaration, "title"), (String.Double, '"'), (String.Double, "Peace talks")]),
    ('include "other.arg"', [(Keyword.Declaration, "include")]),
    ('source telegraph "Headline"', [(Keyword.Declaration, "source"), (Name.Function, "telegraph")]),
    ('person cleverly "James" role "Minister"', [(Name.Function, "cleverly"), (Keyword, "role")]),
    ('claim C1 "A claim."', [(Keyword.Declaration, "claim"), (Name.Function, "C1")]),
    ('premise P1 "x" implicit', [(Keyword.Declaration, "premise"), (Name.Function, "P1"), (Keyword, "implicit")]),
    ('rebuttal R1 "x" by cleverly', [(Keyword.Declaration, "rebuttal"), (Keyword, "by"), (Name, "cleverly")]),
    ('quote telegraph "words"', [(Keyword, "quote"), (Name, "telegraph")]),
    (
        "tags rearmament, distrust",
        [(Keyword, "tags"), (Name.Tag, "rearmament"), (Punctuation, ","), (Name.Tag, "distrust")],
    ),
    ("date 2022-12", [(Keyword, "date"), (Literal.Date, "2022-12")]),
    ("date 2022-12-05", [(Literal.Date, "2022-12-05")]),
    ("step 2", [(Keyword, "step"), (Number.Integer, "2")]),
    (
        'outlet "x" url "y" file "z" author "w"',
        [(Keyword, "outlet"), (Keyword, "url"), (Keyword, "file"), (Keyword, "author")],
    ),
    ('note "x"', [(Keyword, "note")]),
    (
        "S1: P1 + P2 supports C1",
        [(Name.Label, "S1"), (Punctuation, ":"), (Name, "P1"), (Operator, "+"), (Operator.Word, "supports")],
    ),
    ("R1 attacks P2 outweighed", [(Operator.Word, "attacks"), (Keyword, "outweighed")]),
    ("R2 undercuts S1", [(Operator.Word, "undercuts")]),
    ("C1 contradicts C7", [(Operator.Word, "contradicts")]),
    ('claim C1 "a \\" b \\\\ c"', [(String.Escape, '\\"'), (String.Escape, "\\\\")]),
    ('claim C1 """two\nlines "quoted" """', [(String.Double, '"""'), (String.Double, "two\nlines ")]),
    ("# a comment", [(Comment.Single, "# a comment")]),
    ("# argmap: allow orphan", [(Comment.Preproc, "# argmap: allow orphan")]),
    ("claims supports note-1", [(Name, "claims"), (Name, "note-1")]),  # words that only begin with a keyword
]


@pytest.mark.parametrize(("text", "expected"), CONSTRUCTS, ids=[c[0][:24] for c in CONSTRUCTS])
def test_each_construct_has_its_token_class(text: str, expected: list[tuple[_TokenType, str]]) -> None:
    found = tokens(text)
    for pair in expected:
        assert pair in found, (pair, found)
    assert not [value for kind, value in found if kind in Error]


@pytest.mark.parametrize("text", ['claim C1 "a \\n b"', 'claim C1 "never closed\nP1 supports C1', "claim C1 ?"])
def test_mistakes_are_error_tokens(text: str) -> None:
    assert any(kind in Error for kind, _ in ArgmapLexer().get_tokens(text))


def test_pygmentize_highlights_a_map() -> None:
    pygmentize = shutil.which("pygmentize", path=str(Path(sys.executable).parent))
    if pygmentize is None:
        pytest.skip("pygmentize is not installed beside this Python")
    done = subprocess.run(
        [pygmentize, "-l", "argmap", "-f", "html", str(ROOT / "examples" / "telegraph.arg")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '<span class="kd">claim</span>' in done.stdout
