"""Completion from the text before the cursor: keywords where a keyword may stand, declared
statement ids after ``supports``/``attacks``/``contradicts``/``+``, relation labels after
``undercuts`` (its target is a relation), source ids after ``quote``, person ids after ``by``,
known tags after ``tags``.

Only the current statement is read (back to the last line that starts at the margin), so the
cost does not grow with the map; the ids come from the last analysis that parsed, as the text
being typed usually does not parse yet.
"""

from __future__ import annotations

import re

from lsprotocol import types

from argmap.analysis.analysis import Analysis, IdIndex, Occurrence
from argmap.language.syntax import ATTRIBUTE_KEYWORDS
from argmap.model import Map, Node, Span

__all__ = ["LIMIT", "LOOKBACK_LINES", "bounded", "complete", "typed_prefix"]

_STATEMENT_KEYWORDS = ("title", "include", "source", "person", "claim", "premise", "rebuttal")
_RELATION_WORDS = ("supports", "attacks", "undercuts", "contradicts")
_DECLARING = frozenset({"claim", "premise", "rebuttal", "source", "person"})
_TAKES_VALUE = frozenset({"title", "include", "outlet", "date", "url", "file", "author", "role", "note", "step"})

_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*(?:"""|\Z)'  # a long string (maybe still open)
    r'|"(?:[^"\\\n]|\\.)*(?:"|$)'  # a string (maybe still open at the end of the line)
    r"|#[^\n]*"
    r"|[A-Za-z_][A-Za-z0-9_\-]*"
    r"|[0-9][0-9\-]*"
    r"|\S",
    re.MULTILINE,
)
_PREFIX = re.compile(r"[A-Za-z0-9_\-]*\Z")
_MARGIN = re.compile(r"^[^\s#]", re.MULTILINE)

#: How many lines back the current statement may begin (the server passes no more).
LOOKBACK_LINES = 200

#: At most this many items in one answer: a map of thousands of statements would otherwise send
#: thousands of items on every keystroke. The list is then marked incomplete, and the editor asks
#: again as the user types more of the id.
LIMIT = 100


def typed_prefix(before: str) -> str:
    """The part of an id already typed before the cursor."""
    found = _PREFIX.search(before)
    return found.group() if found else ""


def bounded(items: list[types.CompletionItem], prefix: str) -> types.CompletionList:
    """The items that begin with ``prefix`` (ignoring case), keywords first, at most ``LIMIT``."""
    lowered = prefix.lower()
    fitting = [item for item in items if item.label.lower().startswith(lowered)] if prefix else items
    return types.CompletionList(is_incomplete=len(fitting) > LIMIT, items=fitting[:LIMIT])


def complete(before: str, analysis: Analysis, whole: str = "") -> list[types.CompletionItem]:
    """The completions at the end of ``before`` (the document's text up to the cursor).

    The ids come from ``analysis`` (the last one that parsed); when no analysis of the file has
    parsed yet (a map being written from scratch), from the declarations found in ``whole``,
    the document's text.
    """
    known: Known = analysis if analysis.parsed or not whole else _Scanned(whole)
    found = _PREFIX.search(before)
    head = before[: found.start()] if found else before
    prefix = found.group() if found else ""
    starts = [m.start() for m in _MARGIN.finditer(head)]
    statement = head[starts[-1] :] if starts else head
    tokens = [m.group() for m in _TOKEN.finditer(statement)]
    if tokens and _unfinished(tokens[-1], statement):
        return []  # inside a string or a comment
    tokens = [t for t in tokens if not t.startswith("#")]
    at_margin = head == "" or head.endswith("\n")
    if at_margin or not tokens:
        return _keywords(_STATEMENT_KEYWORDS) + _statements(known, prefix)
    last = tokens[-1]
    if last in ("supports", "attacks", "contradicts", "+"):
        return _statements(known, prefix)
    if last == "undercuts":
        return _relations(known)
    if last == "quote":
        return _of_kind(known, "source", types.CompletionItemKind.Module, prefix)
    if last == "by":
        return _of_kind(known, "person", types.CompletionItemKind.Constant, prefix)
    if last == "tags" or (last == "," and "tags" in tokens):
        return [types.CompletionItem(label=tag, kind=types.CompletionItemKind.EnumMember) for tag in known.index.tags]
    if last in _DECLARING or last in _TAKES_VALUE:
        return []  # a new id or a value comes next
    if last == ":":
        return _statements(known, prefix)
    kind = _statement_kind(tokens)
    if kind == "relation-head":
        return [*_keywords(_RELATION_WORDS), types.CompletionItem(label="+", kind=types.CompletionItemKind.Operator)]
    if kind in ATTRIBUTE_KEYWORDS:
        return _keywords(ATTRIBUTE_KEYWORDS[kind]) + _keywords(_STATEMENT_KEYWORDS, later=True)
    return _keywords(_STATEMENT_KEYWORDS)


_CLOSED = re.compile(r'"""(?:[^"\\]|\\[\s\S]|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"')


def _unfinished(token: str, statement: str) -> bool:
    if token.startswith("#"):
        return not statement.endswith("\n")
    if token.startswith('"'):
        return _CLOSED.fullmatch(token) is None
    return False


def _statement_kind(tokens: list[str]) -> str:
    first = tokens[0]
    if first in ("claim", "premise", "rebuttal"):
        return "node"
    if first in ("source", "person"):
        return first
    if first in ("title", "include"):
        return "none"
    if "contradicts" in tokens:
        return "contradiction"
    if any(t in ("supports", "attacks", "undercuts") for t in tokens):
        return "relation"
    return "relation-head"


def _keywords(words: tuple[str, ...], *, later: bool = False) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=word, kind=types.CompletionItemKind.Keyword, sort_text=("1" if later else "0") + word
        )
        for word in words
    ]


def _statements(analysis: Known, prefix: str) -> list[types.CompletionItem]:
    m = analysis.map
    items = []
    for element_id in _declared(analysis, "statement", prefix):
        node = m.get(element_id)
        items.append(
            types.CompletionItem(
                label=element_id,
                kind=types.CompletionItemKind.Class,
                detail=_detail(node) if isinstance(node, Node) else None,
                sort_text="2" + element_id,
            )
        )
    return items


def _relations(analysis: Known) -> list[types.CompletionItem]:
    rels = {r.id: r for r in analysis.map.relations if r.id is not None}
    items = []
    for rel_id in _declared(analysis, "relation"):
        rel = rels.get(rel_id)
        detail = f"{' + '.join(rel.members)} {rel.kind.value} {rel.target}" if rel is not None else None
        items.append(types.CompletionItem(label=rel_id, kind=types.CompletionItemKind.Operator, detail=detail))
    return items


def _of_kind(
    analysis: Known, kind: str, item_kind: types.CompletionItemKind, prefix: str
) -> list[types.CompletionItem]:
    m = analysis.map
    items = []
    for element_id in _declared(analysis, kind, prefix):
        element = m.get(element_id)
        detail = getattr(element, "title", None) or getattr(element, "name", None)
        items.append(types.CompletionItem(label=element_id, kind=item_kind, detail=detail))
    return items


def _declared(analysis: Known, kind: str, prefix: str = "") -> list[str]:
    """The ids of ``kind`` that begin with ``prefix`` (ignoring case), at most ``LIMIT + 1`` of
    them (one more than is sent, so that the answer can say it is incomplete)."""
    lowered = prefix.lower()
    found: dict[str, None] = {}
    for o in analysis.index.occurrences:
        if o.declaration and o.kind == kind and o.id.lower().startswith(lowered):
            found[o.id] = None
            if len(found) > LIMIT:
                break
    return list(found)


_DECLARATION = re.compile(
    r"^[ \t]*(?:(claim|premise|rebuttal|source|person)[ \t]+([A-Za-z_][A-Za-z0-9_\-]*)"
    r"|([A-Za-z_][A-Za-z0-9_\-]*)[ \t]*:)",
    re.MULTILINE,
)
_TAGS = re.compile(r"(?<![A-Za-z0-9_\-])tags[ \t]+([A-Za-z_][A-Za-z0-9_\-]*(?:[ \t]*,[ \t]*[A-Za-z_][A-Za-z0-9_\-]*)*)")


class _Scanned:  # the few attributes of Analysis completion reads
    """Just enough of an ``Analysis`` for completion, from a text that does not parse: its
    declarations found line by line (``claim C1``, ``source s``, ``S1:``) and its tags."""

    parsed = True

    def __init__(self, text: str) -> None:
        self.index: IdIndex
        self.map: Map

        kinds = {"claim": "statement", "premise": "statement", "rebuttal": "statement"}
        found = []
        for match in _DECLARATION.finditer(text):
            keyword, declared, label = match.groups()
            kind = kinds.get(keyword, keyword) if keyword else "relation"
            found.append(Occurrence(declared or label, kind, Span("", 1, 1, 1, 1), True))
        tags = [t.strip() for group in _TAGS.findall(text) for t in group.split(",")]
        self.index = IdIndex(tuple(found), tuple(dict.fromkeys(tags)))
        self.map = Map()


#: Where completion finds its ids: an analysis, or the declarations scanned from a text.
Known = Analysis | _Scanned


def _detail(node: Node | None) -> str | None:
    if node is None:
        return None
    text = " ".join(node.text.split())
    return f"{node.kind.value}: {text[:77] + '…' if len(text) > 80 else text}"
