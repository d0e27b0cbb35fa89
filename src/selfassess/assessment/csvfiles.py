"""The self-assessment's CSV outputs: submission.csv for the Ombudsman's form, gaps.csv for the team."""

from __future__ import annotations

from collections.abc import Callable

from selfassess.assessment import view as v
from selfassess.assessment.gaps import GapList
from selfassess.assessment.owed import OwedList
from selfassess.render.csvsafe import to_csv

GAP_COLUMNS = (
    "Code provision",
    "Must or should",
    "Requirement",
    "Explanation",
    "Intended compliance date",
    "Action",
    "Owner",
    "Role",
    "Email",
    "Due",
    "Status",
    "Overdue",
)


def _paragraphs(text: str | None) -> str:
    """Join each paragraph's lines, keeping a blank line between paragraphs."""
    paragraphs = (text or "").strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def submission_csv(doc: v.DocumentView) -> str:
    """Return every provision's answer in Code order, laid out as the Code's form asks."""
    yes, no, unanswered = doc.edition.answer_words
    answers = {v.YES: yes, v.NO: no}
    values: dict[str, Callable[[v.Row], str]] = {
        "provision": lambda row: row.id,
        "requirement": lambda row: row.summary,
        "modality": lambda row: row.modality,
        "answer": lambda row: answers.get(row.answer, unanswered),
    }
    columns = doc.edition.submission
    rows = [[values[value](row) for _, value in columns] for row in doc.rows]
    return to_csv([heading for heading, _ in columns], rows)


def gaps_csv(gaps: GapList) -> str:
    """Return one row per action (one per gap without actions), owners named."""
    rows: list[tuple[str, ...]] = []
    for gap in gaps.gaps:
        row = gap.row
        common = (
            row.id,
            row.modality,
            row.summary,
            _paragraphs(row.explanation),
            row.compliance_iso or "",
        )
        if not gap.actions:
            rows.append(common + ("",) * 7)
        for a in gap.actions:
            owner = (a.owner_name or a.owner_key or "", a.owner_role or "", a.owner_email or "")
            due = a.due.isoformat() if a.due else ""
            rows.append((*common, a.do, *owner, due, a.status, "Yes" if a.overdue else "No"))
    return to_csv(GAP_COLUMNS, rows)


OWED_COLUMNS = ("Due", "Source", "File", "Action", "Owner", "Status", "Overdue")


def owed_csv(owed: OwedList) -> str:
    """Return one row per action or order across files, by due date, owners named."""
    rows = [
        (
            i.due.isoformat() if i.due else "",
            i.source,
            i.file,
            i.do,
            i.owner,
            i.status,
            "Yes" if i.overdue else "No",
        )
        for i in owed.by_due()
    ]
    return to_csv(OWED_COLUMNS, rows)
