"""Argdown source, read as a map (its core: statements, arguments, PCS, relations, tags,
headings as groups).

Lines are handled in two layers. This module removes comments and front matter, joins the
lines that continue an element's text, reads headings and inference bars, and tracks
indentation (which says what a relation hangs from); each element line is then parsed with
the Lark grammar ``grammars/argdown.lark``. What the lines mean is shared with the JSON
reader (``argdown_model``). Constructs argmap cannot represent are warnings naming the line.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from argmap.formats.argdown_model import Document, Element, Inference, Link, build_map
from argmap.formats.errors import MAX_IMPORT_BYTES, FormatError, Imported, brief, loss
from argmap.language.syntax import normalize_text
from argmap.model import Map, Span

if TYPE_CHECKING:
    from lark import Lark

__all__ = ["from_argdown", "from_argdown_result", "parse_data"]


def _grammar_text() -> str:
    packaged = resources.files("argmap").joinpath("grammars/argdown.lark")
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parents[2] / "grammars" / "argdown.lark").read_text(encoding="utf-8")


@functools.cache
def _parser() -> Lark:
    from lark import Lark  # imported on the first Argdown read: `import argmap` stays fast

    return Lark(_grammar_text(), parser="lalr", lexer="contextual", maybe_placeholders=False)


# -- layer 1: lines ------------------------------------------------------------------------------

_BLOCK_COMMENT = re.compile(r"/\*.*?\*/|<!--.*?-->", re.DOTALL)
_LINE_COMMENT = re.compile(r"(?:^|(?<=\s))//[^\n]*", re.MULTILINE)
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*)\Z")
_BAR = re.compile(r"-{2,}\Z")
_STARTS_ELEMENT = re.compile(r"(\+>|->|_>|<\+|<-|<_|><|\+|-|_)[ \t]|\([0-9]+\)[ \t]|\[|<")


def _blank_out(match: re.Match[str]) -> str:
    """A comment replaced by spaces, its line breaks kept, so positions stay right."""
    return re.sub(r"[^\n]", " ", match.group())


@attrs.frozen
class _Line:
    """A logical line: an element (perhaps continued over several physical lines), a heading
    or an inference bar."""

    kind: str  # "element", "heading", "bar", "rule", "blank"
    text: str
    line: int
    column: int
    indent: int


def _front_matter(lines: list[str]) -> tuple[str | None, int, list[str]]:
    """The ``title`` of a ``===`` front matter block, how many lines the block takes, and the
    other top-level keys it sets (which argmap does not keep)."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start].strip() != "===":
        return None, 0, []
    for end in range(start + 1, len(lines)):
        if lines[end].strip() == "===":
            title = None
            others = []
            for line in lines[start + 1 : end]:
                key, colon, value = line.partition(":")
                if not colon or line.startswith((" ", "\t")):
                    continue
                if key.strip() == "title":
                    title = _yaml_scalar(value.strip())
                else:
                    others.append(key.strip())
            return (str(title) if title is not None else None), end + 1, others
    return None, 0, []


def _yaml_scalar(value: str) -> object:
    if value.startswith('"'):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value.strip('"')
    if value.startswith("'") and value.endswith("'") and len(value) > 1:
        return value[1:-1].replace("''", "'")
    if value in ("true", "false"):
        return value == "true"
    if re.fullmatch(r"-?[0-9]+", value):
        return int(value)
    return value


def parse_data(text: str) -> dict[str, object] | None:
    """The flat ``{key: value, ...}`` data of an element; ``None`` when it is not that simple."""
    inner = text.strip()[1:-1].strip()
    if not inner:
        return {}
    out: dict[str, object] = {}
    for part in re.split(r",(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*\Z)", inner):
        key, colon, value = part.partition(":")
        if not colon or not key.strip():
            return None
        out[key.strip().strip("\"'")] = _yaml_scalar(value.strip())
    return out


def _logical_lines(text: str) -> tuple[str | None, list[_Line], list[str]]:
    # Front matter first: its values are YAML, where `//` and `<!--` are plain text.
    physical = text.split("\n")
    title, skip, settings = _front_matter(physical)
    text = "\n".join(["" for _ in physical[:skip]] + physical[skip:])
    text = _BLOCK_COMMENT.sub(_blank_out, text)
    text = _LINE_COMMENT.sub(_blank_out, text)
    physical = text.split("\n")
    out: list[_Line] = []
    open_element: list[str] | None = None
    in_rules = False

    def close() -> None:
        nonlocal open_element
        if open_element is not None:
            last = out[-1]
            out[-1] = attrs.evolve(last, text=" ".join(open_element))
            open_element = None

    for number, raw in enumerate(physical, start=1):
        if number <= skip:
            continue
        stripped = raw.strip()
        indent = len(raw.expandtabs(4)) - len(raw.expandtabs(4).lstrip())
        column = len(raw) - len(raw.lstrip()) + 1
        if not stripped:
            close()
            out.append(_Line("blank", "", number, 1, 0))
            continue
        if _BAR.match(stripped):
            close()
            if len(stripped) < 4:  # `--` opens and closes a block of inference rules
                in_rules = not in_rules
            out.append(_Line("bar", stripped, number, column, indent))
            continue
        if in_rules:
            out.append(_Line("rule", stripped, number, column, indent))
            continue
        heading = _HEADING.match(raw)
        if heading:
            close()
            out.append(_Line("heading", heading.group(2).strip(), number, 1, len(heading.group(1))))
            continue
        if open_element is not None and not _STARTS_ELEMENT.match(stripped):
            open_element.append(stripped)
            continue
        close()
        out.append(_Line("element", stripped, number, column, indent))
        open_element = [stripped]
    close()
    return title, out, settings


# -- layer 2: one element line -------------------------------------------------------------------


@attrs.frozen
class _Parsed:
    prefix: str | None
    kind: str  # statement_def, statement_ref, argument_def, argument_ref, plain
    title: str | None
    text: str
    tags: tuple[str, ...]
    data: dict[str, object]
    bad_data: tuple[str, ...]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _parse_element(line: _Line, filename: str) -> _Parsed:
    from lark import Token, Tree
    from lark.exceptions import LarkError

    try:
        tree = _parser().parse(line.text)
    except LarkError as error:
        column = getattr(error, "column", 1) or 1
        span = Span(filename, line.line, line.column + column - 1, line.line, line.column + column)
        raise FormatError(
            "this Argdown line cannot be read", span, hint="check its brackets and relation marks"
        ) from None
    prefix: str | None = None
    element: Tree[Token] | None = None
    for child in tree.children:
        if isinstance(child, Tree) and child.data == "prefix":
            prefix = str(child.children[0]).strip()
        elif isinstance(child, Tree):
            element = child
    assert element is not None
    kind = str(element.data)
    title: str | None = None
    pieces: list[str] = []
    tags: list[str] = []
    data: dict[str, object] = {}
    bad: list[str] = []
    for child in element.children:
        if isinstance(child, Token):  # the title token
            raw = str(child).rstrip(" \t").rstrip(":")
            title = _unescape(raw[1:-1]).strip()
            continue
        for token in child.children:
            assert isinstance(token, Token)
            value = str(token)
            if token.type == "TAG":
                tags.append(value[2:-1] if value.startswith("#(") else value[1:])
            elif token.type == "DATA":
                parsed = parse_data(value)
                if parsed is None:
                    bad.append(value)
                else:
                    data.update(parsed)
            elif token.type == "ESCAPED":
                pieces.append(value[1:])
            elif token.type == "MENTION":
                pieces.append(_unescape(value[1:]))
            else:
                pieces.append(value)
    text = " ".join("".join(pieces).split())
    return _Parsed(prefix, kind, title, text, tuple(tags), data, tuple(bad))


# -- layer 3: meaning ----------------------------------------------------------------------------

_MARKS = {
    "+": ("support", False),
    "<+": ("support", False),
    "+>": ("support", True),
    "-": ("attack", False),
    "<-": ("attack", False),
    "->": ("attack", True),
    "_": ("undercut", False),
    "<_": ("undercut", False),
    "_>": ("undercut", True),
    "><": ("contradictory", True),
}


@attrs.define
class _Reader:
    filename: str
    doc: Document
    stack: list[tuple[int, tuple[str, str]]] = attrs.field(factory=list)
    heading: str | None = None
    last_argument: str | None = None  # an argument line just before a PCS names it
    pcs_argument: str | None = None
    premises: list[str] = attrs.field(factory=list)
    conclusion_next: Span | None = None
    anonymous: int = 0

    def span(self, line: _Line) -> Span:
        return Span(self.filename, line.line, line.column, line.line, line.column + len(line.text.split("\n")[0]))

    def end_pcs(self, line: _Line | None) -> None:
        if self.pcs_argument is not None and self.premises and self.conclusion_next is None:
            argument = self.doc.arguments[self.pcs_argument]
            if not argument.pcs or argument.pcs[-1].conclusion != self.premises[-1]:
                where = self.span(line) if line is not None else argument.span
                self.doc.warnings.append(
                    loss(
                        f"the premises of <{brief(self.pcs_argument)}> lead to no conclusion; they stay statements",
                        where,
                    )
                )
        self.pcs_argument = None
        self.premises = []
        self.conclusion_next = None

    def element(self, line: _Line) -> None:
        parsed = _parse_element(line, self.filename)
        span = self.span(line)
        for bad in parsed.bad_data:
            self.doc.warnings.append(loss(f"data `{brief(bad)}` is not flat `key: value` data; it is left out", span))
        end = self.define(parsed, span)
        prefix = parsed.prefix
        if prefix is not None and prefix.startswith("("):
            self.pcs_item(end, span)
        elif self.pcs_argument is not None and (prefix is None or line.indent == 0):
            self.end_pcs(line)
        if prefix is None or prefix.startswith("("):
            self.stack = [(line.indent, end)]
            self.last_argument = end[1] if end[0] == "argument" and prefix is None else None
            return
        while self.stack and self.stack[-1][0] >= line.indent:
            self.stack.pop()
        if not self.stack:
            self.doc.warnings.append(loss(f"relation `{prefix}` has nothing above it to relate to; left out", span))
            self.stack = [(line.indent, end)]
            return
        parent = self.stack[-1][1]
        kind, outgoing = _MARKS[prefix]
        source, target = (parent, end) if outgoing else (end, parent)
        self.doc.links.append(Link(kind, source, target, span))
        self.stack.append((line.indent, end))

    def define(self, parsed: _Parsed, span: Span) -> tuple[str, str]:
        if parsed.kind == "plain":
            if not parsed.text:
                self.anonymous += 1
                title = f"Untitled {self.anonymous}"
            else:
                title = parsed.text
            kind = "statement"
        else:
            assert parsed.title is not None
            title = parsed.title
            kind = "argument" if parsed.kind.startswith("argument") else "statement"
        element: Element = self.doc.argument(title, span) if kind == "argument" else self.doc.statement(title, span)
        defines = parsed.kind in ("statement_def", "argument_def", "plain")
        if defines and parsed.text:
            if not element.text:
                element.text = parsed.text
                element.span = span
            elif element.text != parsed.text:
                self.doc.warnings.append(
                    loss(
                        f"{'<' if kind == 'argument' else '['}{brief(title)}{'>' if kind == 'argument' else ']'} "
                        "is defined again with another text; the first text is kept",
                        span,
                    )
                )
        for tag in parsed.tags:
            if tag not in element.tags:
                element.tags.append(tag)
        if defines and self.heading and self.heading not in element.tags:
            element.tags.append(self.heading)
        element.data.update(parsed.data)
        return (kind, title)

    def pcs_item(self, end: tuple[str, str], span: Span) -> None:
        if end[0] != "statement":
            self.doc.warnings.append(loss("an argument inside a premise-conclusion structure is left out", span))
            return
        if self.pcs_argument is None:
            title = self.last_argument
            if title is None:
                self.anonymous += 1
                title = f"Untitled argument {self.anonymous}"
            self.pcs_argument = title
            argument = self.doc.argument(title, span)
            if argument.pcs:
                self.doc.warnings.append(loss(f"<{brief(title)}> is reconstructed twice; the first is kept", span))
                self.pcs_argument = f"{title} (again)"
                self.doc.argument(self.pcs_argument, span)
            self.premises = []
        if self.conclusion_next is not None:
            self.doc.arguments[self.pcs_argument].pcs.append(Inference(self.premises, end[1], self.conclusion_next))
            self.premises = [end[1]]
            self.conclusion_next = None
        else:
            self.premises.append(end[1])

    def bar(self, line: _Line) -> None:
        if self.pcs_argument is None:
            self.doc.warnings.append(loss("an inference bar outside a premise-conclusion structure", self.span(line)))
        elif self.conclusion_next is None:
            self.conclusion_next = self.span(line)


def from_argdown_result(text: str, filename: str = "<string>") -> Imported:
    """Read Argdown source; warnings name each line whose meaning argmap cannot keep."""
    if len(text) > MAX_IMPORT_BYTES:
        raise FormatError(f"is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB", Span(filename, 0, 0, 0, 0))
    title, lines, settings = _logical_lines(normalize_text(text))
    reader = _Reader(filename, Document(title=title, files=(filename,)))
    if settings:
        where = Span(filename, 1, 1, 1, 4)
        shown = ", ".join(f"`{brief(key)}`" for key in settings)
        reader.doc.warnings.append(loss(f"front matter {shown} has no place in argmap; only `title` is kept", where))
    rules_warned = False
    for line in lines:
        if line.kind == "element":
            reader.element(line)
        elif line.kind == "heading":
            reader.end_pcs(line)
            reader.heading = line.text or None
            reader.stack = []
            reader.last_argument = None
        elif line.kind == "bar":
            reader.bar(line)
        elif line.kind == "rule" and not rules_warned:
            rules_warned = True
            reader.doc.warnings.append(loss("inference rules have no place in argmap; left out", reader.span(line)))
        elif line.kind == "blank":
            reader.stack = []  # a relation cannot hang from an element above a blank line
    reader.end_pcs(None)
    return build_map(reader.doc)


def from_argdown(text: str, filename: str = "<string>") -> Map:
    """Read Argdown source into a map (warnings: ``from_argdown_result``)."""
    return from_argdown_result(text, filename).map
