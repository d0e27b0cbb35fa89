"""Figures from a register, for the annual report and the committee: JSON-ready dicts.

The maladministration rate is severe maladministration, maladministration and
service failure as a share of the findings that were decided (outside
jurisdiction and withdrawn are left out of both sides).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from selfassess.casework.models import (
    ADVERSE,
    FINDINGS,
    KINDS_OF,
    UNDECIDED,
    Case,
    CaseAction,
    Finding,
    Order,
    Recommendation,
    Register,
)
from selfassess.casework.share import rate
from selfassess.safety import published_url

FIGURES_SCHEMA_VERSION = 1
UNCATEGORISED = "not given"
CHFO = "complaint handling failure order"


def figures(register: Register, as_of: dt.date) -> dict[str, Any]:
    """Return every figure the register gives, as on the as-of date."""
    cases = register.cases
    if register.ombudsman == "lgsco":  # its own figures, under its own definitions
        from selfassess.casework.lgsco import lgsco_figures

        counted = lgsco_figures(register, as_of)
        # Recommendations by area, as a special investigation's plan groups them.
        counted["recommendations"]["by_area"] = recommendation_figures(cases, as_of)["by_area"]
        return {
            "schema_version": FIGURES_SCHEMA_VERSION,
            "ombudsman": "lgsco",
            "landlord": register.landlord.name,
            "period": register.period,
            "as_of": as_of.isoformat(),
            "cases": {kind: sum(1 for c in cases if c.kind == kind) for kind in KINDS_OF["lgsco"]},
            "lgsco": counted,
        }
    return {
        "schema_version": FIGURES_SCHEMA_VERSION,
        "landlord": register.landlord.name,
        "period": register.period,
        "as_of": as_of.isoformat(),
        "cases": {kind: sum(1 for c in cases if c.kind == kind) for kind in KINDS_OF["housing"]},
        "determinations": sum(1 for c in cases if c.kind == "determination"),
        "complaint_handling_failure_orders": sum(1 for c in cases if c.kind == CHFO),
        "findings": finding_figures(f for c in cases for f in c.findings),
        "orders": order_figures([o for c in cases for o in c.orders], as_of),
        "recommendations": recommendation_figures(cases, as_of),
        "compensation_ordered": _pounds(o.compensation for c in cases for o in c.orders),
        "by_subject": _by_subject(cases, as_of),
    }


def finding_figures(findings: Iterable[Finding]) -> dict[str, Any]:
    """Count findings by the Ombudsman's categories, and the maladministration rate."""
    counts = dict.fromkeys(FINDINGS, 0)
    for finding in findings:
        if finding.finding in counts:
            counts[finding.finding] += 1
    total = sum(counts.values())
    decided = total - sum(counts[name] for name in UNDECIDED)
    adverse = sum(counts[name] for name in ADVERSE)
    return {
        "total": total,
        "decided": decided,
        "by_category": counts,
        "maladministration_rate": rate(adverse, decided),
    }


def order_figures(orders: list[Order], as_of: dt.date) -> dict[str, Any]:
    """Count orders made, complied with on time and late, still open, and overdue."""
    done = [o for o in orders if o.status == "done"]
    on_time = [o for o in done if o.done_on and o.current_due and o.done_on <= o.current_due]
    open_orders = [o for o in orders if o.status != "done"]
    return {
        "made": len(orders),
        "complied": len(done),
        "complied_on_time": len(on_time),
        "complied_late": len(done) - len(on_time),
        "open": len(open_orders),
        "overdue": sum(1 for o in open_orders if o.is_overdue(as_of)),
        "moved": sum(1 for o in orders if o.revised),
        "on_time_rate": rate(len(on_time), len(orders)),
    }


def recommendation_figures(cases: list[Case], as_of: dt.date) -> dict[str, Any]:
    """Count recommendations and their actions by status, overdue ones apart, and by area."""
    recommendations = [r for c in cases for r in c.recommendations]
    figures = _recommendations(recommendations, as_of)
    areas: dict[str, list[Recommendation]] = {}
    for rec in recommendations:
        areas.setdefault(rec.area or UNCATEGORISED, []).append(rec)
    figures["by_area"] = [
        {"area": name, **_recommendations(recs, as_of)} for name, recs in areas.items()
    ]
    return figures


def _recommendations(recommendations: list[Recommendation], as_of: dt.date) -> dict[str, Any]:
    return {
        "made": len(recommendations),
        "completed": sum(1 for r in recommendations if r.actions and _all_done(r.actions)),
        "actions": action_figures([a for r in recommendations for a in r.actions], as_of),
    }


def action_figures(actions: list[CaseAction], as_of: dt.date) -> dict[str, int]:
    """Count actions by status (overdue ones apart), and those whose due date moved."""
    overdue = [a for a in actions if a.is_overdue(as_of)]
    counted = [a for a in actions if not a.is_overdue(as_of)]
    return {
        "total": len(actions),
        "done": sum(1 for a in counted if a.status == "done"),
        "in progress": sum(1 for a in counted if a.status == "in progress"),
        "not started": sum(1 for a in counted if a.status == "not started"),
        "overdue": len(overdue),
        "slipped": sum(1 for a in actions if a.revised),
    }


def _all_done(actions: Iterable[Any]) -> bool:
    return all(a.status == "done" for a in actions)


def _pounds(amounts: Iterable[Decimal | None]) -> float:
    return float(sum((a for a in amounts if a is not None), Decimal(0)))


def _by_subject(cases: list[Case], as_of: dt.date) -> list[dict[str, Any]]:
    """Return the figures for each subject category, in order of first appearance."""
    findings: dict[str, list[Finding]] = {}
    orders: dict[str, list[Order]] = {}
    for case in cases:
        orders.setdefault(case.category or UNCATEGORISED, []).extend(case.orders)
        for finding in case.findings:
            name = finding.category or case.category or UNCATEGORISED
            findings.setdefault(name, []).append(finding)
    names = list(dict.fromkeys([*findings, *orders]))
    return [
        {
            "subject_category": name,
            "findings": finding_figures(findings.get(name, [])),
            "orders": order_figures(orders.get(name, []), as_of)["made"],
            "compensation_ordered": _pounds(o.compensation for o in orders.get(name, [])),
        }
        for name in names
        if findings.get(name) or orders.get(name)
    ]


def publications(register: Register) -> list[dict[str, Any]]:
    """Return the Ombudsman's publications about the landlord, newest first; unsafe links dropped."""
    items = sorted(register.publications, key=lambda p: p.date or dt.date.min, reverse=True)
    return [
        {
            "kind": item.kind,
            "title": item.title,
            "url": published_url(item.url),
            "date": item.date.isoformat() if item.date else None,
        }
        for item in items
    ]
