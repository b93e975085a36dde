"""A Pygments lexer for ``.arg`` maps, registered as ``argmap`` (and ``*.arg``) through the
``pygments.lexers`` entry point, so ``pygmentize -l argmap``, Sphinx, MkDocs and Jupyter
highlight maps once argmap is installed.

It follows grammars/argmap.lark: statement keywords, attribute keywords, the relation words,
ids (declared, labels and references), strings with their two escapes (``\\"`` and ``\\\\``;
any other backslash is an error, as in the language), dates, step numbers and comments, with
``# argmap: allow`` comments marked apart.
"""

from __future__ import annotations

from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups, default, include, words
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Whitespace,
)

__all__ = ["ArgmapLexer"]

_ID = r"[A-Za-z_][A-Za-z0-9_\-]*"
_END = r"(?![A-Za-z0-9_\-])"


class ArgmapLexer(RegexLexer):
    """The ``.arg`` argument-map language."""

    name = "argmap"
    aliases: ClassVar[list[str]] = ["argmap", "arg"]
    filenames: ClassVar[list[str]] = ["*.arg"]
    mimetypes: ClassVar[list[str]] = ["text/x-argmap"]
    url = "https://example.org/argmap/docs/language.md"

    tokens: ClassVar[dict[str, list[object]]] = {
        "root": [
            (r"\s+", Whitespace),
            (r"#\s*argmap:[^\n]*", Comment.Preproc),
            (r"#[^\n]*", Comment.Single),
            (r'"""', String.Double, "long-string"),
            (r'"', String.Double, "string"),
            # A declaration: its keyword, then the id it declares.
            (
                rf"(claim|premise|rebuttal|source|person){_END}(\s+)({_ID})",
                bygroups(Keyword.Declaration, Whitespace, Name.Function),
            ),
            (
                words(("title", "include", "claim", "premise", "rebuttal", "source", "person"), suffix=_END),
                Keyword.Declaration,
            ),
            (
                rf"(date){_END}(\s+)([0-9]{{4}}(?:-[0-9]{{2}}){{0,2}}){_END}",
                bygroups(Keyword, Whitespace, Literal.Date),
            ),
            (rf"(step){_END}(\s+)([0-9]+){_END}", bygroups(Keyword, Whitespace, Number.Integer)),
            (rf"(tags){_END}", Keyword, "tags"),
            (
                words(
                    (
                        "outlet",
                        "date",
                        "url",
                        "file",
                        "author",
                        "role",
                        "by",
                        "quote",
                        "note",
                        "implicit",
                        "step",
                        "outweighed",
                    ),
                    suffix=_END,
                ),
                Keyword,
            ),
            (words(("supports", "attacks", "undercuts", "contradicts"), suffix=_END), Operator.Word),
            # A relation's label: `S1:` before its members.
            (rf"({_ID})(\s*)(:)", bygroups(Name.Label, Whitespace, Punctuation)),
            (_ID, Name),
            (r"[0-9]{4}(?:-[0-9]{2}){1,2}" + _END, Literal.Date),
            (r"[0-9]+" + _END, Number.Integer),
            (r"\+", Operator),
            (r"[,:]", Punctuation),
            (r".", Error),
        ],
        "tags": [
            (r"[ \t]+", Whitespace),
            (r"(\s*)(,)(\s*)", bygroups(Whitespace, Punctuation, Whitespace)),
            (_ID, Name.Tag),
            default("#pop"),
        ],
        "escapes": [
            (r'\\["\\]', String.Escape),
            (r"\\.", Error),
        ],
        "string": [
            include("escapes"),
            (r'[^"\\\n]+', String.Double),
            (r'"', String.Double, "#pop"),
            (r"\n", Error, "#pop"),  # a one-line string must close on its line
        ],
        "long-string": [
            include("escapes"),
            (r'"""', String.Double, "#pop"),
            (r'[^"\\]+|"', String.Double),
        ],
    }
