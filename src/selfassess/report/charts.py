"""Charts of the report's figure tables: SVG for the web page, PNG for Word.

Drawn with matplotlib (imported only here, when a report is rendered, so ``check``
stays fast) through its object interface, never pyplot, so nothing global changes.
The same figures always give the same bytes: the SVG id salt is fixed and no date
or software version is written into either file.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from typing import Any

from selfassess.report.chartbounds import MAX_HEIGHT_INCHES, bounded
from selfassess.report.tables import FigureTable, number_text

WIDTH_INCHES = 3.6
MAX_DESCRIBED = 200  # characters of a row's name in the description (alt text)
LABEL_WIDTH = 16  # characters per line of a bar's label
EDGE_PAD_INCHES = 0.12  # matplotlib's own is 3 points (0.04 inch)
LINE_HEIGHT_INCHES = 3.0  # a time series: months along the bottom, the values up the side
YEAR_DROP_POINTS = 36  # below the axis, clear of the turned month names
COLOURS = ("#1d6b3a", "#a4262c", "#1a4f8b", "#5b5b5b")
HATCHES = ("", "//", "..", "xx")  # so series differ without colour as well
_SETTINGS: Any = {  # matplotlib types its keys as a Literal of every rc name
    "svg.hashsalt": "selfassess",
    "svg.fonttype": "none",
    "text.parse_math": False,  # a "$" in a label is text, never mathematics
    "font.family": "DejaVu Sans",
    # Small enough to fit a 320px phone screen unscaled-down text: 11.5 units on a 3.6 inch
    # figure still draws at 12px when the chart is squeezed into 280 CSS pixels.
    "font.size": 11.5,
    "axes.edgecolor": "#1b1b1b",
    "text.color": "#1b1b1b",
    "hatch.color": "#ffffff",
}
_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_ROOT = re.compile(r"<svg [^>]*>")
_TAG = re.compile(r"<[^>]*>")  # drawn text has its "<" and ">" escaped, so a tag is this
_MONTH = re.compile(r"^([A-Z][a-z]+) (\d{4})$")  # a month as the report writes it: "April 2024"


@dataclass(frozen=True)
class Chart:
    """A drawn chart with its title and text description: the figure's SVG as drawn, and PNG."""

    key: str
    title: str
    description: str
    drawn: str
    png: bytes

    @property
    def svg(self) -> str:
        """Return the SVG for a page that holds one report: its ids under "chart-KEY"."""
        return self.inline("")

    def inline(self, at: str) -> str:
        """Return the SVG for inline use with every id it names under at ("" or a part's)."""
        return _accessible_svg(self.drawn, f"{at}chart-{self.key}", self.title, self.description)


def describe(table: FigureTable) -> str:
    """Say in words what the chart shows: every figure, row by row."""
    parts = []
    for row in table.rows:
        values = ", ".join(
            f"{number_text(value, row.unit)} {column}"
            if len(table.columns) > 1
            else number_text(value, row.unit)
            for column, value in zip(table.columns, row.values, strict=False)
        )
        parts.append(f"{_named(row.label)}: {values}")
    return "; ".join(parts) + "."


def _named(label: str) -> str:
    """Return a row's name for the description, cut short past MAX_DESCRIBED characters."""
    return label if len(label) <= MAX_DESCRIBED else label[: MAX_DESCRIBED - 1] + "\u2026"


def first_column(table: FigureTable) -> FigureTable:
    """Return a table whose columns differ in unit as its first column alone, which is charted."""
    if not table.units:
        return table
    rows = tuple(
        replace(row, values=row.values[:1], previous=None, unit=table.units[0])
        for row in table.rows
    )
    return replace(table, columns=table.columns[:1], rows=rows, units=())


def draw(table: FigureTable) -> Chart | None:
    """Draw a table's chart, or return None for a table without one."""
    if table.chart is None or not table.rows:
        return None
    import matplotlib

    charted = f"Each bar is the {table.columns[0].lower()} column. " if table.units else ""
    table, left_out = bounded(first_column(table))  # at most a dozen bars, short labels
    with matplotlib.rc_context(_SETTINGS):
        figure = _figure(table)
        svg = _save(figure, "svg", {"Date": None, "Creator": None})
        png = _save(figure, "png", {"Software": None})
    description = charted + describe(table) + left_out
    return Chart(
        table.key, table.caption, description, _METADATA.sub("", _PROLOGUE.sub("", svg)), png
    )


def _figure(table: FigureTable) -> Any:
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    if table.chart == "line":
        height = LINE_HEIGHT_INCHES
    else:
        lines = sum(len(_wrapped(row.axis_label).splitlines()) for row in table.rows)
        height = min(0.3 * lines + 0.25 * len(table.rows) + 1.4, MAX_HEIGHT_INCHES)
    # Room at the edges for text the browser draws a little wider than matplotlib measured
    # it (the SVG keeps its text as text): the last value on an axis, "300", lost its "0".
    layout = ConstrainedLayoutEngine(w_pad=EDGE_PAD_INCHES, h_pad=EDGE_PAD_INCHES)
    figure = Figure(figsize=(WIDTH_INCHES, height), layout=layout)
    draw_on = _lines if table.chart == "line" else _bars
    draw_on(figure.add_subplot(), table)
    return figure


def _wrapped(label: str) -> str:
    import textwrap

    # Words are never broken ("Maladministration" stays whole), so a label may be a little wider.
    return "\n".join(textwrap.wrap(label, LABEL_WIDTH, break_long_words=False)) or label


def _bars(axes: Any, table: FigureTable) -> None:
    labels = [_wrapped(row.axis_label) for row in table.rows][::-1]
    left = [0.0] * len(labels)
    for index, column in enumerate(table.columns):
        values = [float(row.values[index] or 0) for row in table.rows][::-1]
        axes.barh(
            labels,
            values,
            left=left,
            label=column,
            color=COLOURS[index % 4],
            hatch=HATCHES[index % 4],
            edgecolor="#1b1b1b",
            linewidth=0.5,
        )
        if table.chart == "stacked":
            left = [a + b for a, b in zip(left, values, strict=True)]
        else:
            break  # a plain bar chart shows the first column only
    axes.set_xlim(left=0)  # a bar's length is its value: the axis starts at zero
    axes.spines[["top", "right"]].set_visible(False)
    if len(table.columns) > 1 and table.chart == "stacked":
        _legend(axes, len(table.columns))


def _lines(axes: Any, table: FigureTable) -> None:
    """Draw each column as a line across the rows, left to right, as a time series reads."""
    positions = list(range(len(table.rows)))
    markers = ("o", "s", "^", "D")
    for index, column in enumerate(table.columns):
        values = [row.values[index] for row in table.rows]
        axes.plot(
            positions,
            [float("nan") if v is None else v for v in values],
            label=column,
            color=COLOURS[index % 4],
            marker=markers[index % 4],
        )
    _time_axis(axes, positions, [row.axis_label for row in table.rows])
    # From zero, so a month at 90% does not look like half of one at 100%; shares up to 100%.
    axes.set_ylim(bottom=0)
    if all(row.unit == "%" for row in table.rows):
        from matplotlib.ticker import PercentFormatter

        axes.set_ylim(top=max(100.0, axes.get_ylim()[1]))
        axes.yaxis.set_major_formatter(PercentFormatter(decimals=0))
    axes.spines[["top", "right"]].set_visible(False)
    if len(table.columns) > 1:
        _legend(axes, len(table.columns))


def _time_axis(axes: Any, positions: list[int], labels: list[str]) -> None:
    """Label the time axis: "Apr", "May"... with each year under its first month."""
    # Twelve month names side by side would touch at the width a phone shows them; turned
    # 45 degrees they fit at full size. Labels that are not months are written as they are.
    months = [_MONTH.match(label) for label in labels]
    if not all(months):
        axes.set_xticks(positions, [_wrapped(label) for label in labels])
        return
    names = [match.group(1)[:3] for match in months if match]
    axes.set_xticks(positions, names, rotation=45, ha="right", rotation_mode="anchor")
    years = [match.group(2) for match in months if match]
    for position, year in enumerate(years):
        if position == 0 or year != years[position - 1]:
            axes.annotate(
                year,
                xy=(position, 0),
                xycoords=("data", "axes fraction"),
                xytext=(0, -YEAR_DROP_POINTS),
                textcoords="offset points",
                ha="center",
                va="top",
            )


def _legend(axes: Any, columns: int) -> None:
    """Put the key above the plot, where it can never cover a bar or a line."""
    axes.figure.legend(loc="outside upper left", ncols=columns, frameon=False)


def _save(figure: Any, kind: str, metadata: dict[str, Any]) -> Any:
    stream = io.BytesIO()
    figure.savefig(stream, format=kind, metadata=metadata, dpi=150 if kind == "png" else 72)
    data = stream.getvalue()
    return data.decode("utf-8") if kind == "svg" else data


def _tag_named(tag: re.Match[str], prefix: str) -> str:
    """Return one of the SVG's tags with each id it makes or names under prefix."""
    tag_text = tag.group(0).replace('id="', f'id="{prefix}-').replace("url(#", f"url(#{prefix}-")
    return tag_text.replace('href="#', f'href="#{prefix}-')


def _accessible_svg(svg: str, prefix: str, caption: str, description: str) -> str:
    """Return the SVG for inline use: ids made unique on the page, a title and a description.

    Only the tags' ids and references are renamed: a drawn label is text, whatever it says.
    """
    svg = _TAG.sub(lambda tag: _tag_named(tag, prefix), svg)
    root = _ROOT.search(svg)
    assert root is not None  # matplotlib always writes a root element
    opening = root.group(0).replace(
        "<svg ", f'<svg class="chart" role="img" aria-labelledby="{prefix}-title {prefix}-desc" ', 1
    )
    from markupsafe import escape

    label = (
        f'<title id="{prefix}-title">{escape(caption)}</title>\n'
        f'<desc id="{prefix}-desc">{escape(description)} The table beside this chart gives the '
        "same figures.</desc>\n"
    )
    return svg[: root.start()] + opening + "\n" + label + svg[root.end() :].lstrip("\n")
