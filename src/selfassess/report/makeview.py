"""Build the annual report's view from a checked report and the files it names."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selfassess.assessment import view as v
from selfassess.assessment.makeview import build_view, describe_problem, response_heading
from selfassess.dates import format_date
from selfassess.practice import PracticeFigures, labels
from selfassess.problems import sort_problems
from selfassess.report import view as rv
from selfassess.report.assessment import self_assessment_view
from selfassess.report.benchmarks import benchmark_rows
from selfassess.report.casework import (
    COMPENSATION_ORDERED,
    SUBJECT_TABLE,
    casework_tables,
    compensation_table,
    complaint_handling_cases,
    register_publications,
)
from selfassess.report.grouptables import BREAKDOWN, ESCALATION_REASONS
from selfassess.report.keyfigures import key_figures, satisfaction_table
from selfassess.report.load import CheckedReport, LinkedReport
from selfassess.report.model import AnnualReport
from selfassess.report.practice import log_figures, log_tables, refusal_table
from selfassess.report.publications import improvements, publications
from selfassess.report.rules import ANNUAL
from selfassess.report.tables import (
    SHARES_NOTE,
    FigureTable,
    beside_last_year,
    find_row,
    with_previous,
)
from selfassess.wording import plural, sentence_start

NO_LOG = (
    "This report has no figures counted from a complaints log: the self-assessment names no "
    "log (practice: log:), so volumes, timescales and outcomes are given in words only."
)
#: Said once, where last year's figures cannot be shown, instead of a column of dashes.
NO_PREVIOUS_LOG = (
    "There is no column for {period} beside them: last year's self-assessment named no "
    "complaints log."
)
NO_PREVIOUS_REGISTER = (
    "The Ombudsman's figures below have no column for {period}: last year's report named no "
    "casework register."
)


def build_report_view(checked: CheckedReport, as_of: dt.date, draft: bool = False) -> rv.ReportView:
    """Return everything the annual report shows."""
    report = checked.report
    assessment = build_view(checked.assessment)
    previous = checked.previous
    is_draft = draft or report.status == "draft"
    figures = log_figures(checked.assessment, as_of)
    earlier = log_figures(previous.assessment, as_of) if previous else None
    performance = _performance(report, previous.report if previous else None, figures, earlier)
    if not checked.assessment.edition.tenant_measures:  # no CH01 or CH02 for this Code
        performance = tuple(table for table in performance if table.key != "tsm")
    performance = with_shares(performance)
    listed = publications(report)
    findings = with_shares(_findings(checked, as_of))
    compensation = compensation_table(
        find_row(performance, "escalation", labels.COMPENSATION),
        find_row(findings, "ombudsman-decisions", COMPENSATION_ORDERED),
    )
    findings += (compensation,) if compensation else ()
    if checked.casework is not None:
        listed += register_publications(checked.casework)
    compared = benchmark_rows(report.benchmarks, (*performance, *findings))
    return rv.ReportView(
        title=f"Annual complaints performance and service improvement report {checked.period}",
        landlord=assessment.landlord,
        period=checked.period,
        previous_period=previous.period if previous else None,
        draft=is_draft,
        problems=tuple(
            describe_problem(p, checked.document.path_display)
            for p in sort_problems(checked.problems)
        ),
        facts=_facts(checked, is_draft),
        key_figures=key_figures(checked, assessment, performance, findings),
        shares_note=SHARES_NOTE if any(t.shares for t in (*performance, *findings)) else None,
        benchmarks=compared,
        performance=performance,
        log_note=_log_note(figures, previous if earlier is None else None),
        method_notes=tuple(labels.method_notes(figures)) if figures else (),
        refusal_tables=with_shares(_refusals(figures, earlier)),
        log_figures=figures,
        analysis=report.analysis,
        refusals=report.refusals,
        findings=report.findings,
        findings_tables=findings,
        findings_note=_findings_note(checked),
        findings_cases=complaint_handling_cases(checked.casework) if checked.casework else (),
        improvements=improvements(report),
        landlord_reports=tuple(p for p in listed if _is_landlord_report(p.kind)),
        other_publications=tuple(p for p in listed if not _is_landlord_report(p.kind)),
        publications_note=report.publications_note,
        governance=_governance(report),
        self_assessment=self_assessment_view(checked, assessment, as_of),
        ombudsman=assessment.edition.ombudsman,
    )


#: Tables whose counts are parts of a whole, shown with their shares (tables.SHARES_NOTE).
SHARED = ("outcomes", "by-category", "refusals", "ombudsman-findings", ESCALATION_REASONS)


def with_shares(tables: tuple[FigureTable, ...]) -> tuple[FigureTable, ...]:
    """Return the tables, those whose counts are parts of a whole showing their shares."""
    return tuple(replace(t, shares=True) if t.key in SHARED else t for t in tables)


def _is_landlord_report(kind: str) -> bool:
    return kind.strip().lower() in ANNUAL


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
    approval = None if draft else _approval(report)  # "not approved", says the banner
    if approval:
        facts.append(v.Fact("Approved", approval))
    return tuple(facts)


def _approval(report: AnnualReport) -> str | None:
    approval = report.governance.approval
    if approval is None:
        return None
    text = format_date(approval.date) or ""
    return f"{text} ({approval.minute})" if approval.minute else text


def _performance(
    report: AnnualReport,
    previous: AnnualReport | None,
    figures: PracticeFigures | None,
    earlier: PracticeFigures | None,
) -> tuple[FigureTable, ...]:
    tables = list(log_tables(figures)) if figures else []
    # By group, this year only: six columns a stage, tripled for last year, would not fit a page.
    before = [t for t in log_tables(earlier) if not t.key.startswith(BREAKDOWN)] if earlier else []
    satisfaction = satisfaction_table(report)
    if satisfaction is not None:
        tables.append(satisfaction)
        last = satisfaction_table(previous)
        before += [last] if last else []
    return beside_last_year(tables, before)


def _findings(checked: CheckedReport, as_of: dt.date) -> tuple[FigureTable, ...]:
    """Return item 3's tables from the register, last year's register's figures beside them."""
    if checked.casework is None:
        return ()
    earlier = checked.previous.casework if checked.previous else None
    before = casework_tables(earlier, as_of) if earlier else ()
    # By subject, this year only: a column a subject, tripled for last year, would not fit a page.
    before = tuple(table for table in before if table.key != SUBJECT_TABLE)
    return beside_last_year(casework_tables(checked.casework, as_of), before)


def _findings_note(checked: CheckedReport) -> str | None:
    """Say once that last year's report named no register, rather than show empty columns."""
    previous = checked.previous
    if checked.casework is None or previous is None or previous.casework is not None:
        return None
    return NO_PREVIOUS_REGISTER.format(period=previous.period)


def _refusals(
    figures: PracticeFigures | None, earlier: PracticeFigures | None
) -> tuple[FigureTable, ...]:
    if figures is None:
        return ()
    return (with_previous(refusal_table(figures), refusal_table(earlier) if earlier else None),)


def _log_note(figures: PracticeFigures | None, no_log_last_year: LinkedReport | None) -> str | None:
    """Say where item 2's figures come from, and once if last year's cannot be shown."""
    if figures is None:
        return NO_LOG
    rows = figures.rows
    note = f"The figures are counted from our complaints log ({plural(rows.read, 'row')})."
    left_out = labels.left_out_words(rows)
    if left_out:
        note = f"{sentence_start(left_out)}. {note}"
    if no_log_last_year is not None:
        note += " " + NO_PREVIOUS_LOG.format(period=no_log_last_year.period)
    return note


def _governance(report: AnnualReport) -> rv.GovernanceView:
    gov = report.governance
    scrutiny = []
    for meeting in gov.scrutiny:
        when = format_date(meeting.date)
        minute = f" ({meeting.minute})" if meeting.minute else ""
        scrutiny.append(f"{meeting.body}, {when}{minute}")
    heading = response_heading(gov.governing_body)
    return rv.GovernanceView(
        body=gov.governing_body,
        member=gov.member_responsible_for_complaints,
        scrutiny=tuple(scrutiny),
        approval=_approval(report),
        response_heading=heading,
        response=gov.response,
        mrc_statement=gov.mrc_statement,
    )
