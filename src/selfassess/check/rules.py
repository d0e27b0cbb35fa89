"""The rules an assessment must pass against its Code edition.

Each rule takes a RuleContext and yields problems; RULES lists them in the
order they run. The codes are stable: tools and people filter on them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from selfassess.check.salvage import LeftOut
from selfassess.code.catalogue import Catalogue
from selfassess.dates import year_after
from selfassess.models import (
    PLACEHOLDER_LANDLORD,
    Assessment,
    CodeEdition,
    EvidenceItem,
    Owner,
    Response,
)
from selfassess.problems import Problem
from selfassess.safety import (
    bare_address_message,
    bare_web_address,
    is_safe_url,
    link_targets,
    unholdable,
    unsafe_link_message,
)
from selfassess.wording import plural
from selfassess.yamlio import Document, KeyPath

UNUSABLE_PATH = "E127"

_FUTURE = re.compile(
    r"\b(will be|to be implemented|to be introduced|we plan to|we intend to|not yet|in due course)\b",
    re.IGNORECASE,
)


@dataclass
class RuleContext:
    """What a rule needs: the document, its model, its edition and the as-of date."""

    document: Document
    assessment: Assessment
    edition: CodeEdition
    catalogue: Catalogue
    as_of: dt.date
    #: What schema problems left out, which the rules stay quiet about.
    left_out: LeftOut

    def at(self, code: str, path: KeyPath, message: str, *, key: bool = True) -> Problem:
        """Make a problem at a path in the document, as severe as the registry says."""
        return self.document.problem(code, path, message, key=key)

    #: Warnings are made the same way; the registry, not the name, gives the severity.
    warn = at

    def answered(self) -> Iterator[tuple[str, Response]]:
        """Yield each response with its provision id."""
        yield from self.assessment.responses.items()


Rule = Callable[[RuleContext], Iterator[Problem]]


def unknown_provisions(ctx: RuleContext) -> Iterator[Problem]:
    """E202/W312: a response for a provision the edition does not have."""
    known = [p.id for _, p in ctx.edition.provisions()]
    for pid, _ in ctx.answered():
        if pid in known:
            continue
        hint = _elsewhere(ctx, pid) or _nearest(pid, known)
        if ctx.edition.complete:
            yield ctx.at(
                "E202", ("responses", pid), f"{ctx.edition.id} has no provision {pid}{hint}"
            )
        else:
            yield ctx.warn(
                "W312",
                ("responses", pid),
                f"{ctx.edition.id} as bundled has no provision {pid}{hint}; if the Ombudsman's form "
                f"has it, run 'selfassess code import FORM.docx --edition {ctx.edition.id}' to add it",
            )


def _elsewhere(ctx: RuleContext, pid: str) -> str:
    """Name the older edition a stray id comes from, and where the map sends it."""
    for other_id in ctx.catalogue.edition_ids():
        mapping = ctx.catalogue.edition_map(other_id, ctx.edition.id)
        other = ctx.catalogue.edition(other_id) if mapping else None
        if mapping is None or other is None or other.provision(pid) is None:
            continue
        entry = next((m for m in mapping.mappings if m.from_ == pid), None)
        target = f"; in {ctx.edition.id} it is {', '.join(entry.to)}" if entry and entry.to else ""
        return (
            f" ({pid} is {other_id} numbering{target}; "
            f"run 'selfassess migrate FILE --to {ctx.edition.id}')"
        )
    return ""


def _nearest(pid: str, known: list[str]) -> str:
    section = pid.split(".")[0]
    same = [k for k in known if k.split(".")[0] == section]
    if not same:
        return ""
    try:
        number = float(pid.split(".", 1)[1])
        best = min(same, key=lambda k: abs(float(k.split(".", 1)[1]) - number))
    except (ValueError, IndexError):
        best = same[-1]
    return f" (the nearest is {best})"


def unanswered(ctx: RuleContext) -> Iterator[Problem]:
    """E203/E210/W313: an assessed provision with no answer (E210 once approved or published)."""
    answers = ctx.assessment.responses
    missing_text = []
    for _, provision in ctx.edition.provisions():
        response = answers.get(provision.id)
        answered = response is not None and response.comply is not None
        if not provision.assessed or answered or provision.id in ctx.left_out.answers:
            continue
        if ctx.left_out.holds("responses", provision.id, "comply"):
            continue
        path: KeyPath = ("responses", provision.id) if response else ("responses",)
        if ctx.assessment.status != "draft":
            yield ctx.at(
                "E210",
                path,
                f"provision {provision.id} ({provision.summary}) has no answer, and status is "
                f"{ctx.assessment.status}: an approved or published assessment needs an "
                "answer to each provision it assesses; add comply: yes or no, or set status: draft",
            )
        elif provision.text is not None or ctx.edition.complete:
            yield ctx.at(
                "E203",
                path,
                f"provision {provision.id} ({provision.summary}) has no answer; add comply: yes or no",
            )
        else:
            missing_text.append(provision.id)
    if missing_text:
        yield ctx.warn(
            "W313",
            ("responses",),
            f"no answer for {plural(len(missing_text), 'provision')} whose Code text is not bundled "
            f"({', '.join(missing_text)}); answer them as the Ombudsman's form asks",
        )


def no_needs_explanation(ctx: RuleContext) -> Iterator[Problem]:
    """E204/E205: a no must say why and by when the landlord will comply."""
    for pid, response in ctx.answered():
        if response.comply != "no":
            continue
        if not (response.explanation or "").strip() and not ctx.left_out.holds(
            "responses", pid, "explanation"
        ):
            yield ctx.at(
                "E204",
                ("responses", pid, "comply"),
                f"provision {pid} is answered no but has no explanation; the Code requires a "
                "detailed explanation: add explanation: saying why, and what is in place meanwhile",
            )
        if response.compliance_date is None and not ctx.left_out.holds(
            "responses", pid, "compliance_date"
        ):
            yield ctx.at(
                "E205",
                ("responses", pid, "comply"),
                f"provision {pid} is answered no but has no compliance_date; add the date by "
                "which the landlord intends to comply (YYYY-MM-DD)",
            )


def actions_complete(ctx: RuleContext) -> Iterator[Problem]:
    """E206/E207: every action needs an owner from `owners` and a due date."""
    owners = ctx.assessment.owners
    for pid, response in ctx.answered():
        for index, action in enumerate(response.actions):
            path: KeyPath = ("responses", pid, "actions", index)
            if not action.owner and not ctx.left_out.holds(*path, "owner"):
                yield ctx.at(
                    "E206",
                    path,
                    f"an action for {pid} has no owner; add owner: <a key of owners>",
                    key=False,
                )
            elif action.owner not in owners and "owners" not in ctx.left_out.fields:
                yield ctx.at(
                    "E207", (*path, "owner"), _unknown_owner(action.owner or "", owners), key=False
                )
            if action.due is None and not ctx.left_out.holds(*path, "due"):
                yield ctx.at(
                    "E206",
                    path,
                    f"an action for {pid} has no due date; add due: YYYY-MM-DD",
                    key=False,
                )


def _unknown_owner(owner: str, owners: dict[str, Owner]) -> str:
    if owners:
        return f"owner '{owner}' is not in owners (known: {', '.join(owners)})"
    return (
        f"owner '{owner}' is not in owners, and the file defines none; add at the top level "
        f"owners: {{{owner}: {{role: ..., name: ..., email: ...}}}} (the role is what the "
        "published documents show)"
    )


def overdue(ctx: RuleContext) -> Iterator[Problem]:
    """W301/W302: actions past due, and compliance dates passed while still no."""
    for pid, response in ctx.answered():
        for index, action in enumerate(response.actions):
            if action.is_overdue(ctx.as_of):
                yield ctx.warn(
                    "W301",
                    ("responses", pid, "actions", index, "due"),
                    f"action for {pid} was due {action.due} and is {action.status}",
                )
        date = response.compliance_date
        if response.comply == "no" and date and date < ctx.as_of:
            yield ctx.warn(
                "W302",
                ("responses", pid, "compliance_date"),
                f"provision {pid}: compliance_date {date.isoformat()} has passed and the answer "
                "is still no; update the answer or set a new date",
            )


def yes_needs_support(ctx: RuleContext) -> Iterator[Problem]:
    """W303/W304: a yes needs evidence, and commentary that does not speak of the future."""
    for pid, response in ctx.answered():
        if response.comply != "yes":
            continue
        if not response.evidence and not ctx.left_out.holds("responses", pid, "evidence"):
            yield ctx.warn(
                "W303",
                ("responses", pid, "comply"),
                f"provision {pid} is answered yes with no evidence; the Ombudsman expects every "
                "statement to be supported by evidence",
            )
        found = _FUTURE.search(response.commentary or "")
        if found:
            yield ctx.warn(
                "W304",
                ("responses", pid, "commentary"),
                f"provision {pid} is answered yes but its commentary says '{found.group(0)}'; "
                "if the work is not done yet, answer no with a compliance date",
            )


def evidence_paths(ctx: RuleContext) -> Iterator[Problem]:
    """W305/W311: evidence files must exist, inside the assessment's repository."""
    base = ctx.document.path.resolve().parent
    root = _repository_root(base)
    for pid, response in ctx.answered():
        for index, item in enumerate(response.evidence):
            if not isinstance(item, EvidenceItem) or not item.path:
                continue
            path: KeyPath = ("responses", pid, "evidence", index, "path")
            unusable = unholdable(item.path)
            if unusable:
                yield ctx.at(UNUSABLE_PATH, path, f"evidence path {unusable}", key=False)
                continue
            target = (base / item.path).resolve()
            if not target.is_relative_to(root):
                yield ctx.warn(
                    "W311",
                    path,
                    f"evidence path '{item.path}' points outside the repository ({root})",
                )
            elif not target.exists():
                yield ctx.warn(
                    "W305", path, f"evidence file '{item.path}' does not exist (looked in {base})"
                )


def _repository_root(start: Path) -> Path:
    for folder in [start, *start.parents]:
        if (folder / ".git").exists():
            return folder
    return start


def unsafe_links(ctx: RuleContext) -> Iterator[Problem]:
    """W310, W320: links must be http, https, mailto or relative, and web addresses say https://."""
    for pid, response in ctx.answered():
        base: KeyPath = ("responses", pid)
        for index, item in enumerate(response.evidence):
            if isinstance(item, EvidenceItem) and item.url:
                yield from _link(ctx, (*base, "evidence", index, "url"), item.url)
            text = item if isinstance(item, str) else item.title
            yield from _links_in_text(ctx, (*base, "evidence", index), text)
        for field in ("commentary", "explanation"):
            yield from _links_in_text(ctx, (*base, field), getattr(response, field) or "")
    yield from _links_in_text(
        ctx, ("governance", "response"), ctx.assessment.governance.response or ""
    )


def _links_in_text(ctx: RuleContext, path: KeyPath, text: str) -> Iterator[Problem]:
    for target in link_targets(text):
        yield from _link(ctx, path, target)


def _link(ctx: RuleContext, path: KeyPath, url: str) -> Iterator[Problem]:
    if not is_safe_url(url):
        yield ctx.warn("W310", path, unsafe_link_message(url), key=False)
    elif bare_web_address(url):
        yield ctx.warn("W320", path, bare_address_message(url), key=False)


def landlord_named(ctx: RuleContext) -> Iterator[Problem]:
    """E212: the landlord's name is still the placeholder `import` writes."""
    if ctx.assessment.landlord.name.strip() == PLACEHOLDER_LANDLORD:
        yield ctx.at(
            "E212",
            ("landlord", "name"),
            f"landlord.name is still the placeholder '{PLACEHOLDER_LANDLORD}' (the form did not "
            "say the landlord's name); write the landlord's name as it should be published",
            key=False,
        )


def governance(ctx: RuleContext) -> Iterator[Problem]:
    """W306: an approved or published assessment records the governing body's approval."""
    if "governance" in ctx.left_out.fields:
        return
    if ctx.assessment.status != "draft" and ctx.assessment.governance.approval is None:
        yield ctx.warn(
            "W306",
            ("status",),
            f"status is {ctx.assessment.status} but governance.approval is missing; record the "
            "governing body's approval (date and minute)",
        )


def submission(ctx: RuleContext) -> Iterator[Problem]:
    """W314: a submission recorded on a draft, or a reference with no submission date."""
    a = ctx.assessment
    if a.submitted_on is not None and a.status == "draft":
        yield ctx.warn(
            "W314",
            ("submitted_on",),
            "submitted_on is set but status is draft; the Ombudsman is sent the approved "
            "assessment: set status: approved (or published)",
        )
    if (
        a.submission_reference
        and a.submitted_on is None
        and "submitted_on" not in ctx.left_out.fields
    ):
        yield ctx.warn(
            "W314",
            ("submission_reference",),
            "submission_reference is set but submitted_on is not; add the date it was submitted",
        )


def age(ctx: RuleContext) -> Iterator[Problem]:
    """W307: an assessment more than 12 months old is due again."""
    assessed = ctx.assessment.assessed_on
    if assessed and year_after(assessed) < ctx.as_of:
        yield ctx.warn(
            "W307",
            ("assessed_on",),
            f"assessed on {assessed.isoformat()}, more than 12 months before {ctx.as_of.isoformat()}; "
            "the Code requires a self-assessment every year",
        )


def review_marks(ctx: RuleContext) -> Iterator[Problem]:
    """W309: answers marked for review by migrate."""
    for pid, response in ctx.answered():
        if response.review:
            yield ctx.warn(
                "W309",
                ("responses", pid, "review"),
                f"provision {pid} needs review: {response.review}; remove the review line once checked",
            )


def missing_code_text(ctx: RuleContext) -> Iterator[Problem]:
    """W308: one short warning per file that the edition lacks some provisions' Code text."""
    missing = [p.id for _, p in ctx.edition.provisions() if p.assessed and p.text is None]
    if missing:
        yield ctx.warn(
            "W308",
            ("code",),
            f"Code text is not bundled for {plural(len(missing), 'provision')} of "
            f"{ctx.edition.id}, so documents show a summary and a link to the Code; "
            f"'selfassess code list {ctx.edition.id}' shows which",
            key=False,
        )


def practice_against_answers(ctx: RuleContext) -> Iterator[Problem]:
    """E501-E549, W550-W569, W601-W619, I620-I629: the complaints log and what it shows."""
    if ctx.assessment.practice is None:
        return
    from selfassess.practice.against import practice_problems

    yield from practice_problems(ctx.document, ctx.assessment, ctx.as_of)


RULES: tuple[Rule, ...] = (
    unknown_provisions,
    unanswered,
    no_needs_explanation,
    actions_complete,
    overdue,
    yes_needs_support,
    evidence_paths,
    unsafe_links,
    landlord_named,
    governance,
    submission,
    age,
    review_marks,
    missing_code_text,
    practice_against_answers,
)
