"""Compliance in practice: read a complaints log and measure it against the Code's timescales.

The public API (the annual report and ``check`` build on these names):

- ``load_settings(assessment_path) -> PracticeInput``: the assessment's ``practice:``
  block, with the log's path resolved, the period, homes and financial year end.
- ``compute(log_path, settings, period, homes, as_of) -> PracticeResult``: read the log
  (CSV or .xlsx), judge each stage of each complaint, keep the problems found in the log
  (``result.log.problems``, each ``file:row:column: CODE message``) and how many rows
  were left out (``result.log.left_out``). Raises InputError when the log cannot be read.
- ``figures_json(result) -> dict``: every figure, JSON-ready; exactly what practice.json
  holds, so the annual report's figures equal practice.json's for the same log.
- ``measures(result) -> dict[str, Measure]``: the measured figure for each timescale
  provision (6.2, 6.3, 6.4, 6.11, 6.14, 6.15), as ``check`` and ``render`` show it.
- ``Period.parse("2024-25", year_end="03-31")``: the reporting year.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfassess.code import DEFAULT_EDITION
from selfassess.models import Assessment, PracticeSettings
from selfassess.practice.engine import PracticeResult, compute
from selfassess.practice.figuresjson import build_figures
from selfassess.practice.measures import Measure, measures
from selfassess.practice.period import Period
from selfassess.problems import UsageError
from selfassess.validate import validate
from selfassess.yamlio import load_file

__all__ = [
    "Measure",
    "Period",
    "PracticeInput",
    "PracticeResult",
    "compute",
    "figures_json",
    "load_settings",
    "log_location",
    "measures",
]


@dataclass(frozen=True)
class PracticeInput:
    """What an assessment says about its complaints log."""

    log_path: Path
    display: str
    settings: PracticeSettings
    period: Period
    homes: int | None
    code: str
    #: The file that names the log, and how it is shown: a log named in a file is read only
    #: where selfassess.namedfiles allows (a log given on the command line is the user's own).
    named_by: tuple[Path, str] | None = None

    def refuse_unusable_log(self) -> None:
        """Raise InputError, placed in the naming file, if the log it names may not be read."""
        if self.named_by is None:
            return
        from selfassess.namedfiles import Unusable, named_file
        from selfassess.problems import input_error

        naming, shown = self.named_by
        try:
            named_file(naming, self.settings.log)
        except Unusable as exc:
            raise input_error(shown, 1, 1, "E501", log_unusable(self.settings.log, exc)) from None


def log_unusable(log: str, why: Exception) -> str:
    """Say why the complaints log a file names is not read."""
    return f"the complaints log '{log[:60]}' {why}"


def log_location(assessment_display: str, assessment_path: Path, log: str) -> tuple[Path, str]:
    """Return a log's path relative to the assessment, and how to show it in messages."""
    shown = os.path.normpath(os.path.join(os.path.dirname(assessment_display), log))
    return assessment_path.parent / log, shown


def load_settings(assessment_path: Path, display: str | None = None) -> PracticeInput:
    """Read an assessment's practice: block; raise UsageError if it has none."""
    document = load_file(assessment_path, display)
    assessment = validate(document, Assessment)
    return settings_of(assessment, assessment_path, document.path_display)


def settings_of(assessment: Assessment, path: Path, display: str) -> PracticeInput:
    """Return the practice settings of a loaded assessment."""
    if assessment.practice is None:
        raise UsageError(f"{display} has no practice: block naming its complaints log")
    log_path, shown = log_location(display, path, assessment.practice.log)
    period = Period.parse(assessment.period, assessment.landlord.financial_year_end)
    homes = assessment.landlord.homes
    return PracticeInput(
        log_path, shown, assessment.practice, period, homes, assessment.code, (path, display)
    )


def compute_for(given: PracticeInput, as_of: dt.date) -> PracticeResult:
    """Measure an assessment's log."""
    given.refuse_unusable_log()
    return compute(
        given.log_path,
        given.settings,
        given.period,
        given.homes,
        as_of,
        display=given.display,
        edition=given.code,
    )


def figures_json(result: PracticeResult) -> dict[str, Any]:
    """Return every figure, JSON-ready: what practice.json and report.json hold."""
    return build_figures(result)


def input_for(
    log_path: Path,
    assessment: Path | None,
    homes: int | None,
    period: str | None,
    settings: PracticeSettings,
) -> PracticeInput:
    """Work out what to measure from a command line: the assessment's settings, or the flags."""
    if assessment is not None:
        given = load_settings(assessment)
        chosen = Period.parse(period, None) if period else given.period
        return PracticeInput(
            log_path, str(log_path), given.settings, chosen, homes or given.homes, given.code
        )
    if period is None:
        raise UsageError("give --period (e.g. 2024-25) or --assessment FILE")
    return PracticeInput(
        log_path, str(log_path), settings, Period.parse(period), homes, DEFAULT_EDITION
    )
