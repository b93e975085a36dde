"""Reading untrusted JSON: parse errors with ``line:col``, and typed access by JSON path.

``parse_json`` refuses huge and malformed files with a ``FormatError``. A ``Value`` wraps a
decoded value with its path (``nodes[3].type``); its accessors check the type and raise a
``FormatError`` naming the path and the line and column where that value stands in the file
(found only then, by ``locate``, so well-formed files pay nothing for it).
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Iterator
from typing import Any

import attrs

from argmap.formats.errors import MAX_IMPORT_BYTES, FormatError
from argmap.model import Span

__all__ = ["Value", "locate", "parse_json", "path_text", "safe_json_text"]

PathPart = str | int


def path_text(path: tuple[PathPart, ...]) -> str:
    """``("nodes", 3, "type")`` as ``nodes[3].type`` (``$`` for the whole document)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out or "$"


def safe_json_text(text: str) -> str:
    """JSON text with U+2028 and U+2029 escaped: legal raw in JSON, but line breaks to
    JavaScript and to line-based tools (they can only occur inside strings)."""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def parse_json(text: str, filename: str) -> Value:
    """Decode a JSON document; a ``FormatError`` with ``line:col`` when it is not JSON."""
    if len(text) > MAX_IMPORT_BYTES:
        raise FormatError(
            f"is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB",
            Span(filename, 0, 0, 0, 0),
            hint="split the file or convert a smaller part",
        )
    duplicated: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(items)
        if len(found) != len(items) and not duplicated:
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    duplicated.append(key)
                    break
                seen.add(key)
        return found

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        span = Span(filename, error.lineno, error.colno, error.lineno, error.colno + 1)
        raise FormatError(f"not valid JSON: {error.msg}", span, hint="check the file is complete JSON") from None
    except RecursionError:
        raise FormatError("JSON nests too deeply to read", Span(filename, 1, 1, 1, 1)) from None
    except ValueError:  # Python turns no more than 4,300 digits into a number
        raise _too_many_digits(text, filename) from None
    positions = _Positions(text)
    if duplicated:
        raise _duplicate_key(text, filename, duplicated[0])
    if _SURROGATE_ESCAPE.search(text):
        _refuse_lone_surrogates(data, filename, positions)
    if "\\r" in text or "\\u000d" in text.lower():
        data = _line_ends(data)
    return Value(data, (), filename, positions)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogates(data: Any, filename: str, positions: _Positions) -> None:
    """A ``FormatError`` at the first string with half a surrogate pair (``"\\ud800"``): JSON
    allows the escape, but no file or terminal can hold the character, so every output would
    fail on it."""
    stack: list[tuple[tuple[PathPart, ...], Any]] = [((), data)]
    while stack:
        path, item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else ()
        for key, value in pairs:
            here = (*path, key)
            if (isinstance(key, str) and _LONE_SURROGATE.search(key)) or (
                isinstance(value, str) and _LONE_SURROGATE.search(value)
            ):
                raise Value(value, here, filename, positions).error(
                    "this text holds half of a surrogate pair (an escape such as `\\ud800` alone), "
                    "which no output can hold",
                    hint="remove the escape or complete the pair",
                )
            if isinstance(value, (dict, list)):
                stack.append((here, value))
    # Stack order is not file order; only the first found is reported, which is enough to fix.


def _too_many_digits(text: str, filename: str) -> FormatError:
    match = re.search(r"[0-9]{4301,}", text)
    offset = match.start() if match else 0
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return FormatError(
        "a number has more than 4,300 digits, more than argmap reads",
        Span(filename, line, column, line, column + 1),
        hint="write it as a string, or leave it out",
    )


def _duplicate_key(text: str, filename: str, key: str) -> FormatError:
    """Where the second ``key`` of one object stands: a JSON reader keeps either one, so a
    second ``"nodes": []`` would empty a map without a word."""
    path, offset = _find_duplicate(text) or ((), 0)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return FormatError(
        f"key `{key}` appears twice in one object; JSON readers differ on which counts",
        Span(filename, line, column, line, column + 1),
        path=path_text(path),
        hint="remove one of the two",
    )


def _find_duplicate(text: str) -> tuple[tuple[PathPart, ...], int] | None:
    """The path and offset of the first key that repeats within its object (text is valid JSON)."""
    # (position, path, keys seen in the object, or None for an array, index)
    stack: list[tuple[tuple[PathPart, ...], set[str] | None, int]] = []
    pos = _skip(text, 0)
    path: tuple[PathPart, ...] = ()
    with contextlib.suppress(IndexError, ValueError):
        while pos < len(text):
            char = text[pos]
            if char in "{[":
                stack.append((path, set() if char == "{" else None, 0))
                pos = _skip(text, pos + 1)
                if text[pos] in "}]":
                    continue
                if char == "[":
                    path = (*path, 0)
                    continue
            elif char in "}]":
                path = stack.pop()[0]
                pos = _skip(text, pos + 1)
                continue
            elif char == ",":
                pos = _skip(text, pos + 1)
                parent, keys, index = stack[-1]
                if keys is None:
                    stack[-1] = (parent, None, index + 1)
                    path = (*parent, index + 1)
                    continue
            else:
                pos = _skip(text, _end_of_value(text, pos))
                continue
            parent, keys, _ = stack[-1]
            assert keys is not None
            match = _STRING.match(text, pos)
            if match is None:
                return None
            key = json.loads(match.group())
            if key in keys:
                return (*parent, key), pos
            keys.add(key)
            path = (*parent, key)
            pos = _skip(text, _skip(text, match.end()) + 1)  # past the colon
    return None


def _line_ends(data: Any) -> Any:
    """Every string value with CRLF and lone CR line ends turned into LF, as ``.arg`` text has
    them (a carriage return could not be written back as ``.arg``)."""
    stack = [data]
    while stack:
        item = stack.pop()
        pairs = item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else ()
        for key, value in list(pairs):
            if isinstance(value, str) and "\r" in value:
                item[key] = value.replace("\r\n", "\n").replace("\r", "\n")
            elif isinstance(value, (dict, list)):
                stack.append(value)
    if isinstance(data, str):
        return data.replace("\r\n", "\n").replace("\r", "\n")
    return data


_TYPE_NAMES = {dict: "an object", list: "an array", str: "a string", bool: "true or false", int: "a number"}


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return _TYPE_NAMES.get(type(value), type(value).__name__)


@attrs.define
class _Positions:
    """Where the values of one document start, found in one pass on first use.

    Paths up to ``_INDEX_DEPTH`` deep are indexed (every node and edge of an AIF file, every
    statement of Argdown JSON), so importers may give every element a span in linear time;
    deeper paths, asked for only by errors, are found by ``locate``.
    """

    text: str
    offsets: dict[tuple[PathPart, ...], int] | None = None
    line_starts: list[int] = attrs.field(factory=list)

    def find(self, path: tuple[PathPart, ...]) -> tuple[int, int]:
        if len(path) > _INDEX_DEPTH:
            return locate(self.text, path)
        if self.offsets is None:
            self.offsets = {}
            self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
            # What was indexed before a problem stays usable; the rest reads as "unknown".
            with contextlib.suppress(IndexError, ValueError, RecursionError):
                _index(self.text, _skip(self.text, 0), (), self.offsets)
        offset = self.offsets.get(path)
        if offset is None:
            return 0, 0
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


_INDEX_DEPTH = 4


def _index(text: str, pos: int, path: tuple[PathPart, ...], out: dict[tuple[PathPart, ...], int]) -> int:
    """Record where each value up to ``_INDEX_DEPTH`` starts; return the end of this value."""
    out[path] = pos
    char = text[pos]
    if len(path) >= _INDEX_DEPTH or char not in "{[":
        return _end_of_value(text, pos)
    closing = "}" if char == "{" else "]"
    pos = _skip(text, pos + 1)
    index = 0
    while text[pos] != closing:
        if char == "{":
            match = _STRING.match(text, pos)
            if match is None:
                raise ValueError("expected a key")
            raw_key = match.group()
            key: PathPart = raw_key[1:-1] if "\\" not in raw_key else json.loads(raw_key)
            pos = _skip(text, _skip(text, match.end()) + 1)  # past the colon
        else:
            key = index
            index += 1
        pos = _skip(text, _index(text, pos, (*path, key), out))
        if text[pos] == ",":
            pos = _skip(text, pos + 1)
    return pos + 1


@attrs.frozen
class Value:
    """A decoded JSON value and where it stands."""

    raw: Any
    path: tuple[PathPart, ...]
    file: str
    positions: _Positions = attrs.field(repr=False, eq=False)

    # -- errors ------------------------------------------------------------------------------

    def span(self) -> Span:
        """Where this value starts in the file (line 0 when it cannot be found)."""
        line, column = self.positions.find(self.path)
        return Span(self.file, line, column, line, column + 1)

    def error(self, message: str, hint: str | None = None) -> FormatError:
        """A ``FormatError`` about this value."""
        return FormatError(message, self.span(), path=path_text(self.path), hint=hint)

    # -- navigation --------------------------------------------------------------------------

    def _child(self, raw: Any, part: PathPart) -> Value:
        return Value(raw, (*self.path, part), self.file, self.positions)

    def obj(self) -> Value:
        """This value, which must be an object."""
        if not isinstance(self.raw, dict):
            raise self.error(f"expected an object, found {_kind(self.raw)}")
        return self

    def has(self, key: str) -> bool:
        """True when this object has ``key`` (and it is not null)."""
        return isinstance(self.raw, dict) and self.raw.get(key) is not None

    def get(self, key: str) -> Value:
        """The member ``key`` of this object, which must be there."""
        self.obj()
        if key not in self.raw:
            raise self.error(f"missing key `{key}`")
        return self._child(self.raw[key], key)

    def opt(self, key: str) -> Value | None:
        """The member ``key``, or ``None`` when it is absent or null."""
        self.obj()
        return self._child(self.raw[key], key) if self.raw.get(key) is not None else None

    def items(self) -> Iterator[Value]:
        """The elements of this array."""
        if not isinstance(self.raw, list):
            raise self.error(f"expected an array, found {_kind(self.raw)}")
        for index, raw in enumerate(self.raw):
            yield self._child(raw, index)

    def members(self) -> Iterator[tuple[str, Value]]:
        """The key-value pairs of this object, in file order."""
        self.obj()
        for key, raw in self.raw.items():
            yield key, self._child(raw, key)

    # -- scalars -----------------------------------------------------------------------------

    def string(self) -> str:
        """This value, which must be a string."""
        if not isinstance(self.raw, str):
            raise self.error(f"expected a string, found {_kind(self.raw)}")
        return self.raw

    def ident(self) -> str:
        """A string or a whole number (AIF writes ids either way), as a string."""
        if isinstance(self.raw, bool) or not isinstance(self.raw, (str, int)):
            raise self.error(f"expected an id (a string or a whole number), found {_kind(self.raw)}")
        return str(self.raw)

    def boolean(self) -> bool:
        """This value, which must be true or false."""
        if not isinstance(self.raw, bool):
            raise self.error(f"expected true or false, found {_kind(self.raw)}")
        return self.raw

    def integer(self) -> int:
        """This value, which must be a whole number."""
        if isinstance(self.raw, bool) or not isinstance(self.raw, int):
            raise self.error(f"expected a whole number, found {_kind(self.raw)}")
        return self.raw

    def opt_str(self, key: str) -> str | None:
        """The string member ``key``, or ``None`` when absent or null."""
        found = self.opt(key)
        return None if found is None else found.string()


# -- finding a path in the text (only on the error path) ---------------------------------------

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"[^,\]\}\s]+")


def locate(text: str, path: tuple[PathPart, ...]) -> tuple[int, int]:
    """The 1-based line and column where the value at ``path`` starts; ``(0, 0)`` if not found.

    A small scanner over text that is already known to be valid JSON.
    """
    try:
        offset = _find(text, _skip(text, 0), path)
    except (IndexError, ValueError, RecursionError):
        return 0, 0
    if offset is None:
        return 0, 0
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _skip(text: str, pos: int) -> int:
    match = _WS.match(text, pos)
    return match.end() if match else pos


def _find(text: str, pos: int, path: tuple[PathPart, ...]) -> int | None:
    if not path:
        return pos
    head, rest = path[0], path[1:]
    if text[pos] == "{" and isinstance(head, str):
        pos = _skip(text, pos + 1)
        while text[pos] != "}":
            match = _STRING.match(text, pos)
            if match is None:
                return None
            key = json.loads(match.group())
            pos = _skip(text, match.end())
            pos = _skip(text, pos + 1)  # the colon
            if key == head:
                return _find(text, pos, rest)
            pos = _skip(text, _end_of_value(text, pos))
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
        return None
    if text[pos] == "[" and isinstance(head, int):
        pos = _skip(text, pos + 1)
        index = 0
        while text[pos] != "]":
            if index == head:
                return _find(text, pos, rest)
            pos = _skip(text, _end_of_value(text, pos))
            if text[pos] == ",":
                pos = _skip(text, pos + 1)
            index += 1
    return None


def _end_of_value(text: str, pos: int) -> int:
    char = text[pos]
    if char == '"':
        match = _STRING.match(text, pos)
        if match is None:
            raise ValueError("unterminated string")
        return match.end()
    if char in "{[":
        closing = "}" if char == "{" else "]"
        pos = _skip(text, pos + 1)
        while text[pos] != closing:
            pos = _skip(text, _end_of_value(text, pos))
            if text[pos] in ",:":
                pos = _skip(text, pos + 1)
        return pos + 1
    match = _SCALAR.match(text, pos)
    if match is None:
        raise ValueError("no value")
    return match.end()
