"""The benchmark's synthetic argument map, written both as ``.arg`` and as Argdown.

The map is deterministic by seed and shaped like what argument-mining pipelines and classes
produce: many small debates of about fifty statements (one article each), each a shallow tree
of reasons and objections under a claim, the debates' claims linked into one tree of claims,
plus cross-links. It has every construct both tools share: separate reasons, linked reasons
(several co-premises), attacks, undercuts, contradictions, tags, speakers and verbatim quotes
found in article files. About 1.5 relations per node.

The map is clean on purpose: no check should fire, so a benchmark measures the work of
checking, not the printing of thousands of findings. The Argdown file represents the same
structure the way Argdown users write it: statements ``[id]: text #tag {data}`` with their
outgoing relations (``+>``, ``->``, ``_>``, ``><``) indented beneath; a linked reason, and any
reason an undercut aims at, as an argument ``<id>`` with a premise-conclusion structure.
Argdown has no quotes, speakers, kinds or ``outweighed``: those go into the statement's data
(``{kind: ..., by: ..., quote: ..., source: ...}``), except ``outweighed``, which it cannot say.

Usage: ``python bench/generate.py 200 2000 --seed 1 --out bench/data``.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["SIZES", "Synthetic", "generate", "to_arg", "to_argdown", "write"]

#: The benchmark's map sizes, in nodes.
SIZES = (200, 2_000, 20_000, 100_000)

#: Statements per debate (one article each).
DEBATE_SIZE = 50

#: Relations per node the generator aims at (tree edges plus cross-links).
RELATIONS_PER_NODE = 1.5

_SUBJECTS = (
    "The government",
    "The new tariff",
    "Rising energy prices",
    "The central bank",
    "Most economists",
    "Local councils",
    "The ceasefire",
    "Social media platforms",
    "Rural hospitals",
    "The teachers' union",
    "The housing plan",
    "Public broadcasters",
    "The opposition",
    "Small businesses",
    "The climate report",
    "Foreign investors",
    "The school reform",
    "Regional airlines",
    "The minimum wage rise",
    "Independent auditors",
    "The peace talks",
    "Farmers in the north",
    "The rail strike",
    "City commuters",
    "The health ministry",
    "Online retailers",
    "The fiscal watchdog",
    "Coastal towns",
    "The sanctions package",
    "Young voters",
)
_VERBS = (
    "will reduce",
    "undermined",
    "should improve",
    "cannot explain",
    "would raise",
    "already cut",
    "will not protect",
    "may double",
    "could weaken",
    "failed to track",
    "might lower",
    "quietly increased",
    "will strengthen",
    "barely changed",
    "would threaten",
    "helped to stabilise",
)
_OBJECTS = (
    "household incomes",
    "trust in public institutions",
    "the number of qualified teachers",
    "waiting times for surgery",
    "rents in the capital",
    "the price of bread",
    "exports to the continent",
    "the deficit",
    "support for the coalition",
    "emissions from transport",
    "the value of pensions",
    "access to broadband",
    "the risk of another war",
    "youth unemployment",
    "the cost of borrowing",
    "attendance at state schools",
    "the supply of new homes",
    "local bus services",
    "confidence among investors",
    "the quality of drinking water",
)
_TAILS = (
    "within five years.",
    "according to the latest figures.",
    "as the report itself admits.",
    "despite the minister's promises.",
    "in every region surveyed.",
    "by the end of the decade.",
    "more than critics expected.",
    "for the poorest families first.",
    "if nothing else changes.",
    "unless the budget is revised.",
    "compared with last winter.",
    "whatever the polls suggest.",
)
_OPENERS = (
    "Officials said on Tuesday that",
    "In a statement, a spokesperson insisted that",
    "Critics were quick to point out that",
    "The figures, published this week, suggest that",
    "Speaking to reporters, she argued that",
    "According to people familiar with the talks,",
    "Analysts cautioned that",
    "He told the committee that",
)
_FILLER = (
    "The debate continued late into the evening.",
    "Neither side has published its full costings.",
    "A vote is expected before the summer recess.",
    "The committee will report again in the spring.",
    "Several members declined to comment.",
    "The department did not respond to a request for comment.",
    "Similar measures were tried a decade ago.",
    "The details remain disputed.",
)
_TAGS = (
    "economy",
    "health",
    "education",
    "housing",
    "security",
    "climate",
    "trust",
    "evidence",
    "costs",
    "fairness",
    "jobs",
    "energy",
    "transport",
    "media",
    "law",
    "europe",
    "budget",
    "welfare",
    "defence",
    "rural",
)
_FIRST = ("Anna", "Ben", "Chloe", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "James", "Kira", "Liam")
_LAST = ("Okafor", "Smith", "Novak", "Dubois", "Rossi", "Kowalski", "Berg", "Ahmed", "Silva", "Murphy")
_ROLES = ("minister", "economist", "union leader", "analyst", "council leader", "professor", "spokesperson")
_OUTLETS = ("The Daily Record", "The Evening Post", "The Courier", "The Observer Weekly", "The Herald")


@dataclass(frozen=True)
class Quote:
    """A verbatim passage of a source's article."""

    source: str
    text: str


@dataclass(frozen=True)
class Node:
    """One statement of the synthetic map."""

    kind: str  # claim, premise or rebuttal
    id: str
    text: str
    by: str | None = None
    quote: Quote | None = None
    tags: tuple[str, ...] = ()
    note: str | None = None
    implicit: bool = False


@dataclass
class Relation:
    """A relation as both languages see it; ``members`` has several ids for a linked reason."""

    kind: str  # supports, attacks, undercuts or contradicts
    members: list[str]
    target: str  # a node id, or a relation label for undercuts
    label: str | None = None
    outweighed: bool = False


@dataclass(frozen=True)
class Source:
    """An article: its id, headline, outlet and the article file's name."""

    id: str
    title: str
    outlet: str
    date: str
    file: str


@dataclass(frozen=True)
class Person:
    """A speaker nodes are attributed to."""

    id: str
    name: str
    role: str


@dataclass
class Synthetic:
    """The generated map, its articles, and the counts a test can check."""

    size: int
    seed: int
    sources: list[Source] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    #: Article file name -> text.
    articles: dict[str, str] = field(default_factory=dict)
    #: Relations grouped by the debate they were written in, indices into ``relations``.
    debate_relations: list[list[int]] = field(default_factory=list)
    #: Node index ranges of the debates.
    debates: list[range] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """How many of each element the map has (the generator's own bookkeeping)."""
        kinds = ("supports", "attacks", "undercuts", "contradicts")
        out = {
            "nodes": len(self.nodes),
            "relations": len(self.relations),
            "linked": sum(len(r.members) > 1 for r in self.relations),
            "quotes": sum(n.quote is not None for n in self.nodes),
            "sources": len(self.sources),
            "persons": len(self.persons),
        }
        for kind in kinds:
            out[kind] = sum(r.kind == kind for r in self.relations)
        return out


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_TAILS)}"


def _quote_text(rng: random.Random) -> str:
    subject = rng.choice(_SUBJECTS)
    return f"{subject[0].lower()}{subject[1:]} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}"


class _Builder:
    """Builds the map debate by debate; keeps it free of every finding argmap checks for."""

    def __init__(self, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.out = Synthetic(size, seed)
        self.kind_of: list[str] = []
        # (member index, target index) pairs already related, by relation kind family.
        self.supports: set[tuple[int, int]] = set()
        self.attacks: set[tuple[int, int]] = set()
        self.has_reason: set[int] = set()
        self.quotes: dict[str, list[str]] = {}
        self.labels = 0
        self.index_of: dict[str, int] = {}

    def node_id(self, index: int) -> str:
        return f"{'CPR'['claim premise rebuttal'.split().index(self.kind_of[index])]}{index}"

    def build(self) -> Synthetic:
        size = self.out.size
        rng = self.rng
        n_debates = max(1, round(size / DEBATE_SIZE))
        bounds = [round(size * d / n_debates) for d in range(n_debates + 1)]
        self.out.persons = [
            Person(f"p{k}", f"{rng.choice(_FIRST)} {rng.choice(_LAST)}", rng.choice(_ROLES))
            for k in range(max(2, size // 25))
        ]
        for d in range(n_debates):
            lo, hi = bounds[d], bounds[d + 1]
            self.out.debates.append(range(lo, hi))
            for i in range(lo, hi):
                if i == lo:
                    kind = "claim"
                else:
                    roll = rng.random()
                    kind = "claim" if roll < 0.04 else "rebuttal" if roll < 0.3 else "premise"
                self.kind_of.append(kind)
        for d, debate in enumerate(self.out.debates):
            self.out.sources.append(
                Source(
                    f"s{d}",
                    _sentence(rng).rstrip("."),
                    rng.choice(_OUTLETS),
                    f"20{rng.randrange(15, 25)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                    f"articles/s{d}.txt",
                )
            )
            self.out.debate_relations.append([])
            self.add_nodes(d, debate)
        self.add_tree_relations()
        self.add_cross_links()
        self.add_contradictions()
        self.write_articles()
        return self.out

    def add_nodes(self, debate: int, indices: range) -> None:
        rng = self.rng
        persons = self.out.persons
        for i in indices:
            kind = self.kind_of[i]
            quote = None
            if kind == "claim" or rng.random() < 0.3:
                quote = Quote(f"s{debate}", _quote_text(rng))
                self.quotes.setdefault(quote.source, []).append(quote.text)
            # Every person is cited at least once: the first nodes take them in turn.
            by = persons[i].id if i < len(persons) else (rng.choice(persons).id if rng.random() < 0.4 else None)
            tags = tuple(sorted(set(rng.sample(_TAGS, rng.choice((1, 1, 2)))))) if rng.random() < 0.3 else ()
            node = Node(
                kind=kind,
                id=self.node_id(i),
                text=_sentence(rng),
                by=by,
                quote=quote,
                tags=tags,
                note="reported second hand" if rng.random() < 0.05 else None,
                implicit=kind == "premise" and quote is None and rng.random() < 0.05,
            )
            self.index_of[node.id] = i
            self.out.nodes.append(node)

    def relate(self, debate: int, rel: Relation) -> None:
        self.out.debate_relations[debate].append(len(self.out.relations))
        self.out.relations.append(rel)

    def add_tree_relations(self) -> None:
        """Each debate a random recursive tree under its claim; each debate's claim a reason
        for, or an objection to, an earlier debate's claim."""
        rng = self.rng
        open_groups: dict[int, Relation] = {}
        for d, debate in enumerate(self.out.debates):
            open_groups.clear()
            for i in debate:
                if i == debate.start:
                    if d == 0:
                        continue
                    parent = self.out.debates[rng.randrange(d)].start
                else:
                    parent = rng.randrange(debate.start, i)
                member, target = self.node_id(i), self.node_id(parent)
                if self.kind_of[i] == "rebuttal":
                    self.attacks.add((i, parent))
                    self.relate(d, Relation("attacks", [member], target, outweighed=rng.random() < 0.1))
                    continue
                self.supports.add((i, parent))
                self.has_reason.add(parent)
                group = open_groups.get(parent)
                if (
                    group is not None
                    and self.kind_of[i] == "premise"
                    and len(group.members) < 3
                    and rng.random() < 0.45
                ):
                    group.members.append(member)  # a co-premise: the reason is now linked
                    continue
                rel = Relation("supports", [member], target)
                self.relate(d, rel)
                if self.kind_of[i] == "premise":
                    open_groups[parent] = rel

    def add_cross_links(self) -> None:
        """Extra separate reasons, attacks and undercuts inside each debate."""
        rng = self.rng
        goal = round(RELATIONS_PER_NODE * self.out.size) - len(self.out.relations)
        # Contradictions come later: leave room for them (about one per 60 nodes).
        goal -= self.out.size // 60
        debates = [(d, debate) for d, debate in enumerate(self.out.debates) if len(debate) >= 4]
        undercuts: set[tuple[int, str]] = set()
        added = tries = 0
        while added < goal and tries < goal * 20 and debates:
            tries += 1
            d, debate = rng.choice(debates)
            roll = rng.random()
            if roll < 0.45:  # a separate reason: from a later statement to an earlier one (acyclic)
                i = rng.randrange(debate.start + 1, debate.stop)
                j = rng.randrange(debate.start, i)
                if self.kind_of[i] == "rebuttal" or (i, j) in self.supports or (i, j) in self.attacks:
                    continue
                self.supports.add((i, j))
                self.has_reason.add(j)
                self.relate(d, Relation("supports", [self.node_id(i)], self.node_id(j)))
            elif roll < 0.8:  # an attack, either way round (attack cycles are allowed)
                i, j = rng.sample(range(debate.start, debate.stop), 2)
                if self.kind_of[i] != "rebuttal" or (i, j) in self.supports or (i, j) in self.attacks:
                    continue
                if (j, i) in self.supports:
                    continue
                self.attacks.add((i, j))
                self.relate(d, Relation("attacks", [self.node_id(i)], self.node_id(j)))
            else:  # an undercut of one of this debate's reasons
                candidates = [k for k in self.out.debate_relations[d] if self.out.relations[k].kind == "supports"]
                if not candidates:
                    continue
                target = self.out.relations[rng.choice(candidates)]
                i = rng.randrange(debate.start, debate.stop)
                undercutter = self.node_id(i)
                if self.kind_of[i] != "rebuttal" or undercutter in target.members or undercutter == target.target:
                    continue
                if target.label is None:
                    self.labels += 1
                    target.label = f"L{self.labels}"
                if (i, target.label) in undercuts:
                    continue
                undercuts.add((i, target.label))
                self.relate(d, Relation("undercuts", [undercutter], target.label))
            added += 1

    def add_contradictions(self) -> None:
        """Pairs of statements in one debate that cannot both hold; both without reasons (so
        none is an unresolved contradiction), said by different people."""
        rng = self.rng
        wanted = self.out.size // 60
        debates = [(d, debate) for d, debate in enumerate(self.out.debates) if len(debate) >= 4]
        done: set[tuple[int, int]] = set()
        tries = 0
        while len(done) < wanted and tries < wanted * 50 and debates:
            tries += 1
            d, debate = rng.choice(debates)
            i, j = sorted(rng.sample(range(debate.start, debate.stop), 2))
            a, b = self.out.nodes[i], self.out.nodes[j]
            if i in self.has_reason or j in self.has_reason or (i, j) in done:
                continue
            if (a.by is not None and a.by == b.by) or (i, j) in self.supports or (j, i) in self.supports:
                continue
            if (i, j) in self.attacks or (j, i) in self.attacks:
                continue
            done.add((i, j))
            self.relate(d, Relation("contradicts", [a.id], b.id))

    def write_articles(self) -> None:
        rng = self.rng
        for source in self.out.sources:
            sentences = [source.title + "."]
            for quote in self.quotes.get(source.id, []):
                sentences.append(f"{rng.choice(_OPENERS)} {quote}.")
                if rng.random() < 0.5:
                    sentences.append(rng.choice(_FILLER))
            paragraphs = [" ".join(sentences[k : k + 4]) for k in range(0, len(sentences), 4)]
            self.out.articles[source.file] = "\n\n".join(paragraphs) + "\n"


def generate(size: int, seed: int = 1) -> Synthetic:
    """The synthetic map with ``size`` nodes; the same ``seed`` gives the same map."""
    if size < 2:
        raise ValueError("a synthetic map needs at least two nodes")
    return _Builder(size, seed).build()


def _q(text: str) -> str:
    # The generator's text has no quotes or backslashes; escape anyway so the output always parses.
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _arg_lines(s: Synthetic) -> Iterator[str]:
    yield f"# Synthetic benchmark map: {s.size} nodes, seed {s.seed} (bench/generate.py)."
    yield f'title "Synthetic map of {s.size} statements"'
    yield ""
    for src in s.sources:
        yield f"source {src.id} {_q(src.title)}"
        yield f"  outlet {_q(src.outlet)} date {src.date} file {_q(src.file)}"
    yield ""
    for person in s.persons:
        yield f"person {person.id} {_q(person.name)} role {_q(person.role)}"
    for d, debate in enumerate(s.debates):
        yield ""
        yield f"# Debate {d + 1}, from {s.sources[d].id}"
        for i in debate:
            node = s.nodes[i]
            yield f"{node.kind} {node.id} {_q(node.text)}"
            if node.by is not None:
                yield f"  by {node.by}"
            if node.quote is not None:
                yield f"  quote {node.quote.source} {_q(node.quote.text)}"
            if node.tags:
                yield f"  tags {', '.join(node.tags)}"
            if node.note is not None:
                yield f"  note {_q(node.note)}"
            if node.implicit:
                yield "  implicit"
        for k in s.debate_relations[d]:
            rel = s.relations[k]
            label = f"{rel.label}: " if rel.label else ""
            tail = " outweighed" if rel.outweighed else ""
            yield f"{label}{' + '.join(rel.members)} {rel.kind} {rel.target}{tail}"


def to_arg(s: Synthetic) -> str:
    """The map as ``.arg`` text."""
    return "\n".join(_arg_lines(s)) + "\n"


def _data(node: Node) -> str:
    parts = [f"kind: {node.kind}"]
    if node.by is not None:
        parts.append(f"by: {node.by}")
    if node.quote is not None:
        parts.append(f"source: {node.quote.source}")
        parts.append(f'quote: "{node.quote.text}"')
    if node.note is not None:
        parts.append(f'note: "{node.note}"')
    if node.implicit:
        parts.append("implicit: true")
    return "{" + ", ".join(parts) + "}"


def _as_argument(rel: Relation) -> bool:
    """Argdown needs an argument for a linked reason, and for any reason an undercut aims at."""
    return rel.kind == "supports" and (len(rel.members) > 1 or rel.label is not None)


def _argdown_lines(s: Synthetic) -> Iterator[str]:
    yield "==="
    yield f"title: Synthetic map of {s.size} statements"
    yield f"subTitle: seed {s.seed}, written by bench/generate.py"
    yield "==="
    arguments = 0
    names: dict[int, str] = {}
    for k, rel in enumerate(s.relations):
        if _as_argument(rel):
            arguments += 1
            names[k] = rel.label or f"A{arguments}"
    label_names = {rel.label: names[k] for k, rel in enumerate(s.relations) if rel.label is not None}
    outgoing: dict[str, list[str]] = {}
    symbols = {"supports": "+>", "attacks": "->", "contradicts": "><"}
    for k, rel in enumerate(s.relations):
        if k in names:
            continue
        if rel.kind == "undercuts":
            line = f"  _> <{label_names[rel.target]}>"
        else:
            line = f"  {symbols[rel.kind]} [{rel.target}]"
        outgoing.setdefault(rel.members[0], []).append(line)
    for d, debate in enumerate(s.debates):
        yield ""
        yield f"// Debate {d + 1}, from {s.sources[d].id}: {s.sources[d].title}"
        for i in debate:
            node = s.nodes[i]
            tags = "".join(f" #{tag}" for tag in node.tags)
            yield ""
            yield f"[{node.id}]: {node.text}{tags} {_data(node)}"
            yield from outgoing.get(node.id, [])
        for k in s.debate_relations[d]:
            if k not in names:
                continue
            rel = s.relations[k]
            yield ""
            yield f"<{names[k]}>"
            yield ""
            for n, member in enumerate(rel.members, 1):
                yield f"({n}) [{member}]"
            yield "----"
            yield f"({len(rel.members) + 1}) [{rel.target}]"


def to_argdown(s: Synthetic) -> str:
    """The same map as Argdown source."""
    return "\n".join(_argdown_lines(s)) + "\n"


def write(s: Synthetic, folder: Path) -> tuple[Path, Path]:
    """Write ``map.arg``, ``map.argdown`` and the article files into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in s.articles.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    arg, argdown = folder / "map.arg", folder / "map.argdown"
    arg.write_text(to_arg(s), encoding="utf-8")
    argdown.write_text(to_argdown(s), encoding="utf-8")
    return arg, argdown


def data_folder(root: Path, size: int, seed: int) -> Path:
    """Where the map of this size and seed is written."""
    return root / f"n{size}-seed{seed}"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the maps of the given sizes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES), help="node counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "data")
    args = parser.parse_args(argv)
    for size in args.sizes:
        folder = data_folder(args.out, size, args.seed)
        arg, argdown = write(generate(size, args.seed), folder)
        print(f"{arg} ({arg.stat().st_size:,} bytes), {argdown} ({argdown.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
