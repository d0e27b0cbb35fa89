"""How we compare with others: each benchmark beside the figure the report computes for it.

Our figure is taken from the report's own tables (``measures.MEASURES`` says where), so a
benchmark never shows a figure counted another way; a benchmark for a measure the report
does not compute is left out (``check`` says so, W856).
"""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.report.measures import BY_KEY, Measure
from selfassess.report.model import Benchmark
from selfassess.report.tables import FigureRow, FigureTable, Number, find_row, number_text
from selfassess.wording import fold

CAPTION = "How we compare with others"
COLUMNS = ("Measure", "Ours", "Benchmark", "Difference", "What the benchmark is", "Source")
NOTE = (
    "The difference is our figure less the benchmark (for a percentage, in percentage points). "
    "A benchmark is another body's published figure, counted its way (its source says how); "
    "it is a comparison, not a target."
)


@dataclass(frozen=True)
class BenchmarkRow:
    """One benchmark: the measure, our figure, theirs, the difference, what it is, and where."""

    measure: str
    ours: Number | None
    value: Number
    unit: str
    what: str
    source: str

    @property
    def difference(self) -> Number | None:
        """Return ours less the benchmark, to one decimal place (None if ours is not known)."""
        return None if self.ours is None else round(self.ours - self.value, 1)

    @property
    def cells(self) -> tuple[str, str, str, str]:
        """Return the measure, ours, the benchmark and the difference as the table shows them."""
        return (
            self.measure,
            number_text(self.ours, self.unit),
            number_text(self.value, self.unit),
            self.difference_text,
        )

    @property
    def difference_text(self) -> str:
        """Say "4.1 points below", "12.3 above", "the same"; a dash when ours is not measured."""
        difference = self.difference
        if difference is None:
            return "–"
        if difference == 0:
            return "the same"
        size = number_text(abs(difference), "" if self.unit == "%" else self.unit)
        points = " points" if self.unit == "%" else ""
        return f"{size}{points} {'above' if difference > 0 else 'below'}"


def benchmark_rows(
    benchmarks: list[Benchmark], tables: tuple[FigureTable, ...]
) -> tuple[BenchmarkRow, ...]:
    """Return each benchmark whose measure the report computes, beside our figure."""
    by_key = {table.key: table for table in tables}
    rows = []
    for benchmark in benchmarks:
        measure = BY_KEY.get(fold(benchmark.measure))
        found = _row(by_key, measure) if measure else None
        if measure is None or found is None:
            continue
        rows.append(
            BenchmarkRow(
                measure=_label(measure, found, by_key[measure.table]),
                ours=found.values[measure.column],
                value=_number(benchmark.value),
                unit=found.unit,
                what=benchmark.what,
                source=benchmark.source,
            )
        )
    return tuple(rows)


def _row(tables: dict[str, FigureTable], measure: Measure) -> FigureRow | None:
    if isinstance(measure.row, int):
        table = tables.get(measure.table)
        return table.rows[measure.row] if table and measure.row < len(table.rows) else None
    return find_row(tables.values(), measure.table, measure.row)


def _label(measure: Measure, row: FigureRow, table: FigureTable) -> str:
    if measure.label:
        return measure.label
    if len(table.columns) == 1:
        return row.label
    return f"{row.label} ({table.columns[measure.column]})"


def _number(value: float) -> Number:
    """Keep a whole number whole, so 36 shows as 36%, not 36.0%."""
    return int(value) if value == int(value) else value
