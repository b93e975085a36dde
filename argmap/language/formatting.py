"""``argmap fmt``'s layout of a parsed file, with a proof: the canonical text must parse back to
the same map and the same comments.

``format_tree`` works on the parse tree, not the map, so it keeps the author's order of
statements and attributes, their blank lines between statements and every comment.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import attrs
from lark import Token, Tree

from argmap.errors import ArgmapError
from argmap.language.build import build_map, decode_string
from argmap.language.document import parse_document
from argmap.language.printer import INDENT, encode_string
from argmap.language.syntax import Comment, normalize_text, parse_text
from argmap.model import Span
from argmap.model.diagnostics import Diagnostic, make

__all__ = ["FormatRefusedError", "format_source", "format_tree"]


class FormatRefusedError(ArgmapError):
    """The text cannot be formatted safely; ``diagnostics`` says why."""

    def __init__(self, filename: str, text: str, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__(
            f"{filename}: cannot be formatted",
            hint="fix the errors `argmap check` reports, then format again",
            diagnostics=diagnostics,
        )
        self.filename = filename
        self.text = text
        self.diagnostics = diagnostics


def format_source(text: str, filename: str = "<string>") -> str:
    """The canonical layout of ``text``; raises ``FormatRefusedError`` rather than change meaning."""
    text = normalize_text(text)
    parsed = parse_text(text, filename)
    if parsed.tree is None:
        raise FormatRefusedError(filename, text, parsed.diagnostics)
    before, problems = build_map(parsed.tree, filename)
    errors = tuple(d for d in problems if d.is_error)
    if errors:  # an unknown escape, say: printing it canonically would change the text's value
        raise FormatRefusedError(filename, text, errors)
    formatted = format_tree(parsed.tree, parsed.comments, filename)
    after = parse_document(formatted, filename)
    same_comments = [c.text for c in after.comments] == [c.text for c in parsed.comments]
    if not after.parsed or after.map != before or not same_comments:
        problem = make(
            "syntax-error",
            "argmap's formatter would change this file's meaning; it was left untouched (please report this bug)",
            Span(filename, 1, 1, 1, 1),
        )
        raise FormatRefusedError(filename, text, (problem,))
    return formatted


# -- the layout of a parsed file, comments kept -------------------------------------------------


#: An allowance comment (the pattern argmap.analysis.policy reads).
_ALLOW = re.compile(r"#\s*argmap:\s*allow\b")


@attrs.frozen
class _Line:
    text: str
    indented: bool
    first: int  # the source lines its tokens came from
    last: int


def _token_text(token: Token, filename: str) -> str:
    if token.type == "STRING":
        return encode_string(decode_string(token, filename)[0])
    return str(token)


def _tokens(tree: Tree[Token]) -> list[Token]:
    return list(tree.scan_values(lambda v: isinstance(v, Token)))


def _line(tokens: Sequence[Token], text: str, indented: bool) -> _Line:
    first = tokens[0].line or 0
    last = max(t.end_line or 0 for t in tokens)
    return _Line(text, indented, first, last)


def _words(tokens: Sequence[Token], filename: str) -> str:
    """Tokens separated by one space, except `,` and `:` which hug the word before them."""
    out = ""
    for token in tokens:
        word = _token_text(token, filename)
        out += word if not out or token.type in ("COMMA", "COLON") else " " + word
    return out


def _statement_lines(statement: Tree[Token], filename: str) -> list[_Line]:
    kind = str(statement.data)
    if kind in ("relation", "contradiction"):
        tokens = _tokens(statement)  # a relation is one line, whatever its attributes
        return [_line(tokens, _words(tokens, filename), False)]
    header = [c for c in statement.children if isinstance(c, Token)]
    attributes = [c for c in statement.children if isinstance(c, Tree)]
    lines = [_line(header, _words(header, filename), False)]
    for attr in attributes:
        tokens = _tokens(attr)
        lines.append(_line(tokens, INDENT + _words(tokens, filename), True))
    return lines


def format_tree(tree: Tree[Token], comments: Sequence[Comment], filename: str) -> str:
    """Canonical layout of one parsed file, in the author's order, with every comment kept."""
    statements = [[*_statement_lines(s, filename)] for s in tree.children if isinstance(s, Tree)]
    lines = [line for block in statements for line in block]
    starts = {id(block[0]) for block in statements}
    trailing: dict[int, list[Comment]] = {}
    leading: dict[int, list[Comment]] = {}
    at_end: list[Comment] = []
    # Looked up per comment in O(1) and O(log n), not by a scan of every line (a file of 32,000
    # commented lines took 35 s). A trailing comment goes with the last line that ends where it
    # stood (`role "R"  # the role`), except `# argmap: allow`, which stays on the statement's
    # first line, where its findings point: on the last line (`implicit`) it came loose, and the
    # warning it silenced came back. (`fmt` also compares the findings before and after.)
    first_owner: dict[int, int] = {}
    last_owner: dict[int, int] = {}
    reach: list[int] = []  # the furthest source line reached by lines[0..i]
    for i, line in enumerate(lines):
        first_owner.setdefault(line.last, i)
        last_owner[line.last] = i
        reach.append(max(line.last, reach[-1]) if reach else line.last)
    for comment in comments:
        owner = (first_owner if _ALLOW.match(comment.text) else last_owner).get(comment.line)
        if owner is not None:
            trailing.setdefault(owner, []).append(comment)
            continue
        index = bisect.bisect_left(reach, comment.line)
        if index == len(lines):
            at_end.append(comment)
        else:
            leading.setdefault(index, []).append(comment)
    out: list[str] = []
    previous_end = 0

    def emit(text: str, first: int, last: int, top_level: bool) -> None:
        nonlocal previous_end
        if out and top_level and first > previous_end + 1:
            out.append("")
        out.append(text)
        previous_end = max(previous_end, last)

    for i, line in enumerate(lines):
        top = id(line) in starts
        for comment in leading.get(i, []):
            prefix = INDENT if line.indented else ""
            # A comment from inside a multi-line relation comes first: the blank line before it
            # depends on where the statement starts, not on where the comment stood.
            emit(prefix + comment.text, min(comment.line, line.first), comment.line, top)
            top = False if line.indented else top
        text = line.text
        for comment in trailing.get(i, []):
            text += "  " + comment.text
        emit(text, line.first, line.last, top or (not line.indented and id(line) in starts))
    for comment in at_end:
        emit(comment.text, comment.line, comment.line, True)
    return "\n".join(out) + "\n" if out else ""
