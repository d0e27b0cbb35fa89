"""What a log used to get past silently is now a located problem, a warning, or said first."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from exports import crm_workbook, tidy_rows
from logkit import GOOD, HEADER, write_log
from logkit import row as make

from conftest import Run

PERIOD = ("--period", "2024-25", "--as-of", "2025-07-01")


def test_a_date_that_has_not_happened_yet(run: Run, tmp_path: Path) -> None:
    log = write_log(
        tmp_path, GOOD, make(reference="C2", responded="14/06/2098"), make(reference="C3")
    )
    result = run("practice", str(log), *PERIOD)
    latest = max(dt.date.today(), dt.date(2025, 7, 1)).isoformat()
    assert (result.exit_code, result.stderr) == (
        1,
        f"{log}:3:6: E517 responded 2098-06-14 has not happened yet (the latest day a log can "
        f"record is {latest}: today, or --as-of if later); is the year mistyped?\n",
    )
    # a promised extension date may lie ahead
    ahead = write_log(tmp_path, make(extended_to="01/01/2098"), name="ahead.csv")
    assert run("practice", str(ahead), *PERIOD).stderr == ""


def test_a_row_cut_short_is_left_out_and_the_complete_one_kept(run: Run, tmp_path: Path) -> None:
    short = ",".join(GOOD.split(",")[:5])
    log = write_log(tmp_path, short, GOOD)
    result = run("practice", str(log), *PERIOD, "--format", "json")
    assert result.stderr == (
        f"{log}:2:1: E518 the row has 5 cells but the header has 19: it looks cut short; export "
        "the log again or complete the row\n"
    )
    figures = json.loads(result.stdout)
    assert figures["stage_1"]["responded_on_time"] == 1
    assert figures["rows"]["left_out_because"] == {
        "E518: a CSV row with fewer cells than the header (cut short)": 1
    }


def test_a_column_with_month_first_dates_reports_every_ambiguous_one(
    run: Run, tmp_path: Path
) -> None:
    log = write_log(
        tmp_path,
        make(reference="C1", received="05/09/2024", acknowledged="", responded=""),
        make(reference="C2", received="05/13/2024", acknowledged="", responded=""),
        make(reference="C3", received="20/05/2024", acknowledged="", responded=""),
    )
    result = run("practice", str(log), *PERIOD)
    assert result.stderr.splitlines() == [
        f"{log}:2:2: E507 received: '05/09/2024' could be 5 September 2024 or 9 May 2024, and "
        "this column also holds dates that can only be month first (row 3: '05/13/2024'); "
        "export the column with dates as 2024-05-13, or day first throughout",
        f"{log}:3:2: E507 received: '05/13/2024' can only be read month first; write dates day "
        "first (13/05/2024) or as 2024-05-13",
    ]


def test_an_escalated_yes_no_column_is_said_once_as_matched_by_name(
    run: Run, tmp_path: Path
) -> None:
    rows = [make(reference=f"C{n}", escalated=("Yes" if n % 2 else "No")) for n in range(1, 5)]
    log = write_log(tmp_path, *rows)
    result = run("practice", str(log), *PERIOD)
    assert (result.exit_code, result.stderr) == (
        1,
        f"{log}:1:11: E506 column 'escalated' was taken as escalated because of its name, but "
        "none of its 4 filled cells is a date (it holds 'Yes' 2, 'No' 2); escalated is the date "
        "the resident asked for stage 2: name the export's column for it under practice: "
        "columns: {escalated: ...}\n",
    )
    assert result.stdout.startswith(
        "LEFT OUT: 4 of 4 rows of the log are left out of every figure because of errors (4 "
        "E506: a cell in a date column is not a date (said once for a column that holds no "
        "date at all)); the figures count only the rest\n"
    )


def test_sheet_option_wins_over_the_assessment(run: Run, tmp_path: Path) -> None:
    crm_workbook(tmp_path / "crm.xlsx", tidy_rows(5))
    given = tmp_path / "a.yaml"
    given.write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L, homes: 100}\n"
        "period: 2024-25\npractice:\n  log: crm.xlsx\n  sheet: Complaints Log\n",
        encoding="utf-8",
    )
    result = run("practice", "--assessment", str(given), *PERIOD[2:], "--sheet", "Other")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2 - 1,
        "",
        f"{tmp_path / 'crm.xlsx'}:1:1: E516 the workbook has no sheet 'Other' (it has "
        "'Complaints Log')\n",
    )


def test_fatal_problems_go_to_standard_error(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, GOOD, header=HEADER.replace("reference", "ref no"))
    result = run("practice", str(log), *PERIOD)
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(f"{log}:1:1: E504 the log has no 'reference' column")


def test_no_none_percent_anywhere(run: Run, tmp_path: Path) -> None:
    log = write_log(tmp_path, make(responded="", acknowledged=""))
    for form in ("text", "md"):
        result = run("practice", str(log), *PERIOD, "--format", form, "--homes", "100")
        assert "none%" not in result.stdout and "None" not in result.stdout
        assert "CH02 stage 1: no complaints responded (0 of 0, all tenures)" in result.stdout
    text = run("practice", str(log), *PERIOD).stdout
    assert "Escalation rate: 0% of accepted stage 1 complaints went to stage 2" in text


def test_as_of_before_the_period_end_cuts_every_count(run: Run, tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        make(reference="A", received="02/12/2024", acknowledged="03/12/2024", responded=""),
        make(reference="B", received="06/01/2025", acknowledged="07/01/2025", responded=""),
        make(reference="C", received="03/06/2024", escalated="06/01/2025", s2_acknowledged=""),
    )
    args = ("practice", str(log), "--period", "2024-25", "--as-of", "2024-12-31")
    figures = json.loads(run(*args, "--format", "json").stdout)
    assert figures["stage_1"]["received"] == 2  # A and C; B came in after the as-of day
    assert figures["stage_2"]["received"] == 0  # C escalated after it
    assert figures["by_month"][9]["stage_1_received"] == 0  # January 2025


def test_where_keeps_some_rows_and_warns_for_a_value_no_row_holds(run: Run, tmp_path: Path) -> None:
    header = HEADER + ",Service"
    log = write_log(
        tmp_path,
        make(reference="A") + ",Housing Repairs",
        make(reference="B") + ",Parking",
        make(reference="C") + ",Housing Repairs",
        header=header,
    )
    given = tmp_path / "a.yaml"
    given.write_text(
        "schema_version: 1\ncode: hos-chc-2024\nlandlord: {name: L, homes: 100}\n"
        f"period: 2024-25\npractice:\n  log: {log.name}\n"
        "  where: {service: [housing repairs, Housing Management]}\n",
        encoding="utf-8",
    )
    result = run("practice", "--assessment", str(given), *PERIOD[2:], "--format", "json")
    assert (result.exit_code, result.stderr) == (
        0,
        f"{given}:7:11: W553 where: service: 'Housing Management' matches no row of the log; "
        "its service values are 'Housing Repairs' 2, 'Parking' 1\n",
    )
    figures = json.loads(result.stdout)
    assert figures["stage_1"]["received"] == 2
    assert figures["rows"]["not_kept_by_where"] == 1
