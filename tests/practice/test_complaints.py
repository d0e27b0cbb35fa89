"""selfassess practice: each log problem and each verdict through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from logkit import GOOD, write_log
from logkit import row as make

from conftest import Run

PERIOD = ("--period", "2024-25", "--as-of", "2025-07-01")


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            {"responded": "soon"},
            "log.csv:3:6: E506 responded: 'soon' is not a date; write 2024-05-03, 03/05/2024 or 3 May 2024",
        ),
        (
            {"acknowledged": "31/02/2024"},
            "log.csv:3:3: E506 acknowledged: '31/02/2024' is not a real date",
        ),
        ({"reference": "C1"}, "log.csv:3:1: E508 reference 'C1' is already used on row 2"),
        (
            {"responded": "01/06/2024"},
            "log.csv:3:6: E509 responded 2024-06-01 is before received 2024-06-03",
        ),
        (
            {"s2_responded": "01/07/2024"},
            "log.csv:3:15: E510 s2_responded is filled in but escalated is blank; give the date the resident asked for stage 2",
        ),
        (
            {"outcome": "partially upheld"},
            "log.csv:3:7: E511 outcome 'partially upheld' is not one of upheld, partly upheld, not upheld, withdrawn, refused; did you mean 'partly upheld'? If so, map it under practice: values: {outcome: {\"partially upheld\": partly upheld}}",
        ),
        (
            {"compensation": "fifty pounds"},
            "log.csv:3:18: E512 compensation 'fifty pounds' is not an amount in pounds",
        ),
        (
            {"reference": ""},
            "log.csv:3:1: E513 reference is blank; every complaint needs its case reference",
        ),
        (
            {"received": ""},
            "log.csv:3:2: E513 received is blank; give the date the complaint was received",
        ),
        (
            {"received": "03/06/2204"},
            "log.csv:3:2: E515 received: 2204-06-03 is outside 1990 to 2099; is the year mistyped?",
        ),
    ],
)
def test_each_row_problem_is_located_and_the_row_left_out(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cells: dict[str, str], expected: str
) -> None:
    # A good row follows: a blank reference on the last row would be read as no complaint.
    log = write_log(tmp_path, GOOD, make(**{"reference": "C2", **cells}), make(reference="C3"))
    monkeypatch.chdir(tmp_path)
    result = run("practice", "log.csv", *PERIOD)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [expected]
    assert "Rows: 3 read, 1 left out for errors (not in any figure)" in result.stdout.splitlines()
    assert result.stdout.startswith("LEFT OUT: 1 of 3 rows of the log are left out of every figure")
    assert log.read_text(encoding="utf-8").count("\n") == 4


def test_a_clean_log_has_no_problems(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_log(
        tmp_path, GOOD, make(reference="C2", received="3 June 2024", compensation='"£1,250.50"')
    )
    monkeypatch.chdir(tmp_path)
    result = run("practice", "log.csv", *PERIOD, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    figures = json.loads(result.stdout)
    assert figures["rows"] == {
        "read": 2,
        "left_out": 0,
        "left_out_because": {},
        "not_complaints": 0,
        "not_kept_by_where": 0,
    }
    assert figures["compensation"] == {"cases": 2, "total_pounds": "1300.50"}
