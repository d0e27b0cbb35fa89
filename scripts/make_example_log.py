#!/usr/bin/env python3
"""Write the example council's fictional complaints log, the same every time (fixed seed).

    .venv/bin/python scripts/make_example_log.py              # complaints/example-borough-council-2024-25.csv
    .venv/bin/python scripts/make_example_log.py --other      # its other services' log (LGSCO Code)
    .venv/bin/python scripts/make_example_log.py --rows 100000 --out /tmp/big.csv

Every name, reference and date is invented. The log includes extensions, refusals,
withdrawals, stage 2 escalations, complaints answered on their due date just after
the Christmas closure, and enough late stage 1 responses to contradict a "yes" to 6.3.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path

from selfassess.practice.workdays import WorkingCalendar

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "complaints" / "example-borough-council-2024-25.csv"
#: The council's other services (the LGSCO's Code): their own log, references EBC-OS-...
OTHER = ROOT / "complaints" / "example-borough-council-other-services-2024-25.csv"
#: The example council's Christmas closure (also in its assessment's practice: block).
CLOSURES = (dt.date(2024, 12, 27), dt.date(2024, 12, 30), dt.date(2024, 12, 31))
#: The day the log was exported: later responses are not in it yet.
EXPORTED = dt.date(2025, 5, 9)
HEADERS = (
    "reference", "received", "acknowledged", "extended_to", "extension_reason", "responded",
    "outcome", "refusal_reason", "category", "handler", "escalated", "s2_acknowledged",
    "s2_extended_to", "s2_extension_reason", "s2_responded", "s2_outcome", "s2_handler",
    "compensation", "tenure",
)  # fmt: skip
#: The housing log's columns in the export's own words (mapped under the practice: block's
#: columns:), drawn from a random source of their own so the columns above stay as they were.
EXTRA = ("Service Directorate", "Root Cause", "Reason for Escalation")
#: Each category's directorate; Staff conduct complaints go to any of them.
DIRECTORATES = {
    "Repairs": "Property Services", "Damp and mould": "Property Services",
    "Anti-social behaviour": "Neighbourhood Services", "Estate services": "Neighbourhood Services",
    "Tenancy management": "Housing Management", "Lettings": "Housing Management",
    "Rent and service charges": "Income and Rents", "Communication": "Customer Services",
}  # fmt: skip
#: Sheltered housing's few complaints: a small group in the directorate breakdown.
SHELTERED = "Sheltered and Supported Housing"
ROOT_CAUSES = (
    ("Delay", 34), ("Failure of service", 22), ("Quality of work", 16), ("Communication", 18),
    ("Staff attitude", 6), ("Policy or decision", 4),
)  # fmt: skip
ESCALATION_REASONS = (
    ("Disagrees with the outcome", 40), ("Response did not answer every point", 20),
    ("Promised repair not done", 18), ("Compensation offered too low", 12),
    ("Stage 1 response was late", 10),
)  # fmt: skip
CATEGORIES = (
    ("Repairs", 34), ("Damp and mould", 14), ("Anti-social behaviour", 10),
    ("Tenancy management", 9), ("Rent and service charges", 8), ("Estate services", 8),
    ("Staff conduct", 7), ("Lettings", 5), ("Communication", 5),
)  # fmt: skip
#: The other services' categories: the services complained about.
OTHER_CATEGORIES = (
    ("Council tax", 26), ("Waste and recycling", 24), ("Parking", 14), ("Planning", 12),
    ("Highways", 10), ("Benefits", 8), ("Libraries and leisure", 6),
)  # fmt: skip
REFUSALS = (
    "insurance claim, not a complaint",
    "first request for a service",
    "more than 12 months after the issue",
    "subject of legal proceedings",
)
EXTENSION_REASONS = (
    "awaiting a surveyor's inspection",
    "several services involved",
    "waiting for the contractor's report",
)


class Maker:
    """Draw one complaint after another from a seeded random source."""

    def __init__(self, seed: int, calendar: WorkingCalendar, other: bool = False) -> None:
        self.rng, self.calendar = random.Random(seed), calendar
        self.other = other  # the other services' log: their categories, no tenure
        self.extra = random.Random(seed + 1)  # the EXTRA columns' own draws

    def grouped(self, row: dict[str, str | dt.date | None]) -> None:
        """Add a row's directorate, root cause and reason for escalation (EXTRA)."""
        roll, category = self.extra.random(), str(row["category"])
        directorate = DIRECTORATES.get(category) or self.extra.choice(sorted(DIRECTORATES.values()))
        row["Service Directorate"] = SHELTERED if roll < 0.009 else directorate
        names, weights = zip(*ROOT_CAUSES, strict=True)
        cause = self.extra.choices(names, weights)[0]
        if row.get("outcome") in ("upheld", "partly upheld", "not upheld"):
            row["Root Cause"] = cause
        reasons, weights = zip(*ESCALATION_REASONS, strict=True)
        reason = self.extra.choices(reasons, weights)[0]
        if row.get("escalated") and self.extra.random() > 0.08:  # a few not recorded
            row["Reason for Escalation"] = reason

    def pick(self, weighted: tuple[tuple[str, int], ...]) -> str:
        names, weights = zip(*weighted, strict=True)
        return self.rng.choices(names, weights)[0]

    def received(self, start: dt.date, end: dt.date) -> dt.date:
        day = start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))
        # Most complaints arrive on working days; a few online ones at weekends.
        while not self.calendar.is_working_day(day) and self.rng.random() < 0.85:
            day += dt.timedelta(days=1)
        return day

    def stage(
        self, start: dt.date, ack_days: int, days: int, late_share: float
    ) -> dict[str, str | dt.date | None]:
        """Return one stage's acknowledgement, extension and response."""
        add, roll = self.calendar.add, self.rng.random()
        ack_due = add(start, ack_days)
        acknowledged = add(
            start,
            self.rng.randint(1, ack_days)
            if self.rng.random() > 0.02
            else ack_days + self.rng.randint(1, 3),
        )
        due = add(min(acknowledged, ack_due), days)
        found: dict[str, str | dt.date | None] = {"acknowledged": acknowledged}
        if roll < 0.012:
            found["responded"] = None  # still open when the log was exported
        elif roll < late_share:
            found["responded"] = add(due, self.rng.randint(1, 12))
        elif roll < late_share + 0.08:
            extended = add(due, self.rng.randint(3, days))
            found.update(extended_to=extended, extension_reason=self.rng.choice(EXTENSION_REASONS))
            found["responded"] = add(due, self.rng.randint(1, self.calendar.between(due, extended)))
        elif roll < late_share + 0.18:
            found["responded"] = due  # on the last day allowed
        else:
            found["responded"] = add(min(acknowledged, ack_due), self.rng.randint(2, days - 1))
        return found

    def complaint(self, number: int, received: dt.date) -> dict[str, str | dt.date | None]:
        """Return one row of the log."""
        if self.other:
            row: dict[str, str | dt.date | None] = {
                "reference": f"EBC-OS-{received.year % 100:02d}-{number:05d}",
                "received": received,
                "category": self.pick(OTHER_CATEGORIES),
                "handler": f"CS-{self.rng.randint(1, 9):02d}",
            }
        else:
            row = {
                "reference": f"EBC-{received.year % 100:02d}-{number:05d}",
                "received": received,
                "category": self.pick(CATEGORIES),
                "handler": f"CO-{self.rng.randint(1, 12):02d}",
                "tenure": self.pick((("tenant", 88), ("leaseholder", 10), ("shared owner", 2))),
            }
        roll = self.rng.random()
        if roll < 0.05:
            ack = self.calendar.add(received, self.rng.randint(1, 3))
            row.update(acknowledged=ack, responded=ack, outcome="refused")
            row["refusal_reason"] = self.rng.choice(REFUSALS)
            return row
        row.update(self.stage(received, 5, 10, 0.09))
        if roll < 0.08:
            row.update(outcome="withdrawn", responded=None)
            return row
        if row["responded"] is None:
            return row
        row["outcome"] = self.pick((("upheld", 35), ("partly upheld", 25), ("not upheld", 40)))
        if row["outcome"] != "not upheld" and self.rng.random() < 0.3:
            row["compensation"] = f"{self.rng.choice((25, 50, 75, 100, 150, 250, 400))}.00"
        if self.rng.random() < 0.13:
            self.escalate(row)
        return row

    def escalate(self, row: dict[str, str | dt.date | None]) -> None:
        """Add a stage 2 to a row whose stage 1 was answered."""
        responded = row["responded"]
        assert isinstance(responded, dt.date)
        escalated = self.calendar.add(responded, self.rng.randint(1, 20))
        stage = self.stage(escalated, 5, 20, 0.015)
        row["escalated"] = escalated
        row.update({f"s2_{key}": value for key, value in stage.items()})
        if stage["responded"] is not None:
            row["s2_outcome"] = self.pick(
                (("upheld", 20), ("partly upheld", 30), ("not upheld", 50))
            )
        row["s2_handler"] = f"SM-{self.rng.randint(1, 5):02d}"


def generate(rows: int, seed: int = 2025, other: bool = False) -> list[dict[str, str]]:
    """Return the log's rows as text, in the order a case management system lists them."""
    calendar = WorkingCalendar.for_years(2023, 2026, CLOSURES)
    maker = Maker(seed, calendar, other)
    start, end = dt.date(2024, 3, 11), dt.date(2025, 3, 31)
    days = sorted(maker.received(start, end) for _ in range(rows))
    found = [maker.complaint(n, day) for n, day in enumerate(days, start=1)]
    if not other:
        for row in found:
            maker.grouped(row)
    headers = HEADERS if other else HEADERS + EXTRA
    return [_as_text(row, headers) for row in found]


def _as_text(row: dict[str, str | dt.date | None], headers: tuple[str, ...]) -> dict[str, str]:
    text = {}
    for key in headers:
        value = row.get(key)
        if isinstance(value, dt.date):
            # Dates after the export are not in the log yet: that stage is still open.
            value = value.strftime("%d/%m/%Y") if value <= EXPORTED else None
        text[key] = value or ""
    if not text["escalated"]:  # asked for stage 2 after the export: none of it is logged yet
        text.update({key: "" for key in headers if key.startswith("s2_") or key == EXTRA[2]})
    for prefix in ("", "s2_"):
        if not text[f"{prefix}responded"] and text[f"{prefix}outcome"] != "withdrawn":
            text[f"{prefix}outcome"] = ""  # not answered yet, so no outcome either
    return text


def write(rows: list[dict[str, str]], path: Path) -> None:
    """Write rows as CSV with a header, as Excel would save it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, list(rows[0]) if rows else HEADERS, lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="how many complaints (default 640)")
    parser.add_argument(
        "--seed", type=int, help="the random seed (default 2025; 2026 with --other)"
    )
    parser.add_argument("--out", type=Path, help="where to write the CSV")
    parser.add_argument(
        "--other", action="store_true", help="the other services' log (default 260 rows)"
    )
    options = parser.parse_args(argv)
    if options.rows is None:
        options.rows = 260 if options.other else 640
    if options.seed is None:
        options.seed = 2026 if options.other else 2025
    options.out = options.out or (OTHER if options.other else EXAMPLE)
    write(generate(options.rows, options.seed, options.other), options.out)
    print(f"wrote {options.rows:,} complaints to {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
