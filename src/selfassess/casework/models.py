"""The casework register's file format: the Ombudsman's cases, orders, recommendations and actions.

Field descriptions are the editor's hover text and reach the JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from selfassess.models import Action, Owner, SchemaVersion, Strict

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

CaseKind = Literal[
    "determination",
    "complaint handling failure order",
    "special investigation",
    "spotlight report",
]


def normalise_words(value: Any) -> Any:
    """Read a category in any case and spacing ("Service  Failure") as its plain words."""
    return " ".join(value.lower().split()) if isinstance(value, str) else value


Category = Annotated[str, BeforeValidator(normalise_words)]


class RegisterLandlord(Strict):
    """The landlord the cases are about."""

    name: str = Field(description="The landlord's name as published.")


class Finding(Strict):
    """The Ombudsman's finding on one complaint issue."""

    issue: str = Field(description="The complaint issue the finding is about.")
    finding: Category = Field(
        description="The Ombudsman's finding, one of: " + ", ".join(FINDINGS) + ".",
        json_schema_extra={"enum": list(FINDINGS)},
    )
    category: str | None = Field(
        default=None,
        description="Subject category for the figures (e.g. property condition); default: the case's.",
    )


class CaseAction(Action):
    """One action taken to meet a recommendation."""

    done_on: dt.date | None = Field(default=None, description="When it was done.")


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
    actions: list[CaseAction] = Field(
        default_factory=list, description="The actions that answer it."
    )


class Case(Strict):
    """A determination, complaint handling failure order, special investigation or spotlight report."""

    reference: str = Field(
        description='The Ombudsman\'s reference, unique in the register, e.g. "202312345".'
    )
    kind: CaseKind = Field(
        description="determination, complaint handling failure order, special investigation or spotlight report."
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


class Register(Strict):
    """The Ombudsman's casework about one landlord, and what is being done about it."""

    schema_version: SchemaVersion
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
