"""The CSV outputs: submission.csv for the Ombudsman's form and gaps.csv for the team.

A cell that a spreadsheet would read as a formula is prefixed with a single quote,
so opening the file runs nothing while the text stays readable.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable

from selfassess.render import views as v
from selfassess.render.gaps import GapList
from selfassess.render.owed import OwedList

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(\.[0-9]+)?")
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


def neutralise(value: str) -> str:
    """Return a cell value no spreadsheet will run as a formula.

    Spreadsheets skip leading spaces (a no-break space and line breaks too) and read
    full-width signs such as U+FF1D as their plain forms, so those are looked past.
    """
    first = value[:1]
    if not first or (first.isalnum() and first.isascii()):  # empty, a date, a number, a word
        return value
    if _NEGATIVE_NUMBER.fullmatch(value):  # a fall since last year is a number, not a formula
        return value
    if value.startswith(_FORMULA_STARTS):
        return "'" + value
    first = value.lstrip()[:1]
    if first and unicodedata.normalize("NFKC", first)[:1] in _FORMULA_STARTS[:4]:
        return "'" + value
    return value


def to_csv(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """Write rows as CSV (RFC 4180 line ends), every cell neutralised."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([neutralise(c) for c in header])
    for row in rows:
        writer.writerow([neutralise(c) for c in row])
    return stream.getvalue()


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
