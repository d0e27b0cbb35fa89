"""The example log, judged a second way: walking the calendar one day at a time.

Nothing here uses selfassess's calendar or verdict code: bank holidays are typed in
from the published list for England and Wales, and each rule of DESIGN.md is applied
directly. Every verdict the command writes must agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from conftest import ROOT, Run

LOG = ROOT / "complaints" / "example-borough-council-2024-25.csv"
CLOSURES = {dt.date(2024, 12, 27), dt.date(2024, 12, 30), dt.date(2024, 12, 31)}
BANK_HOLIDAYS = {
    dt.date(*day)
    for day in (
        (2023, 1, 2), (2023, 4, 7), (2023, 4, 10), (2023, 5, 1), (2023, 5, 8), (2023, 5, 29),
        (2023, 8, 28), (2023, 12, 25), (2023, 12, 26),
        (2024, 1, 1), (2024, 3, 29), (2024, 4, 1), (2024, 5, 6), (2024, 5, 27), (2024, 8, 26),
        (2024, 12, 25), (2024, 12, 26),
        (2025, 1, 1), (2025, 4, 18), (2025, 4, 21), (2025, 5, 5), (2025, 5, 26), (2025, 8, 25),
        (2025, 12, 25), (2025, 12, 26),
    )
}  # fmt: skip
START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


def working(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in BANK_HOLIDAYS and day not in CLOSURES


def add(day: dt.date, count: int) -> dt.date:
    while count:
        day += dt.timedelta(days=1)
        count -= working(day)
    return day


def between(first: dt.date, last: dt.date) -> int:
    count = 0
    while first < last:
        first += dt.timedelta(days=1)
        count += working(first)
    return count


def date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def expected(row: dict[str, str], prefix: str, start: dt.date, days: int) -> tuple[str, str, int]:
    """Return (verdict, final due date, late by) for one stage, as of the period end."""
    ack = date(row[f"{prefix}acknowledged"])
    ack = ack if ack and ack <= END else None
    ack_due = add(start, 5)
    due = add(min(ack, ack_due) if ack else ack_due, days)
    final = due
    extended = date(row[f"{prefix}extended_to"])
    if extended and extended > due:
        limit = add(due, days)
        final = extended if extended <= limit or row[f"{prefix}extension_reason"] else limit
    outcome = row[f"{prefix}outcome"]
    if outcome in ("refused", "withdrawn"):
        return outcome, final.isoformat(), 0
    responded = date(row[f"{prefix}responded"])
    if responded is None or responded > END:
        if final < END:
            return "open, overdue", final.isoformat(), between(final, END)
        return "open, not yet due", final.isoformat(), 0
    if responded <= due:
        return "on time", final.isoformat(), 0
    if responded <= final:
        return "within extension", final.isoformat(), 0
    return "late", final.isoformat(), between(final, responded)


def expected_verdicts() -> dict[tuple[str, str], tuple[str, str, int]]:
    found = {}
    with LOG.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            stages = [("1", "", date(row["received"]), 10)]
            if row["escalated"]:
                stages.append(("2", "s2_", date(row["escalated"]), 20))
            for stage, prefix, start, days in stages:
                assert start is not None
                verdict = expected(row, prefix, start, days)
                answered = date(row[f"{prefix}responded"])
                if (
                    START <= start <= END
                    or (
                        answered
                        and START <= answered <= END
                        and verdict[0] in ("on time", "within extension", "late")
                    )
                    or (start <= END and verdict[0].startswith("open"))
                ):
                    found[(row["reference"], stage)] = verdict
    return found


def test_every_verdict_agrees_with_a_day_by_day_count(run: Run, tmp_path: Path) -> None:
    result = run(
        "practice", str(LOG), "--period", "2024-25", "--as-of", "2025-07-01",
        "--closure", "2024-12-27", "--closure", "2024-12-30", "--closure", "2024-12-31",
        "-o", str(tmp_path),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    text = (tmp_path / "verdicts.csv").read_text(encoding="utf-8")
    written = {
        (row["reference"], row["stage"]): (
            row["verdict"],
            row["final due"],
            int(row["late by (working days)"] or 0),
        )
        for row in csv.DictReader(io.StringIO(text))
    }
    wanted = expected_verdicts()
    assert len(written) > 600
    assert written == wanted
    verdicts = {verdict for verdict, _, _ in written.values()}
    assert verdicts == {
        "on time", "within extension", "late", "open, not yet due", "open, overdue",
        "refused", "withdrawn",
    }  # fmt: skip


def test_summary_json_carries_ch01_and_ch02_as_counted_by_hand(run: Run, tmp_path: Path) -> None:
    """The render's summary.json gives CH01 and CH02, each stage as the day-by-day count finds."""
    example = ROOT / "assessments" / "example-borough-council-2024-25.yaml"
    result = run("render", str(example), "--as-of", "2025-07-01", "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / example.stem / "summary.json").read_text(encoding="utf-8"))
    wanted = expected_verdicts()
    with LOG.open(encoding="utf-8", newline="") as stream:
        rows = {row["reference"]: row for row in csv.DictReader(stream)}
    tsm = summary["practice"]["tenant_satisfaction_measures"]
    assert tsm["homes"] == 12400
    for stage, prefix in (("1", ""), ("2", "s2_")):
        start_column = "received" if stage == "1" else "escalated"
        mine = {ref: v for (ref, s), v in wanted.items() if s == stage}
        came_in = [
            ref
            for ref, (verdict, _, _) in mine.items()
            if START <= date(rows[ref][start_column]) <= END and verdict != "refused"  # type: ignore[operator]
        ]
        answered = [
            verdict
            for ref, (verdict, _, _) in mine.items()
            if verdict in ("on time", "within extension", "late")
            and START <= date(rows[ref][f"{prefix}responded"]) <= END  # type: ignore[operator]
        ]
        on_time = sum(verdict != "late" for verdict in answered)
        assert tsm[f"stage_{stage}"] == {
            "received": len(came_in),
            "CH01_per_1000_homes": round(1000 * len(came_in) / 12400, 1),
            "responded": len(answered),
            "responded_on_time": on_time,
            "CH02_percent": round(100 * on_time / len(answered), 1),
        }
    provision = summary["practice"]["provisions"]["6.3"]
    stage_one = tsm["stage_1"]
    assert (provision["met"], provision["total"]) == (
        stage_one["responded_on_time"],
        stage_one["responded"],
    )
    assert provision["percent"] == 100 * provision["met"] // provision["total"]
    assert summary["practice"]["rows_left_out"] == 0
