"""The plan's orders and actions: when each is due now, how its date moved, its progress notes."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from selfassess.casework import view as v
from selfassess.casework.models import CaseAction, Order, ProgressNote, Revision
from selfassess.dates import format_date

#: Names an owner key as the report shows owners (a role, or a name and email inside).
Label = Callable[[str | None], str]
Entry = TypeVar("Entry", bound=CaseAction)


def pounds(amount: Decimal) -> str:
    """Write an amount as "£1,200" or "£1,200.50"."""
    whole = amount == amount.to_integral_value()
    return f"£{amount:,.0f}" if whole else f"£{amount:,.2f}"


def by_due(items: list[Entry]) -> list[Entry]:
    """Return orders or actions by the date each is due now, undated last."""
    return sorted(
        items, key=lambda item: (item.current_due is None, item.current_due or dt.date.max)
    )


def notes(given: list[ProgressNote]) -> tuple[v.Note, ...]:
    """Return progress notes oldest first, as a committee reads a history."""
    ordered = sorted(given, key=lambda note: note.on)
    return tuple(v.Note(format_date(n.on) or "", n.on.isoformat(), n.note) for n in ordered)


def plan_order(order: Order, label: Label, as_of: dt.date) -> v.PlanItem:
    """Return an order as the plan shows it: an action, and whether it was complied with on time."""
    item = plan_item(order, label, as_of)
    on_time = None
    due = order.current_due
    if order.status == "done" and order.done_on and due:
        on_time = order.done_on <= due
    money = pounds(order.compensation) if order.compensation is not None else None
    return dataclasses.replace(item, on_time=on_time, compensation=money)


def plan_item(entry: CaseAction, label: Label, as_of: dt.date) -> v.PlanItem:
    """Return an order or action as the plan shows it, due as now agreed."""
    due = entry.current_due
    done = entry.status == "done"
    return v.PlanItem(
        do=entry.do,
        owner=label(entry.owner),
        due=format_date(due) or "no date",
        due_iso=due.isoformat() if due else "",
        status=entry.status.capitalize(),
        overdue=entry.is_overdue(as_of),
        done_on=format_date(entry.done_on) if done else None,
        done_iso=entry.done_on.isoformat() if entry.done_on and done else "",
        progress=notes(entry.progress),
        **_moves(entry),
    )


def _moves(entry: CaseAction) -> dict[str, Any]:
    """Return how often and how far (calendar days) the due date moved, and each move."""
    if not entry.revised or entry.due is None:
        return {}
    return {
        "first_due": format_date(entry.due),
        "first_due_iso": entry.due.isoformat(),
        "moves": len(entry.revised),
        "days_moved": (entry.revised[-1].to - entry.due).days,
        "revisions": tuple(_revision(r) for r in entry.revised),
    }


def _revision(revision: Revision) -> v.RevisionView:
    return v.RevisionView(
        to=format_date(revision.to) or "",
        to_iso=revision.to.isoformat(),
        on=format_date(revision.on) or "",
        on_iso=revision.on.isoformat(),
        agreed_by=revision.agreed_by,
        reason=revision.reason,
    )
