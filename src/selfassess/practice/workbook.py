"""Read the cells of one sheet of an .xlsx workbook, read-only and without formulas."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from selfassess.practice.reading import MAX_LOG_ROWS, Cell, Table, open_zip
from selfassess.problems import InputError, error

#: The widest header row read; a real export has fewer than 100 columns.
_MAX_COLUMNS = 256


def read_workbook(raw: bytes, display: str, sheet: str | None) -> Table:
    """Read the first sheet (or the named one) of a workbook's bytes into a Table."""
    open_zip(raw, display)
    import openpyxl

    try:
        book = openpyxl.load_workbook(
            io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
        )
    except Exception:  # openpyxl raises many kinds for a damaged package
        raise InputError(
            [
                error(
                    display,
                    1,
                    1,
                    "E502",
                    "cannot read the workbook; open it in Excel and save it again",
                )
            ]
        ) from None
    try:
        return _table(book, display, sheet)
    except InputError:
        raise
    except Exception:  # a damaged sheet's XML fails only as it is read
        raise InputError(
            [
                error(
                    display,
                    1,
                    1,
                    "E502",
                    "cannot read the workbook's sheet; save it again from Excel",
                )
            ]
        ) from None
    finally:
        book.close()


def _table(book: Any, display: str, sheet: str | None) -> Table:
    if sheet is not None and sheet not in book.sheetnames:
        names = ", ".join(repr(name) for name in book.sheetnames)
        raise InputError(
            [error(display, 1, 1, "E516", f"the workbook has no sheet {sheet!r} (it has {names})")]
        )
    worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    # A sheet's stated size can be a lie (A1:XFD1048576): read no wider than the header.
    header = next(worksheet.iter_rows(max_row=1, max_col=_MAX_COLUMNS), None)
    if header is None:
        raise InputError(
            [
                error(
                    display, 1, 1, "E502", "the sheet is empty; the first row must name the columns"
                )
            ]
        )
    headers = [_text(cell.value) for cell in header]
    while headers and not headers[-1]:
        headers.pop()
    found: list[tuple[int, list[Cell]]] = []
    rows = worksheet.iter_rows(min_row=2, max_col=max(len(headers), 1))
    for number, row in enumerate(rows, start=2):
        if number > MAX_LOG_ROWS + 1:
            raise InputError(
                [
                    error(
                        display, number, 1, "E503", f"the sheet has more than {MAX_LOG_ROWS:,} rows"
                    )
                ]
            )
        cells = [_cell(cell, display, number, col) for col, cell in enumerate(row, start=1)]
        if any(value not in (None, "") for value in cells):
            found.append((number, cells))
    return Table(display, headers, found)


def _cell(cell: Any, display: str, row: int, col: int) -> Cell:
    if getattr(cell, "data_type", None) == "f":
        raise InputError(
            [
                error(
                    display,
                    row,
                    col,
                    "E514",
                    "a formula; selfassess reads values only: copy the column and paste it as values",
                )
            ]
        )
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date | int | float | str) or value is None:
        return value
    return str(value)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
