"""The typed context the committee progress report is rendered from (built by plan.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from selfassess.render.pieces import Fact as Fact
from selfassess.wording import plural

NO_OWNER = "No owner given"
INTERNAL_NOTE = (
    "Internal: this report names the people responsible for each order and action. "
    "Do not publish it."
)
METHOD_NOTE = (
    "An order or action is overdue when its due date has passed on the report's date and it "
    "is not done; overdue ones are counted as overdue, not under their status. An order is "
    "complied with on time when it was done on or before its due date. The maladministration "
    "rate is findings of severe maladministration, maladministration and service failure as a "
    "share of the findings decided (outside jurisdiction and withdrawn left out)."
)
ITEM_COLUMNS = ("Order or action", "Responsible", "Due", "Status")


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

    @property
    def state(self) -> str:
        """Say where it stands in words: "Done on 2 October 2024, on time", "In progress, overdue"."""
        text = self.status
        if self.done_on:
            text += f" on {self.done_on}"
        if self.on_time is not None:
            text += ", on time" if self.on_time else ", late"
        return text + (", overdue" if self.overdue else "")


def action_counts(items: tuple[PlanItem, ...]) -> str:
    """Say "7 actions: 2 done, 4 in progress, 1 overdue", overdue ones apart from their status."""
    counts = {"done": 0, "in progress": 0, "not started": 0}
    for item in items:
        if not item.overdue:
            counts[item.status.lower()] += 1
    parts = [f"{count} {status}" for status, count in counts.items() if count]
    parts.append(f"{sum(1 for item in items if item.overdue)} overdue")
    return f"{plural(len(items), 'action')}: {', '.join(parts)}"


@dataclass(frozen=True)
class RecommendationView:
    """A recommendation and the actions that answer it."""

    id: str
    text: str
    actions: tuple[PlanItem, ...]

    @property
    def headline(self) -> str:
        """Count the actions by where they stand."""
        return action_counts(self.actions)


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

    @property
    def headline(self) -> str:
        """Say how many recommendations are complete, and count their actions."""
        done = sum(1 for r in self.recommendations if r.actions and _all_done(r.actions))
        actions = tuple(a for r in self.recommendations for a in r.actions)
        made = plural(len(self.recommendations), "recommendation")
        return f"{made}, {done} completed; {action_counts(actions)}"


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
    "A recommendation or action is overdue when its due date has passed on the report's date "
    "and it is not done. A recommendation is complied with on time when every action answering "
    "it was done by the date the LGSCO set. Each decision counts once, by its most serious "
    "outcome; the upheld rate is the LGSCO's: decisions upheld (with or without injustice, or "
    "remedied satisfactorily by the council before the LGSCO acted) as a share of those "
    "investigated in detail. It is never added to the Housing Ombudsman's maladministration rate."
)


@dataclass(frozen=True)
class PlanWords:
    """The words that differ by Ombudsman: the housing Ombudsman's by default.

    Our own constant words, never user text: the page shows them as written (unescaped).
    """

    compensation: str = "Compensation ordered"
    rate: str = "Maladministration rate"
    findings_caption: str = "The Ombudsman's findings, by category"
    findings_columns: tuple[str, str] = ("Finding", "Number of findings")
    method: str = METHOD_NOTE
    subject: str = "Progress on the Housing Ombudsman's orders and recommendations"


LGSCO_WORDS = PlanWords(
    compensation="Compensation recommended",
    rate="Upheld rate (the LGSCO's)",
    findings_caption="The LGSCO's decisions, by outcome",
    findings_columns=("Outcome", "Number of decisions"),
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
    findings: tuple[tuple[str, int], ...]
    rate: str
    compensation: str
    cases: tuple[CaseView, ...]
    publications: tuple[Publication, ...]
    figures: dict[str, Any]
    words: PlanWords = PlanWords()

    @property
    def items(self) -> tuple[tuple[CaseView, str, PlanItem], ...]:
        """Return every order and action with its case and where in the case it comes from."""
        found = [(case, "Order", item) for case in self.cases for item in case.orders]
        found += [
            (case, f"Recommendation {rec.id}", item)
            for case in self.cases
            for rec in case.recommendations
            for item in rec.actions
        ]
        return tuple(found)
