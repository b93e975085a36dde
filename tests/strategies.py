"""Every Hypothesis strategy of the test suite, in one module (attrs' habit).

``maps()`` draws valid maps: declared ids, references that resolve, every construct of the
language (linked groups, undercuts, contradictions, outweighed attacks, quotes, tags, notes).
``tangled_maps()`` draws small, densely linked maps of every relation kind for the graph
algorithms, with ``messy=True`` also ones a parse would report (ids declared twice, labels equal
to node ids, undeclared names).
"""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.language.syntax import KEYWORDS
from argmap.model import Map, Node, NodeKind, Person, Quote, Relation, RelationKind, Source

_ID_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_"
_ID_REST = _ID_START + "0123456789-"

#: Ids of the language: a letter or ``_``, then letters, digits, ``_`` or ``-``; never a keyword.
ids = st.builds(
    lambda head, tail: head + tail,
    st.sampled_from(_ID_START),
    st.text(alphabet=_ID_REST, max_size=8),
).filter(lambda s: s not in KEYWORDS)

#: Any text a string may hold: quotes, backslashes, newlines, typography, other scripts.
texts = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\r\x00"),
    max_size=40,
) | st.sampled_from(['say "no"', "back\\slash", 'ends with "', "two\nlines", "“curly” – dash", '""""'])

dates = st.sampled_from(["2022", "2022-03", "2022-12-31", "1999-01-01"])


@st.composite
def maps(draw: st.DrawFn, max_nodes: int = 8) -> Map:
    """A valid map: every reference resolves, every id is unique."""
    all_ids = draw(st.lists(ids, min_size=1, max_size=max_nodes + 8, unique=True))
    pool = iter(all_ids)
    n_sources = draw(st.integers(0, min(2, len(all_ids) - 1)))
    sources = tuple(
        Source(
            next(pool),
            draw(texts),
            outlet=draw(st.none() | texts),
            date=draw(st.none() | dates),
            url=draw(st.none() | st.just("https://example.org/a")),
            author=draw(st.none() | texts),
        )
        for _ in range(n_sources)
    )
    remaining = len(all_ids) - n_sources
    n_persons = draw(st.integers(0, min(2, remaining - 1)))
    persons = tuple(Person(next(pool), draw(texts), draw(st.none() | texts)) for _ in range(n_persons))
    node_ids = list(pool)
    n_nodes = max(1, min(len(node_ids), max_nodes))
    node_ids, spare = node_ids[:n_nodes], node_ids[n_nodes:]
    nodes = tuple(
        Node(
            draw(st.sampled_from(list(NodeKind))),
            node_id,
            draw(texts),
            by=draw(st.none() | st.sampled_from([p.id for p in persons])) if persons else None,
            quotes=tuple(
                Quote(draw(st.sampled_from([s.id for s in sources])), draw(texts))
                for _ in range(draw(st.integers(0, 2)) if sources else 0)
            ),
            tags=tuple(draw(st.lists(ids, max_size=2, unique=True))),
            note=draw(st.none() | texts),
            implicit=draw(st.booleans()),
            step=draw(st.none() | st.integers(1, 20)),
        )
        for node_id in node_ids
    )
    relations: list[Relation] = []
    labels = iter(spare)
    for _ in range(draw(st.integers(0, 2 * n_nodes))):
        kind = draw(st.sampled_from([RelationKind.SUPPORTS, RelationKind.ATTACKS, RelationKind.CONTRADICTS]))
        target = draw(st.sampled_from(node_ids))
        if kind is RelationKind.CONTRADICTS:
            members: tuple[str, ...] = (draw(st.sampled_from(node_ids)),)
            relations.append(Relation(kind, members, target, note=draw(st.none() | texts)))
            continue
        members = tuple(draw(st.lists(st.sampled_from(node_ids), min_size=1, max_size=3, unique=True)))
        label = next(labels, None) if draw(st.booleans()) else None
        relations.append(
            Relation(
                kind,
                members,
                target,
                id=label,
                note=draw(st.none() | texts),
                outweighed=kind is RelationKind.ATTACKS and draw(st.booleans()),
            )
        )
    labelled = [r.id for r in relations if r.id is not None]
    for _ in range(draw(st.integers(0, 2)) if labelled else 0):
        relations.append(
            Relation(
                RelationKind.UNDERCUTS,
                (draw(st.sampled_from(node_ids)),),
                draw(st.sampled_from(labelled)),
                outweighed=draw(st.booleans()),
            )
        )
    return Map(
        title=draw(st.none() | texts),
        sources=sources,
        persons=persons,
        nodes=nodes,
        relations=tuple(relations),
    )


# -- text for fuzzing the parser ----------------------------------------------------------------


def _pad(token: str) -> str:
    return f" {token} "


def _pad_comment(comment: str) -> str:
    return comment + "\n"


def grammar_texts() -> st.SearchStrategy[str]:
    """Text drawn from the grammar itself (``from_lark``): every terminal padded with a space so
    that generated text lexes as generated, ids never keywords, strings from ``encode_string``."""
    from hypothesis.extra.lark import from_lark
    from lark import Lark

    from argmap.language.printer import encode_string
    from argmap.language.syntax import grammar_text

    grammar = Lark(grammar_text(), parser="lalr", lexer="contextual")
    explicit: dict[str, st.SearchStrategy[str]] = {
        "ID": ids,
        "STRING": texts.map(encode_string),
        "DATE": dates | st.sampled_from(["2022-13", "2022-02-30", "0000"]),
        "INT": st.integers(0, 10**6).map(str),
        "NODE_KIND": st.sampled_from([k.value for k in NodeKind]),
        "RELATION_KIND": st.sampled_from(["supports", "attacks", "undercuts"]),
        "COMMENT": st.sampled_from(["# a comment", "# argmap: allow orphan", "#", '# “curly” \\ "q"']),
        "WS": st.sampled_from([" ", "\n", "\t", "\r\n", "\n\n  "]),
    }
    for terminal in grammar.terminals:
        if terminal.name not in explicit:  # keywords and punctuation: their literal text
            explicit[terminal.name] = st.just(str(terminal.pattern.value))
    # Pad every token: the space that separates words in hand-written maps. A comment must end
    # its line, or it would swallow the tokens after it.
    padded = {name: strategy.map(_pad_comment if name == "COMMENT" else _pad) for name, strategy in explicit.items()}
    return from_lark(grammar, explicit=padded)


#: Fragments of the language and of its mistakes, for random text that reaches deep into the parser.
fragments = st.sampled_from(
    [
        "claim", "premise", "rebuttal", "source", "person", "title", "include", "by", "quote",
        "tags", "note", "implicit", "step", "outlet", "date", "url", "file", "author", "role",
        "supports", "attacks", "undercuts", "contradicts", "outweighed", "C1", "P1", "S1", "x",
        " ", " ", "\n", "\r\n", "\r", "\t", '"', '"""', '"text"', '"a \\" b"', "\\", "\\q", "#", "# c\n",
        "+", ":", ",", "2022", "2022-13", "12", "\ufeff", "\x00", "“", "é", "😀", "'", "@", "-",
    ]
)  # fmt: skip

#: Random text: arbitrary characters, or a jumble of language fragments.
random_texts = st.text(max_size=200) | st.lists(fragments, max_size=60).map("".join)


#: The node ids and relation labels ``tangled_maps`` draws from.
TANGLED_NAMES = ["a", "b", "c", "d", "e", "f", "g"]
TANGLED_LABELS = ["L1", "L2", "L3"]


@st.composite
def tangled_maps(draw: st.DrawFn, messy: bool = False) -> Map:
    """Maps of every relation kind, with labels and undercuts; ``messy`` ones may also declare an
    id twice, label a relation with a node's id, or name nothing."""
    node_ids = draw(st.lists(st.sampled_from(TANGLED_NAMES), min_size=1, max_size=7, unique=not messy))
    nodes = tuple(Node(draw(st.sampled_from(list(NodeKind))), node_id, "t") for node_id in node_ids)
    names = [*node_ids, *(["zz"] if messy else [])]
    labels = [*TANGLED_LABELS, *(node_ids[:1] if messy else [])]
    relations = []
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(list(RelationKind)))
        if kind is RelationKind.CONTRADICTS:
            members: tuple[str, ...] = (draw(st.sampled_from(names)),)
        else:
            members = tuple(draw(st.lists(st.sampled_from(names), min_size=1, max_size=2, unique=True)))
        target = draw(st.sampled_from(labels if kind is RelationKind.UNDERCUTS else names))
        label = draw(st.none() | st.sampled_from(labels)) if kind is not RelationKind.CONTRADICTS else None
        outweighed = kind is RelationKind.ATTACKS and draw(st.booleans())
        relations.append(Relation(kind, members, target, id=label, outweighed=outweighed))
    if not messy:  # each label once
        seen: set[str] = set()
        for i, rel in enumerate(relations):
            if rel.id is not None and rel.id in seen:
                relations[i] = Relation(rel.kind, rel.members, rel.target, outweighed=rel.outweighed)
            elif rel.id is not None:
                seen.add(rel.id)
    return Map(nodes=nodes, relations=tuple(relations))
