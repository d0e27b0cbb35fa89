"""A verdict for each stage of each complaint, with a reason a lead can check by hand.

A verdict keeps the dates and words it was judged by, which are shared between the
stages of a log, and no text of its own: its reason is written from them when
verdicts.csv is, so a large log is not held twice over as sentences.

A late acknowledgement cannot buy time: the response is due a number of working days
after the acknowledgement or after the last day it was due, whichever is earlier. A
response inside a notified extension (within the limit, or beyond it with a reason
recorded) is within the Code's timescales. Dates after the cut-off (the period end,
or the as-of date if earlier) are not yet known, so such a stage counts as open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from selfassess.code.timescales import Timescales
from selfassess.practice.complaints import Complaint, Stage
from selfassess.practice.workdays import WorkingCalendar

ON_TIME, EXTENDED, LATE = "on time", "within extension", "late"
OPEN_NOT_DUE, OPEN_OVERDUE = "open, not yet due", "open, overdue"
REFUSED, WITHDRAWN = "refused", "withdrawn"
VERDICTS = (ON_TIME, EXTENDED, LATE, OPEN_NOT_DUE, OPEN_OVERDUE, REFUSED, WITHDRAWN)
#: What an acknowledgement can be: on time, late, not recorded though due, or not yet due.
ACK_ON_TIME, ACK_LATE, ACK_MISSING, ACK_NOT_DUE = "on time", "late", "not recorded", "not yet due"
NO_REASON = "with no reason"


@dataclass(slots=True)
class Verdict:
    """How one stage of one complaint measured against the Code's timescales."""

    complaint: Complaint
    stage: int
    record: Stage
    ack_due: dt.date
    acknowledgement: str
    due: dt.date
    extension: str
    final_due: dt.date
    responded: dt.date | None
    verdict: str
    late_by: int
    working_days: int | None

    @property
    def extension_allowed(self) -> bool:
        """Return True unless an extension went past the limit with no reason recorded."""
        return not self.extension.endswith(NO_REASON)

    @property
    def responded_in(self) -> bool:
        """Return True for a stage with a full response (not refused or withdrawn)."""
        return self.verdict in (ON_TIME, EXTENDED, LATE)

    @property
    def within_timescale(self) -> bool:
        """Return True for a response on time or within a notified extension."""
        return self.verdict in (ON_TIME, EXTENDED)


@dataclass(frozen=True)
class Judge:
    """Everything needed to judge a stage: the calendar, the limits and the cut-off."""

    calendar: WorkingCalendar
    timescales: Timescales
    cut_off: dt.date

    @cached_property
    def days(self) -> dict[tuple[int, str], int]:
        """Return each limit in working days by stage and measure."""
        return {(t.stage, t.measure): t.working_days for t in self.timescales.timescales}

    def stage(self, complaint: Complaint, number: int) -> Verdict | None:
        """Return the verdict on one stage, or None if the complaint never reached it."""
        record = complaint.stage1 if number == 1 else complaint.stage2
        if record is None:
            return None
        ack_days = self.days[number, "acknowledgement"]
        ack_due = self.calendar.add(record.start, ack_days)
        acknowledged = _known(record.acknowledged, self.cut_off)
        base = min(acknowledged, ack_due) if acknowledged else ack_due
        due = self.calendar.add(base, self.days[number, "response"])
        extension, final_due = self._extension(record, due, number)
        responded = _known(record.responded, self.cut_off)
        verdict, late_by = self._outcome(record, responded, due, final_due, extension)
        return Verdict(
            complaint,
            number,
            record,
            ack_due,
            self._acknowledgement(record, acknowledged, ack_due),
            due,
            extension,
            final_due,
            responded,
            verdict,
            late_by,
            self.calendar.between(record.start, responded) if responded else None,
        )

    def _extension(self, record: Stage, due: dt.date, number: int) -> tuple[str, dt.date]:
        """Say what the extension was, and return the date the response was finally due."""
        extended = record.extended_to
        if extended is None or extended <= due:
            return "", due
        days = self.days.get((number, "extension"))
        if days is None:  # the Code's extension limit is not known: the date given stands
            return f"extended to {extended} (no limit known for the Code)", extended
        limit = self.calendar.add(due, days)
        if extended <= limit:
            return f"extended to {extended}, within {days} working days", extended
        if record.extension_reason:
            return f"extended to {extended}, beyond {days} working days with a reason", extended
        return f"extended to {extended}, beyond {days} working days {NO_REASON}", limit

    def _outcome(
        self,
        record: Stage,
        responded: dt.date | None,
        due: dt.date,
        final_due: dt.date,
        extension: str,
    ) -> tuple[str, int]:
        """Return the verdict and the working days it was late by."""
        if record.outcome == REFUSED:
            return REFUSED, 0
        if record.outcome == WITHDRAWN:
            return WITHDRAWN, 0
        if responded is not None:
            if responded <= due:
                return ON_TIME, 0
            if extension and responded <= final_due:
                return EXTENDED, 0
            return LATE, self.calendar.between(final_due, responded)
        if final_due < self.cut_off:
            return OPEN_OVERDUE, self.calendar.between(final_due, self.cut_off)
        return OPEN_NOT_DUE, 0

    def _acknowledgement(
        self, record: Stage, acknowledged: dt.date | None, ack_due: dt.date
    ) -> str:
        if record.outcome == REFUSED or (acknowledged is None and record.outcome == WITHDRAWN):
            return ""
        if acknowledged is not None:
            return ACK_ON_TIME if acknowledged <= ack_due else ACK_LATE
        return ACK_MISSING if ack_due < self.cut_off else ACK_NOT_DUE


def reason(verdict: Verdict, cut_off: dt.date) -> str:
    """Say why a stage has its verdict, in words a lead can check against the log."""
    found = verdict.verdict
    if found == REFUSED:
        return "refused: not accepted as a complaint"
    if found == WITHDRAWN:
        return "withdrawn by the resident"
    if found == ON_TIME:
        return f"responded {verdict.responded}, due {verdict.due}"
    if found == EXTENDED:
        return f"responded {verdict.responded}, due {verdict.due}, {verdict.extension}"
    if found == LATE:
        why = verdict.extension or "no extension"
        return f"late: responded {verdict.responded}, due {verdict.final_due}, {why}"
    return f"open at {cut_off}, due {verdict.final_due}"


def _known(day: dt.date | None, cut_off: dt.date) -> dt.date | None:
    """Return a date only if it had happened by the cut-off."""
    return day if day is not None and day <= cut_off else None
