"""Working days: Monday to Friday, less England and Wales bank holidays and closures.

The day a complaint is received is day 0, so "5 working days from receipt" is the
fifth working day after it. Counting is done on a sorted list of the working days'
ordinals, so each sum is two binary searches whatever the size of the log.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib.util
import json
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Years before and after the dates seen that the calendar also covers, for due dates.
_MARGIN_YEARS = 2


@dataclass
class WorkingCalendar:
    """The working days between two years, and what was left out and why."""

    first_year: int
    last_year: int
    closures: tuple[dt.date, ...] = ()
    holidays: dict[dt.date, str] = field(default_factory=dict)
    _days: list[int] = field(default_factory=list, repr=False)
    _sums: dict[tuple[dt.date, int], dt.date] = field(default_factory=dict, repr=False)

    @classmethod
    def covering(
        cls, dates: Iterable[dt.date], closures: Iterable[dt.date] = ()
    ) -> WorkingCalendar:
        """Make a calendar for the years of some dates, with room for due dates after them."""
        years = {day.year for day in dates} or {dt.date.today().year}
        first = max(min(years) - _MARGIN_YEARS, dt.MINYEAR)
        last = min(max(years) + _MARGIN_YEARS, dt.MAXYEAR - 1)
        return cls.for_years(first, last, closures)

    @classmethod
    def for_years(
        cls, first_year: int, last_year: int, closures: Iterable[dt.date] = ()
    ) -> WorkingCalendar:
        """Make the calendar of every working day from first_year to last_year."""
        calendar = cls(first_year, last_year, tuple(sorted(set(closures))))
        calendar.holidays = bank_holidays(first_year, last_year)
        closed = set(calendar.holidays) | set(calendar.closures)
        day, end = dt.date(first_year, 1, 1), dt.date(last_year, 12, 31)
        ordinals = range(day.toordinal(), end.toordinal() + 1)
        # Ordinal 1 (1 January of year 1) was a Monday, so ordinal % 7 is 0 on Sundays.
        calendar._days = [
            n for n in ordinals if n % 7 not in (0, 6) and dt.date.fromordinal(n) not in closed
        ]
        return calendar

    def is_working_day(self, day: dt.date) -> bool:
        """Return True when a day is a working day."""
        index = bisect_right(self._days, day.toordinal())
        return index > 0 and self._days[index - 1] == day.toordinal()

    def add(self, day: dt.date, working_days: int) -> dt.date:
        """Return the working day that is working_days after day (day itself is day 0)."""
        key = (day, working_days)
        found = self._sums.get(key)
        if found is None:  # a log repeats the same few hundred dates, so remember each sum
            index = bisect_right(self._days, day.toordinal()) + working_days - 1
            if not 0 <= index < len(self._days):
                raise ValueError(f"{day} plus {working_days} working days is outside the calendar")
            found = self._sums[key] = dt.date.fromordinal(self._days[index])
        return found

    def between(self, start: dt.date, end: dt.date) -> int:
        """Return the working days after start up to and including end (negative if end is first)."""
        return bisect_right(self._days, end.toordinal()) - bisect_right(
            self._days, start.toordinal()
        )

    def describe(self) -> str:
        """Say in words which days count, for every output's method notes."""
        closures = ", ".join(day.isoformat() for day in self.closures) or "none"
        return (
            "Working days are Monday to Friday, leaving out bank holidays in England and Wales "
            f"(from the holidays library, {self.first_year} to {self.last_year}) and the "
            f"landlord's closure days ({closures}); the day a complaint or escalation request "
            "is received is day 0."
        )


def bank_holidays(first_year: int, last_year: int) -> dict[dt.date, str]:
    """Return England and Wales bank holidays (including one-off ones) with their names.

    The holidays library loads every country it knows to give one (about 100 ms, a third
    of `check`), so its answer for a run of years is kept in the private cache, stamped
    with the library's files so a new release is asked again. The stamp is in the file's
    name: two installations sharing the cache keep an entry each, not one they overwrite
    in turn.
    """
    stamp = _library_stamp()
    path = _cache_path(first_year, last_year, stamp) if stamp is not None else None
    found = _cached(path, stamp) if path is not None and stamp is not None else None
    if found is None:
        found = _from_library(first_year, last_year)
        if path is not None and stamp is not None:
            _store(path, stamp, found)
    return found


def _from_library(first_year: int, last_year: int) -> dict[dt.date, str]:
    import holidays

    found = holidays.country_holidays(
        "GB", subdiv="ENG", years=range(first_year, last_year + 1), language="en_GB"
    )
    return {day: str(name) for day, name in sorted(found.items())}


def _library_stamp() -> list[int] | None:
    """Return the size and modification time of the library files the answer comes from."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(spec.submodule_search_locations[0])
    stamp = []
    for part in ("version.py", "countries/united_kingdom.py", "observed_holiday_base.py"):
        try:
            found = (root / part).stat()
        except OSError:
            return None
        stamp += [found.st_size, found.st_mtime_ns]
    return stamp


def _cache_path(first_year: int, last_year: int, stamp: list[int]) -> Path | None:
    import hashlib

    from selfassess.files import cache_dir

    folder = cache_dir("holidays")
    if folder is None:
        return None
    digest = hashlib.sha256(json.dumps(stamp).encode()).hexdigest()[:16]
    return folder / f"england-and-wales-{first_year}-{last_year}-{digest}.json"


def _cached(path: Path, stamp: list[int]) -> dict[dt.date, str] | None:
    """Return the kept answer if it is there, whole, and from the same library files."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["stamp"] != stamp:
            return None
        return {dt.date.fromisoformat(day): str(name) for day, name in data["holidays"]}
    except (OSError, ValueError, KeyError, TypeError):  # absent, damaged or of another shape
        return None


def _store(path: Path, stamp: list[int], found: dict[dt.date, str]) -> None:
    from selfassess.files import write_atomic
    from selfassess.problems import OutputError

    data = {"stamp": stamp, "holidays": [[day.isoformat(), name] for day, name in found.items()]}
    with contextlib.suppress(OSError, OutputError):  # a cache not written is only slower
        write_atomic(path, json.dumps(data, ensure_ascii=False).encode())
