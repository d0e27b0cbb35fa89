"""Carry an assessment's answers into a newer Code edition without losing any of them.

Each old answer goes where the edition map sends it: ``same`` is carried,
``reworded``, ``split`` and ``merged`` are carried and marked for review, and
``removed`` or unmapped answers move to the ``retired`` list with their old id.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from selfassess.code.catalogue import Catalogue
from selfassess.models import (
    Assessment,
    CodeEdition,
    EditionMap,
    Evidence,
    MapEntry,
    Response,
    RetiredResponse,
)
from selfassess.problems import UsageError
from selfassess.validate import validate
from selfassess.yamlio import load_file

WORDING_CHANGED = "the Code's wording changed"
KINDS = ("same", "reworded", "split", "merged", "removed", "unmapped", "new")


@dataclass
class Migration:
    """A migrated assessment, how many answers went which way, and where each came from."""

    assessment: Assessment
    from_edition: str = ""
    counts: Counter[str] = field(default_factory=Counter)
    sources: dict[str, list[str]] = field(default_factory=dict)
    was_approved: bool = False


@dataclass
class _Incoming:
    old_id: str
    entry: MapEntry
    response: Response


def migrate_file(path: Path, to_id: str) -> tuple[Migration, CodeEdition]:
    """Load an assessment and migrate it to another edition through the catalogue's map."""
    document = load_file(path)
    assessment = validate(document, Assessment)
    catalogue = Catalogue.near(path)
    edition = catalogue.require(to_id)
    if assessment.code == to_id:
        raise UsageError(f"{path} is already an assessment against {to_id}")
    edition_map = catalogue.require_map(assessment.code, to_id, document)
    return migrate(assessment, edition, edition_map), edition


def migrate(assessment: Assessment, edition: CodeEdition, edition_map: EditionMap) -> Migration:
    """Return the assessment renumbered for a newer edition, with a count of each relation."""
    migration = Migration(assessment, edition_map.from_edition)
    incoming, retired = _route(assessment, edition_map, migration)
    responses = {target: _arrive(parts, edition_map) for target, parts in incoming.items()}
    for _, provision in edition.provisions():
        if provision.assessed and provision.id not in responses:
            responses[provision.id] = Response()
            migration.counts["new"] += 1
    migration.sources = {t: [p.old_id for p in parts] for t, parts in incoming.items()}
    migration.assessment = assessment.model_copy(
        update={
            "code": edition.id,
            "responses": _in_code_order(responses, edition),
            "retired": [*assessment.retired, *retired],
            # The governing body approved the old answers, not these: a migrated file is a draft.
            "status": "draft",
            "published_on": None,
            "submitted_on": None,
            "submission_reference": None,
            "governance": assessment.governance.model_copy(
                update={"approval": None, "response": None}
            ),
        }
    )
    migration.was_approved = assessment.status != "draft" or bool(assessment.governance.approval)
    return migration


def _route(
    assessment: Assessment, edition_map: EditionMap, migration: Migration
) -> tuple[dict[str, list[_Incoming]], list[RetiredResponse]]:
    """Send each answer to its new provisions, or to the retired list; count each way."""
    entries = {entry.from_: entry for entry in edition_map.mappings}
    incoming: dict[str, list[_Incoming]] = {}
    retired = []
    for old_id, response in assessment.responses.items():
        entry = entries.get(old_id)
        if entry is None or not entry.to:
            migration.counts["unmapped" if entry is None else "removed"] += 1
            if not _is_empty(response):
                retired.append(_retire(old_id, response, edition_map, entry))
            continue
        migration.counts[entry.relation] += 1
        for target in entry.to:
            incoming.setdefault(target, []).append(_Incoming(old_id, entry, response))
    return incoming, retired


def _is_empty(response: Response) -> bool:
    return response == Response()


def _retire(
    old_id: str, response: Response, edition_map: EditionMap, entry: MapEntry | None
) -> RetiredResponse:
    why = "not in the map" if entry is None else "removed from the Code"
    reason = f"{old_id} of {edition_map.from_edition}: {why} ({edition_map.to_edition})"
    if entry is not None and entry.note:
        reason += f"; {entry.note}"
    return RetiredResponse(
        id=old_id,
        edition=edition_map.from_edition,
        comply=response.comply,
        evidence=list(response.evidence),
        commentary=response.commentary,
        explanation=response.explanation,
        compliance_date=response.compliance_date,
        actions=list(response.actions),
        reason=reason,
    )


def _arrive(parts: list[_Incoming], edition_map: EditionMap) -> Response:
    """Return the answer a new provision receives from its sources, marked when it needs review."""
    if len(parts) == 1 and parts[0].entry.relation == "same":
        return parts[0].response.model_copy(deep=True)
    earlier = [p.response.review for p in parts if p.response.review]
    review = "; ".join(dict.fromkeys([*earlier, review_mark(parts, edition_map.from_edition)]))
    return combine([p.response for p in parts]).model_copy(update={"review": review})


def review_mark(parts: list[_Incoming], from_edition: str) -> str:
    """Say why an answer needs review and where it came from."""
    relations = {p.entry.relation for p in parts}
    phrases = [WORDING_CHANGED] if "reworded" in relations else []
    phrases += [
        f"the Code split {p.old_id} into {_and(p.entry.to)}, so check the answer fits"
        for p in parts
        if p.entry.relation == "split"
    ]
    if "merged" in relations:
        phrases.append("the Code merged provisions into this one")
    combined = ", answers combined" if len(parts) > 1 else ""
    sources = _and([p.old_id for p in parts])
    return f"{'; '.join(phrases) or 'carried'} (was {sources} of {from_edition}{combined})"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def combine(responses: list[Response]) -> Response:
    """Combine several answers into one: no if any was no, evidence and text all kept."""
    answers = [r.comply for r in responses]
    comply = "no" if "no" in answers else ("yes" if all(a == "yes" for a in answers) else None)
    dates = [r.compliance_date for r in responses if r.compliance_date]
    return Response(
        comply=comply,
        evidence=_unique_evidence([e for r in responses for e in r.evidence]),
        commentary=_joined([r.commentary for r in responses]),
        explanation=_joined([r.explanation for r in responses]),
        compliance_date=max(dates) if dates else None,
        actions=list({a.model_dump_json(): a for r in responses for a in r.actions}.values()),
    )


def evidence_key(item: Evidence) -> str:
    """Return a key that is equal for the same piece of evidence."""
    return item if isinstance(item, str) else json.dumps(item.model_dump(), sort_keys=True)


def _unique_evidence(items: list[Evidence]) -> list[Evidence]:
    return list({evidence_key(item): item for item in reversed(items)}.values())[::-1]


def _joined(texts: list[str | None]) -> str | None:
    kept = list(dict.fromkeys(t.strip("\n") for t in texts if t and t.strip()))
    return "\n\n".join(kept) + "\n" if kept else None


def _in_code_order(responses: dict[str, Response], edition: CodeEdition) -> dict[str, Response]:
    order = [p.id for _, p in edition.provisions()]
    ranked = sorted(responses, key=lambda pid: order.index(pid) if pid in order else len(order))
    return {pid: responses[pid] for pid in ranked}


def summary_lines(migration: Migration) -> list[str]:
    """Say how many answers went each way."""
    counts = migration.counts
    words = {
        "same": "carried unchanged (same)",
        "reworded": "carried and marked for review: the Code's wording changed (reworded)",
        "split": "copied to each provision they were split into, marked for review (split)",
        "merged": "combined into the provision they were merged into, marked for review (merged)",
        "removed": "moved to retired: removed from the Code (removed)",
        "unmapped": "moved to retired: not in the edition map (unmapped)",
        "new": "new provisions with no earlier answer, unanswered (new)",
    }
    lines = [f"  {counts[kind]:>3} {words[kind]}" for kind in KINDS]
    return [*lines, *approval_lines(migration)]


def approval_lines(migration: Migration) -> list[str]:
    """Say that the migrated file is a draft, and that its period is the old one."""
    assessment = migration.assessment
    lines = ["The migrated file is a draft with no approval until the governing body approves it"]
    if migration.was_approved:
        lines[0] += " (the earlier approval, its minute and response were left out)"
    lines[0] += "."
    lines.append(
        f"Its period is still {assessment.period}: change it if this is a new year's assessment."
    )
    return lines
