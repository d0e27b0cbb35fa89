"""Turn one row of a log into a complaint (or one stage of it), finding what is wrong in it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from sys import intern

from selfassess.practice.logdates import DateProblem, in_range, read_date
from selfassess.practice.table import UNSTORED, Cell
from selfassess.practice.vocab import Vocabulary
from selfassess.problems import Problem, error
from selfassess.render.wordxml import xml_safe

_DATES = ("received", "acknowledged", "extended_to", "responded", "escalated")
_STAGE_2 = ("s2_acknowledged", "s2_extended_to", "s2_responded")
_ALL_DATES = (*_DATES, *_STAGE_2)
#: Dates promised to the resident, which may lie ahead of today.
_PROMISED = ("extended_to", "s2_extended_to")
# At most 999,999,999.99 (with or without thousands commas), in ASCII digits only.
_MONEY = re.compile(r"^£?\s*(\d{1,9}|\d{1,3}(?:,\d{3}){1,2})(\.\d{1,2})?$", re.ASCII)
_UNSTORED = (
    "a formula saved with no value; open the workbook in Excel so it calculates and save it "
    "again, or paste the column as values"
)


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
    """One complaint whose rows passed every check."""

    row: int
    reference: str
    stage1: Stage
    stage2: Stage | None
    refusal_reason: str = ""
    category: str = ""
    tenure: str = ""
    compensation: Decimal | None = None
    escalation_reason: str = ""
    #: The complaint's group in each of `breakdowns:`, in their order ("" when blank).
    groups: tuple[str, ...] = ()


@dataclass
class Context:
    """What every row of a file is read against."""

    words: Vocabulary
    #: The last day a date can be: today, or the as-of date when that is later.
    latest: dt.date
    #: The stage every row of the file is (`{path, stage: 2}`), else None.
    stage: int | None = None
    #: The date columns in which some cell was read as a date.
    dated: set[str] = field(default_factory=set)
    #: Our word for each cell text of a fixed vocabulary seen so far, by (column, text).
    known: dict[tuple[str, str], str] = field(default_factory=dict)
    #: Each of `breakdowns:` as (its cell's index in the row, or None if the file lacks it;
    #: the name its `values:` are under).
    groups: tuple[tuple[int | None, str], ...] = ()


def _text(value: Cell) -> str:
    """Return a cell as text: a whole number without ".0", control characters removed."""
    if type(value) is str:
        text = value.strip()
    elif isinstance(value, float) and value.is_integer():
        return str(int(value))
    else:
        text = "" if value is None or isinstance(value, dt.date) else str(value).strip()
    # A control character (ESC, DEL) reaches no output: removed where the cell is read.
    return text if text.isprintable() else xml_safe(text).strip()


class Row:
    """One row's cells by our column names, collecting the problems found in it."""

    def __init__(
        self,
        display: str,
        columns: dict[str, int],
        number: int,
        cells: Sequence[Cell],
        ctx: Context,
    ) -> None:
        self.display, self.columns, self.number, self.cells = display, columns, number, cells
        self.ctx = ctx
        self.problems: list[Problem] = []
        #: The code of a word not ours on the row, reported once for every row holding it.
        self.unknown_word = ""
        #: Dates that read the same day first or month first only by luck (09/05/2024).
        self.ambiguous: list[tuple[str, str]] = []
        #: Dates that can only be read month first (05/13/2024), as the problem quotes them.
        self.month_first: list[tuple[str, str]] = []
        #: Cells of date columns that are not dates, held to be said once for a whole column.
        self.not_dates: list[tuple[str, Problem]] = []

    def raw(self, name: str) -> Cell:
        index = self.columns.get(name)
        cells = self.cells
        if index is None or index >= len(cells):
            return None
        value = cells[index]
        if value is UNSTORED:
            self.fail(name, "E514", f"{name}: {_UNSTORED}")
            return None
        return value

    def text(self, name: str) -> str:
        index = self.columns.get(name)
        cells = self.cells
        value = cells[index] if index is not None and index < len(cells) else None
        if type(value) is str:  # the common case, so tested first
            text = value.strip()
            return text if text.isprintable() else xml_safe(text).strip()
        if value is UNSTORED:
            self.raw(name)  # says so, each time it is read
            return ""
        return _text(value)

    def group(self, index: int | None, name: str) -> str:
        """Return a breakdown's group: its cell's words (after `values:`), spaces collapsed."""
        cell = self.cells[index] if index is not None and index < len(self.cells) else None
        text = " ".join(_text(None if cell is UNSTORED else cell).split())
        return intern(self.ctx.words.free(name, text))  # each group's name held once

    def word(self, name: str) -> str:
        """Return a cell's text, one string for each distinct value in the log.

        Handlers, categories, tenures and reasons repeat: a log of 300,000 complaints
        holds each of them once, not once a row.
        """
        return intern(self.text(name))

    def at(self, name: str) -> tuple[str, int, int]:
        return self.display, self.number, self.columns.get(name, 0) + 1

    def fail(self, name: str, code: str, message: str) -> None:
        self.problems.append(error(*self.at(name), code, message))

    def date(self, name: str) -> dt.date | None:
        index = self.columns.get(name)
        cells = self.cells
        value = cells[index] if index is not None and index < len(cells) else None
        try:
            if type(value) is str:  # the common case, so tested first
                if not value or value.isspace():
                    return None
                day, unclear = read_date(value)
                if unclear:
                    self.ambiguous.append((name, value.strip()))
            elif value is None:
                return None
            elif value is UNSTORED:
                self.raw(name)  # says so
                return None
            elif isinstance(value, dt.date):
                day = in_range(value)
            else:
                raise DateProblem(
                    "E506",
                    f"{value!r} is a number, not a date; format the column as dates",
                )
        except DateProblem as exc:
            if exc.code == "E506":
                self.not_dates.append((name, error(*self.at(name), exc.code, f"{name}: {exc}")))
            else:
                self.fail(name, exc.code, f"{name}: {exc}")
                if exc.code == "E507":  # so the column's ambiguous dates are refused too
                    self.month_first.append((name, str(value).strip()[:40]))
            return None
        self.ctx.dated.add(name)
        if day > self.ctx.latest and name not in _PROMISED:
            self.fail(
                name,
                "E517",
                f"{name} {day.isoformat()} has not happened yet (the latest day a log can "
                f"record is {self.ctx.latest.isoformat()}: today, or --as-of if later); "
                "is the year mistyped?",
            )
        return day

    def outcome(self, name: str) -> str:
        word = self.ours(name)
        if word is None:
            self.unknown_word = "E511"
            return ""
        return word

    def ours(self, name: str) -> str | None:
        """Return our word for a cell of a fixed vocabulary ("" if blank), or None if none."""
        text = self.text(name)
        if not text:
            return ""
        key = (name, text)
        word = self.ctx.known.get(key)
        if word is None:
            word = self.ctx.words.ours(name, text, self.at(name))
            if word is not None:  # a word not ours is counted on every row that holds it
                word = self.ctx.known[key] = intern(word)
        return word

    def stage(self) -> int | None:
        """Return the stage a row is (None: one row per complaint, or a word not ours)."""
        fixed = self.ctx.stage
        if "stage" not in self.columns:
            return fixed
        word = self.ours("stage")
        if word is None:
            self.unknown_word = self.unknown_word or "E520"
            return fixed
        if not word:
            if fixed is None:
                self.fail(
                    "stage",
                    "E520",
                    "stage is blank; give 1 or 2 (or map the export's words under practice: values: {stage: ...})",
                )
            return fixed
        number = int(word)
        if fixed is not None and number != fixed:
            self.fail(
                "stage",
                "E520",
                f"stage {number} on a row of a file given as stage {fixed} under practice: log:",
            )
        return number

    def money(self) -> Decimal | None:
        value = self.raw("compensation")
        if value == "":  # the common case: nothing paid
            return None
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


def read_row(row: Row) -> Complaint | None:
    """Return the complaint a row records, or None (with its problems on the row)."""
    reference = row.text("reference")
    if not reference:
        row.fail(
            "reference", "E513", "reference is blank; every complaint needs its case reference"
        )
    dates = {name: row.date(name) for name in _ALL_DATES}
    received = dates["received"]
    if received is None and not row.problems and not row.not_dates:
        row.fail("received", "E513", "received is blank; give the date the complaint was received")
    stage1, stage2 = row.outcome("outcome"), row.outcome("s2_outcome")
    compensation = row.money()
    if received is None or row.problems or row.not_dates or row.unknown_word:
        return None
    _date_order(row, dates, received)
    words = row.ctx.words
    return Complaint(
        row=row.number,
        reference=reference,
        stage1=Stage(
            received,
            dates["acknowledged"],
            dates["extended_to"],
            row.word("extension_reason"),
            dates["responded"],
            stage1,
            row.word("handler"),
        ),
        stage2=_stage_two(row, dates, stage2),
        refusal_reason=words.free("refusal_reason", row.word("refusal_reason")),
        category=words.free("category", row.word("category")),
        tenure=words.free("tenure", row.word("tenure")),
        compensation=compensation,
        escalation_reason=words.free("escalation_reason", row.word("escalation_reason")),
        groups=tuple(row.group(index, name) for index, name in row.ctx.groups),
    )


def _stage_two(row: Row, dates: dict[str, dt.date | None], outcome: str) -> Stage | None:
    escalated = dates["escalated"]
    if escalated is None:
        return None
    return Stage(
        escalated,
        dates["s2_acknowledged"],
        dates["s2_extended_to"],
        row.word("s2_extension_reason"),
        dates["s2_responded"],
        outcome,
        row.word("s2_handler"),
    )


def _first_stage_two_filled(row: Row, dates: dict[str, dt.date | None]) -> str | None:
    """Return the first stage 2 column filled in on a row, if any."""
    for name in _STAGE_2:
        if dates[name] is not None:
            return name
    for name in ("s2_outcome", "s2_handler", "s2_extension_reason"):
        if row.text(name):
            return name
    return None


def _date_order(row: Row, dates: dict[str, dt.date | None], received: dt.date) -> None:
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
