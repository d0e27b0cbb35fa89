"""The report's figure tables: one typed shape for every table, chart, CSV row and JSON entry.

Each figure is counted once, by the module that owns it (the self-assessment's counts
by the renderer's view, the complaints log's by ``selfassess.practice``); this module
only arranges them, adds last year's column and says which way each measure moved.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property

from selfassess.wording import whole_per_cent

Number = int | float


@dataclass(frozen=True)
class FigureRow:
    """One row of a figure table: a label and one value per column (None: not measured)."""

    label: str
    values: tuple[Number | None, ...]
    previous: tuple[Number | None, ...] | None = None
    unit: str = ""  # "%", "£" or "" for a count
    short: str | None = None  # a chart's name for the row when the label is too long for it

    @property
    def axis_label(self) -> str:
        """Return the row's name on a chart's axis."""
        return self.short or self.label


@dataclass(frozen=True)
class FigureTable:
    """A table of figures with an optional chart of the same figures."""

    key: str
    caption: str
    label_heading: str
    columns: tuple[str, ...]
    rows: tuple[FigureRow, ...]
    chart: str | None = None  # "bar", "stacked" or "line"; None for no chart
    shares: bool = False  # show each count with its share of its column's total (SHARES_NOTE)
    #: Each column's unit, where a table's columns differ (a breakdown's counts, shares and
    #: days); empty: each row's own unit. A chart of such a table draws its first column.
    units: tuple[str, ...] = ()

    def unit(self, row: FigureRow, column: int) -> str:
        """Return the unit of one of a row's figures."""
        return self.units[column] if self.units else row.unit

    @cached_property  # asked once per row as a table is written: worked out once
    def has_previous(self) -> bool:
        """Tell whether last year's figures are known for any row."""
        return any(row.previous is not None for row in self.rows)

    @cached_property
    def _totals(self) -> dict[tuple[int, bool], Number]:
        """Each column's total, this year's and last year's, as share() first asks for it."""
        return {}

    def share(self, row: FigureRow, column: int, last_year: bool = False) -> int | None:
        """Return a count's share of its column's total, in whole per cent (None: no share)."""
        if not self.shares or row.unit:
            return None
        values = row.previous if last_year else row.values
        count = values[column] if values else None
        total = self._totals.get((column, last_year))
        if total is None:  # each column's total once, not once a cell (10,000 rows: 10^8 sums)
            rows = self.rows
            total = sum(_count(r.previous if last_year else r.values, column) for r in rows)
            self._totals[column, last_year] = total
        if count is None or not total:
            return None
        return whole_per_cent(int(count), int(total))


#: Said once in the report: how every share beside a count is worked out.
SHARES_NOTE = (
    "A percentage in brackets beside a count is that count's share of the total of its column "
    "in the same table (all the outcomes, service areas, reasons or findings the column counts), "
    "rounded to the nearest whole per cent, so a column's shares may not add up to exactly 100."
)


def _count(values: tuple[Number | None, ...] | None, column: int) -> Number:
    value = values[column] if values else None
    return value or 0


def with_previous(table: FigureTable, previous: FigureTable | None) -> FigureTable:
    """Return a table with last year's figures beside this year's, matched by row label."""
    if previous is None:
        return table
    where = {column: index for index, column in enumerate(previous.columns)}
    earlier = {row.label: row.values for row in previous.rows}

    def last_year(label: str) -> tuple[Number | None, ...] | None:
        values = earlier.get(label)
        if values is None:
            return None
        return tuple(values[where[c]] if c in where else None for c in table.columns)

    rows = tuple(replace(row, previous=last_year(row.label)) for row in table.rows)
    return replace(table, rows=rows)


def beside_last_year(
    tables: Iterable[FigureTable], earlier: Iterable[FigureTable]
) -> tuple[FigureTable, ...]:
    """Return tables with last year's figures beside this year's, each table matched by key."""
    before = {table.key: table for table in earlier}
    return tuple(with_previous(table, before.get(table.key)) for table in tables)


def change(now: Number | None, before: Number | None) -> Number | None:
    """Return this year's figure less last year's (None if either is unknown)."""
    if now is None or before is None:
        return None
    difference = now - before
    return round(difference, 1) if isinstance(difference, float) else difference


def number_text(value: Number | None, unit: str = "") -> str:
    """Write a figure for people: 1,021, 97.3%, £1,200; a dash for not measured."""
    if value is None:
        return "–"
    if unit == "£":
        return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    return text + ("%" if unit == "%" else "")


def change_text(now: Number | None, before: Number | None, unit: str = "") -> str:
    """Write the change in a figure as words: "up 12", "down 3.5 points", "no change"."""
    difference = change(now, before)
    if difference is None:
        return "not comparable"
    if difference == 0:
        return "no change"
    size = number_text(abs(difference), "" if unit == "%" else unit)
    points = " points" if unit == "%" else ""
    return f"{'up' if difference > 0 else 'down'} {size}{points}"


def movements(table: FigureTable) -> tuple[str, ...]:
    """Say which way each figure with last year's beside it moved; count the unchanged and unknown."""
    sentences, unchanged, unknown = [], 0, 0
    for row in table.rows:
        if row.previous is None:
            unknown += len(row.values)
            continue
        for column, now, before in zip(table.columns, row.values, row.previous, strict=False):
            if now is not None and now == before:
                unchanged += 1
                continue
            name = row.label if len(table.columns) == 1 else f"{row.label} ({column})"
            sentences.append(_movement(name, now, before, row.unit))
    if unchanged:
        sentences.append(_unchanged(unchanged, bool(sentences), bool(unknown)))
    if unknown and (sentences or unchanged):
        # Shown as a dash in last year's column; said here so the reader knows why.
        have = "figure has" if unknown == 1 else "figures have"
        sentences.append(f"{unknown} {have} no value for last year to compare with.")
    return tuple(sentences)


def _unchanged(count: int, others_moved: bool, others_unknown: bool) -> str:
    if others_unknown:
        return f"{count} {'figure is' if count == 1 else 'figures are'} unchanged."
    if not others_moved:
        return "No figure in this table changed since last year."
    return "The other figure is unchanged." if count == 1 else f"The other {count} are unchanged."


def _movement(name: str, now: Number | None, before: Number | None, unit: str) -> str:
    if now is None or before is None:
        return f"{name}: not measured in both years."
    if now == before:
        return f"{name}: unchanged at {number_text(now, unit)}."
    verb = "rose" if now > before else "fell"
    return f"{name} {verb} from {number_text(before, unit)} to {number_text(now, unit)}."


def header_cells(table: FigureTable, period: str, previous_period: str | None) -> list[str]:
    """Return a table's column headings; with last year's figures, each column is tripled."""
    cells = [table.label_heading]
    if not table.has_previous:
        return cells + list(table.columns)
    single = len(table.columns) == 1
    for column in table.columns:
        name = "" if single else f"{column} "
        cells += [
            f"{name}{period}",
            f"{name}{previous_period or 'last year'}",
            f"{name}change".capitalize(),
        ]
    return cells


def row_cells(table: FigureTable, row: FigureRow) -> list[str]:
    """Return a row's figures as text, matching ``header_cells`` (the label not included)."""
    cells = []
    for index, value in enumerate(row.values):
        unit = table.unit(row, index)
        cells.append(_with_share(number_text(value, unit), table.share(row, index)))
        if table.has_previous:
            before = row.previous[index] if row.previous else None
            earlier = _with_share(number_text(before, unit), table.share(row, index, True))
            cells += [earlier, change_text(value, before, unit)]
    return cells


def _with_share(text: str, share: int | None) -> str:
    return text if share is None else f"{text} ({share}%)"


def find_row(tables: Iterable[FigureTable], key: str, label: str) -> FigureRow | None:
    """Return a row of one of the tables by table key and row label, or None."""
    table = next((t for t in tables if t.key == key), None)
    return next((r for r in table.rows if r.label == label), None) if table else None
