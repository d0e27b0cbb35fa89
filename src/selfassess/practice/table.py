"""A complaints log as read: its header and rows of cells, and the limits on reading one."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
    #: What reading the file found worth saying (a CSV read as Windows-1252).
    notes: list[Problem] = field(default_factory=list)


def too_many_rows() -> str:
    """Say the log has more rows than the limit, and how to raise it."""
    return f"the log has more than {MAX_LOG_ROWS:,} rows (set SELFASSESS_MAX_LOG_ROWS to raise it)"


def fail(display: str, code: str, message: str, row: int = 1, col: int = 1) -> InputError:
    """Return the error that stops a log being read, at its row and column."""
    return InputError([error(display, row, col, code, message)])
