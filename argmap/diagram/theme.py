"""Themes: how a diagram looks, as frozen data (never code paths).

A theme names colours (``#RRGGBB``), a font and sizes. Every encoding a theme colours is also
carried by something that survives greyscale (a word, a line style, an arrowhead, a glyph), so a
theme may change colours freely without losing meaning. Start from a built-in theme and change
fields with ``attrs.evolve(THEMES["default"], support="#117733")``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs

__all__ = ["CLASSIC", "DEFAULT", "PRINT", "THEMES", "Theme"]

_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# A font family list as Graphviz takes it; nothing that could end a quoted DOT string.
_FONT = re.compile(r"[A-Za-z0-9 ,\-]{1,80}")


def _colour(_instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise ValueError(f"theme colour {attribute.name} must be #RRGGBB, not {value!r}")


def _font(_instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _FONT.fullmatch(value):
        raise ValueError(f"theme font {attribute.name} must be letters, digits, spaces, commas, not {value!r}")


def _positive(_instance: Any, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, (int, float)) or not 0 < value < 1000:
        raise ValueError(f"theme size {attribute.name} must be a positive number, not {value!r}")


def _c(default: str) -> str:
    return attrs.field(default=default, validator=_colour)


def _n(default: float) -> float:
    return attrs.field(default=default, validator=_positive)


@attrs.frozen
class Theme:
    """Everything about a diagram's look. Colours are ``#RRGGBB``; sizes are points."""

    name: str = "custom"
    # Text.
    font: str = attrs.field(default="Helvetica", validator=_font)
    font_size: float = _n(15)  # node text: readable from the back of a classroom
    small_size: float = _n(11)  # headers, footers, edge words, the key
    title_size: float = _n(20)
    wrap_width: int = attrs.field(default=30, validator=attrs.validators.and_(attrs.validators.ge(10)))
    text: str = _c("#000000")
    muted: str = _c("#404040")  # headers and footers: still dark enough for a projector
    background: str = _c("#FFFFFF")
    # Nodes, by kind: fill and border.
    claim_fill: str = _c("#FFFFFF")
    claim_border: str = _c("#000000")
    premise_fill: str = _c("#FFFFFF")
    premise_border: str = _c("#000000")
    rebuttal_fill: str = _c("#FFFFFF")
    rebuttal_border: str = _c("#000000")
    #: Box kinds told apart by shape too (claims square-cornered, rebuttals cut-cornered), for
    #: themes that must survive a photocopier.
    kind_shapes: bool = False
    claim_penwidth: float = _n(2.5)
    node_penwidth: float = _n(1.2)
    # Relations, by role.
    support: str = _c("#000000")  # a reason for: "because"
    attack: str = _c("#000000")  # an objection: "but"
    counter: str = _c("#000000")  # an objection to an objection (a rebuttal): "however"
    contradiction: str = _c("#000000")
    neutral: str = _c("#000000")  # relations whose kind is hidden (exercises)
    #: The line of an objection (``attacks``); a dashed line tells it from a reason in grey.
    attack_style: str = attrs.field(default="solid", validator=attrs.validators.in_(("solid", "dashed")))
    arrowsize: float = _n(0.9)
    edge_penwidth: float = _n(2.0)
    outweighed_penwidth: float = _n(1.0)
    # The evaluation overlay.
    accepted: str = _c("#000000")
    rejected: str = _c("#000000")
    undecided: str = _c("#000000")
    overlay_penwidth: float = _n(3.5)
    # Compare feedback marks and grouping clusters.
    mark: str = _c("#000000")
    mark_penwidth: float = _n(4.0)
    cluster_fill: str = _c("#F2F2F2")
    cluster_border: str = _c("#808080")
    key_fill: str = _c("#FFFFFF")
    key_border: str = _c("#808080")


#: Okabe–Ito colours (Okabe & Ito 2008), chosen to stay apart for every kind of colour blindness.
DEFAULT = Theme(
    name="default",
    claim_fill="#FFF4D6",
    claim_border="#000000",
    premise_fill="#E3F1FA",
    premise_border="#0072B2",
    rebuttal_fill="#FBE6DC",
    rebuttal_border="#D55E00",
    support="#0072B2",
    attack="#D55E00",
    counter="#CC79A7",
    contradiction="#000000",
    neutral="#404040",
    accepted="#009E73",
    rejected="#D55E00",
    undecided="#E69F00",
    mark="#CC79A7",
)

#: The green / red / orange convention of Rationale-style teaching tools.
CLASSIC = Theme(
    name="classic",
    claim_fill="#FFFFFF",
    claim_border="#1F3A93",
    premise_fill="#DFF2D8",
    premise_border="#2E7D32",
    rebuttal_fill="#FADBD8",
    rebuttal_border="#C62828",
    support="#2E7D32",
    attack="#C62828",
    counter="#EF6C00",
    contradiction="#6A1B9A",
    neutral="#404040",
    accepted="#2E7D32",
    rejected="#C62828",
    undecided="#EF6C00",
    mark="#6A1B9A",
)

#: Greys only, for photocopies: every distinction is in the words, shapes, line styles and heads.
PRINT = Theme(
    name="print",
    kind_shapes=True,
    attack_style="dashed",
    arrowsize=1.3,
    claim_penwidth=3.0,
    node_penwidth=1.5,
    claim_fill="#E6E6E6",
    premise_fill="#FFFFFF",
    rebuttal_fill="#F2F2F2",
    support="#000000",
    attack="#000000",
    counter="#404040",
    contradiction="#000000",
    neutral="#404040",
    accepted="#000000",
    rejected="#000000",
    undecided="#000000",
    mark="#000000",
    cluster_fill="#F7F7F7",
)

#: The built-in themes by name (read-only).
THEMES: Mapping[str, Theme] = MappingProxyType({t.name: t for t in (DEFAULT, CLASSIC, PRINT)})
