"""The typed context every public renderer reads: one object built from a checked assessment.

Public views hold owners' roles only (or names, when the assessment publishes
them); names and emails never enter this context otherwise, so no template can
leak them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from selfassess.render.pieces import (
    DATE_LABEL as DATE_LABEL,
)
from selfassess.render.pieces import (
    DRAFT_BANNER as DRAFT_BANNER,
)
from selfassess.render.pieces import (
    EXPLANATION_LABEL as EXPLANATION_LABEL,
)
from selfassess.render.pieces import (
    NO as NO,
)
from selfassess.render.pieces import (
    NOT_ANSWERED as NOT_ANSWERED,
)
from selfassess.render.pieces import (
    NOT_YET_ANSWERED as NOT_YET_ANSWERED,
)
from selfassess.render.pieces import (
    OPEN_PROBLEMS as OPEN_PROBLEMS,
)
from selfassess.render.pieces import (
    PRACTICE_CAPTION as PRACTICE_CAPTION,
)
from selfassess.render.pieces import (
    PRACTICE_HEADING as PRACTICE_HEADING,
)
from selfassess.render.pieces import (
    YES as YES,
)
from selfassess.render.pieces import (
    Counts as Counts,
)
from selfassess.render.pieces import (
    Draftable as Draftable,
)
from selfassess.render.pieces import (
    DraftNotice as DraftNotice,
)
from selfassess.render.pieces import (
    Evidence as Evidence,
)
from selfassess.render.pieces import (
    Fact as Fact,
)
from selfassess.render.pieces import (
    Link as Link,
)

if TYPE_CHECKING:
    from selfassess.practice.figures import PracticeFigures

#: A draft names this many unanswered provisions at most; past it, it says how many.
LISTED_UNANSWERED = 10


@dataclass(frozen=True)
class Block:
    """A paragraph of Code text, or a bullet (a line that began with "- ")."""

    text: str
    bullet: bool = False


#: Code text as paragraphs ("p", one line) and runs of bullets ("ul", their lines).
TextGroups = tuple[tuple[str, tuple[str, ...]], ...]


def grouped(blocks: tuple[Block, ...]) -> TextGroups:
    """Group the Code's lines into paragraphs ("p") and runs of bullets ("ul")."""
    groups: list[tuple[str, list[str]]] = []
    for block in blocks:
        if block.bullet and groups and groups[-1][0] == "ul":
            groups[-1][1].append(block.text)
        else:
            groups.append(("ul" if block.bullet else "p", [block.text]))
    return tuple((kind, tuple(lines)) for kind, lines in groups)


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

    @property
    def plain_words(self) -> str:
        """Return the provision in plain words, as a draft's list names it ("6.10: summary")."""
        return f"{self.id}: {self.summary}"

    @property
    def text_groups(self) -> TextGroups:
        """Return the Code's text as paragraphs and runs of bullets (none if not bundled)."""
        return grouped(self.text or ())


@dataclass(frozen=True)
class Table:
    """One table of the form: a section, or a stage of section 6."""

    caption: str
    heading: str | None
    rows: tuple[Row, ...]


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

    @property
    def non_compliant(self) -> tuple[Row, ...]:
        """Return the section's rows answered No."""
        return tuple(row for row in self.rows if row.answer == NO)


@dataclass(frozen=True)
class Edition:
    """The Code edition assessed against, and how its self-assessment form is laid out."""

    id: str
    name: str
    publisher: str
    source: str | None
    columns: tuple[str, ...]  # the form's five column headings, in order (the Code's form:)
    submission: tuple[tuple[str, str], ...]  # submission.csv's columns: (heading, value); () none
    answer_words: tuple[str, str, str]  # how submission.csv writes yes, no and unanswered
    #: Whether the edition tells must from should (the 2022 Code); the 2024 Code's are all must.
    has_should: bool = False
    ombudsman: str = "the Housing Ombudsman"
    #: The section-level summary's three column headings, when the Code's form asks for one.
    section_summary: tuple[str, str, str] | None = None
    tenant_measures: bool = True  # whether the Regulator's CH01 and CH02 apply


@dataclass(frozen=True)
class SectionLine:
    """One row of the section-level summary: the section, whether we follow it, and why."""

    heading: str
    anchor: str
    follows: str  # Yes, Partly, No or Not yet answered
    explanation: str


@dataclass(frozen=True)
class Governance:
    """The governing body, its approval and its response."""

    body: str | None
    heading: str
    response: str | None
    approval: str | None = None  # the date approved, with the minute, e.g. "18 June 2025 (...)"

    @property
    def title(self) -> str:
        """Return the heading of the approval and response, as one part of the document."""
        return f"Approval and {self.heading}" if self.response else "Approval"

    @property
    def approval_note(self) -> str:
        """Return the approval in a few words, as the fragment index shows it."""
        return f"approved {self.approval}" if self.approval else "not yet approved"


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
    practice_caption: str = PRACTICE_CAPTION
    practice_note: str | None = None
    #: The measured figures, for summary.json (None when no log was measured).
    practice_figures: PracticeFigures | None = None
    submitted_on: str | None = None  # ISO date
    submission_reference: str | None = None
    #: The section-level summary, when the Code's form asks for one (else empty).
    section_lines: tuple[SectionLine, ...] = ()

    @property
    def unanswered_text(self) -> str:
        """Return the sentence that says how many provisions are unanswered ("" if none)."""
        return self.totals.still_unanswered if self.totals.unanswered else ""

    @property
    def no_gaps_text(self) -> str:
        """Say there are no gaps, claiming compliance with every provision only when all are answered."""
        if self.totals.unanswered:
            return f"No provision is answered No so far, but {self.unanswered_text}"
        return "We comply with every provision we assessed."

    @property
    def non_compliant(self) -> tuple[Row, ...]:
        """Return the rows answered No, in Code order."""
        return tuple(row for s in self.sections for row in s.non_compliant)

    @property
    def notice(self) -> DraftNotice | None:
        """Return what the draft banner shows, or None for an approved document."""
        if not self.draft:
            return None
        rows = self.unanswered
        if len(rows) > LISTED_UNANSWERED:
            return DraftNotice(
                unanswered=(f"{len(rows)} provisions, each marked {NOT_ANSWERED} below",)
            )
        return DraftNotice(unanswered=tuple(row.plain_words for row in rows))

    @property
    def unanswered(self) -> tuple[Row, ...]:
        """Return the rows not yet answered, in Code order."""
        return tuple(row for row in self.rows if row.answer == NOT_ANSWERED)

    @property
    def rows(self) -> tuple[Row, ...]:
        """Return every row, in Code order."""
        return tuple(row for s in self.sections for row in s.rows)
