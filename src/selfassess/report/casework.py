"""Items 3, 5 and 6 from the Ombudsman casework register.

Every figure is the register's own (``selfassess.casework.figures``); this module only
lays them out as tables and lists the complaint handling cases with what was done.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from selfassess.casework import CheckedRegister, figures, publications
from selfassess.casework.models import Case
from selfassess.dates import format_date
from selfassess.report.tables import FigureRow, FigureTable, Number
from selfassess.report.view import CaseView, PublicationView
from selfassess.safety import published_url
from selfassess.wording import sentence_start

CHFO = "complaint handling failure order"
COMPLAINT_HANDLING = "complaint handling"
RECOMMENDATIONS_MADE = "Recommendations made"
SUBJECT_TABLE = "ombudsman-by-subject"
COMPENSATION_ORDERED = "Compensation ordered"
ADVERSE_FINDINGS = "Severe maladministration, maladministration or service failure"


def decision_table(data: dict[str, Any]) -> FigureTable:
    """Return the Ombudsman's decisions about us: cases, orders and compensation."""
    rate = data["findings"]["maladministration_rate"]
    orders = data["orders"]
    recommendations = data["recommendations"]
    rows = (
        FigureRow("Determinations", (data["determinations"],)),
        FigureRow(
            "Complaint handling failure orders", (data["complaint_handling_failure_orders"],)
        ),
        FigureRow("Special investigations", (data["cases"]["special investigation"],)),
        FigureRow("Maladministration rate", (rate["percent"] if rate else None,), unit="%"),
        FigureRow("Orders made", (orders["made"],)),
        FigureRow("Orders complied with on time", (orders["complied_on_time"],)),
        FigureRow("Orders still open", (orders["open"],)),
        FigureRow(RECOMMENDATIONS_MADE, (recommendations["made"],)),
        FigureRow("Recommendations completed", (recommendations["completed"],)),
        FigureRow(COMPENSATION_ORDERED, (data["compensation_ordered"],), unit="£"),
    )
    return FigureTable(
        "ombudsman-decisions", "The Ombudsman's decisions about us", "Measure", ("Figure",), rows
    )


def findings_table(data: dict[str, Any]) -> FigureTable:
    """Return the Ombudsman's findings by category, as a bar chart and table."""
    rows = tuple(
        FigureRow(name.capitalize(), (count,))
        for name, count in data["findings"]["by_category"].items()
    )
    return FigureTable(
        "ombudsman-findings",
        "The Ombudsman's findings, by category",
        "Finding",
        ("Findings",),
        rows,
        chart="bar",
    )


def subject_table(data: dict[str, Any]) -> FigureTable | None:
    """Return the findings, orders and compensation by subject (one column per subject)."""
    subjects = data["by_subject"]
    if not subjects:
        return None
    rates = [s["findings"]["maladministration_rate"] for s in subjects]
    rows = (
        FigureRow("Findings", tuple(s["findings"]["total"] for s in subjects)),
        FigureRow("Findings decided", tuple(s["findings"]["decided"] for s in subjects)),
        FigureRow(ADVERSE_FINDINGS, tuple(r["count"] if r else 0 for r in rates)),
        FigureRow(
            "Maladministration rate", tuple(r["percent"] if r else None for r in rates), unit="%"
        ),
        FigureRow("Orders made", tuple(s["orders"] for s in subjects)),
        FigureRow(
            COMPENSATION_ORDERED, tuple(s["compensation_ordered"] for s in subjects), unit="£"
        ),
    )
    columns = tuple(sentence_start(s["subject_category"]) for s in subjects)
    caption = "The Ombudsman's findings, orders and compensation, by subject"
    return FigureTable(SUBJECT_TABLE, caption, "Measure", columns, rows)


def casework_tables(register: CheckedRegister, as_of: dt.date) -> tuple[FigureTable, ...]:
    """Return item 3's tables from the register's own figures (the LGSCO's by its definitions)."""
    data = figures(register.register, as_of)
    if register.register.ombudsman == "lgsco":
        from selfassess.report.lgscotables import lgsco_tables

        return lgsco_tables(data["lgsco"])
    by_subject = subject_table(data)
    return (decision_table(data), findings_table(data), *([by_subject] if by_subject else []))


def compensation_table(offered: FigureRow | None, ordered: FigureRow | None) -> FigureTable | None:
    """Return compensation offered on our complaints and ordered by the Ombudsman, and both."""
    if offered is None or ordered is None:
        return None
    rows = (
        FigureRow(
            "Offered on our complaints (complaints log)", offered.values, offered.previous, "£"
        ),
        FigureRow(
            "Ordered by the Ombudsman (casework register)", ordered.values, ordered.previous, "£"
        ),
        FigureRow(
            "Together", _added(offered.values, ordered.values), _together(offered, ordered), "£"
        ),
    )
    caption = "Compensation: offered on our complaints and ordered by the Ombudsman"
    return FigureTable("compensation", caption, "Compensation", ("Amount",), rows)


def _together(offered: FigureRow, ordered: FigureRow) -> tuple[Number | None, ...] | None:
    if offered.previous is None or ordered.previous is None:
        return None
    return _added(offered.previous, ordered.previous)


def _added(
    one: tuple[Number | None, ...], two: tuple[Number | None, ...]
) -> tuple[Number | None, ...]:
    return tuple(
        None if a is None or b is None else round(a + b, 2) for a, b in zip(one, two, strict=True)
    )


def _about_complaint_handling(case: Case) -> bool:
    if case.kind == CHFO:
        return True
    return any((f.category or case.category) == COMPLAINT_HANDLING for f in case.findings)


def complaint_handling_cases(register: CheckedRegister) -> tuple[CaseView, ...]:
    """Return the cases in which the Ombudsman found fault in our complaint handling."""
    cases = []
    for case in register.register.cases:
        if not _about_complaint_handling(case):
            continue
        findings = tuple(
            f"{f.issue}: {f.finding}"
            for f in case.findings
            if (f.category or case.category) == COMPLAINT_HANDLING
        )
        done = tuple(
            f"{o.do}: {'done ' + (format_date(o.done_on) or '') if o.status == 'done' else o.status}".rstrip()
            for o in case.orders
        )
        cases.append(
            CaseView(
                case.reference, case.kind, format_date(case.date), case.subject, findings, done
            )
        )
    return tuple(cases)


def register_publications(register: CheckedRegister) -> tuple[PublicationView, ...]:
    """Return the register's publications (items 5 and 6), oldest first."""
    items = sorted(publications(register.register), key=lambda p: p["date"] or "")
    found = tuple(
        PublicationView(
            kind=p["kind"],
            title=p["title"],
            url=p["url"],
            date=format_date(dt.date.fromisoformat(p["date"])) if p["date"] else None,
            summary=None,
        )
        for p in items
    )
    letter = register.register.review_letter
    if letter is None:
        return found
    review = PublicationView(
        kind="annual review letter",
        title=f"The LGSCO's annual review letter about us, {letter.year}",
        url=published_url(letter.source),
        date=format_date(letter.date),
        summary=None,
    )
    return (*found, review)
