"""Every verdict, with its reason, through `selfassess practice -o` and verdicts.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from logkit import row as make
from logkit import write_log

from conftest import Run

# Received Monday 3 June 2024: acknowledgement due 10 June, response due 18 June
# (10 working days after the acknowledgement on 4 June), an extension may run to 2 July.
CASES = [
    ({}, "1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,2024-06-14,on time,,\"responded 2024-06-14, due 2024-06-18\""),
    ({"responded": "20/06/2024"}, "1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,2024-06-20,late,2,\"late: responded 2024-06-20, due 2024-06-18, no extension\""),
    ({"extended_to": "28/06/2024", "responded": "27/06/2024"}, "1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,\"extended to 2024-06-28, within 10 working days\",2024-06-28,2024-06-27,within extension,,\"responded 2024-06-27, due 2024-06-18, extended to 2024-06-28, within 10 working days\""),
    ({"extended_to": "15/07/2024", "responded": "12/07/2024"}, "1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,\"extended to 2024-07-15, beyond 10 working days with no reason\",2024-07-02,2024-07-12,late,8,\"late: responded 2024-07-12, due 2024-07-02, extended to 2024-07-15, beyond 10 working days with no reason\""),
    ({"extended_to": "15/07/2024", "extension_reason": "structural survey", "responded": "12/07/2024"}, "1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,\"extended to 2024-07-15, beyond 10 working days with a reason\",2024-07-15,2024-07-12,within extension,,\"responded 2024-07-12, due 2024-06-18, extended to 2024-07-15, beyond 10 working days with a reason\""),
    ({"acknowledged": "14/06/2024", "responded": "24/06/2024"}, "1,2024-06-03,2024-06-14,2024-06-10,late,2024-06-24,,2024-06-24,2024-06-24,on time,,\"responded 2024-06-24, due 2024-06-24\""),
    ({"received": "17/03/2025", "acknowledged": "18/03/2025", "responded": "", "outcome": ""}, "1,2025-03-17,2025-03-18,2025-03-24,on time,2025-04-01,,2025-04-01,,\"open, not yet due\",,\"open at 2025-03-31, due 2025-04-01\""),
    ({"received": "03/03/2025", "acknowledged": "04/03/2025", "responded": "", "outcome": ""}, "1,2025-03-03,2025-03-04,2025-03-10,on time,2025-03-18,,2025-03-18,,\"open, overdue\",9,\"open at 2025-03-31, due 2025-03-18\""),
    ({"outcome": "refused", "refusal_reason": "insurance claim"}, "1,2024-06-03,2024-06-04,2024-06-10,,2024-06-18,,2024-06-18,2024-06-14,refused,,refused: not accepted as a complaint"),
    ({"outcome": "withdrawn", "responded": ""}, "1,2024-06-03,2024-06-04,2024-06-10,on time,2024-06-18,,2024-06-18,,withdrawn,,withdrawn by the resident"),
]  # fmt: skip


@pytest.mark.parametrize(("cells", "expected"), CASES)
def test_each_verdict_and_its_reason(
    run: Run, tmp_path: Path, cells: dict[str, str], expected: str
) -> None:
    log = write_log(tmp_path, make(reference="R1", **cells))
    result = run(
        "practice",
        str(log),
        "--period",
        "2024-25",
        "--as-of",
        "2025-07-01",
        "-o",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "verdicts.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1] == "R1,2," + expected


def test_a_late_acknowledgement_cannot_buy_time(run: Run, tmp_path: Path) -> None:
    # Acknowledged on 14 June, four days late: the response is still due 10 working days
    # after 10 June (the last day the acknowledgement was due), so 24 June, not 28 June.
    log = write_log(tmp_path, make(acknowledged="14/06/2024", responded="25/06/2024"))
    run("practice", str(log), "--period", "2024-25", "-o", str(tmp_path / "out"))
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "out" / "verdicts.csv").read_text(encoding="utf-8")))
    )
    assert (rows[0]["response due"], rows[0]["verdict"], rows[0]["late by (working days)"]) == (
        "2024-06-24",
        "late",
        "1",
    )


def test_stage_two_is_judged_from_the_escalation(run: Run, tmp_path: Path) -> None:
    log = write_log(
        tmp_path,
        make(
            escalated="01/07/2024",
            s2_acknowledged="02/07/2024",
            s2_responded="31/07/2024",
            s2_outcome="upheld",
            s2_handler="Bea",
        ),
    )
    run("practice", str(log), "--period", "2024-25", "-o", str(tmp_path / "out"))
    lines = (tmp_path / "out" / "verdicts.csv").read_text(encoding="utf-8").splitlines()
    assert (
        lines[2]
        == 'C1,2,2,2024-07-01,2024-07-02,2024-07-08,on time,2024-07-30,,2024-07-30,2024-07-31,late,1,"late: responded 2024-07-31, due 2024-07-30, no extension"'
    )
