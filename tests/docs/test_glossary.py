"""One vocabulary (issue 15, point 9): docs/glossary.md fixes the words, and the diagrams, key,
page, worksheets and evaluate use them and not the old synonyms."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import attrs

from argmap import analyze
from argmap.classroom.exercise import make_worksheet, worksheet_dot
from argmap.classroom.page import KIND_LABELS, STATUS_LABELS, build_page
from argmap.diagram import RenderOptions, build_dot
from argmap.diagram.dot import key_entries

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
KEY = ROOT / "examples" / "classroom" / "key.arg"
UNDERCUTS = ROOT / "examples" / "nato.arg"

#: Words the outputs used before the glossary, for the same things.
OLD_WORDS = ("because", "however", "accepted", "rejected", "Objection", "Reason", "Stands (in)", "does not stand")


def test_the_glossary_fixes_the_words() -> None:
    for word in ("claim", "premise", "rebuttal", "supports", "attacks", "undercuts", "contradicts", "in", "out"):
        assert f"**{word}**" in GLOSSARY, word
    assert "**undecided**" in GLOSSARY


def _visible_dot_words(dot: str) -> str:
    """The words a reader sees: HTML-like labels and plain labels, not ids or tooltips."""
    labels = re.sub(r'tooltip="[^"]*"', "", dot)  # tooltips hold the map's own quotes
    return " ".join(re.findall(r">([^<>]+)<", labels))


def test_diagrams_key_page_and_worksheets_use_the_glossary_words() -> None:
    for path in (KEY, UNDERCUTS):
        analysis = analyze(path)
        m = analysis.map
        options = RenderOptions(overlay=analysis.evaluation)
        dot = build_dot(m, options)
        seen = _visible_dot_words(dot)
        for word in OLD_WORDS:
            assert not re.search(rf"\b{re.escape(word)}\b", seen), (path.name, word)
        for entry in key_entries(m, options):
            assert not any(re.search(rf"\b{re.escape(w)}\b", entry.meaning) for w in OLD_WORDS), entry
        ws = make_worksheet(m, RenderOptions(), "relations")
        answer = _visible_dot_words(worksheet_dot(m, ws, for_key=True))
        assert not any(re.search(rf"\b{re.escape(w)}\b", answer) for w in ("because", "however"))
        page = build_page(m, "<svg></svg>", analysis.evaluation, ())
        for word in ("Objection", "Stands (in)", "Does not stand"):
            assert word not in page
    assert set(KIND_LABELS.values()) == {"Claim", "Premise", "Rebuttal"}
    assert [label.split(":")[0] for label in STATUS_LABELS.values()] == ["in", "out", "undecided"]


def test_evaluate_uses_in_out_undecided() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "evaluate", str(KEY)], capture_output=True, text=True, check=True
    )
    labels = set(re.findall(r"^  (\S+) ", done.stdout, flags=re.MULTILINE))
    assert labels == {"in", "out"}  # the key map has no undecided statement
    assert not re.search(r"\b(accepted|rejected)\b", done.stdout)


def test_overlay_words_are_the_evaluation_labels() -> None:
    analysis = analyze(KEY)
    dot = build_dot(analysis.map, attrs.evolve(RenderOptions(), overlay=analysis.evaluation))
    assert "● in" in dot and "× out" in dot
