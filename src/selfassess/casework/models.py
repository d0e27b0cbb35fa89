"""The casework register's file format: the Ombudsman's cases, orders, recommendations and actions.

Field descriptions are the editor's hover text and reach the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from selfassess.models import Action, Owner, SchemaVersion, Strict, is_overdue
from selfassess.wording import fold

#: The Ombudsman's findings, most serious first (the order figures are given in).
FINDINGS = (
    "severe maladministration",
    "maladministration",
    "service failure",
    "mediation",
    "reasonable redress",
    "no maladministration",
    "outside jurisdiction",
    "withdrawn",
)
#: Findings counted in the maladministration rate's numerator.
ADVERSE = FINDINGS[:3]
#: Findings left out of the rate altogether: nothing was decided.
UNDECIDED = ("outside jurisdiction", "withdrawn")

#: The Local Government and Social Care Ombudsman's decisions, most serious first.
LGSCO_FINDINGS = (
    "upheld with injustice",
    "upheld with no injustice",
    "remedied satisfactorily by the council",
    "not upheld",
    "closed after initial enquiries",
    "premature",
    "not for us",
)
#: The LGSCO's upheld decisions (a remedy the council gave before the LGSCO acted is upheld).
LGSCO_UPHELD = LGSCO_FINDINGS[:3]
#: The decisions the LGSCO investigated in detail: its upheld rate's denominator.
LGSCO_INVESTIGATED = LGSCO_FINDINGS[:4]
#: Each Ombudsman's findings, by the register's `ombudsman:`.
FINDINGS_OF = {"housing": FINDINGS, "lgsco": LGSCO_FINDINGS}
#: Each Ombudsman's kinds of case.
KINDS_OF = {
    "housing": (
        "determination",
        "complaint handling failure order",
        "special investigation",
        "spotlight report",
    ),
    "lgsco": ("decision", "public report"),
}
#: How each Ombudsman is named where a row must say whose it is.
OMBUDSMAN_NAMES = {"housing": "Housing Ombudsman", "lgsco": "LGSCO"}

Ombudsman = Literal["housing", "lgsco"]
CaseKind = Literal[
    "determination",
    "complaint handling failure order",
    "special investigation",
    "spotlight report",
    "decision",
    "public report",
]


def normalise_words(value: Any) -> Any:
    """Read a category in any case and spacing ("Service  Failure") as its plain words."""
    return fold(value) if isinstance(value, str) else value


Category = Annotated[str, BeforeValidator(normalise_words)]


class RegisterLandlord(Strict):
    """The landlord the cases are about."""

    name: str = Field(description="The landlord's name as published.")


class Finding(Strict):
    """The Ombudsman's finding on one complaint issue."""

    issue: str = Field(description="The complaint issue the finding is about.")
    finding: Category = Field(
        description="The Ombudsman's finding. The Housing Ombudsman's: "
        + ", ".join(FINDINGS)
        + ". The LGSCO's: "
        + ", ".join(LGSCO_FINDINGS)
        + ".",
        json_schema_extra={"enum": [*FINDINGS, *LGSCO_FINDINGS]},
    )
    category: str | None = Field(
        default=None,
        description="Subject category for the figures (e.g. property condition); default: the case's.",
    )


class ProgressNote(Strict):
    """A dated note of progress, as reported to the committee."""

    on: dt.date = Field(description="The date of the note.")
    note: str = Field(description="What happened (markdown).")


class Revision(Strict):
    """A due date moved: to when, why, who agreed it and when."""

    to: dt.date = Field(description="The new due date.")
    reason: str = Field(description="Why the date moved.")
    agreed_by: str = Field(
        description="Who agreed the new date, e.g. Housing Scrutiny Committee or the Ombudsman."
    )
    on: dt.date = Field(description="The date the new due date was agreed.")


class CaseAction(Action):
    """One action taken to meet a recommendation."""

    done_on: dt.date | None = Field(default=None, description="When it was done.")
    revised: list[Revision] = Field(
        default_factory=list,
        description="Each time the due date moved, in the order agreed; `due` stays the first "
        "date set, and the last `to` is the date it is now due.",
    )
    progress: list[ProgressNote] = Field(
        default_factory=list, description="Dated progress notes (markdown)."
    )

    @property
    def current_due(self) -> dt.date | None:
        """Return the date it is due now: the last revision's, or the first date set."""
        return self.revised[-1].to if self.revised else self.due

    def is_overdue(self, as_of: dt.date) -> bool:
        """Tell whether it was due (as now agreed) before as_of and is not done."""
        return is_overdue(self.current_due, self.status, as_of)


#: More than any Ombudsman has ordered by a factor of a thousand: a larger figure is a typing
#: error, and no sum of them can grow past what a Decimal or a JSON number holds.
MAX_COMPENSATION = Decimal(1_000_000_000)


class Order(CaseAction):
    """Something the Ombudsman ordered, to be complied with by a date."""

    do: str = Field(description="What the Ombudsman ordered.")
    due: dt.date | None = Field(default=None, description="The date set for compliance.")
    done_on: dt.date | None = Field(
        default=None, description="Required when done: the date complied with."
    )
    compensation: Decimal | None = Field(
        default=None,
        ge=0,
        le=MAX_COMPENSATION,
        decimal_places=2,
        allow_inf_nan=False,
        description="Compensation ordered, in pounds (e.g. 1200), at most 1,000,000,000.",
    )


class Recommendation(Strict):
    """A recommendation the Ombudsman made, and the actions that answer it."""

    id: str = Field(description='The recommendation\'s number in the report, e.g. "R1".')
    text: str = Field(description="The recommendation, as the Ombudsman wrote it or summarised.")
    due: dt.date | None = Field(
        default=None,
        description="The date the Ombudsman set for compliance (the LGSCO sets one for each "
        "recommendation); complied with on time when every action was done by then.",
    )
    compensation: Decimal | None = Field(
        default=None, ge=0, decimal_places=2, description="A payment recommended, in pounds."
    )
    area: str | None = Field(
        default=None,
        description="The area the plan reports it under, e.g. damp and mould, complaint handling.",
    )
    sro: str | None = Field(
        default=None, description="The senior responsible officer: a key of `owners`."
    )
    progress: list[ProgressNote] = Field(
        default_factory=list, description="Dated progress notes on the recommendation (markdown)."
    )
    actions: list[CaseAction] = Field(
        default_factory=list, description="The actions that answer it."
    )


class Case(Strict):
    """A determination, complaint handling failure order, special investigation or spotlight report."""

    reference: str = Field(
        description='The Ombudsman\'s reference, unique in the register, e.g. "202312345".'
    )
    kind: CaseKind = Field(
        description="The Housing Ombudsman's: determination, complaint handling failure order, "
        "special investigation or spotlight report. The LGSCO's: decision or public report."
    )
    date: dt.date | None = Field(default=None, description="The date of the decision or report.")
    subject: str | None = Field(default=None, description="What the case is about, in a few words.")
    category: str | None = Field(
        default=None, description="Subject category for the figures (e.g. property condition)."
    )
    url: str | None = Field(default=None, description="Where the decision or report is published.")
    findings: list[Finding] = Field(
        default_factory=list, description="One per complaint issue decided."
    )
    orders: list[Order] = Field(
        default_factory=list, description="What must be complied with, by when."
    )
    recommendations: list[Recommendation] = Field(
        default_factory=list, description="Recommendations, each with the actions that answer it."
    )


class Publication(Strict):
    """A report or publication by the Ombudsman about the landlord (annual report items 5 and 6)."""

    kind: str = Field(description="e.g. annual landlord performance report, special report.")
    title: str = Field(description="The publication's title.")
    url: str | None = Field(default=None, description="Where it is published.")
    date: dt.date | None = Field(default=None, description="When it was published.")


class ReviewLetter(Strict):
    """The LGSCO's annual review letter's figures about the council, as the letter gives them."""

    year: str = Field(description='The year the letter covers, e.g. "2024-25".')
    date: dt.date | None = Field(default=None, description="The letter's date.")
    complaints_decided: int = Field(ge=0, description="Complaints and enquiries decided.")
    investigated: int = Field(ge=0, description="Complaints investigated in detail.")
    upheld_rate: float | None = Field(
        default=None, ge=0, le=100, description="Per cent of the investigated complaints upheld."
    )
    similar_councils_upheld_rate: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="The average upheld rate of similar councils, per cent, as the letter gives it.",
    )
    compliance_rate: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Per cent of cases in which the council complied with the recommendations.",
    )
    satisfactory_remedies: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Per cent of upheld cases in which the council had already given a "
        "satisfactory remedy before the complaint reached the Ombudsman.",
    )
    source: str = Field(description="Where the letter or its figures are published (a URL).")


class Register(Strict):
    """The Ombudsman's casework about one landlord, and what is being done about it."""

    schema_version: SchemaVersion
    ombudsman: Ombudsman = Field(
        default="housing",
        description="Whose casework this is: housing (the Housing Ombudsman, default) or lgsco "
        "(the Local Government and Social Care Ombudsman, for a council's other services).",
    )
    landlord: RegisterLandlord
    period: str | None = Field(
        default=None, description='The year the register covers, e.g. "2024-25".'
    )
    publish_owner_names: bool = Field(
        default=False,
        description="true to show owners' names and emails in public documents, not just roles.",
    )
    owners: dict[str, Owner] = Field(
        default_factory=dict, description="Who acts, by a short key used in orders and actions."
    )
    owners_from: str | None = Field(
        default=None,
        description="An assessment (relative to this file) whose owners this register uses too.",
    )
    cases: list[Case] = Field(description="Every case the landlord must act on.")
    publications: list[Publication] = Field(
        default_factory=list,
        description="Reports and publications by the Ombudsman about the landlord.",
    )
    review_letter: ReviewLetter | None = Field(
        default=None,
        description="The LGSCO's annual review letter's figures (an lgsco register only).",
    )
