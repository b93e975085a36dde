"""The Lark parser for ``.arg`` text and the syntax diagnostics it can give.

This module and ``build`` are the only ones that import Lark; no Lark exception leaves them.
"""

from __future__ import annotations

import contextvars
import difflib
import functools
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import attrs
from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

from argmap.diagnostics import Diagnostic, make
from argmap.model import Span

__all__ = ["KEYWORDS", "Comment", "ParsedText", "grammar_text", "normalize_text", "parse_text"]

#: Reserved words: none of them can be an id.
KEYWORDS = frozenset(
    """title include source outlet date url file author person role claim premise rebuttal
    by quote tags note implicit step supports attacks undercuts contradicts outweighed""".split()
)

# Human names for the grammar's terminals, used in "expected ..." messages.
_TERMINAL_NAMES = {
    "ID": "an id",
    "STRING": "a string",
    "DATE": "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "INT": "a whole number",
    "NODE_KIND": "`claim`, `premise` or `rebuttal`",
    "RELATION_KIND": "`supports`, `attacks` or `undercuts`",
    "COLON": "`:`",
    "PLUS": "`+`",
    "COMMA": "`,`",
    "$END": "the end of the file",
}


@attrs.frozen
class Comment:
    """A ``#`` comment: where it stands and its text (with the ``#``)."""

    file: str
    line: int
    column: int
    text: str


@attrs.frozen
class ParsedText:
    """The parse tree of one file (``None`` when it does not parse), its comments, findings."""

    tree: Tree[Token] | None
    comments: tuple[Comment, ...]
    diagnostics: tuple[Diagnostic, ...]


def grammar_text() -> str:
    """The grammar, from the installed package or, in a source checkout, from ``grammars/``."""
    packaged = resources.files("argmap").joinpath("grammars/argmap.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parent.parent / "grammars" / "argmap.lark"
    return checkout.read_text(encoding="utf-8")


# The parser is built once; the comment callback it was built with forwards each comment to
# whichever parse is running in this context, so parses do not share a list.
_COMMENTS: contextvars.ContextVar[Callable[[Token], None]] = contextvars.ContextVar("comments")


def _forward_comment(token: Token) -> Token:
    sink = _COMMENTS.get(None)
    if sink is not None:
        sink(token)
    return token


@functools.cache
def _parser() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
        maybe_placeholders=False,
        lexer_callbacks={"COMMENT": _forward_comment},
    )


def normalize_text(text: str) -> str:
    """Drop a byte-order mark and turn CRLF and lone CR line ends into LF.

    Lines and columns are counted on the normalized text, which has the same lines.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_text(text: str, filename: str) -> ParsedText:
    """Parse normalized ``.arg`` text; a syntax error becomes a diagnostic, never an exception."""
    comments: list[Comment] = []

    def keep_comment(token: Token) -> None:
        comments.append(Comment(filename, token.line or 0, token.column or 0, str(token).rstrip()))

    token = _COMMENTS.set(keep_comment)
    try:
        tree = _parser().parse(text)
    except LarkError as error:
        return ParsedText(None, tuple(comments), (_syntax_diagnostic(error, text, filename),))
    except RecursionError:
        span = Span(filename, 1, 1, 1, 1)
        message = "the file nests too deeply to parse"
        return ParsedText(None, tuple(comments), (make("syntax-error", message, span),))
    finally:
        _COMMENTS.reset(token)
    return ParsedText(tree, tuple(comments), ())


def _syntax_diagnostic(error: LarkError, text: str, filename: str) -> Diagnostic:
    hints: list[str] = []
    if isinstance(error, UnexpectedCharacters):
        line, column = error.line, error.column
        position = error.pos_in_stream or 0
        char = text[position] if position < len(text) else ""
        if char == '"':
            message = "unterminated string"
            hints.append('close it with `"` on the same line, or use `"""` for text across lines')
        else:
            message = f"unexpected character {char!r}"
            hints.append(_expected_text(error.allowed or set()))
        span = Span(filename, line, column, line, column + 1)
    elif isinstance(error, UnexpectedEOF):
        line, column = _end_position(text)
        message = f"unexpected end of file: {_expected_text(set(error.expected))}"
        span = Span(filename, line, column, line, column)
    elif isinstance(error, UnexpectedToken):
        token = error.token
        expected = set(error.accepts or error.expected)
        if token.type == "$END":
            line, column = _end_position(text)
            span = Span(filename, line, column, line, column)
            message = f"unexpected end of file: {_expected_text(expected)}"
        else:
            line, column = token.line or 1, token.column or 1
            end_line = token.end_line or line
            end_column = token.end_column or column + len(str(token))
            span = Span(filename, line, column, end_line, end_column)
            message = f"unexpected {_describe(token)}: {_expected_text(expected)}"
            hint = _keyword_hint(str(token), expected)
            if hint:
                hints.append(hint)
            if "STRING" in expected and token.type == "ID":
                hints.append('text must be in double quotes: "like this"')
    else:  # pragma: no cover - every Lark parse error is one of the above
        span = Span(filename, 1, 1, 1, 1)
        message = str(error).splitlines()[0]
    return make("syntax-error", message, span, hints=[h for h in hints if h])


def _end_position(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines), len(lines[-1]) + 1


def _describe(token: Token) -> str:
    value = str(token)
    if token.type == "STRING":
        return "string"
    if len(value) > 30:
        value = value[:27] + "..."
    return f"`{value}`"


def _terminal_name(name: str) -> str:
    if name in _TERMINAL_NAMES:
        return _TERMINAL_NAMES[name]
    try:
        pattern = _parser().get_terminal(name).pattern
    except KeyError:
        return name
    return f"`{pattern.value}`"


def _expected_text(expected: set[str]) -> str:
    names = sorted({_terminal_name(n) for n in expected if n not in ("COMMENT", "WS")})
    if not names:
        return "expected nothing more here"
    if len(names) == 1:
        return f"expected {names[0]}"
    if len(names) > 8:
        return "expected " + ", ".join(names[:8]) + " or another statement"
    return "expected " + ", ".join(names[:-1]) + " or " + names[-1]


def _keyword_hint(word: str, expected: set[str]) -> str:
    candidates = [_terminal_name(n).strip("`") for n in expected if _terminal_name(n).startswith("`")]
    if "RELATION_KIND" in expected:
        candidates += ["supports", "attacks", "undercuts"]
    if "NODE_KIND" in expected:
        candidates += ["claim", "premise", "rebuttal"]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f"did you mean `{close[0]}`?" if close else ""
