"""The internal gap list: every provision answered no, with its actions and their owners.

Unlike the public documents, the gap list names owners and gives their emails.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selfassess.assessment import view as v
from selfassess.assessment.codetext import anchor
from selfassess.check import CheckedAssessment
from selfassess.dates import due_order, format_date
from selfassess.models import Action, Assessment

_MODALITY_ORDER = {"must": 0, "mixed": 1, "should": 2}
NO_OWNER = "No owner given"


@dataclass(frozen=True)
class GapAction:
    """An action with everything known about its owner."""

    provision: str
    do: str
    owner_key: str | None
    owner_name: str | None
    owner_role: str | None
    owner_email: str | None
    due: dt.date | None
    status: str
    overdue: bool

    @property
    def anchor(self) -> str:
        """Return the id of the provision's part of the gap list."""
        return "provision-" + anchor(self.provision)

    @property
    def due_text(self) -> str:
        """Return the due date in words, or "no date"."""
        return format_date(self.due) or "no date"

    @property
    def owner_label(self) -> str:
        """Return the owner as "Name, Role <email>"."""
        if self.owner_key is None:
            return NO_OWNER
        label = ", ".join(p for p in (self.owner_name, self.owner_role) if p) or self.owner_key
        return f"{label} <{self.owner_email}>" if self.owner_email else label


@dataclass(frozen=True)
class Gap:
    """A provision answered no."""

    row: v.Row
    actions: tuple[GapAction, ...]


@dataclass(frozen=True)
class GapList:
    """The gap list of one assessment on one date."""

    landlord: str
    period: str
    as_of: str
    gaps: tuple[Gap, ...]
    draft: bool
    problems: tuple[str, ...]
    owner: str | None = None
    has_should: bool = False  # whether the edition tells must from should

    @property
    def actions(self) -> tuple[GapAction, ...]:
        """Return every action, gap by gap."""
        return tuple(a for gap in self.gaps for a in gap.actions)

    @property
    def notice(self) -> v.DraftNotice | None:
        """Return what the draft banner shows, or None when the assessment is not a draft."""
        return v.DraftNotice(problems=self.problems) if self.draft else None

    @property
    def overdue(self) -> int:
        """Return how many actions are overdue."""
        return sum(1 for a in self.actions if a.overdue)

    def by_owner(self) -> list[tuple[str, tuple[GapAction, ...]]]:
        """Group the actions by owner, each group sorted by due date."""
        groups: dict[str, list[GapAction]] = {}
        for action in sorted(self.actions, key=_due_order):
            groups.setdefault(action.owner_label, []).append(action)
        ordered = sorted(groups.items(), key=lambda item: (item[0] == NO_OWNER, item[0].lower()))
        return [(label, tuple(actions)) for label, actions in ordered]


def build_gaps(
    checked: CheckedAssessment, doc: v.DocumentView, as_of: dt.date, owner: str | None = None
) -> GapList:
    """Return the gap list from the public view: must before should, actions by due date."""
    assessment = checked.assessment
    gaps = []
    for row in sorted(doc.non_compliant, key=lambda r: _MODALITY_ORDER.get(r.modality, 3)):
        response = assessment.responses.get(row.id)
        actions = (
            [_action(row.id, a, assessment, as_of) for a in response.actions] if response else []
        )
        actions.sort(key=_due_order)
        if owner is not None:
            actions = [a for a in actions if a.owner_key == owner]
            if not actions:
                continue
        gaps.append(Gap(row=row, actions=tuple(actions)))
    return GapList(
        landlord=doc.landlord,
        period=doc.period,
        as_of=format_date(as_of) or "",
        gaps=tuple(gaps),
        draft=doc.draft,
        problems=doc.problems,
        owner=_owner_label(assessment, owner),
        has_should=doc.edition.has_should,
    )


def _owner_label(assessment: Assessment, key: str | None) -> str | None:
    owner = assessment.owners.get(key or "")
    if owner is None:
        return key
    return ", ".join(p for p in (owner.name, owner.role) if p)


def _action(provision: str, action: Action, assessment: Assessment, as_of: dt.date) -> GapAction:
    owner = assessment.owners.get(action.owner or "")
    return GapAction(
        provision=provision,
        do=action.do,
        owner_key=action.owner,
        owner_name=owner.name if owner else None,
        owner_role=owner.role if owner else None,
        owner_email=owner.email if owner else None,
        due=action.due,
        status=action.status,
        overdue=action.is_overdue(as_of),
    )


def _due_order(action: GapAction) -> tuple[bool, dt.date]:
    return due_order(action.due)
