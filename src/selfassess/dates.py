"""Date arithmetic shared by the rules, status and the renderers."""

from __future__ import annotations

import datetime as dt

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def year_after(day: dt.date) -> dt.date:
    """Return the same day a year later (28 February for 29 February; the last date for 9999)."""
    if day.year == dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def due_order(due: dt.date | None) -> tuple[bool, dt.date]:
    """Return a key that sorts by due date, undated last."""
    return (due is None, due or dt.date.max)


def long_date(day: dt.date) -> str:
    """Write a date as "31 October 2025", whatever the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_date(day: dt.date | None) -> str | None:
    """Write a date as "31 October 2025", or None for no date."""
    return None if day is None else long_date(day)
