"""The typed context the committee progress report is rendered from (built by plan.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfassess.casework.summaryview import AreaRow, Share, SubjectRow
from selfassess.render.pieces import Fact as Fact
from selfassess.wording import plural

NO_OWNER = "No owner given"
INTERNAL_NOTE = (
    "Internal: this report names the people responsible for each order and action. "
    "Do not publish it."
)
METHOD_NOTE = (
    "An order or action is overdue when the date it is now due has passed on the report's date "
    "and it is not done; overdue ones are counted as overdue, not under their status. The date "
    "it is now due is the last revised date agreed, or the first date set if it never moved; "
    "an action slipped when its due date moved at least once, and how far it moved is counted "
    "in calendar days from the first date set. An order is complied with on time when it was "
    "done on or before the date it was due. The maladministration rate is findings of severe "
    "maladministration, maladministration and service failure as a share of the findings "
    "decided (outside jurisdiction and withdrawn left out). Each percentage is the count beside "
    "it as a share of the total named in its column heading, rounded to the nearest whole "
    "per cent."
)
ITEM_COLUMNS = ("Order or action", "Responsible", "Due", "Status")


@dataclass(frozen=True)
class Note:
    """A dated progress note (markdown)."""

    on: str
    on_iso: str
    text: str


@dataclass(frozen=True)
class RevisionView:
    """A due date moved: to when, on what day, agreed by whom, and why."""

    to: str
    to_iso: str
    on: str
    on_iso: str
    agreed_by: str
    reason: str

    @property
    def text(self) -> str:
        """Say "Moved to 30 September 2025 on 10 June 2025, agreed by ...: why."."""
        reason = self.reason.strip()
        stop = "" if reason.endswith((".", "!", "?")) else "."
        return f"Moved to {self.to} on {self.on}, agreed by {self.agreed_by}: {reason}{stop}"


@dataclass(frozen=True)
class PlanItem:
    """An order or an action, as the report shows it."""

    do: str
    owner: str
    due: str
    due_iso: str
    status: str
    overdue: bool
    done_on: str | None = None
    done_iso: str = ""
    on_time: bool | None = None
    compensation: str | None = None
    first_due: str | None = None  # the first date set, when the due date moved
    first_due_iso: str = ""
    moves: int = 0
    days_moved: int = 0
    revisions: tuple[RevisionView, ...] = ()
    progress: tuple[Note, ...] = ()

    @property
    def due_moved(self) -> str:
        """Say how often and how far the due date moved ("moved once, 61 days later ...")."""
        return moved_text(self.moves, self.days_moved) if self.moves else ""

    @property
    def due_text(self) -> str:
        """Say when it is due now, and how often and how far it moved from the first date."""
        if not self.moves:
            return self.due
        return f"{self.due} ({self.due_moved}; first due {self.first_due})"

    @property
    def state(self) -> str:
        """Say where it stands in words: "Done on 2 October 2024, on time", "In progress, overdue"."""
        text = self.status
        if self.done_on:
            text += f" on {self.done_on}"
        if self.on_time is not None:
            text += ", on time" if self.on_time else ", late"
        return text + (", overdue" if self.overdue else "")


def moved_text(moves: int, days: int) -> str:
    """Say "moved once, 61 days later than first set"."""
    times = {1: "once", 2: "twice"}.get(moves, f"{moves} times")
    direction = "later" if days >= 0 else "earlier"
    return f"moved {times}, {plural(abs(days), 'day')} {direction} than first set"


def action_counts(items: tuple[PlanItem, ...]) -> str:
    """Say "7 actions: 2 done, 4 in progress, 1 overdue; 2 slipped", overdue ones apart."""
    counts = {"done": 0, "in progress": 0, "not started": 0}
    for item in items:
        if not item.overdue:
            counts[item.status.lower()] += 1
    parts = [f"{count} {status}" for status, count in counts.items() if count]
    parts.append(f"{sum(1 for item in items if item.overdue)} overdue")
    text = f"{plural(len(items), 'action')}: {', '.join(parts)}"
    slipped = sum(1 for item in items if item.moves)
    return text + (f"; {slipped} slipped (due date moved)" if slipped else "")


@dataclass(frozen=True)
class RecommendationView:
    """A recommendation and the actions that answer it."""

    id: str
    text: str
    actions: tuple[PlanItem, ...]
    area: str | None = None
    sro: str | None = None  # the senior responsible officer, as the report names owners
    progress: tuple[Note, ...] = ()

    @property
    def headline(self) -> str:
        """Count the actions by where they stand."""
        return action_counts(self.actions)

    @property
    def moved(self) -> tuple[PlanItem, ...]:
        """Return the actions whose due date moved."""
        return tuple(item for item in self.actions if item.moves)

    @property
    def noted(self) -> tuple[PlanItem, ...]:
        """Return the actions with progress notes."""
        return tuple(item for item in self.actions if item.progress)


@dataclass(frozen=True)
class AreaView:
    """The recommendations of a case under one area, e.g. damp and mould."""

    name: str
    recommendations: tuple[RecommendationView, ...]

    @property
    def headline(self) -> str:
        """Say how many recommendations are complete, and count their actions."""
        return recommendations_headline(self.recommendations)


def recommendations_made(recommendations: tuple[RecommendationView, ...]) -> str:
    """Say "4 recommendations, 1 completed" (completed: every action done)."""
    done = sum(1 for r in recommendations if r.actions and _all_done(r.actions))
    return f"{plural(len(recommendations), 'recommendation')}, {done} completed"


def recommendations_headline(recommendations: tuple[RecommendationView, ...]) -> str:
    """Say "4 recommendations, 1 completed; 7 actions: ..."."""
    actions = tuple(a for r in recommendations for a in r.actions)
    return f"{recommendations_made(recommendations)}; {action_counts(actions)}"


@dataclass(frozen=True)
class CaseView:
    """A case with its findings, orders and recommendations."""

    anchor: str
    heading: str
    reference: str
    kind: str
    date: str | None
    subject: str | None
    url: str | None
    findings: tuple[tuple[str, str], ...]
    orders: tuple[PlanItem, ...]
    recommendations: tuple[RecommendationView, ...]
    areas: tuple[AreaView, ...] = ()  # the recommendations by area, when any gives one

    @property
    def headline(self) -> str:
        """Say how many recommendations are complete, and count their actions."""
        return recommendations_headline(self.recommendations)

    @property
    def orders_moved(self) -> tuple[PlanItem, ...]:
        """Return the orders whose due date moved."""
        return tuple(item for item in self.orders if item.moves)

    @property
    def orders_noted(self) -> tuple[PlanItem, ...]:
        """Return the orders with progress notes."""
        return tuple(item for item in self.orders if item.progress)


def _all_done(items: tuple[PlanItem, ...]) -> bool:
    return all(item.status == "Done" for item in items)


@dataclass(frozen=True)
class Publication:
    """A report by the Ombudsman about the landlord."""

    kind: str
    title: str
    url: str | None
    date: str | None


LGSCO_METHOD_NOTE = (
    "A recommendation or action is overdue when the date it is now due (the last revised date "
    "agreed, or the first date set) has passed on the report's date and it is not done; an "
    "action slipped when its due date moved at least once. A recommendation is complied with on time when every action answering "
    "it was done by the date the LGSCO set. Each decision counts once, by its most serious "
    "outcome; the upheld rate is the LGSCO's: decisions upheld (with or without injustice, or "
    "remedied satisfactorily by the council before the LGSCO acted) as a share of those "
    "investigated in detail. It is never added to the Housing Ombudsman's maladministration rate. Each percentage "
    "is the count beside it as a share of the total named in its column heading, rounded to "
    "the nearest whole per cent."
)


@dataclass(frozen=True)
class PlanWords:
    """The words that differ by Ombudsman: the housing Ombudsman's by default.

    Our own constant words, never user text: the page shows them as written (unescaped).
    """

    compensation: str = "Compensation ordered"
    rate: str = "Maladministration rate"
    findings_caption: str = "The Ombudsman's findings, by category"
    findings_columns: tuple[str, str] = ("Finding", "Number of findings (share of all findings)")
    method: str = METHOD_NOTE
    subject: str = "Progress on the Housing Ombudsman's orders and recommendations"


LGSCO_WORDS = PlanWords(
    compensation="Compensation recommended",
    rate="Upheld rate (the LGSCO's)",
    findings_caption="The LGSCO's decisions, by outcome",
    findings_columns=("Outcome", "Number of decisions (share of all decisions)"),
    method=LGSCO_METHOD_NOTE,
    subject="Progress on the Local Government and Social Care Ombudsman's recommendations",
)


@dataclass(frozen=True)
class PlanView:
    """Everything the committee progress report shows, in order."""

    title: str
    landlord: str
    facts: tuple[Fact, ...]
    period: str | None
    as_of: str
    internal: bool
    actions_headline: str
    orders_headline: str
    recommendations_summary: str
    findings: tuple[tuple[str, Share], ...]
    rate: str
    compensation: str
    by_subject: tuple[SubjectRow, ...]
    by_area: tuple[AreaRow, ...]
    cases: tuple[CaseView, ...]
    publications: tuple[Publication, ...]
    figures: dict[str, Any]
    words: PlanWords = PlanWords()

    @property
    def items_with_recommendations(
        self,
    ) -> tuple[tuple[CaseView, str, PlanItem, RecommendationView | None], ...]:
        """Return every order and action with its case, where in the case it comes from, and its
        recommendation (or None)."""
        found: list[tuple[CaseView, str, PlanItem, RecommendationView | None]] = [
            (case, "Order", item, None) for case in self.cases for item in case.orders
        ]
        found += [
            (case, f"Recommendation {rec.id}", item, rec)
            for case in self.cases
            for rec in case.recommendations
            for item in rec.actions
        ]
        return tuple(found)
