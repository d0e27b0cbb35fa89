"""Count a measured log's figures by month and by group: a category, or each of `breakdowns:`.

One tally serves them all: each stage is counted under its group's name as received (in the
period) and, once answered in the period, as responded, on time, decided and upheld, with
its working days kept for the group's median. Stage 2's overturns of stage 1's decisions
and the reasons for escalation are counted here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from selfassess.practice.engine import PracticeResult
from selfassess.practice.figures import (
    Breakdown,
    GroupFigures,
    MonthFigures,
    Overturns,
    StageCounts,
)
from selfassess.practice.stagefigures import (
    DECIDED,
    NOT_RECORDED,
    UPHELD,
    counts,
    median,
    received,
    responded,
)
from selfassess.practice.verdicts import Verdict

#: Counts by (row key, stage, "received" | "responded" | "on_time" | "decided" | "upheld").
_Tally = Counter[tuple[str, int, str]]
#: Working days to respond, by (row key, stage), for each group's median.
_Days = dict[tuple[str, int], list[int]]


def _tally(
    result: PracticeResult, key: Callable[[Verdict, bool], str]
) -> tuple[_Tally, _Days, set[str]]:
    """Count each stage under the key of the day it came in and the day it was answered."""
    counts: _Tally = Counter()
    days: _Days = {}
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
            outcome = verdict.record.outcome
            counts[name, verdict.stage, "decided"] += outcome in DECIDED
            counts[name, verdict.stage, "upheld"] += outcome in UPHELD
            if verdict.working_days is not None:
                days.setdefault((name, verdict.stage), []).append(verdict.working_days)
    return counts, days, keys


def _stage(counts: _Tally, name: str, number: int, days: _Days | None = None) -> StageCounts:
    return StageCounts(
        received=counts[name, number, "received"],
        responded=counts[name, number, "responded"],
        on_time=counts[name, number, "on_time"],
        median_working_days=median(days.get((name, number), ())) if days else None,
        decided=counts[name, number, "decided"],
        upheld=counts[name, number, "upheld"],
    )


def _month_of(verdict: Verdict, answered: bool) -> str:
    day = verdict.responded if answered else verdict.record.start
    assert day is not None  # only stages answered in the period are counted as answered
    return day.isoformat()[:7]  # 2024-05: every date of a log is in the years 1990 to 2099


def by_month(result: PracticeResult) -> tuple[MonthFigures, ...]:
    """Return both stages' counts in each month of the period."""
    counts, _, _ = _tally(result, _month_of)
    return tuple(
        MonthFigures(int(iso[:4]), int(iso[5:]), _stage(counts, iso, 1), _stage(counts, iso, 2))
        for iso in result.period.months()
    )


def grouped(result: PracticeResult, group: Callable[[Verdict], str]) -> list[GroupFigures]:
    """Return both stages' counts, medians and upheld rates for each group, by name."""
    counts, days, names = _tally(result, lambda v, _: group(v) or NOT_RECORDED)
    return [
        GroupFigures(name, _stage(counts, name, 1, days), _stage(counts, name, 2, days))
        for name in sorted(names)
    ]


def by_category(result: PracticeResult) -> tuple[GroupFigures, ...]:
    """Return the figures by the log's category column, by name."""
    return tuple(grouped(result, lambda v: v.complaint.category))


def breakdowns(result: PracticeResult) -> tuple[Breakdown, ...]:
    """Return the figures by each of `breakdowns:` the log has, its largest groups first."""
    found = []
    for index, column in enumerate(result.settings.breakdowns):
        if column in result.log.breakdowns_missing:
            continue
        groups = grouped(result, _group(index))
        groups.sort(
            key=lambda g: (g.name == NOT_RECORDED, -g.stage_1.received, -g.stage_2.received)
        )
        found.append(Breakdown(column, tuple(groups)))
    return tuple(found)


def _group(index: int) -> Callable[[Verdict], str]:
    return lambda verdict: verdict.complaint.groups[index]


def overturns(result: PracticeResult) -> Overturns:
    """Compare each stage 2 response sent in the period with stage 1's decision."""
    pairs = [
        (v.complaint.stage1.outcome, v.record.outcome)
        for v in responded(result.stage(2), result.period)
        if v.complaint.stage1.outcome in DECIDED and v.record.outcome in DECIDED
    ]
    changes = counts(f"{one} to {two}" for one, two in pairs if one != two)
    return Overturns(len(pairs), sum(changes.values()), changes)


def escalation_reasons(result: PracticeResult) -> dict[str, int] | None:
    """Count the stage 2 complaints received in the period by why they were escalated."""
    if not result.log.has_escalation_reasons:
        return None
    came_in = received(result.stage(2), result.period)
    return counts(v.complaint.escalation_reason or NOT_RECORDED for v in came_in)
