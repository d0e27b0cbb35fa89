"""All the figures of one result as one JSON-ready mapping (what practice.json holds)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from selfassess.practice.engine import PracticeResult
from selfassess.practice.stagefigures import (
    NOT_RECORDED,
    money,
    percent,
    received,
    responded,
    stage_figures,
)
from selfassess.practice.verdicts import REFUSED, Verdict

PRACTICE_SCHEMA_VERSION = 1


def build_figures(result: PracticeResult) -> dict[str, Any]:
    """Return every figure of a result, JSON-ready, in a stable order."""
    period, cut_off = result.period, result.cut_off
    one, two = result.stage(1), result.stage(2)
    stage_1 = stage_figures(one, period, cut_off)
    stage_2 = stage_figures(two, period, cut_off)
    accepted = stage_1["received"] - stage_1["refused"]
    return {
        "schema_version": PRACTICE_SCHEMA_VERSION,
        "log": result.log.display,
        "rows": _rows(result),
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": result.as_of.isoformat(),
        "cut_off": cut_off.isoformat(),
        "calendar": result.calendar.describe(),
        "timescales": [
            {
                "provision": t.provision,
                "stage": t.stage,
                "measure": t.measure,
                "working_days": t.working_days,
                "confirmed": t.confirmed,
            }
            for t in result.timescales.timescales
        ],
        "stage_1": stage_1,
        "stage_2": stage_2,
        "escalation_rate_percent": percent(stage_2["received"], accepted),
        "compensation": _compensation(one, result),
        "tenant_satisfaction_measures": _tsm(result),
        "by_month": _by_month(result),
        "by_category": _by_category(result),
    }


def _rows(result: PracticeResult) -> dict[str, Any]:
    """Return how many rows were read, and how many left out and why, first in practice.json."""
    from selfassess.problemcodes import REGISTRY

    log = result.log
    because = {
        f"{code}: {REGISTRY[code].meaning}" if code in REGISTRY else code: count
        for code, count in sorted(log.left_out_because.items())
    }
    return {
        "read": log.rows_read,
        "left_out": log.left_out,
        "left_out_because": because,
        "not_complaints": log.not_complaints,
        "not_kept_by_where": log.not_kept,
    }


def _compensation(stage_one: list[Verdict], result: PracticeResult) -> dict[str, Any]:
    amounts = [
        v.complaint.compensation
        for v in received(stage_one, result.period)
        if v.complaint.compensation
    ]
    return {"cases": len(amounts), "total_pounds": money(sum(amounts, Decimal(0)))}


def _tsm(result: PracticeResult) -> dict[str, Any]:
    homes, figures = result.homes, {}
    nothing = _nothing_counted(result)
    for number in (1, 2):
        counted = result.counted(result.stage(number))
        came_in = [v for v in received(counted, result.period) if v.verdict != REFUSED]
        answered = responded(counted, result.period)
        on_time = sum(v.within_timescale for v in answered)
        per_1000 = round(1000 * len(came_in) / homes, 1) if homes and not nothing else None
        figures[f"stage_{number}"] = {
            "received": len(came_in),
            "CH01_per_1000_homes": per_1000,
            "responded": len(answered),
            "responded_on_time": on_time,
            "CH02_percent": None if nothing else percent(on_time, len(answered)),
        }
    return {
        "homes": homes,
        "tenures": result.settings.tenures,
        "CH01_left_out_because": None if homes else "the number of homes was not given",
        "not_counted_because": nothing,
        **figures,
    }


def _nothing_counted(result: PracticeResult) -> str | None:
    """Say why CH01 and CH02 are not figures when tenures: leaves no complaint to count."""
    tenures = result.settings.tenures
    if tenures is None:
        return None
    stage_one = received(result.stage(1), result.period)
    if not stage_one or received(result.counted(result.stage(1)), result.period):
        return None
    return (
        f"no complaints counted: none of the {len(stage_one):,} stage 1 complaints received "
        f"has a tenure in tenures: {', '.join(tenures)}"
    )


def _by_month(result: PracticeResult) -> list[dict[str, Any]]:
    rows = {month: _blank() for month in result.period.months()}
    for verdict in result.verdicts:
        _tally(rows, verdict, lambda day: f"{day.year}-{day.month:02d}", result)
    return [{"month": month, **counts} for month, counts in rows.items()]


def _by_category(result: PracticeResult) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, int]] = defaultdict(_blank)
    for verdict in result.verdicts:
        category = verdict.complaint.category or NOT_RECORDED
        _tally(rows, verdict, lambda day, name=category: name, result)
    return [{"category": name, **rows[name]} for name in sorted(rows)]


def _blank() -> dict[str, int]:
    return dict.fromkeys(
        (
            "stage_1_received",
            "stage_1_responded",
            "stage_1_on_time",
            "stage_2_received",
            "stage_2_responded",
            "stage_2_on_time",
        ),
        0,
    )


def _tally(rows: Any, verdict: Verdict, key: Any, result: PracticeResult) -> None:
    """Count a stage under the key of the day it came in and the day it was answered."""
    prefix = f"stage_{verdict.stage}"
    if verdict.record.start in result.period:
        rows[key(verdict.record.start)][f"{prefix}_received"] += 1
    answered = verdict.responded
    if verdict.responded_in and answered is not None and answered in result.period:
        rows[key(answered)][f"{prefix}_responded"] += 1
        rows[key(answered)][f"{prefix}_on_time"] += verdict.within_timescale


def left_out_words(rows: dict[str, Any]) -> str | None:
    """Say how many rows are left out of every figure and why, or None if none are."""
    if not rows["left_out"]:
        return None
    because = "; ".join(f"{count:,} {why}" for why, count in rows["left_out_because"].items())
    return (
        f"{rows['left_out']:,} of {rows['read']:,} rows of the log are left out of every figure "
        f"because of errors ({because}); the figures count only the rest"
    )
