"""Check an assessment: validate it, salvage what it can, and run every rule against its edition.

Beside this module: dispatch.py checks a file of any kind, kinds.py tells the kinds
apart, rules.py holds the assessment's rules, codefiles.py those of Code and map files,
output.py writes what they find, schema.py the JSON Schemas of every kind.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from selfassess.check.consistency import RULES as CONSISTENCY_RULES
from selfassess.check.rules import RULES, RuleContext
from selfassess.check.salvage import salvage
from selfassess.code.catalogue import Catalogue
from selfassess.models import Assessment, CodeEdition
from selfassess.problems import InputError, Problem
from selfassess.yamlio import Document, load_file


@dataclass
class CheckedAssessment:
    """An assessment that loaded, with its edition and the problems found."""

    document: Document
    assessment: Assessment
    edition: CodeEdition
    problems: list[Problem]


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
        document,
        assessment,
        edition,
        catalogue,
        as_of,
        salvaged.set_aside,
        salvaged.damaged,
        salvaged.left_out,
    )
    rules = (*RULES, *CONSISTENCY_RULES)
    problems = [*salvaged.problems, *(p for rule in rules for p in rule(context))]
    if salvaged.problems:
        return None, problems
    return CheckedAssessment(document, assessment, edition, problems), problems
