"""Build the committee progress report from checked registers.

The public plan shows owners' roles only (names too when the register publishes
them); the internal plan names owners and gives their emails, as the gap list does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from selfassess.casework import view as v
from selfassess.casework.figures import figures, publications
from selfassess.casework.load import CheckedRegister
from selfassess.casework.models import FINDINGS, FINDINGS_OF, Case, Recommendation
from selfassess.casework.planitems import by_due, notes, plan_item, plan_order
from selfassess.casework.planitems import pounds as pounds
from selfassess.casework.plansummary import area_rows, finding_shares, subject_rows
from selfassess.dates import format_date
from selfassess.models import Owner
from selfassess.safety import published_url
from selfassess.wording import plural, sentence_start

NO_AREA = "Area not given"


def build_plan(checked: CheckedRegister, as_of: dt.date, internal: bool = False) -> v.PlanView:
    """Return the progress report of one register on one date."""
    register = checked.register
    counted = figures(register, as_of)
    findings = FINDINGS_OF[register.ombudsman]
    cases = tuple(
        _case(index, case, _Owners(checked, internal), as_of, findings)
        for index, case in enumerate(register.cases)
    )
    lgsco = register.ombudsman == "lgsco"
    title = (
        ("LGSCO" if lgsco else "Ombudsman")
        + " casework: progress report"
        + (f" {register.period}" if register.period else "")
    )
    plan = v.PlanView(
        title=title,
        landlord=register.landlord.name,
        facts=_facts(register.landlord.name, register.period, as_of, internal, lgsco),
        period=register.period,
        as_of=format_date(as_of) or "",
        internal=internal,
        actions_headline=v.action_counts(
            tuple(i for c in cases for r in c.recommendations for i in r.actions)
        ),
        recommendations_summary=v.recommendations_made(
            tuple(r for c in cases for r in c.recommendations)
        ),
        orders_headline="",
        findings=(),
        rate="",
        compensation="",
        by_subject=(),
        by_area=(),
        cases=cases,
        publications=tuple(_publication(p) for p in publications(register)),
        figures=counted,
    )
    return _lgsco_summary(plan) if lgsco else _housing_summary(plan)


def _housing_summary(plan: v.PlanView) -> v.PlanView:
    counted = plan.figures
    return dataclasses.replace(
        plan,
        orders_headline=orders_headline(counted["orders"]),
        findings=finding_shares(counted["findings"]["by_category"]),
        rate=rate_text(counted["findings"]["maladministration_rate"]),
        compensation=pounds(Decimal(str(counted["compensation_ordered"]))),
        by_subject=subject_rows(counted["by_subject"]),
        by_area=area_rows(counted["recommendations"]),
    )


def _lgsco_summary(plan: v.PlanView) -> v.PlanView:
    counted = plan.figures["lgsco"]
    recs = counted["recommendations"]
    upheld = counted["upheld_rate"]
    return dataclasses.replace(
        plan,
        orders_headline=orders_headline(recs, "recommendation"),
        findings=finding_shares(counted["by_outcome"]),
        rate=(
            f"{upheld['rounded']}% ({upheld['count']} of {upheld['of']} decisions investigated "
            "were upheld)"
            if upheld
            else "No decision was investigated in detail, so there is no upheld rate."
        ),
        compensation=pounds(Decimal(str(counted["compensation_recommended"]))),
        by_area=area_rows(recs),
        words=v.LGSCO_WORDS,
    )


def _facts(
    landlord: str, period: str | None, as_of: dt.date, internal: bool, lgsco: bool = False
) -> tuple[v.Fact, ...]:
    facts = [v.Fact("Council" if lgsco else "Landlord", landlord)]
    if period:
        facts.append(v.Fact("Period", period))
    facts.append(v.Fact("Position as of", format_date(as_of) or ""))
    facts.append(
        v.Fact("Version", "Internal: names owners" if internal else "Public: owners' roles")
    )
    return tuple(facts)


class _Owners:
    """Say who is responsible, as the public or the internal report shows them."""

    def __init__(self, checked: CheckedRegister, internal: bool) -> None:
        self.owners = checked.owners
        self.internal = internal
        self.names = checked.register.publish_owner_names

    def label(self, key: str | None) -> str:
        """Name an owner key as this version of the report shows owners."""
        owner: Owner | None = self.owners.get(key or "")
        if owner is None:
            return key or v.NO_OWNER
        if self.internal:
            return owner.internal_label()
        return owner.public_label(self.names)


def orders_headline(orders: dict[str, Any], noun: str = "order") -> str:
    """Say "11 orders: 9 complied with on time, 0 late, 2 open (0 overdue)"."""
    return (
        f"{plural(orders['made'], noun)}: {orders['complied_on_time']} complied with on time, "
        f"{orders['complied_late']} complied with late, {orders['open']} open "
        f"({orders['overdue']} overdue)"
    )


def rate_text(rate: dict[str, Any] | None) -> str:
    """Say the maladministration rate in words, with the counts it comes from."""
    if rate is None:
        return "No findings were decided, so there is no maladministration rate."
    return (
        f"{rate['rounded']}% ({rate['count']} of {rate['of']} findings decided were severe "
        "maladministration, maladministration or service failure)"
    )


def _case(
    index: int, case: Case, owners: _Owners, as_of: dt.date, known: tuple[str, ...] = FINDINGS
) -> v.CaseView:
    kind = sentence_start(case.kind)
    recommendations = tuple(_recommendation(r, owners, as_of) for r in case.recommendations)
    return v.CaseView(
        anchor=f"case-{index + 1}",
        heading=f"{kind} {case.reference}" + (f": {case.subject}" if case.subject else ""),
        reference=case.reference,
        kind=kind,
        date=format_date(case.date),
        subject=case.subject,
        url=published_url(case.url),
        findings=tuple((f.issue, f.finding) for f in case.findings if f.finding in known),
        orders=tuple(plan_order(o, owners.label, as_of) for o in by_due(case.orders)),
        recommendations=recommendations,
        areas=_by_area(recommendations),
    )


def _by_area(recommendations: tuple[v.RecommendationView, ...]) -> tuple[v.AreaView, ...]:
    """Group recommendations by area in order of first appearance; none if no area is given."""
    if not any(rec.area for rec in recommendations):
        return ()
    areas: dict[str, list[v.RecommendationView]] = {}
    for rec in recommendations:
        areas.setdefault(rec.area or NO_AREA, []).append(rec)
    return tuple(v.AreaView(name, tuple(recs)) for name, recs in areas.items())


def _recommendation(rec: Recommendation, owners: _Owners, as_of: dt.date) -> v.RecommendationView:
    actions = tuple(plan_item(a, owners.label, as_of) for a in by_due(rec.actions))
    text = f"{rec.text} (due {format_date(rec.due)})" if rec.due else rec.text
    return v.RecommendationView(
        id=rec.id,
        text=text,
        actions=actions,
        area=sentence_start(rec.area) if rec.area else None,
        sro=owners.label(rec.sro) if rec.sro else None,
        progress=notes(rec.progress),
    )


def _publication(item: dict[str, Any]) -> v.Publication:
    day = dt.date.fromisoformat(item["date"]) if item["date"] else None
    return v.Publication(item["kind"], item["title"], item["url"], format_date(day))
