"""Working days: property tests, and hand-checked cases around holidays and closures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from selfassess.practice import workdays
from selfassess.practice.workdays import WorkingCalendar

CLOSURES = (dt.date(2024, 12, 27), dt.date(2024, 12, 30), dt.date(2024, 12, 31))
CALENDAR = WorkingCalendar.for_years(2021, 2027, CLOSURES)
PLAIN = WorkingCalendar.for_years(2021, 2027)
days = st.dates(min_value=dt.date(2022, 1, 1), max_value=dt.date(2025, 12, 31))


@settings(max_examples=300, deadline=None)
@given(day=days, count=st.integers(min_value=0, max_value=60))
def test_adding_then_counting_back_gives_the_same_number(day: dt.date, count: int) -> None:
    assert CALENDAR.between(day, CALENDAR.add(day, count)) == count


@settings(max_examples=300, deadline=None)
@given(day=days, count=st.integers(min_value=1, max_value=60))
def test_no_due_date_falls_on_a_day_off(day: dt.date, count: int) -> None:
    due = CALENDAR.add(day, count)
    assert due.weekday() < 5
    assert due not in CALENDAR.holidays
    assert due not in CLOSURES
    assert due > day


@pytest.mark.parametrize(
    ("calendar", "received", "count", "due"),
    [
        # Friday 20 December 2024: Christmas Day, Boxing Day, the closure and New Year's Day.
        (CALENDAR, dt.date(2024, 12, 20), 5, dt.date(2025, 1, 6)),
        (PLAIN, dt.date(2024, 12, 20), 5, dt.date(2024, 12, 31)),
        # Thursday 28 March 2024: Good Friday and Easter Monday.
        (PLAIN, dt.date(2024, 3, 28), 1, dt.date(2024, 4, 2)),
        (PLAIN, dt.date(2024, 3, 28), 10, dt.date(2024, 4, 15)),
        # Friday 5 May 2023: the coronation bank holiday on Monday 8 May.
        (PLAIN, dt.date(2023, 5, 5), 1, dt.date(2023, 5, 9)),
        (PLAIN, dt.date(2023, 4, 28), 5, dt.date(2023, 5, 9)),
        # Friday 16 September 2022: the state funeral on Monday 19 September.
        (PLAIN, dt.date(2022, 9, 16), 1, dt.date(2022, 9, 20)),
        # Received on a Saturday: day 0 is the Saturday, day 1 the Monday.
        (PLAIN, dt.date(2024, 6, 1), 1, dt.date(2024, 6, 3)),
    ],
)
def test_hand_checked_due_dates(
    calendar: WorkingCalendar, received: dt.date, count: int, due: dt.date
) -> None:
    assert calendar.add(received, count) == due


def test_the_calendar_says_what_it_counts() -> None:
    assert CALENDAR.describe() == (
        "Working days are Monday to Friday, leaving out bank holidays in England and Wales "
        "(from the holidays library, 2021 to 2027) and the landlord's closure days "
        "(2024-12-27, 2024-12-30, 2024-12-31); the day a complaint or escalation request is "
        "received is day 0."
    )


def test_one_off_bank_holidays_are_days_off() -> None:
    for day in (dt.date(2022, 6, 3), dt.date(2022, 9, 19), dt.date(2023, 5, 8)):
        assert not PLAIN.is_working_day(day)
    assert PLAIN.is_working_day(dt.date(2024, 5, 8))


def test_kept_bank_holidays_are_the_librarys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import holidays

    monkeypatch.setenv("SELFASSESS_CACHE_DIR", str(tmp_path))
    asked = workdays.bank_holidays(2022, 2026)
    (kept,) = tmp_path.glob("holidays-*/england-and-wales-2022-2026-*.json")
    library = holidays.country_holidays("GB", subdiv="ENG", years=range(2022, 2027))
    assert sorted(asked) == sorted(library) and dt.date(2023, 5, 8) in asked
    # A second answer comes from the file: the library is not asked again.
    monkeypatch.setattr(workdays, "_from_library", lambda first, last: {})
    assert workdays.bank_holidays(2022, 2026) == asked
    # A kept answer from other library files (another release) is not used.
    monkeypatch.setattr(workdays, "_library_stamp", lambda: [0, 0])
    assert workdays.bank_holidays(2022, 2026) == {}
    assert kept.exists()


def test_two_installations_keep_an_entry_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SELFASSESS_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(workdays, "_library_stamp", lambda: [1, 2])
    monkeypatch.setattr(workdays, "_from_library", lambda first, last: {dt.date(2024, 1, 1): "A"})
    assert workdays.bank_holidays(2024, 2024) == {dt.date(2024, 1, 1): "A"}
    monkeypatch.setattr(workdays, "_library_stamp", lambda: [3, 4])
    monkeypatch.setattr(workdays, "_from_library", lambda first, last: {dt.date(2024, 1, 2): "B"})
    assert workdays.bank_holidays(2024, 2024) == {dt.date(2024, 1, 2): "B"}
    assert len(list(tmp_path.glob("holidays-*/england-and-wales-2024-2024-*.json"))) == 2
    # Each installation finds its own entry again: neither is overwritten by the other.
    monkeypatch.setattr(workdays, "_from_library", lambda first, last: {})
    monkeypatch.setattr(workdays, "_library_stamp", lambda: [1, 2])
    assert workdays.bank_holidays(2024, 2024) == {dt.date(2024, 1, 1): "A"}
    monkeypatch.setattr(workdays, "_library_stamp", lambda: [3, 4])
    assert workdays.bank_holidays(2024, 2024) == {dt.date(2024, 1, 2): "B"}
