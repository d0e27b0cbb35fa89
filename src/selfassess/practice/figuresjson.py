"""The practice figures as JSON: practice.json, and the parts report.json and summary.json hold.

Every mapping here is derived from ``PracticeFigures``; no other package writes a figure's
JSON key, so the three files cannot differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from selfassess.practice.figures import (
    SMALL_GROUP,
    Breakdown,
    PracticeFigures,
    RowCounts,
    StageCounts,
    StageFigures,
    TenantMeasures,
    money,
    percent,
)

PRACTICE_SCHEMA_VERSION = 1


def practice_data(figures: PracticeFigures) -> dict[str, Any]:
    """Return practice.json's content (also report.json's "practice"), in a stable order."""
    period = figures.period
    return {
        "schema_version": PRACTICE_SCHEMA_VERSION,
        "log": figures.log,
        "rows": _rows(figures.rows),
        "period": {
            "label": period.label,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
        "as_of": figures.as_of.isoformat(),
        "cut_off": figures.cut_off.isoformat(),
        "calendar": figures.calendar,
        "timescales": [
            {
                "provision": t.provision,
                "stage": t.stage,
                "measure": t.measure,
                "working_days": t.working_days,
                "confirmed": t.confirmed,
            }
            for t in figures.timescales
        ],
        "stage_1": _stage(figures.stage_1),
        "stage_2": _stage(figures.stage_2),
        "escalation_rate_percent": figures.escalation_rate_percent,
        "compensation": {
            "cases": figures.compensation.cases,
            "total_pounds": money(figures.compensation.total),
        },
        "tenant_satisfaction_measures": _tenants(figures.tenants),
        "by_month": [{"month": m.iso, **_counts(m.stage_1, m.stage_2)} for m in figures.by_month],
        "by_category": [
            {"category": c.name, **_counts(c.stage_1, c.stage_2)} for c in figures.by_category
        ],
        "breakdowns": [_breakdown(b) for b in figures.breakdowns],
        "stage_2_changed_stage_1": {
            "compared": figures.overturns.compared,
            "changed": figures.overturns.changed,
            "changed_percent": figures.overturns.changed_percent,
            "by_change": dict(figures.overturns.by_change),
        },
        "escalation_reasons": _reasons(figures.escalation_reasons),
    }


def summary_data(figures: PracticeFigures) -> dict[str, Any]:
    """Return summary.json's "practice": the period, CH01 and CH02, and each provision's count."""
    period = figures.period
    return {
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "rows_left_out": figures.rows.left_out,
        "tenant_satisfaction_measures": _tenants(figures.tenants),
        "provisions": {
            pid: {
                "stage": m.stage,
                "measure": m.measure,
                "working_days": m.working_days,
                "met": m.met,
                "total": m.total,
                "percent": m.percent if m.total else None,
            }
            for pid, m in figures.provisions.items()
        },
    }


def _rows(rows: RowCounts) -> dict[str, Any]:
    return {
        "read": rows.read,
        "left_out": rows.left_out,
        "left_out_because": dict(rows.left_out_because),
        "not_complaints": rows.not_complaints,
        "not_kept_by_where": rows.not_kept_by_where,
    }


def _stage(s: StageFigures) -> dict[str, Any]:
    return {
        "received": s.received,
        "refused": s.refused,
        "refused_by_reason": dict(s.refused_by_reason),
        "withdrawn": s.withdrawn,
        "acknowledged_judged": s.acknowledged_judged,
        "acknowledged_on_time": s.acknowledged_on_time,
        "acknowledged_on_time_percent": s.acknowledged_on_time_percent,
        "responded": s.responded,
        "responded_on_time": s.responded_on_time,
        "responded_within_extension": s.responded_within_extension,
        "responded_late": s.responded_late,
        "responded_on_time_percent": s.responded_on_time_percent,
        "extended": s.extended,
        "extensions_within_code": s.extensions_within_code,
        "median_working_days_to_respond": s.median_working_days_to_respond,
        "open_at_period_end": s.open_at_period_end,
        "open_overdue_at_period_end": s.open_overdue_at_period_end,
        "outcomes": dict(s.outcomes),
    }


def _tenants(tenants: TenantMeasures) -> dict[str, Any]:
    stages = {
        f"stage_{m.stage}": {
            "received": m.received,
            "CH01_per_1000_homes": m.ch01_per_1000_homes,
            "responded": m.responded,
            "responded_on_time": m.responded_on_time,
            "CH02_percent": m.ch02_percent,
        }
        for m in tenants.stages()
    }
    return {
        "homes": tenants.homes,
        "tenures": list(tenants.tenures) if tenants.tenures is not None else None,
        "CH01_left_out_because": tenants.ch01_left_out_because,
        "not_counted_because": tenants.not_counted_because,
        **stages,
    }


def _breakdown(found: Breakdown) -> dict[str, Any]:
    return {
        "column": found.column,
        "small_group_below": SMALL_GROUP,
        "groups": [
            {"group": g.name, "stage_1": _group(g.stage_1), "stage_2": _group(g.stage_2)}
            for g in found.groups
        ],
    }


def _group(stage: StageCounts) -> dict[str, Any]:
    return {
        "received": stage.received,
        "small_group": stage.small,
        "responded": stage.responded,
        "on_time": stage.on_time,
        "on_time_percent": stage.on_time_percent,
        "median_working_days_to_respond": stage.median_working_days,
        "responses_decided": stage.decided,
        "upheld_or_partly": stage.upheld,
        "upheld_or_partly_percent": stage.upheld_percent,
    }


def _reasons(reasons: Mapping[str, int] | None) -> dict[str, Any] | None:
    """Return the reasons for escalation with each one's share (None: the log has no column)."""
    if reasons is None:
        return None
    total = sum(reasons.values())
    return {
        reason: {"complaints": count, "share_percent": percent(count, total)}
        for reason, count in reasons.items()
    }


def _counts(one: StageCounts, two: StageCounts) -> dict[str, int]:
    counts = {}
    for number, stage in ((1, one), (2, two)):
        counts[f"stage_{number}_received"] = stage.received
        counts[f"stage_{number}_responded"] = stage.responded
        counts[f"stage_{number}_on_time"] = stage.on_time
    return counts
