"""Check files: assessments, Code editions, edition maps and deadline rules.

The rules live beside this module: rules.py for assessments, codefiles.py for
Code and map files; report.py writes what they find.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.check.codedata import timescales_problems
from selfassess.check.codefiles import code_problems, map_problems
from selfassess.check.rules import RULES, RuleContext
from selfassess.check.salvage import salvage
from selfassess.code.catalogue import Catalogue
from selfassess.models import Assessment, CodeEdition
from selfassess.problems import InputError, Problem, Severity, sort_problems
from selfassess.validate import validate
from selfassess.yamlio import Document, load_file


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


@dataclass
class CheckedAssessment:
    """An assessment that loaded, with its edition and the problems found."""

    document: Document
    assessment: Assessment
    edition: CodeEdition
    problems: list[Problem]


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


def file_kind(data: dict[str, Any]) -> str:
    """Tell assessments, Code editions, maps, deadline rules, registers and reports apart by keys."""
    if "assessment" in data:
        return "report"
    if "cases" in data:
        return "casework"
    if "sections" in data:
        return "code"
    if "mappings" in data:
        return "map"
    if "rules" in data:
        return "deadlines"
    if "timescales" in data:
        return "timescales"
    return "assessment"


def load_assessment(path: Path, as_of: dt.date) -> CheckedAssessment:
    """Load and check an assessment; raise InputError if it cannot be used at all."""
    document = load_file(path)
    checked, problems = check_assessment(document, as_of)
    if checked is None:
        raise InputError(problems)
    return checked


def check_assessment(
    document: Document, as_of: dt.date
) -> tuple[CheckedAssessment | None, list[Problem]]:
    """Validate an assessment and run every rule against its edition.

    Schema problems leave out only what they affect: the rules still run on the rest,
    so one run reports every problem it can find (the assessment is then None).
    """
    salvaged = salvage(document)
    if salvaged.assessment is None:
        return None, salvaged.problems
    assessment = salvaged.assessment
    catalogue = Catalogue.near(document.path)
    edition = catalogue.edition(assessment.code)
    if edition is None:
        message = catalogue.unknown_edition(assessment.code)
        problem = document.problem("E201", ("code",), message, key=False)
        return None, [*salvaged.problems, problem]
    context = RuleContext(
        document, assessment, edition, catalogue, as_of, salvaged.set_aside, salvaged.damaged
    )
    problems = [*salvaged.problems, *(p for rule in RULES for p in rule(context))]
    if salvaged.problems:
        return None, problems
    return CheckedAssessment(document, assessment, edition, problems), problems
