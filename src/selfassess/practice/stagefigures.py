"""Which stages each figure counts: received, responded, acknowledged, extended, open."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from typing import Any

from selfassess.practice.period import Period
from selfassess.practice.verdicts import (
    ACK_LATE,
    ACK_MISSING,
    ACK_ON_TIME,
    Verdict,
)

NOT_RECORDED = "not recorded"
#: The outcomes that decide a complaint, and those of them that uphold it (wholly or partly).
DECIDED = ("upheld", "partly upheld", "not upheld")
UPHELD = ("upheld", "partly upheld")


def received(verdicts: Iterable[Verdict], period: Period) -> list[Verdict]:
    """Return the stages received (or escalated) in the period."""
    first, last = period.start, period.end
    return [v for v in verdicts if first <= v.record.start <= last]


def responded(verdicts: Iterable[Verdict], period: Period) -> list[Verdict]:
    """Return the stages given a full response in the period."""
    first, last = period.start, period.end
    return [
        v
        for v in verdicts
        if v.responded is not None and first <= v.responded <= last and v.responded_in
    ]


def acknowledgements(verdicts: Iterable[Verdict], period: Period) -> list[Verdict]:
    """Return the stages received in the period whose acknowledgement can be judged."""
    judged = (ACK_ON_TIME, ACK_LATE, ACK_MISSING)
    return [v for v in received(verdicts, period) if v.acknowledgement in judged]


def extensions(verdicts: Iterable[Verdict], period: Period) -> list[Verdict]:
    """Return the stages received in the period whose response date was extended."""
    return [v for v in received(verdicts, period) if v.extension]


def open_at_end(verdicts: Iterable[Verdict], cut_off: Any) -> list[Verdict]:
    """Return the stages received by the cut-off and still open then."""
    return [v for v in verdicts if v.record.start <= cut_off and v.verdict.startswith("open")]


def counts(values: Iterable[str]) -> dict[str, int]:
    """Return how many times each value occurs, by value."""
    return dict(sorted(Counter(values).items()))


def median(values: Iterable[int | None]) -> float | None:
    """Return the median of the values given (None ones left aside), or None for none."""
    found = [v for v in values if v is not None]
    return float(statistics.median(found)) if found else None
