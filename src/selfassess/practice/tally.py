"""Count a measured log's figures: per stage, CH01 and CH02, compensation, months and groups."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from selfassess.practice.engine import PracticeResult
from selfassess.practice.figures import (
    Compensation,
    PracticeFigures,
    RowCounts,
    StageFigures,
    TenancyMeasure,
    TenantMeasures,
)
from selfassess.practice.groups import escalation_reasons, overturns, tallied
from selfassess.practice.measures import measures
from selfassess.practice.period import Period
from selfassess.practice.stagefigures import (
    NOT_RECORDED,
    acknowledgements,
    counts,
    extensions,
    median,
    open_at_end,
    received,
    responded,
)
from selfassess.practice.verdicts import (
    ACK_ON_TIME,
    EXTENDED,
    LATE,
    OPEN_OVERDUE,
    REFUSED,
    WITHDRAWN,
    Verdict,
)

#: The last result's figures: the annual report and the self-assessment it includes both
#: ask for them, and counting them walks every verdict again. They are frozen, so shared.
_LAST: list[tuple[PracticeResult, PracticeFigures]] = []


def figures_of(result: PracticeResult) -> PracticeFigures:
    """Return every figure of a measured log (counted once for the last result given)."""
    if not _LAST or _LAST[0][0] is not result:
        _LAST[:] = [(result, _count(result))]
    return _LAST[0][1]


def _count(result: PracticeResult) -> PracticeFigures:
    period, cut_off = result.period, result.cut_off
    one, two = result.stage(1), result.stage(2)
    by_month, by_category, breakdowns = tallied(result)
    return PracticeFigures(
        log=result.log.display,
        rows=_rows(result),
        period=period,
        as_of=result.as_of,
        cut_off=cut_off,
        calendar=result.calendar.describe(),
        timescales=tuple(result.timescales.timescales),
        stage_1=stage_figures(1, one, period, cut_off),
        stage_2=stage_figures(2, two, period, cut_off),
        compensation=_compensation(one, result),
        tenants=_tenants(result),
        by_month=by_month,
        by_category=by_category,
        provisions=measures(result),
        breakdowns=breakdowns,
        overturns=overturns(result),
        escalation_reasons=escalation_reasons(result),
    )


def _rows(result: PracticeResult) -> RowCounts:
    """Return how many rows were read, and how many left out and why."""
    from selfassess.problemcodes import REGISTRY

    log = result.log
    because = {
        f"{code}: {REGISTRY[code].meaning}" if code in REGISTRY else code: count
        for code, count in sorted(log.left_out_because.items())
    }
    return RowCounts(
        read=log.rows_read,
        left_out=log.left_out,
        left_out_because=because,
        not_complaints=log.not_complaints,
        not_kept_by_where=log.not_kept,
    )


def _compensation(stage_one: list[Verdict], result: PracticeResult) -> Compensation:
    amounts = [
        v.complaint.compensation
        for v in received(stage_one, result.period)
        if v.complaint.compensation
    ]
    return Compensation(cases=len(amounts), total=sum(amounts, Decimal(0)))


def _tenancy(result: PracticeResult, number: int, nothing: bool) -> TenancyMeasure:
    counted = result.counted(result.stage(number))
    came_in = [v for v in received(counted, result.period) if v.verdict != REFUSED]
    answered = responded(counted, result.period)
    homes = result.homes
    per_1000 = round(1000 * len(came_in) / homes, 1) if homes and not nothing else None
    return TenancyMeasure(
        stage=number,
        received=len(came_in),
        ch01_per_1000_homes=per_1000,
        responded=len(answered),
        responded_on_time=sum(v.within_timescale for v in answered),
        counted=not nothing,
    )


def _tenants(result: PracticeResult) -> TenantMeasures:
    tenures = result.settings.tenures
    nothing = _nothing_counted(result)
    return TenantMeasures(
        homes=result.homes,
        tenures=tuple(tenures) if tenures is not None else None,
        stage_1=_tenancy(result, 1, nothing is not None),
        stage_2=_tenancy(result, 2, nothing is not None),
        not_counted_because=nothing,
    )


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


def stage_figures(
    number: int, verdicts: list[Verdict], period: Period, cut_off: dt.date
) -> StageFigures:
    """Return one stage's figures."""
    came_in, answered = received(verdicts, period), responded(verdicts, period)
    acked, extended = acknowledgements(verdicts, period), extensions(verdicts, period)
    on_time = sum(v.within_timescale for v in answered)
    still_open = open_at_end(verdicts, cut_off)
    refused = [v for v in came_in if v.verdict == REFUSED]
    return StageFigures(
        stage=number,
        received=len(came_in),
        refused=len(refused),
        refused_by_reason=counts(v.complaint.refusal_reason or NOT_RECORDED for v in refused),
        withdrawn=sum(v.verdict == WITHDRAWN for v in came_in),
        acknowledged_judged=len(acked),
        acknowledged_on_time=sum(v.acknowledgement == ACK_ON_TIME for v in acked),
        responded=len(answered),
        responded_on_time=on_time,
        responded_within_extension=sum(v.verdict == EXTENDED for v in answered),
        responded_late=sum(v.verdict == LATE for v in answered),
        extended=len(extended),
        extensions_within_code=sum(v.extension_allowed for v in extended),
        median_working_days_to_respond=median(v.working_days for v in answered),
        open_at_period_end=len(still_open),
        open_overdue_at_period_end=sum(v.verdict == OPEN_OVERDUE for v in still_open),
        outcomes=counts(v.record.outcome or NOT_RECORDED for v in answered),
    )
