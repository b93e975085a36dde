"""Map -> DOT text: pure and deterministic (the same map and options give the same text).

No string from the map becomes a DOT identifier or an attribute name: nodes are named ``n1``,
``n2``…, junctions ``j1``…, and every map string is an attribute value that went through
``argmap.diagram.escape``. Element ids reach the SVG as ``id="node-<id>"`` and ``id="rel-<key>"``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence

import attrs

from argmap.diagram import escape
from argmap.diagram.options import Overlay, RenderOptions
from argmap.diagram.theme import Theme
from argmap.diagram.wrap import wrap
from argmap.model import Map, Node, NodeKind, Person, Relation, RelationKind, Source

__all__ = ["build_dot", "relation_keys"]

_RANKDIR = {"up": "BT", "down": "TB", "left": "RL", "right": "LR"}
_KIND_WORD = {NodeKind.CLAIM: "CLAIM", NodeKind.PREMISE: "PREMISE", NodeKind.REBUTTAL: "REBUTTAL"}
_OVERLAY = {  # status value -> (glyph, word, what it means); the border differs too (see _overlay)
    "in": ("●", "in", "in (double border): it stands under the evaluation"),
    "out": ("×", "out", "out (cut corners): it falls under the evaluation"),
    "undecided": ("?", "undecided", "undecided (thick border): the evaluation cannot settle it"),
}
_MARK_STYLE = {"missing": "dotted", "extra": "dashed", "wrong": "bold"}
_MARK_MEANING = {
    "missing": "in the model answer, missing here",
    "extra": "here, but not in the model answer",
    "wrong": "here, but drawn differently in the model answer",
}


#: From this many boxes on, a map is drawn to fit a 16:9 page (``ratio=compress``).
_PAGE_FROM = 16
#: Room one box takes with its share of the gaps, in square inches (measured on the gallery).
_BOX_AREA = 18
#: A large map wraps its text this much narrower: taller, narrower boxes bring a map that
#: spreads sideways closer to 16:9.
_LARGE_WRAP = 0.8


def relation_keys(m: Map) -> tuple[str, ...]:
    """The key of each relation of ``m`` (in order): its label, or ``P1+P2->C1``.

    Keys of unlabelled relations contain ``>``, which no id of the language may, so they never
    clash with a label; they do not name the kind, so an exercise's SVG gives nothing away. A
    repeated pair of members and target gets ``.2``, ``.3``… appended.
    """
    keys: list[str] = []
    seen: set[str] = set()
    repeats: dict[str, int] = {}  # the last suffix given to each base: no rescan per repeat
    for rel in m.relations:
        if rel.id is not None:
            key = rel.id
        elif len(rel.members) <= _KEY_MEMBERS:
            key = f"{'+'.join(rel.members)}->{rel.target}"
        else:  # every line of the group carries the key in its SVG id: keep it short
            key = f"{'+'.join(rel.members[:_KEY_MEMBERS])}+...{len(rel.members) - _KEY_MEMBERS}more->{rel.target}"
        base, n = key, repeats.get(key, 1)
        while key in seen:
            n += 1
            key = f"{base}.{n}"
        repeats[base] = n
        seen.add(key)
        keys.append(key)
    return tuple(keys)


#: A key names at most this many members of a linked group.
_KEY_MEMBERS = 8


@attrs.frozen
class _Role:
    """How one relation is drawn: the encodings that say what it is."""

    name: str  # the legend entry
    colour: str
    word: str
    arrowhead: str
    style: str
    penwidth: float


def _role(m: Map, rel: Relation, options: RenderOptions, attackers: frozenset[str]) -> _Role:
    t = options.theme
    if options.hide_relation_kinds:
        return _Role("neutral", t.neutral, "", "normal", "solid", t.edge_penwidth)
    if rel.kind is RelationKind.SUPPORTS:
        return _Role("support", t.support, "supports", "normal", "solid", t.edge_penwidth)
    if rel.kind is RelationKind.CONTRADICTS:
        return _Role("contradiction", t.contradiction, "contradicts", "tee", "solid", t.edge_penwidth)
    # An objection to something that is itself an objection is a rebuttal of it: "however".
    countering = rel.target in attackers
    colour, word = (t.counter, "attacks") if countering else (t.attack, "attacks")
    name = "counter" if countering else "attack"
    style = t.attack_style
    if rel.kind is RelationKind.UNDERCUTS:
        # Dotted and named, so that in greyscale an undercut ending on a junction never reads
        # as one more co-premise joining it (a linked member's line is solid and unlabelled).
        name += "-undercut"
        word = "undercuts"
        style = "dotted"
    if rel.outweighed:
        style = "dotted" if style == "dotted" or t.attack_style == "dashed" else "dashed"
        return _Role(name + "-outweighed", colour, word + " (outweighed)", "tee", style, t.outweighed_penwidth)
    return _Role(name, colour, word, "tee", style, t.edge_penwidth)


def _num(value: float) -> str:
    return f"{value:g}"


def _attrs(pairs: Iterable[tuple[str, str]]) -> str:
    """``[a=b, c=d]`` from pairs whose names are constants of this module and values escaped."""
    return "[" + ", ".join(f"{name}={value}" for name, value in pairs) + "]"


def _font(text: str, size: float, colour: str, *, bold: bool = False, italic: bool = False) -> str:
    inner = text
    if bold:
        inner = f"<B>{inner}</B>"
    if italic:
        inner = f"<I>{inner}</I>"
    return f'<FONT POINT-SIZE="{_num(size)}" COLOR="{colour}">{inner}</FONT>'


def _lines(lines: Sequence[str]) -> str:
    return '<BR ALIGN="LEFT"/>'.join(escape.html(line) for line in lines) + '<BR ALIGN="LEFT"/>'


@attrs.frozen
class _Context:
    """What the drawing needs to know about the whole map, computed once."""

    m: Map
    options: RenderOptions
    keys: tuple[str, ...]
    names: dict[str, str]  # node id -> DOT name
    source_numbers: dict[str, int]
    attackers: frozenset[str]  # ids of nodes that attack or undercut, and labels of such relations
    junctions: dict[str, str]  # relation key -> DOT name of the junction point it is drawn through
    heads: dict[str, str]  # relation key -> DOT name its arrow ends at (drawable relations only)
    labelled: dict[str, str]  # relation label -> key (the first relation with that label)
    by_key: dict[str, Relation]
    undercut: frozenset[str]  # keys of the relations an undercut attacks
    sides: dict[str, str]  # node id -> "for C1" / "against C1" where its kind alone would mislead
    wrap_width: int  # the theme's, or narrower for a large map (see _LARGE_WRAP)

    @property
    def overlay(self) -> Overlay | None:
        """The evaluation to mark (``build_dot`` has already evaluated one given by name)."""
        overlay = self.options.overlay
        return None if isinstance(overlay, str) else overlay

    @property
    def worksheet(self) -> bool:
        """Relation kinds or groups hidden: ids and tooltips must not give them away."""
        return self.options.hide_relation_kinds or self.options.hide_groups

    @property
    def theme(self) -> Theme:
        return _scaled(self.options.theme, self.options.font_scale)


def _scaled(t: Theme, scale: float) -> Theme:
    """The theme with every text size times ``scale`` (``--font-scale``)."""
    if scale == 1:
        return t
    return attrs.evolve(
        t, font_size=t.font_size * scale, small_size=t.small_size * scale, title_size=t.title_size * scale
    )


def _context(m: Map, options: RenderOptions) -> _Context:
    keys = relation_keys(m)
    names: dict[str, str] = {}
    for node in m.nodes:
        names.setdefault(node.id, f"n{len(names) + 1}")
    attacking = (RelationKind.ATTACKS, RelationKind.UNDERCUTS)
    attackers = {member for rel in m.relations if rel.kind in attacking for member in rel.members}
    attackers |= {rel.id for rel in m.relations if rel.kind in attacking and rel.id is not None}
    labelled: dict[str, str] = {}
    for rel, key in zip(m.relations, keys, strict=True):
        if rel.id is not None:
            labelled.setdefault(rel.id, key)
    by_key = dict(zip(keys, m.relations, strict=True))
    undercut = {labelled[r.target] for r in m.relations if r.kind is RelationKind.UNDERCUTS and r.target in labelled}
    junctions = {
        key: f"j{i}"
        for i, (rel, key) in enumerate(zip(m.relations, keys, strict=True), 1)
        if rel.kind is not RelationKind.CONTRADICTS and (key in undercut or (rel.linked and not options.hide_groups))
    }
    # Where each relation's arrow ends. A name that dangles (a map drawn with --force) leaves its
    # relation out, and then any undercut of it: the greatest set that hangs together.
    heads: dict[str, str] = {}
    for rel, key in zip(m.relations, keys, strict=True):
        if not any(member in names for member in rel.members):
            continue
        if rel.kind is RelationKind.UNDERCUTS:
            target = labelled.get(rel.target)
            if target is not None and target in junctions:
                heads[key] = junctions[target]
        elif rel.target in names:
            heads[key] = names[rel.target]
    changed = True
    while changed:
        changed = False
        for key in list(heads):
            rel = by_key[key]
            if rel.kind is RelationKind.UNDERCUTS and labelled[rel.target] not in heads:
                del heads[key]
                changed = True
    return _Context(
        m,
        options,
        keys,
        names,
        {s.id: i for i, s in enumerate(_unique_sources(m), 1)},
        frozenset(attackers),
        {k: v for k, v in junctions.items() if k in heads},
        heads,
        labelled,
        by_key,
        frozenset(undercut),
        _sides(m),
        options.theme.wrap_width if len(names) < _PAGE_FROM else max(16, round(options.theme.wrap_width * _LARGE_WRAP)),
    )


def _sides(m: Map) -> dict[str, str]:
    """On which side of its claim a statement stands, where its kind says otherwise.

    Walking back from each claim: a reason for X stands on X's side, an objection to X on the
    other. A rebuttal that answers an objection stands *for* the claim, and a premise that
    backs an objection stands *against* it; those two are the ones the header names, since a
    rebuttal is drawn like the objection it answers. Linear: every relation is looked at once
    per claim it reaches, and each statement keeps the first side found.
    """
    incoming: dict[str, list[Relation]] = {}
    for rel in m.relations:
        if rel.kind in (RelationKind.SUPPORTS, RelationKind.ATTACKS):
            incoming.setdefault(rel.target, []).append(rel)
    side: dict[str, tuple[str, bool]] = {}  # node id -> (claim, for it?)
    for claim in (n for n in m.nodes if n.kind is NodeKind.CLAIM):
        if claim.id in side:
            continue
        side[claim.id] = (claim.id, True)
        queue = [claim.id]
        while queue:
            target = queue.pop()
            _, pro = side[target]
            for rel in incoming.get(target, ()):
                member_pro = pro if rel.kind is RelationKind.SUPPORTS else not pro
                for member in rel.members:
                    if member not in side:
                        side[member] = (claim.id, member_pro)
                        queue.append(member)
    out: dict[str, str] = {}
    for node in m.nodes:
        if node.id not in side or node.kind is NodeKind.CLAIM:
            continue
        claim_id, pro = side[node.id]
        if pro and node.kind is NodeKind.REBUTTAL:
            out[node.id] = f"for {claim_id}"
        elif not pro and node.kind is NodeKind.PREMISE:
            out[node.id] = f"against {claim_id}"
    return out


def _unique_sources(m: Map) -> list[Source]:
    return list({s.id: s for s in reversed(m.sources)}.values())[::-1]


# -- nodes ------------------------------------------------------------------------------------


def _node_sources(ctx: _Context, node: Node) -> list[str]:
    return list(dict.fromkeys(q.source for q in node.quotes if q.source in ctx.source_numbers))


def _footer(ctx: _Context, node: Node) -> str:
    """``— Speaker · Outlet [1]``: who said it and where, without walls of text."""
    parts: list[str] = []
    if node.by is not None:
        person = ctx.m.get(node.by)
        parts.append(person.name if isinstance(person, Person) else node.by)
    # Every outlet the node quotes, each with its note numbers: a node quoting two articles
    # must not look as if only the first one said it.
    outlets: dict[str, list[int]] = {}
    for source_id in _node_sources(ctx, node):
        source = ctx.m.source(source_id)
        where = source.outlet or source.title
        where = wrap(where, 24, max_lines=1)[0] if where.strip() else ""
        outlets.setdefault(where, []).append(ctx.source_numbers[source_id])
    for where, numbers in outlets.items():
        refs = "".join(f"[{n}]" for n in numbers)
        parts.append(f"{where}\u00a0{refs}" if where else refs)  # no-break: the number stays with its outlet
    return "— " + " · ".join(parts) if parts else ""


def _node_label(ctx: _Context, node: Node) -> str:
    t = ctx.theme
    # With relation kinds hidden the kind word would say which boxes object: the id only.
    kind_word = "" if ctx.options.hide_relation_kinds else f"{_KIND_WORD[node.kind]} "
    header = f"{kind_word}{_shown(ctx, node.id)}" + (" · unstated" if node.implicit else "")
    side = None if ctx.options.hide_relation_kinds else ctx.sides.get(node.id)
    if side is not None:
        header += f" · {side}"
    right: list[str] = []
    mark = ctx.options.marks.get(node.id)
    if mark is not None:
        right.append(_font(escape.html(mark.upper()), t.small_size, t.mark, bold=True))
    if ctx.overlay is not None:
        status = ctx.overlay.labels.get(node.id)
        if status is not None and status.value in _OVERLAY:
            glyph, word, _ = _OVERLAY[status.value]
            colour = {"in": t.accepted, "out": t.rejected, "undecided": t.undecided}[status.value]
            right.append(_font(escape.html(f"{glyph} {word}"), t.small_size, colour, bold=True))
    text = ctx.options.text_overrides.get(node.id, node.text)
    # A very long id must not stretch the box: the header wraps too (one line in practice).
    header_html = '<BR ALIGN="LEFT"/>'.join(escape.html(line) for line in wrap(header, ctx.wrap_width + 10))
    rows = [
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{_font(header_html, t.small_size, t.muted, bold=True)}</TD>'
        f'<TD ALIGN="RIGHT">{" ".join(right)}</TD></TR>',
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">'
        f"{_font(_lines(wrap(text, ctx.wrap_width) or [' ']), t.font_size, t.text)}</TD></TR>",
    ]
    footer = _footer(ctx, node)
    if footer:
        rows.append(
            f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" COLSPAN="2">'
            f"{_font(_lines(wrap(footer, ctx.wrap_width + 10)), t.small_size, t.muted, italic=True)}</TD></TR>"
        )
    return '<<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3">' + "".join(rows) + "</TABLE>>"


def _shown(ctx: _Context, element_id: str) -> str:
    """What a diagram calls a statement: its id, or on a worksheet its neutral letter."""
    return ctx.options.labels.get(element_id, element_id)


def _node_tooltip(ctx: _Context, node: Node) -> str:
    kind = ("statement" if ctx.options.hide_relation_kinds else node.kind.value) + (
        ", unstated" if node.implicit else ""
    )
    if node.id in ctx.options.text_overrides:  # a worksheet: the tooltip must not give it away
        return escape.tooltip(f"{_shown(ctx, node.id)} ({kind}): {ctx.options.text_overrides[node.id]}")
    if node.id in ctx.options.labels:
        return escape.tooltip(f"{_shown(ctx, node.id)} ({kind}): {' '.join(node.text.split())}")
    lines = [f"{node.id} ({kind}): {' '.join(node.text.split())}"]
    if node.by is not None:
        person = ctx.m.get(node.by)
        if isinstance(person, Person):
            lines.append(f"by {person.name}" + (f" ({person.role})" if person.role else ""))
        else:
            lines.append(f"by {node.by}")
    for quote in node.quotes:
        number = ctx.source_numbers.get(quote.source)
        where = f" — {_source_line(ctx.m.source(quote.source), number)}" if number is not None else ""
        lines.append(f"“{' '.join(quote.text.split())}”{where}")
    if node.tags:
        lines.append("tags: " + ", ".join(node.tags))
    if node.note:
        lines.append(f"note: {node.note}")
    if ctx.overlay is not None and node.id in ctx.overlay.labels:
        lines.append(f"evaluation: {ctx.overlay.why(node.id)}")
    return escape.tooltip("\n".join(lines))


def _source_line(source: Source, number: int | None) -> str:
    details = [x for x in (source.outlet, source.author, source.date) if x]
    line = ", ".join(details)
    line = f"{line}: {source.title}" if line else source.title
    return f"[{number}] {line}" if number is not None else line


def _kind_colours(t: Theme, kind: NodeKind, *, neutral: bool) -> tuple[str, str]:
    """Fill and border of a box; one neutral pair for every kind when kinds are hidden."""
    if neutral:
        return t.key_fill, t.neutral
    return {
        NodeKind.CLAIM: (t.claim_fill, t.claim_border),
        NodeKind.PREMISE: (t.premise_fill, t.premise_border),
        NodeKind.REBUTTAL: (t.rebuttal_fill, t.rebuttal_border),
    }[kind]


def _node_statement(ctx: _Context, node: Node) -> str:
    t = ctx.theme
    neutral = ctx.options.hide_relation_kinds
    fill, border = _kind_colours(t, node.kind, neutral=neutral)
    penwidth = t.claim_penwidth if node.kind is NodeKind.CLAIM and not neutral else t.node_penwidth
    # With kind shapes (the print theme) a rebuttal's box has square corners: the kind shows
    # in the outline, not only in a grey level a photocopier loses.
    rounded = [] if t.kind_shapes and node.kind is NodeKind.REBUTTAL and not neutral else ["rounded"]
    styles = [*rounded, "filled"] + (["dashed"] if node.implicit else [])
    classes = ["statement" if neutral else node.kind.value] + (["implicit"] if node.implicit else [])
    overlay = ctx.overlay
    status = overlay.labels.get(node.id) if overlay is not None else None
    extra: list[tuple[str, str]] = []
    if status is not None and status.value in _OVERLAY:
        # Border shape as well as colour, so the overlay survives greyscale: a double border
        # stands, cut corners are defeated, a plain thick border is undecided.
        border = {"in": t.accepted, "out": t.rejected, "undecided": t.undecided}[status.value]
        penwidth = t.overlay_penwidth
        if status.value == "in":
            extra.append(("peripheries", "2"))
            penwidth = max(t.node_penwidth, t.overlay_penwidth / 2)
        elif status.value == "out":
            styles.append("diagonals")
        classes.append(f"status-{status.value}")
    mark = ctx.options.marks.get(node.id)
    if mark is not None:
        border, penwidth = t.mark, t.mark_penwidth
        styles = [*rounded, "filled", _MARK_STYLE[mark]]
        classes.append(f"mark-{mark}")
    hidden = node.id in ctx.options.hidden
    pairs = [
        ("id", escape.dot_id(f"node-{_shown(ctx, node.id)}")),
        ("class", escape.dot_id(" ".join(classes))),
        ("label", _node_label(ctx, node)),
        ("style", escape.quoted("invis" if hidden else ",".join(styles))),
        ("fillcolor", escape.quoted(fill)),
        ("color", escape.quoted(border)),
        ("penwidth", _num(penwidth)),
    ]
    pairs += extra
    if not hidden:  # a hidden node's tooltip would give away what a frame has not shown yet
        pairs.append(("tooltip", _node_tooltip(ctx, node)))
    return f"{ctx.names[node.id]} {_attrs(pairs)};"


# -- relations --------------------------------------------------------------------------------


def _relation_tooltip(ctx: _Context, rel: Relation, members: Sequence[str] | None = None) -> str:
    """What a line is, on hover. ``members``: the ones this line is drawn from (worksheets).

    On a worksheet the tooltip names neither the kind (``hide_relation_kinds``) nor the other
    co-premises (``hide_groups``), nor the relation's label, which an author may have chosen
    to say what it is.
    """
    chosen = rel.members if members is None or not ctx.options.hide_groups else members
    shown = _members_text([_shown(ctx, x) for x in chosen[:_TOOLTIP_MEMBERS]], len(chosen))
    target = _shown(ctx, rel.target)
    if ctx.options.hide_relation_kinds:
        text = f"{shown} → {target}"
    else:
        text = f"{shown} {rel.kind.value} {target}" + (" (outweighed)" if rel.outweighed else "")
    if ctx.worksheet:
        return escape.tooltip(text)
    if rel.id is not None:
        text = f"{rel.id}: {text}"
    if rel.note:
        text += f"\nnote: {rel.note}"
    return escape.tooltip(text)


#: A tooltip names at most this many members of a linked group, then how many more.
_TOOLTIP_MEMBERS = 20


def _members_text(first: Sequence[str], count: int) -> str:
    """``P1 + P2``; a big group cut short: each of its N lines carries this text, so its length
    must not grow with N (a 50,000-member group was 50,000 copies of 50,000 names)."""
    text = " + ".join(first)
    return text if count <= len(first) else f"{text} + … ({count - len(first):,} more)"


#: The line on an arrow of a relations worksheet, to write the relation's kind on.
_ARROW_BLANK = "_" * 12


def _element_id(ctx: _Context, key: str, suffix: str, counter: Iterator[int]) -> str:
    """``rel-<key><suffix>``, or on a worksheet a plain number that says nothing of its relation.

    A key such as ``P1+P2->C1`` (or a member line ``--m2``) would give the grouping away.
    """
    return f"edge-{next(counter)}" if ctx.worksheet else f"rel-{key}{suffix}"


def _edge(
    tail: str,
    head: str,
    element_id: str,
    role: _Role,
    *,
    head_arrow: bool,
    word: str,
    invisible: bool,
    classes: Sequence[str] = (),
    **extra: str,
) -> str:
    pairs = [
        ("id", escape.dot_id(element_id)),
        ("class", escape.dot_id(" ".join([role.name, *classes]))),
        ("color", escape.quoted(role.colour)),
        ("penwidth", _num(role.penwidth)),
        ("style", escape.quoted("invis" if invisible else role.style)),
        ("arrowhead", escape.quoted(role.arrowhead if head_arrow else "none")),
    ]
    if word:
        pairs.append(("label", word))
    pairs += sorted(extra.items())
    return f"{tail} -> {head} {_attrs(pairs)};"


def _junction_hidden(ctx: _Context, key: str) -> bool:
    """A junction is invisible when its relation is hidden or all its members are."""
    rel = ctx.by_key[key]
    hidden = ctx.options.hidden
    return key in hidden or all(member in hidden for member in rel.members)


def _junction_statement(ctx: _Context, index: int, rel: Relation, counter: Iterator[int]) -> str | None:
    """The point a linked or undercut relation is drawn through, or ``None`` when it has none."""
    key = ctx.keys[index]
    junction = ctx.junctions.get(key)
    if junction is None:
        return None
    role = _role(ctx.m, rel, ctx.options, ctx.attackers)
    colour = ctx.theme.mark if key in ctx.options.marks else role.colour
    if _relation_overlay(ctx, rel) == "out":
        colour = ctx.theme.rejected
    element_id = f"junction-{next(counter)}" if ctx.worksheet else f"rel-{key}--junction"
    invisible = _junction_hidden(ctx, key)
    if key in ctx.undercut and not ctx.options.hide_relation_kinds:
        # The step an undercut attacks: a hollow diamond, never the filled dot where linked
        # co-premises join, so the two cannot be confused in greyscale.
        shape = [("shape", "diamond"), ("width", "0.26"), ("height", "0.26"), ("fixedsize", "true"), ("label", '""')]
        fill = ctx.theme.background
        style = "invis" if invisible else "filled,bold"
        mark = "undercut-step"
    else:
        shape, fill, style = [("shape", "point"), ("width", "0.13")], colour, "invis" if invisible else "filled"
        mark = "linked"
    members = [m for m in rel.members if m in ctx.names][:1]
    pairs = [
        ("id", escape.dot_id(element_id)),
        ("class", escape.dot_id(mark)),
        *shape,
        ("color", escape.quoted(colour)),
        ("fillcolor", escape.quoted(fill)),
        ("style", escape.quoted(style)),
        ("tooltip", _relation_tooltip(ctx, rel, members)),
    ]
    return f"{junction} {_attrs(pairs)};"


def _relation_overlay(ctx: _Context, rel: Relation) -> str | None:
    """The evaluation's status of a labelled relation (an inference), when it has one."""
    overlay = ctx.overlay
    if overlay is None or rel.id is None or ctx.worksheet:
        return None
    status = overlay.labels.get(rel.id)
    return status.value if status is not None else None


def _relation_statements(
    ctx: _Context, index: int, rel: Relation, counter: Iterator[int], *, ranked: bool = True
) -> Iterator[str]:
    """DOT edges for one relation: member edges into its junction, and the arrow to the target."""
    options, t = ctx.options, ctx.theme
    key = ctx.keys[index]
    head = ctx.heads.get(key)
    if head is None:
        return  # a dangling name (rendered with --force): the diagnostics already said so
    role = _role(ctx.m, rel, options, ctx.attackers)
    hidden = options.hidden
    mark = options.marks.get(key)
    if ranked and key in options.unranked and rel.kind is not RelationKind.CONTRADICTS:
        for statement in _relation_statements(ctx, index, attrs.evolve(rel, kind=rel.kind), counter, ranked=False):
            yield statement.replace(" [id=", " [constraint=false, id=", 1)
        return
    if mark is not None:
        role = attrs.evolve(role, penwidth=t.mark_penwidth, colour=t.mark)
    members = [member for member in dict.fromkeys(rel.members) if member in ctx.names]
    if rel.kind is RelationKind.UNDERCUTS:
        head_hidden = _junction_hidden(ctx, ctx.labelled[rel.target])
    else:
        head_hidden = rel.target in hidden
    rel_hidden = key in hidden
    word_text = role.word + (f" [{mark}]" if mark is not None else "")
    number = options.arrow_numbers.get(key)
    if number is not None:  # a worksheet's numbered blank, or the key's number and word
        word_text = f"({number}) {role.word or _ARROW_BLANK}"
    classes = [f"mark-{mark}"] if mark is not None else []
    if _relation_overlay(ctx, rel) == "out":
        # An inference the evaluation labels out (undercut, or a linked co-premise is out): the
        # word says so (greyscale-safe), in the out colour, the line thinned.
        word_text += " × step out"
        classes.append("step-out")
        role = attrs.evolve(role, colour=t.rejected, penwidth=t.outweighed_penwidth)
    word = f"<{_font(escape.html(word_text), t.small_size, role.colour, italic=True)}>" if word_text else ""
    tooltip = _relation_tooltip(ctx, rel)
    if rel.kind is RelationKind.CONTRADICTS:
        yield _edge(
            ctx.names[members[0]],
            head,
            _element_id(ctx, key, "", counter),
            role,
            head_arrow=True,
            word=word,
            invisible=rel_hidden or head_hidden or members[0] in hidden,
            classes=classes,
            tooltip=tooltip,
            dir=escape.quoted("forward" if options.hide_relation_kinds else "both"),
            arrowtail=escape.quoted(role.arrowhead),
            constraint="false",
        )
        return
    # Every member's line of a group shows the whole group's tooltip (unless an exercise hides
    # groups): build it once, not once per member.
    member_tooltip = None if options.hide_groups else _relation_tooltip(ctx, rel, members[:1])
    separate = members
    junction = ctx.junctions.get(key)
    if junction is not None:
        junction_hidden = _junction_hidden(ctx, key)
        # An ungrouped exercise still needs the undercut's junction: on the first member's arrow.
        through, separate = (members[:1], members[1:]) if options.hide_groups else (members, [])
        for i, member in enumerate(through, 1):
            yield _edge(
                ctx.names[member],
                junction,
                _element_id(ctx, key, f"--m{i}", counter),
                role,
                head_arrow=False,
                word="",
                invisible=rel_hidden or member in hidden,
                classes=classes,
                tooltip=member_tooltip or _relation_tooltip(ctx, rel, [member]),
            )
        yield _edge(
            junction,
            head,
            _element_id(ctx, key, "", counter),
            role,
            head_arrow=True,
            word=word,
            invisible=junction_hidden or head_hidden,
            classes=classes,
            tooltip=_relation_tooltip(ctx, rel, through),
        )
    # Separate arrows: one member, or a linked group drawn ungrouped for an exercise.
    offset = 1 if junction is not None else 0
    for i, member in enumerate(separate, 1):
        suffix = "" if junction is None and i == 1 else f"--m{i + offset}"
        yield _edge(
            ctx.names[member],
            head,
            _element_id(ctx, key, suffix, counter),
            role,
            head_arrow=True,
            word=word,
            invisible=rel_hidden or member in hidden or head_hidden,
            classes=classes,
            tooltip=member_tooltip or _relation_tooltip(ctx, rel, [member]),
        )


# -- the key and the source notes -------------------------------------------------------------

_SAMPLE = {  # role name -> a picture of the line, drawn with glyphs every engine's font has
    "support": "───→",
    "attack": "───┤",
    "counter": "───┤",
    "attack-undercut": "·····┤",
    "counter-undercut": "·····┤",
    "attack-outweighed": "- - -┤",
    "counter-outweighed": "- - -┤",
    "attack-undercut-outweighed": "· · ·┤",
    "counter-undercut-outweighed": "· · ·┤",
    "contradiction": "├──┤",
    "neutral": "───→",
}
#: The same pictures where objections are dashed (``Theme.attack_style``, the print theme).
_DASHED_SAMPLE = {
    "attack": "─ ─ ─┤",
    "counter": "─ ─ ─┤",
    "attack-outweighed": "· · ·┤",
    "counter-outweighed": "· · ·┤",
}
_MEANING = {
    "support": "supports: a reason for what it points at",
    "attack": "attacks: an objection to what it points at",
    "counter": "attacks an objection (a rebuttal of it)",
    "attack-undercut": "undercuts (dotted): attacks the step from reasons to conclusion",
    "counter-undercut": "undercuts the step of an objection",
    "attack-outweighed": "attacks, outweighed: weighed, and does not defeat",
    "counter-outweighed": "attacks an objection, outweighed: does not defeat",
    "attack-undercut-outweighed": "undercuts, outweighed: attacks the step, does not defeat",
    "counter-undercut-outweighed": "undercuts an objection's step, outweighed: does not defeat",
    "contradiction": "contradicts: both cannot be true",
    "neutral": "a relation (which kind is for you to decide)",
}
_KIND_MEANING = {
    NodeKind.CLAIM: "claim: what is argued for",
    NodeKind.PREMISE: "premise: a reason given",
    NodeKind.REBUTTAL: "rebuttal: an objection",
}

#: Entries per row of the key strip.
_KEY_COLUMNS = 3


@attrs.frozen
class KeyEntry:
    """One entry of a key: the mark it explains (as the DOT's ``class`` names it), a picture
    of the mark drawn as the diagram draws it, and what it means."""

    mark: str
    sample: str
    meaning: str


def _drawn_marks(ctx: _Context) -> set[str]:
    """Every mark the diagram draws (visible or laid out invisibly): the key's entries exactly."""
    m, options = ctx.m, ctx.options
    marks: set[str] = set()
    for node in m.first_nodes():
        if not options.hide_relation_kinds:
            marks.add(node.kind.value)
        if node.implicit:
            marks.add("implicit")
        status = ctx.overlay.labels.get(node.id) if ctx.overlay is not None else None
        if status is not None and status.value in _OVERLAY:
            marks.add(f"status-{status.value}")
        if node.id in options.marks:
            marks.add(f"mark-{options.marks[node.id]}")
    for rel, key in zip(m.relations, ctx.keys, strict=True):
        if key not in ctx.heads:
            continue
        marks.add(_role(m, rel, options, ctx.attackers).name)
        if key in options.marks:
            marks.add(f"mark-{options.marks[key]}")
        if _relation_overlay(ctx, rel) == "out":
            marks.add("step-out")
        if key in ctx.junctions:
            marks.add("undercut-step" if key in ctx.undercut and not options.hide_relation_kinds else "linked")
    return marks


def key_entries(m: Map, options: RenderOptions = RenderOptions()) -> tuple[KeyEntry, ...]:  # noqa: B008
    """The key of ``build_dot(m, options)``: one entry per mark the diagram draws, in a fixed order."""
    return tuple(_key_entries(_context(m, options)))


def _key_entries(ctx: _Context) -> list[KeyEntry]:
    t, options = ctx.theme, ctx.options
    marks = _drawn_marks(ctx)

    def box(word: str, fill: str, border: str, style: str, width: float) -> str:
        inner = _font(escape.html(word), t.small_size, t.muted, bold=True)
        style_attr = f' STYLE="{style}"' if style else ""
        return (
            f'<TABLE BORDER="{_num(max(1, round(width)))}" CELLBORDER="0"{style_attr} COLOR="{border}" '
            f'BGCOLOR="{fill}" CELLPADDING="2"><TR><TD>{inner}</TD></TR></TABLE>'
        )

    entries: list[KeyEntry] = []
    for kind, (fill, border) in (
        (NodeKind.CLAIM, (t.claim_fill, t.claim_border)),
        (NodeKind.PREMISE, (t.premise_fill, t.premise_border)),
        (NodeKind.REBUTTAL, (t.rebuttal_fill, t.rebuttal_border)),
    ):
        if kind.value in marks:
            style = "" if t.kind_shapes and kind is NodeKind.REBUTTAL else "rounded"
            width = t.claim_penwidth if kind is NodeKind.CLAIM else t.node_penwidth
            entries.append(KeyEntry(kind.value, box(kind.value, fill, border, style, width), _KIND_MEANING[kind]))
    if "implicit" in marks:
        sample = box("unstated", t.key_fill, t.muted, "dashed", t.node_penwidth)
        entries.append(KeyEntry("implicit", sample, "unstated (implicit): the author assumes it"))
    samples = {**_SAMPLE, **(_DASHED_SAMPLE if t.attack_style == "dashed" else {})}
    colours: dict[str, str] = {}
    for rel, key in zip(ctx.m.relations, ctx.keys, strict=True):
        if key in ctx.heads:
            role = _role(ctx.m, rel, options, ctx.attackers)
            colours.setdefault(role.name, role.colour)
    for name, meaning in _MEANING.items():
        if name in marks:
            sample = _font(escape.html(samples[name]), t.font_size, colours[name], bold=True)
            entries.append(KeyEntry(name, sample, meaning))
    if "linked" in marks:
        meaning = (
            "a point where an arrow starts: one step"
            if options.hide_relation_kinds
            else "linked: premises joined at a dot work only together"
        )
        entries.append(KeyEntry("linked", _font("─•─→", t.font_size, t.text, bold=True), meaning))
    if "undercut-step" in marks:
        entries.append(
            KeyEntry(
                "undercut-step",
                _font("─◇─→", t.font_size, t.text, bold=True),
                "a step that is undercut (linked premises joined there work only together)",
            )
        )
    if "step-out" in marks:
        sample = _font(escape.html("× step out"), t.small_size, t.rejected, italic=True)
        entries.append(
            KeyEntry(
                "step-out", sample, "on an arrow: the step from its reasons is out (undercut, or a co-premise is out)"
            )
        )
    for value, (glyph, word, meaning) in _OVERLAY.items():
        if f"status-{value}" in marks:
            colour = {"in": t.accepted, "out": t.rejected, "undecided": t.undecided}[value]
            entries.append(
                KeyEntry(
                    f"status-{value}", _font(escape.html(f"{glyph} {word}"), t.small_size, colour, bold=True), meaning
                )
            )
    for mark in _MARK_MEANING:
        if f"mark-{mark}" in marks:
            sample = _font(escape.html(mark.upper()), t.small_size, t.mark, bold=True)
            entries.append(KeyEntry(f"mark-{mark}", sample, _MARK_MEANING[mark]))
    return entries


def _key_table(ctx: _Context, columns: int = _KEY_COLUMNS, *, titled: bool = True) -> str | None:
    """The key as a strip of entries, ``_KEY_COLUMNS`` to a row: wide and low, so it takes a
    thin band above or below the diagram instead of a column beside it."""
    entries = _key_entries(ctx)
    if not entries or ctx.options.key == "none":
        return None
    t = ctx.theme
    cells = [
        f'<TD ALIGN="LEFT" ID="{escape.html("key-" + e.mark)}">{e.sample}</TD>'
        f'<TD ALIGN="LEFT">{_font(escape.html(e.meaning), t.small_size, t.text)}</TD>'
        for e in entries
    ]
    columns = min(columns, len(cells))
    rows = ["<TR>" + "".join(cells[i : i + columns]) + "</TR>" for i in range(0, len(cells), columns)]
    title = f'<TR><TD ALIGN="LEFT" COLSPAN="{2 * columns}">{_font("Key", t.small_size, t.text, bold=True)}</TD></TR>'
    title = title if titled else ""
    return (
        f'<TABLE BORDER="1" COLOR="{t.key_border}" BGCOLOR="{t.key_fill}" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="3">{title}{"".join(rows)}</TABLE>'
    )


def key_dot(m: Map, options: RenderOptions = RenderOptions(), *, columns: int = _KEY_COLUMNS) -> str | None:  # noqa: B008
    """The key alone as a DOT graph, ``columns`` entries to a row (the classroom page shows it
    in a narrow column beside the diagram, foldable)."""
    ctx = _context(m, attrs.evolve(options, key="top"))
    table = _key_table(ctx, columns, titled=False)  # the page's fold says "Key"
    if table is None:
        return None
    t = ctx.theme
    pairs = [("id", escape.dot_id("key")), ("shape", "plaintext"), ("label", f"<{table}>")]
    graph = [("bgcolor", escape.quoted(t.background)), ("pad", "0.1"), ("id", escape.dot_id("key-graph"))]
    node = [("fontname", escape.quoted(t.font))]
    return f"digraph key {{\n  graph {_attrs(graph)};\n  node {_attrs(node)};\n  key {_attrs(pairs)};\n}}\n"


def _notes_statement(ctx: _Context) -> str | None:
    """Numbered source notes: outlet, author, date, title and link."""
    sources = _unique_sources(ctx.m)
    if not sources:
        return None
    t = ctx.theme
    rows = [f'<TR><TD ALIGN="LEFT">{_font("Sources", t.small_size, t.text, bold=True)}</TD></TR>']
    for source in sources:
        number = ctx.source_numbers[source.id]
        text = _lines(wrap(_source_line(source, number), t.wrap_width + 20))
        cell_attrs = 'ALIGN="LEFT" BALIGN="LEFT"'
        link = escape.url(source.url) if source.url else None
        if link is not None:
            cell_attrs += f' HREF={link} TARGET="_blank" TITLE={link}'
            text += _font(_lines(wrap(source.url or "", t.wrap_width + 20)), t.small_size, t.muted)
        rows.append(f"<TR><TD {cell_attrs}>{_font(text, t.small_size, t.text)}</TD></TR>")
    table = (
        f'<<TABLE BORDER="1" COLOR="{t.key_border}" BGCOLOR="{t.key_fill}" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="3">{"".join(rows)}</TABLE>>'
    )
    return f"notes {_attrs([('id', escape.dot_id('notes')), ('shape', 'plaintext'), ('label', table)])};"


# -- the whole graph --------------------------------------------------------------------------


def _group_of(ctx: _Context, node: Node) -> str | None:
    if ctx.options.group_by == "source":
        # A node quoting several articles belongs to none of them alone: it stays outside the
        # clusters (its footer names every outlet), between the articles it links.
        sources = _node_sources(ctx, node)
        return sources[0] if len(sources) == 1 else None
    if ctx.options.group_by == "tag":
        return node.tags[0] if node.tags else None
    return None


def _group_label(ctx: _Context, group: str) -> str:
    t = ctx.theme
    if ctx.options.group_by == "source":
        source = ctx.m.source(group)
        text = f"[{ctx.source_numbers[group]}] {source.outlet or source.title}"
    else:
        text = f"#{group}"
    return f"<{_font(_lines(wrap(text, t.wrap_width + 10, max_lines=2)), t.small_size, t.muted, bold=True)}>"


#: Boxes per row before leaves are moved further out: about √(boxes × this). A box is about
#: twice as wide as it is tall with its gap, so 1.2 gives a picture near 16:9.
_ROW_FACTOR = 0.7
#: How many rows further out a leaf may be moved at most.
_MAX_SHIFT = 2


def _layout_edges(ctx: _Context) -> list[tuple[str, str]]:
    """The (tail, head) DOT names of every drawn line that ranks the layout."""
    edges: list[tuple[str, str]] = []
    for rel, key in zip(ctx.m.relations, ctx.keys, strict=True):
        head = ctx.heads.get(key)
        if head is None or rel.kind is RelationKind.CONTRADICTS or key in ctx.options.unranked:
            continue  # contradictions (and unranked links) are drawn with constraint=false
        members = [ctx.names[x] for x in dict.fromkeys(rel.members) if x in ctx.names]
        junction = ctx.junctions.get(key)
        if junction is not None:
            edges += [(member, junction) for member in members] + [(junction, head)]
        else:
            edges += [(member, head) for member in members]
    return edges


def _longest_paths(order: list[str], edges: list[tuple[str, str]], succ: dict[str, list[str]]) -> dict[str, int]:
    """Each name's longest path from a leaf, in linear time (Kahn's order); names on a cycle
    (possible with --force) keep the rank reached from outside it."""
    rank = dict.fromkeys(order, 0)
    waiting = dict.fromkeys(order, 0)
    for _, head in edges:
        waiting[head] += 1
    ready = [n for n in order if waiting[n] == 0]
    while ready:
        tail = ready.pop()
        for head in succ.get(tail, ()):
            rank[head] = max(rank[head], rank[tail] + 1)
            waiting[head] -= 1
            if waiting[head] == 0:
                ready.append(head)
    return rank


def _stagger_statements(ctx: _Context) -> Iterator[str]:
    """Invisible edges that move leaves of over-full rows further out, so wide maps wrap.

    Graphviz puts every box one row from what it points at, so a map with many reasons becomes
    one long strip (peace-talks was 7,700 px wide). Like Graphviz's ``unflatten``, but aimed:
    estimate each box's row as ``dot`` ranks it, and while a row holds more than about
    √(1.2 × boxes) boxes, move its last leaves (boxes nothing points at, drawn with one line)
    one row further out with an invisible ``minlen`` edge. Pure: the same map, the same edges.
    """
    edges = _layout_edges(ctx)
    if not edges or (len(ctx.names) < _PAGE_FROM and ctx.options.row_cap is None):
        return  # a small map reads best as dot draws it
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for tail, head in edges:
        succ.setdefault(tail, []).append(head)
        pred.setdefault(head, []).append(tail)
    order = list(dict.fromkeys(name for edge in edges for name in edge))
    rank = _longest_paths(order, edges, succ)
    # dot pulls a leaf up next to what it points at.
    node_names = set(ctx.names.values())
    # Co-premises of a linked reason stay side by side (``rank=same``): never moved.
    linked = {
        ctx.names[member]
        for rel, key in zip(ctx.m.relations, ctx.keys, strict=True)
        if key in ctx.junctions and len(rel.members) > 1
        for member in rel.members
        if member in ctx.names
    }
    leaves = [n for n in order if n not in pred and len(succ.get(n, [])) == 1 and n in node_names and n not in linked]
    for leaf in leaves:
        rank[leaf] = rank[succ[leaf][0]] - 1
    boxes = [n for n in order if n in node_names]
    cap = ctx.options.row_cap or max(3, math.ceil(math.sqrt(len(boxes) * _ROW_FACTOR)))
    shift: dict[str, int] = {}
    movable = set(leaves)
    position = {n: i for i, n in enumerate(boxes)}
    rows: dict[int, list[str]] = {}
    for n in boxes:
        rows.setdefault(rank[n], []).append(n)
    r = max(rank.values())
    bottom = min(rank.values())
    while r >= bottom:
        row = sorted(rows.get(r, ()), key=position.__getitem__)
        extra = len(row) - cap
        if extra > 0:
            for leaf in _to_move(row, movable, shift, succ, extra):
                rank[leaf] -= 1
                shift[leaf] = shift.get(leaf, 0) + 1
                rows.setdefault(r - 1, []).append(leaf)
                bottom = min(bottom, r - 1)
        r -= 1
    for leaf in leaves:
        if leaf in shift:
            pairs = [("style", "invis"), ("minlen", str(1 + shift[leaf])), ("arrowhead", "none")]
            yield f"{leaf} -> {succ[leaf][0]} {_attrs(pairs)};"


def _to_move(
    row: list[str], movable: set[str], shift: dict[str, int], succ: dict[str, list[str]], extra: int
) -> list[str]:
    """Which ``extra`` leaves of an over-full row move one row out: every other leaf of each box
    they point at (the 2nd, 4th… first), so a box's reasons stay right under it in two rows
    instead of one box's reasons all moving away (long edges across the picture)."""
    seen: dict[str, int] = {}
    ranked: list[tuple[int, int, str]] = []
    for position, leaf in enumerate(row):
        if leaf not in movable or shift.get(leaf, 0) >= _MAX_SHIFT:
            continue
        parent = succ[leaf][0]
        nth = seen.get(parent, 0)
        seen[parent] = nth + 1
        ranked.append((nth % 2 == 0, -position, leaf))  # odd siblings first, later ones first
    return [leaf for _, _, leaf in sorted(ranked)[:extra]]


def _page_attrs(ctx: _Context) -> list[tuple[str, str]]:
    """``ratio=compress`` and a 16:9 ``size`` for a large map, nothing for a small one.

    With both set, ``dot`` packs the layout towards that page (tighter rows, shorter edges)
    before drawing, instead of leaving a strip many screens wide; the size is only an upper
    bound, so the drawing is scaled down, never up. The page is the area the boxes need.
    """
    boxes = len(ctx.names)
    if boxes < _PAGE_FROM:
        return []
    width = math.sqrt(boxes * _BOX_AREA * 16 / 9)
    if ctx.options.direction in ("left", "right"):
        width = width * 9 / 16  # sideways maps are taller than wide
    height = boxes * _BOX_AREA / width
    return [("ratio", "compress"), ("size", escape.quoted(f"{width:.0f},{height:.0f}"))]


def build_dot(m: Map, options: RenderOptions = RenderOptions()) -> str:  # noqa: B008 - frozen value
    """The DOT text of a map: pure and deterministic, every map string escaped.

    An overlay given by name (``RenderOptions(overlay="grounded")``) is evaluated here.
    """
    if isinstance(options.overlay, str):
        from argmap.analysis.semantics import grounded

        options = attrs.evolve(options, overlay=grounded(m))
    ctx = _context(m, options)
    t = ctx.theme
    out = [
        "digraph argmap {",
        "  graph "
        + _attrs(
            [
                ("rankdir", _RANKDIR[options.direction]),
                ("bgcolor", escape.quoted(t.background)),
                ("fontname", escape.quoted(t.font)),
                ("nodesep", "0.35"),
                ("ranksep", "0.45"),
                ("pad", "0.3"),
                ("id", escape.dot_id("argmap")),
            ]
            + _page_attrs(ctx)
            # Clusters are ranked one by one unless newrank is set, and dot fails ("trouble in
            # init_rank") when an argument cycles through several clusters: rank them globally.
            + ([("newrank", "true")] if options.group_by is not None else [])
        )
        + ";",
        "  node " + _attrs([("shape", "box"), ("fontname", escape.quoted(t.font)), ("margin", '"0.12,0.06"')]) + ";",
        "  edge " + _attrs([("fontname", escape.quoted(t.font)), ("arrowsize", _num(t.arrowsize))]) + ";",
    ]
    labels = _labels(ctx)
    out += labels
    titled = any(line.startswith("  subgraph cluster_titled") for line in labels)
    # Nodes, grouped into clusters when asked. A junction goes into its target's cluster: dot
    # ranks each cluster on its own, and a path that left the cluster would be ignored.
    node_group: dict[str, str | None] = {}
    groups: dict[str, list[str]] = {}
    loose: list[str] = []
    for node in m.nodes:
        if node.id in node_group:
            continue  # a duplicate id (rendered with --force): the first declaration wins
        group = node_group[node.id] = _group_of(ctx, node)
        (groups.setdefault(group, []) if group is not None else loose).append(_node_statement(ctx, node))
    junction_ids, edge_ids = itertools.count(1), itertools.count(1)
    for index, rel in enumerate(m.relations):
        junction = _junction_statement(ctx, index, rel, junction_ids)
        if junction is not None:
            group = node_group.get(rel.target) if rel.kind is not RelationKind.UNDERCUTS else None
            (groups[group] if group is not None else loose).append(junction)
    for number, (group, statements) in enumerate(groups.items(), 1):
        out.append(f"  subgraph cluster_g{number} {{")
        out.append(
            "    graph "
            + _attrs(
                [
                    ("id", escape.dot_id(f"group-{group}")),
                    ("label", _group_label(ctx, group)),
                    ("style", '"rounded,filled"'),
                    ("fillcolor", escape.quoted(t.cluster_fill)),
                    ("color", escape.quoted(t.cluster_border)),
                    ("labeljust", "l"),
                    # Bottom-to-top graphs flip label positions: "b" is drawn at the top.
                    ("labelloc", "b" if options.direction == "up" else "t"),
                ]
            )
            + ";"
        )
        out += [f"    {s}" for s in statements]
        out.append("  }")
    out += [f"  {s}" for s in loose]
    # Linked co-premises side by side (not across clusters, which dot cannot honour).
    if options.group_by is None and not options.hide_groups:
        for rel in m.relations:
            members = [ctx.names[x] for x in dict.fromkeys(rel.members) if x in ctx.names]
            if len(members) > 1 and rel.kind is not RelationKind.CONTRADICTS:
                out.append(f"  {{ rank=same; {'; '.join(members)}; }}")
    for index, rel in enumerate(m.relations):
        out += [f"  {s}" for s in _relation_statements(ctx, index, rel, edge_ids)]
    out += [f"  {s}" for s in _stagger_statements(ctx)]
    # The source notes beside the leaves, where a map has a blank corner.
    notes = _notes_statement(ctx)
    if notes is not None:
        out.append(f"  subgraph notes_rank {{ rank=min; {notes} }}")
    if titled:
        out.append("  }")
    out.append("}")
    return "\n".join(out) + "\n"


def _labels(ctx: _Context) -> list[str]:
    """The title and the key as graph labels: outside the layout, so neither widens a row.

    The key is a strip under the title (``top``) or below the diagram (``bottom``). A graph has
    one label of its own, so with a title and a key at the bottom the title goes on the
    diagram's one borderless cluster (``cluster_titled``), which ``build_dot`` opens around every
    statement.
    """
    t = ctx.theme
    title_lines = wrap(ctx.m.title or "", 60, max_lines=3) if ctx.options.title else []
    title = None
    if title_lines:  # never an empty <B></B>: Graphviz rejects it
        text = "<BR/>".join(escape.html(line) for line in title_lines)
        title = f"<TR><TD>{_font(text, t.title_size, t.text, bold=True)}</TD></TR>"
    key = _key_table(ctx)
    key_row = f"<TR><TD>{key}</TD></TR>" if key is not None else None
    if ctx.options.key == "bottom" and key_row is not None:
        rows = [key_row]
        location = "b"
    else:
        rows = [r for r in (title, key_row) if r is not None]
        title = None
        location = "t"
    out: list[str] = []
    if rows:
        label = f'<<TABLE BORDER="0" CELLSPACING="6">{"".join(rows)}</TABLE>>'
        out.append(f"  graph {_attrs([('label', label), ('labelloc', location), ('labeljust', 'c')])};")
    if title is not None:
        # Bottom-to-top graphs flip a cluster's label position: "b" is drawn at the top.
        pairs = [
            ("id", escape.dot_id("title")),
            ("label", '<<TABLE BORDER="0">' + title + "</TABLE>>"),
            ("peripheries", "0"),
            ("labelloc", "b" if ctx.options.direction == "up" else "t"),
        ]
        out.append(f"  subgraph cluster_titled {{ graph {_attrs(pairs)};")
    return out
