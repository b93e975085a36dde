"""The key tells the truth, and the print theme survives a photocopier (issue 15, points 5 and 6).

The key's entries are held to exactly the marks the DOT draws: the kinds of box (node
classes), the kinds of line (edge classes), the junctions (a dot where linked premises join, a
diamond where an undercut aims), the evaluation's labels and compare's marks. Both sides are
read from the DOT text, not from the code that wrote it.
"""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import Map, loads
from argmap.diagram import THEMES, RenderOptions, build_dot
from tests.diagram.test_render_dot import ALL, ATTACKS, KINDS, LINKED, UNDERCUTS, FakeLabelling, FakeStatus, prefixed

_ID = re.compile(r'\bid="([^"]*)"')
_CLASS = re.compile(r'\bclass="([^"]*)"')
_KEY_ENTRY = re.compile(r'ID="key-([^"]*)"')


def load(text: str) -> Map:
    return loads(text, allow_errors=True)  # a drawing of any map, errors and all (as --force)


def drawn_marks(dot: str) -> set[str]:
    """Every mark on the diagram (not in its key): the classes of nodes, junctions and lines."""
    marks: set[str] = set()
    for line in dot.splitlines():
        if "<B>Key</B>" in line:
            continue
        found = _CLASS.search(line)
        ident = _ID.search(line)
        if found is None or ident is None:
            continue
        classes = found.group(1).split()
        if ident.group(1).startswith("node-"):
            marks |= {c for c in classes if c != "statement"}
        else:
            marks |= set(classes)
    return marks


def key_marks(dot: str) -> list[str]:
    line = next((x for x in dot.splitlines() if "<B>Key</B>" in x), "")
    return _KEY_ENTRY.findall(line)


UNDERCUT_LINKED = """
claim C1 "The claim." implicit
premise P1 "First co-premise." implicit
premise P2 "Second co-premise." implicit
rebuttal R1 "Undercutter." implicit
S1: P1 + P2 supports C1
U1: R1 undercuts S1
"""

CASES = {
    "kinds": (KINDS, RenderOptions()),
    "linked": (LINKED, RenderOptions()),
    "attacks": (ATTACKS, RenderOptions()),
    "undercuts": (UNDERCUTS, RenderOptions()),
    "undercut-linked": (UNDERCUT_LINKED, RenderOptions()),
    "all": (ALL, RenderOptions()),
    "all-print": (ALL, RenderOptions(theme=THEMES["print"])),
    "worksheet-relations": (ALL, RenderOptions(hide_relation_kinds=True)),
    "worksheet-groups": (ALL, RenderOptions(hide_groups=True)),
    "marks": (ATTACKS, RenderOptions(marks={"R1": "missing", "P1->C1": "wrong"})),
    "overlay": (
        UNDERCUTS,
        RenderOptions(
            overlay=FakeLabelling({k: FakeStatus(v) for k, v in {"C1": "in", "R1": "out", "S1": "out"}.items()})
        ),
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_key_has_exactly_the_marks_the_diagram_draws(name: str) -> None:
    text, options = CASES[name]
    dot = build_dot(load(text), options)
    entries = key_marks(dot)
    assert len(entries) == len(set(entries)), entries  # no entry twice
    assert set(entries) == drawn_marks(dot)


def test_linked_premises_an_undercut_aims_at_meet_at_the_diamond_and_the_key_says_so() -> None:
    dot = build_dot(load(UNDERCUT_LINKED))
    junction = next(line for line in dot.splitlines() if line.strip().startswith("j1 "))
    assert "shape=diamond" in junction and 'class="undercut-step"' in junction
    entries = key_marks(dot)
    assert "undercut-step" in entries and "linked" not in entries  # no dot is drawn, so no dot in the key
    key = next(x for x in dot.splitlines() if "<B>Key</B>" in x)
    assert "─◇─→" in key and "linked premises joined there work only together" in key


_statement = st.sampled_from(["claim", "premise", "rebuttal"])


@settings(max_examples=40, deadline=None)
@given(
    kinds=st.lists(_statement, min_size=2, max_size=6),
    edges=st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["supports", "attacks"])), max_size=8
    ),
    implicit=st.lists(st.booleans(), min_size=6, max_size=6),
    theme=st.sampled_from(sorted(THEMES)),
    hide=st.booleans(),
)
def test_the_key_is_true_for_any_small_map(
    kinds: list[str], edges: list[tuple[int, int, str]], implicit: list[bool], theme: str, hide: bool
) -> None:
    lines = [f'{kind} N{i} "Statement {i}."' + (" implicit" if implicit[i] else "") for i, kind in enumerate(kinds)]
    lines += [f"N{a} {verb} N{b}" for a, b, verb in edges if a < len(kinds) and b < len(kinds) and a != b]
    dot = build_dot(load("\n".join(lines) + "\n"), RenderOptions(theme=THEMES[theme], hide_relation_kinds=hide))
    assert set(key_marks(dot)) == drawn_marks(dot)


# -- the print theme: kinds differ in shape and line, not only in grey ------------------------------


def _attributes(dot: str, element_id: str) -> dict[str, str]:
    line = next(x for x in dot.splitlines() if f'id="{element_id}"' in x)
    return dict(re.findall(r'(\w+)=("[^"]*"|[^,\]\s]+)', line.split("label=<")[0] + line.split(">>")[-1]))


def test_print_theme_tells_box_kinds_and_line_kinds_apart_without_grey() -> None:
    t = THEMES["print"]
    dot = build_dot(load(ALL), RenderOptions(theme=t))

    def outline(element_id: str) -> tuple[str, str]:
        a = _attributes(dot, element_id)
        return a["style"], a["penwidth"]

    # Boxes: a claim's border is heavier, a rebuttal's corners are square; all three differ
    # in style or pen, whatever their fill.
    claim, premise, rebuttal = outline("node-C1"), outline("node-P1"), outline("node-R1")
    assert len({claim, premise, rebuttal}) == 3
    assert "rounded" not in rebuttal[0] and "rounded" in premise[0]
    assert float(claim[1]) > float(premise[1])

    def line(element_id: str) -> tuple[str, str]:
        a = _attributes(dot, element_id)
        return a["style"], a["arrowhead"]

    support = line("rel-aP1-&gt;aC1")
    attack = line("rel-aR1-&gt;aC1")
    undercut = line("rel-uU1")
    assert support != attack != undercut != support
    assert support[0] != attack[0], "support and attack differ in line style, not only in the head"
    # Heads large enough to see on paper.
    assert re.search(r"edge \[[^\]]*arrowsize=1\.3", dot)
    assert t.arrowsize > THEMES["default"].arrowsize


def test_font_scale_multiplies_every_text_size() -> None:
    m = load(KINDS)
    plain = build_dot(m)
    big = build_dot(m, RenderOptions(font_scale=2))
    sizes = [float(x) for x in re.findall(r'POINT-SIZE="([\d.]+)"', plain)]
    scaled = [float(x) for x in re.findall(r'POINT-SIZE="([\d.]+)"', big)]
    assert scaled == [2 * s for s in sizes]
    with pytest.raises(ValueError, match="font scale"):
        RenderOptions(font_scale=0)


def test_no_title_when_the_page_shows_it() -> None:
    m = load('title "The map title"\n' + LINKED)
    assert "The map title" in build_dot(m)
    assert "The map title" not in build_dot(m, attrs.evolve(RenderOptions(), title=False))


def test_a_reply_to_an_objection_says_which_side_it_stands_on() -> None:
    m = load(prefixed(ATTACKS, ""))
    dot = build_dot(m)
    r2 = next(x for x in dot.splitlines() if 'id="node-R2"' in x)
    assert "REBUTTAL R2 · for C1" in r2
    r1 = next(x for x in dot.splitlines() if 'id="node-R1"' in x)
    assert "· for" not in r1 and "· against" not in r1
