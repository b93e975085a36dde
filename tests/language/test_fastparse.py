"""The fast path and Lark agree: same map, same spans, same comments — or the fast path declines.

The fast path (``argmap.language.fastparse``) is an optimisation; Lark with ``grammars/argmap.lark`` is the
reference. Whenever the fast path returns a map, the reference must return the same map with no
diagnostics. Canonical text (what ``dumps`` and ``fmt`` write) must always take the fast path.
"""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap.language import fastparse
from argmap.language.build import build_map
from argmap.language.fastparse import parse_fast
from argmap.language.syntax import normalize_text, parse_text
from argmap.model import Map
from tests.strategies import maps


def _everything(obj: Any) -> Any:
    """A structure of all fields, spans included (spans take no part in ``==``)."""
    if attrs.has(type(obj)):
        # By the public name: a relation's member and target spans are read through properties.
        return tuple((f.alias, _everything(getattr(obj, f.alias))) for f in attrs.fields(type(obj)))
    if isinstance(obj, tuple):
        return tuple(_everything(x) for x in obj)
    return obj


def _agree(text: str) -> bool:
    """Assert the two paths agree on ``text``; True when the fast path took it."""
    text = normalize_text(text)
    fast = parse_fast(text, "t.arg")
    if fast is None:
        return False
    reference = parse_text(text, "t.arg")
    assert reference.tree is not None, "the fast path accepted text that does not parse"
    built, diagnostics = build_map(reference.tree, "t.arg")
    assert diagnostics == (), "the fast path accepted text that has diagnostics"
    assert fast.map == built
    assert _everything(fast.map) == _everything(built)
    assert fast.comments == reference.comments
    return True


@given(maps())
def test_canonical_text_takes_the_fast_path(m: Map) -> None:
    assert _agree(argmap.dumps(m))


@st.composite
def _decorated(draw: st.DrawFn) -> str:
    """Canonical text with comments, blank lines and odd spacing put between lines."""
    lines = argmap.dumps(draw(maps())).split("\n")
    out = []
    for line in lines:
        if draw(st.booleans()):
            out.append(draw(st.sampled_from(["# a comment", "", "   ", "\t# indented", "#"])))
        spacing = draw(st.sampled_from(["", " ", "\t"]))
        tail = draw(st.sampled_from(["", "  # trailing", " #x"]))
        out.append(spacing + line + (tail if line.strip() else ""))
    return "\n".join(out)


@given(_decorated())
def test_comments_and_spacing(text: str) -> None:
    _agree(text)


_ALPHABET = st.sampled_from([*' \n\t"#:+,\\-_', "claim", "by", "supports", "x", "C1", '"""', "1", "2022"])


@given(maps(), st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 3), _ALPHABET), max_size=4))
def test_mutated_text(m: Map, edits: list[tuple[int, int, str]]) -> None:
    text = argmap.dumps(m)
    for where, delete, insert in edits:
        at = where % (len(text) + 1)
        text = text[:at] + insert + text[at + delete :]
    _agree(text)


def test_declines_what_lark_must_report() -> None:
    for text in [
        'claim by "x"',  # keyword as id
        'claim C1 "x" by p by q',  # `by` twice
        'claim C1 "bad \\n escape"',
        'source s "t" date 2022-13',
        "S1: P1 supports C1 outweighed",
        'title "a"\ntitle "b"',
        'claim C1 "x" # comment\n  by p',  # a comment inside a statement: Lark's path
    ]:
        assert parse_fast(text, "t.arg") is None, text


def test_runs_of_relation_lines_match_in_bulk_with_the_same_spans() -> None:
    """Canonical relation lines are matched a run at a time; every edge of a run must give what
    Lark gives: an indented first line, labels, linked members, a last line whose attributes
    follow (indented, or after a blank line, or unindented), the end of the file."""
    head = 'claim C1 "c"\n  implicit\npremise P1 "p"\npremise P2 "q"\n'
    texts = [
        head + "P1 supports C1\nP2 attacks C1\n",
        head + "  P1 supports C1\nP2 attacks C1\n",
        head + "L1: P1 + P2 supports C1\nP2 attacks P1\nU1: P2 undercuts L1\n",
        head + "P1 supports C1\nR1: P2 attacks C1\n  outweighed\nP2 supports P1\n",
        head + 'P1 supports C1\nP2 attacks C1\n  note "why"\n',
        head + "P1 supports C1\nP2 attacks C1\n\n  outweighed\n",
        head + "P1 supports C1\nP2 attacks C1\noutweighed\n",
        head + "P1 supports C1\nP2 attacks C1",
        head + "P1 supports C1\n# a comment\nP2 attacks C1\n",
        head + "P1 supports C1\nclaim supports C1\n",
    ]
    taken = [_agree(text) for text in texts]
    assert taken[:5] == [True] * 5
    assert all(taken[i] for i in (7, 8))


def test_canonical_nodes_are_read_a_block_at_a_time_with_the_same_spans() -> None:
    """Nodes in canonical layout take ``node_run``; every edge of a block must give what Lark
    gives, or hand the node to the general path, which gives it."""
    person = 'person p1 "P"\n'
    cases = [  # (text, whether the fast path takes it)
        (
            'claim C1 "c"\n  by p1\n  quote s1 "q"\n  quote s2 "r \\" s"\n  tags a, b\n  tags c\n'
            '  note "n"\n  implicit\n  step 3\n' + person + 'source s1 "S"\nsource s2 "T"\n',
            True,
        ),
        ('claim C1 "c"\npremise P1 "p"\n  by p1\n' + person + "P1 supports C1\n", True),
        ('claim C1 "say \\"no\\""\n  quote s1 "a \\\\ b"\n  by p1\n' + person + 'source s1 "S"\n', True),
        ('  claim C1 "indented head"\n  by p1\n' + person, True),
        ('claim C1 "c"\n  by p1\n  by p2\n' + person + 'person p2 "Q"\n', False),  # by twice
        ('claim C1 "c"\n  note "a"\n  note "b"\n', False),
        ('claim C1 "c"\n  implicit\n  implicit\n', False),
        ('claim C1 "c"\n  step 1\n  step 2\n', False),
        ('claim C1 "c"\n  by p1 \n' + person, True),  # not canonical: the general path
        ('claim C1 "c"\n   by p1\n' + person, True),
        ('claim C1 "c"\n  tags a,b\n', True),
        ('claim C1 """c"""\n  by p1\n' + person, True),
        ('claim C1 "c"\n  note """n"""\n', True),
        ('claim C1 "c"\n  by p1\n  C1 supports C1\n' + person, True),
        ('claim C1 "c"\n  by p1\nclaim C2 "d"\n  by p1 \nclaim C3 "e"\n  step 2\n' + person, True),  # a run broken
        ('claim C1 "c"\n  by p1\nclaim C2 "d"\n  by p1\n  by p1\n' + person, False),
        ('claim C1 "c"\n  by p1\n\n# between\nclaim C2 "d"\n  note "n"\n' + person, True),
        ('claim C1 "c"\n  by p1', True),  # the last line without a newline
        ('claim C1 "c"\n\n  by p1\n' + person, True),  # an attribute after a blank line
        ('claim C1 "c"\n  step 1\n\n\n  by p1\n' + person, True),
        ('claim C1 "c"\n  # a comment\n  by p1\n' + person, False),  # a comment inside: Lark's path
        ('claim C1 "c"\n  outlet "o"\n', False),  # another statement's attribute
        ('claim C1 "c"\n  by claim\n', False),  # a keyword as id
        ('claim C1 "c"\n  tags a, by\n', False),
        ('claim C1 "bad \\n escape"\n', False),
    ]
    assert [_agree(text) for text, _ in cases] == [taken for _, taken in cases]


def test_every_node_attribute_has_a_line_in_the_node_block() -> None:
    """A node attribute the block's pattern does not know would send every node that carries it
    to the slower general path: the table and the pattern must name the same attributes."""
    from argmap.language.fastparse import _NODE_ATTRIBUTE
    from argmap.language.table import ATTRIBUTES

    assert set(_NODE_ATTRIBUTE.groupindex) >= {a.keyword for a in ATTRIBUTES["node"]}
    calls: list[str] = []
    original = fastparse._Parser.node

    def counted(self: Any, m: Any) -> Any:
        calls.append(m.group())
        return original(self, m)

    text = 'claim C1 "c"\n' + "".join(f"  {a.keyword}{_SAMPLE_VALUES[a.value]}\n" for a in ATTRIBUTES["node"])
    try:
        fastparse._Parser.node = counted  # type: ignore[method-assign]
        assert _agree(text + 'person p "P"\nsource s "S"\n')
    finally:
        fastparse._Parser.node = original  # type: ignore[method-assign]
    assert calls == []


_SAMPLE_VALUES = {"id": " p", "quote": ' s "q"', "ids": " t, u", "string": ' "n"', "flag": "", "int": " 2"}


def test_the_makers_build_what_the_constructors_build() -> None:
    from argmap.language import fastparse as fp
    from argmap.model import Node, NodeKind, Quote, Relation, RelationKind, Span

    span = fp._Span("f.arg", 1, 2, 3, 4)
    assert span == Span("f.arg", 1, 2, 3, 4) and type(span) is Span
    quote = fp._Quote("s", "said", span)
    assert (quote, quote.span) == (Quote("s", "said", span=span), span)
    node = fp._Node(NodeKind.CLAIM, "C1", "text", span, by="p", tags=("t",), by_span=span)
    assert node == Node(NodeKind.CLAIM, "C1", "text", by="p", tags=("t",), span=span, by_span=span)
    assert attrs.asdict(node, recurse=False) == attrs.asdict(
        Node(NodeKind.CLAIM, "C1", "text", by="p", tags=("t",), span=span, by_span=span), recurse=False
    )
    rel = fp._Relation(RelationKind.ATTACKS, ("A",), "C1", "R1", span, (span,), span, outweighed=True)
    made = Relation(
        RelationKind.ATTACKS, ("A",), "C1", id="R1", outweighed=True, span=span, member_spans=(span,), target_span=span
    )
    assert attrs.asdict(rel, recurse=False) == attrs.asdict(made, recurse=False) and hash(rel) == hash(made)


def test_a_maker_refuses_a_class_whose_fields_changed() -> None:
    import pytest

    from argmap.language.fastparse import _setters

    @attrs.frozen
    class Checked:
        a: int = attrs.field(validator=attrs.validators.instance_of(int))

    @attrs.frozen
    class Plain:
        a: int
        b: int

    assert len(_setters(Plain, ("a", "b"))) == 2
    with pytest.raises(TypeError, match="update the makers"):
        _setters(Plain, ("a",))
    with pytest.raises(TypeError, match="update the makers"):
        _setters(Checked, ("a",))
