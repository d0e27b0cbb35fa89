"""Read the cells of one sheet of an .xlsx workbook, read-only; formulas by their stored value.

Before openpyxl sees the workbook, every part is unpacked once and its real bytes
counted (the sizes a zip declares can lie), and the shared strings, which openpyxl
holds in memory whole, are held to their own limit.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from selfassess.practice import table as limits
from selfassess.practice.table import UNSTORED, Cell, Table, fail, too_many_rows
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
            io.BytesIO(raw), read_only=True, data_only=True, keep_links=False
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
                        if total > limits.MAX_XLSX_UNPACKED:
                            raise fail(
                                display,
                                "E503",
                                f"the workbook unpacks to more than the limit of "
                                f"{limits.MAX_XLSX_UNPACKED:,} bytes "
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
    if size > limits.MAX_XLSX_STRINGS:
        raise fail(
            display,
            "E503",
            f"the workbook's shared strings unpack to {size:,} bytes, over the limit of "
            f"{limits.MAX_XLSX_STRINGS:,} (set SELFASSESS_MAX_XLSX_STRINGS_BYTES to raise it)",
        )


def _not_workbook(display: str) -> InputError:
    return fail(display, "E502", "not an Excel workbook (.xlsx); save it again from Excel")


def _table(book: Any, display: str, sheet: str | None) -> Table:
    if sheet is not None and sheet not in book.sheetnames:
        names = ", ".join(repr(name) for name in book.sheetnames)
        raise fail(display, "E516", f"the workbook has no sheet {sheet!r} (it has {names})")
    worksheet = book[sheet] if sheet is not None else book.worksheets[0]
    table = Table(display, [], [], sheet=worksheet.title)
    table.rows = list(_rows(book, worksheet, table))
    return table


def _rows(book: Any, worksheet: Any, table: Table) -> Iterator[tuple[int, list[Cell]]]:
    """Yield each row that holds a value, reading the sheet's XML once.

    The workbook is opened for stored values (data_only), and each cell is asked whether
    it holds a formula, so a formula is read by the value Excel stored with it and one
    stored with no value is marked UNSTORED, in one pass over the sheet.
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if element.find(FORMULA_TAG) is not None:
                cell["data_type"] = "f"
            return cell

    with worksheet._get_source() as source:
        parser = Parser(
            source,
            worksheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, found in parser.parse():
            if number > limits.MAX_LOG_ROWS + 1:
                raise fail(table.display, "E503", too_many_rows(), number)
            cells = _cells(found, table, number)
            if any(value is not None and value != "" for value in cells):
                yield number, cells


def _cells(found: list[dict[str, Any]], table: Table, number: int) -> list[Cell]:
    # A sheet's stated size can be a lie (A1:XFD1048576): no cell past the widest is read.
    width = min(max((cell["column"] for cell in found), default=0), _MAX_COLUMNS)
    cells: list[Cell] = [None] * width
    for cell in found:
        col = cell["column"]
        if col > width:
            continue
        value = _cell(cell["value"], table.display, number, col)
        if cell["data_type"] == "f":
            if value is None:
                value = UNSTORED
            else:
                table.formula_columns.add(col - 1)
        cells[col - 1] = value
    return cells


def _cell(value: Any, display: str, row: int, col: int) -> Cell:
    if isinstance(value, str) and len(value) > limits.MAX_CELL:
        raise fail(display, "E503", f"a cell is over {limits.MAX_CELL:,} characters", row, col)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date | int | float | str) or value is None:
        return value
    return str(value)
