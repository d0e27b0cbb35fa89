"""One list of what is owed: the Code's gap actions and the Ombudsman's orders and actions.

Internal, like the gap list: owners are named, with their emails. Each entry says
which file and which provision or case it comes from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from selfassess.assessment.gaps import NO_OWNER, build_gaps
from selfassess.assessment.makeview import build_view
from selfassess.casework import CheckedRegister, load_register
from selfassess.casework.models import OMBUDSMAN_NAMES, CaseAction, Order
from selfassess.check import load_assessment
from selfassess.check.kinds import file_kind
from selfassess.dates import format_date
from selfassess.models import Owner
from selfassess.problems import InputError, Severity, UsageError
from selfassess.yamlio import load_file


@dataclass(frozen=True)
class Owed:
    """An action or order someone must see done."""

    file: str
    source: str
    do: str
    owner_key: str | None
    owner: str
    due: dt.date | None
    status: str
    overdue: bool

    @property
    def due_text(self) -> str:
        """Return the due date in words, or "no date"."""
        return format_date(self.due) or "no date"

    @property
    def state(self) -> str:
        """Return the status, with ", overdue" when it is."""
        return f"{self.status}, overdue" if self.overdue else self.status


@dataclass(frozen=True)
class OwedList:
    """Everything owed across some assessments and registers, on one date."""

    as_of: str
    items: tuple[Owed, ...]

    @property
    def overdue(self) -> int:
        """Return how many are overdue."""
        return sum(1 for item in self.items if item.overdue)

    @property
    def done(self) -> int:
        """Return how many are done (listed, but no longer owed)."""
        return sum(1 for item in self.items if item.status == "done")

    def by_due(self) -> tuple[Owed, ...]:
        """Return every entry by due date (undated last)."""
        return tuple(sorted(self.items, key=lambda i: (i.due is None, i.due or dt.date.max)))

    def by_owner(self) -> list[tuple[str, tuple[Owed, ...]]]:
        """Group the entries by owner, each group by due date."""
        groups: dict[str, list[Owed]] = {}
        for item in self.by_due():
            groups.setdefault(item.owner, []).append(item)
        ordered = sorted(groups.items(), key=lambda pair: (pair[0] == NO_OWNER, pair[0].lower()))
        return [(owner, tuple(items)) for owner, items in ordered]


def build_owed(paths: list[Path], as_of: dt.date, owner: str | None = None) -> OwedList:
    """Load each assessment or register (refusing ones with errors); list what is owed."""
    items: list[Owed] = []
    known: set[str] = set()
    for path in paths:
        kind = file_kind(load_file(path).data)
        if kind == "casework":
            checked = _usable(load_register(path, as_of))
            known |= set(checked.owners)
            items += _register_items(checked, as_of)
        elif kind == "assessment":
            items += _assessment_items(path, as_of, known)
        else:
            raise UsageError(f"{path} is not an assessment or a casework register")
    if owner is not None:
        if owner not in known:
            raise UsageError(
                f"no owner '{owner}' in these files (owners: {', '.join(sorted(known))})"
            )
        items = [item for item in items if item.owner_key == owner]
    return OwedList(as_of=format_date(as_of) or "", items=tuple(items))


def _usable(checked: CheckedRegister) -> CheckedRegister:
    if checked.errors:
        raise InputError(sorted(checked.errors))
    return checked


def _assessment_items(path: Path, as_of: dt.date, known: set[str]) -> list[Owed]:
    checked = load_assessment(path, as_of)
    errors = [p for p in checked.problems if p.severity == Severity.ERROR]
    if errors:
        raise InputError(sorted(errors))
    known |= set(checked.assessment.owners)
    gaps = build_gaps(checked, build_view(checked), as_of)
    return [
        Owed(
            file=str(path),
            source=f"Code provision {a.provision}",
            do=a.do,
            owner_key=a.owner_key,
            owner=a.owner_label,
            due=a.due,
            status=a.status,
            overdue=a.overdue,
        )
        for a in gaps.actions
    ]


def _register_items(checked: CheckedRegister, as_of: dt.date) -> list[Owed]:
    name = checked.document.path_display
    found: list[tuple[str, Order | CaseAction]] = []
    whose = OMBUDSMAN_NAMES[checked.register.ombudsman]  # each row says whose it is
    for case in checked.register.cases:
        found += [(f"{whose} order, case {case.reference}", order) for order in case.orders]
        for rec in case.recommendations:
            where = f"{whose} case {case.reference}, recommendation {rec.id}"
            found += [(where, action) for action in rec.actions]
    return [_owed(name, source, entry, checked.owners, as_of) for source, entry in found]


def _owed(
    file: str, source: str, entry: Order | CaseAction, owners: dict[str, Owner], as_of: dt.date
) -> Owed:
    owner = owners.get(entry.owner or "")
    return Owed(
        file=file,
        source=source,
        do=entry.do,
        owner_key=entry.owner,
        owner=owner.internal_label() if owner else (entry.owner or NO_OWNER),
        due=entry.current_due,
        status=entry.status,
        overdue=entry.is_overdue(as_of),
    )
