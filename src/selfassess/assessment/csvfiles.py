"""The self-assessment's spreadsheets: submission (for the Ombudsman's form) and gaps (for the team).

Each is one Sheet written twice: as CSV for tools and as .xlsx, whose cells keep their
types, for people who open it in Excel (which reads 6.10 in a CSV as the number 6.1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from selfassess.assessment import view as v
from selfassess.assessment.gaps import Gap, GapList
from selfassess.assessment.owed import OwedList
from selfassess.render.csvsafe import to_csv
from selfassess.render.spreadsheet import Cell, Sheet

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
_GAP_WIDTHS = (10, 10, 40, 60, 14, 50, 20, 24, 28, 12, 12, 9)
_MODALITY = 1


def _paragraphs(text: str | None) -> str:
    """Join each paragraph's lines, keeping a blank line between paragraphs."""
    paragraphs = (text or "").strip().split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def submission_sheet(doc: v.DocumentView) -> Sheet:
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
    widths = tuple(40 if value == "requirement" else 14 for _, value in columns)
    headings = tuple(heading for heading, _ in columns)
    return Sheet("Submission", headings, rows, widths, frozenset(range(len(columns))))


def gaps_sheet(gaps: GapList) -> Sheet:
    """Return one row per action (one per gap without actions), owners named.

    The explanation, often a paragraph or two, is on each provision's first row only; the
    Must or should column is there only for an edition that tells them apart.
    """
    rows = [row for gap in gaps.gaps for row in _gap_rows(gap)]
    keep = [i for i in range(len(GAP_COLUMNS)) if gaps.has_should or i != _MODALITY]
    return Sheet(
        "Gaps",
        tuple(GAP_COLUMNS[i] for i in keep),
        [[row[i] for i in keep] for row in rows],
        tuple(_GAP_WIDTHS[i] for i in keep),
        frozenset(range(len(keep))),  # every column wraps: nothing is cut off, on screen or paper
    )


def _gap_rows(gap: Gap) -> list[list[Cell]]:
    row = gap.row
    due = dt.date.fromisoformat(row.compliance_iso) if row.compliance_iso else None
    first: list[Cell] = [row.id, row.modality, row.summary, _paragraphs(row.explanation), due]
    later: list[Cell] = [row.id, row.modality, row.summary, "", due]
    if not gap.actions:
        return [first + [""] * 7]
    rows = []
    for index, a in enumerate(gap.actions):
        owner = [a.owner_name or a.owner_key or "", a.owner_role or "", a.owner_email or ""]
        done = [a.due, a.status, "Yes" if a.overdue else "No"]
        rows.append((later if index else first) + [a.do, *owner, *done])
    return rows


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
