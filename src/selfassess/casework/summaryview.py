"""The plan's summary tables: shares of a whole, recommendations by area, findings by subject."""

from __future__ import annotations

from dataclasses import dataclass

from selfassess.wording import whole_per_cent

SUBJECT_COLUMNS = (
    "Subject",
    "Findings",
    "Maladministration or service failure (share of findings decided)",
    "Orders",
    "Compensation ordered",
)
AREA_COLUMNS = (
    "Area",
    "Recommendations",
    "Completed (share of recommendations)",
    "Actions",
    "Done (share of actions)",
    "Overdue (share of actions)",
    "Slipped: due date moved (share of actions)",
)


@dataclass(frozen=True)
class Share:
    """A count and its share of a whole, as the plan's tables show them."""

    count: int
    of: int

    @property
    def text(self) -> str:
        """Write "3 (43%)"; a count of nothing has no share."""
        if not self.of:
            return str(self.count)
        return f"{self.count} ({whole_per_cent(self.count, self.of)}%)"


@dataclass(frozen=True)
class AreaRow:
    """One area's recommendations and actions, for the summary table."""

    name: str
    recommendations: int
    completed: Share
    actions: int
    done: Share
    overdue: Share
    slipped: Share

    @property
    def cells(self) -> tuple[str, ...]:
        """Return the figures as the table shows them, after the area's name."""
        return (
            str(self.recommendations),
            self.completed.text,
            str(self.actions),
            self.done.text,
            self.overdue.text,
            self.slipped.text,
        )


@dataclass(frozen=True)
class SubjectRow:
    """The Ombudsman's findings, orders and compensation for one subject."""

    name: str
    findings: int
    adverse: Share
    orders: int
    compensation: str
