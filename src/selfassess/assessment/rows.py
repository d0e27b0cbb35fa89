"""Build one row of a section table from a provision and its response."""

from __future__ import annotations

from selfassess.assessment import view as v
from selfassess.assessment.codetext import anchor, code_blocks
from selfassess.dates import due_order, format_date
from selfassess.models import Action, Assessment, CodeEdition, EvidenceItem, Provision, Response
from selfassess.safety import published_url

_ANSWERS = {"yes": v.YES, "no": v.NO}


def code_link(provision_id: str, edition: CodeEdition) -> v.Link:
    """Return the link to a provision in the Code, with text that makes sense alone."""
    return v.Link(f"Read provision {provision_id} in the {edition.title}", safe_url(edition.source))


def safe_url(url: str | None) -> str | None:
    """Return a link target only if it is safe to publish (a bare web address with https://)."""
    return published_url(url)


def build_row(
    provision: Provision, response: Response | None, assessment: Assessment, link: v.Link
) -> v.Row:
    """Return a provision's row: the Code's words, the answer and what supports it."""
    text = code_blocks(provision.text) if provision.text is not None else None
    return _row(
        provision.id, provision.summary, provision.modality, text, link, response, assessment
    )


def extra_row(provision_id: str, assessment: Assessment, edition: CodeEdition) -> v.Row:
    """Return the row of an answer to a provision the bundled edition lacks."""
    summary = f"Provision {provision_id} is not in the bundled copy of the {edition.title}"
    response = assessment.responses.get(provision_id)
    link = code_link(provision_id, edition)
    return _row(provision_id, summary, "", None, link, response, assessment)


def _row(
    provision_id: str,
    summary: str,
    modality: str,
    text: tuple[v.Block, ...] | None,
    link: v.Link,
    response: Response | None,
    assessment: Assessment,
) -> v.Row:
    response = response or Response()
    answer = _ANSWERS.get(response.comply or "", v.NOT_ANSWERED)
    gap = answer == v.NO
    actions = [public_action(a, assessment) for a in _by_due(response.actions)] if gap else []
    due = response.compliance_date if gap else None
    return v.Row(
        id=provision_id,
        anchor="provision-" + anchor(provision_id),
        summary=summary,
        modality=modality,
        text=text,
        code_link=link,
        answer=answer,
        evidence=tuple(_evidence(item) for item in response.evidence),
        commentary=response.commentary,
        explanation=response.explanation if gap else None,
        compliance_date=format_date(due),
        compliance_iso=due.isoformat() if due else None,
        actions=tuple(actions),
    )


def _by_due(actions: list[Action]) -> list[Action]:
    return sorted(actions, key=lambda a: due_order(a.due))


def _evidence(item: str | EvidenceItem) -> v.Evidence:
    if isinstance(item, str):
        return v.Evidence(title=item, markdown=True)
    return v.Evidence(title=item.title, url=safe_url(item.url), path=item.path)


def public_action(action: Action, assessment: Assessment) -> v.ActionView:
    """Return an action with its owner's role only, unless the assessment publishes names."""
    return v.ActionView(
        do=action.do,
        owner=public_owner(action.owner, assessment),
        due=format_date(action.due),
        status=action.status.capitalize(),
    )


def public_owner(key: str | None, assessment: Assessment) -> str | None:
    """Return how an owner appears in public: the role, or name, role and email if published."""
    owner = assessment.owners.get(key or "")
    return None if owner is None else owner.public_label(assessment.publish_owner_names)
