"""Read a log, judge every stage against the Code's timescales, and keep what was found."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.code import DEFAULT_EDITION
from selfassess.code.timescales import Timescales, load_timescales
from selfassess.models import PracticeSettings
from selfassess.practice.columns import find_columns
from selfassess.practice.complaints import Complaint, ReadLog, read_complaints
from selfassess.practice.period import Period
from selfassess.practice.reading import read_table
from selfassess.practice.verdicts import Judge, Verdict
from selfassess.practice.workdays import WorkingCalendar


@dataclass
class PracticeResult:
    """A log measured against the Code's timescales for one period."""

    log: ReadLog
    period: Period
    as_of: dt.date
    homes: int | None
    settings: PracticeSettings
    calendar: WorkingCalendar
    timescales: Timescales
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def cut_off(self) -> dt.date:
        """Return the last day the figures know about: the period end, or the as-of date."""
        return min(self.period.end, self.as_of)

    def stage(self, number: int) -> list[Verdict]:
        """Return the verdicts on one stage."""
        return [v for v in self.verdicts if v.stage == number]

    def counted(self, verdicts: list[Verdict]) -> list[Verdict]:
        """Return the verdicts on complaints whose tenure counts for CH01 and CH02."""
        tenures = self.settings.tenures
        if tenures is None:
            return verdicts
        wanted = {" ".join(t.lower().split()) for t in tenures}
        return [v for v in verdicts if " ".join(v.complaint.tenure.lower().split()) in wanted]


def compute(
    log_path: Path,
    settings: PracticeSettings,
    period: Period,
    homes: int | None,
    as_of: dt.date,
    *,
    display: str | None = None,
    edition: str = DEFAULT_EDITION,
) -> PracticeResult:
    """Read a log and judge every complaint; raise InputError if the log cannot be read at all."""
    shown = display or str(log_path)
    table = read_table(log_path, shown, settings.sheet)
    columns, header_problems = find_columns(table.headers, settings.columns, shown)
    log = read_complaints(table, columns)
    log.problems[:0] = header_problems
    calendar = WorkingCalendar.covering(_dates(log.complaints, period), settings.closures)
    timescales = load_timescales(edition, log_path)
    result = PracticeResult(log, period, as_of, homes, settings, calendar, timescales)
    judge = Judge(calendar, timescales, result.cut_off)
    for complaint in log.complaints:
        for number in (1, 2):
            verdict = judge.stage(complaint, number)
            if verdict is not None and _relevant(verdict, period, result.cut_off):
                result.verdicts.append(verdict)
    return result


def _dates(complaints: list[Complaint], period: Period) -> list[dt.date]:
    found = [period.start, period.end]
    for complaint in complaints:
        found.append(complaint.stage1.start)
        if complaint.stage2 is not None:
            found.append(complaint.stage2.start)
    return [min(found), max(found)]


def _relevant(verdict: Verdict, period: Period, cut_off: dt.date) -> bool:
    """Keep a stage received or answered in the period, or open at its end."""
    start = verdict.record.start
    if start in period or verdict.responded in period:
        return True
    return start <= cut_off and verdict.verdict.startswith("open")
