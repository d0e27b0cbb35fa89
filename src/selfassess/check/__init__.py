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
from selfassess.check.kinds import file_kind
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
    kind = file_kind(document.data)
    if kind != "assessment":
        raise InputError([document.problem("E213", (), _not_an_assessment(kind), key=False)])
    checked, problems = check_assessment(document, as_of)
    if checked is None:
        raise InputError(problems)
    return checked


#: What each other kind of file is, and the command that reads it.
_OTHER_KINDS = {
    "casework": "a casework register (the Ombudsman's cases); 'selfassess plan FILE' writes its "
    "progress report",
    "report": "an annual report; 'selfassess report FILE' writes it",
    "code": "a Code edition; 'selfassess code list' shows it",
    "map": "a map between Code editions",
    "deadlines": "the submission deadlines",
    "timescales": "a Code's timescales",
}


def _not_an_assessment(kind: str) -> str:
    return (
        f"this command reads a self-assessment, and this file is {_OTHER_KINDS.get(kind, kind)} "
        "('selfassess check' checks any kind)"
    )


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
    context = RuleContext(document, assessment, edition, catalogue, as_of, salvaged.left_out)
    rules = (*RULES, *CONSISTENCY_RULES)
    problems = [*salvaged.problems, *(p for rule in rules for p in rule(context))]
    if salvaged.problems:
        return None, problems
    return CheckedAssessment(document, assessment, edition, problems), problems
