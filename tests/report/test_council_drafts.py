"""A whole council's report rendered as a draft: its report.json lists the problems check found,
each told as a single report tells its own, and nothing of a part's complaints log is quoted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from reportkit import copy_example, edit

COUNCIL = "reports/annual-report-council-2024-25.yaml"
OTHER_LOG = "complaints/example-borough-council-other-services-2024-25.csv"
LGSCO_FILE = "assessments/example-borough-council-lgsco-2024-25.yaml"
LGSCO = "../" + LGSCO_FILE  # as the report names it
#: What a log cell holds that must never reach a published file.
PRIVATE = "PRIVATE-CELL-7Q"
#: The LGSCO part's first improvement's change, which E806 asks for when it is gone.
COUNCIL_TAX_CHANGE = (
    "        change: |\n"
    "          Every account now gets a reminder and a phone call before it goes to enforcement\n"
    "          agents, and the revenues team checks a sample each month.\n"
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_example(tmp_path)


def line_of(root: Path, text: str, path: str = COUNCIL) -> int:
    """Return the number of the file's line holding the text."""
    lines = (root / path).read_text("utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def break_the_other_services_log(root: Path) -> None:
    """Put words where the log's third line (its second complaint) gives the date received."""
    path = root / OTHER_LOG
    lines = path.read_text("utf-8").split("\n")
    cells = lines[2].split(",")
    cells[1] = PRIVATE
    lines[2] = ",".join(cells)
    path.write_text("\n".join(lines), "utf-8")


def test_a_draft_lists_an_error_in_a_part_and_one_in_a_parts_log(run: Run, root: Path) -> None:
    edit(root, COUNCIL_TAX_CHANGE, "", COUNCIL)
    break_the_other_services_log(root)
    improvement = line_of(root, "- theme: Council tax")
    assessment = line_of(root, f"assessment: {LGSCO}")
    result = run("report", "--as-of", "2025-07-01", "--draft", "-o", "out", COUNCIL)
    assert result.exit_code == 0, result.output
    folder = root / "out" / "annual-report-council-2024-25"
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert data["draft"] is True
    assert data["problems"] == [
        f"Error E801 at line {assessment}: assessment file '{LGSCO}' has 1 error; run "
        f"'selfassess check {LGSCO}' and fix it first",
        f"Error E806 at line {improvement}: improvement 'Council tax' has no change; say what "
        "was changed as a result of the learning (item 4 of the report is the improvements made)",
    ]
    # The terminal says what the log holds (it is the author's); no file written quotes it.
    assert PRIVATE in run("check", "--as-of", "2025-07-01", LGSCO_FILE).output
    for written in folder.rglob("*"):
        if written.is_file():
            assert PRIVATE.encode() not in written.read_bytes(), written


def test_the_parts_own_problems_are_not_listed_twice(run: Run, root: Path) -> None:
    edit(root, COUNCIL_TAX_CHANGE, "", COUNCIL)
    run("report", "--as-of", "2025-07-01", "--draft", "-o", "out", COUNCIL)
    data = json.loads((root / "out" / "annual-report-council-2024-25" / "report.json").read_text())
    assert [p.split(" at ")[0] for p in data["problems"]] == ["Error E806"]


def test_an_approved_council_report_lists_none(run: Run, root: Path) -> None:
    result = run("report", "--as-of", "2025-07-01", "-o", "out", COUNCIL)
    assert result.exit_code == 0, result.output
    data = json.loads((root / "out" / "annual-report-council-2024-25" / "report.json").read_text())
    assert (data["draft"], data["problems"]) == (False, [])
