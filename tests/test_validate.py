"""The validator on its own: pydantic's errors become E111-E115 at the user's line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfassess.models import Assessment
from selfassess.problems import InputError, Severity
from selfassess.validate import display_path, validate
from selfassess.yamlio import load_file

GOOD = """\
schema_version: 1
code: mini-code
landlord: {name: Test Homes}
period: 2024-25
responses:
  6.10:
    comply: Yes
"""


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        validate(load_file(path, "a.yaml"), Assessment)
    assert {p.severity for p in caught.value.problems} == {Severity.ERROR}
    return [p.format() for p in caught.value.problems]


def test_a_valid_file_gives_the_model(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assessment = validate(load_file(path), Assessment)
    assert (assessment.code, assessment.responses["6.10"].comply) == ("mini-code", "yes")


def test_e111_a_schema_version_this_release_does_not_read(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("schema_version: 1", "schema_version: 7")) == [
        "a.yaml:1:17: E111 schema_version 7 is not one this release reads (it reads 1); "
        "upgrade selfassess or use a version it reads"
    ]


def test_e112_a_value_of_the_wrong_type(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("period: 2024-25", "period: [2024]")) == [
        "a.yaml:4:9: E112 period: expected text"
    ]


def test_e113_a_required_field_is_missing(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("period: 2024-25\n", "")) == [
        "a.yaml:1:1: E113 the file is missing the required field 'period'"
    ]


def test_e114_an_unknown_field_with_a_suggestion(tmp_path: Path) -> None:
    text = GOOD.replace("{name: Test Homes}", "{name: Test Homes, homse: 5}")
    assert problems(tmp_path, text) == [
        "a.yaml:3:30: E114 unknown field 'homse' in landlord; did you mean 'homes'?"
    ]


def test_e115_comply_is_not_yes_or_no(tmp_path: Path) -> None:
    assert problems(tmp_path, GOOD.replace("comply: Yes", "comply: partly")) == [
        "a.yaml:7:13: E115 responses.\"6.10\".comply must be yes or no, found 'partly'; the "
        "Ombudsman's form has no other answer: answer no and explain what is in place"
    ]


def test_every_problem_is_reported_in_file_order(tmp_path: Path) -> None:
    text = GOOD.replace("schema_version: 1", "schema_version: 2").replace(
        "comply: Yes", "comply: partly"
    )
    assert [line.split(" ")[1] for line in problems(tmp_path, text)] == ["E111", "E115"]


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ((), "the file"),
        (("responses", "6.10", "actions", 0, "due"), 'responses."6.10".actions[1].due'),
        (("landlord", "name"), "landlord.name"),
    ],
)
def test_key_paths_are_written_as_the_user_sees_them(
    path: tuple[str | int, ...], shown: str
) -> None:
    assert display_path(path) == shown
