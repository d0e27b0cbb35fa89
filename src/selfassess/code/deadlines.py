"""The Ombudsman's submission deadlines, kept as data in code_requirements/deadlines.yaml.

A rule names the periods it is known to apply to and says whether the
Ombudsman's own page confirms it; for other periods the nearest rule is shown
and marked unconfirmed, never presented as certain.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, model_validator

from selfassess.code.catalogue import Catalogue
from selfassess.models import MONTH_DAY, Landlord, SchemaVersion, Strict
from selfassess.validate import validate
from selfassess.yamlio import load_file

DEADLINES_FILE = "deadlines.yaml"
_PERIOD = re.compile(r"^([0-9]{4})(?:\s*[-/]\s*([0-9]{2}|[0-9]{4}))?$")


class Deadline(Strict):
    """When a group of landlords must submit: a fixed day, or a time after the year end."""

    by: str | None = Field(
        default=None,
        pattern=MONTH_DAY,
        description='A fixed day, "MM-DD", in the calendar year the assessed period ends.',
    )
    within_weeks: int | None = Field(
        default=None, ge=1, le=520, description="Weeks after the landlord's financial year end."
    )
    within_months: int | None = Field(
        default=None, ge=1, le=120, description="Months after the landlord's financial year end."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> Deadline:
        given = [v for v in (self.by, self.within_weeks, self.within_months) if v is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of by, within_weeks or within_months")
        return self


class DeadlineRule(Strict):
    """One rule for the annual submission, with where it comes from."""

    id: str = Field(description="A short name for the rule.")
    title: str = Field(description="What the rule is, in a few words.")
    periods: list[str] = Field(description='The assessment periods it applies to, e.g. "2025-26".')
    threshold_homes: int = Field(
        default=1000, description="Landlords with more homes than this follow `larger`."
    )
    larger: Deadline = Field(description="The deadline for landlords above the threshold.")
    smaller: Deadline = Field(description="The deadline for the others.")
    note: str | None = Field(default=None, description="Anything else the source says.")
    source: str = Field(description="Where the rule is stated.")
    source_note: str | None = Field(default=None, description="How far the source can be trusted.")
    confirmed: bool = Field(
        description="true only when the Ombudsman's own page states the rule for `periods`."
    )


class DeadlineRules(Strict):
    """The file code_requirements/deadlines.yaml."""

    schema_version: SchemaVersion
    rules: list[DeadlineRule] = Field(description="The known rules, oldest first.")


@dataclass
class DueDate:
    """The submission deadline worked out for one landlord and period."""

    rule: DeadlineRule
    band: str
    date: dt.date | None
    exact: bool

    @property
    def confirmed(self) -> bool:
        """Return True when the rule is confirmed for this very period."""
        return self.exact and self.rule.confirmed


def load_rules(near: Path | None = None) -> DeadlineRules | None:
    """Load the deadline rules visible from a file (a user's own copy first), if any."""
    for folder in Catalogue.near(near).dirs:
        path = folder / DEADLINES_FILE
        if path.is_file():
            return validate(load_file(path), DeadlineRules)
    return None


def period_end_year(period: str) -> int | None:
    """Return the calendar year a period such as "2024-25" or "2024" ends in."""
    match = _PERIOD.match(period.strip())
    if not match:
        return None
    start, end = match.group(1), match.group(2)
    if end is None:
        year = int(start)
    elif len(end) == 4:
        year = int(end)
    else:
        year = int(start[:2] + end)
        year = year + 100 if year < int(start) else year
    # A deadline after a year ending in 9999 (or "9999-00") is past the last date there is.
    return year if year < dt.MAXYEAR else None


def pick_rule(rules: DeadlineRules, period: str) -> tuple[DeadlineRule, bool] | None:
    """Return the rule for a period and whether it names that period; else the nearest rule."""
    exact = [r for r in rules.rules if period in r.periods]
    if exact:
        return max(exact, key=lambda r: r.confirmed), True
    year = period_end_year(period)
    if year is None or not rules.rules:
        return None
    return min(reversed(rules.rules), key=lambda r: _distance(r, year)), False


def _distance(rule: DeadlineRule, year: int) -> int:
    years = [y for y in (period_end_year(p) for p in rule.periods) if y is not None]
    return min((abs(y - year) for y in years), default=10_000)


def due_dates(rules: DeadlineRules, landlord: Landlord, period: str) -> list[DueDate]:
    """Return the deadline for the landlord's size, or both when its homes are not recorded."""
    picked = pick_rule(rules, period)
    if picked is None:
        return []
    rule, exact = picked
    year = period_end_year(period)
    year_end = financial_year_end(landlord, year) if year else None
    larger = DueDate(rule, f"more than {rule.threshold_homes:,} homes", None, exact)
    smaller = DueDate(rule, f"{rule.threshold_homes:,} homes or fewer", None, exact)
    if year is not None and year_end is not None:
        larger.date = _deadline(rule.larger, year, year_end)
        smaller.date = _deadline(rule.smaller, year, year_end)
    if landlord.homes is None:
        return [larger, smaller]
    return [larger if landlord.homes > rule.threshold_homes else smaller]


def financial_year_end(landlord: Landlord, year: int) -> dt.date:
    """Return the landlord's financial year end in a calendar year (31 March by default)."""
    month, day = (int(part) for part in (landlord.financial_year_end or "03-31").split("-"))
    return _clamped(year, month, day)


def _deadline(deadline: Deadline, year: int, year_end: dt.date) -> dt.date:
    if deadline.by is not None:
        month, day = (int(part) for part in deadline.by.split("-"))
        return _clamped(year, month, day)
    if deadline.within_weeks is not None:
        return year_end + dt.timedelta(weeks=deadline.within_weeks)
    return add_months(year_end, deadline.within_months or 0)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return the same day some months later; a month's last day goes to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return _clamped(year, month, 31 if month_end else day.day)


def _clamped(year: int, month: int, day: int) -> dt.date:
    month = min(max(month, 1), 12)
    return dt.date(year, month, min(max(day, 1), calendar.monthrange(year, month)[1]))
