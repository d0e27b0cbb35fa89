"""Read every row of one file of a log, and what can only be judged over the whole file.

A column is read day first or month first as a whole; a column none of whose cells is a
date is said once, not once a row; rows at the end that hold no complaint (a totals row,
a blank reference) are left out with one note; a CSV row shorter than the header is cut
short and is left out.
"""

from __future__ import annotations

import datetime as dt
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from sys import intern

from selfassess.dates import long_date
from selfassess.practice.columns import Columns
from selfassess.practice.complaints import Complaint, Context, Row, read_row
from selfassess.practice.listed import MAX_LISTED, Listed
from selfassess.practice.logdates import parse_date
from selfassess.practice.table import Cell, Table
from selfassess.practice.vocab import counted
from selfassess.problems import Problem, error, note
from selfassess.wording import fold, plural

#: A column holding no date at all, in this many cells or more, is said once, not per cell.
_WHOLE_COLUMN = 3
_TOTALS = re.compile(r"^(grand\s+|sub\s*)?totals?\b|^(count|sum)\b", re.IGNORECASE)
#: What a date column should hold, for a column that holds no dates.
MEANING = {
    "received": "the date the complaint was received",
    "acknowledged": "the date the stage 1 acknowledgement was sent",
    "extended_to": "the new stage 1 response date given to the resident",
    "responded": "the date of the full stage 1 response",
    "escalated": "the date the resident asked for stage 2",
    "s2_acknowledged": "the date the stage 2 acknowledgement was sent",
    "s2_extended_to": "the new stage 2 response date given to the resident",
    "s2_responded": "the date of the full stage 2 response",
}


@dataclass(slots=True)
class Record:
    """A row that passed every check: the complaint (or the stage) it records."""

    display: str
    row: int
    complaint: Complaint


@dataclass
class FileRead:
    """One file's rows as complaints (None for a row left out), with what was found in them.

    A row's stage and whether `where:` keeps it are kept beside it, not in an object per
    row: what is kept of a large log is its complaints.
    """

    display: str
    complaints: list[Complaint | None] = field(default_factory=list)
    #: Each row's stage: 1 or 2, or 0 where the file has no stages.
    stages: bytearray = field(default_factory=bytearray)
    #: The rows (by index) that `where:` does not keep.
    unkept: set[int] = field(default_factory=set)
    problems: Listed = field(default_factory=Listed)
    rows_read: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    not_complaints: int = 0
    #: Rows whose own reference could be read but that were left out, by reference.
    bad_references: dict[str, int] = field(default_factory=dict)


@dataclass
class _Unclear:
    """Dates that read as two different days, in the order found: slot, row, column, text.

    Kept as arrays rather than a tuple each: a log whose dates are written 03/05/2024
    holds one in most rows, and a few hundred distinct texts.
    """

    slots: array[int] = field(default_factory=lambda: array("q"))
    rows: array[int] = field(default_factory=lambda: array("q"))
    names: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)

    def add(self, slot: int | None, row: int, name: str, text: str) -> None:
        self.slots.append(-1 if slot is None else slot)
        self.rows.append(row)
        self.names.append(name)
        self.texts.append(intern(text))

    def __iter__(self) -> Iterator[tuple[int | None, int, str, str]]:
        for slot, row, name, text in zip(
            self.slots, self.rows, self.names, self.texts, strict=True
        ):
            yield (None if slot < 0 else slot), row, name, text


@dataclass
class _Columnwide:
    """What is judged over a whole column once every row is read."""

    month_first: dict[str, tuple[int, str]] = field(default_factory=dict)
    ambiguous: _Unclear = field(default_factory=_Unclear)
    not_dates: dict[str, list[tuple[int | None, Problem | None, str, tuple[int, int]]]] = field(
        default_factory=dict
    )


class Keep:
    """The `where:` filter on one file: which cell decides, and the values kept."""

    def __init__(self, where: dict[str, tuple[int, set[str], str]]) -> None:
        self.where = where
        self.seen: dict[str, Counter[str]] = {name: Counter() for name in where}

    def keeps(self, cells: Sequence[Cell], row: Row) -> bool:
        kept = True
        for name, (index, wanted, ours) in self.where.items():
            value = cells[index] if index < len(cells) else None
            text = "" if value is None else str(value).strip()
            if ours:
                text = row.ctx.words.free(ours, text)
            self.seen[name][text] += 1
            kept = kept and fold(text) in wanted
        return kept


def read_file(table: Table, columns: Columns, ctx: Context, keep: Keep | None) -> FileRead:
    """Read every row of one file into records, leaving out (and saying why) every bad one."""
    found = FileRead(table.display)
    wide = _Columnwide()
    pending: list[tuple[int, Sequence[Cell]]] = []
    for number, cells in table.rows:
        if _no_complaint(cells, columns.index):
            pending.append((number, cells))
            continue
        for held in pending:
            _read(table, columns, ctx, keep, held, found, wide)
        pending.clear()
        _read(table, columns, ctx, keep, (number, cells), found, wide)
    _column_wide(table, columns, wide, found, ctx.dated)
    if pending:
        found.not_complaints = len(pending)
        found.problems.append(_trailing_note(table, pending, columns.index))
    return found


def _no_complaint(cells: Sequence[Cell], index: dict[str, int]) -> bool:
    """Tell whether a row looks like a totals row or one with a blank reference."""
    at = index["reference"]
    value = cells[at] if at < len(cells) else None
    text = "" if value is None else str(value).strip()
    return not text or bool(_TOTALS.match(text))


def _read(
    table: Table,
    columns: Columns,
    ctx: Context,
    keep: Keep | None,
    held: tuple[int, Sequence[Cell]],
    found: FileRead,
    wide: _Columnwide,
) -> None:
    number, cells = held
    found.rows_read += 1
    row = Row(table.display, columns.index, number, cells, ctx)
    if table.whole_rows and len(cells) < len(table.headers):
        row.fail(
            "reference",
            "E518",
            f"the row has {plural(len(cells), 'cell')} but the header has {len(table.headers)}: "
            "it looks cut short; export the log again or complete the row",
        )
    stage = row.stage()
    complaint = read_row(row)
    index = len(found.complaints)
    if complaint is None or row.problems:
        found.complaints.append(None)
        found.stages.append(0)
        code = row.problems[0].code if row.problems else row.unknown_word
        if row.not_dates and not row.problems:
            code = "E506"
        found.left_out[code] += 1
        found.problems.extend(row.problems)
        reference = row.text("reference")
        if reference:
            found.bad_references.setdefault(reference, number)
        slot: int | None = None
    else:
        if keep is not None and not keep.keeps(cells, row):
            found.unkept.add(index)
        found.complaints.append(complaint)
        found.stages.append(stage or 0)
        slot = index
    for name, problem in row.not_dates:
        column = wide.not_dates.setdefault(name, [])
        # Past the limit a cell's problem is only counted: memory flat in the bad rows.
        listed = problem if len(column) < MAX_LISTED else None
        column.append((slot, listed, _cell_text(row, name), (problem.line, problem.col)))
    for name, text in row.ambiguous:
        wide.ambiguous.add(slot, number, name, text)
    for name, text in row.month_first:
        wide.month_first.setdefault(name, (number, text))


def _cell_text(row: Row, name: str) -> str:
    value = row.cells[row.columns[name]]
    return str(value).strip()[:30]


def _column_wide(
    table: Table, columns: Columns, wide: _Columnwide, found: FileRead, dated: set[str]
) -> None:
    for slot, number, name, text in wide.ambiguous:
        if name not in wide.month_first:
            continue
        col = columns.index[name] + 1
        first_row, first_text = wide.month_first[name]
        day = parse_date(text)
        message = (
            f"{name}: '{text}' could be {long_date(day)} or {long_date(_swapped(day))}, and this column "
            f"also holds dates that can only be month first (row {first_row}: '{first_text}'); "
            "export the column with dates as 2024-05-13, or day first throughout"
        )
        found.problems.append(error(table.display, number, col, "E507", message))
        _drop(found, slot, "E507")
    for name, cells in wide.not_dates.items():
        if name in dated or len(cells) < _WHOLE_COLUMN:
            found.problems.extend(problem for _, problem, _, _ in cells if problem is not None)
            unmade = [at for _, problem, _, at in cells if problem is None]
            found.problems.skip(table.display, len(unmade), unmade[0] if unmade else (1, 1))
        else:
            texts = [text for _, _, text, _ in cells]
            found.problems.append(_no_dates(table, columns, name, texts))
        for slot, _, _, _ in cells:
            _drop(found, slot, "E506")


def _drop(found: FileRead, slot: int | None, code: str) -> None:
    complaint = found.complaints[slot] if slot is not None else None
    if complaint is not None:
        found.complaints[slot] = None  # type: ignore[index]
        found.left_out[code] += 1
        found.bad_references.setdefault(complaint.reference, complaint.row)


def _swapped(day: dt.date) -> dt.date:
    return dt.date(day.year, day.day, day.month)


def _no_dates(table: Table, columns: Columns, name: str, cells: list[str]) -> Problem:
    header = table.headers[columns.index[name]]
    if name in columns.by_name:
        how = f"column '{header}' was taken as {name} because of its name"
    else:
        how = f"columns: maps {name} to '{header}'"
    message = (
        f"{how}, but none of its {len(cells):,} filled cells is a date (it holds "
        f"{counted(Counter(cells), 5)}); {name} is {MEANING[name]}: name the export's column "
        f"for it under practice: columns: {{{name}: ...}}"
    )
    return error(table.display, table.header_row, columns.index[name] + 1, "E506", message)


def _trailing_note(
    table: Table, pending: list[tuple[int, Sequence[Cell]]], index: dict[str, int]
) -> Problem:
    first, last = pending[0][0], pending[-1][0]
    rows = f"row {first}" if first == last else f"rows {first} to {last}"
    at = index["reference"]
    words = sorted({str(c[at]).strip() for _, c in pending if at < len(c) and c[at]})
    what = f"a totals row: {', '.join(repr(w[:30]) for w in words)}" if words else ""
    what = what or "a blank reference"
    verb = "holds no complaint" if first == last else "hold no complaint"
    left = "is left out" if first == last else "are left out"
    return note(
        table.display,
        first,
        at + 1,
        "I551",
        f"{rows} at the end of the log {verb} ({what}) and {left}",
    )
