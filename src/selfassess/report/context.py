"""Build the annual report's view from a checked report and the files it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selfassess.dates import format_date
from selfassess.problems import sort_problems
from selfassess.render import views as v
from selfassess.render.context import build_view, describe_problem
from selfassess.report import view as rv
from selfassess.report.assessment import self_assessment_view
from selfassess.report.casework import (
    casework_tables,
    complaint_handling_cases,
    register_publications,
)
from selfassess.report.figures import FigureRow, FigureTable, with_previous
from selfassess.report.load import CheckedReport
from selfassess.report.model import AnnualReport
from selfassess.report.publications import improvements, publications
from selfassess.report.rules import LANDLORD_REPORT

NO_LOG = (
    "This report has no figures counted from a complaints log: this release of selfassess "
    "cannot yet read one, so volumes, timescales and outcomes are given in words only."
)


def build_report_view(checked: CheckedReport, as_of: dt.date, draft: bool = False) -> rv.ReportView:
    """Return everything the annual report shows."""
    report = checked.report
    assessment = build_view(checked.assessment)
    previous = checked.previous
    is_draft = draft or report.status == "draft"
    performance = _performance(report, previous.report if previous else None)
    listed = publications(report)
    findings = casework_tables(checked.casework, as_of) if checked.casework else ()
    if checked.casework is not None:
        listed += register_publications(checked.casework)
    return rv.ReportView(
        title=f"Annual complaints performance and service improvement report {checked.period}",
        landlord=assessment.landlord,
        period=checked.period,
        previous_period=previous.period if previous else None,
        draft=is_draft,
        problems=tuple(describe_problem(p) for p in sort_problems(checked.problems)),
        facts=_facts(checked, is_draft),
        key_figures=_key_figures(checked, assessment, findings),
        performance=performance,
        log_note=NO_LOG,
        analysis=report.analysis,
        refusals=report.refusals,
        findings=report.findings,
        findings_tables=findings,
        findings_cases=complaint_handling_cases(checked.casework) if checked.casework else (),
        improvements=improvements(report),
        landlord_reports=tuple(p for p in listed if _is_landlord_report(p.kind)),
        other_publications=tuple(p for p in listed if not _is_landlord_report(p.kind)),
        publications_note=report.publications_note,
        governance=_governance(report),
        self_assessment=self_assessment_view(checked, assessment, as_of),
    )


def _is_landlord_report(kind: str) -> bool:
    return kind.strip().lower() == LANDLORD_REPORT


def _facts(checked: CheckedReport, draft: bool) -> tuple[v.Fact, ...]:
    report, assessment = checked.report, checked.assessment.assessment
    facts = [
        v.Fact("Landlord", assessment.landlord.name),
        v.Fact("Year reported on", checked.period),
        v.Fact("Status", v.DRAFT_BANNER if draft else report.status.capitalize()),
    ]
    gov = report.governance
    if gov.governing_body:
        facts.append(v.Fact("Governing body", gov.governing_body))
    if gov.member_responsible_for_complaints:
        facts.append(
            v.Fact("Member responsible for complaints", gov.member_responsible_for_complaints)
        )
    approval = _approval(report)
    if approval:
        facts.append(v.Fact("Approved", approval))
    return tuple(facts)


def _approval(report: AnnualReport) -> str | None:
    approval = report.governance.approval
    if approval is None:
        return None
    text = format_date(approval.date) or ""
    return f"{text} ({approval.minute})" if approval.minute else text


def _satisfaction(report: AnnualReport | None) -> FigureTable | None:
    measured = report.satisfaction.complaints_handling if report and report.satisfaction else None
    if measured is None:
        return None
    row = FigureRow(
        "Satisfied with our approach to complaint handling (TP09)", (measured,), unit="%"
    )
    return FigureTable(
        key="satisfaction",
        caption="Tenant satisfaction with complaint handling (the Regulator's measure TP09)",
        label_heading="Measure",
        columns=("Per cent",),
        rows=(row,),
    )


def _performance(report: AnnualReport, previous: AnnualReport | None) -> tuple[FigureTable, ...]:
    table = _satisfaction(report)
    if table is None:
        return ()
    return (with_previous(table, _satisfaction(previous)),)


def _key_figures(
    checked: CheckedReport, assessment: v.DocumentView, findings: tuple[FigureTable, ...]
) -> FigureTable:
    table = _key_table(checked.report, assessment, checked.period)
    shown = ("Complaint handling failure orders", "Maladministration rate")
    extra = tuple(row for t in findings[:1] for row in t.rows if row.label in shown)
    table = replace(table, rows=table.rows + extra)
    if checked.previous is None:
        return table
    earlier = build_view(checked.previous.assessment)
    return with_previous(table, _key_table(checked.previous.report, earlier, ""))


def _key_table(report: AnnualReport, assessment: v.DocumentView, period: str) -> FigureTable:
    """Return the summary page's figures, each counted where it is owned."""
    totals = assessment.totals
    rows = [
        FigureRow("Code provisions assessed", (totals.total,)),
        FigureRow("Code provisions we comply with", (totals.yes,)),
        FigureRow("Code provisions we do not comply with yet", (totals.no,)),
        FigureRow("Service improvements made", (len(report.improvements),)),
    ]
    satisfaction = _satisfaction(report)
    rows += list(satisfaction.rows) if satisfaction else []
    caption = f"Key figures, {period}"
    return FigureTable("key-figures", caption, "Measure", ("Figure",), tuple(rows))


def _governance(report: AnnualReport) -> rv.GovernanceView:
    gov = report.governance
    scrutiny = []
    for meeting in gov.scrutiny:
        when = format_date(meeting.date)
        minute = f" ({meeting.minute})" if meeting.minute else ""
        scrutiny.append(f"{meeting.body}, {when}{minute}")
    heading = (
        f"{gov.governing_body}'s response"
        if gov.governing_body
        else "The governing body's response"
    )
    return rv.GovernanceView(
        body=gov.governing_body,
        member=gov.member_responsible_for_complaints,
        scrutiny=tuple(scrutiny),
        approval=_approval(report),
        response_heading=heading,
        response=gov.response,
        mrc_statement=gov.mrc_statement,
    )
