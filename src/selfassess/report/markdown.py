"""The annual report as Markdown (GitHub-flavoured tables), readable in a pull request."""

from __future__ import annotations

from selfassess.assessment import view as v
from selfassess.assessment.markdown import draft_lines
from selfassess.render.mdescape import cell, escape, target
from selfassess.render.usermarkdown import inert_markdown
from selfassess.report import view as rv
from selfassess.report.benchmarks import CAPTION, COLUMNS, NOTE
from selfassess.report.tables import FigureTable, header_cells, movements, row_cells


def render_report_markdown(view: rv.ReportView) -> str:
    """Return the whole annual report as Markdown, in the published order."""
    lines = [f"# {escape(view.landlord)}: {escape(view.title)}", ""]
    lines += draft_lines(view)
    lines += [f"- **{escape(f.label)}:** {escape(f.value)}" for f in view.facts] + [""]
    lines += _heading(rv.SUMMARY) + _table(view, view.key_figures)
    lines += [escape(view.shares_note), ""] if view.shares_note else []
    lines += _benchmarks(view)
    lines += _items(view, 2)
    lines += governance_lines(view.governance)
    lines += _assessment(view, 2)
    return "\n".join(lines).rstrip("\n") + "\n"


def item_lines(view: rv.ReportView, level: int) -> list[str]:
    """Return the benchmarks, items 2 to 6 and then item 1, each item's heading at level:
    a part of a whole council's report."""
    return _benchmarks(view) + _items(view, level) + _assessment(view, level)


def _items(view: rv.ReportView, level: int) -> list[str]:
    lines = _performance(view, level)
    nothing = "" if view.findings_tables else "Nothing has been recorded for this item yet."
    lines += _heading(rv.ITEM_3, level) + _words(view.findings, nothing)
    lines += [escape(view.findings_note), ""] if view.findings_note else []
    for table in view.findings_tables:
        lines += _table(view, table)
    lines += _cases(view.findings_cases, level + 1)
    lines += _improvements(view, level)
    lines += _heading(rv.ITEM_5, level) + _publications(view.landlord_reports)
    if not view.landlord_reports:
        lines += [
            "The Ombudsman published no annual report about our performance in this period.",
            "",
        ]
    lines += _heading(rv.ITEM_6, level) + _publications(view.other_publications)
    lines += _words(
        view.publications_note,
        "" if view.other_publications else "Nothing has been recorded for this item yet.",
    )
    return lines


def _heading(part: rv.Heading, level: int = 2) -> list[str]:
    return _h(level, escape(part.text))


def _h(level: int, markdown: str) -> list[str]:
    """Return a heading of markdown written by us (its user text escaped) at level."""
    return [f"{'#' * level} {markdown}", ""]


def _words(markdown: str | None, otherwise: str) -> list[str]:
    if markdown and markdown.strip():
        return [inert_markdown(markdown), ""]
    return [otherwise, ""] if otherwise else []


def _table(view: rv.ReportView, table: FigureTable) -> list[str]:
    return table_lines(view.period, view.previous_period, table)


def table_lines(period: str, previous_period: str | None, table: FigureTable) -> list[str]:
    """Return a table under its caption, the one title it has (as in the page and Word)."""
    head = header_cells(table, period, previous_period)
    lines = [f"Table: {escape(table.caption)}", "", "| " + " | ".join(cell(h) for h in head) + " |"]
    lines.append("| --- " + "| ---: " * (len(head) - 1) + "|")
    for row in table.rows:
        cells = [cell(row.label), *(cell(text) for text in row_cells(table, row))]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if table.has_previous:
        lines += [f"- {escape(sentence)}" for sentence in movements(table)] + [""]
    return lines


def _benchmarks(view: rv.ReportView) -> list[str]:
    if not view.benchmarks:
        return []
    lines = [
        f"Table: {CAPTION}: our figures for {escape(view.period)} beside others' published figures",
        "",
    ]
    lines += ["| " + " | ".join(COLUMNS) + " |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for row in view.benchmarks:
        link = f"[{cell(row.source)}]({target(row.source).replace('|', '%7C')})"
        cells = [*(cell(text) for text in row.cells), cell(row.what), link]
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, "", NOTE, ""]


def _cases(cases: tuple[rv.CaseView, ...], level: int) -> list[str]:
    if not cases:
        return []
    lines = _h(level, "Cases in which the Ombudsman looked at our complaint handling")
    for case in cases:
        lines += _h(level + 1, f"{escape(case.reference)}: {escape(case.subject or case.kind)}")
        lines += [
            escape(case.kind.capitalize() + (f", {case.date}" if case.date else "") + "."),
            "",
        ]
        if case.findings:
            lines += ["**Findings on complaint handling:**", ""]
            lines += [f"- {escape(line)}" for line in case.findings] + [""]
        if case.orders:
            lines += ["**What we were ordered to do, and what we did:**", ""]
            lines += [f"- {escape(line)}" for line in case.orders] + [""]
    return lines


def _performance(view: rv.ReportView, level: int) -> list[str]:
    lines = _heading(rv.ITEM_2, level)
    lines += [escape(view.log_note), ""] if view.log_note else []
    for table in view.performance:
        lines += _table(view, table)
    for note in view.method_notes:
        lines += [escape(note), ""]
    lines += _h(level + 1, "What the figures tell us")
    lines += _words(view.analysis, "No analysis has been written yet.")
    if view.refusals or view.refusal_tables:
        lines += _h(level + 1, "Complaints we did not accept")
        for table in view.refusal_tables:
            lines += _table(view, table)
        lines += _words(view.refusals, "")
    return lines


def _improvements(view: rv.ReportView, level: int) -> list[str]:
    lines = _heading(rv.ITEM_4, level)
    for item in view.improvements:
        when = " " + escape(f"({item.when})") if item.when else ""  # escape drops a leading space
        lines += _h(level + 1, f"{escape(item.theme)}{when}")
        if item.learning:
            lines += ["**What complaints told us:**", "", inert_markdown(item.learning), ""]
        if item.change:
            lines += ["**What we changed:**", "", inert_markdown(item.change), ""]
        if item.evidence:
            lines += ["**Evidence:**", "", *[f"- {_evidence(e)}" for e in item.evidence], ""]
    return (
        lines
        if view.improvements
        else [*lines, "No service improvements have been recorded yet.", ""]
    )


def _evidence(item: v.Evidence) -> str:
    if item.markdown:
        return " ".join(inert_markdown(item.title).split())
    if item.url:
        return f"[{cell(item.title)}]({target(item.url)})"
    return cell(f"{item.title} ({item.path})" if item.path else item.title)


def _publications(items: tuple[rv.PublicationView, ...]) -> list[str]:
    lines = []
    for item in items:
        title = f"[{cell(item.title)}]({target(item.url)})" if item.url else cell(item.title)
        date = f", published {escape(item.date)}" if item.date else ""
        lines.append(f"- {title}{date}")
        if item.summary:
            lines += [
                "",
                *[
                    f"  {line}" if line else ""
                    for line in inert_markdown(item.summary).splitlines()
                ],
                "",
            ]
    return [*lines, ""] if lines else []


def governance_lines(gov: rv.GovernanceView) -> list[str]:
    lines = _heading(rv.GOVERNANCE)
    facts = [
        ("Governing body", gov.body),
        ("Member responsible for complaints", gov.member),
        ("Scrutinised by", "; ".join(gov.scrutiny) or "Not yet scrutinised"),
        ("Approved", gov.approval or "Not yet approved"),
    ]
    lines += [f"- **{label}:** {escape(value)}" for label, value in facts if value] + [""]
    if gov.mrc_statement:
        lines += [
            "### Statement from the member responsible for complaints",
            "",
            inert_markdown(gov.mrc_statement),
            "",
        ]
    lines += [f"### {escape(gov.response_heading)}", ""]
    return lines + _words(gov.response, "The governing body has not yet responded to this report.")


def _assessment(view: rv.ReportView, level: int) -> list[str]:
    sa = view.self_assessment
    lines = _heading(rv.ITEM_1, level)
    lines += [
        f"Our {escape(sa.title)} is part of this report. It is published in full beside it:",
        "",
    ]
    lines += [f"- [{cell(link.text)}]({target(link.url or '')})" for link in sa.documents] + [""]
    lines += _table(view, sa.by_section)
    lines += _h(level + 1, "Where we do not comply yet")
    if not sa.non_compliant:
        lines += ["We comply with every provision we assessed.", ""]
    for row in sa.non_compliant:
        lines.append(
            f"- {cell(row.id)}: {cell(row.summary)}. Intended compliance date: {cell(row.compliance_date or 'not set')}"
        )
    lines += [""] if sa.non_compliant else []
    if sa.compared_with:
        lines += _h(
            level + 1, f"What changed in our self-assessment since {escape(sa.compared_with)}"
        )
        lines += [f"- {escape(line)}" for line in sa.changes] + [""]
    return lines
