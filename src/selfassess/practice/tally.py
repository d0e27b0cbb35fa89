"""Count a measured log's figures: per stage, CH01 and CH02, compensation, months, categories."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal

from selfassess.practice.engine import PracticeResult
from selfassess.practice.figures import (
    CategoryFigures,
    Compensation,
    MonthFigures,
    PracticeFigures,
    RowCounts,
    StageCounts,
    StageFigures,
    TenancyMeasure,
    TenantMeasures,
)
from selfassess.practice.measures import measures
from selfassess.practice.period import Period
from selfassess.practice.stagefigures import (
    NOT_RECORDED,
    acknowledgements,
    extensions,
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
        by_month=_by_month(result),
        by_category=_by_category(result),
        provisions=measures(result),
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
        refused_by_reason=_counts(v.complaint.refusal_reason or NOT_RECORDED for v in refused),
        withdrawn=sum(v.verdict == WITHDRAWN for v in came_in),
        acknowledged_judged=len(acked),
        acknowledged_on_time=sum(v.acknowledgement == ACK_ON_TIME for v in acked),
        responded=len(answered),
        responded_on_time=on_time,
        responded_within_extension=sum(v.verdict == EXTENDED for v in answered),
        responded_late=sum(v.verdict == LATE for v in answered),
        extended=len(extended),
        extensions_within_code=sum(v.extension_allowed for v in extended),
        median_working_days_to_respond=_median(v.working_days for v in answered),
        open_at_period_end=len(still_open),
        open_overdue_at_period_end=sum(v.verdict == OPEN_OVERDUE for v in still_open),
        outcomes=_counts(v.record.outcome or NOT_RECORDED for v in answered),
    )


def _counts(values: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def _median(values: Iterable[int | None]) -> float | None:
    found = [v for v in values if v is not None]
    return float(statistics.median(found)) if found else None


#: Counts by (row key, stage, "received" | "responded" | "on_time").
_Tally = Counter[tuple[str, int, str]]


def _tally(result: PracticeResult, key: Callable[[Verdict, bool], str]) -> tuple[_Tally, set[str]]:
    """Count each stage under the key of the day it came in and the day it was answered."""
    counts: _Tally = Counter()
    keys: set[str] = set()
    first, last = result.period.start, result.period.end
    for verdict in result.verdicts:
        if first <= verdict.record.start <= last:
            keys.add(name := key(verdict, False))
            counts[name, verdict.stage, "received"] += 1
        answered = verdict.responded
        if answered is not None and first <= answered <= last and verdict.responded_in:
            keys.add(name := key(verdict, True))
            counts[name, verdict.stage, "responded"] += 1
            counts[name, verdict.stage, "on_time"] += verdict.within_timescale
    return counts, keys


def _stage(counts: _Tally, name: str, number: int) -> StageCounts:
    return StageCounts(
        received=counts[name, number, "received"],
        responded=counts[name, number, "responded"],
        on_time=counts[name, number, "on_time"],
    )


def _month_of(verdict: Verdict, answered: bool) -> str:
    day = verdict.responded if answered else verdict.record.start
    assert day is not None  # only stages answered in the period are counted as answered
    return day.isoformat()[:7]  # 2024-05: every date of a log is in the years 1990 to 2099


def _by_month(result: PracticeResult) -> tuple[MonthFigures, ...]:
    counts, _ = _tally(result, _month_of)
    return tuple(
        MonthFigures(int(iso[:4]), int(iso[5:]), _stage(counts, iso, 1), _stage(counts, iso, 2))
        for iso in result.period.months()
    )


def _by_category(result: PracticeResult) -> tuple[CategoryFigures, ...]:
    counts, names = _tally(result, lambda v, _: v.complaint.category or NOT_RECORDED)
    return tuple(
        CategoryFigures(name, _stage(counts, name, 1), _stage(counts, name, 2))
        for name in sorted(names)
    )
