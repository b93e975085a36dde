"""The language in one table: every statement, its header keywords and its attributes.

``grammars/argmap.lark`` defines the syntax for Lark; everything else that needs to know the
language's words reads them here: the reserved keywords (``syntax.KEYWORDS``), the attributes a
statement may carry (messages and the fast path's patterns), the printer's order and spelling, and
the builder's checks. A test holds ``KEYWORDS`` equal to the grammar's keyword terminals, so a new
attribute is added in two places: the grammar and a row below.
"""

from __future__ import annotations

import re
from types import MappingProxyType

import attrs

__all__ = [
    "ATTRIBUTES",
    "ID_PATTERN",
    "KEYWORDS",
    "NODE_KINDS",
    "RELATION_WORDS",
    "STATEMENTS",
    "Attribute",
    "Statement",
    "is_id",
    "valid_date",
]

#: What an id looks like (the grammar's ``ID`` terminal).
ID_PATTERN = r"[A-Za-z_][A-Za-z0-9_\-]*"
_ID = re.compile(ID_PATTERN)
_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")

#: Value kinds of attributes: ``string`` a quoted string; ``id`` an id; ``ids`` ids separated by
#: commas; ``date`` YYYY, YYYY-MM or YYYY-MM-DD; ``int`` a whole number; ``flag`` the keyword
#: alone; ``quote`` an id then a string.
VALUE_KINDS = ("string", "id", "ids", "date", "int", "flag", "quote")


@attrs.frozen
class Attribute:
    """An attribute line: its keyword, the kind of value it takes, the model field it fills
    (``None``: the keyword), and whether it may be given more than once."""

    keyword: str
    value: str = attrs.field(validator=attrs.validators.in_(VALUE_KINDS))
    field: str | None = None
    repeatable: bool = False

    @property
    def name(self) -> str:
        """The model field this attribute fills."""
        return self.field or self.keyword


@attrs.frozen
class Statement:
    """A statement: ``name`` as messages call it, the keywords that begin it (none for a
    relation, which begins with an id), the words between its ids (relations), and its
    attributes in the printer's order."""

    name: str
    keywords: tuple[str, ...]
    attributes: tuple[Attribute, ...] = ()
    words: tuple[str, ...] = ()


_NOTE = Attribute("note", "string")

#: Every statement of the language, in the order a canonical file gives them.
STATEMENTS: tuple[Statement, ...] = (
    Statement("title", ("title",)),
    Statement("include", ("include",)),
    Statement(
        "source",
        ("source",),
        (
            Attribute("outlet", "string"),
            Attribute("date", "date"),
            Attribute("url", "string"),
            Attribute("file", "string"),
            Attribute("author", "string"),
        ),
    ),
    Statement("person", ("person",), (Attribute("role", "string"),)),
    Statement(
        "node",
        ("claim", "premise", "rebuttal"),
        (
            Attribute("by", "id"),
            Attribute("quote", "quote", field="quotes", repeatable=True),
            Attribute("tags", "ids", repeatable=True),
            _NOTE,
            Attribute("implicit", "flag"),
            Attribute("step", "int"),
        ),
    ),
    Statement("relation", (), (Attribute("outweighed", "flag"), _NOTE), words=("supports", "attacks", "undercuts")),
    Statement("contradiction", (), (_NOTE,), words=("contradicts",)),
)

_BY_NAME = {s.name: s for s in STATEMENTS}

#: The statement kinds' attributes, by statement name.
ATTRIBUTES = MappingProxyType({s.name: s.attributes for s in STATEMENTS})
#: The words that begin a node, one per ``NodeKind``.
NODE_KINDS = _BY_NAME["node"].keywords
#: The words between a relation's members and its target.
RELATION_WORDS = (*_BY_NAME["relation"].words, *_BY_NAME["contradiction"].words)
#: Reserved words: none of them can be an id.
KEYWORDS = frozenset(
    word
    for statement in STATEMENTS
    for word in (*statement.keywords, *statement.words, *(a.keyword for a in statement.attributes))
)


def is_id(value: str) -> bool:
    """True when ``value`` can be written as an id: the id pattern and not a keyword."""
    return _ID.fullmatch(value) is not None and value not in KEYWORDS


def valid_date(value: str) -> bool:
    """True when ``value`` has the shape of a date attribute (YYYY, YYYY-MM or YYYY-MM-DD)."""
    return _DATE.fullmatch(value) is not None
