"""Read a log, judge every stage against the Code's timescales, and keep what was found."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.code import DEFAULT_EDITION
from selfassess.code.timescales import Timescales, load_timescales
from selfassess.models import LOG_COLUMNS, PracticeSettings
from selfassess.practice.assemble import ReadLog, join
from selfassess.practice.breakdowns import group_columns, missing
from selfassess.practice.columns import find_columns, wanted_names
from selfassess.practice.complaints import Complaint, Context
from selfassess.practice.filters import Locate, keep_of, tenure_warning, where_warnings
from selfassess.practice.logread import FileRead, Keep, read_file
from selfassess.practice.period import Period
from selfassess.practice.reading import read_table
from selfassess.practice.table import Table
from selfassess.practice.verdicts import Judge, Verdict
from selfassess.practice.vocab import Vocabulary
from selfassess.practice.workdays import WorkingCalendar
from selfassess.problems import Problem, note, sort_problems
from selfassess.wording import fold


@dataclass(frozen=True)
class LogSource:
    """One file of a log: where it is, how to show it, and how to read it."""

    path: Path
    display: str
    stage: int | None = None
    sheet: str | None = None
    header_row: int | None = None


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
    #: Each stage's verdicts, made when first asked for (every figure counts one stage).
    _stages: dict[int, list[Verdict]] = field(default_factory=dict, repr=False)

    @property
    def cut_off(self) -> dt.date:
        """Return the last day the figures know about: the period end, or the as-of date."""
        return min(self.period.end, self.as_of)

    def stage(self, number: int) -> list[Verdict]:
        """Return the verdicts on one stage (the same list each time: do not change it)."""
        found = self._stages.get(number)
        if found is None:
            found = self._stages[number] = [v for v in self.verdicts if v.stage == number]
        return found

    def counted(self, verdicts: list[Verdict]) -> list[Verdict]:
        """Return the verdicts on complaints whose tenure counts for CH01 and CH02."""
        tenures = self.settings.tenures
        if tenures is None:
            return verdicts
        wanted = {fold(t) for t in tenures}
        return [v for v in verdicts if fold(v.complaint.tenure) in wanted]


def compute(
    sources: list[LogSource],
    settings: PracticeSettings,
    period: Period,
    homes: int | None,
    as_of: dt.date,
    *,
    edition: str = DEFAULT_EDITION,
    locate: Locate | None = None,
    latest: dt.date | None = None,
) -> PracticeResult:
    """Read a log's files and judge every complaint; raise InputError if one cannot be read.

    `latest` is the last day a date in the log can be (today, or the as-of date if later).
    """
    with _collector_paused():
        log = read_log(sources, settings, max(as_of, latest or as_of), locate)
        calendar = WorkingCalendar.covering(_dates(log.complaints, period), settings.closures)
        timescales = load_timescales(edition, sources[0].path)
        result = PracticeResult(log, period, as_of, homes, settings, calendar, timescales)
        judge = Judge(calendar, timescales, result.cut_off)
        for complaint in log.complaints:
            for number in (1, 2):
                verdict = judge.stage(complaint, number)
                if verdict is not None and _relevant(verdict, period, result.cut_off):
                    result.verdicts.append(verdict)
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cycle collector while a log's objects are made.

    Each row's objects are freed as soon as they are done with (none refers back to
    itself), so the collector finds nothing; yet as the complaints kept grow it walks
    all of them again and again, a sixth of the time a large log takes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_log(
    sources: list[LogSource], settings: PracticeSettings, latest: dt.date, locate: Locate | None
) -> ReadLog:
    """Read every file of a log and join them into complaints."""
    words = Vocabulary.of(settings.values)
    names = wanted_names(settings.columns)
    files: list[FileRead] = []
    keeps: list[Keep] = []
    indexes: dict[str, dict[str, int]] = {}
    handlers = False
    grouped: list[tuple[Table, tuple[tuple[int | None, str], ...]]] = []
    for source in sources:
        table = read_table(source.path, source.display, source.sheet, source.header_row, names)
        columns = find_columns(table, _ours(settings.columns))
        keep = keep_of(table, columns, settings.where)
        groups = group_columns(table, columns, settings)
        grouped.append((table, groups))
        found = read_file(table, columns, Context(words, latest, source.stage, groups=groups), keep)
        found.problems[:0] = [*table.notes, *columns.problems]
        found.problems.extend(_formula_notes(table))
        files.append(found)
        keeps += [keep] if keep is not None else []
        indexes[source.display] = columns.index
        handlers = handlers or (
            "handler" in columns.index
            and (
                "s2_handler" in columns.index
                or "stage" in columns.index
                or source.stage is not None
            )
        )
    log = join(", ".join(s.display for s in sources), files, indexes)
    log.has_handlers = handlers
    log.has_escalation_reasons = any("escalation_reason" in i for i in indexes.values())
    places = [locate(("breakdowns", name)) if locate else None for name in settings.breakdowns]
    log.breakdowns_missing, absent = missing(settings, grouped, places)
    at = locate or (lambda key: (sources[0].display, 1, 1))
    log.problems += absent + words.problems() + where_warnings(keeps, settings.where, at)
    tenures = tenure_warning(settings.tenures, log.complaints, at)
    log.problems += [tenures] if tenures is not None else []
    log.problems = sort_problems(log.problems)
    return log


def _ours(mapping: dict[str, str]) -> dict[str, str]:
    """Return columns: without the names it maps for breakdowns: (found by group_columns)."""
    return {name: header for name, header in mapping.items() if name in LOG_COLUMNS}


def _formula_notes(table: Table) -> list[Problem]:
    """Say once for each column that its formulas were read by the values stored with them."""
    return [
        note(
            table.display,
            table.header_row,
            col + 1,
            "I550",
            f"column {table.headers[col]!r} holds formulas; their stored values were read",
        )
        for col in sorted(table.formula_columns)
        if col < len(table.headers)
    ]


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
    if start > cut_off:  # not yet received on the as-of day: in no count
        return False
    if start in period or verdict.responded in period:
        return True
    return verdict.verdict.startswith("open")
