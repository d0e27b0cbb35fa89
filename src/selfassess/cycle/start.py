"""Start a new assessment: a blank one with every provision, or one from last year's answers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from selfassess.check import load_assessment
from selfassess.code import DEFAULT_EDITION
from selfassess.code.catalogue import Catalogue
from selfassess.code.deadlines import period_end_year
from selfassess.cycle.comments import user_comments
from selfassess.cycle.migrate import migrate
from selfassess.models import Assessment, CodeEdition, Governance, HistoryItem, Landlord, Response
from selfassess.problems import UsageError
from selfassess.yamlout import CommentMap, dump_assessment


def blank_assessment(
    edition: CodeEdition, landlord: str, period: str, homes: int | None = None
) -> Assessment:
    """Return an assessment with every assessed provision present and unanswered."""
    return Assessment(
        schema_version=1,
        code=edition.id,
        landlord=Landlord(name=landlord, homes=homes),
        period=period,
        responses={p.id: Response() for _, p in edition.provisions() if p.assessed},
    )


def from_last_year(last: Assessment, edition: CodeEdition, period: str) -> Assessment:
    """Carry last year's answers forward: a draft with dates cleared and done actions in history."""
    responses = {
        pid: response.model_copy(
            update={"actions": [a for a in response.actions if a.status != "done"]}, deep=True
        )
        for pid, response in last.responses.items()
    }
    for _, provision in edition.provisions():
        if provision.assessed:
            responses.setdefault(provision.id, Response())
    governance = Governance(
        governing_body=last.governance.governing_body,
        member_responsible_for_complaints=last.governance.member_responsible_for_complaints,
    )
    cleared = dict.fromkeys(
        ("assessed_on", "published_on", "submitted_on", "submission_reference", "next_review")
    )
    return last.model_copy(
        update={
            **cleared,
            "period": period,
            "status": "draft",
            "governance": governance,
            "triggers": [],
            "responses": responses,
            "history": [*last.history, *done_actions(last)],
        },
        deep=True,
    )


def done_actions(assessment: Assessment) -> list[HistoryItem]:
    """Return an assessment's finished actions as history items."""
    return [
        HistoryItem(provision=pid, do=a.do, owner=a.owner, due=a.due, period=assessment.period)
        for pid, response in assessment.responses.items()
        for a in response.actions
        if a.status == "done"
    ]


def init_text(
    assessment: Assessment,
    edition: CodeEdition,
    started_from: str | None,
    comments: CommentMap | None = None,
) -> str:
    """Return the new assessment's YAML, with a header saying how to fill it in."""
    notes = [
        f"Self-assessment of {assessment.landlord.name} for {assessment.period} against",
        f"{edition.title} ({edition.id}). Work down the responses: comply: yes or no;",
        "evidence: a list; commentary: text. For a no, add explanation, compliance_date and",
        "actions. Run 'selfassess check' on this file as you go.",
    ]
    if started_from:
        notes += [
            f"Started from {started_from}.",
            "Answers, evidence and commentary are last year's: check each is still true,",
            "and set assessed_on when the assessment is made.",
        ]
    return dump_assessment(assessment, edition, tuple(notes), comments or {})


def slug(name: str) -> str:
    """Return a name as lower-case words joined by hyphens, for a file name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "landlord"


def default_output(assessment: Assessment) -> Path:
    """Return assessments/<landlord-slug>-<period>.yaml."""
    return Path("assessments") / f"{slug(assessment.landlord.name)}-{slug(assessment.period)}.yaml"


def last_completed_period(today: dt.date) -> str:
    """Return the financial year (April to March) that most recently ended, e.g. "2024-25"."""
    end = today.year if today > dt.date(today.year, 3, 31) else today.year - 1
    return f"{end - 1}-{end % 100:02d}"


def next_period(period: str) -> str:
    """Return the period after one such as "2024-25" (or "2024"); unknown shapes get "-next"."""
    end = period_end_year(period)
    if end is None:
        return f"{period}-next"
    if re.fullmatch(r"\d{4}", period.strip()):
        return str(end + 1)
    return f"{end}-{(end + 1) % 100:02d}"


def start(
    code: str | None,
    landlord: str | None,
    period: str | None,
    last_path: Path | None,
    today: dt.date,
    homes: int | None = None,
) -> tuple[Assessment, CodeEdition, str]:
    """Return a new assessment, its edition and the YAML to write, as `selfassess init` asks."""
    catalogue = Catalogue.near(last_path)
    checked = load_assessment(last_path, today) if last_path else None
    last = checked.assessment if checked else None
    edition = _edition(catalogue, code or (last.code if last else None))
    if last is None:
        if not landlord:
            raise UsageError(
                "give the landlord's name with --landlord (or start --from last year's file)"
            )
        new = blank_assessment(edition, landlord, period or last_completed_period(today), homes)
        return new, edition, init_text(new, edition, None)
    if checked and last.code != edition.id:
        edition_map = catalogue.require_map(last.code, edition.id, checked.document)
        last = migrate(last, edition, edition_map).assessment
    new = from_last_year(last, edition, period or next_period(last.period))
    if landlord:
        new.landlord.name = landlord
    if homes is not None:
        new.landlord.homes = homes
    comments = user_comments(checked.document) if checked else None
    return new, edition, init_text(new, edition, str(last_path), comments)


def _edition(catalogue: Catalogue, code: str | None) -> CodeEdition:
    ids = catalogue.edition_ids()
    if code is None:
        editions = [e for e in (catalogue.edition(i) for i in ids) if e is not None]
        if not editions:
            raise UsageError("no Code editions found; give --code")
        # The newest edition of the default Code's publisher: another Ombudsman's Code (the
        # LGSCO's) is chosen only by name.
        default = catalogue.edition(DEFAULT_EDITION)
        same = [e for e in editions if default is None or e.publisher == default.publisher]
        return max(same or editions, key=lambda e: e.effective_from)
    return catalogue.require(code)
