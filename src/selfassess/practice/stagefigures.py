"""The figures: per stage, the escalation rate, outcomes, compensation, months, categories.

Every figure here is JSON-ready; practice.json and the annual report's report.json
both take them from ``stage_figures`` and ``build_figures`` so they cannot differ.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from selfassess.practice.period import Period
from selfassess.practice.verdicts import (
    ACK_LATE,
    ACK_MISSING,
    ACK_ON_TIME,
    EXTENDED,
    LATE,
    OPEN_OVERDUE,
    REFUSED,
    WITHDRAWN,
    Verdict,
)

NOT_RECORDED = "not recorded"


def percent(part: int, whole: int) -> float | None:
    """Return part as a percentage of whole to one decimal place, or None for no cases."""
    return round(100 * part / whole, 1) if whole else None


def received(verdicts: Iterable[Verdict], period: Period) -> list[Verdict]:
    """Return the stages received (or escalated) in the period."""
    return [v for v in verdicts if v.record.start in period]


def responded(verdicts: Iterable[Verdict], period: Period) -> list[Verdict]:
    """Return the stages given a full response in the period."""
    return [v for v in verdicts if v.responded_in and v.responded in period]


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


def stage_figures(verdicts: list[Verdict], period: Period, cut_off: Any) -> dict[str, Any]:
    """Return one stage's figures."""
    came_in, answered = received(verdicts, period), responded(verdicts, period)
    acked, extended = acknowledgements(verdicts, period), extensions(verdicts, period)
    on_time = sum(v.within_timescale for v in answered)
    still_open = open_at_end(verdicts, cut_off)
    refused = [v for v in came_in if v.verdict == REFUSED]
    return {
        "received": len(came_in),
        "refused": len(refused),
        "refused_by_reason": _counts(v.complaint.refusal_reason or NOT_RECORDED for v in refused),
        "withdrawn": sum(v.verdict == WITHDRAWN for v in came_in),
        "acknowledged_judged": len(acked),
        "acknowledged_on_time": sum(v.acknowledgement == ACK_ON_TIME for v in acked),
        "acknowledged_on_time_percent": percent(
            sum(v.acknowledgement == ACK_ON_TIME for v in acked), len(acked)
        ),
        "responded": len(answered),
        "responded_on_time": on_time,
        "responded_within_extension": sum(v.verdict == EXTENDED for v in answered),
        "responded_late": sum(v.verdict == LATE for v in answered),
        "responded_on_time_percent": percent(on_time, len(answered)),
        "extended": len(extended),
        "extensions_within_code": sum(v.extension_allowed for v in extended),
        "median_working_days_to_respond": _median(v.working_days for v in answered),
        "open_at_period_end": len(still_open),
        "open_overdue_at_period_end": sum(v.verdict == OPEN_OVERDUE for v in still_open),
        "outcomes": _counts(v.record.outcome or NOT_RECORDED for v in answered),
    }


def _counts(values: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def _median(values: Iterable[int | None]) -> float | None:
    found = [v for v in values if v is not None]
    return float(statistics.median(found)) if found else None


def money(amount: Decimal) -> str:
    """Write pounds with pence, e.g. "1250.00"."""
    return f"{amount.quantize(Decimal('0.01'))}"
