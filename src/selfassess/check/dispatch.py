"""Check files of any kind: assessments, Code editions, maps, deadline rules, registers, reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.check import check_assessment
from selfassess.check.codedata import timescales_problems
from selfassess.check.codefiles import code_problems, map_problems
from selfassess.check.kinds import file_kind
from selfassess.problems import InputError, Problem, Severity, sort_problems
from selfassess.validate import validate
from selfassess.yamlio import load_file


@dataclass
class Report:
    """Every problem found in a set of files."""

    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Return the errors."""
        return [p for p in self.problems if p.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """Return the warnings."""
        return [p for p in self.problems if p.severity == Severity.WARNING]

    @property
    def notes(self) -> list[Problem]:
        """Return the informational notes (never a failure, even with strict)."""
        return [p for p in self.problems if p.severity == Severity.NOTE]

    def failed(self, strict: bool = False) -> bool:
        """Return True when the files have errors (or, with strict, warnings)."""
        return bool(self.errors or (strict and self.warnings))


def check_files(paths: Iterable[Path], as_of: dt.date) -> Report:
    """Check every file and collect every problem."""
    report = Report()
    for path in paths:
        report.files.append(str(path))
        report.problems.extend(check_file(path, as_of))
    report.problems = sort_problems(list(dict.fromkeys(report.problems)))
    return report


def check_file(path: Path, as_of: dt.date) -> list[Problem]:
    """Check one file of any kind."""
    try:
        document = load_file(path)
        kind = file_kind(document.data)
        if kind == "code":
            return list(code_problems(document))
        if kind == "map":
            return list(map_problems(document))
        if kind == "deadlines":
            from selfassess.code.deadlines import DeadlineRules

            validate(document, DeadlineRules)
            return []
        if kind == "timescales":
            return list(timescales_problems(document))
        if kind == "report":
            from selfassess.report import check_report

            return check_report(document, as_of)[1]
        if kind == "casework":
            from selfassess.casework import check_register

            return check_register(document, as_of).problems
        return check_assessment(document, as_of)[1]
    except InputError as exc:
        return exc.problems
