"""argmap JSON: output valid against docs/argmap.schema.json, golden output, hostile text.

jsonschema is not a dependency, so ``validate`` below implements the part of JSON Schema the
schema file uses (type, const, enum, not, pattern, required, properties,
additionalProperties, items, minItems, minimum, $ref); an unknown keyword fails the test, so
the schema cannot grow beyond what is checked here.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import argmap
from argmap.formats import SCHEMA_VERSION, from_json, to_json
from argmap.model import Map, Node, NodeKind
from tests.strategies import maps

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "argmap.schema.json").read_text(encoding="utf-8"))
GOLDEN = ROOT / "tests" / "data" / "interchange" / "golden"

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "integer": int,
}
_KNOWN = {
    "$schema",
    "$id",
    "$defs",
    "title",
    "description",
    "type",
    "const",
    "enum",
    "not",
    "pattern",
    "required",
    "properties",
    "additionalProperties",
    "items",
    "minItems",
    "minimum",
    "$ref",
}


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    """Problems of ``value`` against ``schema`` (empty when valid)."""
    unknown = set(schema) - _KNOWN
    assert not unknown, f"schema keyword(s) {unknown} are not checked by this test"
    if "$ref" in schema:
        target: Any = SCHEMA
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        return validate(value, target, path)
    problems: list[str] = []
    if "type" in schema:
        kind = _TYPES[schema["type"]]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            return [f"{path}: expected {schema['type']}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{path}: expected {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{path}: {value!r} not in enum")
    if "not" in schema and not validate(value, schema["not"], path):
        problems.append(f"{path}: matches a forbidden schema")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        problems.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{path}: below minimum")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{path}: missing {key}")
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                problems += validate(item, properties[key], f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{path}: unexpected key {key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            problems.append(f"{path}: too few items")
        if "items" in schema:
            for index, item in enumerate(value):
                problems += validate(item, schema["items"], f"{path}[{index}]")
    return problems


def test_the_validator_catches_mistakes() -> None:
    good = json.loads(to_json(argmap.load(ROOT / "tests" / "data" / "language_example.arg")))
    assert validate(good, SCHEMA) == []
    bad = json.loads(json.dumps(good))
    bad["nodes"][0]["kind"] = "axiom"
    bad["nodes"][1]["id"] = "premise"
    bad["relations"][0]["members"] = []
    bad["extra"] = 1
    del bad["version"]
    assert len(validate(bad, SCHEMA)) == 5


def test_schema_states_the_version_written() -> None:
    assert SCHEMA["properties"]["version"]["const"] == SCHEMA_VERSION
    assert json.loads(to_json(Map()))["version"] == SCHEMA_VERSION


@given(maps())
def test_output_is_valid_against_the_schema(m: Map) -> None:
    assert validate(json.loads(to_json(m, spans=True)), SCHEMA) == []
    assert validate(json.loads(to_json(m)), SCHEMA) == []


def test_golden_json_of_the_language_example() -> None:
    m = argmap.load(ROOT / "tests" / "data" / "language_example.arg")
    out = to_json(m)
    golden = GOLDEN / "language_example.json"
    if os.environ.get("ARGMAP_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")


HOSTILE = 'say "no" ]]> <script>alert(1)</script> \\ \n\t\u2028 {"a": 1} [x] \x01 é'


def test_hostile_text_survives_and_stays_one_json_document() -> None:
    m = Map(title=HOSTILE, nodes=(Node(NodeKind.CLAIM, "C1", HOSTILE, note=HOSTILE),))
    text = to_json(m)
    assert from_json(text) == m
    assert "<script>" in json.loads(text)["nodes"][0]["text"]
    assert text.count("\n") == len(text.splitlines())  # every raw newline is layout, none from the text
    assert "\x01" not in text  # control characters are escaped


@pytest.mark.parametrize("missing", ["sources", "persons", "nodes", "relations"])
def test_omitted_lists_read_as_empty(missing: str) -> None:
    data = json.loads(to_json(Map(nodes=(Node(NodeKind.CLAIM, "C1", "c"),))))
    del data[missing]
    assert from_json(json.dumps(data)).nodes == ((Node(NodeKind.CLAIM, "C1", "c"),) if missing != "nodes" else ())
