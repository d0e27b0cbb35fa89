"""The JSON Schemas: draft-07, committed, and matching the models."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, Run
from selfassess.check.schema import KINDS, schema_json


@pytest.mark.parametrize("kind", list(KINDS))
def test_committed_schema_matches_the_models(kind: str) -> None:
    committed = (ROOT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(kind), (
        f"schemas/{kind}.schema.json is stale: run 'selfassess schema --kind {kind} > "
        f"schemas/{kind}.schema.json'"
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_draft_07_with_definitions(run: Run, kind: str) -> None:
    data = json.loads(run("schema", "--kind", kind).output)
    assert data["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in json.dumps(data)
    assert data["properties"]["schema_version"]["description"]


def test_comply_is_an_enum_of_yes_and_no() -> None:
    data = json.loads(schema_json("assessment"))
    comply = data["definitions"]["Response"]["properties"]["comply"]
    assert {"enum": ["yes", "no"], "type": "string"} in comply["anyOf"]


def test_every_shipped_yaml_names_its_schema() -> None:
    expected = {
        "assessments": "assessment",
        "code_requirements": "code",
        "maps": "map",
        "reports": "report",
        "casework": "casework",
    }
    shipped = sorted((ROOT / "assessments").glob("*.yaml"))
    shipped += sorted((ROOT / "casework").glob("*.yaml"))
    shipped += sorted((ROOT / "reports").glob("*.yaml"))
    for path in shipped + sorted((ROOT / "code_requirements").rglob("*.yaml")):
        kind = "deadlines" if path.name == "deadlines.yaml" else expected[path.parent.name]
        kind = "timescales" if path.stem.endswith("-timescales") else kind
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=") and first.endswith(
            f"schemas/{kind}.schema.json"
        ), path
