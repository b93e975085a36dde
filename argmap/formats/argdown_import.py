"""Argdown source, read as a map (its core: statements, arguments, PCS, relations, tags,
headings as groups).

Lines are handled in two layers. This module removes comments and front matter, joins the
lines that continue an element's text, reads headings and inference bars, and tracks
indentation (which says what a relation hangs from); each element line is then parsed with
the Lark grammar ``grammars/argdown.lark``. What the lines mean is shared with the JSON
reader (``argdown_model``). Constructs argmap cannot represent are warnings naming the line.
"""

from __future__ import annotations

import bisect
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

_LINE_COMMENT = re.compile(r"(?:^|(?<=\s))//[^\n]*", re.MULTILINE)
_HEADING = re.compile(r"(#{1,6})[ \t]+(.*)\Z")
_BAR = re.compile(r"-{2,}\Z")
_LIST_ITEM = re.compile(r"(?:\*|[0-9]+\.)[ \t]+")
# A line starting with a Markdown link (`[here](https://...)`) goes on with the text before it.
_STARTS_ELEMENT = re.compile(
    r"(\+>|->|_>|<\+|<-|<_|><|\+|-|_)[ \t]|\([0-9]+\)[ \t]|\[(?![^\]\n]*\]\()|<|(?:\*|[0-9]+\.)[ \t]"
)
_NUMBERED_REFERENCE = re.compile(r"(?:[-+_<>]+[ \t]+)?(?:<[^<>\n]+>|\[[^\[\]\n]+\])\([0-9]+\)")
_MARK_ALONE = re.compile(r"(\+>|->|_>|<\+|<-|<_|><|\+|-|_)\Z")
_COMMENTS = (("/*", "*/"), ("<!--", "-->"))


def _one_line_rule(stripped: str) -> str | None:
    """The rule of ``-- Modus ponens --`` (an inference bar with its rule on one line, perhaps
    with data), or ``None``. No regular expression: a lazy one backtracks over long dash runs."""
    if len(stripped) > 4 and stripped.startswith("--") and stripped.endswith("--"):
        return stripped.strip("-").strip() or None
    return None


def _comment_spans(text: str) -> list[tuple[int, int]]:
    """Where the block comments (``/* */``, ``<!-- -->``) are, in one pass.

    A comment that is never closed is no comment (as in Argdown): once an opener has no closer
    after it, no later opener of that kind has one either, so it is not searched again (a
    regular expression would search to the end from each of them: quadratic).
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    following = {opener: text.find(opener) for opener, _ in _COMMENTS}
    while True:
        open_ones = [(at, opener) for opener, at in following.items() if at >= 0]
        if not open_ones:
            return spans
        start, opener = min(open_ones)
        closer = dict(_COMMENTS)[opener]
        end = text.find(closer, start + len(opener))
        if end < 0:
            following[opener] = -1
            continue
        pos = end + len(closer)
        spans.append((start, pos))
        for other, at in following.items():
            if 0 <= at < pos:
                following[other] = text.find(other, pos)


def _without_comments(text: str) -> tuple[str, set[int]]:
    """The text with comments blanked out (line breaks kept, so positions stay right), and the
    numbers of the lines a comment touches (a line that only a comment fills is no blank line:
    Argdown skips comments whole)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    touched: set[int] = set()
    pieces: list[str] = []
    done = 0
    for start, end in _comment_spans(text):
        pieces.append(text[done:start])
        pieces.append(re.sub(r"[^\n]", " ", text[start:end]))
        touched.update(range(bisect.bisect_right(starts, start), bisect.bisect_right(starts, end - 1) + 1))
        done = end
    pieces.append(text[done:])
    blanked = "".join(pieces)
    for match in _LINE_COMMENT.finditer(blanked):
        touched.add(bisect.bisect_right(starts, match.start()))
    return _LINE_COMMENT.sub(lambda m: " " * len(m.group()), blanked), touched


@attrs.frozen
class _Line:
    """A logical line: an element (perhaps continued over several physical lines), a heading,
    an inference bar, an inference rule, a relation mark with nothing after it, or a blank."""

    kind: str  # "element", "heading", "bar", "rule", "mark", "blank"
    text: str
    line: int
    column: int
    indent: int
    item: str = ""  # a list item: "*" (`* ...`) or "1." (`1. ...`)


@attrs.frozen
class _FrontMatter:
    """A ``===`` front matter block: its title, the lines it takes, the other keys it sets
    (argmap keeps none of them) and what in it the Argdown tools would reject."""

    title: str | None = None
    lines: int = 0
    settings: tuple[str, ...] = ()
    problems: tuple[tuple[int, str, str], ...] = ()  # (line, message, hint)


def _front_matter(lines: list[str]) -> _FrontMatter:
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or lines[start].strip() != "===":
        return _FrontMatter()
    for end in range(start + 1, len(lines)):
        if lines[end].strip() == "===":
            title = None
            others = []
            problems = []
            for number, line in enumerate(lines[start + 1 : end], start=start + 2):
                key, colon, value = line.partition(":")
                if line.startswith((" ", "\t")) or not line.strip():
                    continue
                if not colon:
                    problems.append((number, "this front matter line is not `key: value`; it is left out", _FM_HINT))
                elif key.strip() == "title":
                    title = _yaml_scalar(value.strip())
                else:
                    others.append(key.strip())
            # ("===\n" at the end of the file leaves one "" that is no empty line)
            if end + 2 >= len(lines) or lines[end + 1].strip():
                message = (
                    "the front matter is not followed by an empty line (the Argdown tools reject this); "
                    "read as if it were"
                )
                problems.append(
                    (end + 2 if end + 2 < len(lines) else end + 1, message, "add an empty line after the closing `===`")
                )
            shown = str(title) if title is not None else None
            return _FrontMatter(shown, end + 1, tuple(others), tuple(problems))
    return _FrontMatter()


_FM_HINT = "front matter is YAML between two `===` lines: one `key: value` a line"


#: Python refuses to turn longer digit strings into numbers; such a value stays text.
_MAX_DIGITS = 4000


def _yaml_scalar(value: str) -> object:
    if value.startswith('"'):
        try:
            return json.loads(value)
        except (json.JSONDecodeError, ValueError):
            return value.strip('"')
    if value.startswith("'") and value.endswith("'") and len(value) > 1:
        return value[1:-1].replace("''", "'")
    if value in ("true", "false"):
        return value == "true"
    if re.fullmatch(r"-?[0-9]+", value) and len(value) <= _MAX_DIGITS:
        return int(value)
    return value


def _split_data(inner: str) -> list[str]:
    """``a: 1, b: "x, y"`` split at the commas outside quotes, in one pass."""
    parts: list[str] = []
    quote = ""
    start = 0
    for index, char in enumerate(inner):
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == ",":
            parts.append(inner[start:index])
            start = index + 1
    parts.append(inner[start:])
    return parts


def parse_data(text: str) -> dict[str, object] | None:
    """The flat ``{key: value, ...}`` data of an element; ``None`` when it is not that simple."""
    inner = text.strip()[1:-1].strip()
    if not inner:
        return {}
    out: dict[str, object] = {}
    for part in _split_data(inner):
        key, colon, value = part.partition(":")
        if not colon or not key.strip():
            return None
        out[key.strip().strip("\"'")] = _yaml_scalar(value.strip())
    return out


def _logical_lines(text: str) -> tuple[_FrontMatter, list[_Line]]:
    # Front matter first: its values are YAML, where `//` and `<!--` are plain text.
    physical = text.split("\n")
    front = _front_matter(physical)
    skip = front.lines
    text = "\n".join(["" for _ in physical[:skip]] + physical[skip:])
    text, commented = _without_comments(text)
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
            if number in commented:
                continue  # a line only a comment fills: Argdown skips it whole
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
        rule = _one_line_rule(stripped)
        if rule:
            close()
            out.append(_Line("bar", "----", number, column, indent))
            out.append(_Line("rule", rule, number, column, indent))
            continue
        heading = _HEADING.match(raw)
        if heading:
            close()
            out.append(_Line("heading", heading.group(2).strip(), number, 1, len(heading.group(1))))
            open_element = [heading.group(2).strip()]  # a heading goes on to the next blank line
            continue
        if _MARK_ALONE.match(stripped):
            close()
            out.append(_Line("mark", stripped, number, column, indent))
            continue
        if open_element is not None and not _STARTS_ELEMENT.match(stripped):
            open_element.append(stripped)
            continue
        close()
        item = _LIST_ITEM.match(stripped)
        marker = "" if item is None else "*" if stripped.startswith("*") else "1."
        if item:  # a list item is a statement of its own (Argdown writes it so)
            stripped = stripped[item.end() :]
            column += item.end()
        out.append(_Line("element", stripped, number, column, indent, item=marker))
        open_element = [stripped]
    close()
    return front, out


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
    previous: _Line | None = None  # the element line before, in this paragraph
    top: _Line | None = None  # the last element line without a relation mark, in this paragraph

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
        self.check_paragraph(line, parsed.prefix, span)
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

    def check_paragraph(self, line: _Line, prefix: str | None, span: Span) -> None:
        """Warn about what the Argdown tools reject although argmap can read it: in one
        paragraph, a second statement or argument, a list item after one, a list of another
        kind, a nested list; and a numbered reference such as `<A>(1)`."""
        previous, self.previous = self.previous, line
        top = self.top
        if prefix is None:
            self.top = line
        if _NUMBERED_REFERENCE.match(line.text):
            message = "Argdown has no reference to a numbered premise (the Argdown tools reject it); read as a mention"
            self.doc.warnings.append(loss(message, span, hints=("refer to the statement by its title: [Title]",)))
        if previous is None or prefix is not None:
            return
        message = ""
        if not line.item:
            message = "Argdown needs an empty line before a new statement or argument"
        elif top is None or not top.item:
            message = "Argdown needs an empty line before a list"
        elif top.item != line.item:
            message = f"Argdown needs an empty line before a list of another kind (`{line.item}` after `{top.item}`)"
        elif line.indent > top.indent:
            message = "Argdown reads no nested lists"
        if message:
            read_as = "read as an item of its own" if line.item else "read as if there were one"
            hint = "remove the indentation" if message.endswith("nested lists") else "add an empty line above this one"
            self.doc.warnings.append(loss(f"{message} (the Argdown tools reject this); {read_as}", span, hints=(hint,)))

    def define(self, parsed: _Parsed, span: Span) -> tuple[str, str]:
        if parsed.kind == "plain":
            # Argdown keeps every untitled statement apart, however alike their texts.
            self.anonymous += 1
            title = f"Untitled {self.anonymous}"
            kind = "statement"
        else:
            assert parsed.title is not None
            title = parsed.title
            kind = "argument" if parsed.kind.startswith("argument") else "statement"
        element: Element = self.doc.argument(title, span) if kind == "argument" else self.doc.statement(title, span)
        element.untitled = parsed.kind == "plain"
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
        element.tags.update(dict.fromkeys(parsed.tags))
        if defines and self.heading:
            element.tags.setdefault(self.heading)
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
    front, lines = _logical_lines(normalize_text(text))
    reader = _Reader(filename, Document(title=front.title, files=(filename,)))
    for number, message, hint in front.problems:
        reader.doc.warnings.append(loss(message, Span(filename, number, 1, number, 2), hints=(hint,)))
    if front.settings:
        where = Span(filename, 1, 1, 1, 4)
        shown = ", ".join(f"`{brief(key)}`" for key in front.settings)
        reader.doc.warnings.append(loss(f"front matter {shown} has no place in argmap; only `title` is kept", where))
    rules_warned = False
    for line in lines:
        if line.kind == "element":
            reader.element(line)
        elif line.kind == "heading":
            reader.end_pcs(line)
            reader.previous = reader.top = None
            reader.heading = line.text or None
            reader.stack = []
            reader.last_argument = None
        elif line.kind == "bar":
            reader.bar(line)
        elif line.kind == "mark":
            message = f"relation `{line.text}` has nothing after it; left out"
            reader.doc.warnings.append(loss(message, reader.span(line), hints=("write what it relates to after it",)))
        elif line.kind == "rule" and not rules_warned:
            rules_warned = True
            reader.doc.warnings.append(loss("inference rules have no place in argmap; left out", reader.span(line)))
        elif line.kind == "blank":
            reader.previous = reader.top = None
            reader.stack = []  # a relation cannot hang from an element above a blank line
    reader.end_pcs(None)
    return build_map(reader.doc)


def from_argdown(text: str, filename: str = "<string>") -> Map:
    """Read Argdown source into a map (warnings: ``from_argdown_result``)."""
    return from_argdown_result(text, filename).map
