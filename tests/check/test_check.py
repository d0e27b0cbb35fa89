"""The check package called directly: any kind of file in, located problems out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import FIXTURES, write
from selfassess.check import check_assessment, load_assessment
from selfassess.check.dispatch import check_file, check_files
from selfassess.check.kinds import file_kind
from selfassess.problemcodes import severity
from selfassess.problems import InputError, Severity
from selfassess.yamlio import load_file

CLEAN = (FIXTURES / "mini" / "clean.yaml").read_text(encoding="utf-8")
AS_OF = dt.date(2025, 7, 1)


def put(name: str, text: str) -> Path:
    """Write a file in the working folder and return its relative path."""
    write(Path.cwd(), name, text)
    return Path(name)


def lines(problems: list[object]) -> list[str]:
    return [p.format() for p in problems]  # type: ignore[attr-defined]


def test_a_clean_assessment_has_no_problems(mini: Path) -> None:
    assert check_file(Path("clean.yaml"), AS_OF) == []


def test_problems_carry_the_registry_severity(mini: Path) -> None:
    text = CLEAN.replace("owner: hoc", "owner: ceo")
    found = check_file(put("a.yaml", text), dt.date(2025, 10, 1))
    assert lines(found) == [
        "a.yaml:30:16: E207 owner 'ceo' is not in owners (known: hoc)",
        "a.yaml:31:9: W301 action for 6.10 was due 2025-09-30 and is in progress",
    ]
    assert [p.severity for p in found] == [Severity.ERROR, Severity.WARNING]
    assert all(p.severity == severity(p.code) for p in found)


def test_a_file_that_does_not_load_gives_its_loader_problem(mini: Path) -> None:
    found = check_file(put("a.yaml", "a: [1,\n"), AS_OF)
    assert [p.code for p in found] == ["E101"]


def test_check_assessment_returns_no_model_for_an_unknown_edition(mini: Path) -> None:
    path = put("a.yaml", CLEAN.replace("code: mini-code", "code: nowhere"))
    checked, found = check_assessment(load_file(path), AS_OF)
    assert checked is None
    assert lines(found) == [
        "a.yaml:2:7: E201 unknown Code edition 'nowhere' "
        "(known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024, mini-code, mini-draft)"
    ]


def test_check_assessment_gives_the_model_edition_and_problems(mini: Path) -> None:
    text = CLEAN.replace(
        "comply: yes\n    evidence:\n      - Complaints policy, paragraph 2\n", "comply: yes\n"
    )
    checked, found = check_assessment(load_file(put("a.yaml", text)), AS_OF)
    assert checked is not None
    assert (checked.assessment.code, checked.edition.id) == ("mini-code", "mini-code")
    assert checked.problems == found
    assert [p.code for p in found] == ["W303"]


def test_load_assessment_raises_when_it_cannot_be_used(mini: Path) -> None:
    path = put("a.yaml", CLEAN.replace("code: mini-code", "code: nowhere"))
    with pytest.raises(InputError) as caught:
        load_assessment(path, AS_OF)
    assert [p.code for p in caught.value.problems] == ["E201"]


def test_check_files_sorts_errors_first_and_drops_repeats(mini: Path) -> None:
    put("b.yaml", CLEAN.replace("comply: Yes", "comply: partial"))
    put("c.yaml", CLEAN.replace("due: 2025-09-30", "due: 2025-06-30"))
    report = check_files([Path("c.yaml"), Path("b.yaml"), Path("c.yaml")], AS_OF)
    assert report.files == ["c.yaml", "b.yaml", "c.yaml"]
    assert [(p.file, p.code) for p in report.problems] == [("b.yaml", "E115"), ("c.yaml", "W301")]
    assert report.failed() and report.failed(strict=True)


@pytest.mark.parametrize(
    ("keys", "kind"),
    [
        ({"sections": []}, "code"),
        ({"mappings": []}, "map"),
        ({"rules": []}, "deadlines"),
        ({"responses": {}}, "assessment"),
    ],
)
def test_file_kind_is_told_by_the_keys(keys: dict[str, object], kind: str) -> None:
    assert file_kind(keys) == kind
