"""Date arithmetic shared by the rules, status and the renderers."""

from __future__ import annotations

import datetime as dt
import re

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


def month_year(year: int, month: int) -> str:
    """Write a month as "November 2024"."""
    return f"{_MONTHS[month - 1]} {year}"


_PERIOD = re.compile(r"(\d{4})-(\d{2})")
_LOOSE_PERIOD = re.compile(r"(\d{4})\s*[-/–]\s*(\d{2}|\d{4})")


def period_problem(period: str) -> str | None:
    """Say what is wrong with a period that is not written YYYY-YY (2024-25), or None."""
    match = _PERIOD.fullmatch(period)
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return None
    loose = _LOOSE_PERIOD.fullmatch(period.strip())
    hint = ""
    if loose and int(loose.group(2)[-2:]) == (int(loose.group(1)) + 1) % 100:
        hint = f"; write {loose.group(1)}-{loose.group(2)[-2:]}"
    elif re.fullmatch(r"\d{4}", period.strip()):
        start = int(period) - 1
        hint = f"; for the year ending March {period}, write {start}-{int(period) % 100:02d}"
    return (
        f"expected the year assessed written YYYY-YY, such as 2024-25 (April to March), "
        f"found '{period[:30]}'{hint}"
    )
