"""The committee progress report as an accessible Word document (plan.docx).

Built-in Title and Heading styles, en-GB, tables with captions and header rows
that repeat on each page; the same writer helpers as the self-assessment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from selfassess.casework.summaryview import AREA_COLUMNS, SUBJECT_COLUMNS
from selfassess.casework.view import (
    INTERNAL_NOTE,
    ITEM_COLUMNS,
    CaseView,
    Note,
    PlanItem,
    PlanView,
    RecommendationView,
)
from selfassess.render.worddoc import set_properties, styled_document
from selfassess.render.wordpage import write_footer
from selfassess.render.wordstyle import APP_XML, add_row, add_table
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordxml import save_fixed, xml_safe

_ITEM_WIDTHS_CM = (9.5, 5.5, 6.0, 5.6)  # the due date says how it moved
_FINDING_WIDTHS_CM = (14.0, 6.0)
_SUBJECT_WIDTHS_CM = (5.0, 2.6, 5.0, 2.4, 3.6)
_AREA_WIDTHS_CM = (4.4, 2.4, 2.6, 2.0, 2.6, 2.6, 2.0)


def render_plan_docx(plan: PlanView, fixed_date: dt.date, reference: Path | None) -> bytes:
    """Return the Word document's bytes; the same input gives the same bytes."""
    plan = xml_safe(plan)
    document = styled_document(reference)
    write_footer(document, plan.landlord)
    title = f"{plan.landlord}: {plan.title}"
    set_properties(document, title, plan.words.subject, plan.landlord, fixed_date)
    body = Writer(document, Styles(document), document)
    body.text(title, "Title")
    if plan.internal:
        body.text("", "Intense Quote").add_run(INTERNAL_NOTE).bold = True
    for fact in plan.facts:
        body.text(fact.value, label=f"{fact.label}:")
    _summary(body, plan)
    for case in plan.cases:
        _case(body, case)
        body.spill()
    if plan.publications:
        body.text("The Ombudsman's reports about us", "Heading 1")
        for item in plan.publications:
            when = f", {item.date}" if item.date else ""
            paragraph = body.text("", "List Bullet")
            paragraph.add_run(f"{item.title} ({item.kind}{when})")
            if item.url:
                body.link(item.url, f"Read {item.title}")
    body.text("How the figures are counted", "Heading 1")
    body.text(plan.words.method)
    return save_fixed(document, {"docProps/app.xml": APP_XML}, body.spilled)


def _summary(body: Writer, plan: PlanView) -> None:
    body.text("Summary", "Heading 1")
    body.text(plan.actions_headline + ".", "List Bullet")
    body.text(f"Recommendations made: {plan.recommendations_summary}.", "List Bullet")
    body.text(plan.orders_headline + ".", "List Bullet")
    body.text(f"{plan.words.compensation}: {plan.compensation}.", "List Bullet")
    body.text(f"{plan.words.rate}: {plan.rate}.", "List Bullet")
    columns = plan.words.findings_columns
    rows: list[tuple[str, ...]] = [(f.capitalize(), share.text) for f, share in plan.findings]
    _grid(body, plan.words.findings_caption, columns, _FINDING_WIDTHS_CM, rows)
    if plan.by_subject:
        caption = "The Ombudsman's findings, orders and compensation, by subject"
        rows = [
            (r.name, str(r.findings), r.adverse.text, str(r.orders), r.compensation)
            for r in plan.by_subject
        ]
        _grid(body, caption, SUBJECT_COLUMNS, _SUBJECT_WIDTHS_CM, rows)
    if plan.by_area:
        caption = "Recommendations and their actions, by area"
        rows = [(area.name, *area.cells) for area in plan.by_area]
        _grid(body, caption, AREA_COLUMNS, _AREA_WIDTHS_CM, rows)


def _grid(
    body: Writer,
    caption: str,
    columns: tuple[str, ...],
    widths: tuple[float, ...],
    rows: list[tuple[str, ...]],
) -> None:
    # A visible title, which also keeps two tables in a row from running together.
    title = body.text(caption, "Caption" if body.styles.has("Caption") else None)
    title.paragraph_format.keep_with_next = True
    grid = add_table(body, caption, columns, widths)
    for row in rows:
        for cell, text in zip(add_row(grid), row, strict=True):
            cell.paragraphs[0].add_run(text)


def _case(body: Writer, case: CaseView) -> None:
    body.text(case.heading, "Heading 1")
    body.text(case.kind, label="Kind:")
    body.text(case.reference, label="Reference:")
    if case.date:
        body.text(case.date, label="Date:")
    if case.url:
        body.link(case.url, f"Read the Ombudsman's decision or report on case {case.reference}")
    if case.findings:
        body.text("Findings", "Heading 2")
        columns = ("Complaint issue", "Finding")
        caption = f"Findings in case {case.reference}"
        grid = add_table(body, caption, columns, _FINDING_WIDTHS_CM)
        for issue, finding in case.findings:
            cells = add_row(grid)
            cells[0].paragraphs[0].add_run(issue)
            cells[1].paragraphs[0].add_run(finding.capitalize())
    if case.orders:
        body.text("Orders", "Heading 2")
        _items(body, f"Orders in case {case.reference}", case.orders)
        _history(body, case.orders_moved, case.orders_noted)
    if case.recommendations:
        body.text(case.headline + ".")
    if not case.areas:
        for rec in case.recommendations:
            _recommendation(body, case, rec, "Heading 2")
    for area in case.areas:
        body.text(area.name, "Heading 2")
        body.text(area.headline + ".")
        for rec in area.recommendations:
            _recommendation(body, case, rec, "Heading 3")


def _recommendation(body: Writer, case: CaseView, rec: RecommendationView, style: str) -> None:
    body.text(f"Recommendation {rec.id}: {rec.text}", style)
    if rec.sro:
        body.text(rec.sro, label="Senior responsible officer:")
    body.text(rec.headline + ".")
    if rec.progress:
        body.text("", label=f"Progress on recommendation {rec.id}:")
        _notes(body, rec.progress)
    if rec.actions:
        caption = f"Actions for recommendation {rec.id} in case {case.reference}"
        _items(body, caption, rec.actions)
        _history(body, rec.moved, rec.noted)


def _notes(body: Writer, notes: tuple[Note, ...]) -> None:
    for note in notes:
        body.markdown(note.text, label=f"{note.on}:")


def _history(body: Writer, moved: tuple[PlanItem, ...], noted: tuple[PlanItem, ...]) -> None:
    if moved:
        body.text("", label="Due dates moved:")
        for item in moved:
            body.text(f"{item.do}: first due {item.first_due}, {item.due_moved}.", "List Bullet")
            for revision in item.revisions:
                body.text(revision.text, "List Bullet 2")
    if noted:
        body.text("", label="Progress on the actions:")
        for item in noted:
            body.text(item.do, "List Bullet")
            _notes(body, item.progress)


def _items(body: Writer, caption: str, items: tuple[PlanItem, ...]) -> None:
    grid = add_table(body, caption, ITEM_COLUMNS, _ITEM_WIDTHS_CM)
    for item in items:
        cells = add_row(grid)
        money = f" (compensation {item.compensation})" if item.compensation else ""
        cells[0].paragraphs[0].add_run(item.do + money)
        cells[1].paragraphs[0].add_run(item.owner)
        cells[2].paragraphs[0].add_run(item.due_text)
        cells[3].paragraphs[0].add_run(item.state).bold = item.overdue
