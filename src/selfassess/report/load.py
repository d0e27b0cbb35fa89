"""Load an annual report and the files it names, each problem placed at the key naming it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from selfassess.check import CheckedAssessment, check_assessment
from selfassess.check.kinds import file_kind
from selfassess.problemcodes import first_problem
from selfassess.problems import InputError, Problem, Severity, error
from selfassess.report.model import AnnualReport
from selfassess.safety import Unusable, named_file
from selfassess.validate import validate
from selfassess.yamlio import Document, load_file

if TYPE_CHECKING:
    from selfassess.casework import CheckedRegister

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)


@dataclass
class LinkedReport:
    """Last year's report, the assessment it included and the casework register it named."""

    path: Path
    report: AnnualReport
    assessment: CheckedAssessment
    casework: CheckedRegister | None = None

    @property
    def period(self) -> str:
        """Return the year the report covers."""
        return self.report.period or self.assessment.assessment.period


@dataclass
class CheckedReport:
    """An annual report that loaded, with the files it names and the problems found."""

    document: Document
    report: AnnualReport
    assessment: CheckedAssessment
    previous: LinkedReport | None = None
    casework: CheckedRegister | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def period(self) -> str:
        """Return the year the report covers (its own, else its assessment's)."""
        return self.report.period or self.assessment.assessment.period


def linked_path(document: Document, value: str) -> Path:
    """Return a path written in a file, relative to that file; raise Unusable if it is not read."""
    return named_file(document.path, value)


def year_before(period: str) -> str | None:
    """Return the period before one written like 2024-25, or None for another shape."""
    match = _PERIOD.match(period)
    if match is None:
        return None
    start = int(match.group(1)) - 1
    return f"{start}-{(start + 1) % 100:02d}"


def load_linked_assessment(
    document: Document, key: str, value: str, as_of: dt.date, code: str
) -> tuple[CheckedAssessment | None, list[Problem]]:
    """Load an assessment a report names; an unusable one is a problem at the naming key."""
    mark = document.value_mark((key,))

    def problem(message: str) -> list[Problem]:
        return [error(document.path_display, mark.line, mark.col, code, message)]

    try:
        path = linked_path(document, value)
    except Unusable as exc:
        return None, problem(f"{key} file '{value[:60]}' {exc}")
    try:
        loaded = load_file(path)
        if not isinstance(loaded.data, dict) or file_kind(loaded.data) != "assessment":
            return None, problem(f"{key} file '{value}' is not a self-assessment")
        checked, found = check_assessment(loaded, as_of)
    except InputError as exc:
        return None, problem(f"{key} file '{value}' cannot be read: {_first(exc.problems)}")
    errors = [p for p in found if p.severity == Severity.ERROR]
    if checked is None or errors:
        count = len(errors) or 1
        return checked, problem(
            f"{key} file '{value}' has {count} error{'s' if count > 1 else ''}; "
            f"run 'selfassess check {value}' and fix {'them' if count > 1 else 'it'} first"
        )
    return checked, []


def load_report_model(
    document: Document, report: AnnualReport, as_of: dt.date
) -> tuple[CheckedReport | None, list[Problem]]:
    """Load the assessment, last year's report and the casework a validated report names."""
    assert report.assessment is not None  # a whole council's parts each come here on their own
    assessment, problems = load_linked_assessment(
        document, "assessment", report.assessment, as_of, "E801"
    )
    if assessment is None:
        return None, problems
    checked = CheckedReport(document, report, assessment)
    if report.previous is not None:
        checked.previous, found = _load_previous(document, report.previous, as_of)
        problems.extend(found)
    if report.casework is not None:
        checked.casework, found = _load_casework(document, report.casework, as_of)
        problems.extend(found)
    return checked, problems


def _load_previous(
    document: Document, value: str, as_of: dt.date
) -> tuple[LinkedReport | None, list[Problem]]:
    mark = document.value_mark(("previous",))

    def problem(message: str) -> tuple[None, list[Problem]]:
        return None, [error(document.path_display, mark.line, mark.col, "E803", message)]

    try:
        path = linked_path(document, value)
    except Unusable as exc:
        return problem(f"previous file '{value[:60]}' {exc}")
    try:
        loaded = load_file(path)
        if not isinstance(loaded.data, dict) or file_kind(loaded.data) != "report":
            return problem(
                f"previous file '{value}' is not an annual report (it has no assessment:)"
            )
        old = validate(loaded, AnnualReport)
        if old.assessment is None:
            return problem(f"previous file '{value}' is a whole council's report (parts:)")
    except InputError as exc:
        return problem(f"previous file '{value}' cannot be read: {_first(exc.problems)}")
    assessment, problems = load_linked_assessment(
        loaded, "assessment", old.assessment, as_of, "E803"
    )
    if assessment is None or problems:
        return problem(f"previous report '{value}' names an assessment that cannot be used")
    register = None
    if old.casework is not None:
        register, problems = _load_casework(loaded, old.casework, as_of)
        if problems:
            return problem(
                f"previous report '{value}' names a casework register that cannot be used; "
                f"run 'selfassess check {value}' to see why"
            )
    return LinkedReport(path, old, assessment, register), []


def _load_casework(
    document: Document, value: str, as_of: dt.date
) -> tuple[CheckedRegister | None, list[Problem]]:
    from selfassess.casework import load_register

    mark = document.value_mark(("casework",))
    shown = document.path_display

    def problem(message: str) -> list[Problem]:
        return [
            error(shown, mark.line, mark.col, "E805", f"casework file '{value[:60]}' {message}")
        ]

    try:
        path = linked_path(document, value)
    except Unusable as exc:
        return None, problem(str(exc))
    try:
        loaded = load_file(path)
        if not isinstance(loaded.data, dict) or file_kind(loaded.data) != "casework":
            return None, problem("is not a casework register (it has no cases:)")
        register = load_register(path, as_of)
    except InputError as exc:
        return None, problem(f"cannot be read: {_first(exc.problems)}")
    if register.errors:
        count = len(register.errors)
        return None, problem(
            f"has {count} error{'s' if count > 1 else ''}; run 'selfassess check {value}' first"
        )
    return register, []


def _first(problems: list[Problem]) -> str:
    """Describe the first of a linked file's problems by its place and code, quoting nothing of it."""
    return first_problem(problems)
