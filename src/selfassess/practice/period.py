"""The reporting year the figures cover: 1 April to 31 March unless the landlord's differs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from selfassess.code.deadlines import period_end_year
from selfassess.dates import long_date
from selfassess.problems import UsageError


@dataclass(frozen=True)
class Period:
    """A reporting year, first and last day included."""

    label: str
    start: dt.date
    end: dt.date

    @classmethod
    def parse(cls, label: str, year_end: str | None = None) -> Period:
        """Read "2024-25" (or "2024") with the financial year end "MM-DD" (default "03-31")."""
        year = period_end_year(label)
        if year is None or not 1991 <= year <= 2099:
            raise UsageError(f"period {label!r} is not a year such as 2024-25")
        month, day = (int(part) for part in (year_end or "03-31").split("-"))
        try:
            end = dt.date(year, month, min(day, 28) if month == 2 else day)
        except ValueError:
            raise UsageError(f"financial year end {year_end!r} is not a day of the year") from None
        start = end.replace(year=year - 1) + dt.timedelta(days=1)
        return cls(label, start, end)

    def __contains__(self, day: object) -> bool:
        return day is not None and self.start <= day <= self.end  # type: ignore[operator]

    def words(self) -> str:
        """Write the period as "1 April 2024 to 31 March 2025"."""
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def months(self) -> list[str]:
        """Return the period's months as "2024-04", in order."""
        found, day = [], self.start.replace(day=1)
        while day <= self.end:
            found.append(f"{day.year}-{day.month:02d}")
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return found
