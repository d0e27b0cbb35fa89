"""Item 1: the self-assessment in the report, with what changed since last year's.

The answers are counted by the self-assessment's own view, and the changes come from
``selfassess diff``'s core, so the report and those commands can never disagree.
"""

from __future__ import annotations

import datetime as dt

from selfassess.assessment import view as v
from selfassess.assessment.makeview import build_view
from selfassess.cycle.diff import Diff, diff_files
from selfassess.problems import UsageError
from selfassess.report.load import CheckedReport
from selfassess.report.tables import FigureRow, FigureTable, with_previous
from selfassess.report.view import SelfAssessmentView
from selfassess.wording import plural

#: The self-assessment's documents, written beside the report by ``selfassess report``.
DOCUMENTS = (
    v.Link("The full self-assessment as a web page", "self-assessment.html"),
    v.Link(
        "The full self-assessment in Word (the Ombudsman's form layout)", "self-assessment.docx"
    ),
    v.Link("The full self-assessment in Markdown", "self-assessment.md"),
)


def by_section(doc: v.DocumentView) -> FigureTable:
    """Return the answers by section as a figure table with a stacked bar chart."""
    unanswered = doc.totals.unanswered > 0
    rows = tuple(
        FigureRow(
            s.counts.label,
            (s.counts.yes, s.counts.no, *((s.counts.unanswered,) if unanswered else ())),
            short=f"Section {s.number}",  # the table beside the chart names each section
        )
        for s in doc.sections
    )
    return FigureTable(
        key="self-assessment",
        caption="Our answers to the Code, by section",
        label_heading="Section",
        columns=("Yes", "No", *(("Not answered",) if unanswered else ())),
        rows=rows,
        chart="stacked",
    )


def self_assessment_view(
    checked: CheckedReport, doc: v.DocumentView, as_of: dt.date
) -> SelfAssessmentView:
    """Return item 1: the answers by section, the gaps, and what changed since last year."""
    table = by_section(doc)
    changes: tuple[str, ...] = ()
    compared = None
    if checked.previous is not None:
        earlier = checked.previous.assessment
        table = with_previous(table, by_section(build_view(earlier)))
        compared = checked.previous.period
        changes = _changes(earlier.document.path, checked.assessment.document.path, as_of)
    return SelfAssessmentView(
        title=doc.title,
        status=checked.assessment.assessment.status,
        by_section=table,
        non_compliant=doc.non_compliant,
        changes=changes,
        compared_with=compared,
        documents=DOCUMENTS,
    )


def _changes(old: object, new: object, as_of: dt.date) -> tuple[str, ...]:
    from pathlib import Path

    try:
        diff = diff_files(Path(str(old)), Path(str(new)), as_of)
    except UsageError:
        return (
            "Last year's self-assessment used an edition of the Code with no map to this "
            "year's, so the answers cannot be compared provision by provision.",
        )
    return change_lines(diff)


def change_lines(diff: Diff) -> tuple[str, ...]:
    """Say in plain words what changed in the self-assessment since last year."""
    lines = []
    for change in diff.changes:
        name = f"Provision {change.id}" + (f" ({change.summary})" if change.summary else "")
        if change.answer_change == "gap closed":
            lines.append(f"{name}: we now comply.")
        elif change.answer_change == "gap opened":
            lines.append(f"{name}: we no longer comply.")
        lines += [f"{name}: done: {do}" for do in change.actions_completed]
    others = [c for c in diff.changes if not c.answer_change and not c.actions_completed]
    if others:
        lines.append(
            f"Evidence or commentary updated for {plural(len(others), 'other provision')}."
        )
    if diff.new_provisions:
        lines.append(
            f"{plural(len(diff.new_provisions), 'provision')} answered for the first time."
        )
    return tuple(lines) or ("No answer, evidence or commentary changed since last year.",)
