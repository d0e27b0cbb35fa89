"""One list of what is owed: the Code's gap actions beside the Ombudsman's orders and actions."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLE, FIXTURES, ROOT, Run

REGISTER = ROOT / "casework" / "ombudsman-2024-25.yaml"
ASSESSMENT = "assessments/example-borough-council-2024-25.yaml"
CASEWORK = "casework/ombudsman-2024-25.yaml"


@pytest.fixture
def both(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example assessment and register, laid out as in the repository; cwd is set to it."""
    (tmp_path / "assessments").mkdir()
    (tmp_path / "casework").mkdir()
    shutil.copy(EXAMPLE, tmp_path / ASSESSMENT)
    shutil.copy(REGISTER, tmp_path / CASEWORK)
    shutil.copytree(ROOT / "code_requirements", tmp_path / "code_requirements")
    shutil.copytree(ROOT / "complaints", tmp_path / "complaints")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_by_owner_puts_gaps_and_orders_together(run: Run, both: Path) -> None:
    result = run("gaps", "--as-of", "2025-09-01", "--by-owner", ASSESSMENT, CASEWORK)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    listed = [line for line in lines if line.startswith("  ")]
    done = [line for line in listed if line.endswith("(done)") or "(done on" in line]
    assert len(listed) == 30 and 0 < len(done) < 30
    assert lines[:4] == [
        "What is owed: the Code's gaps and the Ombudsman's orders and actions",
        f"As of 1 September 2025: {30 - len(done)} items owed, 4 overdue; {len(done)} done, "
        "listed too.",
        "Internal: this list names the people responsible for each action. Do not publish it.",
        "",
    ]
    start = lines.index("Joanne Hale, Repairs and Maintenance Manager <joanne.hale@example.gov.uk>")
    assert lines[start + 1 : start + 4] == [
        f"  10 October 2024: Housing Ombudsman order, case 202312345 ({CASEWORK}): Inspect the flat and "
        "send the resident a schedule of works with dates (done)",
        f"  9 July 2025: Housing Ombudsman order, case 202406120 ({CASEWORK}): Tell the Ombudsman the date "
        "the lighting was repaired, with evidence (in progress, overdue)",
        f"  31 January 2026: Code provision 9.8 ({ASSESSMENT}): Add the same expectation to the "
        "repairs contract at the next contract variation (not started)",
    ]


def test_by_due_date_each_line_says_where_it_comes_from(run: Run, both: Path) -> None:
    result = run("gaps", "--as-of", "2025-09-01", "--owner", "sys", CASEWORK, ASSESSMENT)
    assert result.exit_code == 0
    assert result.output.splitlines()[4:] == [
        f"30 September 2025: Housing Ombudsman case SI-2025-02, recommendation R2 ({CASEWORK}): Add a "
        "damp and mould history to the housing system",
        "  Daniel Reeve, Housing Systems Manager <daniel.reeve@example.gov.uk>; in progress",
        f'31 October 2025: Code provision 6.6 ({ASSESSMENT}): Add an "actions outstanding" '
        "status to the case management system so cases stay open until every action is complete",
        "  Daniel Reeve, Housing Systems Manager <daniel.reeve@example.gov.uk>; in progress",
        f'30 November 2025: Code provision 6.17 ({ASSESSMENT}): Apply the new "actions '
        'outstanding" status to stage 2 cases and migrate open actions from the spreadsheet',
        "  Daniel Reeve, Housing Systems Manager <daniel.reeve@example.gov.uk>; not started",
        f"31 December 2025: Housing Ombudsman case SI-2025-02, recommendation R2 ({CASEWORK}): Load the "
        "last three years of damp and mould reports into it",
        "  Daniel Reeve, Housing Systems Manager <daniel.reeve@example.gov.uk>; not started",
        f"31 January 2026: Code provision 6.3 ({ASSESSMENT}): Add a deadline warning five working "
        "days before each stage 1 response is due to the case management system",
        "  Daniel Reeve, Housing Systems Manager <daniel.reeve@example.gov.uk>; in progress",
    ]


def test_csv_has_every_gap_action_order_and_action(run: Run, both: Path) -> None:
    import yaml

    result = run("gaps", "--as-of", "2025-09-01", "--csv", ASSESSMENT, CASEWORK)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    data = yaml.safe_load(REGISTER.read_text(encoding="utf-8"))
    orders = sum(len(c.get("orders", [])) for c in data["cases"])
    actions = sum(len(r["actions"]) for c in data["cases"] for r in c.get("recommendations", []))
    gap_actions = sum(
        len(r.get("actions", []))
        for r in yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["responses"].values()
        if r["comply"] is False
    )
    assert len(rows) == orders + actions + gap_actions
    assert [r["Due"] for r in rows] == sorted(r["Due"] for r in rows)
    assert {r["File"] for r in rows} == {ASSESSMENT, CASEWORK}
    assert sum(1 for r in rows if r["Overdue"] == "Yes") == 4


def test_a_register_alone_is_listed_too(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "casework" / "register.yaml", "r.yaml")
    result = run("gaps", "--as-of", "2025-07-01", "r.yaml")
    # Of the four, the fixture marks two done (lines 16 and 27).
    assert result.output.splitlines()[1] == (
        "As of 1 July 2025: 2 items owed, 0 overdue; 2 done, listed too."
    )


def test_unknown_owner_across_files_is_a_usage_error(run: Run, both: Path) -> None:
    result = run("gaps", "--owner", "nobody", ASSESSMENT, CASEWORK)
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: no owner 'nobody' in these files (owners: asb, dmp, doh, hoc, ld, rep, sys)"
    )


def test_a_register_with_errors_is_refused_with_its_problems(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = (FIXTURES / "casework" / "register.yaml").read_text(encoding="utf-8")
    Path("r.yaml").write_text(text.replace("owner: rep, due: 2025-08-01,", "owner: rep,"))
    result = run("gaps", "r.yaml")
    assert result.exit_code == 1
    assert result.output == (
        "r.yaml:17:9: E702 an order in case 202400001 has no due date; add due: the date the "
        "Ombudsman set for compliance (YYYY-MM-DD)\n"
    )


def test_a_code_edition_is_not_something_owed(run: Run, both: Path) -> None:
    result = run("gaps", ASSESSMENT, "code_requirements/hos-chc-2024.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: code_requirements/hos-chc-2024.yaml is not an assessment or a casework register"
    )
