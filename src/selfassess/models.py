"""The file formats: a Code edition, an edition map and an assessment.

Field descriptions are the editor's hover text and reach the JSON Schemas, so
they are written for the compliance lead who edits the YAML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from selfassess.wording import fold, header_key

SCHEMA_VERSIONS = (1,)
#: A month and day, "MM-DD", in ASCII digits (a regex's \\d would take any script's digits).
MONTH_DAY = r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"
#: The landlord's name `import` writes when the document does not say it; `check` refuses it.
PLACEHOLDER_LANDLORD = "Name of landlord"

Modality = Literal["must", "should", "mixed"]
Answer = Literal["yes", "no"]
ActionStatus = Literal["not started", "in progress", "done"]
Relation = Literal["same", "reworded", "split", "merged", "removed"]


class Strict(BaseModel):
    """Base for every model: unknown fields are errors, numbers may stand for text.

    Validators are built on first use (defer_build), so a command pays only for the
    formats it reads: `check` of an assessment never builds the map or deadline models.
    """

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, defer_build=True)


def unknown_version(value: object) -> str:
    """Say that a file's schema_version is not one this release reads (E111)."""
    versions = ", ".join(str(v) for v in SCHEMA_VERSIONS)
    return (
        f"schema_version {value} is not one this release reads (it reads {versions}); "
        "upgrade selfassess or use a version it reads"
    )


def check_schema_version(value: int) -> int:
    """Refuse a format version this release does not read."""
    if value not in SCHEMA_VERSIONS:
        raise ValueError(unknown_version(value))
    return value


#: How people write yes and no (YAML 1.1's booleans among them), in lower case.
ANSWER_WORDS = {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no"}


def normalise_answer(value: Any) -> Any:
    """Read yes, y, true, no, n and false in any case, and booleans, as the words yes and no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return ANSWER_WORDS.get(value.strip().lower(), value)
    return value


SchemaVersion = Annotated[
    int,
    AfterValidator(check_schema_version),
    Field(description="Version of this file format. This release reads version 1."),
]
YesNo = Annotated[Answer | None, BeforeValidator(normalise_answer)]


def is_overdue(due: dt.date | None, status: str, as_of: dt.date) -> bool:
    """Tell whether something due on a day is late on as_of: not done, and due before it."""
    return due is not None and due < as_of and status != "done"


def id_key(provision_id: str) -> tuple[int, ...]:
    """Return a provision id as numbers for sorting ("6.10" after "6.9"); () if not numeric."""
    try:
        return tuple(int(part) for part in provision_id.split("."))
    except ValueError:
        return ()


# --- A Code edition -----------------------------------------------------------------


class Provision(Strict):
    """One provision of the Code."""

    id: str = Field(description='The provision number as the Code prints it, e.g. "6.10".')
    modality: Modality = Field(
        description="must: a requirement; should: best practice; mixed: both in one provision."
    )
    summary: str = Field(
        description="A short description in selfassess's own words, for contents and the gap list."
    )
    text: str | None = Field(
        default=None,
        description="The Code's own words, verbatim from `source`; null when no source gave them.",
    )
    source: str | None = Field(
        default=None,
        description="Where `text` was taken from (a URL, or the form it was imported from).",
    )
    assessed: bool = Field(
        default=True,
        description="false for explanatory provisions the self-assessment form does not assess.",
    )
    note: str | None = Field(
        default=None, description="Variants between sources, and anything a reviewer should know."
    )

    @model_validator(mode="after")
    def _text_needs_source(self) -> Provision:
        if self.text is not None and not self.source:
            raise ValueError(
                f"provision {self.id} has text but no source; give the URL the text was taken from"
            )
        return self


class Part(Strict):
    """A titled sub-table of a section, such as 'Stage 1'."""

    title: str = Field(description='The part\'s heading on the form, e.g. "Stage 1".')
    provisions: list[Provision] = Field(description="The provisions in this part, in Code order.")


class Section(Strict):
    """A numbered section of the Code."""

    number: int = Field(description="The section number.")
    title: str = Field(description="The section title as the form prints it.")
    provisions: list[Provision] | None = Field(
        default=None, description="The provisions of a section that has no parts."
    )
    parts: list[Part] | None = Field(
        default=None, description="Sub-tables (section 6's Stage 1 and Stage 2)."
    )

    @model_validator(mode="after")
    def _provisions_or_parts(self) -> Section:
        if (self.provisions is None) == (self.parts is None):
            raise ValueError(f"section {self.number} needs either provisions or parts, not both")
        return self

    def all_provisions(self) -> list[Provision]:
        """Return the section's provisions in order, across its parts."""
        if self.parts is not None:
            return [p for part in self.parts for p in part.provisions]
        return list(self.provisions or [])

    def part_of(self, provision_id: str) -> str | None:
        """Return the title of the part holding a provision, if the section has parts."""
        for part in self.parts or []:
            if any(p.id == provision_id for p in part.provisions):
                return part.title
        return None


#: What a submission.csv column can hold, from each provision's row.
SubmissionValue = Literal["provision", "requirement", "modality", "answer"]


class FormColumns(Strict):
    """The headings of the self-assessment form's five columns, in the form's own words.

    `selfassess import` reads a rendered Word form back by these headings' words.
    """

    id: str = Field(default="Code provision", description="The provision number's column.")
    requirement: str = Field(default="Code requirement", description="The Code's words.")
    comply: str = Field(default="Comply: Yes / No", description="The answer's column.")
    evidence: str = Field(default="Evidence", description="The evidence column.")
    commentary: str = Field(
        default="Commentary / explanation", description="The commentary and explanation column."
    )


class SubmissionColumn(Strict):
    """One column of submission.csv: its heading and what it holds."""

    heading: str = Field(description="The column's heading.")
    value: SubmissionValue = Field(
        description="provision (the id), requirement (our summary), modality or answer."
    )


class SubmissionAnswers(Strict):
    """How submission.csv writes each answer."""

    comply: str = Field(default="Yes", description="The word for a yes.")
    do_not_comply: str = Field(default="No", description="The word for a no.")
    unanswered: str = Field(
        default="Not answered", description="What an unanswered provision shows."
    )


def _default_submission_columns() -> list[SubmissionColumn]:
    return [
        SubmissionColumn(heading="Code provision", value="provision"),
        SubmissionColumn(heading="Comply", value="answer"),
    ]


class Submission(Strict):
    """submission.csv: a row per provision in Code order, laid out as the Ombudsman's form asks."""

    columns: list[SubmissionColumn] = Field(
        default_factory=_default_submission_columns,
        min_length=1,
        description="The columns, in order.",
    )
    answers: SubmissionAnswers = Field(
        default_factory=SubmissionAnswers, description="How answers are written."
    )


class SectionSummary(Strict):
    """The section-level summary some Codes' self-assessments are published as: one row a section."""

    section: str = Field(default="Section", description="The section column's heading.")
    follows: str = Field(
        default="Do we follow the Code?",
        description="The heading of the column saying yes, partly or no.",
    )
    explanation: str = Field(default="Explanation", description="The explanation column's heading.")


class CodeForm(Strict):
    """How the documents lay out a Code's self-assessment form (default: the Housing Ombudsman's 2024 form)."""

    submitted_to: str | None = Field(
        default="the Housing Ombudsman",
        description='Whom the self-assessment is submitted to, as in "Submitted to the Housing '
        'Ombudsman"; null for a Code that asks for no submission.',
    )
    columns: FormColumns = Field(
        default_factory=FormColumns, description="The form's table columns (HTML and Word)."
    )
    submission: Submission | None = Field(
        default_factory=Submission,
        description="The layout of submission.csv; null for a Code with no submission form "
        "(then no submission.csv is written).",
    )
    section_summary: SectionSummary | None = Field(
        default=None,
        description="Give it to add a section-level summary table to the page (section, whether "
        "we follow the Code, explanation), counted from the same answers.",
    )


class CodeWords(Strict):
    """The Code's own words for those it speaks of, which the documents use."""

    organisation: str = Field(
        default="Landlord", description='What the Code calls the body assessed, e.g. "Council".'
    )
    member: str = Field(
        default="Member responsible for complaints",
        description="The Code's name for the member with lead responsibility for complaints.",
    )
    ombudsman: str = Field(
        default="the Housing Ombudsman", description="The Ombudsman who issued the Code."
    )


class CodeEdition(Strict):
    """An edition of the Complaint Handling Code."""

    schema_version: SchemaVersion
    id: str = Field(description='How assessments name this edition, e.g. "hos-chc-2024".')
    title: str = Field(description="The Code's title.")
    publisher: str = Field(description="Who issued the Code.")
    edition: str = Field(description='The edition\'s year, e.g. "2024".')
    effective_from: dt.date = Field(description="The date the edition took effect.")
    source: str = Field(description="Where the Code is published.")
    complete: bool = Field(
        description="true once the full list of ids and the text of every assessed provision "
        "are verified; "
        "`check` is strict only for a complete edition."
    )
    notes: str | None = Field(default=None, description="What is known to be missing, and why.")
    sections: list[Section] = Field(description="The Code's sections in order.")
    tenant_measures: bool = Field(
        default=True,
        description="true where the Regulator of Social Housing's tenant satisfaction measures "
        "CH01 and CH02 apply (a landlord's complaints); false for a Code of a council's other "
        "services, whose documents then give the timescale figures without those names.",
    )
    words: CodeWords = Field(
        default_factory=CodeWords,
        description="The Code's words for the body assessed, the member responsible for "
        "complaints and its Ombudsman. Without it, the Housing Ombudsman's Code's.",
    )
    form: CodeForm = Field(
        default_factory=CodeForm,
        description="How the documents lay out the self-assessment form: its column headings "
        "and submission.csv. Without it, the Housing Ombudsman's 2024 form.",
    )

    @model_validator(mode="after")
    def _complete_means_text(self) -> CodeEdition:
        if self.complete:
            missing = [p.id for _, p in self.provisions() if p.assessed and p.text is None]
            if missing:
                raise ValueError(
                    f"complete is true but {len(missing)} assessed provisions have no text "
                    f"({', '.join(missing[:10])}); set complete: false until every text is verified"
                )
        return self

    def provisions(self) -> Iterator[tuple[Section, Provision]]:
        """Yield every provision with its section, in Code order."""
        for section in self.sections:
            for provision in section.all_provisions():
                yield section, provision

    def provision(self, provision_id: str) -> Provision | None:
        """Return a provision by id, or None."""
        return next((p for _, p in self.provisions() if p.id == provision_id), None)

    def section_of(self, provision_id: str) -> Section | None:
        """Return the section holding a provision, or None."""
        return next((s for s, p in self.provisions() if p.id == provision_id), None)


# --- An edition map -----------------------------------------------------------------


class MapEntry(Strict):
    """Where one provision of the older edition went in the newer one."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, populate_by_name=True)

    from_: str = Field(alias="from", description="The provision id in the older edition.")
    to: list[str] = Field(description="The provision ids in the newer edition (empty if removed).")
    relation: Relation = Field(
        description="same, reworded, split (one into several), merged (several into one) or removed."
    )
    confidence: Literal["high", "medium", "low"] | None = Field(
        default=None, description="How sure the mapping is."
    )
    note: str | None = Field(default=None, description="What changed.")


class EditionMap(Strict):
    """How the provisions of one edition correspond to the next."""

    schema_version: SchemaVersion
    from_edition: str = Field(description='The older edition\'s id, e.g. "hos-chc-2022".')
    to_edition: str = Field(description='The newer edition\'s id, e.g. "hos-chc-2024".')
    mappings: list[MapEntry] = Field(description="One entry per provision of the older edition.")


# --- An assessment ------------------------------------------------------------------


class Landlord(Strict):
    """The landlord making the assessment."""

    name: str = Field(description="The landlord's name as published.")
    kind: str | None = Field(
        default=None, description="local authority, housing association, ALMO, ..."
    )
    homes: int | None = Field(
        default=None,
        ge=0,
        le=10_000_000,
        description="Number of homes owned or managed; picks the deadline rule.",
    )
    financial_year_end: str | None = Field(
        default=None,
        pattern=MONTH_DAY,
        description='Month and day the financial year ends, as "MM-DD" (default "03-31").',
    )


class Owner(Strict):
    """Someone who acts on gaps. Public documents show only the role."""

    role: str = Field(description="The owner's job title; the only part published by default.")
    name: str | None = Field(default=None, description="Shown in the internal gap list only.")
    email: str | None = Field(default=None, description="Shown in the internal gap list only.")

    def public_label(self, publish_names: bool) -> str:
        """Return how the owner appears in public: the role, or name, role and email if published."""
        if not publish_names:
            return self.role
        label = ", ".join(part for part in (self.name, self.role) if part)
        return f"{label} ({self.email})" if self.email else label

    def internal_label(self) -> str:
        """Return the owner as internal lists show them: "Name, Role <email>"."""
        label = ", ".join(part for part in (self.name, self.role) if part)
        return f"{label} <{self.email}>" if self.email else label


class Approval(Strict):
    """The governing body's approval of this assessment."""

    date: dt.date = Field(description="The date the governing body approved the assessment.")
    minute: str | None = Field(
        default=None, description='The minute reference, e.g. "Cabinet minute 12/25".'
    )


class Governance(Strict):
    """The governing body and its approval and response."""

    governing_body: str | None = Field(default=None, description="Cabinet, Board, ...")
    member_responsible_for_complaints: str | None = Field(
        default=None,
        description="The member of the governing body with lead responsibility (Code 9.5).",
    )
    approval: Approval | None = Field(
        default=None, description="Recorded once the body has approved it."
    )
    response: str | None = Field(
        default=None, description="The governing body's response, published alongside (markdown)."
    )


class EvidenceItem(Strict):
    """A piece of evidence with a link or a file."""

    title: str = Field(description="What the evidence is, written to make sense on its own.")
    url: str | None = Field(default=None, description="A web address for the evidence.")
    path: str | None = Field(
        default=None, description="A file, relative to the assessment, e.g. evidence/policy.pdf."
    )


Evidence = str | EvidenceItem


class Action(Strict):
    """One thing to do to close a gap."""

    do: str = Field(description="What will be done.")
    owner: str | None = Field(default=None, description="A key of `owners`.")
    due: dt.date | None = Field(default=None, description="When it is due.")
    status: ActionStatus = Field(
        default="not started", description="not started, in progress or done."
    )

    def is_overdue(self, as_of: dt.date) -> bool:
        """Tell whether the action was due before as_of and is not done."""
        return is_overdue(self.due, self.status, as_of)


class Response(Strict):
    """The landlord's answer to one provision."""

    comply: YesNo = Field(
        default=None, description="yes or no: the Ombudsman's form allows no other answer."
    )
    evidence: list[Evidence] = Field(
        default_factory=list,
        description="Short texts (markdown) or mappings with title and url or path.",
    )
    commentary: str | None = Field(default=None, description="Commentary (markdown).")
    explanation: str | None = Field(
        default=None, description="Required when comply is no: why, and what is in place meanwhile."
    )
    compliance_date: dt.date | None = Field(
        default=None,
        description="Required when comply is no: the date the landlord intends to comply.",
    )
    actions: list[Action] = Field(default_factory=list, description="The gap list's rows.")
    review: str | None = Field(
        default=None,
        description="Set by `migrate` when the Code changed; `check` warns until it is removed.",
    )


class RetiredResponse(Strict):
    """An answer to a provision that no longer exists in the assessment's edition."""

    id: str = Field(description="The provision id in the edition it came from.")
    edition: str = Field(description="The edition it came from.")
    comply: YesNo = Field(default=None, description="The answer given then.")
    evidence: list[Evidence] = Field(default_factory=list, description="The evidence given then.")
    commentary: str | None = Field(default=None, description="The commentary given then.")
    explanation: str | None = Field(default=None, description="The explanation given then.")
    compliance_date: dt.date | None = Field(
        default=None, description="The compliance date given then, for an answer of no."
    )
    actions: list[Action] = Field(
        default_factory=list, description="The actions recorded then, kept so none is lost."
    )
    reason: str | None = Field(default=None, description="Why it was retired.")


class HistoryItem(Strict):
    """A completed action carried over from an earlier assessment."""

    provision: str = Field(description="The provision the action closed a gap in.")
    do: str = Field(description="What was done.")
    owner: str | None = Field(default=None, description="Who did it (a key of `owners`).")
    due: dt.date | None = Field(default=None, description="When it was due.")
    period: str | None = Field(default=None, description="The assessment period it belonged to.")


Trigger = Literal["restructure", "merger", "change of procedures", "Ombudsman investigation"]


class TriggerEvent(Strict):
    """An event that requires a fresh self-assessment (Code section 8)."""

    event: Trigger = Field(
        description="restructure, merger, change of procedures or Ombudsman investigation."
    )
    date: dt.date = Field(description="When it happened.")
    note: str | None = Field(default=None, description="What happened.")


#: The complaints log's columns, as DESIGN.md names them.
LOG_COLUMNS = (
    "reference",
    "received",
    "acknowledged",
    "extended_to",
    "extension_reason",
    "responded",
    "outcome",
    "refusal_reason",
    "category",
    "handler",
    "escalated",
    "escalation_reason",
    "s2_acknowledged",
    "s2_extended_to",
    "s2_extension_reason",
    "s2_responded",
    "s2_outcome",
    "s2_handler",
    "compensation",
    "tenure",
    "stage",
)
#: The outcomes a log's outcome and s2_outcome columns hold (after `values:`).
LOG_OUTCOMES = ("upheld", "partly upheld", "not upheld", "withdrawn", "refused")
#: The columns whose words `values:` can map to ours: a fixed vocabulary, or free words.
VALUE_COLUMNS = (
    "outcome",
    "s2_outcome",
    "stage",
    "tenure",
    "category",
    "refusal_reason",
    "escalation_reason",
)
#: At most this many `breakdowns:`, each a table in every document.
MAX_BREAKDOWNS = 8
#: The log columns whose words are ours: a log's own words are mapped onto these.
LOG_VOCABULARY = {"outcome": LOG_OUTCOMES, "s2_outcome": LOG_OUTCOMES, "stage": ("1", "2")}


class LogFile(Strict):
    """One file of a complaints log given as several files."""

    path: str = Field(description="The file (.csv or .xlsx), relative to this file.")
    stage: int | None = Field(
        default=None,
        ge=1,
        le=2,
        description="The stage every row of this file is: 1 or 2 (default: the stage column, "
        "or one row per complaint).",
    )
    sheet: str | None = Field(default=None, description="For .xlsx: the sheet to read.")
    header_row: int | None = Field(
        default=None, ge=1, description="The row that names the columns (default: found)."
    )


def _unique_breakdowns(names: list[str]) -> None:
    """Refuse a blank breakdown, or one listed twice (case, spaces and underscores aside)."""
    seen: set[str] = set()
    for name in names:
        key = header_key(name)
        if not key:
            raise ValueError("breakdowns: a blank name; give the column to group by")
        if key in seen:
            raise ValueError(f"breakdowns: {name!r} is listed twice")
        seen.add(key)


class PracticeSettings(Strict):
    """Where the complaints log is and how to read it, to hold the answers to what it shows."""

    log: str | list[str | LogFile] = Field(
        description="The complaints log (.csv or .xlsx), relative to this file, or a list of "
        "files joined by reference (an item may be {path: ..., stage: 2})."
    )
    sheet: str | None = Field(
        default=None, description="For .xlsx: the sheet to read (default: the first)."
    )
    header_row: int | None = Field(
        default=None,
        ge=1,
        description="The row that names the columns (default: the row of the first 20 that "
        "holds most of the column names).",
    )
    columns: dict[str, str] = Field(
        default_factory=dict,
        description="Our column name to the export's header, only where they differ, e.g. "
        '{reference: "Case Ref"}.',
    )
    closures: list[dt.date] = Field(
        default_factory=list,
        description="The landlord's own closure days, which are not working days.",
    )
    values: dict[str, dict[str, str]] = Field(
        default_factory=dict,
        description="The export's own words for our values, per column, e.g. "
        '{outcome: {"Partially Upheld": partly upheld}, stage: {"Stage 2": 2}}.',
    )
    where: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Keep only the rows whose column (ours or the export's header) holds one "
        "of these values, e.g. {service: [Housing Repairs]}.",
    )
    tenures: list[str] | None = Field(
        default=None, description="Which tenures count for CH01 and CH02 (default: all rows)."
    )
    breakdowns: list[str] = Field(
        default_factory=list,
        max_length=MAX_BREAKDOWNS,
        description="Columns of the log to group the figures by, e.g. [directorate, root_cause]: "
        "our column names (category, tenure, handler...), a name mapped under columns:, or the "
        "log's own header.",
    )
    threshold: float = Field(
        default=95,
        ge=0,
        le=100,
        description="Per cent on time below which a yes to a timescale provision is contradicted.",
    )

    @model_validator(mode="after")
    def _known_columns(self) -> PracticeSettings:
        unknown = sorted(set(self.columns) - set(LOG_COLUMNS) - set(self.breakdowns))
        if unknown:
            raise ValueError(
                f"columns: {', '.join(unknown)} is not a log column; "
                f"the columns are {', '.join(LOG_COLUMNS)}, and any name listed in breakdowns:"
            )
        _unique_breakdowns(self.breakdowns)
        for column, words in self.values.items():
            if column not in VALUE_COLUMNS and column not in self.breakdowns:
                raise ValueError(
                    f"values: {column} has no words to map; "
                    f"the columns are {', '.join(VALUE_COLUMNS)}, and any name listed in "
                    "breakdowns:"
                )
            allowed = LOG_VOCABULARY.get(column)
            wrong = sorted({fold(w) for w in words.values()} - set(allowed or ()))
            if allowed and wrong:
                raise ValueError(
                    f"values: {column} maps to {', '.join(map(repr, wrong))}, which is not one "
                    f"of {', '.join(allowed)}"
                )
        return self

    def files(self) -> list[LogFile]:
        """Return the log's files, each with the sheet and header row it is read by."""
        items = self.log if isinstance(self.log, list) else [self.log]
        return [
            LogFile(path=item, sheet=self.sheet, header_row=self.header_row)
            if isinstance(item, str)
            else item.model_copy(
                update={
                    "sheet": item.sheet or self.sheet,
                    "header_row": item.header_row or self.header_row,
                }
            )
            for item in items
        ]


class Assessment(Strict):
    """A landlord's self-assessment against one edition of the Code."""

    schema_version: SchemaVersion
    code: str = Field(description='The Code edition assessed against, e.g. "hos-chc-2024".')
    landlord: Landlord
    period: str = Field(description='The year assessed, e.g. "2024-25".')
    status: Literal["draft", "approved", "published"] = Field(
        default="draft", description="draft, approved (by the governing body) or published."
    )
    assessed_on: dt.date | None = Field(default=None, description="When the assessment was made.")
    published_on: dt.date | None = Field(default=None, description="When it was published.")
    submitted_on: dt.date | None = Field(
        default=None,
        description="When it was submitted to the Housing Ombudsman; `status` stops counting "
        "down to the deadline once it is set.",
    )
    submission_reference: str | None = Field(
        default=None,
        description="The reference the Ombudsman gave when acknowledging the submission (optional).",
    )
    next_review: dt.date | None = Field(
        default=None,
        description="When the next assessment is due (default: a year after assessed_on).",
    )
    publish_owner_names: bool = Field(
        default=False,
        description="true to show owners' names and emails in public documents, not just roles.",
    )
    owners: dict[str, Owner] = Field(
        default_factory=dict, description="Who acts on gaps, by a short key used in actions."
    )
    governance: Governance = Field(default_factory=Governance)
    triggers: list[TriggerEvent] = Field(
        default_factory=list,
        description="Events since the last assessment that require a fresh one.",
    )
    responses: dict[str, Response] = Field(
        default_factory=dict, description='Answers by provision id, e.g. "6.10".'
    )
    retired: list[RetiredResponse] = Field(
        default_factory=list,
        description="Answers to provisions the Code no longer has (from migrate).",
    )
    history: list[HistoryItem] = Field(
        default_factory=list, description="Actions completed in earlier years."
    )
    practice: PracticeSettings | None = Field(
        default=None,
        description="The complaints log that shows the timescales in practice (see the README).",
    )
