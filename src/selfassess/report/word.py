"""The annual report as an accessible Word document: the governing body's pack.

Built-in heading styles, a caption and a repeating header row on every table, a
picture with alt text for every chart, en-GB, and core properties from the input.
"""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Callable
from typing import Any

from selfassess.render import wordruns
from selfassess.render.worddoc import copy_of, set_properties, write_draft
from selfassess.render.wordpage import write_footer
from selfassess.render.wordstyle import APP_XML, add_row, add_table, house_style, size_rows
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordwidths import Layout, fit_table
from selfassess.render.wordxml import save_fixed
from selfassess.report import view as rv
from selfassess.report.charts import Chart
from selfassess.report.tables import FigureTable, header_cells, movements, row_cells
from selfassess.report.wordparts import (
    write_assessment,
    write_benchmarks,
    write_governance,
    write_items,
)

TITLE_STYLE = "Caption"  # Word's own style for a table's title
TEXT_WIDTH_CM = 17.0  # A4 less the 2 cm margins
FIGURE_CM = 3.4  # a figure column: "not comparable" on one line, "down 10.7 points" on two
LABEL_CM = 5.0  # what a row's name is given before the figures' words need its room
KEPT_AT_START = 3  # rows kept with the header row (keep with next): no table starts with one
ROWS_HELD = 200  # a table's rows kept as elements before they are held as text (Spilled)
PICTURE_WIDTH_CM = 11.0  # the chart's 3.6 inch figure, so its text prints at about 14 points


def render_report_docx(
    view: rv.ReportView, charts: dict[str, Chart], fixed: dt.date | None
) -> bytes:
    """Return the Word report's bytes; the same input gives the same bytes."""

    def body_of(body: Writer) -> None:
        def figures(table: FigureTable) -> None:
            write_figures(body, view, table, charts.get(table.key))

        body.text(rv.SUMMARY.text, "Heading 1")
        figures(view.key_figures)
        if view.shares_note:
            body.text(view.shares_note)
        write_benchmarks(body, view)
        write_items(body, view, figures)
        write_governance(body, view.governance)
        write_assessment(body, view, figures)

    return report_document(view, fixed, body_of)


def report_document(view: Any, fixed: dt.date | None, body_of: Callable[[Writer], None]) -> bytes:
    """Return a report's Word bytes: its title, draft notice and facts, then what body_of writes."""
    document = copy_of(_blank)
    write_footer(document, view.landlord)
    subject = "Annual complaints performance and service improvement report (Code provision 8.1)"
    set_properties(document, f"{view.landlord}: {view.title}", subject, view.landlord, fixed)
    body = Writer(document, Styles(document), document)
    body.text(f"{view.landlord}: {view.title}", "Title")
    write_draft(body, view)
    for fact in view.facts:
        body.text(fact.value, label=f"{fact.label}:")
    body_of(body)
    return save_fixed(document, {"docProps/app.xml": APP_XML}, body.spilled)


def write_part(body: Writer, view: rv.ReportView, charts: dict[str, Chart]) -> None:
    """Add one part of a whole council's report: its benchmarks, items 2 to 6, then item 1."""

    def figures(table: FigureTable) -> None:
        write_figures(body, view, table, charts.get(table.key))

    write_benchmarks(body, view)
    write_items(body, view, figures)
    write_assessment(body, view, figures)


def _blank() -> Any:
    """Return a new portrait A4 document in the house style, its Caption a table title."""
    document = _open()
    house_style(document)
    _title_style(document)
    return document


def _open() -> Any:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    return document


def write_figures(body: Writer, view: rv.Periods, table: FigureTable, chart: Chart | None) -> None:
    """Add a table under its title, then its chart (a picture with alt text), then the changes."""
    _table(body, view, table)
    if chart is not None:
        _picture(body, chart)
    if table.has_previous:
        for sentence in movements(table):
            body.text(sentence, "List Bullet")
    body.spill()


def _picture(body: Writer, chart: Chart) -> None:
    from docx.shared import Pt

    width = picture_width(chart.png, body.document.sections[0])
    description = f"{chart.title}. {chart.description}"
    paragraph = body.picture(chart.png, width, chart.title, description)
    paragraph.paragraph_format.space_before = Pt(8)  # clear of the table's last rule


def picture_width(png: bytes, section: Any) -> int:
    """Return the picture's width (EMU): PICTURE_WIDTH_CM, or less so that it fits the page.

    A bar chart of many categories is tall; at the usual width the service-area chart of a
    12-category log would be 29 cm on A4's 25.7 cm, its last bars and axis cut off.
    """
    from docx.shared import Cm, Pt

    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])  # the PNG's IHDR
    printable_wide = section.page_width - section.left_margin - section.right_margin
    # The page's height less the margins and the space above the picture (and its line).
    printable_high = section.page_height - section.top_margin - section.bottom_margin - Pt(24)
    width = min(Cm(PICTURE_WIDTH_CM), printable_wide)
    return int(min(width, printable_high * pixels_wide / pixels_high))


def _table(body: Writer, view: rv.Periods, table: FigureTable) -> None:
    """Add the table's one title (a caption kept with the table) and the table, named the same."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    body.text(f"Table: {table.caption}", TITLE_STYLE if body.styles.has(TITLE_STYLE) else None)
    header = header_cells(table, view.period, view.previous_period)
    rows = [(row.label, *row_cells(table, row)) for row in table.rows]
    widths, layout = column_widths(header, rows)
    grid = add_table(body, table.caption, tuple(header), widths, layout)
    wordruns.keep_hyphens(grid.rows[0]._tr)  # "No 2024-25" breaks before the year, not in it
    for cell in grid.rows[0].cells[1:]:  # figures line up on the right, as in the page
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _rows(body, grid, rows, layout)


def _rows(body: Writer, grid: Any, rows: list[tuple[str, ...]], layout: Layout) -> None:
    """Add the rows, figures on the right, holding them as text every ROWS_HELD rows."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    made = []
    kept = min(len(rows) - 1, KEPT_AT_START)
    for header in grid.rows[0].cells:
        header.paragraphs[0].paragraph_format.keep_with_next = True
    for number, texts in enumerate(rows):
        cells = add_row(grid)  # each cell takes its column's width
        for cell, text in zip(cells, texts, strict=True):
            cell.paragraphs[0].add_run(text)
        for cell in cells[1:]:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if number < kept:  # at a page's foot, the header and a lone row go on to the next page
            for cell in cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        made.append(cells[0]._tc.getparent())
        if len(made) == ROWS_HELD:
            size_rows(made, layout)
            body.spilled.spill(made)
            made = []
    size_rows(made, layout)
    body.spilled.spill(made)


def column_widths(
    header: list[str], rows: list[tuple[str, ...]]
) -> tuple[tuple[float, ...], Layout]:
    """Return a figure table's column widths (cm) and how it is set (see render.wordwidths).

    Figures are given room for "down 10.7 points" and the row names the rest of the line;
    each column widens to hold the longest word of its heading and of its cells, the row
    names' column giving up its room first, and a table that cannot hold them across the
    page is made compact.
    """
    columns = len(header)
    figure = min(FIGURE_CM, (TEXT_WIDTH_CM - LABEL_CM) / (columns - 1))
    preferred = (TEXT_WIDTH_CM - figure * (columns - 1), *([figure] * (columns - 1)))
    return fit_table(header, rows, preferred)


def _title_style(document: Any) -> None:
    """Make Word's Caption style a table title: kept with its table, dark, and 11 points."""
    from docx.shared import Pt, RGBColor

    if TITLE_STYLE not in [style.name for style in document.styles]:
        return
    style = document.styles[TITLE_STYLE]
    style.font.size = Pt(11)
    style.font.color.rgb = RGBColor(0x1B, 0x1B, 0x1B)  # the template's blue is too pale to read
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.space_before = Pt(12)
