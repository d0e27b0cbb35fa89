"""The one typed context the annual report's writers read (HTML, Markdown, Word, CSV, JSON).

Like the self-assessment's view, it holds owners' roles only; names and emails never
enter it, so no writer can publish them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from selfassess.assessment import view as v
from selfassess.report.benchmarks import BenchmarkRow
from selfassess.report.tables import FigureTable

if TYPE_CHECKING:
    from selfassess.practice.figures import PracticeFigures


class Periods(Protocol):
    """What a figure table's headings need: the year, and last year's if shown."""

    @property
    def period(self) -> str:
        """Return the year reported on."""

    @property
    def previous_period(self) -> str | None:
        """Return last year, when its figures are shown beside this year's."""


@dataclass(frozen=True)
class Heading:
    """A part of the report: its anchor and its heading."""

    anchor: str
    text: str


#: The report's parts in the order they are published; items 1-6 are Code provision 8.1's.
SUMMARY = Heading("summary", "Summary of key figures")
ITEM_2 = Heading("item-2", "Item 2: Our complaint handling performance")
ITEM_3 = Heading("item-3", "Item 3: The Ombudsman's findings of non-compliance with the Code")
ITEM_4 = Heading("item-4", "Item 4: Service improvements from learning from complaints")
ITEM_5 = Heading("item-5", "Item 5: The Ombudsman's annual report about our performance")
ITEM_6 = Heading("item-6", "Item 6: Other reports and publications by the Ombudsman about us")
GOVERNANCE = Heading("governance", "Governance and scrutiny")
ITEM_1 = Heading("item-1", "Item 1: Our self-assessment against the Complaint Handling Code")
PARTS = (SUMMARY, ITEM_2, ITEM_3, ITEM_4, ITEM_5, ITEM_6, GOVERNANCE, ITEM_1)


@dataclass(frozen=True)
class ImprovementView:
    """A service improvement: what complaints taught, what changed, when, and evidence."""

    theme: str
    learning: str | None
    change: str | None
    when: str | None
    evidence: tuple[v.Evidence, ...]
    measured: None = None  # the shared evidence partial shows a row's measured figure; none here


@dataclass(frozen=True)
class PublicationView:
    """A report or publication by the Ombudsman about the landlord."""

    kind: str
    title: str
    url: str | None
    date: str | None
    summary: str | None


@dataclass(frozen=True)
class CaseView:
    """A case in which the Ombudsman looked at our complaint handling, and what we did."""

    reference: str
    kind: str
    date: str | None
    subject: str | None
    findings: tuple[str, ...]
    orders: tuple[str, ...]


@dataclass(frozen=True)
class GovernanceView:
    """Who scrutinised and approved the report, and what they said."""

    body: str | None
    member: str | None
    scrutiny: tuple[str, ...]
    approval: str | None
    response_heading: str
    response: str | None
    mrc_statement: str | None


@dataclass(frozen=True)
class SelfAssessmentView:
    """Item 1: the self-assessment's answers, the gaps, what changed, and where it is."""

    title: str
    status: str
    by_section: FigureTable
    non_compliant: tuple[v.Row, ...]
    changes: tuple[str, ...]
    compared_with: str | None
    documents: tuple[v.Link, ...]


@dataclass(frozen=True)
class ReportView:
    """Everything the annual report shows, in the order it shows it."""

    title: str
    landlord: str
    period: str
    previous_period: str | None
    draft: bool
    problems: tuple[str, ...]
    facts: tuple[v.Fact, ...]
    key_figures: FigureTable
    shares_note: str | None  # how the shares beside counts are worked out, said once
    benchmarks: tuple[BenchmarkRow, ...]
    performance: tuple[FigureTable, ...]
    log_note: str | None
    method_notes: tuple[str, ...]  # how overturns, upheld rates and small groups are counted
    refusal_tables: tuple[FigureTable, ...]
    log_figures: PracticeFigures | None
    analysis: str | None
    refusals: str | None
    findings: str | None
    findings_tables: tuple[FigureTable, ...]
    findings_note: str | None  # why last year's register's figures are not beside this year's
    findings_cases: tuple[CaseView, ...]
    improvements: tuple[ImprovementView, ...]
    landlord_reports: tuple[PublicationView, ...]
    other_publications: tuple[PublicationView, ...]
    publications_note: str | None
    governance: GovernanceView
    self_assessment: SelfAssessmentView
    ombudsman: str = "the Housing Ombudsman"  # whose Code the self-assessment is against

    @property
    def notice(self) -> v.DraftNotice | None:
        """Return what the draft banner shows (the banner only), or None for an approved report."""
        return v.DraftNotice() if self.draft else None

    @property
    def tables(self) -> tuple[FigureTable, ...]:
        """Return every figure table in the order the report shows them."""
        return (
            self.key_figures,
            *self.performance,
            *self.refusal_tables,
            *self.findings_tables,
            self.self_assessment.by_section,
        )
