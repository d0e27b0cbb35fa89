"""The bundled Code: both editions and the map pass check, and their texts are the verified ones."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, Run
from selfassess.models import CodeEdition, EditionMap
from selfassess.validate import validate
from selfassess.yamlio import load_file

CODE = ROOT / "code_requirements"
EDITIONS = ["hos-chc-2022", "hos-chc-2024"]
MAP = CODE / "maps" / "hos-chc-2022--hos-chc-2024.yaml"
REFERENCE = ROOT.parent / "shared" / "reference"
# Where the bundled text follows its cited source more closely than the reference does:
# the reference adds a final full stop to 2024 2.1 that Oxford's copy, the source given, lacks.
FOLLOWS_SOURCE = {("hos-chc-2024", "2.1"): "."}


def edition(edition_id: str) -> CodeEdition:
    return validate(load_file(CODE / f"{edition_id}.yaml"), CodeEdition)


def reference(name: str) -> Any:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"the reference material ({REFERENCE}) is not beside this checkout")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def reference_texts(edition_id: str) -> dict[str, str | None]:
    """Return the reference's verified text by id (None where it has none, or only part)."""
    data = reference(f"{edition_id}.yaml")
    return {
        p["id"]: p["text"] if p.get("text_complete", True) else None
        for section in data["sections"]
        for p in section["provisions"]
    }


@pytest.mark.parametrize("path", [*(CODE / f"{e}.yaml" for e in EDITIONS), MAP])
def test_each_bundled_file_passes_check(run: Run, path: Path) -> None:
    result = run("check", str(path))
    assert (result.exit_code, result.output) == (0, "No problems in 1 file.\n")


def test_the_editions_and_map_pass_check_together(run: Run) -> None:
    paths = [str(CODE / f"{e}.yaml") for e in EDITIONS] + [str(MAP)]
    assert run("check", "--strict", *paths).output == "No problems in 3 files.\n"


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_ids_are_unique_in_order_and_in_their_section(edition_id: str) -> None:
    code = edition(edition_id)
    keys = [tuple(int(n) for n in p.id.split(".")) for _, p in code.provisions()]
    assert keys == sorted(set(keys))
    assert all(
        key[0] == section.number for (section, _), key in zip(code.provisions(), keys, strict=True)
    )


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_every_text_has_a_web_source(edition_id: str) -> None:
    for _, provision in edition(edition_id).provisions():
        if provision.text is not None:
            assert (provision.source or "").startswith(("https://", "http://")), provision.id
        else:
            assert provision.source is None, provision.id


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_texts_are_the_references_character_for_character(edition_id: str) -> None:
    verified = reference_texts(edition_id)
    for _, provision in edition(edition_id).provisions():
        expected = verified.get(provision.id)
        if expected is not None:
            added = FOLLOWS_SOURCE.get((edition_id, provision.id), "")
            assert (provision.text or "") + added == expected, provision.id
        elif provision.text is not None:
            # Verified later than the reference: the note must say where else it was seen.
            assert provision.note, f"{provision.id} has text the reference lacks but no note"


def test_the_2022_edition_holds_every_provision_the_reference_recovered() -> None:
    code = edition("hos-chc-2022")
    data = reference("hos-chc-2022.yaml")
    recovered = {p["id"]: p for section in data["sections"] for p in section["provisions"]}
    assert sorted(p.id for _, p in code.provisions()) == sorted(recovered)
    for section, provision in code.provisions():
        item = recovered[provision.id]
        assert provision.modality == item["modality"]
        if "stage" in item:
            assert section.part_of(provision.id) == f"Stage {item['stage']}"
    assert [p.id for _, p in code.provisions() if p.text is None] == ["1.4", "7.6"]
    assert [s.title for s in code.sections][2] == "Complaint handling personnel"


def test_the_map_is_the_references() -> None:
    edition_map = validate(load_file(MAP), EditionMap)
    expected = sorted(
        reference("map-2022-to-2024.yaml"), key=lambda e: [int(n) for n in e["from"].split(".")]
    )
    assert [(m.from_, m.to, m.relation, m.confidence) for m in edition_map.mappings] == [
        (e["from"], e["to"], e["relation"], e["confidence"]) for e in expected
    ]


def test_every_2022_provision_is_mapped_once() -> None:
    edition_map = validate(load_file(MAP), EditionMap)
    froms = [m.from_ for m in edition_map.mappings]
    assert sorted(froms) == sorted(p.id for _, p in edition("hos-chc-2022").provisions())
    assert len(froms) == len(set(froms))


def test_code_file_problems_point_at_the_provision(run: Run, tmp_path: Path) -> None:
    text = (
        ROOT / "tests" / "fixtures" / "mini" / "code_requirements" / "mini-code.yaml"
    ).read_text(encoding="utf-8")
    text = text.replace('id: "6.1"', 'id: "1.3"').replace(
        "source: https://example.org/code#1.2", "source: 'javascript:alert(1)'"
    )
    path = tmp_path / "mini-code.yaml"
    path.write_text(text, encoding="utf-8")
    assert run("check", str(path)).output.splitlines() == [
        f"{path}:30:13: E209 provision 1.3 is in section 6",
        f"{path}:24:17: W310 source 'javascript:alert(1)' is not an http, https or mailto link; "
        "it will be published as plain text",
        "1 error, 1 warning in 1 file.",
    ]
