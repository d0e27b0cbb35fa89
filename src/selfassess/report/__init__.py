"""The annual complaints performance and service improvement report (Code provision 8.1).

Public API:

- ``check_report(document, as_of)``: validate a loaded report file and the files it names;
  return the loaded report (or None) and every problem. ``check`` uses it.
- ``load_report(path, as_of)``: the same from a path; raises InputError when it cannot be used.
- ``selfassess.report.build.render_report_file(path, out, options)``: check, then write
  annual-report.html, .docx, .md, figures.csv and report.json.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from selfassess.problems import InputError, Problem
from selfassess.report.council import CouncilReport, load_council
from selfassess.report.load import CheckedReport, load_report_model
from selfassess.report.model import AnnualReport
from selfassess.report.rules import check_rules
from selfassess.validate import validate
from selfassess.yamlio import Document, load_file

__all__ = ["CheckedReport", "CouncilReport", "check_report", "load_report"]


def check_report(
    document: Document, as_of: dt.date
) -> tuple[CheckedReport | CouncilReport | None, list[Problem]]:
    """Validate a report and run every rule; return the report (if usable) and the problems."""
    report = validate(document, AnnualReport)
    if report.parts is not None:  # a whole council's report: each part checked as a report
        return load_council(document, report, as_of)
    checked, problems = load_report_model(document, report, as_of)
    if checked is None:
        return None, problems
    problems = [*problems, *check_rules(checked)]
    checked.problems = problems
    return checked, problems


def load_report(path: Path, as_of: dt.date) -> CheckedReport | CouncilReport:
    """Load and check a report file; raise InputError if it cannot be used at all."""
    checked, problems = check_report(load_file(path), as_of)
    if checked is None:
        raise InputError(problems)
    return checked
