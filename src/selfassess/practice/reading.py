"""Read a complaints log's cells from CSV (any delimiter Excel writes) or .xlsx.

Nothing here interprets a cell: it only finds the header row and hands back each
row with the number a spreadsheet shows for it. Workbooks are opened read-only,
formulas are never evaluated (the value Excel stored with one is read) and external
links never followed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.problems import InputError, Problem, error

#: Refuse logs larger than this (100,000 complaints take about 20 MB as CSV).
MAX_LOG_BYTES = int(os.environ.get("SELFASSESS_MAX_LOG_BYTES", 64 * 1024 * 1024))
#: Refuse logs with more rows than this.
MAX_LOG_ROWS = int(os.environ.get("SELFASSESS_MAX_LOG_ROWS", 500_000))
#: Refuse workbooks that unpack to more than this.
MAX_XLSX_UNPACKED = int(os.environ.get("SELFASSESS_MAX_XLSX_BYTES", 256 * 1024 * 1024))
#: Refuse workbooks whose shared strings unpack to more than this: every one is held in
#: memory before the first row is read (a 100,000-row export needs a few MB).
MAX_XLSX_STRINGS = int(os.environ.get("SELFASSESS_MAX_XLSX_STRINGS_BYTES", 32 * 1024 * 1024))
#: The widest cell read (csv's own default limit is 128 KB).
MAX_CELL = 32_768


class Unstored:
    """A workbook formula cell saved with no value (never calculated): nothing to read."""

    __slots__ = ()


UNSTORED = Unstored()
Cell = str | dt.date | float | int | Unstored | None
Rows = Iterable[tuple[int, Sequence[Cell]]]


@dataclass
class Table:
    """A log's header and rows, each row with the number the spreadsheet shows.

    A CSV's rows are read as they are used, once, so a large log is never held twice.
    """

    display: str
    headers: list[str]
    rows: Rows
    header_row: int = 1
    sheet: str | None = None
    #: Columns (0-based) where a formula's stored value was read; filled as rows are read.
    formula_columns: set[int] = field(default_factory=set)
    #: CSV rows carry every cell; a shorter row was cut short (a workbook's are padded).
    whole_rows: bool = False


def read_table(
    path: Path,
    display: str,
    sheet: str | None = None,
    header_row: int | None = None,
    names: frozenset[str] = frozenset(),
) -> Table:
    """Read a .csv or .xlsx log into a Table; raise InputError if it cannot be read.

    The header is `header_row`, or the row of the first 20 that holds most of `names`
    (normalised column names).
    """
    from selfassess.practice.header import find_header

    raw = _read_bytes(path, display)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from selfassess.practice.workbook import read_workbook

        table = read_workbook(raw, display, sheet)
    else:
        table = Table(display, [], csv_rows(raw, display), whole_rows=True)
    return find_header(table, header_row, names)


def _read_bytes(path: Path, display: str) -> bytes:
    """Read the log from a regular file (E125 otherwise), at most MAX_LOG_BYTES of it."""
    from selfassess.files import read_regular_file

    try:
        return read_regular_file(path, MAX_LOG_BYTES, display, lambda size: _too_big(display, size))
    except InputError as exc:
        # A file the system would not let us read is the log's own E501, not the general E100.
        problems = [
            error(
                display,
                1,
                1,
                "E501",
                f"cannot read the complaints log: {p.message.split(': ', 1)[-1]}",
            )
            if p.code == "E100"
            else p
            for p in exc.problems
        ]
        raise InputError(problems) from None


def _too_big(display: str, size: int) -> Problem:
    amount = f"{size:,} bytes, over" if size > MAX_LOG_BYTES + 1 else "more than"
    return error(
        display,
        1,
        1,
        "E503",
        f"the log is {amount} the limit of {MAX_LOG_BYTES:,} "
        "(set SELFASSESS_MAX_LOG_BYTES to raise it)",
    )


def csv_rows(raw: bytes, display: str) -> Iterator[tuple[int, list[str]]]:
    """Yield the rows of CSV bytes written by Excel or a case management system that hold a value."""
    text = decode(raw, display)
    delimiter = _delimiter(text.split("\n", 20)[:20])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return ((n, cells) for n, cells in _records(reader, display) if any(cells))


def _records(reader: Iterator[list[str]], display: str) -> Iterator[tuple[int, list[str]]]:
    row = 0
    while True:
        row += 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise fail(display, "E502", f"not readable as CSV: {exc}", row) from None
        if row > MAX_LOG_ROWS + 1:
            raise fail(display, "E503", too_many_rows(), row)
        if cells and max(map(len, cells)) > MAX_CELL:
            raise fail(display, "E503", f"a cell is over {MAX_CELL:,} characters", row)
        yield row, cells


def too_many_rows() -> str:
    """Say the log has more rows than the limit, and how to raise it."""
    return f"the log has more than {MAX_LOG_ROWS:,} rows (set SELFASSESS_MAX_LOG_ROWS to raise it)"


def decode(raw: bytes, display: str) -> str:
    """Decode UTF-8 (with or without a byte order mark) or Windows-1252, as Excel saves."""
    if b"\x00" in raw:
        raise fail(display, "E502", "the log is not text (it holds NUL bytes); export it as CSV")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        raise fail(
            display, "E502", "the log is neither UTF-8 nor Windows-1252 text; export it as CSV"
        ) from None


def _delimiter(lines: list[str]) -> str:
    """Pick the delimiter the first lines use most: comma, semicolon, tab or bar.

    A title line above the header may hold none, so the busiest line decides.
    """
    counts = {mark: max(line.count(mark) for line in lines) for mark in (",", ";", "\t", "|")}
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def fail(display: str, code: str, message: str, row: int = 1, col: int = 1) -> InputError:
    """Return the error that stops a log being read, at its row and column."""
    return InputError([error(display, row, col, code, message)])
