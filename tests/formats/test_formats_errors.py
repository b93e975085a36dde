"""Imported files are untrusted: every malformed one gives a ``FormatError`` naming where.

Fixed cases check the message and the place (file, line:col, JSON path); Hypothesis then
throws arbitrary JSON and text at every reader, which may succeed or raise ``FormatError``
but nothing else (no KeyError, TypeError or RecursionError).
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.formats import (
    FormatError,
    Imported,
    from_aif_result,
    from_argdown_json_result,
    from_argdown_result,
    from_json_result,
    from_kialo_result,
)
from argmap.formats.errors import MAX_IMPORT_BYTES

Reader = Callable[[str, str], Imported]
JSON_READERS: dict[str, Reader] = {
    "json": from_json_result,
    "aif": from_aif_result,
    "argdown-json": from_argdown_json_result,
}
TEXT_READERS: dict[str, Reader] = {"argdown": from_argdown_result, "kialo": from_kialo_result}


def error_of(reader: Reader, text: str) -> FormatError:
    with pytest.raises(FormatError) as caught:
        reader(text, "in.json")
    return caught.value


@pytest.mark.parametrize("reader", JSON_READERS.values(), ids=list(JSON_READERS))
def test_not_json_names_line_and_column(reader: Reader) -> None:
    error = error_of(reader, '{\n  "nodes": [1,\n}')
    assert str(error).startswith("in.json:3:1: not valid JSON")
    assert (error.span.line, error.span.column) == (3, 1)


@pytest.mark.parametrize("reader", JSON_READERS.values(), ids=list(JSON_READERS))
def test_top_level_must_be_an_object(reader: Reader) -> None:
    assert "expected an object, found an array" in str(error_of(reader, "[1, 2]"))


@pytest.mark.parametrize("reader", JSON_READERS.values(), ids=list(JSON_READERS))
def test_huge_files_are_refused(reader: Reader) -> None:
    assert "larger than" in str(error_of(reader, " " * (MAX_IMPORT_BYTES + 1)))


@pytest.mark.parametrize("reader", [*JSON_READERS.values(), *TEXT_READERS.values()])
def test_deep_nesting_is_an_error_not_a_crash(reader: Reader) -> None:
    with contextlib.suppress(FormatError):
        reader("[" * 100_000 + "]" * 100_000, "deep")


# -- argmap JSON ------------------------------------------------------------------------------

GOOD = {
    "format": "argmap",
    "version": 1,
    "sources": [],
    "persons": [],
    "nodes": [
        {"kind": "claim", "id": "C1", "text": "c"},
        {"kind": "premise", "id": "P1", "text": "p"},
    ],
    "relations": [{"kind": "supports", "members": ["P1"], "target": "C1"}],
}


def broken(path: str, value: object) -> str:
    data = json.loads(json.dumps(GOOD))
    *parents, last = path.split(".")
    holder = data
    for part in parents:
        holder = holder[int(part)] if part.isdigit() else holder[part]
    if value is KeyError:
        del holder[int(last) if last.isdigit() else last]
    else:
        holder[int(last) if last.isdigit() else last] = value
    return json.dumps(data, indent=2)


@pytest.mark.parametrize(
    ("path", "value", "where", "message"),
    [
        ("nodes.1.kind", "axiom", "nodes[1].kind", "unknown node kind `axiom`"),
        ("nodes.1.kind", 3, "nodes[1].kind", "expected a string, found a number"),
        ("nodes.0.text", KeyError, "nodes[0]", "missing key `text`"),
        ("nodes.0.id", "claim", "nodes[0].id", "`claim` is not a valid id"),
        ("nodes.0.id", "P1", "nodes[1].id", "`P1` is declared twice"),
        ("nodes.0.implicit", "yes", "nodes[0].implicit", "expected true or false"),
        ("relations.0.target", "C9", "relations[0].target", "`C9` is not a declared node"),
        ("relations.0.members", [], "relations[0].members", "at least one member"),
        ("relations.0.members", ["P1", "X"], "relations[0].members[1]", "`X` is not a declared node"),
        ("relations.0.kind", "undercuts", "relations[0].target", "`C1` is not a declared relation"),
        ("version", 2, "version", "version 2 is not supported"),
        ("format", "other", "format", "not argmap JSON"),
        ("nodes", {}, "nodes", "expected an array, found an object"),
    ],
)
def test_argmap_json_errors_name_the_json_path(path: str, value: object, where: str, message: str) -> None:
    error = error_of(from_json_result, broken(path, value))
    assert error.path == where
    assert message in error.message
    assert error.span.line > 0  # the path was found in the text
    assert str(error).startswith(f"in.json:{error.span.line}:{error.span.column}: {where}: ")


# -- AIF and Argdown JSON ------------------------------------------------------------------------


def test_aif_edge_to_a_missing_node() -> None:
    text = json.dumps({"nodes": [{"nodeID": "1", "type": "I", "text": "a"}], "edges": [{"fromID": "1", "toID": "7"}]})
    error = error_of(from_aif_result, text)
    assert error.path == "edges[0].toID"
    assert "`7`, which is not in `nodes`" in error.message


def test_aif_node_without_type() -> None:
    error = error_of(from_aif_result, json.dumps({"nodes": [{"nodeID": 1, "text": "a"}], "edges": []}))
    assert (error.path, error.message) == ("nodes[0]", "missing key `type`")


def test_aif_id_of_the_wrong_type() -> None:
    error = error_of(from_aif_result, json.dumps({"nodes": [{"nodeID": [1], "type": "I"}], "edges": []}))
    assert error.path == "nodes[0].nodeID"
    assert "expected an id" in error.message


def test_xaif_wrapper_paths_start_at_AIF() -> None:
    error = error_of(from_aif_result, json.dumps({"AIF": {"nodes": [{"nodeID": "1"}], "edges": []}}))
    assert error.path == "AIF.nodes[0]"


def test_argdown_json_relation_to_nothing() -> None:
    text = json.dumps({"statements": {"A": {}}, "relations": [{"type": "attack", "from": "A", "to": "B"}]})
    error = error_of(from_argdown_json_result, text)
    assert error.path == "relations[0].to"
    assert "`B`" in error.message


# -- Kialo ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("hello\n1. x", 1, "expected `Discussion Title:`"),
        ("1. Thesis\n1.2.1. Pro: orphan", 2, "answers claim 1.2, which does not come before it"),
        ("1. Thesis\n1.1. Pro: a\n1.1. Con: b", 3, "numbered twice"),
        ("1. Thesis\n1.1. unmarked", 2, "neither `Pro:` nor `Con:`"),
        ("Discussion Title: t\n", 1, "no claims found"),
    ],
)
def test_kialo_errors_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(FormatError) as caught:
        from_kialo_result(text, "k.txt")
    assert caught.value.span.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"k.txt:{line}:")


# -- anything at all ------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "nodes",
        "edges",
        "nodeID",
        "type",
        "text",
        "fromID",
        "toID",
        "statements",
        "arguments",
        "relations",
        "members",
        "pcs",
        "title",
        "format",
        "version",
        "kind",
        "id",
        "target",
        "AIF",
        "locutions",
        "I",
        "RA",
        "CA",
    ]
)
shaped = st.recursive(
    st.none() | st.integers(-2, 3) | st.sampled_from(["I", "RA", "CA", "L", "YA", "1", "2", "argmap", "support"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=30,
)


@settings(max_examples=150)
@given(st.sampled_from(sorted(JSON_READERS)), json_values | shaped)
def test_json_readers_raise_only_format_errors(name: str, value: object) -> None:
    with contextlib.suppress(FormatError):
        JSON_READERS[name](json.dumps(value), "fuzz.json")


@settings(max_examples=150)
@given(
    st.sampled_from(sorted(TEXT_READERS)),
    st.lists(
        st.sampled_from(
            [
                "1. ",
                "1.1. Pro: ",
                "Con: ",
                "[A]: ",
                "<B>: ",
                "  + ",
                "  -> ",
                "(1) ",
                "----",
                "--",
                "# H",
                "===",
                "{k: v}",
                "#tag",
                "\\",
                "/*",
                "*/",
                "//",
                "\n",
                "\n\n",
                "text",
                "1.2. ",
            ]
        )
        | st.text(max_size=6),
        max_size=25,
    ).map("".join),
)
def test_text_readers_raise_only_format_errors(name: str, text: str) -> None:
    try:
        result = TEXT_READERS[name](text, "fuzz.txt")
    except FormatError:
        return
    import argmap

    assert argmap.loads(argmap.dumps(result.map)) == result.map


def _paths(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@given(json_values | shaped, st.sampled_from([None, 1, 2]))
def test_position_index_agrees_with_a_direct_scan(value: object, indent: int | None) -> None:
    from argmap.formats.jsonread import locate, parse_json

    text = json.dumps(value, indent=indent)
    root = parse_json(text, "p.json")
    for path in _paths(json.loads(text)):
        line, column = locate(text, path)
        assert line > 0
        assert root.positions.find(path) == (line, column)
        offset = sum(len(x) + 1 for x in text.split("\n")[: line - 1]) + column - 1
        # The value decoded from that offset is the value at that path.
        expected: object = json.loads(text)
        for part in path:
            expected = expected[part]  # type: ignore[index]
        assert json.JSONDecoder().raw_decode(text[offset:])[0] == expected


def test_messages_escape_control_characters_and_stay_short() -> None:
    doc = {
        "format": "argmap",
        "version": 1,
        "nodes": [{"kind": "claim", "id": "a\x1b[31m\u202e" + "x" * 500, "text": ""}],
    }
    error = error_of(from_json_result, json.dumps(doc))
    assert "\x1b" not in str(error) and "\u202e" not in str(error)
    assert "\\x1b[31m\\u202e" in error.message
    assert len(error.message) < 120
    long_title = "a very long statement " * 200
    warnings = from_argdown_result(f"[{long_title}]: x {{color: red}}\n", "t.argdown").warnings
    assert warnings and all(len(w.message) < 200 for w in warnings)


def test_carriage_returns_become_line_breaks_in_every_reader() -> None:
    doc = {"format": "argmap", "version": 1, "title": "t\r\n", "nodes": [{"kind": "claim", "id": "C", "text": "a\rb"}]}
    m = from_json_result(json.dumps(doc), "x").map
    assert (m.title, m.nodes[0].text) == ("t\n", "a\nb")
    aif = {"nodes": [{"nodeID": "a", "type": "I", "text": "x\r\ny"}], "edges": []}
    assert from_aif_result(json.dumps(aif), "x").map.nodes[0].text == "x\ny"
    assert from_kialo_result("1. x\r\ny\r\n", "x").map.nodes[0].text == "x\ny"
