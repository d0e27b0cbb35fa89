"""JSON Schemas (draft-07) of the file formats, for editors and other tools."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from selfassess.casework.models import Register
from selfassess.code.deadlines import DeadlineRules
from selfassess.code.timescales import Timescales
from selfassess.models import Assessment, CodeEdition, EditionMap
from selfassess.render.jsondoc import json_document
from selfassess.report.model import AnnualReport

KINDS: dict[str, type[BaseModel]] = {
    "assessment": Assessment,
    "code": CodeEdition,
    "map": EditionMap,
    "deadlines": DeadlineRules,
    "timescales": Timescales,
    "casework": Register,
    "report": AnnualReport,
}
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schema(kind: str) -> dict[str, Any]:
    """Return the draft-07 JSON Schema of one file format."""
    model = KINDS[kind]
    generated = model.model_json_schema(ref_template="#/definitions/{model}", by_alias=True)
    definitions = generated.pop("$defs", {})
    result: dict[str, Any] = {"$schema": DRAFT_07, **generated}
    if definitions:
        result["definitions"] = definitions
    return result


def schema_json(kind: str) -> str:
    """Return the schema as stable, indented JSON text."""
    return json_document(schema(kind), sort_keys=True)
