"""Where an assessment stands: answers, gaps, overdue actions, approval, review and deadline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.check import load_assessment
from selfassess.code.deadlines import DueDate, due_dates, load_rules
from selfassess.dates import year_after
from selfassess.models import Action, Assessment, CodeEdition, TriggerEvent
from selfassess.render.jsondoc import json_document
from selfassess.wording import plural

STATUS_SCHEMA_VERSION = 1


@dataclass
class Status:
    """The state of one assessment on one day."""

    path: str
    assessment: Assessment
    edition: CodeEdition
    as_of: dt.date
    assessed: list[str] = field(default_factory=list)
    unanswered: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    to_review: list[str] = field(default_factory=list)
    overdue: list[tuple[str, Action]] = field(default_factory=list)
    deadlines: list[DueDate] = field(default_factory=list)
    triggers: list[tuple[TriggerEvent, bool]] = field(default_factory=list)

    @property
    def next_review(self) -> dt.date | None:
        """Return the next review date, a year after assessed_on unless one is set."""
        if self.assessment.next_review or self.assessment.assessed_on is None:
            return self.assessment.next_review
        return year_after(self.assessment.assessed_on)

    @property
    def fresh_assessment_due(self) -> bool:
        """Return True when a trigger since the last assessment calls for a fresh one."""
        return any(due for _, due in self.triggers)


def assessment_status(path: Path, as_of: dt.date) -> Status:
    """Work out where the assessment in a file stands on a day."""
    checked = load_assessment(path, as_of)
    assessment, edition = checked.assessment, checked.edition
    status = Status(checked.document.path_display, assessment, edition, as_of)
    answers = assessment.responses
    status.assessed = [p.id for _, p in edition.provisions() if p.assessed]
    status.unanswered = [
        pid for pid in status.assessed if pid not in answers or answers[pid].comply is None
    ]
    status.gaps = [pid for pid, r in answers.items() if r.comply == "no"]
    status.to_review = [pid for pid, r in answers.items() if r.review]
    status.overdue = [
        (pid, action)
        for pid, response in answers.items()
        for action in response.actions
        if action.is_overdue(as_of)
    ]
    # The deadlines are the Housing Ombudsman's: a Code asking for no submission has none.
    rules = load_rules(path) if edition.form.submitted_to else None
    status.deadlines = due_dates(rules, assessment.landlord, assessment.period) if rules else []
    assessed_on = assessment.assessed_on
    status.triggers = [
        (t, assessed_on is None or t.date > assessed_on) for t in assessment.triggers
    ]
    return status


def days_phrase(day: dt.date, as_of: dt.date) -> str:
    """Say how far a day is from as_of: '3 days left', 'due today', 'passed 2 days ago'."""
    days = (day - as_of).days
    if days == 0:
        return "due today"
    count = plural(abs(days), "day")
    return f"{count} left" if days > 0 else f"passed {count} ago"


def format_text(status: Status) -> str:
    """Return the status as lines for the terminal."""
    a = status.assessment
    lines = [
        f"{a.landlord.name}, {a.period}, against {a.code} (status: {a.status})",
        f"Answered: {len(status.assessed) - len(status.unanswered)} of "
        f"{len(status.assessed)} assessed provisions{_listed(status.unanswered, ' unanswered')}",
        f"Gaps (answered no): {len(status.gaps)}{_ids(status.gaps)}",
    ]
    if status.to_review:
        lines.append(f"Marked for review: {len(status.to_review)}{_ids(status.to_review)}")
    lines.append(f"Overdue actions: {len(status.overdue)}")
    lines += [f"  {pid}: {act.do} (due {act.due}, {act.status})" for pid, act in status.overdue]
    lines += [_approval_line(a), _review_line(status)]
    lines += _submission_lines(a)
    lines += _deadline_lines(status)
    lines += _trigger_lines(status)
    return "\n".join(lines) + "\n"


def _ids(ids: list[str]) -> str:
    return f" ({', '.join(ids)})" if ids else ""


def _listed(ids: list[str], word: str) -> str:
    return f"; {len(ids)}{word}{_ids(ids)}" if ids else ""


def _approval_line(a: Assessment) -> str:
    approval = a.governance.approval
    if approval is None:
        return "Governing body approval: not recorded"
    minute = f", {approval.minute}" if approval.minute else ""
    body = f" by {a.governance.governing_body}" if a.governance.governing_body else ""
    return f"Governing body approval: recorded{body} on {approval.date}{minute}"


def _review_line(status: Status) -> str:
    day = status.next_review
    if day is None:
        return "Next review: not set (add assessed_on or next_review)"
    return f"Next review: {day} ({days_phrase(day, status.as_of)})"


def _deadline_lines(status: Status) -> list[str]:
    if status.edition.form.submitted_to is None:
        return [
            f"Submission: none; {status.edition.words.ombudsman} asks for no annual submission "
            "(the Code asks for the self-assessment to be published with the annual report)"
        ]
    if not status.deadlines:
        return [f"Submission deadline: no rule found for period {status.assessment.period}"]
    lines = []
    for due in status.deadlines:
        when = f"{due.date} ({_deadline_phrase(due.date, status)})" if due.date else "unknown"
        lines.append(f"Submission deadline for landlords with {due.band}: {when}")
    if status.assessment.landlord.homes is None:
        lines.append("  Set landlord.homes to pick the deadline that applies.")
    lines.append(f"  Rule: {_rule_words(status.deadlines[0], status.assessment.period)}")
    lines.append(f"  Source: {status.deadlines[0].rule.source}")
    return lines


def _submission_lines(a: Assessment) -> list[str]:
    if a.submitted_on is None:
        return []
    reference = f", acknowledgement reference {a.submission_reference}"
    return [
        f"Submitted to the Ombudsman on {a.submitted_on}{reference if a.submission_reference else ''}"
    ]


def _deadline_phrase(day: dt.date, status: Status) -> str:
    """Count down to the deadline, or once submitted say whether it was met."""
    submitted = status.assessment.submitted_on
    if submitted is None:
        return days_phrase(day, status.as_of)
    days = (day - submitted).days
    if days == 0:
        return "submitted on the day"
    return f"submitted {plural(abs(days), 'day')} {'before it' if days > 0 else 'late'}"


def _rule_words(due: DueDate, period: str) -> str:
    rule = due.rule
    if due.confirmed:
        return f"{rule.title} (confirmed for {period})"
    if due.exact:
        reason = rule.source_note or "its source is not the Ombudsman's own page"
        return f"{rule.title} (unconfirmed: {reason})"
    return (
        f"{rule.title} (unconfirmed: no rule is recorded for {period}; this is the nearest, "
        f"stated for {', '.join(rule.periods)})"
    )


def _trigger_lines(status: Status) -> list[str]:
    if not status.triggers:
        return ["Re-assessment triggers (Code section 8): none recorded"]
    lines = ["Re-assessment triggers (Code section 8):"]
    for trigger, due in status.triggers:
        note = f": {trigger.note.strip()}" if trigger.note else ""
        after = "since the last assessment" if due else "before this assessment was made"
        lines.append(f"  {trigger.event} on {trigger.date}, {after}{note}")
    if status.fresh_assessment_due:
        lines.append("  A fresh self-assessment is due (Code section 8).")
    return lines


def format_json(status: Status) -> str:
    """Return the status as versioned JSON."""
    return json_document(status_data(status))


def status_data(status: Status) -> dict[str, Any]:
    """Return the status as plain data."""
    a = status.assessment
    approval = a.governance.approval
    return {
        "schema_version": STATUS_SCHEMA_VERSION,
        "file": status.path,
        "as_of": status.as_of.isoformat(),
        "landlord": a.landlord.name,
        "period": a.period,
        "code": a.code,
        "status": a.status,
        "assessed": len(status.assessed),
        "unanswered": status.unanswered,
        "gaps": status.gaps,
        "review": status.to_review,
        "overdue_actions": [
            {"provision": pid, "do": act.do, "due": str(act.due), "status": act.status}
            for pid, act in status.overdue
        ],
        "approval": approval.model_dump(mode="json") if approval else None,
        "submission": _submission_data(a),
        "next_review": str(status.next_review) if status.next_review else None,
        "deadlines": [
            _deadline_data(due, status.as_of, a.submitted_on) for due in status.deadlines
        ],
        "triggers": [
            {**t.model_dump(mode="json"), "fresh_assessment_due": due} for t, due in status.triggers
        ],
        "fresh_assessment_due": status.fresh_assessment_due,
    }


def _submission_data(a: Assessment) -> dict[str, str | None] | None:
    if a.submitted_on is None:
        return None
    return {"date": a.submitted_on.isoformat(), "reference": a.submission_reference}


def _deadline_data(due: DueDate, as_of: dt.date, submitted: dt.date | None) -> dict[str, Any]:
    counting = due.date is not None and submitted is None
    return {
        "for": due.band,
        "date": str(due.date) if due.date else None,
        "days_left": (due.date - as_of).days if counting and due.date else None,
        "met": due.date >= submitted if due.date and submitted else None,
        "rule": due.rule.id,
        "confirmed": due.confirmed,
        "rule_names_this_period": due.exact,
        "source": due.rule.source,
    }
