"""The committee progress report as an accessible Word document (plan.docx).

Built-in Title and Heading styles, en-GB, tables with captions and header rows
that repeat on each page; the same writer helpers as the self-assessment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from selfassess.casework.view import (
    INTERNAL_NOTE,
    ITEM_COLUMNS,
    CaseView,
    PlanItem,
    PlanView,
)
from selfassess.render.worddoc import fit, styled_document
from selfassess.render.wordpage import write_footer
from selfassess.render.wordstyle import APP_XML, add_row, add_table
from selfassess.render.wordtext import Styles, Writer
from selfassess.render.wordxml import save_fixed, xml_safe

_ITEM_WIDTHS_CM = (11.0, 6.5, 3.5, 5.6)
_FINDING_WIDTHS_CM = (14.0, 6.0)


def render_plan_docx(plan: PlanView, fixed_date: dt.date, reference: Path | None) -> bytes:
    """Return the Word document's bytes; the same input gives the same bytes."""
    plan = xml_safe(plan)
    document = styled_document(reference)
    write_footer(document, plan.landlord)
    _properties(document, plan, fixed_date)
    body = Writer(document, Styles(document), document)
    body.text(f"{plan.landlord}: {plan.title}", "Title")
    if plan.internal:
        body.text("", "Intense Quote").add_run(INTERNAL_NOTE).bold = True
    for fact in plan.facts:
        body.text(fact.value, label=f"{fact.label}:")
    _summary(body, plan)
    for case in plan.cases:
        _case(body, case)
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
    return save_fixed(document, {"docProps/app.xml": APP_XML})


def _properties(document: Any, plan: PlanView, fixed_date: dt.date) -> None:
    when = dt.datetime.combine(fixed_date, dt.time(), dt.UTC)
    core = document.core_properties
    core.title = fit(f"{plan.landlord}: {plan.title}")
    core.subject = plan.words.subject
    core.author = fit(plan.landlord)
    core.last_modified_by = fit(plan.landlord)
    core.language = "en-GB"
    core.comments = ""
    core.created = core.modified = core.last_printed = when
    core.revision = 1


def _summary(body: Writer, plan: PlanView) -> None:
    body.text("Summary", "Heading 1")
    for line in (plan.actions_headline, plan.orders_headline):
        body.text(line + ".", "List Bullet")
    body.text(f"{plan.words.compensation}: {plan.compensation}.", "List Bullet")
    body.text(f"{plan.words.rate}: {plan.rate}.", "List Bullet")
    columns = plan.words.findings_columns
    grid = add_table(body, plan.words.findings_caption, columns, _FINDING_WIDTHS_CM)
    for finding, count in plan.findings:
        cells = add_row(grid)
        cells[0].paragraphs[0].add_run(finding.capitalize())
        cells[1].paragraphs[0].add_run(str(count))


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
    if case.recommendations:
        body.text(case.headline + ".")
    for rec in case.recommendations:
        body.text(f"Recommendation {rec.id}: {rec.text}", "Heading 2")
        body.text(rec.headline + ".")
        if rec.actions:
            caption = f"Actions for recommendation {rec.id} in case {case.reference}"
            _items(body, caption, rec.actions)


def _items(body: Writer, caption: str, items: tuple[PlanItem, ...]) -> None:
    grid = add_table(body, caption, ITEM_COLUMNS, _ITEM_WIDTHS_CM)
    for item in items:
        cells = add_row(grid)
        money = f" (compensation {item.compensation})" if item.compensation else ""
        cells[0].paragraphs[0].add_run(item.do + money)
        cells[1].paragraphs[0].add_run(item.owner)
        cells[2].paragraphs[0].add_run(item.due)
        cells[3].paragraphs[0].add_run(item.state).bold = item.overdue
