"""Spreadsheets that keep what their cells mean: ids as text, dates as dates, nothing that runs.

A CSV opened in Excel or LibreOffice is read by guessing: 6.10 becomes the number 6.1 and
2025-10-31 a date in the reader's locale. An .xlsx written here says each cell's type, so
"6.10" stays text, a date is a date shown "31 Oct 2025", and a cell starting with "=" is
text, never a formula. The header row is bold and frozen; the same input gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field

from selfassess.render.csvsafe import to_csv

Cell = str | dt.date | None

#: Excel's limit on the characters of one cell.
CELL_LIMIT = 32_767
DATE_FORMAT = "d mmm yyyy"
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


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
    from openpyxl import Workbook

    book = Workbook()
    page = book.active
    assert page is not None  # a new workbook has one sheet
    page.title = sheet.title[:31]  # Excel's limit on a sheet's name
    _fill(page, sheet)
    stamp = dt.datetime.combine(when or dt.date(2000, 1, 1), dt.time())
    book.properties.created = stamp
    book.properties.creator = "selfassess"
    book.properties.language = "en-GB"
    output = io.BytesIO()
    book.save(output)
    return _fixed(output.getvalue(), stamp)


def _fill(page: object, sheet: Sheet) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(page, Worksheet)
    page.append(list(sheet.header))
    for cell in page[1]:
        cell.font = Font(bold=True)
    for row in sheet.rows:
        page.append([None] * len(sheet.header))
        for column, value in enumerate(row, 1):
            _put(page.cell(page.max_row, column), value, column - 1 in sheet.wrapped)
    for column in range(1, len(sheet.header) + 1):
        width = sheet.widths[column - 1] if column <= len(sheet.widths) else 12
        page.column_dimensions[get_column_letter(column)].width = width
    page.freeze_panes = "A2"
    page.auto_filter.ref = page.dimensions


def _put(cell: object, value: Cell, wrap: bool) -> None:
    from openpyxl.cell.cell import Cell as XlCell
    from openpyxl.styles import Alignment

    assert isinstance(cell, XlCell)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif value:
        text = value if len(value) <= CELL_LIMIT else value[: CELL_LIMIT - 1] + "…"
        cell.value = text
        cell.data_type = "s"  # text, even "=1+1" or "6.10": never a formula or a number
        cell.number_format = "@"
        cell.quotePrefix = True  # and text still when someone edits the cell
    cell.alignment = Alignment(vertical="top", wrap_text=wrap)


def _fixed(package: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite the package with fixed entry times and modified date, so it is reproducible."""
    modified = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(output, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + modified + rb"\g<2>", data)
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return output.getvalue()
