"""figures.csv and report.json: every figure of the report for spreadsheets and tools.

CSV cells go through the project's formula neutraliser; report.json is versioned and
has no timestamps, so the same input gives the same bytes.
"""

from __future__ import annotations

from typing import Any

from selfassess.practice.figuresjson import practice_data
from selfassess.render.csvsafe import to_csv
from selfassess.render.jsondoc import json_document
from selfassess.report.benchmarks import CAPTION
from selfassess.report.tables import FigureRow, FigureTable, change
from selfassess.report.view import ReportView

REPORT_SCHEMA_VERSION = 1
CSV_COLUMNS = (
    "Table",
    "Row",
    "Column",
    "Unit",
    "This year",
    "Last year",
    "Change",
    "This year's share (per cent)",
    "Last year's share (per cent)",
    "Source",
)


def _plain(value: int | float | None) -> str:
    return "" if value is None else str(value)


def cells(table: FigureTable, caption: str | None = None) -> list[tuple[str, ...]]:
    """Return a table's CSV rows, one per figure, under its caption (or the one given)."""
    rows: list[tuple[str, ...]] = []
    for row in table.rows:
        for index, column in enumerate(table.columns):
            now = row.values[index]
            before = row.previous[index] if row.previous else None
            rows.append(
                (
                    table.caption if caption is None else caption,
                    row.label,
                    column,
                    table.unit(row, index),
                    _plain(now),
                    _plain(before),
                    _plain(change(now, before)),
                    _plain(table.share(row, index)),
                    _plain(table.share(row, index, last_year=True)),
                    "",
                )
            )
    return rows


def _benchmark_cells(view: ReportView) -> list[tuple[str, ...]]:
    """Return ours, the benchmark and the difference of each, every row with its source."""
    rows: list[tuple[str, ...]] = []
    for row in view.benchmarks:
        for column, value in (
            ("Ours", row.ours),
            (f"Benchmark: {row.what}", row.value),
            ("Difference", row.difference),
        ):
            first = (CAPTION, row.measure, column, row.unit, _plain(value))
            rows.append((*first, "", "", "", "", row.source))
    return rows


def figures_csv(view: ReportView) -> str:
    """Return one CSV row per figure (table, row, column, unit, years, change, source)."""
    rows = [row for table in view.tables for row in cells(table)]
    return to_csv(CSV_COLUMNS, rows + _benchmark_cells(view))


def _shares(table: FigureTable, row: FigureRow, last_year: bool) -> list[int | None] | None:
    """Return each count's share of its column (SHARES_NOTE), or None for a table without."""
    if not table.shares or row.unit or (last_year and row.previous is None):
        return None
    return [table.share(row, index, last_year) for index in range(len(row.values))]


def table_data(table: FigureTable) -> dict[str, Any]:
    """Return a table as JSON-ready data."""
    return {
        "key": table.key,
        "caption": table.caption,
        "columns": list(table.columns),
        **({"units": list(table.units)} if table.units else {}),
        "rows": [
            {
                "label": row.label,
                "unit": row.unit,
                "values": list(row.values),
                "previous": list(row.previous) if row.previous is not None else None,
                "shares": _shares(table, row, last_year=False),
                "previous_shares": _shares(table, row, last_year=True),
            }
            for row in table.rows
        ],
    }


def report_json(view: ReportView, outputs: list[str]) -> str:
    """Return the report's figures and items as versioned JSON."""
    data: dict[str, Any] = {
        "schema_version": REPORT_SCHEMA_VERSION,
        "landlord": view.landlord,
        "period": view.period,
        "previous_period": view.previous_period,
        "draft": view.draft,
        **report_data(view),
        "problems": list(view.problems),
        "outputs": outputs,
    }
    return json_document(data)


def report_data(view: ReportView) -> dict[str, Any]:
    """Return a report's tables and items (a part's, in a whole council's report.json)."""
    return {
        "tables": [table_data(table) for table in view.tables],
        "benchmarks": [
            {
                "measure": row.measure,
                "unit": row.unit,
                "ours": row.ours,
                "benchmark": row.value,
                "difference": row.difference,
                "what": row.what,
                "source": row.source,
            }
            for row in view.benchmarks
        ],
        "practice": practice_data(view.log_figures) if view.log_figures else None,
        "improvements": [item.theme for item in view.improvements],
        "publications": [p.title for p in (*view.landlord_reports, *view.other_publications)],
        "self_assessment_changes": list(view.self_assessment.changes),
    }
