"""A whole council's annual report (`parts:`): each part loaded and checked as a report of its own.

A part is a report whose assessment, casework and items 1-6 are the part's, and whose period,
status and governance are the whole report's. Each part's problems are placed at its keys
under `parts:`; the governing body's response, and a draft's approval, are checked once, at
the whole report's keys.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from selfassess.problems import Problem
from selfassess.report.load import CheckedReport, load_report_model
from selfassess.report.model import PART_KEYS, AnnualReport
from selfassess.yamlio import Document, KeyPath


@dataclass
class CheckedPart:
    """One part of the council's report: its heading, its anchor and the report it makes."""

    title: str
    slug: str
    checked: CheckedReport


@dataclass
class CouncilReport:
    """A whole council's report that loaded: its parts and every problem found."""

    document: Document
    report: AnnualReport
    parts: list[CheckedPart]
    problems: list[Problem] = field(default_factory=list)

    @property
    def period(self) -> str:
        """Return the year the report covers (its own, else its first part's)."""
        return self.report.period or self.parts[0].checked.period


def slug(title: str, taken: set[str]) -> str:
    """Return a part's anchor and folder name from its title, unique in the report."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "part"
    name, number = base, 1
    while name in taken:
        number += 1
        name = f"{base}-{number}"
    taken.add(name)
    return name


def part_document(document: Document, index: int) -> Document:
    """Return a part as a document of its own, each mark where the part's key is written."""
    prefix: KeyPath = ("parts", index)

    def under(marks: dict[KeyPath, object]) -> dict[KeyPath, object]:
        return {path[2:]: mark for path, mark in marks.items() if path[:2] == prefix}

    return Document(
        document.path,
        document.data["parts"][index],
        under(document.keys),  # type: ignore[arg-type]
        under(document.values),  # type: ignore[arg-type]
        document.path_display,
    )


def part_report(report: AnnualReport, index: int) -> AnnualReport:
    """Return a part as a report: its own keys, and the whole report's period, status, governance."""
    assert report.parts is not None
    part = report.parts[index]
    own = {name: getattr(part, name) for name in PART_KEYS}
    return report.model_copy(update={**own, "parts": None})


def load_council(
    document: Document, report: AnnualReport, as_of: dt.date
) -> tuple[CouncilReport | None, list[Problem]]:
    """Load and check every part; None when a part cannot be used at all."""
    from selfassess.report.rules import COUNCIL_RULES, PART_RULES

    assert report.parts is not None
    parts, problems, taken = [], [], set[str]()
    for index, part in enumerate(report.parts):
        sub = part_document(document, index)
        checked, found = load_report_model(sub, part_report(report, index), as_of)
        problems += found
        if checked is not None:
            problems += [p for rule in PART_RULES for p in rule(checked)]
            parts.append(CheckedPart(part.title, slug(part.title, taken), checked))
    if len(parts) < len(report.parts):
        return None, problems
    # The whole report's own keys: a part's document knows only those under parts[i].
    whole = replace(parts[0].checked, document=document)
    problems += [p for rule in COUNCIL_RULES for p in rule(whole)]
    return CouncilReport(document, report, parts, problems), problems
