"""Charts: the same figures give the same bytes; each SVG is labelled and its ids are its own."""

from __future__ import annotations

import dataclasses
import itertools
import re

from lxml import etree

from selfassess.dates import month_year
from selfassess.report.charts import describe, draw
from selfassess.report.tables import FigureRow, FigureTable

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


YEAR = FigureTable(
    "by-month",
    "Complaints received by month",
    "Month",
    ("Stage 1", "Stage 2"),
    tuple(
        FigureRow(month_year(2024 if month > 3 else 2025, month), (40 + month, month))
        for month in (*range(4, 13), 1, 2, 3)
    ),
    chart="line",
)
ABBREVIATIONS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def _drawn_text(svg: str) -> list[tuple[str, float, float]]:
    """Return each text the SVG draws, with the point it is anchored at (x and y, or moved to)."""
    drawn = []
    for text in etree.fromstring(svg.encode()).iter("{http://www.w3.org/2000/svg}text"):
        moved = re.match(r"translate\(([-\d.]+) ([-\d.]+)\)", text.get("transform", ""))
        x, y = moved.groups() if text.get("x") is None and moved else (text.get("x"), text.get("y"))
        drawn.append((text.text or "", float(x), float(y)))
    return drawn


def test_months_read_left_to_right_along_the_bottom() -> None:
    chart = draw(YEAR)
    assert chart is not None
    drawn = _drawn_text(chart.svg)
    months = [(x, y) for text, x, y in drawn if text in ABBREVIATIONS]
    assert [text for text, _, _ in drawn if text in ABBREVIATIONS] == ABBREVIATIONS
    xs = [x for x, _ in months]
    assert all(left < right for left, right in itertools.pairwise(xs))
    assert max(y for _, y in months) - min(y for _, y in months) < 0.01  # one baseline
    # Each year once, under its first month, below the month names.
    years = {text: (x, y) for text, x, y in drawn if text in ("2024", "2025")}
    assert sorted(years) == ["2024", "2025"]
    assert [text for text, _, _ in drawn].count("2024") == 1
    assert years["2024"][0] < xs[1] and xs[8] < years["2025"][0] < xs[10]
    assert min(y for _, y in years.values()) > months[0][1]


def test_a_percentage_axis_says_per_cent() -> None:
    on_time = dataclasses.replace(
        YEAR,
        rows=tuple(dataclasses.replace(row, unit="%", values=(90.0, 100.0)) for row in YEAR.rows),
    )
    chart = draw(on_time)
    assert chart is not None
    assert "100%" in [text for text, _, _ in _drawn_text(chart.svg)]


def test_long_words_are_never_broken_on_a_bar_chart() -> None:
    findings = FigureTable(
        "ombudsman-findings",
        "Findings",
        "Finding",
        ("Findings",),
        (FigureRow("Severe maladministration", (1,)), FigureRow("Maladministration", (3,))),
        chart="bar",
    )
    chart = draw(findings)
    assert chart is not None
    words = {text for text, _, _ in _drawn_text(chart.svg)}
    assert {"Severe", "maladministration", "Maladministration"} <= words


def _values_axis(svg: str, ticks: set[str]) -> list[str]:
    return [text for text, _, _ in _drawn_text(svg) if text in ticks]


def test_a_line_of_shares_is_drawn_on_an_axis_from_0_to_100_per_cent() -> None:
    # Shares between 55% and 95% on an axis starting at 55% would make the swings look huge.
    on_time = dataclasses.replace(
        YEAR,
        columns=("On time",),
        rows=tuple(
            dataclasses.replace(row, unit="%", values=(55.0 + 3 * index,))
            for index, row in enumerate(YEAR.rows)
        ),
    )
    chart = draw(on_time)
    assert chart is not None
    ticks = _values_axis(chart.svg, {f"{n}%" for n in range(0, 101, 10)})
    assert ticks[0] == "0%" and ticks[-1] == "100%"


def test_a_line_of_counts_starts_at_zero() -> None:
    counts = dataclasses.replace(
        YEAR,
        rows=tuple(
            dataclasses.replace(row, values=(60 + i, 50)) for i, row in enumerate(YEAR.rows)
        ),
    )
    chart = draw(counts)
    assert chart is not None
    assert _values_axis(chart.svg, {str(n) for n in range(0, 80, 10)})[0] == "0"


def test_a_bar_chart_s_value_axis_starts_at_zero() -> None:
    bars = FigureTable(
        "categories",
        "Complaints by service",
        "Service",
        ("Complaints",),
        tuple(FigureRow(name, (40 + i,)) for i, name in enumerate(["Repairs", "Rents", "ASB"])),
        chart="bar",
    )
    chart = draw(bars)
    assert chart is not None
    assert _values_axis(chart.svg, {str(n) for n in range(0, 50, 5)})[0] == "0"


def test_a_page_s_prefix_names_every_id_and_reference_and_no_drawn_words() -> None:
    label = 'id="x" url(#x)'  # short enough to be drawn on one line
    table = FigureTable(
        "fees", "Complaints by kind", "Kind", ("Stage 1",), (FigureRow(label, (4,)),), chart="bar"
    )
    chart = draw(table)
    assert chart is not None
    svg = etree.fromstring(chart.inline("part-").encode())
    ids = {element.get("id") for element in svg.iter() if element.get("id")}
    references = set(str(svg.get("aria-labelledby")).split())
    for element in svg.iter():
        for name, value in element.attrib.items():
            references |= set(re.findall(r"url\(#([^)]+)\)", value))
            if name.endswith("href") and value.startswith("#"):
                references.add(value[1:])
    assert ids and all(str(i).startswith("part-chart-fees-") for i in ids)
    assert references and references <= ids
    assert "part-chart-fees-desc" in references
    assert label in [text.strip() for text in svg.itertext()]  # drawn as written
    assert chart.inline("") == chart.svg
