"""The summary page's key figures: a few rows picked from the tables that own them."""

from __future__ import annotations

from selfassess.assessment import view as v
from selfassess.assessment.makeview import build_view
from selfassess.practice import labels
from selfassess.report.lgscotables import UPHELD_RATE
from selfassess.report.load import CheckedReport
from selfassess.report.model import AnnualReport
from selfassess.report.tables import FigureRow, FigureTable, find_row, with_previous

#: (table key, row label, column index, the key figure's name): before the self-assessment's
FIRST = (
    ("stages", labels.RECEIVED.report, 0, labels.received_key(1)),
    ("stages", labels.RECEIVED.report, 1, labels.received_key(2)),
    ("tsm", labels.ch01(), 0, labels.ch01_key(1)),
    ("tsm", labels.ch02(), 0, labels.ch02_key(1)),
    ("tsm", labels.ch02(), 1, labels.ch02_key(2)),
    ("escalation", labels.COMPENSATION, 0, labels.COMPENSATION),
)
#: ... and after it.
LAST = (
    (
        "satisfaction",
        "Satisfied with our approach to complaint handling (TP09)",
        0,
        "Satisfied with our approach to complaint handling (TP09)",
    ),
    (
        "ombudsman-decisions",
        "Complaint handling failure orders",
        0,
        "Complaint handling failure orders",
    ),
    ("ombudsman-decisions", "Maladministration rate", 0, "The Ombudsman's maladministration rate"),
    ("lgsco-decisions", UPHELD_RATE, 0, "The LGSCO's upheld rate (of decisions investigated)"),
)


def satisfaction_table(report: AnnualReport | None) -> FigureTable | None:
    """Return the Regulator's TP09 as the report file gives it, or None."""
    measured = report.satisfaction.complaints_handling if report and report.satisfaction else None
    if measured is None:
        return None
    row = FigureRow(
        "Satisfied with our approach to complaint handling (TP09)", (measured,), unit="%"
    )
    return FigureTable(
        key="satisfaction",
        caption="Tenant satisfaction with complaint handling (the Regulator's measure TP09)",
        label_heading="Measure",
        columns=("Per cent",),
        rows=(row,),
    )


def _picked(
    tables: tuple[FigureTable, ...], picks: tuple[tuple[str, str, int, str], ...]
) -> list[FigureRow]:
    """Return the key rows found in the tables, keeping last year's figure beside each."""
    rows = []
    for key, label, index, name in picks:
        row = find_row(tables, key, label)
        if row is not None:
            before = (row.previous[index],) if row.previous else None
            rows.append(FigureRow(name, (row.values[index],), before, row.unit))
    return rows


def _assessment_rows(report: AnnualReport, assessment: v.DocumentView) -> FigureTable:
    totals = assessment.totals
    rows = (
        FigureRow("Code provisions assessed", (totals.total,)),
        FigureRow("Code provisions we comply with", (totals.yes,)),
        FigureRow("Code provisions we do not comply with yet", (totals.no,)),
        FigureRow("Service improvements made", (len(report.improvements),)),
    )
    return FigureTable("key-figures", "", "Measure", ("Figure",), rows)


def key_figures(
    checked: CheckedReport,
    assessment: v.DocumentView,
    performance: tuple[FigureTable, ...],
    findings: tuple[FigureTable, ...],
) -> FigureTable:
    """Return the summary page's table: the log's, the self-assessment's and the register's."""
    own = _assessment_rows(checked.report, assessment)
    if checked.previous is not None:
        earlier = build_view(checked.previous.assessment)
        own = with_previous(own, _assessment_rows(checked.previous.report, earlier))
    tables = (*performance, *findings)
    rows = (*_picked(tables, FIRST), *own.rows, *_picked(tables, LAST))
    caption = f"Key figures, {checked.period}"
    return FigureTable("key-figures", caption, "Measure", ("Figure",), rows)
