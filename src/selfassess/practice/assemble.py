"""Join the rows of one or more files into complaints: the rows sharing a reference are its stages.

A stage 2 row's received date is the escalation date, and its acknowledged, extended,
responded, outcome and handler are the stage 2 ones. Order in a file, and the order of
the files, does not matter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from selfassess.practice.complaints import Complaint
from selfassess.practice.listed import Listed
from selfassess.practice.logread import FileRead, Record
from selfassess.problems import Problem, error


@dataclass
class ReadLog:
    """The complaints that can be counted, the problems found, and how many rows were left out."""

    display: str
    complaints: list[Complaint] = field(default_factory=list)
    #: A Listed while rows are read (at most MAX_LISTED a file), then sorted.
    problems: list[Problem] = field(default_factory=Listed)
    rows_read: int = 0
    #: Rows left out for errors, by the code of the first problem that left each out.
    left_out_because: Counter[str] = field(default_factory=Counter)
    #: Rows at the end of a file that hold no complaint (a totals row, a blank reference).
    not_complaints: int = 0
    #: Complaints `where:` did not keep.
    not_kept: int = 0
    has_handlers: bool = False
    #: Whether any file of the log has an escalation_reason column.
    has_escalation_reasons: bool = False
    #: The `breakdowns:` no file of the log has (each an E523), left out of the figures.
    breakdowns_missing: tuple[str, ...] = ()

    @property
    def left_out(self) -> int:
        """Return how many rows were left out for errors."""
        return sum(self.left_out_because.values())


def join(display: str, files: list[FileRead], columns: dict[str, dict[str, int]]) -> ReadLog:
    """Join every file's records into complaints, reporting the rows that cannot be joined."""
    log = ReadLog(display)
    for found in files:
        log.rows_read += found.rows_read
        log.left_out_because.update(found.left_out)
        log.not_complaints += found.not_complaints
        log.problems.extend(found.problems)
    first = _Firsts(files)
    seconds: list[Record] = []
    for found in files:
        for index, complaint in enumerate(found.complaints):
            if complaint is None:
                continue
            stage = found.stages[index]
            if stage == 2:
                seconds.append(Record(found.display, complaint.row, complaint))
            elif complaint.reference in first.complaints:
                record = Record(found.display, complaint.row, complaint)
                _refuse(log, record, columns, "E508", _used(record, first.record(record)))
            else:
                first.add(found, index, complaint)
    bad = {ref: (f, row) for found, f in _named(files) for ref, row in found.bad_references.items()}
    _attach(log, first, seconds, bad, columns)
    log.complaints = [c for ref, c in first.complaints.items() if ref not in first.unkept]
    log.not_kept = len(first.complaints) - len(log.complaints)
    if isinstance(log.problems, Listed):
        log.problems.close()
    return log


def _named(files: list[FileRead]) -> list[tuple[FileRead, str]]:
    return [(found, found.display) for found in files]


class _Firsts:
    """The first row of each reference that is not a stage 2 row, by reference.

    Held as the complaints themselves: the file a row is in is found only for a message.
    """

    def __init__(self, files: list[FileRead]) -> None:
        self.files = files
        self.complaints: dict[str, Complaint] = {}
        #: The references whose first row `where:` does not keep.
        self.unkept: set[str] = set()
        self._homes: dict[int, str] | None = None

    def add(self, found: FileRead, index: int, complaint: Complaint) -> None:
        self.complaints[complaint.reference] = complaint
        if index in found.unkept:
            self.unkept.add(complaint.reference)

    def get(self, reference: str, other: Record) -> Record | None:
        """Return the first row of a reference, if any, as a record (to join or name it)."""
        complaint = self.complaints.get(reference)
        if complaint is None:
            return None
        return Record(self._home(complaint, other), complaint.row, complaint)

    def record(self, other: Record) -> Record:
        found = self.get(other.complaint.reference, other)
        assert found is not None  # only asked for a reference that has a first row
        return found

    def _home(self, complaint: Complaint, other: Record) -> str:
        """Return the display of the file a complaint's row is in."""
        if len(self.files) == 1:
            return self.files[0].display
        if self._homes is None:  # made once, for messages about logs of several files
            self._homes = {
                id(c): f.display for f in self.files for c in f.complaints if c is not None
            }
        return self._homes.get(id(complaint), other.display)


def _attach(
    log: ReadLog,
    first: _Firsts,
    seconds: list[Record],
    bad: dict[str, tuple[str, int]],
    columns: dict[str, dict[str, int]],
) -> None:
    joined: dict[str, Record] = {}
    for record in seconds:
        reference = record.complaint.reference
        one = first.get(reference, record)
        if one is None:
            _refuse(log, record, columns, "E519", _alone(reference, bad.get(reference), record))
        elif reference in joined:
            _refuse(log, record, columns, "E508", _used(record, joined[reference], "stage 2 of "))
        elif one.complaint.stage2 is not None:
            message = (
                f"stage 2 of {reference!r} is already on {_row(one, record)} (its escalated "
                "column); give stage 2 once"
            )
            _refuse(log, record, columns, "E519", message)
        elif record.complaint.stage1.start < one.complaint.stage1.start:
            start, began = record.complaint.stage1.start, one.complaint.stage1.start
            message = (
                f"received {start.isoformat()} (the escalation to stage 2) is before stage 1 "
                f"was received, {began.isoformat()}, on {_row(one, record)}"
            )
            _refuse(log, record, columns, "E509", message, "received")
        else:
            joined[reference] = record
            _join(one.complaint, record.complaint)


def _join(one: Complaint, two: Complaint) -> None:
    one.stage2 = two.stage1
    # Why it was escalated, and a group stage 1's row leaves blank, may be on stage 2's row.
    one.escalation_reason = one.escalation_reason or two.escalation_reason
    if two.groups:
        one.groups = tuple(a or b for a, b in zip(one.groups, two.groups, strict=True))
    if two.compensation:
        one.compensation = (one.compensation or 0) + two.compensation


def _refuse(
    log: ReadLog,
    record: Record,
    columns: dict[str, dict[str, int]],
    code: str,
    message: str,
    name: str = "reference",
) -> None:
    col = columns[record.display].get(name, 0) + 1
    log.problems.append(error(record.display, record.row, col, code, message))
    log.left_out_because[code] += 1


def _row(other: Record, record: Record) -> str:
    """Name another record's row, with its file when that is not the record's own."""
    if other.display == record.display:
        return f"row {other.row}"
    return f"row {other.row} of {other.display}"


def _used(record: Record, other: Record, what: str = "") -> str:
    return f"{what}reference {record.complaint.reference[:40]!r} is already used on {_row(other, record)}"


def _alone(reference: str, bad: tuple[str, int] | None, record: Record) -> str:
    if bad is not None:
        where = f"row {bad[1]}" if bad[0] == record.display else f"row {bad[1]} of {bad[0]}"
        return f"stage 2 of {reference!r} is left out with its stage 1 ({where}), which has errors"
    return (
        f"a stage 2 row for {reference!r}, but the log has no stage 1 row for it; give the "
        "complaint's stage 1 row (or its file, under practice: log:)"
    )
