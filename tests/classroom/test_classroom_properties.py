"""Properties of the classroom functions over every map the strategies can draw."""

from __future__ import annotations

import json
import random
import re

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.analysis.semantics import grounded
from argmap.classroom.compare import compare
from argmap.classroom.order import frames
from argmap.classroom.page import build_page
from argmap.classroom.similarity import Texts, similarity
from argmap.classroom.steps import frame_options
from argmap.diagram import RenderOptions
from argmap.model import Map
from tests.strategies import maps

# Drawing a map is most of the time here; 40 maps per property keeps this file to seconds.
few = settings(max_examples=40)


@few
@given(maps())
def test_a_map_compared_with_itself_scores_full_marks(m: Map) -> None:
    c = compare(m, m)
    assert c.percent == 100.0
    assert not c.extra_nodes
    assert not c.extra_relations


@few
@given(maps(), st.randoms(use_true_random=False))
def test_the_score_never_leaves_its_range(m: Map, rng: random.Random) -> None:
    # Drop some nodes and relations from the student's copy: points fall, never below zero.
    nodes = tuple(n for n in m.nodes if rng.random() < 0.6)
    kept = {n.id for n in nodes}
    relations = tuple(r for r in m.relations if set(r.members) <= kept and rng.random() < 0.6)
    student = attrs.evolve(m, nodes=nodes, relations=relations)
    c = compare(student, m)
    assert 0.0 <= c.points <= c.possible
    assert 0.0 <= c.percent <= 100.0


@few
@given(maps())
def test_every_node_is_revealed_exactly_once(m: Map) -> None:
    revealed = [node_id for frame in frames(m) for node_id in frame]
    assert sorted(revealed) == sorted({n.id for n in m.nodes})
    plan = frame_options(m, RenderOptions())
    assert plan[-1][1].hidden == frozenset()
    hidden_counts = [len(options.hidden) for _, options in plan]
    assert hidden_counts == sorted(hidden_counts, reverse=True)  # each frame shows at least as much


@few
@given(maps())
def test_the_page_carries_any_map_text_exactly_and_runs_only_its_own_script(m: Map) -> None:
    svg = (
        '<svg viewBox="0 0 10 10">' + "".join(f'<g id="node&#45;{n.id}" class="node"></g>' for n in m.nodes) + "</svg>"
    )
    page = build_page(m, svg, grounded(m))
    assert len(re.findall(r"<script", page, re.IGNORECASE)) == 2
    raw = re.search(r'id="argmap-data">(.*?)</script>', page, re.DOTALL)
    assert raw is not None
    data = json.loads(raw.group(1))
    for node in m.nodes:
        assert data["nodes"][node.id]["text"] == m.node(node.id).text


_STATEMENT_WORDS = st.sampled_from(["the", "war", "talks", "peace", "Kyiv", "ceasefire", "“now”", "—", "a", "", "NATO"])


@given(
    st.lists(_STATEMENT_WORDS, max_size=12).map(" ".join),
    st.lists(_STATEMENT_WORDS, max_size=12).map(" ".join),
    st.floats(0, 1),
)
def test_the_bounded_similarity_is_exact_at_or_above_its_bar(a: str, b: str, bar: float) -> None:
    # compare's matching trusts Texts.similarity: the exact value whenever it reaches the bar,
    # and something below the bar otherwise (so a pair is never matched or missed wrongly).
    exact = similarity(a, b)
    bounded = Texts().similarity(a, b, bar)
    if exact >= bar:
        assert bounded == exact
    else:
        assert bounded < bar
    assert Texts().similarity(a, b) == exact
