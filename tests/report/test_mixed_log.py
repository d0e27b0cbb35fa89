"""One log for the whole council, split between the two Codes by `where:` on its service column.

The example's two logs are joined into one export with a service column, plus complaints about
a service in neither part. Each part is measured against its own Code; an independent recount
(its own working days: Monday to Friday less the bank holidays of England and Wales and the
council's closure, written out below) agrees with every complaint's due dates, and the
complaints in neither part are counted and said, not dropped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conftest import ROOT, Run
from reportkit import copy_example, render_report

HOUSING = ROOT / "complaints" / "example-borough-council-2024-25.csv"
OTHER = ROOT / "complaints" / "example-borough-council-other-services-2024-25.csv"
OTHER_SERVICES = (
    "Council tax", "Waste and recycling", "Parking", "Planning", "Highways", "Benefits",
    "Libraries and leisure",
)  # fmt: skip
NEITHER = 7  # complaints about public health, which has its own statutory process
BANK_HOLIDAYS = {
    dt.date(2024, 1, 1), dt.date(2024, 3, 29), dt.date(2024, 4, 1), dt.date(2024, 5, 6),
    dt.date(2024, 5, 27), dt.date(2024, 8, 26), dt.date(2024, 12, 25), dt.date(2024, 12, 26),
    dt.date(2025, 1, 1), dt.date(2025, 4, 18), dt.date(2025, 4, 21), dt.date(2025, 5, 5),
    dt.date(2025, 5, 26), dt.date(2025, 8, 25),
}  # fmt: skip
CLOSURES = {dt.date(2024, 12, 27), dt.date(2024, 12, 30), dt.date(2024, 12, 31)}
START, END = dt.date(2024, 4, 1), dt.date(2025, 3, 31)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def mixed_rows() -> list[dict[str, str]]:
    """Both logs as one export with a service column, and a few complaints in neither part."""
    joined = [{**r, "service": "Housing"} for r in rows(HOUSING)]
    joined += [{**r, "service": r["category"]} for r in rows(OTHER)]
    extra = rows(OTHER)[40 : 40 + NEITHER]
    joined += [
        {**r, "reference": f"EBC-PH-{n}", "category": "Public health", "service": "Public health"}
        for n, r in enumerate(extra)
    ]
    return sorted(joined, key=lambda r: dt.datetime.strptime(r["received"], "%d/%m/%Y"))


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("mixed"))
    found = mixed_rows()
    with (root / "complaints" / "mixed.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, list(found[0]))
        writer.writeheader()
        writer.writerows(found)
    for name, services in (
        ("example-borough-council-2024-25.yaml", ["Housing"]),
        ("example-borough-council-lgsco-2024-25.yaml", list(OTHER_SERVICES)),
    ):
        path = root / "assessments" / name
        text = path.read_text(encoding="utf-8")
        start = text.index("  log: ../complaints/")
        end = text.index("\n", start)
        where = f"  log: ../complaints/mixed.csv\n  where: {{service: {json.dumps(services)}}}"
        path.write_text(text[:start] + where + text[end:], encoding="utf-8")
    return root


def working_day_after(day: dt.date, days: int) -> dt.date:
    """Count working days on from a day (the day itself is day 0), as the recount's own rule."""
    while days:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in BANK_HOLIDAYS and day not in CLOSURES:
            days -= 1
    return day


def date(text: str) -> dt.date | None:
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def expected_due(row: dict[str, str], stage: int) -> dt.date:
    """The response due date: 10 (stage 1) or 20 (stage 2) working days from acknowledgement."""
    start = date(row["received"] if stage == 1 else row["escalated"])
    acknowledged = date(row["acknowledged"] if stage == 1 else row["s2_acknowledged"])
    assert start is not None
    ack_due = working_day_after(start, 5)
    if acknowledged and acknowledged > END:
        acknowledged = None  # after the year's end: not yet known when the year is judged
    base = min(acknowledged, ack_due) if acknowledged else ack_due
    return working_day_after(base, 10 if stage == 1 else 20)


def verdicts(run: Run, root: Path, name: str, out: Path) -> dict[tuple[str, str], str]:
    assessment = root / "assessments" / name
    result = run(
        "practice", "--assessment", str(assessment), "--as-of", "2025-07-01", "-o", str(out)
    )
    assert result.exit_code == 0, result.output
    text = (out / "verdicts.csv").read_text(encoding="utf-8-sig")
    return {
        (r["reference"], r["stage"]): r["response due"] for r in csv.DictReader(io.StringIO(text))
    }


@pytest.mark.parametrize(
    ("name", "services"),
    [
        ("example-borough-council-2024-25.yaml", ("Housing",)),
        ("example-borough-council-lgsco-2024-25.yaml", OTHER_SERVICES),
    ],
)
def test_each_part_agrees_with_a_recount_per_complaint(
    run: Run, council: Path, tmp_path: Path, name: str, services: tuple[str, ...]
) -> None:
    measured = verdicts(run, council, name, tmp_path)
    mine = [r for r in mixed_rows() if r["service"] in services]
    expected = {}
    for row in mine:
        expected[row["reference"], "1"] = expected_due(row, 1).isoformat()
        if row["escalated"]:
            expected[row["reference"], "2"] = expected_due(row, 2).isoformat()
    assert {key for key in measured} <= set(expected)  # only this part's complaints
    assert {key: expected[key] for key in measured} == measured
    judged = {ref for (ref, stage) in measured if stage == "1"}
    in_year = {r["reference"] for r in mine if START <= (date(r["received"]) or END) <= END}
    assert in_year <= judged and len(in_year) > 200  # each received in the year is judged


def test_the_complaints_in_neither_part_are_counted_and_said(council: Path) -> None:
    folder = render_report(council, "reports/annual-report-council-2024-25.yaml")
    data = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    [shared] = data["shared_logs"]
    total = len(mixed_rows())
    assert shared["complaints"] == total
    assert shared["neither"] == NEITHER and shared["both"] == 0
    assert shared["parts"] == ["Housing services", "Other council services"]
    housing, other = (part["practice"]["rows"]["not_kept_by_where"] for part in data["parts"])
    assert housing == total - len(rows(HOUSING)) and other == total - len(rows(OTHER))
    summary = {row["label"]: row["values"] for row in data["summary"][0]["rows"]}
    in_year = [r for r in mixed_rows() if START <= (date(r["received"]) or START) <= END]
    counted = summary["Stage 1 complaints received"]
    assert counted[2] == sum(1 for r in in_year if r["service"] != "Public health")
    page = (folder / "annual-report.html").read_text(encoding="utf-8")
    assert f"{NEITHER:,} of them fall in neither part and are not counted above" in page
