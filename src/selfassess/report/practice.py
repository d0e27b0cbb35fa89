"""Item 2's figures from the complaints log, exactly as ``selfassess.practice`` counts them.

The figures are ``practice.figures_of``'s (what practice.json is derived from); this module
only lays them out as tables and charts, so the report and practice.json cannot differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from selfassess.check import CheckedAssessment
from selfassess.dates import month_year
from selfassess.practice import PracticeFigures, figures_of, labels, settings_of
from selfassess.practice.against import measured
from selfassess.practice.figures import StageFigures, money
from selfassess.report.grouptables import escalation_table, group_tables, overturn_rows
from selfassess.report.tables import FigureRow, FigureTable, Number

STAGES = ("Stage 1", "Stage 2")
_STAGE_ROWS: tuple[tuple[str, Callable[[StageFigures], Number | None], str], ...] = (
    (labels.RECEIVED.report, lambda s: s.received, ""),
    (labels.REFUSED.report, lambda s: s.refused, ""),
    (labels.WITHDRAWN.report, lambda s: s.withdrawn, ""),
    (labels.RESPONDED.report, lambda s: s.responded, ""),
    (labels.ON_TIME.report, lambda s: s.responded_on_time, ""),
    (labels.per_cent(labels.ON_TIME), lambda s: s.responded_on_time_percent, "%"),
    (labels.per_cent(labels.ACKNOWLEDGED_ON_TIME), lambda s: s.acknowledged_on_time_percent, "%"),
    (labels.EXTENDED.report, lambda s: s.extended, ""),
    (labels.MEDIAN_DAYS.report, lambda s: s.median_working_days_to_respond, ""),
    (labels.OPEN.report, lambda s: s.open_at_period_end, ""),
    (labels.OPEN_OVERDUE.report, lambda s: s.open_overdue_at_period_end, ""),
)


def log_figures(checked: CheckedAssessment, as_of: dt.date) -> PracticeFigures | None:
    """Return practice's figures for the assessment's log, or None if it names no log.

    The log is measured as check measured it (once per version of the file and settings).
    """
    if checked.assessment.practice is None:
        return None
    given = settings_of(checked.assessment, checked.document.path, checked.document.path_display)
    return figures_of(measured(given, as_of))


def stage_table(figures: PracticeFigures) -> FigureTable:
    """Return volumes, timeliness and open cases for both stages."""
    rows = tuple(
        FigureRow(label, (value(figures.stage_1), value(figures.stage_2)), unit=unit)
        for label, value, unit in _STAGE_ROWS
    )
    return FigureTable("stages", "Complaints at each stage", "Measure", STAGES, rows)


def tsm_table(figures: PracticeFigures) -> FigureTable:
    """Return the Regulator's CH01 and CH02 for both stages."""
    stages = figures.tenants.stages()
    rows = (
        FigureRow(labels.ch01(), tuple(s.ch01_per_1000_homes for s in stages)),
        FigureRow(labels.ch02(), tuple(s.ch02_percent for s in stages), unit="%"),
    )
    caption = f"The Regulator's tenant satisfaction measures {labels.CH01} and {labels.CH02}"
    if figures.tenants.not_counted_because:
        caption += f": {figures.tenants.not_counted_because}"
    return FigureTable("tsm", caption, "Measure", STAGES, rows)


def month_tables(figures: PracticeFigures) -> tuple[FigureTable, FigureTable]:
    """Return complaints received by month, and the share answered on time by month."""
    months = figures.by_month
    received = tuple(
        FigureRow(month_year(m.year, m.month), (m.stage_1.received, m.stage_2.received))
        for m in months
    )
    on_time = tuple(
        FigureRow(
            month_year(m.year, m.month),
            (m.stage_1.on_time_percent, m.stage_2.on_time_percent),
            unit="%",
        )
        for m in months
    )
    return (
        FigureTable(
            "by-month", "Complaints received by month", "Month", STAGES, received, chart="line"
        ),
        FigureTable(
            "on-time-by-month",
            "Responses within the Code's timescales by month (per cent of responses sent)",
            "Month",
            STAGES,
            on_time,
            chart="line",
        ),
    )


def _counted(
    counts: tuple[Mapping[str, int], Mapping[str, int]], caption: str, key: str, heading: str
) -> FigureTable:
    one, two = counts
    names = list(dict.fromkeys([*one, *two]))
    rows = tuple(
        FigureRow(name.capitalize(), (one.get(name, 0), two.get(name, 0))) for name in names
    )
    return FigureTable(key, caption, heading, STAGES, rows, chart="stacked")


def outcome_table(figures: PracticeFigures) -> FigureTable:
    """Return the outcomes of the responses sent, by stage."""
    counts = (figures.stage_1.outcomes, figures.stage_2.outcomes)
    return _counted(counts, "Outcomes of the responses sent", "outcomes", "Outcome")


def category_table(figures: PracticeFigures) -> FigureTable:
    """Return complaints received by service area, by stage."""
    rows = tuple(
        FigureRow(c.name, (c.stage_1.received, c.stage_2.received)) for c in figures.by_category
    )
    return FigureTable(
        "by-category",
        "Complaints received by service area",
        "Service area",
        STAGES,
        rows,
        chart="stacked",
    )


def refusal_table(figures: PracticeFigures) -> FigureTable:
    """Return why complaints were not accepted, by stage."""
    counts = (figures.stage_1.refused_by_reason, figures.stage_2.refused_by_reason)
    return _counted(counts, "Complaints not accepted, by reason", "refusals", "Reason")


def other_table(figures: PracticeFigures) -> FigureTable:
    """Return the escalation rate and compensation."""
    paid = figures.compensation
    rows = (
        FigureRow(labels.ESCALATED, (figures.escalation_rate_percent,), unit="%"),
        *overturn_rows(figures),
        FigureRow(labels.COMPENSATION_CASES, (paid.cases,)),
        FigureRow(labels.COMPENSATION, (float(money(paid.total)),), unit="£"),
    )
    return FigureTable("escalation", "Escalation and compensation", "Measure", ("Figure",), rows)


def log_tables(figures: PracticeFigures) -> tuple[FigureTable, ...]:
    """Return item 2's tables in the order the report shows them (refusals apart)."""
    by_month, on_time = month_tables(figures)
    return (
        stage_table(figures),
        tsm_table(figures),
        by_month,
        on_time,
        other_table(figures),
        outcome_table(figures),
        category_table(figures),
        *group_tables(figures),
        *((reasons,) if (reasons := escalation_table(figures)) else ()),
    )
