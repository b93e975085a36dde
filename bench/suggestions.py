"""Quote help: how often each scorer ranks the right passage first, and how long it takes.

Run from the repository root:  .venv/bin/python bench/suggestions.py

The cases come from the bundled examples, whose quotes are all found: for each statement, its
own text as the query (a statement without a quote yet, in the student's words), and each of its
quotes with every fifth word garbled (a quote copied wrongly). A suggestion is right when it
overlaps where the quote really is. ``content words`` is what argmap uses
(``argmap.analysis.coverage.PassageIndex``); difflib's ratio and, when the ``rapidfuzz`` package
is installed, its scorers are scored on the same passages for comparison.
"""

from __future__ import annotations

import difflib
import random
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argmap
from argmap.analysis.analysis import QuotePassage
from argmap.analysis.checks.matching import fold
from argmap.analysis.coverage import PassageIndex, Sentence, Suggestion, sentences

ROOT = Path(__file__).resolve().parent.parent
Articles = dict[str, tuple[str, tuple[Sentence, ...]]]
Case = tuple[str, str, Articles, QuotePassage]


def _garble(text: str, rng: random.Random) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 5)):
        i = rng.randrange(len(words))
        words[i] = words[i][::-1]
    return " ".join(words)


def cases() -> Iterator[Case]:
    """(kind, query, articles to search, where the answer is)."""
    rng = random.Random(1)
    for path in sorted((ROOT / "examples").glob("*.arg")):
        analysis = argmap.analyze(path)
        articles = {sid: (text, sentences(text)) for sid, text in analysis.articles.items()}
        nodes = {n.id: n for n in analysis.map.nodes}
        for passage in analysis.quote_passages:
            if not passage.found:
                continue
            node = nodes[passage.node]
            if passage.quote == 0:
                yield "statement", node.text, articles, passage
            quote = node.quotes[passage.quote].text
            yield "garbled quote", _garble(quote, rng), {passage.source: articles[passage.source]}, passage


def _ranked(query: str, articles: Articles, score: Callable[[str, str], float]) -> list[Suggestion]:
    """The same candidate passages as PassageIndex, ranked by another scorer."""
    wanted = fold(query)[0].lower()
    found = []
    for source, (text, sents) in articles.items():
        for i, s in enumerate(sents):
            for end in (s.end, *((sents[i + 1].end,) if i + 1 < len(sents) else ())):
                found.append(Suggestion(source, s.start, end, score(wanted, fold(text[s.start : end])[0].lower())))
    found.sort(key=lambda x: -x.score)
    return found[:3]


def scorers() -> dict[str, Callable[[str, Articles], list[Suggestion]]]:
    """Each scorer as ``query, articles -> top three``."""
    out: dict[str, Callable[[str, Articles], list[Suggestion]]] = {
        "content words (argmap)": lambda q, a: list(PassageIndex(a).suggest(q, limit=3)),
        "difflib ratio": lambda q, a: _ranked(q, a, lambda x, y: difflib.SequenceMatcher(None, x, y).ratio()),
    }
    try:
        from rapidfuzz import fuzz  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return out
    for name in ("token_set_ratio", "partial_ratio", "WRatio"):
        out[f"rapidfuzz {name}"] = _rapidfuzz(getattr(fuzz, name))
    return out


def _rapidfuzz(scorer: Callable[[str, str], float]) -> Callable[[str, Articles], list[Suggestion]]:
    return lambda query, articles: _ranked(query, articles, lambda x, y: scorer(x, y) / 100)


def _hit(suggestion: Suggestion, passage: QuotePassage) -> bool:
    return suggestion.source == passage.source and any(
        suggestion.start < end and start < suggestion.end for start, end in passage.parts
    )


def main() -> int:
    """Print one row per scorer: right first, right in the top three, seconds."""
    all_cases = list(cases())
    kinds = sorted({c[0] for c in all_cases})
    print("| scorer | " + " | ".join(f"{k}: first / top 3" for k in kinds) + " | seconds |")
    print("|---|" + "---|" * len(kinds) + "---|")
    for name, rank in scorers().items():
        tally = {k: [0, 0, 0] for k in kinds}
        start = time.perf_counter()
        for kind, query, articles, passage in all_cases:
            top = rank(query, articles)
            hits = [
                s.source == passage.source and any(s.start < e and a < s.end for a, e in passage.parts) for s in top
            ]
            tally[kind][0] += 1
            tally[kind][1] += bool(hits and hits[0])
            tally[kind][2] += any(hits)
        seconds = time.perf_counter() - start
        cells = " | ".join(f"{t[1]}/{t[0]} / {t[2]}/{t[0]}" for t in tally.values())
        print(f"| {name} | {cells} | {seconds:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
