"""Safe pieces for the classroom's HTML pages: inline SVG, JSON in a script tag, the CSP, assets.

Every page is one self-contained file. Map text reaches it only through ``html.escape`` or as
JSON whose ``<``, ``>``, ``&`` and line separators are escaped, and a Content-Security-Policy
lets only the page's own script run (by its hash), so even a mistake elsewhere could not run
code from a map.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable
from importlib import resources

__all__ = ["asset", "content_security_policy", "inline_svg", "json_script", "safe_url"]

_XML_PROLOG = re.compile(r"<\?xml[^>]*\?>|<!DOCTYPE[^>\[]*(\[[^\]]*\])?>", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SCRIPT = re.compile(r"<(script|foreignObject)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_EVENT_ATTR = re.compile(r"\s on[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE | re.VERBOSE)
_HREF = re.compile(r"\s(xlink:href|href)\s*=\s*(\"([^\"]*)\"|'([^']*)')", re.IGNORECASE)
_SVG_OPEN = re.compile(r"<svg\b([^>]*)>", re.IGNORECASE)
_SIZE_ATTR = re.compile(r"\s(width|height)\s*=\s*\"[^\"]*\"")


def asset(name: str) -> str:
    """The text of a file in ``argmap/classroom/assets`` (CSS and JavaScript of the pages)."""
    return resources.files("argmap.classroom").joinpath("assets", name).read_text(encoding="utf-8")


def safe_url(value: str | None) -> str | None:
    """``value`` when it is an absolute http or https URL, else None (never a ``javascript:`` link)."""
    if value is None:
        return None
    stripped = value.strip()
    match = re.match(r"(?i)(https?)://[^\s/?#]+", stripped)
    if not match or any(c in stripped for c in "\"'<>`\\") or any(ord(c) < 0x20 for c in stripped):
        return None
    return stripped


def json_script(data: object, element_id: str) -> str:
    """``data`` as JSON in ``<script type="application/json">``, safe against ``</script>``,
    ``<!--`` and the line separators U+2028/U+2029."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def _keep_href(match: re.Match[str]) -> str:
    value = match.group(3) if match.group(3) is not None else match.group(4)
    if value.startswith("#") or safe_url(value.replace("&amp;", "&")) is not None:
        return match.group(0)
    return ""


def inline_svg(svg: str, *, label: str, extra_class: str = "") -> str:
    """Graphviz SVG made ready to sit inside HTML: no prolog or comments, nothing that could run
    (scripts, ``on*`` attributes, links other than http(s) or in-page), sized by CSS, labelled."""
    text = _XML_PROLOG.sub("", svg)
    text = _COMMENT.sub("", text)
    text = _SCRIPT.sub("", text)
    text = _EVENT_ATTR.sub("", text)
    text = _HREF.sub(_keep_href, text)

    def open_tag(match: re.Match[str]) -> str:
        attributes = _SIZE_ATTR.sub("", match.group(1))
        classes = " ".join(c for c in ("argmap-svg", extra_class) if c)
        return (
            f'<svg{attributes} class="{classes}" role="group" preserveAspectRatio="xMidYMid meet" '
            f'aria-label="{_attr(label)}">'
        )

    return _SVG_OPEN.sub(open_tag, text, count=1).strip()


def _attr(text: str) -> str:
    return html.escape(text, quote=True)


def content_security_policy(scripts: Iterable[str]) -> str:
    """A policy allowing nothing from the network, inline styles, and only these exact scripts."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii") + "'" for s in scripts
    )
    return (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
        f"script-src {hashes}; base-uri 'none'; form-action 'none'"
    )
