"""The practice figures as typed, frozen objects: what every document and JSON file shows.

``practice.tally.figures_of`` counts them from a measured log; practice.json, report.json
and summary.json are derived from them (``practice.figuresjson``), so they cannot differ.
Percentages are worked out here from the counts, never stored beside them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from selfassess.practice.period import Period
from selfassess.wording import sentence_start

if TYPE_CHECKING:
    from selfassess.code.timescales import Timescale
    from selfassess.practice.measures import Measure

#: A group with fewer complaints received at a stage than this is marked a small group.
SMALL_GROUP = 10

#: Why CH01 is left out when the number of homes is not known.
NO_HOMES = "the number of homes was not given"


def percent(part: int, whole: int) -> float | None:
    """Return part as a percentage of whole to one decimal place, or None for no cases."""
    return round(100 * part / whole, 1) if whole else None


def money(amount: Decimal) -> str:
    """Write pounds with pence, e.g. "1250.00"."""
    return f"{amount.quantize(Decimal('0.01'))}"


@dataclass(frozen=True)
class RowCounts:
    """What became of the log's rows: read, left out for errors (and why), not kept."""

    read: int
    left_out: int
    left_out_because: Mapping[str, int]  # "E506: <meaning>" -> rows, by code
    not_complaints: int  # rows at the end holding no complaint (a totals row)
    not_kept_by_where: int  # complaints the practice: block's where: does not keep


@dataclass(frozen=True)
class StageFigures:
    """One stage's figures for the period: volumes, timeliness, outcomes, open cases."""

    stage: int
    received: int
    refused: int
    refused_by_reason: Mapping[str, int]
    withdrawn: int
    acknowledged_judged: int
    acknowledged_on_time: int
    responded: int
    responded_on_time: int
    responded_within_extension: int
    responded_late: int
    extended: int
    extensions_within_code: int
    median_working_days_to_respond: float | None
    open_at_period_end: int
    open_overdue_at_period_end: int
    outcomes: Mapping[str, int]

    @property
    def acknowledged_on_time_percent(self) -> float | None:
        """Return the share of judged acknowledgements sent on time."""
        return percent(self.acknowledged_on_time, self.acknowledged_judged)

    @property
    def responded_on_time_percent(self) -> float | None:
        """Return the share of responses within the Code's timescales."""
        return percent(self.responded_on_time, self.responded)


@dataclass(frozen=True)
class StageCounts:
    """One stage's complaints received, responded to and on time, within a month or group.

    A group (a category, or one of `breakdowns:`) also has its median working days to
    respond and its upheld rate: upheld or partly upheld of the responses with an outcome
    of upheld, partly upheld or not upheld (``labels.UPHELD_RATE_MEANS``).
    """

    received: int = 0
    responded: int = 0
    on_time: int = 0
    median_working_days: float | None = None
    decided: int = 0  # responses with an outcome of upheld, partly upheld or not upheld
    upheld: int = 0  # of which upheld or partly upheld

    @property
    def on_time_percent(self) -> float | None:
        """Return the share of responses within the Code's timescales."""
        return percent(self.on_time, self.responded)

    @property
    def upheld_percent(self) -> float | None:
        """Return the share of decided responses that upheld the complaint, wholly or partly."""
        return percent(self.upheld, self.decided)

    @property
    def small(self) -> bool:
        """Tell whether fewer complaints came in than a share can be read with confidence from."""
        return self.received < SMALL_GROUP and (self.received > 0 or self.responded > 0)


@dataclass(frozen=True)
class MonthFigures:
    """Both stages' counts in one month of the period."""

    year: int
    month: int
    stage_1: StageCounts
    stage_2: StageCounts

    @property
    def iso(self) -> str:
        """Return the month as "2024-04"."""
        return f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class GroupFigures:
    """Both stages' counts for one group of the log: a category, or a breakdown's group."""

    name: str
    stage_1: StageCounts
    stage_2: StageCounts

    def stages(self) -> tuple[StageCounts, StageCounts]:
        """Return stage 1's counts, then stage 2's."""
        return self.stage_1, self.stage_2


@dataclass(frozen=True)
class Breakdown:
    """The figures grouped by one column of the log (`breakdowns:`), largest group first."""

    column: str  # as named under breakdowns:
    groups: tuple[GroupFigures, ...]

    @property
    def title(self) -> str:
        """Return the column's name for a heading: "root_cause" is "Root cause"."""
        return sentence_start(" ".join(self.column.replace("_", " ").split()))


@dataclass(frozen=True)
class Overturns:
    """Stage 1 decisions changed at stage 2 (``labels.OVERTURN_MEANS`` says how)."""

    compared: int  # stage 2 responses sent in the period, both outcomes decided
    changed: int
    by_change: Mapping[str, int]  # "not upheld to partly upheld" -> complaints

    @property
    def changed_percent(self) -> float | None:
        """Return the share of the compared decisions that stage 2 changed."""
        return percent(self.changed, self.compared)


@dataclass(frozen=True)
class TenancyMeasure:
    """The Regulator's tenant satisfaction measures CH01 and CH02 for one stage."""

    stage: int
    received: int
    ch01_per_1000_homes: float | None  # None when the number of homes is not known
    responded: int
    responded_on_time: int
    counted: bool = True  # False when tenures: leaves no complaint to count

    @property
    def ch02_percent(self) -> float | None:
        """Return CH02: the share responded to within the Code's timescales."""
        return percent(self.responded_on_time, self.responded) if self.counted else None


@dataclass(frozen=True)
class TenantMeasures:
    """CH01 and CH02 for both stages, counting only the tenures the landlord names."""

    homes: int | None
    tenures: tuple[str, ...] | None
    stage_1: TenancyMeasure
    stage_2: TenancyMeasure
    not_counted_because: str | None = None  # why neither is a figure, if tenures: counts none

    @property
    def ch01_left_out_because(self) -> str | None:
        """Return why CH01 is not given, or None when it is."""
        return None if self.homes else NO_HOMES

    def stages(self) -> tuple[TenancyMeasure, TenancyMeasure]:
        """Return stage 1's measures, then stage 2's."""
        return self.stage_1, self.stage_2


@dataclass(frozen=True)
class Compensation:
    """Compensation offered at stage 1 in the period."""

    cases: int
    total: Decimal


@dataclass(frozen=True)
class PracticeFigures:
    """Every figure measured from one log for one period."""

    log: str
    rows: RowCounts
    period: Period
    as_of: dt.date
    cut_off: dt.date
    calendar: str
    timescales: tuple[Timescale, ...]
    stage_1: StageFigures
    stage_2: StageFigures
    compensation: Compensation
    tenants: TenantMeasures
    by_month: tuple[MonthFigures, ...]
    by_category: tuple[GroupFigures, ...]
    provisions: Mapping[str, Measure]  # by provision id, in the timescales' order
    breakdowns: tuple[Breakdown, ...] = ()
    overturns: Overturns = Overturns(0, 0, {})
    #: Stage 2 complaints received in the period by why they were escalated; None when
    #: the log has no escalation_reason column.
    escalation_reasons: Mapping[str, int] | None = None

    @property
    def escalation_rate_percent(self) -> float | None:
        """Return the share of accepted stage 1 complaints that went to stage 2."""
        accepted = self.stage_1.received - self.stage_1.refused
        return percent(self.stage_2.received, accepted)

    def stages(self) -> tuple[StageFigures, StageFigures]:
        """Return stage 1's figures, then stage 2's."""
        return self.stage_1, self.stage_2
