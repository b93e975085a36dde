"""What to draw and how: the options of one rendering, as a frozen value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Protocol

import attrs

from argmap.diagram.formats import DIRECTIONS, GROUPINGS, KEYS, OVERLAYS
from argmap.diagram.theme import DEFAULT, Theme

__all__ = ["DIRECTIONS", "GROUPINGS", "KEYS", "MARKS", "Overlay", "RenderOptions"]

#: Compare feedback: an element the student missed, added, or got wrong.
MARKS = ("missing", "extra", "wrong")


class Status(Protocol):
    """An evaluation status: its ``value`` is ``"in"``, ``"out"`` or ``"undecided"``."""

    @property
    def value(self) -> str: ...


class Overlay(Protocol):
    """What the overlay needs of an evaluation (``argmap.analysis.semantics.Labelling`` has it)."""

    @property
    def labels(self) -> Mapping[str, Status]: ...

    def why(self, element_id: str) -> str: ...


def _overlay(_instance: Any, _attribute: Any, value: object) -> None:
    if isinstance(value, str) and value not in OVERLAYS:
        raise ValueError(f"overlay must be an evaluation or one of {', '.join(OVERLAYS)}, not {value!r}")


def _ids(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


def _mapping(values: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(values))  # a read-only copy: the options stay frozen


def _scale(_instance: Any, _attribute: Any, value: float) -> None:
    if not isinstance(value, (int, float)) or not 0.5 <= value <= 4:
        raise ValueError(f"font scale must be a number from 0.5 to 4, not {value!r}")


def _marks(_instance: Any, _attribute: Any, value: Mapping[str, str]) -> None:
    for key, mark in value.items():
        if mark not in MARKS:
            raise ValueError(f"mark for {key!r} must be one of {', '.join(MARKS)}, not {mark!r}")


@attrs.frozen
class RenderOptions:
    """How to draw a map. Every field has a default; change them with ``attrs.evolve``.

    ``hidden`` (node ids and relation keys, see ``relation_keys``) are laid out but drawn
    invisible, so step-by-step frames do not move. ``text_overrides`` replace a node's text
    (and its tooltip) for worksheets. ``hide_relation_kinds`` draws every relation neutrally;
    ``hide_groups`` draws linked co-premises as separate arrows. ``marks`` emphasise elements
    as ``missing``, ``extra`` or ``wrong`` (compare feedback). ``font_scale`` multiplies every
    text size of the theme; ``key`` places the key (``top``, ``bottom`` or ``none``);
    ``title=False`` leaves the map's title out (the classroom page shows it once, in its heading).
    """

    theme: Theme = DEFAULT
    #: An evaluation to mark on the boxes, or its name (``"grounded"``), evaluated when drawn.
    overlay: Overlay | str | None = attrs.field(default=None, validator=_overlay)
    group_by: str | None = attrs.field(default=None, validator=attrs.validators.in_((None, *GROUPINGS)))
    direction: str = attrs.field(default="up", validator=attrs.validators.in_(DIRECTIONS))
    hidden: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    text_overrides: Mapping[str, str] = attrs.field(factory=dict, converter=_mapping)
    hide_relation_kinds: bool = False
    hide_groups: bool = False
    marks: Mapping[str, str] = attrs.field(factory=dict, converter=_mapping, validator=_marks)
    #: Relation keys drawn without ranking the layout (``constraint=false``): the overview's
    #: links between articles.
    unranked: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    #: Worksheets: what each box's header shows instead of its id (neutral letters that say
    #: nothing of the kind), and a number for each relation's arrow (a numbered blank to write on).
    labels: Mapping[str, str] = attrs.field(factory=dict, converter=_mapping)
    arrow_numbers: Mapping[str, str] = attrs.field(factory=dict, converter=_mapping)
    #: At most this many boxes to a row (reasons moved further out): a portrait page's width.
    row_cap: int | None = None
    font_scale: float = attrs.field(default=1.0, validator=_scale)
    key: str = attrs.field(default="top", validator=attrs.validators.in_(KEYS))
    title: bool = True
