"""The annual complaints performance and service improvement report file (Code 8.1).

Field descriptions are the editor's hover text and reach the JSON Schema, so they
are written for the compliance lead who edits the YAML.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, model_validator

from selfassess.models import Approval, Evidence, SchemaVersion, Strict
from selfassess.report.measures import NAMES


def month_text(value: Any) -> Any:
    """Read a date written as a YAML date (2024-11-05) as text, like "2024-11"."""
    return value.isoformat() if isinstance(value, dt.date) else value


def real_month(value: str) -> str:
    """Refuse a month or date that does not exist, such as 2024-13."""
    try:
        dt.date.fromisoformat(value if len(value) > 7 else value + "-01")
    except ValueError:
        raise ValueError(f"{value!r} is not a real month or date; write YYYY-MM") from None
    return value


Month = Annotated[
    str,
    BeforeValidator(month_text),
    AfterValidator(real_month),
    Field(pattern=r"^\d{4}-\d{2}(-\d{2})?$", description='When, as "YYYY-MM" or a date.'),
]


class Improvement(Strict):
    """A service improvement made because of what complaints taught (item 4)."""

    theme: str = Field(description="The service area, e.g. Repairs.")
    learning: str | None = Field(default=None, description="What complaints told us (markdown).")
    change: str | None = Field(default=None, description="What we changed (markdown).")
    when: Month | None = None
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Short texts (markdown) or mappings with title and url or path.",
    )


class Publication(Strict):
    """A report or publication by the Ombudsman about the landlord (items 5 and 6)."""

    kind: str = Field(
        description="annual landlord performance report, special investigation, spotlight "
        "report, ... (an annual landlord performance report is item 5, anything else item 6)."
    )
    title: str = Field(description="The publication's title.")
    url: str | None = Field(default=None, description="Where it is published.")
    date: dt.date | None = Field(default=None, description="When it was published.")
    summary: str | None = Field(
        default=None, description="What it said, and what we did (markdown)."
    )


class Satisfaction(Strict):
    """The Regulator's tenant perception measure of complaint handling."""

    complaints_handling: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="TP09: per cent of respondents who complained and were satisfied with "
        "the approach to complaint handling.",
    )


class Benchmark(Strict):
    """Another body's published figure for a measure this report computes, with its source."""

    measure: str = Field(
        description="The measure compared, one of: "
        + ", ".join(NAMES)
        + " (case and spaces do not matter)."
    )
    value: float = Field(description="The published figure (a per cent without the % sign).")
    what: str = Field(
        description='What the figure is, e.g. "median of landlords with 1,000 or more homes, '
        'TSM 2024/25".'
    )
    source: str = Field(
        pattern=r"^https?://\S+$",
        description="The address (http or https) where the figure is published.",
    )


class Scrutiny(Strict):
    """A meeting that scrutinised the report."""

    body: str = Field(description="Who scrutinised it, e.g. Housing Scrutiny Committee.")
    date: dt.date = Field(description="The date of the meeting.")
    minute: str | None = Field(default=None, description='The minute reference, e.g. "HSC 7/25".')


class ReportGovernance(Strict):
    """Who scrutinised the report, who approved it, and what they said."""

    governing_body: str | None = Field(default=None, description="Cabinet, Board, ...")
    member_responsible_for_complaints: str | None = Field(
        default=None, description="The member of the governing body with lead responsibility."
    )
    scrutiny: list[Scrutiny] = Field(default_factory=list, description="Scrutiny meetings.")
    approval: Approval | None = Field(
        default=None, description="Recorded once the governing body has approved the report."
    )
    response: str | None = Field(
        default=None, description="The governing body's response, published alongside (markdown)."
    )
    mrc_statement: str | None = Field(
        default=None,
        description="The member responsible for complaints' statement (markdown).",
    )


class ReportPart(Strict):
    """One part of a whole council's report: its services, against its own Code, items 1-6."""

    title: str = Field(description="The part's heading, e.g. Housing services.")
    assessment: str = Field(
        description="The part's self-assessment (item 1), relative to this file; its Code, "
        "log and answers are the part's."
    )
    casework: str | None = Field(
        default=None, description="The part's Ombudsman casework register (items 3, 5 and 6)."
    )
    analysis: str | None = Field(default=None, description="Item 2 in words (markdown).")
    refusals: str | None = Field(
        default=None, description="Words beside the counted reasons complaints were refused."
    )
    findings: str | None = Field(default=None, description="Item 3 in words (markdown).")
    improvements: list[Improvement] = Field(
        default_factory=list, description="Item 4: the service improvements made."
    )
    publications: list[Publication] = Field(
        default_factory=list, description="Items 5 and 6 beside the register's."
    )
    publications_note: str | None = Field(
        default=None, description="Items 5 and 6 in words (markdown)."
    )
    satisfaction: Satisfaction | None = None
    benchmarks: list[Benchmark] = Field(
        default_factory=list,
        description="Published figures to compare the part's own with, each with what it is "
        "and its source.",
    )


#: The part's own keys, which a part's report takes from it (the rest from the whole report).
PART_KEYS = tuple(name for name in ReportPart.model_fields if name != "title")


class AnnualReport(Strict):
    """A landlord's annual complaints performance and service improvement report."""

    schema_version: SchemaVersion
    assessment: str | None = Field(
        default=None,
        description="The self-assessment (item 1), relative to this file; it also gives the "
        "landlord, the period and the complaints log. A whole council's report gives parts: "
        "instead.",
    )
    parts: list[ReportPart] | None = Field(
        default=None,
        min_length=1,
        description="A whole council's report: one part per Code (housing services against the "
        "Housing Ombudsman's, other services against the LGSCO's), each with its own "
        "assessment, casework and items; instead of assessment:.",
    )
    period: str | None = Field(
        default=None,
        description='The year reported on, e.g. "2024-25" (default: the assessment\'s).',
    )
    status: Literal["draft", "approved", "published"] = Field(
        default="draft", description="draft, approved (by the governing body) or published."
    )
    previous: str | None = Field(
        default=None, description="Last year's report, for year-on-year columns."
    )
    casework: str | None = Field(
        default=None, description="The Ombudsman casework register (items 3, 5 and 6)."
    )
    analysis: str | None = Field(
        default=None,
        description="Item 2's qualitative analysis (markdown); figures come from the log.",
    )
    refusals: str | None = Field(
        default=None, description="Words beside the counted reasons complaints were refused."
    )
    findings: str | None = Field(
        default=None,
        description="Item 3: the Ombudsman's findings of non-compliance with the Code and what "
        "was done (markdown); write that there were none if there were none.",
    )
    improvements: list[Improvement] = Field(
        default_factory=list, description="Item 4: the service improvements made."
    )
    publications: list[Publication] = Field(
        default_factory=list,
        description="Items 5 and 6 when there is no casework register, or beside it.",
    )
    publications_note: str | None = Field(
        default=None,
        description="Items 5 and 6 in words, e.g. that the Ombudsman published nothing about us "
        "this year (markdown).",
    )
    satisfaction: Satisfaction | None = None
    benchmarks: list[Benchmark] = Field(
        default_factory=list,
        description="Published figures to compare ours with, each with what it is and its source.",
    )
    governance: ReportGovernance = Field(default_factory=ReportGovernance)

    @model_validator(mode="after")
    def _assessment_or_parts(self) -> AnnualReport:
        if (self.assessment is None) == (self.parts is None):
            raise ValueError("give either assessment: (one self-assessment) or parts:, not both")
        if self.parts is not None:
            given = [name for name in (*PART_KEYS, "previous") if name in self.model_fields_set]
            if given:
                raise ValueError(
                    f"with parts:, give {', '.join(given)} in each part, not for the whole report"
                )
        return self
