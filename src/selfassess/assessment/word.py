"""The self-assessment in the Ombudsman's form layout, as a Word document.

The layout is read back by ``selfassess import``, so it is kept exactly: a Title,
a Heading 1 "Section N: title" per section (section 6 with Heading 2 stages), and
one table per section or stage with the form's five columns.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from selfassess.assessment import view as v
from selfassess.render import wordruns
from selfassess.render.pieces import counts_text
from selfassess.render.worddoc import (
    fit,
    set_properties,
    styled_document,
    write_draft,
    write_evidence,
)
from selfassess.render.wordpage import write_footer
from selfassess.render.wordstyle import (
    APP_XML,
    add_row,
    add_table,
    keeps_whole,
)
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordxml import (
    save_fixed,
    xml_safe,
)
from selfassess.wordform.docxread import RENDERED_MARK
from selfassess.wordform.header import see_provision

_WIDTHS_CM = (2.7, 7.0, 2.4, 5.8, 8.7)
_SUMMARY_WIDTHS_CM = (8.0, 3.6, 15.0)  # the section-level summary's columns


def render_docx(doc: v.DocumentView, fixed_date: dt.date | None, reference: Path | None) -> bytes:
    """Return the Word document's bytes; the same input gives the same bytes."""
    doc = xml_safe(doc)
    document = styled_document(reference)
    write_footer(document, doc.landlord)
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
        body.spill()
    _action_plan(body, doc)
    if doc.governance.response:
        body.text(doc.governance.heading, "Heading 1")
        body.markdown(doc.governance.response)
    return save_fixed(document, {"docProps/app.xml": APP_XML}, body.spilled)


def _properties(document: Any, doc: v.DocumentView, fixed_date: dt.date | None) -> None:
    subject = f"Self-assessment against the {doc.edition.name}, {doc.edition.publisher}"
    set_properties(document, f"{doc.landlord}: {doc.title}", subject, doc.landlord, fixed_date)
    document.core_properties.keywords = fit(f"{doc.edition.id}; {doc.period}")
    document.core_properties.identifier = RENDERED_MARK  # import and code import know it


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
    _section_lines(body, doc)
    body.text("Where we do not comply", "Heading 2")
    if not doc.non_compliant:
        body.text(doc.no_gaps_text)
    for row in doc.non_compliant:
        date = row.compliance_date or "not set"
        body.text(f"{row.id}: {row.summary}. {v.DATE_LABEL} {date}", "List Bullet")


def _section_lines(body: Writer, doc: v.DocumentView) -> None:
    """Add the section-level summary table, when the Code asks for one."""
    headings = doc.edition.section_summary
    if not doc.section_lines or headings is None:
        return
    body.text("Section by section", "Heading 2")
    grid = add_table(
        body, "Whether we follow the Code, section by section", headings, _SUMMARY_WIDTHS_CM
    )
    for line in doc.section_lines:
        cells = add_row(grid)
        for cell, text in zip(cells, (line.heading, line.follows, line.explanation), strict=True):
            wordruns.run(cell._tc.find(wordruns.P), text)


def _section(body: Writer, section: v.SectionView, columns: tuple[str, ...]) -> None:
    body.text(section.heading, "Heading 1")
    for table in section.tables:
        if table.heading:
            body.text(table.heading, "Heading 2")
        _table(body, table, columns)


def _table(body: Writer, table: v.Table, columns: tuple[str, ...]) -> None:
    grid = add_table(body, table.caption, columns, _WIDTHS_CM)
    for row in table.rows:
        whole = keeps_whole(_cell_texts(row), _WIDTHS_CM)
        cells = add_row(grid, whole)
        _row(body, cells, row)
        body.spilled.spill([cells[0]._tc.getparent()])  # finished: held as its text


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
