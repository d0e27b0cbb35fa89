"""Count a measured log's figures by month and by group: a category, or each of `breakdowns:`.

One tally serves them all: each stage is counted under its group's name as received (in the
period) and, once answered in the period, as responded, on time, decided and upheld, with
its working days kept for the group's median. Stage 2's overturns of stage 1's decisions
and the reasons for escalation are counted here too.
"""

from __future__ import annotations

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
    received,
    responded,
)
from selfassess.practice.verdicts import Verdict

#: For each (row key, stage): received, responded, on time, decided and upheld.
_Tally = dict[tuple[str, int], list[int]]
_RECEIVED, _RESPONDED, _ON_TIME, _DECIDED, _UPHELD = range(5)
#: How many responses took each number of working days, by (row key, stage): a group's
#: median from a few dozen counts rather than a list as long as the log.
_Days = dict[tuple[str, int], dict[int, int]]
_Key = Callable[[Verdict, bool], str]


def _tally(result: PracticeResult, keys: list[_Key]) -> list[tuple[_Tally, _Days, set[str]]]:
    """Count each stage under each key, of the day it came in and of the day it was answered.

    One pass over the verdicts for every grouping at once (months, category, breakdowns).
    """
    found: list[tuple[_Tally, _Days, set[str]]] = [({}, {}, set()) for _ in keys]
    groupings = list(zip(keys, found, strict=True))
    first, last = result.period.start, result.period.end
    for verdict in result.verdicts:
        stage = verdict.stage
        came = first <= verdict.record.start <= last
        answered = verdict.responded
        done = answered is not None and first <= answered <= last and verdict.responded_in
        if not (came or done):
            continue
        outcome = verdict.record.outcome
        working_days = verdict.working_days
        for key, (tally, days, names) in groupings:
            if came:
                names.add(name := key(verdict, False))
                _row(tally, name, stage)[_RECEIVED] += 1
            if done:
                names.add(name := key(verdict, True))
                row = _row(tally, name, stage)
                row[_RESPONDED] += 1
                row[_ON_TIME] += verdict.within_timescale
                row[_DECIDED] += outcome in DECIDED
                row[_UPHELD] += outcome in UPHELD
                if working_days is not None:
                    histogram = days.get((name, stage))
                    if histogram is None:
                        histogram = days[name, stage] = {}
                    histogram[working_days] = histogram.get(working_days, 0) + 1
    return found


def _row(tally: _Tally, name: str, stage: int) -> list[int]:
    row = tally.get((name, stage))
    if row is None:
        row = tally[name, stage] = [0, 0, 0, 0, 0]
    return row


def _median(histogram: dict[int, int] | None) -> float | None:
    """Return the median of values given as how many times each occurs, as statistics does."""
    if not histogram:
        return None
    total = sum(histogram.values())
    wanted = {(total - 1) // 2, total // 2}  # the middle one, or the two middle ones
    middle: list[int] = []
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        while wanted and min(wanted) < seen:
            wanted.remove(min(wanted))
            middle.append(value)
    return float(sum(middle) / len(middle))


def _stage(tally: _Tally, name: str, number: int, days: _Days | None = None) -> StageCounts:
    received, responded, on_time, decided, upheld = tally.get((name, number), (0, 0, 0, 0, 0))
    return StageCounts(
        received=received,
        responded=responded,
        on_time=on_time,
        median_working_days=_median(days.get((name, number))) if days else None,
        decided=decided,
        upheld=upheld,
    )


def _month_of(verdict: Verdict, answered: bool) -> str:
    day = verdict.responded if answered else verdict.record.start
    assert day is not None  # only stages answered in the period are counted as answered
    return day.isoformat()[:7]  # 2024-05: every date of a log is in the years 1990 to 2099


def tallied(
    result: PracticeResult,
) -> tuple[tuple[MonthFigures, ...], tuple[GroupFigures, ...], tuple[Breakdown, ...]]:
    """Return the figures by month, by category and by each of `breakdowns:` the log has."""
    present = [
        index
        for index, column in enumerate(result.settings.breakdowns)
        if column not in result.log.breakdowns_missing
    ]
    keys: list[_Key] = [_month_of, _named(lambda v: v.complaint.category)]
    keys += [_named(_group(index)) for index in present]
    months, category, *groupings = _tally(result, keys)
    monthly = months[0]
    by_month = tuple(
        MonthFigures(int(iso[:4]), int(iso[5:]), _stage(monthly, iso, 1), _stage(monthly, iso, 2))
        for iso in result.period.months()
    )
    found = []
    for index, grouping in zip(present, groupings, strict=True):
        groups = _groups(grouping)
        groups.sort(
            key=lambda g: (g.name == NOT_RECORDED, -g.stage_1.received, -g.stage_2.received)
        )
        found.append(Breakdown(result.settings.breakdowns[index], tuple(groups)))
    return by_month, tuple(_groups(category)), tuple(found)


def _named(group: Callable[[Verdict], str]) -> _Key:
    return lambda verdict, _: group(verdict) or NOT_RECORDED


def _groups(grouping: tuple[_Tally, _Days, set[str]]) -> list[GroupFigures]:
    """Return both stages' counts, medians and upheld rates for each group, by name."""
    counts, days, names = grouping
    return [
        GroupFigures(name, _stage(counts, name, 1, days), _stage(counts, name, 2, days))
        for name in sorted(names)
    ]


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
