"""Oracles shared by the injection tests, the Hypothesis fuzz tests and the atheris harnesses:
what makes an export safe, checked on the output alone.

``assert_dot_safe``: map text stays inside DOT strings, only known attributes are set, every
backslash is escaped, HTML labels are well formed. ``assert_svg_safe`` and ``assert_page_safe``:
the output parses, and nothing in it could run (no script but the page's own, no ``on*``
attribute, links only to http(s) or inside the page).
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser

from argmap.model import Map

__all__ = [
    "DOT_ATTRIBUTES",
    "MARK",
    "SVG_NS",
    "assert_dot_safe",
    "assert_page_safe",
    "assert_svg_safe",
    "dot_tokens",
    "engines",
    "fake_svg",
    "html_label_text",
    "page_data",
]

#: The marker each hostile string carries, so a test can find where map text landed.
MARK = "ZQX"


def dot_tokens(source: str) -> Iterator[tuple[str, str]]:
    """A DOT lexer: ("string", content), ("html", content) or ("code", text between them)."""
    i, start = 0, 0
    while i < len(source):
        char = source[i]
        if char == '"':
            yield "code", source[start:i]
            j = i + 1
            while j < len(source) and source[j] != '"':
                j += 2 if source[j] == "\\" else 1
            assert j < len(source), "unterminated DOT string"
            yield "string", source[i + 1 : j]
            i = start = j + 1
        elif char == "<":
            yield "code", source[start:i]
            depth, j = 0, i
            while True:
                assert j < len(source), "unterminated DOT HTML string"
                if source[j] == "<":
                    depth += 1
                elif source[j] == ">":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            yield "html", source[i + 1 : j]
            i = start = j + 1
        else:
            i += 1
    yield "code", source[start:]


#: Attributes argmap may set; none reads a file (image, shapefile, fontpath...) or names a URL
#: other than through ``escape.url``.
DOT_ATTRIBUTES = {
    "arrowhead", "arrowsize", "arrowtail", "bgcolor", "class", "color", "constraint", "dir", "fillcolor",
    "fixedsize", "fontcolor", "fontname", "fontsize", "group", "height", "href", "id", "label", "labeljust",
    "labelloc", "margin", "minlen", "nodesep", "ordering", "pad", "penwidth", "peripheries", "rank", "rankdir",
    "ranksep", "shape", "splines", "style", "target", "tooltip", "weight", "width", "xlabel", "compound",
    "newrank", "concentrate", "lhead", "ltail", "headport", "tailport", "samehead", "sametail", "labelfontcolor",
    "taillabel", "headlabel", "forcelabels", "outputorder", "sides", "regular", "center", "size", "ratio",
    "esep", "sep", "overlap", "fontnames", "nojustify", "gradientangle", "labelangle", "labeldistance",
    "headclip", "tailclip", "decorate", "edgetooltip", "labeltooltip", "URL",
}  # fmt: skip


def assert_dot_safe(source: str) -> None:
    code = "".join(text for kind, text in dot_tokens(source) if kind == "code")
    assert MARK not in code, "map text escaped its string context"
    names = set(re.findall(r"([A-Za-z_]+)\s*=", code))
    assert names <= DOT_ATTRIBUTES, names - DOT_ATTRIBUTES
    for kind, text in dot_tokens(source):
        if kind == "string":
            assert "\n" not in text
            # Every backslash is escaped or is the escape of a quote: no \N, \G, \L... expansion.
            for match in re.finditer(r"\\+(.)?", text):
                run = len(match.group(0)) - (1 if match.group(1) else 0)
                assert run % 2 == 0 or match.group(1) == '"', text
        if kind == "html":
            ET.fromstring(f"<label>{_html_label_entities(text)}</label>")  # well formed


def _html_label_entities(text: str) -> str:
    # Graphviz HTML labels accept HTML's named entities; XML knows only five.
    return re.sub(
        r"&([a-z]+);", lambda m: m.group(0) if m.group(1) in ("amp", "lt", "gt", "quot", "apos") else "", text
    )


def html_label_text(source: str) -> str:
    """All text of the node labels, as Graphviz shows it (entities decoded, one backslash level undone)."""
    texts = []
    for kind, text in dot_tokens(source):
        if kind == "html":
            element = ET.fromstring(f"<label>{_html_label_entities(text)}</label>")
            texts.append("".join(element.itertext()))
    return "\n".join(texts).replace("\\\\", "\\")


SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def engines() -> list[str]:
    from argmap.diagram.engine import find_engine
    from argmap.errors import CommandError

    found = []
    for engine in ("system", "bundled"):
        try:
            find_engine(engine)
        except CommandError:
            continue
        found.append(engine)
    return found


def assert_svg_safe(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    for element in root.iter():
        tag = element.tag.split("}")[-1].lower()
        assert tag not in ("script", "foreignobject", "iframe", "object", "embed"), tag
        for name, value in element.attrib.items():
            local = name.split("}")[-1].lower()
            assert not local.startswith("on"), (name, value)
            if local == "href":
                assert value.startswith(("http://", "https://", "#")), value
            assert "javascript:" not in value.lower().replace(" ", "") or local in ("title",), (name, value)
    return root


class _PageScan(HTMLParser):
    """Scripts, event attributes and links of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.events: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.elements: list[str] = []
        self._in_script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.events.append((tag, name))
            if name in ("href", "xlink:href", "src", "action", "formaction") and value is not None:
                self.links.append(value)
        if tag == "script":
            self._in_script = dict(attrs)
            self._script_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._script_text.append(data)
        else:
            self.text.append(data)


def assert_page_safe(page: str, own_scripts: list[str]) -> _PageScan:
    scan = _PageScan()
    scan.feed(page)
    scan.close()
    assert not scan.events, scan.events
    for link in scan.links:
        assert link.startswith(("http://", "https://", "#")), link
    for attributes, body in scan.scripts:
        if attributes.get("type") == "application/json":
            json.loads(body)  # data, not code
        else:
            assert body in own_scripts, body[:200]
    return scan


def fake_svg(m: Map) -> str:
    """An SVG in Graphviz's shape (ids node-<id>), for testing the page without an engine."""
    groups = "".join(
        f'<g id="node-{html.escape(n.id)}" class="node"><title>n{k}</title><text>{html.escape(n.id)}</text></g>'
        for k, n in enumerate(m.nodes, 1)
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="100pt" height="100pt"><g id="graph0">{groups}</g></svg>'


def page_data(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="argmap-data">(.*?)</script>', page, re.DOTALL)
    assert match is not None
    data = json.loads(match.group(1))
    assert isinstance(data, dict)
    return data
