"""Spreadsheets that keep what their cells mean: ids as text, dates as dates, nothing that runs.

A CSV opened in Excel or LibreOffice is read by guessing: 6.10 becomes the number 6.1 and
2025-10-31 a date in the reader's locale. An .xlsx written here says each cell's type, so
"6.10" stays text, a date is a date shown "31 Oct 2025", and a cell starting with "=" is
text, never a formula. The header row is bold and frozen; the same input gives the same
bytes. The workbook's parts are written directly (xlsxparts.py): a render of one
assessment writes two small workbooks, which through openpyxl cost more than the
self-assessment's HTML, and its import a cold render's tenth.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from selfassess.render.csvsafe import to_csv

Cell = str | dt.date | None

#: Excel's limit on the characters of one cell.
CELL_LIMIT = 32_767


@dataclass(frozen=True)
class Sheet:
    """One table for a spreadsheet: a title, a header and rows of text, dates or blanks."""

    title: str
    header: tuple[str, ...]
    rows: Sequence[Sequence[Cell]]
    #: Each column's width in characters (a column not given gets 12).
    widths: tuple[int, ...] = ()
    #: The columns whose long text wraps in its cell.
    wrapped: frozenset[int] = field(default_factory=frozenset)


def sheet_csv(sheet: Sheet) -> str:
    """Return the sheet as CSV: dates ISO, every cell neutralised (see csvsafe)."""
    return to_csv(sheet.header, ([_text(value) for value in row] for row in sheet.rows))


def _text(value: Cell) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else value


def sheet_xlsx(sheet: Sheet, when: dt.date | None = None) -> bytes:
    """Return the sheet as an .xlsx workbook, its cells typed, dated `when` for the same bytes."""
    from selfassess.render import xlsxparts as x
    from selfassess.render.wordxml import fixed_entry

    stamp = dt.datetime.combine(when or dt.date(2000, 1, 1), dt.time())
    count = len(sheet.header)
    widths = [*sheet.widths[:count], *[x.DEFAULT_WIDTH] * (count - len(sheet.widths))]
    rows = [[_within_limit(value) for value in row] for row in sheet.rows]
    last = x.last_cell(count, len(rows))
    parts = {
        "[Content_Types].xml": x.content_types(),
        "_rels/.rels": x.package_rels(),
        "docProps/app.xml": x.app("selfassess"),
        "docProps/core.xml": x.core(stamp, "selfassess", "en-GB"),
        "xl/workbook.xml": x.workbook(sheet.title[:31], last),  # Excel's limit on a name
        "xl/_rels/workbook.xml.rels": x.workbook_rels(),
        "xl/styles.xml": x.styles(),
        "xl/worksheets/sheet1.xml": x.worksheet(sheet.header, rows, widths, sheet.wrapped),
    }
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name, text in parts.items():
            target.writestr(fixed_entry(name), text.encode())
    return output.getvalue()


def _within_limit(value: Cell) -> Cell:
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        return value[: CELL_LIMIT - 1] + "…"
    return value
