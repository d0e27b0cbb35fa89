"""The annual report as an accessible Word document: the governing body's pack.

Built-in heading styles, a caption and a repeating header row on every table, a
picture with alt text for every chart, en-GB, and core properties from the input.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from selfassess.render.word import add_row, add_table, set_properties, write_draft
from selfassess.render.wordstyle import APP_XML, set_fonts, set_languages
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordxml import (
    ensure_hyperlink_style,
    save_fixed,
    set_language,
    xml_safe,
)
from selfassess.report import view as rv
from selfassess.report.charts import Chart
from selfassess.report.figures import FigureTable, header_cells, movements, row_cells
from selfassess.report.wordparts import write_assessment, write_governance, write_items

PICTURE_WIDTH_CM = 11.0  # the chart's 3.6 inch figure, so its text prints at about 14 points


def render_report_docx(
    view: rv.ReportView, charts: dict[str, Chart], fixed: dt.date | None
) -> bytes:
    """Return the Word report's bytes; the same input gives the same bytes."""
    view = xml_safe(view)
    document = _open()
    set_language(document, "en-GB")
    set_languages(document)
    set_fonts(document)
    ensure_hyperlink_style(document)
    subject = "Annual complaints performance and service improvement report (Code provision 8.1)"
    set_properties(document, f"{view.landlord}: {view.title}", subject, view.landlord, fixed)
    body = Writer(document, Styles(document), document)
    body.text(f"{view.landlord}: {view.title}", "Title")
    write_draft(body, view)
    for fact in view.facts:
        body.text(fact.value, label=f"{fact.label}:")

    def figures(table: FigureTable) -> None:
        write_figures(body, view, table, charts.get(table.key))

    body.text(rv.SUMMARY.text, "Heading 1")
    figures(view.key_figures)
    write_items(body, view, figures)
    write_governance(body, view.governance)
    write_assessment(body, view, figures)
    return save_fixed(document, {"docProps/app.xml": APP_XML})


def _open() -> Any:
    import docx
    from docx.shared import Mm

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    return document


def write_figures(
    body: Writer, view: rv.ReportView, table: FigureTable, chart: Chart | None
) -> None:
    """Add a chart (a picture with alt text) and the table of the same figures."""
    if chart is not None:
        _picture(body, chart)
    _table(body, view, table)
    if table.has_previous:
        for sentence in movements(table):
            body.text(sentence, "List Bullet")


def _picture(body: Writer, chart: Chart) -> None:
    from docx.shared import Cm

    paragraph = body.paragraph()
    shape = paragraph.add_run().add_picture(io.BytesIO(chart.png), width=Cm(PICTURE_WIDTH_CM))
    properties = shape._inline.docPr
    properties.set("title", chart.title)
    properties.set("descr", f"{chart.title}. {chart.description}")


def _table(body: Writer, view: rv.ReportView, table: FigureTable) -> None:
    header = header_cells(table, view.period, view.previous_period)
    grid = add_table(body, table.caption, tuple(header), None)
    for row in table.rows:
        cells = add_row(grid)
        for cell, text in zip(cells, [row.label, *row_cells(table, row)], strict=True):
            cell.paragraphs[0].add_run(text)
    body.text(f"Table: {table.caption}", "Caption" if body.styles.has("Caption") else None)
