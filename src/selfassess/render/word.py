"""The self-assessment in the Ombudsman's form layout, as a Word document.

The layout is read back by ``selfassess import``, so it is kept exactly: a Title,
a Heading 1 "Section N: title" per section (section 6 with Heading 2 stages), and
one table per section or stage with the form's five columns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from selfassess.render import views as v
from selfassess.render import wordruns
from selfassess.render.chart import counts_text
from selfassess.render.wordstyle import (
    APP_XML,
    house_style,
    keeps_whole,
)
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordxml import (
    mark_header_row,
    save_fixed,
    set_table_caption,
    shade,
    xml_safe,
)
from selfassess.wordform.columns import see_provision
from selfassess.wordform.docxread import RENDERED_MARK

HEADER_FILL = "E7E6E6"
_WIDTHS_CM = (2.7, 7.0, 2.4, 5.8, 8.7)
PROPERTY_LIMIT = 255  # python-docx refuses a longer core property


def render_docx(doc: v.DocumentView, fixed_date: dt.date | None, reference: Path | None) -> bytes:
    """Return the Word document's bytes; the same input gives the same bytes."""
    doc = xml_safe(doc)
    document = open_document(reference)
    house_style(document, reference is not None)
    _properties(document, doc, fixed_date)
    styles = Styles(document)
    body = Writer(document, styles, document)
    body.text(f"{doc.landlord}: {doc.title}", "Title")
    write_draft(body, doc)
    for fact in doc.facts:
        if fact.url:
            body.link(fact.url, fact.value, label=f"{fact.label}:")
        else:
            body.text(fact.value, label=f"{fact.label}:")
    _summary(body, doc)
    for section in doc.sections:
        _section(body, section, doc.edition.columns)
    _action_plan(body, doc)
    if doc.governance.response:
        body.text(doc.governance.heading, "Heading 1")
        body.markdown(doc.governance.response)
    return save_fixed(document, {"docProps/app.xml": APP_XML})


def open_document(reference: Path | None) -> Any:
    """Return a new landscape A4 document, or one with the styles and page setup of a reference."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    from selfassess.render.reference import apply_reference

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    if reference is not None:
        apply_reference(document, reference)
    return document


def _properties(document: Any, doc: v.DocumentView, fixed_date: dt.date | None) -> None:
    subject = f"Self-assessment against the {doc.edition.name}, {doc.edition.publisher}"
    set_properties(document, f"{doc.landlord}: {doc.title}", subject, doc.landlord, fixed_date)
    document.core_properties.keywords = fit(f"{doc.edition.id}; {doc.period}")
    document.core_properties.identifier = RENDERED_MARK  # import and code import know it


def set_properties(
    document: Any, title: str, subject: str, author: str, fixed_date: dt.date | None
) -> None:
    """Set the core properties, dated by the input (never the clock) so renders repeat."""
    when = dt.datetime.combine(fixed_date or dt.date(2000, 1, 1), dt.time(), dt.UTC)
    core = document.core_properties
    core.title = fit(title)
    core.subject = fit(subject)
    core.author = fit(author)
    core.last_modified_by = fit(author)
    core.language = "en-GB"
    core.comments = ""
    core.created = when
    core.modified = when
    core.last_printed = when
    core.revision = 1


def fit(text: str) -> str:
    """Shorten a document property to the 255 characters Word's properties hold."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def write_draft(body: Writer, doc: v.Draftable) -> None:
    """Add the draft banner and the open problems, or nothing for an approved document."""
    if not doc.draft:
        return
    banner = body.text("", "Intense Quote")
    banner.add_run(v.DRAFT_BANNER).bold = True
    body.text("This is a working draft. It has not been approved by the governing body.")
    if doc.problems:
        body.text("Open problems found by selfassess check:")
        for problem in doc.problems:
            body.text(problem, "List Bullet")


def _summary(body: Writer, doc: v.DocumentView) -> None:
    totals = doc.totals
    body.text("Summary", "Heading 1")
    body.text(
        f"We assessed our complaint handling against {totals.total} provisions of the "
        f"{doc.edition.name}. We comply with {totals.yes} and do not comply with {totals.no}."
        + (f" {doc.unanswered_text}" if doc.unanswered_text else "")
    )
    for section in doc.sections:
        body.text(f"{section.heading}: {counts_text(section.counts)}", "List Bullet")
    if doc.practice:
        body.text(v.PRACTICE_HEADING, "Heading 2")
        body.text(doc.practice_note or "")
        for fact in doc.practice:
            body.text(f"{fact.label}: {fact.value}", "List Bullet")
    body.text("Where we do not comply", "Heading 2")
    if not doc.non_compliant:
        body.text(doc.no_gaps_text)
    for row in doc.non_compliant:
        date = row.compliance_date or "not set"
        body.text(f"{row.id}: {row.summary}. {v.DATE_LABEL} {date}", "List Bullet")


def _section(body: Writer, section: v.SectionView, columns: tuple[str, ...]) -> None:
    body.text(section.heading, "Heading 1")
    for table in section.tables:
        if table.heading:
            body.text(table.heading, "Heading 2")
        _table(body, table, columns)


def add_table(
    body: Writer, caption: str, columns: tuple[str, ...], widths_cm: tuple[float, ...] | None
) -> Any:
    """Add a table with a caption (alt text) and a shaded header row that repeats on each page.

    Without widths, Word sizes the columns to their text.
    """
    from docx.shared import Cm

    grid = body.document.add_table(rows=1, cols=len(columns))
    grid_style = body.styles.id("Table Grid")
    if grid_style:
        grid._tbl.tblStyle_val = grid_style
    widths = None if widths_cm is None else [Cm(width) for width in widths_cm]
    if widths is not None:
        grid.autofit = False
    set_table_caption(grid, caption)
    header = grid.rows[0]
    mark_header_row(header)
    if widths is not None:
        for column, width in zip(grid.columns, widths, strict=True):
            column.width = width
    for index, (cell, column) in enumerate(zip(header.cells, columns, strict=True)):
        if widths is not None:
            cell.width = widths[index]
        shade(cell, HEADER_FILL)
        wordruns.run(cell._tc.find(wordruns.P), column, bold=True)
    return grid


def add_row(grid: Any, whole: bool = True) -> list[Any]:
    """Add a row, its cells at the table's column widths, kept on one page if whole.

    The row is built as XML directly (python-docx searches for each element's place),
    making the elements python-docx's add_row would; return its cells.
    """
    from docx.oxml.ns import qn
    from docx.table import _Cell

    columns = [column.get(qn("w:w")) for column in grid._tbl.tblGrid.gridCol_lst]
    return [_Cell(tc, grid) for tc in wordruns.table_row(grid._tbl, columns, whole)]


def _table(body: Writer, table: v.Table, columns: tuple[str, ...]) -> None:
    grid = add_table(body, table.caption, columns, _WIDTHS_CM)
    for row in table.rows:
        whole = keeps_whole(_cell_texts(row), _WIDTHS_CM)
        _row(body, add_row(grid, whole), row)


def _cell_texts(row: v.Row) -> tuple[str, ...]:
    """Return each cell's text, a line per paragraph, to judge the row's height."""
    requirement = [b.text for b in row.text] if row.text is not None else [row.summary]
    commentary = [row.commentary or "", row.explanation or ""]
    evidence = [item.title for item in row.evidence]
    return (row.id, "\n".join(requirement), row.answer, "\n".join(evidence), "\n".join(commentary))


def _row(body: Writer, cells: list[Any], row: v.Row) -> None:
    def writer(cell: Any) -> Writer:
        return Writer(body.document, body.styles, cell, reuse_first=True)

    wordruns.run(cells[0]._tc.find(wordruns.P), row.id)
    _requirement(writer(cells[1]), row)
    wordruns.run(cells[2]._tc.find(wordruns.P), row.answer)
    evidence = writer(cells[3])
    for item in row.evidence:
        write_evidence(evidence, item)
    if row.measured:
        evidence.text(row.measured)
    _commentary(writer(cells[4]), row)


def _requirement(cell: Writer, row: v.Row) -> None:
    if row.text is None:
        cell.text(row.summary)
        link = row.code_link
        text = see_provision(row.id)
        if link.url:
            cell.link(link.url, text)
        else:
            cell.text(text)
        return
    bullets = cell.styles.has("List Bullet")
    for block in row.text:
        if block.bullet and not bullets:
            cell.text("• " + block.text)
        else:
            cell.text(block.text, "List Bullet" if block.bullet else None)


def write_evidence(cell: Writer, item: v.Evidence) -> None:
    """Add one evidence item: markdown, a link, a file with its path, or plain words."""
    if item.markdown:
        cell.markdown(item.title)
    elif item.url:
        cell.link(item.url, item.title)
    elif item.path:
        cell.text(f"{item.title} ({item.path})")
    else:
        cell.text(item.title)


def _commentary(cell: Writer, row: v.Row) -> None:
    cell.markdown(row.commentary)
    if row.answer != v.NO:
        return
    if row.explanation:
        cell.markdown(row.explanation, label=v.EXPLANATION_LABEL)
    cell.text(row.compliance_date or "not set", label=v.DATE_LABEL)


def _action_plan(body: Writer, doc: v.DocumentView) -> None:
    if not doc.non_compliant:
        return
    body.text("What we are doing where we do not comply", "Heading 1")
    for row in doc.non_compliant:
        body.text(f"Provision {row.id}: {row.summary}", "Heading 2")
        body.text(row.compliance_date or "not set", label=v.DATE_LABEL)
        for action in row.actions:
            owner = f" (responsible: {action.owner})" if action.owner else ""
            due = f", due {action.due}" if action.due else ""
            body.text(f"{action.do}{owner}{due}. Status: {action.status.lower()}.", "List Bullet")
