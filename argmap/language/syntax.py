"""The Lark parser for ``.arg`` text and the syntax diagnostics it can give.

This module and ``build`` are the only ones that import Lark; no Lark exception leaves them.

Lark is imported on the first parse, not with the package: ``import argmap`` stays fast.
The parser keeps every token in the tree (``keep_all_tokens``) instead of propagating positions
to every rule: spans are read off the first and last token of a statement, which costs nothing
while parsing, whereas ``propagate_positions`` wraps every rule reduction in Python code.
"""

from __future__ import annotations

import contextvars
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.language.table import KEYWORDS, RELATION_WORDS, STATEMENTS
from argmap.model import Span
from argmap.model.diagnostics import Diagnostic, make

if TYPE_CHECKING:  # Lark is imported when the first text is parsed, not with the package
    from lark import Lark, Token, Tree
    from lark.exceptions import LarkError, UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

__all__ = [
    "ATTRIBUTE_KEYWORDS",
    "KEYWORDS",
    "Comment",
    "ParsedText",
    "grammar_text",
    "normalize_text",
    "parse_text",
]

#: The words that may follow a statement's header, by the kind of statement (from the table).
ATTRIBUTE_KEYWORDS = {
    statement.name: tuple(a.keyword for a in statement.attributes) for statement in STATEMENTS if statement.attributes
}

_STATEMENT_KEYWORDS = tuple(word for statement in STATEMENTS for word in statement.keywords)
_RELATION_WORDS = RELATION_WORDS

# The terminals that can begin a statement; when all of them are expected, the message says
# "a new statement" instead of listing them.
_STATEMENT_STARTS = frozenset({"TITLE", "INCLUDE", "SOURCE", "PERSON", "NODE_KIND", "ID"})

# Human names for the grammar's value terminals, used in "expected ..." messages.
_TERMINAL_NAMES = {
    "ID": "an id",
    "STRING": 'a string in double quotes ("...")',
    "DATE": "a date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "INT": "a whole number",
    "COLON": "`:`",
    "PLUS": "`+`",
    "COMMA": "`,`",
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
    from importlib import resources  # only Lark needs the grammar; the fast path does not (start-up)

    packaged = resources.files("argmap").joinpath("grammars/argmap.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    checkout = Path(__file__).resolve().parents[2] / "grammars" / "argmap.lark"
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
    from lark import Lark

    return Lark(
        grammar_text(),
        parser="lalr",
        lexer="contextual",
        keep_all_tokens=True,
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
    from lark.exceptions import LarkError

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


# -- syntax errors as diagnostics ------------------------------------------------------------


@attrs.frozen
class _Context:
    """What the parser had read of the statement it was in when it stopped."""

    statement: tuple[Token, ...]  # the tokens of the unfinished statement, in order
    previous: Token | None  # the last token read, possibly of an earlier statement
    finished: tuple[Token, ...] = ()  # the tokens of the last finished statement

    def misplaced_keyword(self) -> tuple[Token, Token | None] | None:
        """A keyword the lexer read as an id (where only an id could stand), and the token before.

        ``P1 supports`` followed by ``premise P2 "..."`` reads ``premise`` as the target: the
        parser fails later, but the mistake is the unfinished line before the keyword.
        """
        tokens = (*self.finished, *self.statement)
        for index, (before, token) in enumerate(zip((None, *tokens), tokens, strict=False)):
            # In the statement being read, any keyword read as an id is the mistake; in the one
            # before, only one that starts a line (`claim note "x"` is a finished statement whose
            # reserved id the builder reports on its own).
            unfinished = index >= len(self.finished)
            starts_line = before is None or (before.end_line or 0) < (token.line or 0)
            if token.type == "ID" and str(token) in KEYWORDS and (unfinished or starts_line):
                return token, before
        return None

    @property
    def kind(self) -> str | None:
        """``source``, ``person``, ``node``, ``relation`` ... or None between statements."""
        if not self.statement:
            return None
        first = self.statement[0]
        if first.type == "NODE_KIND":
            return "node"
        if first.type == "ID":
            return "contradiction" if any(t.type == "CONTRADICTS" for t in self.statement) else "relation"
        return first.type.lower()


def _tokens_of(value: object) -> Iterable[Token]:
    from lark import Token, Tree

    if isinstance(value, Token):
        yield value
    elif isinstance(value, Tree):
        for child in value.children:
            yield from _tokens_of(child)


def _context(error: UnexpectedInput) -> _Context:
    from lark import Tree

    parser = getattr(error, "interactive_parser", None)
    stack: Sequence[object] = parser.parser_state.value_stack if parser is not None else ()
    statement: list[Token] = []
    finished: list[Token] = []
    previous: Token | None = None
    for value in stack:
        tokens = list(_tokens_of(value))
        if tokens:
            previous = tokens[-1]
        if isinstance(value, Tree) and str(value.data).startswith("__"):
            # The statements read so far, folded into one list: keep the last one's tokens.
            last = value.children[-1] if value.children else None
            finished, statement = list(_tokens_of(last)), []
        elif isinstance(value, Tree) and value.data in _COMPLETE:
            finished, statement = tokens, []
        else:
            statement += tokens
    return _Context(tuple(statement), previous, tuple(finished))


_COMPLETE = frozenset({"title", "include", "source", "person", "node", "relation", "contradiction"})


def _accepts(error: UnexpectedInput) -> set[str]:
    accepts = getattr(error, "accepts", None) or getattr(error, "expected", None)
    if not accepts:
        parser = getattr(error, "interactive_parser", None)
        if parser is not None:
            accepts = parser.accepts()
    return set(accepts or ()) - {"COMMENT", "WS"}


def _point_after(token: Token, filename: str) -> Span:
    line = token.end_line or token.line or 1
    column = token.end_column or 1
    return Span(filename, line, column, line, column)


def _token_span(token: Token, filename: str) -> Span:
    line, column = token.line or 1, token.column or 1
    end_line = token.end_line or line
    end_column = token.end_column or column + len(str(token))
    return Span(filename, line, column, end_line, end_column)


def _syntax_diagnostic(error: LarkError, text: str, filename: str) -> Diagnostic:
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

    if isinstance(error, UnexpectedCharacters):
        return _bad_character(error, text, filename)
    if isinstance(error, UnexpectedToken | UnexpectedEOF):
        return _bad_token(error, text, filename)
    # Grammar or configuration errors are bugs, not bad input; still, never let them escape.
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return make("syntax-error", message, Span(filename, 1, 1, 1, 1))


def _bad_character(error: UnexpectedCharacters, text: str, filename: str) -> Diagnostic:
    context = _context(error)
    position = error.pos_in_stream or 0
    char = text[position] if position < len(text) else ""
    line, column = error.line, error.column
    previous = context.previous
    if char == '"' and previous is not None and str(previous) == '""' and previous.end_pos == position:
        # `"""` that is never closed: the lexer read `""` (an empty string) and then choked.
        return make(
            "syntax-error",
            'unterminated string: the `"""` here is never closed',
            Span(filename, previous.line or line, previous.column or column, line, column + 1),
            hints=['end the text with `"""`'],
        )
    if char == '"':
        end = text.find("\n", position)
        end_column = column + ((end if end >= 0 else len(text)) - position)
        return make(
            "syntax-error",
            'unterminated string: the line ends before the closing `"`',
            Span(filename, line, column, line, max(end_column, column + 1)),
            hints=[
                'close it with `"` on the same line, or use `"""` for text across lines',
                'a `"` inside the text is written `\\"`',
            ],
        )
    expected = _expected_text(_accepts(error), context)
    after = f" after `{_shorten(str(previous))}`" if previous is not None else ""
    hints = []
    if char in "'‘’“”«»„":
        hints.append('strings use straight double quotes: "like this"; curly quotes belong inside them')
    elif char.isprintable() and not char.isspace():
        hints.append("only letters, digits, `_` and `-` make an id; other text goes inside double quotes")
    shown = repr(char) if not char.isprintable() or char.isspace() else f"`{char}`"
    return make(
        "syntax-error",
        f"unexpected character {shown}{after}: {expected}",
        Span(filename, line, column, line, column + 1),
        hints=hints or [_FALLBACK_HINT],
    )


def _bad_token(error: UnexpectedToken | UnexpectedEOF, text: str, filename: str) -> Diagnostic:
    context = _context(error)
    expected = _accepts(error)
    previous = context.previous
    token: Token | None = getattr(error, "token", None)
    at_end = token is None or token.type in ("$END", "<EOF>")  # LALR says $END; UnexpectedEOF <EOF>
    want = _expected_text(expected, context)
    if at_end or token is None:
        if previous is None:  # pragma: no cover - an empty file is a valid map
            span = Span(filename, 1, 1, 1, 1)
            after = ""
        else:
            span = _point_after(previous, filename)
            after = f" after `{_shorten(str(previous))}`"
        return make(
            "syntax-error",
            f"the file ends too early: {want}{after}",
            span,
            hints=_missing_hints(expected, context, None) or [_FALLBACK_HINT],
        )
    found = _describe(token)
    misplaced = context.misplaced_keyword()
    if misplaced is not None:
        keyword, before = misplaced
        where = f" after `{_shorten(str(before))}`" if before is not None else ""
        return make(
            "syntax-error",
            f"expected an id{where}, found the keyword `{keyword}`",
            _token_span(keyword, filename),
            hints=[
                f"`{keyword}` is a keyword and cannot be used as an id; "
                "if it starts a new statement, the line before it is unfinished"
            ],
        )

    lone = _lone_name_before_text(context, token, text, filename) or _by_full_name(context, token, text, filename)
    if lone is not None:
        return lone
    # A statement that starts with an id is a relation; if the word after it is not a relation
    # word, the id itself is most often a misspelt keyword (`clam C1 "..."`, `quot s "..."`).
    if (
        context.kind == "relation"
        and len(context.statement) == 1
        and previous is not None
        and not _close_words(str(token), [*_RELATION_WORDS])
    ):
        guess = _close_words(str(previous), sorted(KEYWORDS))
        if guess:
            return make(
                "syntax-error",
                f"unknown word `{_shorten(str(previous))}`: did you mean `{guess}`?",
                _token_span(previous, filename),
                hints=["a line that starts with an id (not a keyword) is a relation, like `P1 supports C1`"],
            )
    after = f" after `{_shorten(str(previous))}`" if previous is not None else ""
    message = f"{want}{after}, found {found}" if after else f"{want}, found {found}"
    span = _token_span(token, filename)
    hints = _missing_hints(expected, context, token)
    if previous is not None and (token.line or 0) > (previous.end_line or 0) and _needs_value(expected):
        # Something is missing at the end of a line: point there, not at the next line.
        span = _point_after(previous, filename)
        message = f"{want}{after}, found {found} on the next line"
    return make("syntax-error", message, span, hints=hints or [_FALLBACK_HINT])


def _lone_name_before_text(context: _Context, token: Token, text: str, filename: str) -> Diagnostic | None:
    """``  paper "..."`` under a node: a name and then text, where ``quote`` was left out.

    The mistake is the missing keyword before the name, so the caret goes on the name. It is
    ``quote`` when the name is a source declared in this file, or when the line is indented
    (an attribute of the node above) and the name could be a source.
    """
    previous = context.previous
    if context.kind != "relation" or len(context.statement) != 1 or previous is None or token.type != "STRING":
        return None
    name = str(previous)
    declared = re.search(rf"^[ \t]*source[ \t]+{re.escape(name)}(?![A-Za-z0-9_\-])", text, flags=re.MULTILINE)
    if declared is None and (previous.column or 1) == 1:
        return None  # a new statement without its kind: the general hint fits
    if declared is not None:
        message = f"`quote` is missing before source `{_shorten(name)}`"
    else:
        message = f"a keyword is missing before `{_shorten(name)}`: a line under a node starts with one"
    return make(
        "syntax-error",
        message,
        _token_span(previous, filename),
        hints=[
            f'to quote the article, write: quote {_shorten(name)} "..."'
            if declared is not None
            else f'to quote a source, write: quote SOURCE "..." (is `{_shorten(name)}` one?)',
            *([] if declared is not None else ['for a remark of your own, write: note "..."']),
        ],
    )


def _by_full_name(context: _Context, token: Token, text: str, filename: str) -> Diagnostic | None:
    """``by "Shop owners"``: a person's name where their id belongs; the hint names the id."""
    previous = context.previous
    if previous is None or previous.type != "BY" or token.type != "STRING":
        return None
    written = str(token)
    name = written[1:-1] if len(written) >= 2 and written[0] == written[-1] == '"' else written
    declared = re.search(
        rf'^[ \t]*person[ \t]+([A-Za-z0-9_][A-Za-z0-9_\-]*)[ \t]+"{re.escape(name)}"', text, flags=re.MULTILINE
    )
    if declared is not None:
        hint = f"`{_shorten(name)}` is person `{declared.group(1)}`: write by {declared.group(1)}"
    else:
        hint = f'declare the person once (person p1 "{_shorten(name)}") and write by p1'
    return make(
        "syntax-error",
        "`by` takes a person's id, not their name in quotes",
        _token_span(token, filename),
        hints=[hint],
    )


def _needs_value(expected: set[str]) -> bool:
    """True when only a value can come next (the statement cannot end here)."""
    return not (expected & (_STATEMENT_STARTS | {"$END"}))


def _missing_hints(expected: set[str], context: _Context, token: Token | None) -> list[str]:
    hints: list[str] = []
    previous = context.previous
    if token is not None:
        word = str(token)
        guess = _close_words(word, _expected_words(expected))
        if guess:
            hints.append(f"did you mean `{guess}`?")
        if token.type == "ID" and word not in KEYWORDS and "STRING" in expected:
            hints.append('text goes inside double quotes: "like this"')
        if (
            previous is not None
            and str(previous) in KEYWORDS
            and token.type in ("RELATION_KIND", "CONTRADICTS", "PLUS", "COLON")
        ):
            hints.append(f"`{previous}` is a keyword and cannot be used as an id; choose another name")
    if "STRING" in expected and context.kind in ("node", "source", "person") and len(context.statement) == 2:
        what = {"node": "a claim, premise or rebuttal", "source": "a source", "person": "a person"}[context.kind]
        example = {
            "node": 'claim C1 "What the author claims."',
            "source": 'source s1 "Headline"',
            "person": 'person p1 "Full Name"',
        }[context.kind]
        hints.append(f"{what} needs its text right after its id: {example}")
    if expected == {"ID"} and previous is not None and previous.type in _ID_AFTER:
        hints.append(f"`{previous}` needs {_ID_AFTER[previous.type]} after it")
    if expected == {"STRING"} and previous is not None and str(previous) in KEYWORDS and not hints:
        hints.append(f'`{previous}` needs its text in double quotes after it: {previous} "..."')
    if "DATE" in expected:
        hints.append("write the date without quotes: 2022, 2022-03 or 2022-03-14")
    if "INT" in expected:
        hints.append("write a whole number without quotes, like `step 2`")
    if token is not None and token.type == "STRING" and expected >= _STATEMENT_STARTS:
        hints.append(
            "text belongs to a statement: start the line with `claim`, `premise` or `rebuttal` and an id, "
            "or give it as an attribute such as `note`"
        )
    lone_id = context.kind == "relation" and len(context.statement) == 1 and previous is not None
    if lone_id and token is not None and token.type == "STRING" and previous is not None:
        hints.append(f'to declare `{previous}`, begin with its kind: claim {previous} "..." (or premise, rebuttal)')
    if not hints and lone_id and previous is not None:
        word = _shorten(str(previous))
        hints.append(
            f"`{word}` starts a new statement: an id that is not a keyword begins a relation "
            f"like `{word} supports C1`; "
            f"the attributes of a node are {_quoted(ATTRIBUTE_KEYWORDS['node'])}"
        )
    return hints


_FALLBACK_HINT = "see docs/language.md for every statement and its attributes"


# What an id after a keyword names, for "`by` needs the id of a person after it".
_ID_AFTER = {
    "RELATION_KIND": "the id of its target",
    "CONTRADICTS": "the id of a node",
    "BY": "the id of a person",
    "QUOTE": "the id of a source, then the quoted text",
    "TAGS": "one or more tags (ids separated by commas)",
    "COMMA": "another id",
    "PLUS": "the id of another member of the group",
    "COLON": "the first member of the relation",
    "NODE_KIND": "an id for the new node",
    "SOURCE": "an id for the new source",
    "PERSON": "an id for the new person",
}


def _close_words(word: str, candidates: Sequence[str]) -> str:
    if not candidates or len(word) < 2:
        return ""
    import difflib  # only a misspelt keyword needs it, not every start-up

    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return close[0] if close and close[0] != word else ""


def _expected_words(expected: set[str]) -> list[str]:
    words: list[str] = []
    for name in expected:
        if name == "NODE_KIND":
            words += ["claim", "premise", "rebuttal"]
        elif name == "RELATION_KIND":
            words += ["supports", "attacks", "undercuts"]
        elif name not in _TERMINAL_NAMES and name != "$END":
            words.append(_keyword(name))
    return sorted(words)


def _keyword(name: str) -> str:
    try:
        return str(_parser().get_terminal(name).pattern.value)
    except KeyError:  # pragma: no cover - every terminal the parser names exists
        return name.lower()


def _describe(token: Token) -> str:
    value = str(token)
    if token.type == "STRING":
        return "a string"
    if token.type in ("DATE", "INT"):
        return f"the number `{value}`"
    return f"`{_shorten(value)}`"


def _shorten(value: str) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= 30 else value[:27] + "..."


def _quoted(words: Iterable[str]) -> str:
    return _join([f"`{w}`" for w in words])


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# The order in which expected words are listed: the way a statement is written.
_WORD_ORDER = [
    *_STATEMENT_KEYWORDS,
    *ATTRIBUTE_KEYWORDS["source"],
    *ATTRIBUTE_KEYWORDS["person"],
    *ATTRIBUTE_KEYWORDS["node"],
    *_RELATION_WORDS,
    "outweighed",
]


def _expected_text(expected: set[str], context: _Context) -> str:
    """``expected ...`` in words: values by name, keywords in the order they are written."""
    expected = set(expected)
    parts: list[str] = []
    statement = expected >= _STATEMENT_STARTS
    if statement:
        expected -= _STATEMENT_STARTS | {"$END"}
    words = _expected_words(expected)
    words.sort(key=lambda w: _WORD_ORDER.index(w) if w in _WORD_ORDER else len(_WORD_ORDER))
    values = [_TERMINAL_NAMES[n] for n in sorted(expected) if n in _TERMINAL_NAMES]
    if context.kind == "relation" and "COLON" in expected:
        # After the first id of a relation: the relation word, or `+`/`:` to continue.
        values = [v for v in values if v not in ("`:`", "`+`")]
        words = [*words, "+", ":"]
    if words and statement:
        parts.append(f"an attribute ({_quoted(words)})")
    else:
        parts += [f"`{w}`" for w in words]
    parts += values
    if statement:
        parts.append("a new statement")
    if not parts:
        return "expected the end of the file"
    return "expected " + _join(parts)
