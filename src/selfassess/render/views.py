"""The typed context every public renderer reads: one object built from a checked assessment.

Public views hold owners' roles only (or names, when the assessment publishes
them); names and emails never enter this context otherwise, so no template can
leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

YES = "Yes"
NO = "No"
NOT_ANSWERED = "Not answered"
EXPLANATION_LABEL = "Explanation:"
DATE_LABEL = "Intended compliance date:"
DRAFT_BANNER = "Draft — not approved"
PRACTICE_HEADING = "Complaint handling in practice"
PRACTICE_CAPTION = "Tenant satisfaction measures CH01 and CH02, measured from the complaints log"
COLUMNS = (
    "Code provision",
    "Code requirement",
    "Comply: Yes / No",
    "Evidence",
    "Commentary / explanation",
)


class Draftable(Protocol):
    """A document that may be a draft with open problems (a self-assessment or a report)."""

    @property
    def draft(self) -> bool:
        """True while the document is not approved."""

    @property
    def problems(self) -> tuple[str, ...]:
        """The open problems, as sentences."""


@dataclass(frozen=True)
class Link:
    """A link whose text makes sense on its own."""

    text: str
    url: str | None


@dataclass(frozen=True)
class Block:
    """A paragraph of Code text, or a bullet (a line that began with "- ")."""

    text: str
    bullet: bool = False


@dataclass(frozen=True)
class Evidence:
    """One evidence item: a link, a file (title and path) or a short markdown text."""

    title: str
    url: str | None = None
    path: str | None = None
    markdown: bool = False


@dataclass(frozen=True)
class ActionView:
    """An action as the public sees it: what, who (role), when and how far."""

    do: str
    owner: str | None
    due: str | None
    status: str


@dataclass(frozen=True)
class Row:
    """One provision's row in a section table."""

    id: str
    anchor: str
    summary: str
    modality: str
    text: tuple[Block, ...] | None
    code_link: Link
    answer: str
    evidence: tuple[Evidence, ...] = ()
    commentary: str | None = None
    explanation: str | None = None
    compliance_date: str | None = None
    compliance_iso: str | None = None
    actions: tuple[ActionView, ...] = ()
    measured: str | None = None


@dataclass(frozen=True)
class Table:
    """One table of the form: a section, or a stage of section 6."""

    caption: str
    heading: str | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Counts:
    """How many provisions a section (or the whole assessment) answered which way."""

    label: str
    total: int
    yes: int
    no: int
    unanswered: int


@dataclass(frozen=True)
class SectionView:
    """A section of the Code with its tables and counts."""

    number: int
    title: str
    heading: str
    anchor: str
    tables: tuple[Table, ...]
    counts: Counts

    @property
    def rows(self) -> tuple[Row, ...]:
        """Return every row of the section, across its tables."""
        return tuple(row for table in self.tables for row in table.rows)


@dataclass(frozen=True)
class Fact:
    """A labelled fact about the assessment, such as a date."""

    label: str
    value: str
    url: str | None = None


@dataclass(frozen=True)
class Edition:
    """The Code edition assessed against."""

    id: str
    name: str
    publisher: str
    source: str | None


@dataclass(frozen=True)
class Governance:
    """The governing body, its approval and its response."""

    body: str | None
    heading: str
    response: str | None


@dataclass
class DocumentView:
    """Everything a public document shows, in the order it shows it."""

    title: str
    landlord: str
    period: str
    edition: Edition
    facts: tuple[Fact, ...]
    totals: Counts
    sections: tuple[SectionView, ...]
    governance: Governance
    draft: bool = False
    problems: tuple[str, ...] = field(default_factory=tuple)
    practice: tuple[Fact, ...] = ()
    practice_note: str | None = None

    @property
    def non_compliant(self) -> tuple[Row, ...]:
        """Return the rows answered No, in Code order."""
        return tuple(row for s in self.sections for row in s.rows if row.answer == NO)

    @property
    def rows(self) -> tuple[Row, ...]:
        """Return every row, in Code order."""
        return tuple(row for s in self.sections for row in s.rows)
