"""Check files: assessments, Code editions and edition maps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from selfassess.check.rules import RULES, RuleContext
from selfassess.code.catalogue import Catalogue
from selfassess.code.deadlines import DeadlineRules
from selfassess.code.timescales import Timescales
from selfassess.models import Assessment, CodeEdition, EditionMap, Provision, Section, id_key
from selfassess.problems import InputError, Problem, Severity, error, sort_problems, warning
from selfassess.safety import is_safe_url
from selfassess.validate import validate
from selfassess.wording import shorten
from selfassess.yamlio import Document, KeyPath, load_file


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


def check_files(paths: list[Path], as_of: dt.date) -> Report:
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
            return list(_code_problems(document))
        if kind == "map":
            return list(_map_problems(document))
        if kind == "deadlines":
            validate(document, DeadlineRules)
            return []
        if kind == "report":
            from selfassess.report import check_report

            return check_report(document, as_of)[1]
        if kind == "casework":
            from selfassess.casework import check_register

            return check_register(document, as_of).problems
        if kind == "timescales":
            validate(document, Timescales)
            return []
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
    """Validate an assessment and run every rule against its edition."""
    assessment = validate(document, Assessment)
    catalogue = Catalogue.near(document.path)
    edition = catalogue.edition(assessment.code)
    if edition is None:
        known = ", ".join(catalogue.edition_ids()) or "none found"
        mark = document.value_mark(("code",))
        problem = error(
            document.path_display,
            mark.line,
            mark.col,
            "E201",
            f"unknown Code edition '{assessment.code}' (known: {known})",
        )
        return None, [problem]
    context = RuleContext(document, assessment, edition, catalogue, as_of)
    problems = [p for rule in RULES for p in rule(context)]
    return CheckedAssessment(document, assessment, edition, problems), problems


def _code_problems(document: Document) -> Iterator[Problem]:
    edition = validate(document, CodeEdition)
    seen: set[str] = set()
    previous: tuple[int, ...] = ()
    shown = document.path_display
    if not is_safe_url(edition.source):
        mark = document.value_mark(("source",))
        yield warning(shown, mark.line, mark.col, "W310", _unsafe_source(edition.source))
    for section, provision, path in _provision_paths(edition):
        number = id_key(provision.id)
        where = document.value_mark(path)
        if provision.id in seen:
            yield error(
                shown, where.line, where.col, "E209", f"provision {provision.id} is listed twice"
            )
        elif number and number[0] != section.number:
            message = f"provision {provision.id} is in section {section.number}"
            yield error(shown, where.line, where.col, "E209", message)
        elif number <= previous:
            after = ".".join(map(str, previous))
            message = f"provision {provision.id} is out of order (after {after})"
            yield error(shown, where.line, where.col, "E209", message)
        if (
            provision.source
            and not is_safe_url(provision.source)
            and provision.source[:5] != "form "
        ):
            mark = document.value_mark((*path, "source"))
            yield warning(shown, mark.line, mark.col, "W310", _unsafe_source(provision.source))
        seen.add(provision.id)
        previous = max(previous, number)


def _provision_paths(edition: CodeEdition) -> Iterator[tuple[Section, Provision, KeyPath]]:
    """Yield each provision with its section and its key path in the file."""
    for s_index, section in enumerate(edition.sections):
        if section.parts is not None:
            for p_index, part in enumerate(section.parts):
                for index, provision in enumerate(part.provisions):
                    yield (
                        section,
                        provision,
                        ("sections", s_index, "parts", p_index, "provisions", index),
                    )
        for index, provision in enumerate(section.provisions or []):
            yield section, provision, ("sections", s_index, "provisions", index)


def _unsafe_source(url: str) -> str:
    shown = shorten(url)
    return (
        f"source {shown!r} is not an http, https or mailto link; it will be published as plain text"
    )


def _map_problems(document: Document) -> Iterator[Problem]:
    edition_map = validate(document, EditionMap)
    catalogue = Catalogue.near(document.path)
    editions = {}
    for key in ("from_edition", "to_edition"):
        edition_id = getattr(edition_map, key)
        editions[key] = catalogue.edition(edition_id)
        if editions[key] is None:
            mark = document.value_mark((key,))
            yield error(
                document.path_display,
                mark.line,
                mark.col,
                "E201",
                f"unknown Code edition '{edition_id}'",
            )
    old, new = editions["from_edition"], editions["to_edition"]
    if old is None or new is None:
        return
    for index, entry in enumerate(edition_map.mappings):
        mark = document.value_mark(("mappings", index))
        if old.provision(entry.from_) is None:
            yield error(
                document.path_display,
                mark.line,
                mark.col,
                "E208",
                f"{old.id} has no provision {entry.from_}",
            )
        for target in entry.to:
            if new.provision(target) is None:
                yield error(
                    document.path_display,
                    mark.line,
                    mark.col,
                    "E208",
                    f"{new.id} has no provision {target}",
                )
        if (entry.relation == "removed") != (not entry.to):
            yield error(
                document.path_display,
                mark.line,
                mark.col,
                "E208",
                f"{entry.from_}: 'removed' goes with an empty to: list, and only it",
            )
