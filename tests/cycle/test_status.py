"""`selfassess status`: answers, gaps, approval, review date, deadline rules and triggers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from conftest import EXAMPLE, ROOT, Run, write
from selfassess.code.deadlines import (
    DeadlineRules,
    add_months,
    due_dates,
    load_rules,
    period_end_year,
    pick_rule,
)
from selfassess.models import Landlord

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
SUBMISSIONS_PAGE = (
    "https://www.housing-ombudsman.org.uk/centre-for-learning/key-topics/complaint-handling/"
    "chc-annual-submissions/"
)


def rules() -> DeadlineRules:
    loaded = load_rules(ROOT / "assessments" / "x.yaml")
    assert loaded is not None
    return loaded


def variant(folder: Path, period: str, landlord: str) -> Path:
    """Write the example with another period and landlord block."""
    text = EXAMPLE_TEXT.replace("period: 2024-25", f"period: {period}")
    start = text.index("landlord:\n")
    end = text.index("period:")
    return write(folder, "a.yaml", text[:start] + landlord + text[end:])


LARGE = "landlord:\n  name: Big Homes\n  homes: 12400\n"
SMALL = "landlord:\n  name: Small Homes\n  homes: 800\n"


def deadline_lines(run: Run, path: Path, as_of: str) -> list[str]:
    result = run("status", "--as-of", as_of, str(path))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Submission deadline"))
    return lines[start : start + 3]


# --- The 2024 rule (first submission, single source, unconfirmed) --------------------


@pytest.mark.parametrize(
    ("as_of", "phrase"),
    [("2024-06-29", "1 day left"), ("2024-06-30", "due today"), ("2024-07-01", "passed 1 day ago")],
)
def test_2024_rule_larger_landlord_around_30_june(
    run: Run, project: Path, as_of: str, phrase: str
) -> None:
    path = variant(project, "2023-24", LARGE)
    assert deadline_lines(run, path, as_of) == [
        f"Submission deadline for landlords with more than 1,000 homes: 2024-06-30 ({phrase})",
        "  Rule: First annual submission under the statutory Code (2024) (unconfirmed: a repost "
        "of the Ombudsman's launch release; single source, not the Ombudsman's own page)",
        "  Source: http://seniorclerk.com/index-52.html",
    ]


@pytest.mark.parametrize(
    ("as_of", "phrase"),
    [("2024-06-22", "1 day left"), ("2024-06-23", "due today"), ("2024-06-24", "passed 1 day ago")],
)
def test_2024_rule_smaller_landlord_twelve_weeks_after_year_end(
    run: Run, project: Path, as_of: str, phrase: str
) -> None:
    path = variant(project, "2023-24", SMALL)
    line = deadline_lines(run, path, as_of)[0]
    assert (
        line
        == f"Submission deadline for landlords with 1,000 homes or fewer: 2024-06-23 ({phrase})"
    )


# --- The current rule (the Ombudsman's page, confirmed for 2025-26) ------------------


@pytest.mark.parametrize(
    ("as_of", "phrase"),
    [("2026-09-29", "1 day left"), ("2026-09-30", "due today"), ("2026-10-01", "passed 1 day ago")],
)
def test_current_rule_larger_landlord_around_30_september(
    run: Run, project: Path, as_of: str, phrase: str
) -> None:
    path = variant(project, "2025-26", LARGE)
    assert deadline_lines(run, path, as_of) == [
        f"Submission deadline for landlords with more than 1,000 homes: 2026-09-30 ({phrase})",
        "  Rule: The Ombudsman's annual submissions page (confirmed for 2025-26)",
        f"  Source: {SUBMISSIONS_PAGE}",
    ]


@pytest.mark.parametrize(
    ("as_of", "phrase"),
    [("2026-12-30", "1 day left"), ("2026-12-31", "due today"), ("2027-01-01", "passed 1 day ago")],
)
def test_current_rule_smaller_landlord_six_months_after_its_own_year_end(
    run: Run, project: Path, as_of: str, phrase: str
) -> None:
    landlord = SMALL + '  financial_year_end: "06-30"\n'
    path = variant(project, "2025-26", landlord)
    line = deadline_lines(run, path, as_of)[0]
    assert (
        line
        == f"Submission deadline for landlords with 1,000 homes or fewer: 2026-12-31 ({phrase})"
    )


def test_a_year_without_a_rule_shows_the_nearest_as_unconfirmed(run: Run, project: Path) -> None:
    path = project / "assessments" / EXAMPLE.name
    assert deadline_lines(run, path, "2025-07-01") == [
        "Submission deadline for landlords with more than 1,000 homes: 2025-09-30 (91 days left)",
        "  Rule: The Ombudsman's annual submissions page (unconfirmed: no rule is recorded for "
        "2024-25; this is the nearest, stated for 2025-26)",
        f"  Source: {SUBMISSIONS_PAGE}",
    ]


def test_unknown_homes_shows_both_deadlines(run: Run, project: Path) -> None:
    path = variant(project, "2025-26", "landlord:\n  name: Some Homes\n")
    result = run("status", "--as-of", "2026-04-01", str(path))
    assert (
        "Submission deadline for landlords with more than 1,000 homes: 2026-09-30 (182 days left)\n"
        "Submission deadline for landlords with 1,000 homes or fewer: 2026-09-30 (182 days left)\n"
        "  Set landlord.homes to pick the deadline that applies.\n"
    ) in result.output


def test_rules_are_data_with_sources() -> None:
    loaded = rules()
    assert [(r.id, r.confirmed) for r in loaded.rules] == [
        ("hos-2024-first-submission", False),
        ("hos-annual-submissions-page", True),
    ]
    assert loaded.rules[1].source == SUBMISSIONS_PAGE
    assert pick_rule(loaded, "2030-31") == (loaded.rules[1], False)
    assert pick_rule(loaded, "2022-23") == (loaded.rules[0], False)
    assert pick_rule(loaded, "not a period") is None


def test_exactly_one_thousand_homes_is_the_smaller_band() -> None:
    due = due_dates(rules(), Landlord(name="x", homes=1000), "2025-26")
    assert [(d.band, d.date) for d in due] == [("1,000 homes or fewer", dt.date(2026, 9, 30))]


def test_periods_and_months() -> None:
    assert [period_end_year(p) for p in ("2024-25", "2024/2025", "2024", "FY24")] == [
        2025,
        2025,
        2024,
        None,
    ]
    assert add_months(dt.date(2025, 3, 31), 6) == dt.date(2025, 9, 30)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 6, 30), 6) == dt.date(2025, 12, 31)
    assert add_months(dt.date(2025, 9, 15), 6) == dt.date(2026, 3, 15)


# --- The whole report -----------------------------------------------------------------


def test_example_status(run: Run, project: Path) -> None:
    result = run("status", "--as-of", "2025-10-01", "assessments/" + EXAMPLE.name)
    assert result.exit_code == 0
    assert result.output == (
        "Example Borough Council, 2024-25, against hos-chc-2024 (status: approved)\n"
        "Answered: 72 of 72 assessed provisions\n"
        "Gaps (answered no): 5 (5.14, 6.3, 6.6, 6.17, 9.8)\n"
        "Overdue actions: 3\n"
        "  5.14: Draft a housing unacceptable behaviour policy covering tenants and "
        "representatives, with a review route (due 2025-09-30, in progress)\n"
        "  6.6: Send a weekly outstanding-actions report to housing service managers "
        "(due 2025-09-15, not started)\n"
        "  6.17: Report overdue stage 2 actions to the Member Responsible for Complaints each "
        "month (due 2025-09-30, in progress)\n"
        "Governing body approval: recorded by Cabinet on 2025-06-18, Cabinet minute 12/25\n"
        "Next review: 2026-05-20 (231 days left)\n"
        "Submission deadline for landlords with more than 1,000 homes: 2025-09-30 "
        "(passed 1 day ago)\n"
        "  Rule: The Ombudsman's annual submissions page (unconfirmed: no rule is recorded for "
        "2024-25; this is the nearest, stated for 2025-26)\n"
        f"  Source: {SUBMISSIONS_PAGE}\n"
        "Re-assessment triggers (Code section 8): none recorded\n"
    )


def test_unanswered_review_marks_and_missing_approval(run: Run, project: Path) -> None:
    text = (
        EXAMPLE_TEXT.replace("status: approved", "status: draft")
        .replace('  approval: {date: 2025-06-18, minute: "Cabinet minute 12/25"}\n', "")
        .replace('  "1.3":\n    comply: yes\n', '  "1.3":\n    comply: null\n')
        .replace('  "1.4":\n    comply: yes\n', '  "1.4":\n    review: check it\n    comply: yes\n')
    )
    path = write(project, "a.yaml", text)
    output = run("status", "--as-of", "2025-07-01", str(path)).output
    assert "Answered: 71 of 72 assessed provisions; 1 unanswered (1.3)\n" in output
    assert "Marked for review: 1 (1.4)\n" in output
    assert "Governing body approval: not recorded\n" in output


def test_triggers_since_the_assessment_call_for_a_fresh_one(run: Run, project: Path) -> None:
    triggers = (
        "triggers:\n"
        "  - event: restructure\n    date: 2025-01-10\n    note: Housing directorate restructured\n"
        "  - event: Ombudsman investigation\n    date: 2025-08-04\n"
        "responses:\n"
    )
    path = write(project, "a.yaml", EXAMPLE_TEXT.replace("responses:\n", triggers, 1))
    output = run("status", "--as-of", "2025-09-01", str(path)).output
    assert output.endswith(
        "Re-assessment triggers (Code section 8):\n"
        "  restructure on 2025-01-10, before this assessment was made: Housing directorate "
        "restructured\n"
        "  Ombudsman investigation on 2025-08-04, since the last assessment\n"
        "  A fresh self-assessment is due (Code section 8).\n"
    )
    data = json.loads(run("status", "--format", "json", "--as-of", "2025-09-01", str(path)).output)
    assert data["schema_version"] == 1
    assert data["fresh_assessment_due"] is True
    assert [t["fresh_assessment_due"] for t in data["triggers"]] == [False, True]


def test_status_json(run: Run, project: Path) -> None:
    result = run(
        "status", "--format", "json", "--as-of", "2025-09-29", "assessments/" + EXAMPLE.name
    )
    data = json.loads(result.output)
    assert data["gaps"] == ["5.14", "6.3", "6.6", "6.17", "9.8"]
    assert data["deadlines"] == [
        {
            "for": "more than 1,000 homes",
            "date": "2025-09-30",
            "days_left": 1,
            "rule": "hos-annual-submissions-page",
            "confirmed": False,
            "rule_names_this_period": False,
            "source": SUBMISSIONS_PAGE,
            "met": None,
        }
    ]
    assert data["submission"] is None


SUBMITTED = "submitted_on: 2025-09-20\nsubmission_reference: HOS-ACK-0042\nassessed_on:"


def test_a_recorded_submission_stops_the_countdown(run: Run, project: Path) -> None:
    path = write(project, "a.yaml", EXAMPLE_TEXT.replace("assessed_on:", SUBMITTED, 1))
    result = run("status", "--as-of", "2025-10-10", str(path))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    start = lines.index(
        "Submitted to the Ombudsman on 2025-09-20, acknowledgement reference HOS-ACK-0042"
    )
    assert lines[start + 1] == (
        "Submission deadline for landlords with more than 1,000 homes: 2025-09-30 "
        "(submitted 10 days before it)"
    )
    assert "ago" not in result.output and "left)" not in lines[start + 1]
    data = json.loads(run("status", "--format", "json", "--as-of", "2025-10-10", str(path)).output)
    assert data["submission"] == {"date": "2025-09-20", "reference": "HOS-ACK-0042"}
    assert (data["deadlines"][0]["days_left"], data["deadlines"][0]["met"]) == (None, True)


def test_a_late_submission_says_so(run: Run, project: Path) -> None:
    text = EXAMPLE_TEXT.replace("assessed_on:", "submitted_on: 2025-10-02\nassessed_on:", 1)
    path = write(project, "a.yaml", text)
    output = run("status", "--as-of", "2025-10-10", str(path)).output
    assert "Submitted to the Ombudsman on 2025-10-02\n" in output
    assert "2025-09-30 (submitted 2 days late)\n" in output


def test_unusable_file_is_reported_without_a_traceback(run: Run, project: Path) -> None:
    path = write(project, "a.yaml", EXAMPLE_TEXT.replace("code: hos-chc-2024", "code: nope"))
    result = run("status", str(path))
    assert result.exit_code == 1
    assert result.output.startswith(f"{path}:3:7: E201 unknown Code edition 'nope'")


def test_status_of_a_casework_register_says_what_the_file_is(run: Run, tmp_path: Path) -> None:
    import shutil

    shutil.copy(ROOT / "casework" / "ombudsman-2024-25.yaml", tmp_path / "register.yaml")
    result = run("status", str(tmp_path / "register.yaml"))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{tmp_path / 'register.yaml'}:4:1: E213 this command reads a self-assessment, and this "
        "file is a casework register (the Ombudsman's cases); 'selfassess plan FILE' writes its "
        "progress report ('selfassess check' checks any kind)",
    ]
