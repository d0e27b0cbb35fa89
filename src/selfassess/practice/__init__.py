"""Compliance in practice: read a complaints log and measure it against the Code's timescales.

The public API (the annual report and ``check`` build on these names):

- ``load_settings(assessment_path) -> PracticeInput``: the assessment's ``practice:``
  block, with the log's files resolved, the period, homes and financial year end.
- ``compute_for(given, as_of) -> PracticeResult``: read the log's files (CSV or .xlsx),
  join the rows of each complaint, judge each stage, keep the problems found in the log
  (``result.log.problems``, each ``file:row:column: CODE message``) and how many rows
  were left out and why (``result.log.left_out_because``). Raises InputError when a file
  cannot be read.
- ``figures_of(result) -> PracticeFigures``: every figure as typed, frozen objects
  (``practice.figures``); the documents read their attributes, and ``practice_data`` and
  ``summary_data`` (``practice.figuresjson``) derive practice.json, report.json's and
  summary.json's figures from them, so they cannot differ for the same log.
- ``measures(result) -> dict[str, Measure]``: the measured figure for each timescale
  provision (6.2, 6.3, 6.4, 6.11, 6.14, 6.15), as ``check`` and ``render`` show it.
- ``Period.parse("2024-25", year_end="03-31")``: the reporting year.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from selfassess.code import DEFAULT_EDITION
from selfassess.models import Assessment, PracticeSettings
from selfassess.practice.engine import LogSource, PracticeResult, compute
from selfassess.practice.figures import PracticeFigures
from selfassess.practice.figuresjson import practice_data, summary_data
from selfassess.practice.measures import Measure, measures
from selfassess.practice.period import Period
from selfassess.practice.tally import figures_of
from selfassess.problems import UsageError
from selfassess.validate import validate
from selfassess.yamlio import Document, load_file

__all__ = [
    "LogSource",
    "Measure",
    "Period",
    "PracticeFigures",
    "PracticeInput",
    "PracticeResult",
    "compute",
    "figures_of",
    "load_settings",
    "log_location",
    "measures",
    "practice_data",
    "summary_data",
]


@dataclass(frozen=True)
class PracticeInput:
    """What an assessment says about its complaints log."""

    logs: tuple[LogSource, ...]
    settings: PracticeSettings
    period: Period
    homes: int | None
    code: str
    #: Where the practice: block's keys are, (file, line, column), for warnings about them.
    marks: dict[tuple[str, ...], tuple[str, int, int]] = field(default_factory=dict)
    #: The file that names the logs, and how it is shown: a log named in a file is read only
    #: where selfassess.safety.named_file allows (a log given on the command line is the user's own).
    named_by: tuple[Path, str] | None = None

    @property
    def display(self) -> str:
        """Return how the log's files are named in messages."""
        return ", ".join(log.display for log in self.logs)

    def refuse_unusable_logs(self) -> None:
        """Raise InputError, placed in the naming file, if a log it names may not be read."""
        if self.named_by is None:
            return
        from selfassess.problems import input_error
        from selfassess.safety import Unusable, named_file

        naming, shown = self.named_by
        for item in self.settings.files():
            try:
                named_file(naming, item.path)
            except Unusable as exc:
                raise input_error(shown, 1, 1, "E501", log_unusable(item.path, exc)) from None


def log_unusable(log: str, why: Exception) -> str:
    """Say why a complaints log a file names is not read."""
    return f"the complaints log '{log[:60]}' {why}"


def log_location(assessment_display: str, assessment_path: Path, log: str) -> tuple[Path, str]:
    """Return a log's path relative to the assessment, and how to show it in messages."""
    shown = os.path.normpath(os.path.join(os.path.dirname(assessment_display), log))
    return assessment_path.parent / log, shown


def load_settings(assessment_path: Path, display: str | None = None) -> PracticeInput:
    """Read an assessment's practice: block; raise UsageError if it has none."""
    document = load_file(assessment_path, display)
    assessment = validate(document, Assessment)
    return settings_of(assessment, assessment_path, document.path_display, document)


def settings_of(
    assessment: Assessment, path: Path, display: str, document: Document | None = None
) -> PracticeInput:
    """Return the practice settings of a loaded assessment."""
    practice = assessment.practice
    if practice is None:
        raise UsageError(f"{display} has no practice: block naming its complaints log")
    logs = []
    for item in practice.files():
        log_path, shown = log_location(display, path, item.path)
        logs.append(LogSource(log_path, shown, item.stage, item.sheet, item.header_row))
    period = Period.parse(assessment.period, assessment.landlord.financial_year_end)
    homes = assessment.landlord.homes
    marks = _marks(document, practice) if document is not None else {}
    named_by = (path, display)
    return PracticeInput(tuple(logs), practice, period, homes, assessment.code, marks, named_by)


def _marks(
    document: Document, practice: PracticeSettings
) -> dict[tuple[str, ...], tuple[str, int, int]]:
    keys: list[tuple[str, ...]] = [("tenures",), *(("where", name) for name in practice.where)]
    found = {}
    for key in keys:
        mark = document.key_mark(("practice", *key))
        found[key] = (document.path_display, mark.line, mark.col)
    for index, name in enumerate(practice.breakdowns):  # each at its item of the list
        mark = document.value_mark(("practice", "breakdowns", index))
        found["breakdowns", name] = (document.path_display, mark.line, mark.col)
    return found


def compute_for(given: PracticeInput, as_of: dt.date) -> PracticeResult:
    """Measure an assessment's log; a date after today (or after as_of, if later) is an error."""
    given.refuse_unusable_logs()
    marks = given.marks
    return compute(
        list(given.logs),
        given.settings,
        given.period,
        given.homes,
        as_of,
        edition=given.code,
        locate=(lambda key: marks[key]) if marks else None,
        latest=dt.date.today(),
    )


def input_for(
    log_path: Path | None,
    assessment: Path | None,
    homes: int | None,
    period: str | None,
    settings: PracticeSettings,
) -> PracticeInput:
    """Work out what to measure from a command line: the assessment's settings, or the flags.

    A LOG given replaces the assessment's files; --sheet (in settings) wins over its sheet:.
    """
    if assessment is not None:
        given = load_settings(assessment)
        chosen = Period.parse(period, None) if period else given.period
        logs = given.logs
        if log_path is not None:
            ours = given.settings
            logs = (LogSource(log_path, str(log_path), None, ours.sheet, ours.header_row),)
            given = replace(given, named_by=None)  # the command line's log is the user's own
        if settings.sheet is not None:
            logs = tuple(replace(log, sheet=settings.sheet) for log in logs)
        return replace(given, logs=logs, period=chosen, homes=homes or given.homes)
    if log_path is None:
        raise UsageError("give the complaints log (LOG), or --assessment FILE that names it")
    if period is None:
        raise UsageError("give --period (e.g. 2024-25) or --assessment FILE")
    source = LogSource(log_path, str(log_path), None, settings.sheet, settings.header_row)
    return PracticeInput((source,), settings, Period.parse(period), homes, DEFAULT_EDITION)
