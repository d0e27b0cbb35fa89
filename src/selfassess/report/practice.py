"""Item 2's figures from the complaints log, exactly as ``selfassess.practice`` counts them.

The figures are ``practice.figures_json``'s (what practice.json holds); this module only
lays them out as tables and charts, so the report and practice.json cannot differ.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from selfassess.check import CheckedAssessment
from selfassess.dates import month_year
from selfassess.practice import figures_json, settings_of
from selfassess.practice.against import measured
from selfassess.practice.stagefigures import percent
from selfassess.report.tables import FigureRow, FigureTable

STAGES = ("Stage 1", "Stage 2")
_STAGE_ROWS = (
    ("received", "Complaints received", ""),
    ("refused", "Not accepted as a complaint", ""),
    ("withdrawn", "Withdrawn", ""),
    ("responded", "Full responses sent", ""),
    ("responded_on_time", "Responses within the Code's timescales", ""),
    ("responded_on_time_percent", "Responses within the Code's timescales (per cent)", "%"),
    ("acknowledged_on_time_percent", "Acknowledged on time (per cent)", "%"),
    ("extended", "Response date extended", ""),
    ("median_working_days_to_respond", "Median working days to respond", ""),
    ("open_at_period_end", "Still open at the end of the year", ""),
    ("open_overdue_at_period_end", "Still open and overdue at the end of the year", ""),
)


def log_figures(checked: CheckedAssessment, as_of: dt.date) -> dict[str, Any] | None:
    """Return practice's figures for the assessment's log, or None if it names no log.

    The log is measured as check measured it (once per version of the file and settings).
    """
    if checked.assessment.practice is None:
        return None
    given = settings_of(checked.assessment, checked.document.path, checked.document.path_display)
    return figures_json(measured(given, as_of))


def _pair(figures: dict[str, Any], key: str) -> tuple[Any, Any]:
    return figures["stage_1"][key], figures["stage_2"][key]


def stage_table(figures: dict[str, Any]) -> FigureTable:
    """Return volumes, timeliness and open cases for both stages."""
    rows = tuple(
        FigureRow(label, _pair(figures, key), unit=unit) for key, label, unit in _STAGE_ROWS
    )
    return FigureTable("stages", "Complaints at each stage", "Measure", STAGES, rows)


def tsm_table(figures: dict[str, Any]) -> FigureTable:
    """Return the Regulator's CH01 and CH02 for both stages."""
    tsm = figures["tenant_satisfaction_measures"]
    per_1000 = (tsm["stage_1"]["CH01_per_1000_homes"], tsm["stage_2"]["CH01_per_1000_homes"])
    on_time = (tsm["stage_1"]["CH02_percent"], tsm["stage_2"]["CH02_percent"])
    rows = (
        FigureRow("CH01: complaints received per 1,000 homes", per_1000),
        FigureRow("CH02: responded to within the Code's timescales", on_time, unit="%"),
    )
    caption = "The Regulator's tenant satisfaction measures CH01 and CH02"
    if tsm.get("not_counted_because"):
        caption += f": {tsm['not_counted_because']}"
    return FigureTable("tsm", caption, "Measure", STAGES, rows)


def _month(label: str) -> str:
    year, month = label.split("-")
    return month_year(int(year), int(month))


def month_tables(figures: dict[str, Any]) -> tuple[FigureTable, FigureTable]:
    """Return complaints received by month, and the share answered on time by month."""
    months = figures["by_month"]
    received = tuple(
        FigureRow(_month(m["month"]), (m["stage_1_received"], m["stage_2_received"]))
        for m in months
    )
    on_time = tuple(
        FigureRow(
            _month(m["month"]),
            (
                percent(m["stage_1_on_time"], m["stage_1_responded"]),
                percent(m["stage_2_on_time"], m["stage_2_responded"]),
            ),
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
    counts: dict[str, dict[str, int]], caption: str, key: str, heading: str
) -> FigureTable:
    names = list(dict.fromkeys([*counts["Stage 1"], *counts["Stage 2"]]))
    rows = tuple(
        FigureRow(
            name.capitalize(), (counts["Stage 1"].get(name, 0), counts["Stage 2"].get(name, 0))
        )
        for name in names
    )
    return FigureTable(key, caption, heading, STAGES, rows, chart="stacked")


def outcome_table(figures: dict[str, Any]) -> FigureTable:
    """Return the outcomes of the responses sent, by stage."""
    counts = {"Stage 1": figures["stage_1"]["outcomes"], "Stage 2": figures["stage_2"]["outcomes"]}
    return _counted(counts, "Outcomes of the responses sent", "outcomes", "Outcome")


def category_table(figures: dict[str, Any]) -> FigureTable:
    """Return complaints received by service area, by stage."""
    rows = tuple(
        FigureRow(c["category"], (c["stage_1_received"], c["stage_2_received"]))
        for c in figures["by_category"]
    )
    return FigureTable(
        "by-category",
        "Complaints received by service area",
        "Service area",
        STAGES,
        rows,
        chart="stacked",
    )


def refusal_table(figures: dict[str, Any]) -> FigureTable:
    """Return why complaints were not accepted, by stage."""
    counts = {
        "Stage 1": figures["stage_1"]["refused_by_reason"],
        "Stage 2": figures["stage_2"]["refused_by_reason"],
    }
    return _counted(counts, "Complaints not accepted, by reason", "refusals", "Reason")


def other_table(figures: dict[str, Any]) -> FigureTable:
    """Return the escalation rate and compensation."""
    rows = (
        FigureRow(
            "Stage 1 complaints escalated to stage 2",
            (figures["escalation_rate_percent"],),
            unit="%",
        ),
        FigureRow("Cases in which compensation was offered", (figures["compensation"]["cases"],)),
        FigureRow(
            "Compensation offered", (float(figures["compensation"]["total_pounds"]),), unit="£"
        ),
    )
    return FigureTable("escalation", "Escalation and compensation", "Measure", ("Figure",), rows)


def log_tables(figures: dict[str, Any]) -> tuple[FigureTable, ...]:
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
    )
