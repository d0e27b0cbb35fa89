"""Turn a log's rows into complaints, leaving out (and reporting) every row that is wrong."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from selfassess.practice.logdates import DateProblem, in_range, parse_date
from selfassess.practice.table import Cell, Table
from selfassess.problems import Problem, error
from selfassess.render.wordxml import xml_safe

OUTCOMES = ("upheld", "partly upheld", "not upheld", "withdrawn", "refused")
_DATES = ("received", "acknowledged", "extended_to", "responded", "escalated")
_STAGE_2 = ("s2_acknowledged", "s2_extended_to", "s2_responded")
#: The most problems listed for one log; the rest are counted in one line.
MAX_LISTED = int(os.environ.get("SELFASSESS_MAX_PROBLEMS", 100))
# At most 999,999,999.99 (with or without thousands commas), in ASCII digits only.
_MONEY = re.compile(r"^£?\s*(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(\.\d{1,2})?$", re.ASCII)


# Not frozen: a frozen dataclass's __init__ costs several times more, for 100,000 rows.
@dataclass(slots=True)
class Stage:
    """One stage of one complaint, as the log records it."""

    start: dt.date
    acknowledged: dt.date | None
    extended_to: dt.date | None
    extension_reason: str
    responded: dt.date | None
    outcome: str
    handler: str


@dataclass(slots=True)
class Complaint:
    """One row of the log that passed every check."""

    row: int
    reference: str
    stage1: Stage
    stage2: Stage | None
    refusal_reason: str = ""
    category: str = ""
    tenure: str = ""
    compensation: Decimal | None = None


@dataclass
class ReadLog:
    """The complaints that can be counted, the problems found, and how many rows were left out.

    At most MAX_LISTED problems are kept; the rest are only counted, and one last problem
    says how many, so a log of a million bad rows costs no more memory than one of a hundred.
    """

    display: str
    complaints: list[Complaint] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    left_out: int = 0
    has_handlers: bool = False
    unlisted: int = 0
    first_unlisted: tuple[int, int] = (1, 1)

    def keep(self, found: list[Problem]) -> None:
        """Keep a row's problems while fewer than MAX_LISTED are kept; count the rest."""
        room = max(MAX_LISTED - len(self.problems), 0)
        self.problems.extend(found[:room])
        if len(found) > room:
            if not self.unlisted:
                self.first_unlisted = (found[room].line, found[room].col)
            self.unlisted += len(found) - room

    def close(self) -> None:
        """Add the one problem that counts those not listed, if any were not."""
        if self.unlisted:
            self.problems.append(
                error(
                    self.display,
                    *self.first_unlisted,
                    "E517",
                    f"{self.unlisted:,} more problems in the log are not listed (the first "
                    f"{MAX_LISTED:,} are); fix those and run again, or set "
                    "SELFASSESS_MAX_PROBLEMS to list more",
                )
            )


class _Row:
    """One row's cells by our column names, collecting the problems found in it."""

    def __init__(self, table: Table, columns: dict[str, int], number: int, cells: Sequence[Cell]):
        self.display, self.columns, self.number, self.cells = table.display, columns, number, cells
        self.problems: list[Problem] = []

    def raw(self, name: str) -> Cell:
        try:
            return self.cells[self.columns[name]]
        except (KeyError, IndexError):
            return None

    def text(self, name: str) -> str:
        try:
            value = self.cells[self.columns[name]]
        except (KeyError, IndexError):
            return ""
        text = (
            value
            if type(value) is str
            else ""
            if value is None or isinstance(value, dt.date)
            else str(value)
        ).strip()
        # A control character (ESC, DEL) reaches no output: removed where the cell is read.
        return text if text.isprintable() else xml_safe(text).strip()

    def fail(self, name: str, code: str, message: str) -> None:
        col = self.columns.get(name, 0) + 1
        self.problems.append(error(self.display, self.number, col, code, message))

    def date(self, name: str) -> dt.date | None:
        value = self.raw(name)
        try:
            if type(value) is str:  # the common case, so tested first
                return parse_date(value) if value.strip() else None
            if value is None:
                return None
            if isinstance(value, dt.date):
                return in_range(value)
            raise DateProblem(
                "E506", f"{value!r} is a number, not a date; format the column as dates"
            )
        except DateProblem as exc:
            self.fail(name, exc.code, f"{name}: {exc}")
            return None

    def outcome(self, name: str) -> str:
        value = " ".join(self.text(name).lower().split())
        if value and value not in OUTCOMES:
            close = difflib.get_close_matches(value, OUTCOMES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            allowed = ", ".join(OUTCOMES)
            self.fail(name, "E511", f"{name} {value[:40]!r} is not one of {allowed}{hint}")
        return value

    def money(self) -> Decimal | None:
        value = self.raw("compensation")
        if isinstance(value, int | float) and not isinstance(value, bool):
            if 0 <= value < 1e9:
                return Decimal(str(round(value, 2)))
        else:
            text = self.text("compensation")
            match = _MONEY.match(text)
            if match:
                return Decimal(match.group(1).replace(",", "") + (match.group(2) or ""))
            if not text:
                return None
        shown = str(value)[:40]
        self.fail("compensation", "E512", f"compensation {shown!r} is not an amount in pounds")
        return None


def read_complaints(table: Table, columns: dict[str, int]) -> ReadLog:
    """Read every row; a row with any problem is reported and left out of the figures."""
    log = ReadLog(table.display, has_handlers="handler" in columns and "s2_handler" in columns)
    log.problems.extend(table.notes)
    first_row: dict[str, int] = {}
    for number, cells in table.rows:
        log.rows_read += 1
        row = _Row(table, columns, number, cells)
        complaint = _complaint(row)
        if complaint is not None and complaint.reference in first_row:
            message = f"reference {complaint.reference[:40]!r} is already used on row {first_row[complaint.reference]}"
            row.fail("reference", "E508", message)
        if row.problems or complaint is None:
            log.keep(row.problems)
            log.left_out += 1
            continue
        first_row[complaint.reference] = number
        log.complaints.append(complaint)
    log.close()
    return log


def _complaint(row: _Row) -> Complaint | None:
    reference = row.text("reference")
    if not reference:
        row.fail(
            "reference", "E513", "reference is blank; every complaint needs its case reference"
        )
    dates = {name: row.date(name) for name in (*_DATES, *_STAGE_2)}
    received = dates["received"]
    if received is None and not row.problems:
        row.fail("received", "E513", "received is blank; give the date the complaint was received")
    stage1, stage2 = row.outcome("outcome"), row.outcome("s2_outcome")
    compensation = row.money()
    if received is None or row.problems:
        return None
    _date_order(row, dates, received)
    return Complaint(
        row=row.number,
        reference=reference,
        stage1=Stage(
            received,
            dates["acknowledged"],
            dates["extended_to"],
            row.text("extension_reason"),
            dates["responded"],
            stage1,
            row.text("handler"),
        ),
        stage2=_stage_two(row, dates, stage2),
        refusal_reason=row.text("refusal_reason"),
        category=row.text("category"),
        tenure=row.text("tenure"),
        compensation=compensation,
    )


def _stage_two(row: _Row, dates: dict[str, dt.date | None], outcome: str) -> Stage | None:
    escalated = dates["escalated"]
    if escalated is None:
        return None
    return Stage(
        escalated,
        dates["s2_acknowledged"],
        dates["s2_extended_to"],
        row.text("s2_extension_reason"),
        dates["s2_responded"],
        outcome,
        row.text("s2_handler"),
    )


def _first_stage_two_filled(row: _Row, dates: dict[str, dt.date | None]) -> str | None:
    """Return the first stage 2 column filled in on a row, if any."""
    for name in _STAGE_2:
        if dates[name] is not None:
            return name
    for name in ("s2_outcome", "s2_handler", "s2_extension_reason"):
        if row.text(name):
            return name
    return None


def _date_order(row: _Row, dates: dict[str, dt.date | None], received: dt.date) -> None:
    for name in ("acknowledged", "extended_to", "responded", "escalated"):
        day = dates[name]
        if day is not None and day < received:
            row.fail(
                name, "E509", f"{name} {day.isoformat()} is before received {received.isoformat()}"
            )
    escalated = dates["escalated"]
    stage_two = None if escalated is not None else _first_stage_two_filled(row, dates)
    if stage_two is not None:
        row.fail(
            stage_two,
            "E510",
            f"{stage_two} is filled in but escalated is blank; give the date the resident asked for stage 2",
        )
        return
    for name in _STAGE_2:
        day = dates[name]
        if escalated is not None and day is not None and day < escalated:
            row.fail(
                name,
                "E509",
                f"{name} {day.isoformat()} is before escalated {escalated.isoformat()}",
            )
