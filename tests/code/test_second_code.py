"""A second Code is data only: its edition, timescales and form layout, and no code.

A made-up Code (test-code-2030) is written as YAML into a fresh folder's
code_requirements/, with limits that differ from the housing Code's (3, 15 and 5 working
days at stage 1; 2, 25 and 10 at stage 2), its stages' provisions numbered in section 4, its
different-handler rule at 4.5, and its own form headings and submission.csv layout. Each
command then measures, checks and lays out by that data.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Run
from selfassess.models import Assessment
from selfassess.validate import validate
from selfassess.yamlio import load_file

EDITION = """\
schema_version: 1
id: test-code-2030
title: Test Complaint Code
publisher: Test Ombudsman
edition: "2030"
effective_from: 2030-01-01
source: https://example.org/test-code
complete: false
form:
  submitted_to: the Test Ombudsman
  columns:
    id: Paragraph
    requirement: What the requirement says
    comply: Do we comply?
    evidence: Our evidence
    commentary: Explanation and comments
  submission:
    columns:
      - {heading: Paragraph, value: provision}
      - {heading: Must or should, value: modality}
      - {heading: Compliant (Y/N), value: answer}
    answers: {comply: "Y", do_not_comply: "N", unanswered: not answered}
sections:
  - number: 1
    title: Definitions
    provisions:
      - {id: "1.1", modality: must, summary: Opening words, assessed: false}
      - {id: "1.2", modality: should, summary: Define a complaint}
  - number: 4
    title: Stages
    parts:
      - title: Stage 1
        provisions:
          - {id: "4.1", modality: must, summary: Acknowledge in 3 days}
          - {id: "4.2", modality: must, summary: Respond in 15 days}
          - {id: "4.3", modality: must, summary: Extend by 5 days at most}
      - title: Stage 2
        provisions:
          - {id: "4.4", modality: must, summary: Acknowledge in 2 days}
          - {id: "4.5", modality: must, summary: Another person handles stage 2}
          - {id: "4.6", modality: must, summary: Respond in 25 days}
          - {id: "4.7", modality: should, summary: Extend by 10 days at most}
"""


def _limit(stage: int, measure: str, days: int, provision: str) -> str:
    return (
        f"  - {{id: s{stage}-{measure}, provision: '{provision}', stage: {stage}, "
        f"measure: {measure}, working_days: {days}, counted_from: x, source: null, "
        "confirmed: false}\n"
    )


TIMESCALES = (
    "schema_version: 1\nedition: test-code-2030\ntimescales:\n"
    + _limit(1, "acknowledgement", 3, "4.1")
    + _limit(1, "response", 15, "4.2")
    + _limit(1, "extension", 5, "4.3")
    + _limit(2, "acknowledgement", 2, "4.4")
    + _limit(2, "response", 25, "4.6")
    + _limit(2, "extension", 10, "4.7")
    + "stage_2_handler: {provision: '4.5', source: null, confirmed: false}\n"
)

ASSESSMENT = """\
schema_version: 1
code: test-code-2030
landlord: {name: Test Council, homes: 1000}
period: 2024-25
status: draft
assessed_on: 2025-05-01
practice:
  log: log.csv
responses:
  "4.1": {comply: no, explanation: Three days is tight., compliance_date: 2025-12-31}
  "4.2": {comply: yes, evidence: [Log]}
  "4.3": {comply: yes, evidence: [Log]}
  "4.4": {comply: yes, evidence: [Log]}
  "4.5": {comply: yes, evidence: [Rota]}
  "4.6": {comply: yes, evidence: [Log]}
  "4.7": {comply: yes, evidence: [Log]}
"""

# Received Monday 3 June 2024. By the test Code: A1's stage 1 response is due 15 working
# days after its acknowledgement of 4 June (25 June; the housing Code's 10 would make it
# 18 June and the reply of 21 June late); A2's acknowledgement of 7 June is 4 working days
# on (the test Code allows 3), so its response is due 15 working days after 6 June, the
# last day it was due: 27 June, and 28 June is a day late. A1's stage 2 (escalated 24 June,
# acknowledged 25 June) is due 25 working days later, 30 July (the housing Code's 20: 23
# July), and was handled by its stage 1 handler, Ann.
HEADER = (
    "reference,received,acknowledged,extended_to,extension_reason,responded,outcome,"
    "refusal_reason,category,handler,escalated,s2_acknowledged,s2_extended_to,"
    "s2_extension_reason,s2_responded,s2_outcome,s2_handler,compensation,tenure"
)
ROWS = (
    "A1,03/06/2024,04/06/2024,,,21/06/2024,upheld,,Repairs,Ann,"
    "24/06/2024,25/06/2024,,,26/07/2024,not upheld,ann,,tenant",
    "A2,03/06/2024,07/06/2024,,,28/06/2024,upheld,,Repairs,Bob,,,,,,,,,tenant",
    "A3,03/06/2024,04/06/2024,,,14/06/2024,upheld,,Repairs,Cat,"
    "17/06/2024,18/06/2024,,,01/07/2024,upheld,Dee,,tenant",
)


@pytest.fixture
def council(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder holding the test Code as data, an assessment against it and its log."""
    code = tmp_path / "code_requirements"
    code.mkdir()
    (code / "test-code-2030.yaml").write_text(EDITION, encoding="utf-8")
    (code / "test-code-2030-timescales.yaml").write_text(TIMESCALES, encoding="utf-8")
    (tmp_path / "a.yaml").write_text(ASSESSMENT, encoding="utf-8")
    (tmp_path / "log.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_code_files_check_clean(run: Run, council: Path) -> None:
    result = run(
        "check",
        "code_requirements/test-code-2030.yaml",
        "code_requirements/test-code-2030-timescales.yaml",
    )
    assert result.output == "No problems in 2 files.\n"


def test_practice_is_measured_by_the_codes_own_limits(run: Run, council: Path) -> None:
    result = run(
        "practice", "--assessment", "a.yaml", "--as-of", "2025-07-01", "--format", "json", "log.csv"
    )
    figures = json.loads(result.output)
    assert [(t["provision"], t["working_days"]) for t in figures["timescales"]] == [
        ("4.1", 3), ("4.2", 15), ("4.3", 5), ("4.4", 2), ("4.6", 25), ("4.7", 10),
    ]  # fmt: skip
    stage_1, stage_2 = figures["stage_1"], figures["stage_2"]
    assert (stage_1["responded"], stage_1["responded_on_time"]) == (3, 2)
    assert (stage_1["acknowledged_on_time"], stage_2["responded_on_time"]) == (2, 2)


def test_verdicts_give_the_due_dates_of_the_codes_limits(run: Run, council: Path) -> None:
    run("practice", "--assessment", "a.yaml", "--as-of", "2025-07-01", "-o", "out", "log.csv")
    text = (council / "out" / "verdicts.csv").read_text(encoding="utf-8")
    due = {
        (r["reference"], r["stage"]): r["response due"] for r in csv.DictReader(io.StringIO(text))
    }
    assert due == {
        ("A1", "1"): "2024-06-25",
        ("A1", "2"): "2024-07-30",
        ("A2", "1"): "2024-06-27",
        ("A3", "1"): "2024-06-25",
        ("A3", "2"): "2024-07-23",
    }


def test_check_holds_the_answers_to_the_codes_provisions(run: Run, council: Path) -> None:
    result = run("check", "--as-of", "2025-07-01", "--ignore", "W308", "--ignore", "W313", "a.yaml")
    assert result.output.splitlines() == [
        "a.yaml:11:11: W601 4.2 answered yes, but 1 of 3 stage 1 responses in log.csv (2024-25) "
        "were late (34%; the threshold is 95% on time); answer no and explain, or correct the log",
        "a.yaml:14:11: W602 4.5 answered yes, but stage 2 of 1 complaint in log.csv (2024-25) "
        "was handled by the stage 1 handler: A1",
        "0 errors, 2 warnings in 1 file.",
    ]


def test_submission_csv_is_laid_out_from_the_codes_form(run: Run, council: Path) -> None:
    run("render", "--as-of", "2025-07-01", "--format", "submission", "a.yaml")
    text = (council / "build" / "a" / "submission.csv").read_bytes().decode("utf-8")
    assert text == (
        "\ufeffParagraph,Must or should,Compliant (Y/N)\r\n"
        "1.2,should,not answered\r\n"
        "4.1,must,N\r\n4.2,must,Y\r\n4.3,must,Y\r\n"
        "4.4,must,Y\r\n4.5,must,Y\r\n4.6,must,Y\r\n4.7,should,Y\r\n"
    )


HEADINGS = [
    "Paragraph",
    "What the requirement says",
    "Do we comply?",
    "Our evidence",
    "Explanation and comments",
]


def test_the_word_form_has_the_codes_columns_and_reads_back(run: Run, council: Path) -> None:
    import docx

    run("render", "--as-of", "2025-07-01", "--format", "docx", "a.yaml")
    path = council / "build" / "a" / "self-assessment.docx"
    tables = docx.Document(str(path)).tables
    assert len(tables) == 3  # section 1, and section 4's two stages
    assert all([c.text for c in t.rows[0].cells] == HEADINGS for t in tables)
    # --code: import weighs a form's layout by the housing forms' years, so names the edition.
    result = run(
        "import", "--code", "test-code-2030", "--as-of", "2025-07-01", "-o", "back.yaml", str(path)
    )
    assert result.exit_code == 0, result.output
    back = validate(load_file(council / "back.yaml"), Assessment)
    assert back.code == "test-code-2030"
    answers = {pid: response.comply for pid, response in back.responses.items()}
    assert answers == {"1.2": None, "4.1": "no", **{f"4.{n}": "yes" for n in range(2, 8)}}
    assert "1.2: the Comply cell said 'Not answered'" in result.output


PUBLISHED = """\
status: published
published_on: 2025-06-10
submitted_on: 2025-06-12
governance:
  approval: {date: 2025-06-01}
"""


def test_the_page_has_the_codes_columns_and_its_ombudsman(run: Run, council: Path) -> None:
    text = (
        ASSESSMENT.replace("status: draft\n", PUBLISHED)
        + '  "1.2": {comply: yes, evidence: [Policy]}\n'
    )
    (council / "a.yaml").write_text(text, encoding="utf-8")
    result = run("render", "--as-of", "2025-07-01", "--format", "html", "a.yaml")
    assert result.exit_code == 0, result.output
    page = (council / "build" / "a" / "self-assessment.html").read_text(encoding="utf-8")
    header = "".join(f'<th scope="col" role="columnheader">{h}</th>' for h in HEADINGS)
    assert page.count(header) == 3
    assert "Submitted to the Test Ombudsman" in page
    for heading in ("Code requirement", "Comply: Yes / No", "Commentary / explanation"):
        assert heading not in page  # the housing form's
    assert "Housing Ombudsman" not in page


def test_code_import_writes_the_codes_form_back_whole(council: Path) -> None:
    from selfassess.code.catalogue import Catalogue
    from selfassess.code.dump import dump_edition
    from selfassess.models import CodeEdition

    edition = Catalogue.near(council / "a.yaml").require("test-code-2030")
    text = dump_edition(edition)
    (council / "again.yaml").write_text(text, encoding="utf-8")
    assert validate(load_file(council / "again.yaml"), CodeEdition) == edition
    start = text.index("form:\n")
    assert text[start : text.index("sections:\n")] == (
        "form:\n  submitted_to: the Test Ombudsman\n  columns:\n    id: Paragraph\n"
        "    requirement: What the requirement says\n    comply: Do we comply?\n"
        "    evidence: Our evidence\n    commentary: Explanation and comments\n"
        "  submission:\n    columns:\n      - heading: Paragraph\n        value: provision\n"
        "      - heading: Must or should\n        value: modality\n"
        "      - heading: Compliant (Y/N)\n        value: answer\n    answers:\n"
        "      comply: Y\n      do_not_comply: N\n      unanswered: not answered\n"
    )


def test_the_markdown_uses_the_codes_column_words(run: Run, council: Path) -> None:
    run("render", "--as-of", "2025-07-01", "--format", "md", "a.yaml")
    text = (council / "build" / "a" / "self-assessment.md").read_text(encoding="utf-8")
    assert text.count("| Paragraph | Requirement | Do we comply? |\n") == 3
    assert text.count("**What the requirement says:**") == 8  # every provision shown
    assert text.count("**Our evidence:**") == 6  # 4.2 to 4.7 give evidence
    assert "Code requirement" not in text and "Comply: Yes / No" not in text
