"""Read the cells of one sheet of an .xlsx workbook, read-only and without formulas.

Before openpyxl sees the workbook, every part is unpacked once and its real bytes
counted (the sizes a zip declares can lie), and the shared strings, which openpyxl
holds in memory whole, are held to their own limit.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from typing import Any

from selfassess.practice import table
from selfassess.practice.table import Cell, Table, fail
from selfassess.practice.xlsxbounds import check_workbook
from selfassess.problems import InputError

#: The widest header row read; a real export has fewer than 100 columns.
_MAX_COLUMNS = 256


def read_workbook(raw: bytes, display: str, sheet: str | None) -> Table:
    """Read the first sheet (or the named one) of a workbook's bytes into a Table."""
    sizes = unpacked_sizes(raw, display)
    check_workbook(raw, display)  # what openpyxl would build, bounded before it opens the file
    import openpyxl

    try:
        _check_strings(raw, sizes, display)
        book = openpyxl.load_workbook(
            io.BytesIO(raw), read_only=True, data_only=False, keep_links=False
        )
    except (InputError, MemoryError):
        raise
    except Exception:  # openpyxl raises many kinds for a damaged package
        raise fail(
            display, "E502", "cannot read the workbook; open it in Excel and save it again"
        ) from None
    try:
        return _table(book, display, sheet)
    except (InputError, MemoryError):
        raise
    except Exception:  # a damaged sheet's XML fails only as it is read
        raise fail(
            display, "E502", "cannot read the workbook's sheet; save it again from Excel"
        ) from None
    finally:
        book.close()


def unpacked_sizes(raw: bytes, display: str) -> dict[str, int]:
    """Return each part's real unpacked size; refuse what is not a zip, or unpacks too far."""
    sizes: dict[str, int] = {}
    total = 0
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            for info in archive.infolist():
                with archive.open(info) as part:
                    while chunk := part.read(1024 * 1024):
                        sizes[info.filename] = sizes.get(info.filename, 0) + len(chunk)
                        total += len(chunk)
                        if total > table.MAX_XLSX_UNPACKED:
                            raise fail(
                                display,
                                "E503",
                                f"the workbook unpacks to more than the limit of "
                                f"{table.MAX_XLSX_UNPACKED:,} bytes "
                                "(set SELFASSESS_MAX_XLSX_BYTES to raise it)",
                            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _not_workbook(display) from None
    except (RuntimeError, ValueError, zlib.error):  # encrypted, or a damaged stream
        raise _not_workbook(display) from None
    return sizes


def _check_strings(raw: bytes, sizes: dict[str, int], display: str) -> None:
    """Refuse shared strings past their limit, found the way openpyxl finds them."""
    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        manifest = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES)))
    part = manifest.find(SHARED_STRINGS)
    size = sizes.get(part.PartName[1:], 0) if part is not None else 0
    if size > table.MAX_XLSX_STRINGS:
        raise fail(
            display,
            "E503",
            f"the workbook's shared strings unpack to {size:,} bytes, over the limit of "
            f"{table.MAX_XLSX_STRINGS:,} (set SELFASSESS_MAX_XLSX_STRINGS_BYTES to raise it)",
        )


def _not_workbook(display: str) -> InputError:
    return fail(display, "E502", "not an Excel workbook (.xlsx); save it again from Excel")


def _table(book: Any, display: str, sheet: str | None) -> Table:
    if sheet is not None and sheet not in book.sheetnames:
        names = ", ".join(repr(name) for name in book.sheetnames)
        raise fail(display, "E516", f"the workbook has no sheet {sheet!r} (it has {names})")
    worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    worksheet.reset_dimensions()  # a stale <dimension> would stop the rows short
    # A sheet's stated size can be a lie (A1:XFD1048576): read no wider than the header.
    header = next(worksheet.iter_rows(max_row=1, max_col=_MAX_COLUMNS), None)
    if header is None:
        raise fail(display, "E502", "the sheet is empty; the first row must name the columns")
    headers = [_text(cell.value) for cell in header]
    while headers and not headers[-1]:
        headers.pop()
    found: list[tuple[int, list[Cell]]] = []
    rows = worksheet.iter_rows(min_row=2, max_col=max(len(headers), 1))
    for number, row in enumerate(rows, start=2):
        if number > table.MAX_LOG_ROWS + 1:
            raise fail(display, "E503", table.too_many_rows(), number)
        cells = [_cell(cell, display, number, col) for col, cell in enumerate(row, start=1)]
        if any(value not in (None, "") for value in cells):
            found.append((number, cells))
    return Table(display, headers, found)


def _cell(cell: Any, display: str, row: int, col: int) -> Cell:
    if getattr(cell, "data_type", None) == "f":
        raise fail(
            display,
            "E514",
            "a formula; selfassess reads values only: copy the column and paste it as values",
            row,
            col,
        )
    value = cell.value
    if isinstance(value, str) and len(value) > table.MAX_CELL:
        raise fail(display, "E503", f"a cell is over {table.MAX_CELL:,} characters", row, col)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date | int | float | str) or value is None:
        return value
    return str(value)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
