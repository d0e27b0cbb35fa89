"""Code edition files and edition map files, checked by their rule tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import write
from selfassess.check.codefiles import ENTRY_RULES, PROVISION_RULES
from selfassess.check.dispatch import check_file
from selfassess.problems import Problem

AS_OF = dt.date(2025, 7, 1)


def put(name: str, text: str) -> Path:
    """Write a file in the working folder and return its relative path."""
    write(Path.cwd(), name, text)
    return Path(name)


def lines(problems: list[Problem]) -> list[str]:
    return [p.format() for p in problems]


def test_the_tables_name_every_rule() -> None:
    assert [r.__name__ for r in PROVISION_RULES] == ["listed_once_in_order", "safe_source"]
    assert [r.__name__ for r in ENTRY_RULES] == ["provisions_exist", "removed_means_no_target"]


def test_a_map_file_is_checked_against_its_editions(mini: Path) -> None:
    text = (
        "schema_version: 1\nfrom_edition: mini-code\nto_edition: mini-draft\nmappings:\n"
        "  - {from: '9.9', to: ['1.2'], relation: same}\n"
        "  - {from: '1.2', to: [], relation: same}\n"
    )
    assert lines(check_file(put("m.yaml", text), AS_OF)) == [
        "m.yaml:5:5: E208 mini-code has no provision 9.9",
        "m.yaml:6:5: E208 1.2: 'removed' goes with an empty to: list, and only it",
    ]


def test_a_code_file_lists_each_provision_once_in_order(mini: Path) -> None:
    edition = (mini / "code_requirements" / "mini-code.yaml").read_text(encoding="utf-8")
    text = edition.replace('id: "1.2"', 'id: "1.1"').replace(
        "source: https://", "source: javascript://", 1
    )
    assert lines(check_file(put("code.yaml", text), AS_OF)) == [
        "code.yaml:8:9: W310 source 'javascript://example.org/code' is not an http, https or "
        "mailto link; it will be published as plain text",
        "code.yaml:20:9: E209 provision 1.1 is listed twice",
    ]


def test_a_map_to_an_unknown_edition_names_the_known_ones(mini: Path) -> None:
    text = "schema_version: 1\nfrom_edition: mini-code\nto_edition: nowhere\nmappings: []\n"
    assert lines(check_file(put("m.yaml", text), AS_OF)) == [
        "m.yaml:3:13: E201 unknown Code edition 'nowhere' "
        "(known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024, mini-code, mini-draft)"
    ]


def test_the_bundled_editions_and_map_are_clean(mini: Path) -> None:
    root = Path(__file__).resolve().parents[2] / "code_requirements"
    files = [*root.glob("hos-chc-*.yaml"), *root.glob("maps/*.yaml")]
    assert files and [p for f in files for p in check_file(f, AS_OF)] == []


FORM = """\
form:
  columns:
    id: Paragraph
    requirement: What the Code says
    comply: Met?
    evidence: Our evidence
    commentary: Notes
  submission:
    columns:
      - {heading: Paragraph, value: provision}
      - {heading: Must or should, value: modality}
"""


def test_a_form_that_would_not_read_back_is_located(mini: Path) -> None:
    edition = (mini / "code_requirements" / "mini-code.yaml").read_text(encoding="utf-8")
    text = edition.replace("sections:\n", FORM + "sections:\n", 1)
    assert lines(check_file(put("code.yaml", text), AS_OF)) == [
        "code.yaml:13:18: W231 selfassess import would not read 'What the Code says' back as the "
        "requirement column of the Word form; use a heading with a word such as 'requirement'",
        "code.yaml:14:13: W231 selfassess import would not read 'Met?' back as the comply column "
        "of the Word form; use a heading with a word such as 'comply' or 'compliance'",
        "code.yaml:16:17: W231 selfassess import would not read 'Notes' back as the commentary "
        "column of the Word form; use a heading with a word such as 'commentary' or 'explanation'",
        "code.yaml:18:5: W231 submission.csv has no column with value: answer; the form needs "
        "each provision's id and its answer",
    ]


def test_a_form_of_unknown_values_is_a_located_error(mini: Path) -> None:
    edition = (mini / "code_requirements" / "mini-code.yaml").read_text(encoding="utf-8")
    text = edition.replace(
        "sections:\n", "form:\n  submission:\n    columns: [{heading: X, value: date}]\n"
        "  colums: {}\nsections:\n", 1,
    )  # fmt: skip
    assert lines(check_file(put("code.yaml", text), AS_OF)) == [
        "code.yaml:12:35: E112 form.submission.columns[1].value: expected 'provision', "
        "'requirement', 'modality' or 'answer', found 'date'",
        "code.yaml:13:3: E114 unknown field 'colums' in form; did you mean 'columns'?",
    ]


TIMESCALES = """\
schema_version: 1
edition: mini-code
timescales:
  - {id: a, provision: "6.1", stage: 1, measure: acknowledgement, working_days: 5, counted_from: x, source: null, confirmed: false}
  - {id: b, provision: "6.1", stage: 1, measure: response, working_days: 10, counted_from: x, source: null, confirmed: false}
  - {id: c, provision: "6.1", stage: 1, measure: extension, working_days: 10, counted_from: x, source: null, confirmed: false}
  - {id: d, provision: "6.10", stage: 2, measure: acknowledgement, working_days: 5, counted_from: x, source: null, confirmed: false}
  - {id: e, provision: "6.14", stage: 2, measure: response, working_days: 20, counted_from: x, source: null, confirmed: false}
  - {id: f, provision: "6.10", stage: 2, measure: extension, working_days: 20, counted_from: x, source: null, confirmed: false}
stage_2_handler: {provision: "6.13", source: null, confirmed: false}
"""


def test_a_timescales_file_is_held_against_its_edition(mini: Path) -> None:
    path = put("code_requirements/mini-code-timescales.yaml", TIMESCALES)
    assert lines(check_file(path, AS_OF)) == [
        "code_requirements/mini-code-timescales.yaml:8:24: E232 mini-code has no provision 6.14",
        "code_requirements/mini-code-timescales.yaml:10:30: E232 mini-code has no provision 6.13",
    ]


def test_a_timescales_file_named_for_another_edition_is_never_used(mini: Path) -> None:
    text = TIMESCALES.replace("6.14", "6.10").replace("6.13", "6.10")
    assert lines(check_file(put("mini-draft-timescales.yaml", text), AS_OF)) == [
        "mini-draft-timescales.yaml:2:10: E231 selfassess finds the timescales of mini-code by "
        "the file name mini-code-timescales.yaml; this file is mini-draft-timescales.yaml, so it "
        "is never used",
    ]
    unknown = text.replace("edition: mini-code", "edition: nowhere")
    assert lines(check_file(put("nowhere-timescales.yaml", unknown), AS_OF)) == [
        "nowhere-timescales.yaml:2:10: E201 unknown Code edition 'nowhere' "
        "(known: hos-chc-2022, hos-chc-2024, lgsco-chc-2024, mini-code, mini-draft)",
    ]


def test_the_bundled_timescales_point_at_the_housing_codes_handler_provision() -> None:
    from selfassess.code.timescales import load_timescales

    rule = load_timescales("hos-chc-2024").stage_2_handler
    assert rule is not None and rule.provision == "6.13" and rule.confirmed
