"""`selfassess report` through the command line: exact output, errors, drafts, and no overwrites."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from conftest import Run
from renderkit import docx_text
from reportkit import REPORT, copy_example, edit


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_example(tmp_path)


def test_writes_every_output_and_says_so(run: Run, root: Path) -> None:
    result = run("report", "--as-of", "2025-07-01", REPORT)
    folder = Path("build") / "annual-report-2024-25"
    names = [
        "annual-report.html",
        "annual-report.md",
        "annual-report.docx",
        "figures.csv",
        "self-assessment.html",
        "self-assessment.md",
        "self-assessment.docx",
        "report.json",
    ]
    assert (result.exit_code, result.output) == (0, "".join(f"wrote {folder / n}\n" for n in names))


def test_a_report_with_errors_is_not_rendered(run: Run, root: Path) -> None:
    edit(root, "casework: ../casework/ombudsman-2024-25.yaml", "casework: gone.yaml")
    result = run("report", "--as-of", "2025-07-01", "-o", "out", REPORT)
    assert (result.exit_code, result.output) == (
        1,
        f"{REPORT}:4:11: E805 casework file 'gone.yaml' does not exist (paths are relative to this file)\n"
        f"{REPORT}: not rendered (1 error); fix it, or use --draft\n",
    )
    assert not (root / "out").exists()


def test_a_draft_renders_with_its_problems_on_the_terminal_not_the_page(
    run: Run, root: Path
) -> None:
    edit(root, "casework: ../casework/ombudsman-2024-25.yaml", "casework: gone.yaml")
    result = run("report", "--as-of", "2025-07-01", "--draft", "-o", "out", REPORT)
    assert result.exit_code == 0
    page = lxml.html.fromstring(
        (root / "out" / "annual-report-2024-25" / "annual-report.html").read_bytes()
    )
    assert page.find(".//meta[@name='robots']").get("content") == "noindex"
    assert result.output.startswith(f"{REPORT}:4:11: E805 casework file 'gone.yaml' does not exist")
    note = page.find(".//div[@role='note']").text_content()
    assert "Draft — not approved" in note
    assert "E805" not in note and "line 4" not in note and "gone.yaml" not in note


def test_an_unusable_assessment_stops_the_report_even_as_a_draft(run: Run, root: Path) -> None:
    edit(
        root,
        "assessment: ../assessments/example-borough-council-2024-25.yaml",
        "assessment: ../nope.yaml",
    )
    result = run("report", "--as-of", "2025-07-01", "--draft", "-o", "out", REPORT)
    assert (result.exit_code, result.output) == (
        1,
        f"{REPORT}:3:13: E801 assessment file '../nope.yaml' does not exist (paths are relative to this file)\n"
        f"{REPORT}: not rendered (1 error); fix it to render a draft\n",
    )


def test_malformed_yaml_is_a_located_error(run: Run, root: Path) -> None:
    (root / REPORT).write_text("assessment: [unclosed\n", "utf-8")
    result = run("report", "-o", "out", REPORT)
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"{REPORT}:1:13: E101 ")


def test_check_recognises_a_report_by_its_assessment_key(run: Run, root: Path) -> None:
    result = run("check", "--as-of", "2025-07-01", REPORT, "casework/ombudsman-2024-25.yaml")
    assert (result.exit_code, result.output) == (0, "No problems in 2 files.\n")


def test_schema_prints_the_report_schema(run: Run) -> None:
    result = run("schema", "--kind", "report")
    assert '"title": "AnnualReport"' in result.output


def test_the_draft_option_says_where_the_problems_are_listed_and_they_are(
    run: Run, root: Path
) -> None:
    # It said "with the open problems listed", but the documents a governing body and residents
    # read carry the draft banner only: check's problems go to the terminal and report.json.
    words = " ".join(run("report", "--help").output.split())
    assert (
        "--draft Render despite errors, marked 'Draft — not approved'; the open problems are "
        "printed and listed in report.json, not in the page, Word or Markdown. --as-of"
    ) in words
    edit(root, "casework: ../casework/ombudsman-2024-25.yaml", "casework: gone.yaml")
    result = run("report", "--as-of", "2025-07-01", "--draft", "-o", "out", REPORT)
    problem = "casework file 'gone.yaml' does not exist (paths are relative to this file)"
    assert result.output.startswith(f"{REPORT}:4:11: E805 {problem}\n")
    folder = root / "out" / "annual-report-2024-25"
    data = json.loads((folder / "report.json").read_text("utf-8"))
    assert data["problems"] == [f"Error E805 at line 4: {problem}"]
    shown = [
        (folder / "annual-report.html").read_text("utf-8"),
        (folder / "annual-report.md").read_text("utf-8"),
        docx_text(folder / "annual-report.docx"),
    ]
    for text in shown:
        assert "Draft — not approved" in text and "E805" not in text and "gone.yaml" not in text
