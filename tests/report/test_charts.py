"""Charts: the same figures give the same bytes; each SVG is labelled and its ids are its own."""

from __future__ import annotations

import re

from selfassess.report.charts import describe, draw
from selfassess.report.figures import FigureRow, FigureTable

MONTHS = FigureTable(
    "by-month",
    "Complaints by month",
    "Month",
    ("Stage 1", "Stage 2"),
    tuple(FigureRow(m, (10 + i, i)) for i, m in enumerate(["April 2024", "May 2024", "June 2024"])),
    chart="line",
)


def test_same_figures_same_bytes() -> None:
    first, second = draw(MONTHS), draw(MONTHS)
    assert first is not None and second is not None
    assert (first.svg, first.png) == (second.svg, second.png)
    assert first.png.startswith(b"\x89PNG") and b"Software" not in first.png


def test_svg_has_no_date_no_prologue_and_only_prefixed_ids() -> None:
    chart = draw(MONTHS)
    assert chart is not None
    assert chart.svg.startswith(
        '<svg class="chart" role="img" aria-labelledby="chart-by-month-title chart-by-month-desc"'
    )
    assert "<metadata" not in chart.svg and "<?xml" not in chart.svg
    ids = re.findall(r'\sid="([^"]+)"', chart.svg)
    assert ids and all(i.startswith("chart-by-month-") for i in ids)
    assert len(ids) == len(set(ids))


def test_description_gives_every_figure() -> None:
    assert describe(MONTHS) == (
        "April 2024: 10 Stage 1, 0 Stage 2; May 2024: 11 Stage 1, 1 Stage 2; "
        "June 2024: 12 Stage 1, 2 Stage 2."
    )


def test_a_table_without_a_chart_draws_nothing() -> None:
    plain = FigureTable("k", "Key figures", "Measure", ("Figure",), (FigureRow("Received", (3,)),))
    assert draw(plain) is None
