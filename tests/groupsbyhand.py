"""The example log's figures by group, stage 2's changes and the reasons for escalation,
counted by hand from the CSV (the csv module and a day-by-day calendar, no selfassess code).
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from dataclasses import dataclass, field

from practice.test_example_log import END, LOG, START, between, date, expected_verdicts

DECIDED = ("upheld", "partly upheld", "not upheld")
ANSWERED = ("on time", "within extension", "late")
#: The example log's own headers for the practice: block's breakdowns and escalation_reason.
DIRECTORATE, ROOT_CAUSE, REASON = "Service Directorate", "Root Cause", "Reason for Escalation"


@dataclass
class Counted:
    """One group's figures at one stage."""

    received: int = 0
    responded: int = 0
    on_time: int = 0
    decided: int = 0
    upheld: int = 0
    days: list[int] = field(default_factory=list)

    def cells(self) -> list[str]:
        """Return the figures as the report's table writes them."""
        return [
            f"{self.received:,}",
            f"{self.responded:,}",
            f"{self.on_time:,}",
            _per_cent(self.on_time, self.responded),
            f"{float(statistics.median(self.days)):.1f}" if self.days else "–",
            _per_cent(self.upheld, self.decided),
        ]

    @property
    def small(self) -> bool:
        return self.received < 10 and (self.received > 0 or self.responded > 0)


def _per_cent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole, 1):.1f}%" if whole else "–"


def rows() -> dict[str, dict[str, str]]:
    """Return the log's rows by reference."""
    with LOG.open(encoding="utf-8", newline="") as stream:
        return {row["reference"]: row for row in csv.DictReader(stream)}


def _start(row: dict[str, str], stage: str) -> str:
    return row["received"] if stage == "1" else row["escalated"]


def by_group(header: str) -> dict[str, tuple[Counted, Counted]]:
    """Return each group of a column with its stage 1 and stage 2 figures."""
    log, found = rows(), {}
    for (reference, stage), (verdict, _, _) in expected_verdicts().items():
        row = log[reference]
        prefix = "" if stage == "1" else "s2_"
        group = row[header] or "not recorded"
        counted = found.setdefault(group, (Counted(), Counted()))[int(stage) - 1]
        start = date(_start(row, stage))
        assert start is not None
        counted.received += START <= start <= END
        answered = date(row[f"{prefix}responded"])
        if verdict in ANSWERED and answered is not None and START <= answered <= END:
            counted.responded += 1
            counted.on_time += verdict != "late"
            counted.days.append(between(start, answered))
            outcome = row[f"{prefix}outcome"]
            counted.decided += outcome in DECIDED
            counted.upheld += outcome in ("upheld", "partly upheld")
    return found


def in_order(groups: dict[str, tuple[Counted, Counted]]) -> list[str]:
    """Return the groups largest first (stage 1, then stage 2 received), not recorded last."""
    return sorted(
        groups,
        key=lambda g: (g == "not recorded", -groups[g][0].received, -groups[g][1].received, g),
    )


def overturns() -> tuple[int, Counter[str]]:
    """Return how many stage 2 responses were compared with stage 1's decision, and the changes."""
    log, compared, changes = rows(), 0, Counter[str]()
    for (reference, stage), (verdict, _, _) in expected_verdicts().items():
        row = log[reference]
        answered = date(row["s2_responded"])
        if stage != "2" or verdict not in ANSWERED or answered is None or answered > END:
            continue
        one, two = row["outcome"], row["s2_outcome"]
        if one in DECIDED and two in DECIDED:
            compared += 1
            if one != two:
                changes[f"{one} to {two}"] += 1
    return compared, changes


def escalation_reasons() -> Counter[str]:
    """Return the stage 2 complaints received in the year, by the reason recorded."""
    return Counter(
        row[REASON] or "not recorded"
        for row in rows().values()
        if row["escalated"] and START <= date(row["escalated"]) <= END  # type: ignore[operator]
    )
