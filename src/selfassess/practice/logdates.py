"""Dates in a complaints log: ISO or UK day-first, never a month-first guess."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
# A time of day after the date is allowed, and must be one (00:00 to 23:59:59); digits are
# ASCII only, so "٠٣/٠٦/٢٠٢٤" is not read as a date.
_TIME = r"(?:[ T](?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,6})?)?)?"
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$", re.ASCII)
_NUMERIC = re.compile(rf"^(\d{{1,2}})([/.-])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}$", re.ASCII)
_WORDS = re.compile(
    rf"^(\d{{1,2}})(?:st|nd|rd|th)?[ -]([A-Za-z]+)\.?,?[ -](\d{{4}}|\d{{2}}){_TIME}$", re.ASCII
)
#: Dates outside these years are typing errors, not complaints.
FIRST_YEAR, LAST_YEAR = 1990, 2099


class DateProblem(ValueError):
    """A cell that is not a date selfassess can read without guessing."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@lru_cache(maxsize=8192)
def parse_date(text: str) -> dt.date:
    """Read a date written ISO (2024-05-03) or day-first (03/05/2024, 3 May 2024)."""
    # Cached: a log of 100,000 complaints holds a few hundred distinct dates.
    value = text.strip()
    day = _iso(value) or _numeric(value) or _words(value)
    if day is None:
        raise DateProblem(
            "E506",
            f"{value[:40]!r} is not a date; write 2024-05-03, 03/05/2024 or 3 May 2024",
        )
    return in_range(day)


def in_range(day: dt.date) -> dt.date:
    """Refuse a date outside the years a complaints log can hold."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateProblem(
            "E515",
            f"{day.isoformat()} is outside {FIRST_YEAR} to {LAST_YEAR}; is the year mistyped?",
        )
    return day


def _iso(value: str) -> dt.date | None:
    match = _ISO.match(value)
    if not match:
        return None
    year, month, day = (int(part) for part in match.groups())
    return _made(year, month, day, value)


def _numeric(value: str) -> dt.date | None:
    match = _NUMERIC.match(value)
    if not match:
        return None
    first, second, year = int(match.group(1)), int(match.group(3)), _year(match.group(4))
    if second > 12 and first <= 12:
        raise DateProblem(
            "E507",
            f"{value[:40]!r} can only be read month first; write dates day first (13/05/2024) or "
            "as 2024-05-13",
        )
    return _made(year, second, first, value)


def _words(value: str) -> dt.date | None:
    match = _WORDS.match(value)
    if not match:
        return None
    month = _MONTHS.get(match.group(2).lower())
    if month is None:
        return None
    return _made(_year(match.group(3)), month, int(match.group(1)), value)


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def _made(year: int, month: int, day: int, value: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateProblem("E506", f"{value[:40]!r} is not a real date") from None


@lru_cache(maxsize=8192)
def read_date(text: str) -> tuple[dt.date, bool]:
    """Return a cell's date, and whether it could be read month first as another day."""
    return parse_date(text), ambiguous(text)


@lru_cache(maxsize=8192)
def ambiguous(text: str) -> bool:
    """Tell whether a date reads as two different days, day first or month first (09/05/2024)."""
    match = _NUMERIC.match(text.strip())
    if not match:
        return False
    first, second = int(match.group(1)), int(match.group(3))
    return first != second and first <= 12 and second <= 12
