"""Date arithmetic shared by the rules, status and the renderers."""

from __future__ import annotations

import datetime as dt


def year_after(day: dt.date) -> dt.date:
    """Return the same day a year later (28 February for 29 February; the last date for 9999)."""
    if day.year == dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
