"""Checks of contradictions: left open by the evaluation, or asserted by one voice on both sides."""

from __future__ import annotations

from collections.abc import Iterator

from argmap.analysis.checks.structure import describe
from argmap.analysis.loading import LoadResult
from argmap.model import Relation, RelationKind
from argmap.model.diagnostics import Diagnostic, make

__all__ = ["check_self_contradiction", "check_unresolved_contradiction"]


def _contradictions(result: LoadResult) -> Iterator[Relation]:
    for rel in result.map.relations:
        if rel.kind is RelationKind.CONTRADICTS and rel.members[0] != rel.target:
            yield rel


def check_unresolved_contradiction(result: LoadResult) -> Iterator[Diagnostic]:
    """Both sides of a contradiction have standing reasons, so grounded evaluation decides neither."""
    pairs = list(_contradictions(result))
    if not pairs:
        return
    # Imported here, after the cheap test: most maps have no contradiction and need no evaluator.
    from argmap.analysis.semantics import IN_CODE, UNDECIDED_CODE, framework, grounded_codes, upstream

    # Only what the sides' statuses depend on is evaluated (in the benchmark's 20,000-statement
    # map, 1,482 ids): grounded evaluation is directional, so their statuses are the whole map's.
    m = upstream(result.map, (side for rel in pairs for side in (rel.members[0], rel.target)))
    fw = framework(m)
    codes = grounded_codes(fw)
    relations = m.relations
    element_relation = {e: relations[i] for i, e in enumerate(fw.relation_elements) if e >= 0}
    # The standing reasons of the undecided sides only, read off the framework's links once.
    undecided = {
        fw.index[s]
        for rel in pairs
        for s in (rel.members[0], rel.target)
        if s in fw.index and codes[fw.index[s]] == UNDECIDED_CODE
    }
    standing_reasons: dict[int, list[Relation]] = {e: [] for e in undecided}
    for reason, node in zip(fw.reason_from, fw.reason_to, strict=True):
        if node in standing_reasons and codes[reason] == IN_CODE:
            standing_reasons[node].append(element_relation[reason])
    for rel in pairs:
        sides = (rel.members[0], rel.target)
        if not all(s in fw.index and fw.relations[fw.index[s]] is None for s in sides):
            continue
        elements = [fw.index[s] for s in sides]
        if any(codes[e] != UNDECIDED_CODE for e in elements):
            continue
        standing = [standing_reasons[e] for e in elements]
        if not all(standing):
            continue
        a, b = sides
        yield make(
            "unresolved-contradiction",
            f"`{a}` and `{b}` contradict each other and both have standing reasons, so both stay undecided",
            rel.span,
            hints=[_settle(side, reasons) for side, reasons in zip(sides, standing, strict=True)]
            + ["or, if the article judges one side weaker, say so with an objection to that side"],
        )


def _settle(side: str, reasons: list[Relation]) -> str:
    """Which objection would decide the contradiction against ``side``."""
    if len(reasons) > 1:
        return f"`{side}` has {len(reasons)} standing reasons: an objection to `{side}` itself would settle it"
    reason = reasons[0]
    if len(reason.members) == 1:
        target = f"attack `{reason.members[0]}`"
    else:
        target = f"attack one of `{' + '.join(reason.members)}`"
    if reason.id is not None:
        target += f" or undercut `{reason.id}`"
    return f"to decide against `{side}`, {target} (its only standing reason: `{describe(reason)}`)"


def check_self_contradiction(result: LoadResult) -> Iterator[Diagnostic]:
    """One person asserting both sides of a contradiction, or one node supporting both sides."""
    m = result.map
    nodes = {n.id: n for n in reversed(m.nodes)}
    supporters: dict[str, list[str]] = {}
    for rel in m.relations:
        if rel.kind is RelationKind.SUPPORTS:
            supporters.setdefault(rel.target, []).extend(rel.members)
    for rel in _contradictions(result):
        a, b = rel.members[0], rel.target
        node_a, node_b = nodes.get(a), nodes.get(b)
        if node_a is not None and node_b is not None and node_a.by is not None and node_a.by == node_b.by:
            yield make(
                "self-contradiction",
                f"`{node_a.by}` is recorded asserting both `{a}` and `{b}`, which contradict each other",
                rel.span,
                hints=[
                    "check the attributions (`by`); if the person really said both, "
                    "allow it with `# argmap: allow self-contradiction` and a note"
                ],
            )
        common = set(supporters.get(a, ())) & set(supporters.get(b, ()))
        for node_id in sorted(common):
            yield make(
                "self-contradiction",
                f"`{node_id}` supports both `{a}` and `{b}`, which contradict each other",
                rel.span,
                hints=[f"a reason for both sides supports neither: check what `{node_id}` really supports"],
            )
