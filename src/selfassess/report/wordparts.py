"""The Word report's parts after the summary: items 2 to 6, governance and item 1."""

from __future__ import annotations

from collections.abc import Callable

from selfassess.assessment import view as v
from selfassess.render.worddoc import write_evidence
from selfassess.render.wordtext import Writer
from selfassess.report import view as rv
from selfassess.report.tables import FigureTable

Figures = Callable[[FigureTable], None]


_BENCHMARK_WIDTHS_CM = (3.4, 1.6, 2.3, 2.2, 4.0, 3.5)  # widened to hold their words as needed


def write_benchmarks(body: Writer, view: rv.ReportView) -> None:
    """Add each benchmark beside our figure, with what it is and its source as a link."""
    from selfassess.render.wordstyle import add_row, add_table, size_rows
    from selfassess.render.wordwidths import fit_table
    from selfassess.report.benchmarks import CAPTION, COLUMNS, NOTE

    if not view.benchmarks:
        return
    caption = f"{CAPTION}: our figures for {view.period} beside others' published figures"
    body.text(f"Table: {caption}", "Caption" if body.styles.has("Caption") else None)
    # A link is left out of the measure: it breaks wherever it must, and may.
    texts = [(*row.cells, row.what, "") for row in view.benchmarks]
    widths, layout = fit_table(COLUMNS, texts, _BENCHMARK_WIDTHS_CM, yielding=(4, 5))
    grid = add_table(body, caption, COLUMNS, widths, layout)
    for row in view.benchmarks:
        cells = add_row(grid)
        for cell, text in zip(cells, (*row.cells, row.what), strict=False):
            cell.paragraphs[0].add_run(text)
        Writer(body.document, body.styles, cells[5], reuse_first=True).link(row.source, row.source)
    size_rows(grid._tbl.tr_lst[1:], layout)
    body.text(NOTE)


def write_items(body: Writer, view: rv.ReportView, figures: Figures) -> None:
    """Add items 2 to 6 in the published order."""
    body.text(rv.ITEM_2.text, "Heading 1")
    if view.log_note:
        body.text(view.log_note)
    for table in view.performance:
        figures(table)
    for note in view.method_notes:
        body.text(note)
    body.text("What the figures tell us", "Heading 2")
    _words(body, view.analysis, "No analysis has been written yet.")
    if view.refusals or view.refusal_tables:
        body.text("Complaints we did not accept", "Heading 2")
        for table in view.refusal_tables:
            figures(table)
        _words(body, view.refusals, "")
    body.text(rv.ITEM_3.text, "Heading 1")
    _words(
        body,
        view.findings,
        "" if view.findings_tables else "Nothing has been recorded for this item yet.",
    )
    if view.findings_note:
        body.text(view.findings_note)
    for table in view.findings_tables:
        figures(table)
    _cases(body, view.findings_cases)
    _improvements(body, view)
    body.text(rv.ITEM_5.text, "Heading 1")
    _publications(body, view.landlord_reports)
    if not view.landlord_reports:
        body.text("The Ombudsman published no annual report about our performance in this period.")
    body.text(rv.ITEM_6.text, "Heading 1")
    _publications(body, view.other_publications)
    otherwise = "" if view.other_publications else "Nothing has been recorded for this item yet."
    _words(body, view.publications_note, otherwise)


def _cases(body: Writer, cases: tuple[rv.CaseView, ...]) -> None:
    if cases:
        body.text("Cases in which the Ombudsman looked at our complaint handling", "Heading 2")
    for case in cases:
        body.text(f"{case.reference}: {case.subject or case.kind}", "Heading 3")
        body.text(case.kind.capitalize() + (f", {case.date}" if case.date else "") + ".")
        if case.findings:
            body.text("", label="Findings on complaint handling:")
        for line in case.findings:
            body.text(line, "List Bullet")
        if case.orders:
            body.text("", label="What we were ordered to do, and what we did:")
        for line in case.orders:
            body.text(line, "List Bullet")


def _words(body: Writer, markdown: str | None, otherwise: str) -> None:
    if markdown and markdown.strip():
        body.markdown(markdown)
    elif otherwise:
        body.text(otherwise)


def _improvements(body: Writer, view: rv.ReportView) -> None:
    body.text(rv.ITEM_4.text, "Heading 1")
    if not view.improvements:
        body.text("No service improvements have been recorded yet.")
    for item in view.improvements:
        body.text(item.theme + (f" ({item.when})" if item.when else ""), "Heading 2")
        if item.learning:
            body.markdown(item.learning, label="What complaints told us:")
        if item.change:
            body.markdown(item.change, label="What we changed:")
        if item.evidence:
            body.text("", label="Evidence:")
        for evidence in item.evidence:
            write_evidence(body, evidence)


def _publications(body: Writer, items: tuple[rv.PublicationView, ...]) -> None:
    for item in items:
        date = f", published {item.date}" if item.date else ""
        if item.url:
            body.link(item.url, item.title + date)
        else:
            body.text(item.title + date)
        if item.summary:
            body.markdown(item.summary)


def write_governance(body: Writer, gov: rv.GovernanceView) -> None:
    """Add who scrutinised and approved the report, and what they said."""
    body.text(rv.GOVERNANCE.text, "Heading 1")
    facts = [
        ("Governing body", gov.body),
        ("Member responsible for complaints", gov.member),
        ("Scrutinised by", "; ".join(gov.scrutiny) or "Not yet scrutinised"),
        ("Approved", gov.approval or "Not yet approved"),
    ]
    for label, value in facts:
        if value:
            body.text(value, label=f"{label}:")
    if gov.mrc_statement:
        body.text("Statement from the member responsible for complaints", "Heading 2")
        body.markdown(gov.mrc_statement)
    body.text(gov.response_heading, "Heading 2")
    _words(body, gov.response, "The governing body has not yet responded to this report.")


def write_assessment(body: Writer, view: rv.ReportView, figures: Figures) -> None:
    """Add item 1: the answers by section, the gaps, what changed, and where the full text is."""
    sa = view.self_assessment
    body.text(rv.ITEM_1.text, "Heading 1")
    page, word = (link.url for link in sa.documents[:2])  # beside the report, or a part's folder
    body.text(
        f"Our {sa.title} is part of this report. It is published in full beside it, as a "
        f"web page ({page}) and in Word in the Ombudsman's form layout ({word})."
    )
    figures(sa.by_section)
    body.text("Where we do not comply yet", "Heading 2")
    if not sa.non_compliant:
        body.text("We comply with every provision we assessed.")
    for row in sa.non_compliant:
        date = row.compliance_date or "not set"
        body.text(f"{row.id}: {row.summary}. {v.DATE_LABEL} {date}", "List Bullet")
    if sa.compared_with:
        body.text(f"What changed in our self-assessment since {sa.compared_with}", "Heading 2")
        for line in sa.changes:
            body.text(line, "List Bullet")
