"""Bound what a chart draws, whatever the free text it is counted from.

A log's categories and refusal reasons are free text: every distinct one is a row of its
table, and would be a bar, its label wrapped to as many lines as it has words. So a chart
draws at most MAX_BARS bars (the largest, then one "Other" bar for the rest) with labels of
at most MAX_LABEL characters, and its figure is never taller than MAX_HEIGHT_INCHES; the
table beside it, in the page, the Markdown, the Word file and figures.csv, keeps every row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from selfassess.render.chartbars import MAX_BARS, largest
from selfassess.report.tables import FigureRow, FigureTable, Number

MAX_LABEL = 48  # three lines of a bar's label
#: Word shows a picture no taller than 22 inches; the chart is placed at 1.2 times its size.
MAX_HEIGHT_INCHES = 18.0


def bounded(table: FigureTable) -> tuple[FigureTable, str]:
    """Return the table a chart draws, and a sentence for its description if rows were left out."""
    rows, note = table.rows, ""
    if table.chart in ("bar", "stacked") and len(rows) > MAX_BARS:
        rows, note = _largest(table)
    rows = tuple(_short(row) for row in rows)
    return replace(table, rows=rows), note


def _largest(table: FigureTable) -> tuple[tuple[FigureRow, ...], str]:
    rows = table.rows
    totals = [_total(row) for row in rows]
    if any(row.unit == "%" for row in rows):  # shares do not add up to an "Other" bar
        kept, _ = largest(totals, MAX_BARS)
        note = f" The {MAX_BARS} largest of {len(rows):,} are drawn"
        return tuple(rows[i] for i in kept), note + "; the table beside gives every one."
    kept, rest_at = largest(totals, MAX_BARS - 1)  # the largest, in the table's own order
    rest = [rows[i] for i in rest_at]
    other = FigureRow(
        f"Other ({len(rest):,} more)",
        tuple(_sum(row.values[column] for row in rest) for column in range(len(table.columns))),
        unit=rows[0].unit,
    )
    note = (
        f" The {MAX_BARS - 1} largest of {len(rows):,} are drawn, then the other "
        f"{len(rest):,} as one bar; the table beside gives every one."
    )
    return (*(rows[i] for i in kept), other), note


def _total(row: FigureRow) -> float:
    return sum(float(value) for value in row.values if value is not None)


def _sum(values: Iterable[Number | None]) -> Number | None:
    found = [value for value in values if value is not None]
    return sum(found) if found else None


def _short(row: FigureRow) -> FigureRow:
    label = row.axis_label
    if len(label) <= MAX_LABEL:
        return row
    return replace(row, short=label[: MAX_LABEL - 1].rstrip() + "\u2026")
