"""Build the one typed context the public documents are rendered from."""

from __future__ import annotations

from pathlib import Path

from selfassess.assessment import view as v
from selfassess.assessment.rows import build_row, code_link, extra_row, safe_url
from selfassess.assessment.sectionlines import section_lines
from selfassess.check import CheckedAssessment
from selfassess.dates import format_date, year_after
from selfassess.models import (
    Assessment,
    CodeEdition,
    Provision,
    Response,
    Section,
    SubmissionAnswers,
    id_key,
)
from selfassess.problems import Problem, Severity, sort_problems


def build_view(checked: CheckedAssessment, draft: bool = False) -> v.DocumentView:
    """Return everything the public documents show, from a checked assessment."""
    assessment, edition = checked.assessment, checked.edition
    sections = _sections(assessment, edition)
    title = f"{edition.title} self-assessment {assessment.period}"
    is_draft = draft or assessment.status == "draft"
    return v.DocumentView(
        title=title,
        landlord=assessment.landlord.name,
        period=assessment.period,
        edition=_edition(edition),
        facts=_facts(assessment, edition, is_draft),
        totals=_totals(sections),
        sections=sections,
        governance=_governance(assessment),
        draft=is_draft,
        problems=tuple(
            describe_problem(p, checked.document.path_display)
            for p in sort_problems(checked.problems)
        ),
        submitted_on=assessment.submitted_on.isoformat() if assessment.submitted_on else None,
        submission_reference=assessment.submission_reference,
        section_lines=section_lines(sections) if edition.form.section_summary else (),
    )


def _edition(edition: CodeEdition) -> v.Edition:
    form, words = edition.form, edition.words  # the Code's own form layout and words, as data
    answers = form.submission.answers if form.submission else SubmissionAnswers()
    summary = form.section_summary
    return v.Edition(
        id=edition.id,
        name=f"{edition.title} ({edition.edition})",
        publisher=edition.publisher,
        source=safe_url(edition.source),
        columns=tuple(form.columns.model_dump().values()),
        submission=tuple((c.heading, c.value) for c in form.submission.columns)
        if form.submission
        else (),
        answer_words=(answers.comply, answers.do_not_comply, answers.unanswered),
        has_should=any(p.modality == "should" for _, p in edition.provisions()),
        ombudsman=words.ombudsman,
        section_summary=(summary.section, summary.follows, summary.explanation)
        if summary
        else None,
        tenant_measures=edition.tenant_measures,
    )


def describe_problem(problem: Problem, own: str) -> str:
    """Write a problem for a draft's list of open problems, which is published.

    A problem in the document's own file is told in full. One in another file (the
    complaints log, a register) is told by its place, code and the code's meaning only:
    its message quotes that file, which may hold what must not be published.
    """
    kind = {Severity.ERROR: "Error", Severity.WARNING: "Warning"}.get(problem.severity, "Note")
    if problem.file == own:
        return f"{kind} {problem.code} at line {problem.line}: {problem.message}"
    from selfassess.problemcodes import meaning

    place = f"{Path(problem.file).name} line {problem.line}, column {problem.col}"
    return f"{kind} {problem.code} in {place}: {meaning(problem.code)}"


def _facts(assessment: Assessment, edition: CodeEdition, draft: bool) -> tuple[v.Fact, ...]:
    landlord = assessment.landlord
    details = [d for d in (landlord.kind, _homes(landlord.homes)) if d]
    facts = [
        v.Fact(
            edition.words.organisation,
            landlord.name + (f" ({', '.join(details)})" if details else ""),
        ),
        v.Fact("Period assessed", assessment.period),
        v.Fact(
            "Code",
            f"{edition.title} ({edition.edition}), {edition.publisher}",
            safe_url(edition.source),
        ),
        v.Fact("Status", v.DRAFT_BANNER if draft else assessment.status.capitalize()),
    ]
    gov = assessment.governance
    if gov.governing_body:
        facts.append(v.Fact("Governing body", gov.governing_body))
    if gov.member_responsible_for_complaints:
        facts.append(v.Fact(edition.words.member, gov.member_responsible_for_complaints))
    facts.extend(_dates(assessment, edition.form.submitted_to, draft))
    return tuple(facts)


def _homes(homes: int | None) -> str | None:
    return None if homes is None else f"{homes:,} homes"


def _dates(assessment: Assessment, submitted_to: str | None, draft: bool) -> list[v.Fact]:
    next_review = assessment.next_review
    if next_review is None and assessment.assessed_on is not None:
        next_review = year_after(assessment.assessed_on)
    pairs = [
        ("Assessed", format_date(assessment.assessed_on)),
        ("Approved", None if draft else _approved(assessment)),  # "not approved", says the banner
        ("Published", format_date(assessment.published_on)),
        (f"Submitted to {submitted_to}", _submitted(assessment) if submitted_to else None),
        ("Next review", format_date(next_review)),
    ]
    return [v.Fact(label, value) for label, value in pairs if value]


def _approved(assessment: Assessment) -> str | None:
    """Return when the governing body approved the assessment, with its minute, if it has."""
    approval = assessment.governance.approval
    if approval is None:
        return None
    approved = format_date(approval.date)
    return f"{approved} ({approval.minute})" if approval.minute else approved


def _submitted(assessment: Assessment) -> str | None:
    when = format_date(assessment.submitted_on)
    reference = assessment.submission_reference
    if when and reference:
        return f"{when} (acknowledgement reference {reference})"
    return when


def _governance(assessment: Assessment) -> v.Governance:
    gov = assessment.governance
    return v.Governance(
        body=gov.governing_body,
        heading=response_heading(gov.governing_body),
        response=gov.response,
        approval=_approved(assessment),
    )


def response_heading(body: str | None) -> str:
    """Return the heading of the governing body's response, e.g. "Cabinet's response"."""
    return f"{body}'s response" if body else "Governing body response"


def _sections(assessment: Assessment, edition: CodeEdition) -> tuple[v.SectionView, ...]:
    known = {p.id for _, p in edition.provisions()}
    extras = sorted((pid for pid in assessment.responses if pid not in known), key=id_key)
    numbers = {s.number for s in edition.sections}
    views = [_section(s, assessment, edition, extras) for s in edition.sections]
    orphans = [pid for pid in extras if (id_key(pid) or (0,))[0] not in numbers]
    if orphans:
        rows = tuple(extra_row(pid, assessment, edition) for pid in orphans)
        heading = "Provisions not in the bundled Code"
        table = v.Table(caption=heading, heading=None, rows=rows)
        views.append(
            v.SectionView(0, heading, heading, "section-other", (table,), _count(heading, rows))
        )
    return tuple(view for view in views if view.rows)


def _section(
    section: Section, assessment: Assessment, edition: CodeEdition, extras: list[str]
) -> v.SectionView:
    heading = f"Section {section.number}: {section.title}"
    groups: list[tuple[str | None, list[Provision]]] = [
        (part.title, part.provisions) for part in section.parts or []
    ]
    if not groups:
        groups = [(None, section.provisions or [])]
    mine = [pid for pid in extras if (id_key(pid) or (0,))[0] == section.number]
    tables = []
    for index, (part, provisions) in enumerate(groups):
        ids = _group_extras(mine, groups, index)
        rows = _rows(provisions, ids, assessment, edition)
        caption = f"{heading} — {part}" if part else heading
        tables.append(v.Table(caption=caption, heading=part, rows=rows))
    all_rows = tuple(r for t in tables for r in t.rows)
    return v.SectionView(
        number=section.number,
        title=section.title,
        heading=heading,
        anchor=f"section-{section.number}",
        tables=tuple(t for t in tables if t.rows),
        counts=_count(heading, all_rows),
    )


def _group_extras(
    extras: list[str], groups: list[tuple[str | None, list[Provision]]], index: int
) -> list[str]:
    """Return the extra ids that belong in one group: after its first provision, before the next."""
    starts = [id_key(ps[0].id) if ps else () for _, ps in groups]
    chosen = []
    for pid in extras:
        key = id_key(pid)
        owner = max((i for i, start in enumerate(starts) if start and start <= key), default=0)
        if owner == index:
            chosen.append(pid)
    return chosen


def _rows(
    provisions: list[Provision], extras: list[str], assessment: Assessment, edition: CodeEdition
) -> tuple[v.Row, ...]:
    entries: list[tuple[tuple[int, ...], v.Row]] = []
    for provision in provisions:
        response: Response | None = assessment.responses.get(provision.id)
        if provision.assessed or response is not None:
            row = build_row(provision, response, assessment, code_link(provision.id, edition))
            entries.append((id_key(provision.id), row))
    for pid in extras:
        entries.append((id_key(pid), extra_row(pid, assessment, edition)))
    return tuple(row for _, row in sorted(entries, key=lambda entry: entry[0]))


def _count(label: str, rows: tuple[v.Row, ...]) -> v.Counts:
    yes = sum(1 for r in rows if r.answer == v.YES)
    no = sum(1 for r in rows if r.answer == v.NO)
    return v.Counts(label=label, total=len(rows), yes=yes, no=no, unanswered=len(rows) - yes - no)


def _totals(sections: tuple[v.SectionView, ...]) -> v.Counts:
    rows = tuple(r for s in sections for r in s.rows)
    return _count("All sections", rows)
