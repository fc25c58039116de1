from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.core import clock


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2026, 12, 25), True),  # Christmas Day
        (date(2026, 12, 28), True),  # Boxing Day substitute (26th is a Saturday)
        (date(2026, 8, 31), True),  # summer bank holiday (England and Wales)
        (date(2026, 8, 3), False),  # Scotland's summer holiday, not England and Wales
        (date(2026, 3, 17), False),  # St Patrick's Day: Northern Ireland only
        (date(2026, 4, 3), True),  # Good Friday
        (date(2026, 4, 6), True),  # Easter Monday
    ],
)
def test_bank_holidays_are_england_and_wales(day, expected):
    assert clock.is_bank_holiday(day) is expected


def test_add_working_days_skips_weekend_and_bank_holidays():
    # Thu 24 Dec 2026 + 1 working day: Fri 25 (Christmas), Sat, Sun, Mon 28 (Boxing Day sub) -> Tue 29.
    assert clock.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    assert clock.add_working_days(date(2026, 11, 20), 1) == date(2026, 11, 23)  # Friday -> Monday
    assert clock.add_working_days(date(2026, 11, 23), 15) == date(2026, 12, 14)
    assert clock.add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)
    with pytest.raises(ValueError):
        clock.add_working_days(date(2026, 11, 23), -1)


def test_period_beginning_with_counts_first_day_as_day_one():
    # domain.md §0: a 3-day period beginning with 1 May ends at 23:59 on 3 May.
    end = clock.period_beginning_with(date(2026, 5, 1), 3)
    assert end.date() == date(2026, 5, 3)
    assert end.time() == time(23, 59, 59)
    assert end.utcoffset() == timedelta(hours=1)  # BST
    with pytest.raises(ValueError):
        clock.period_beginning_with(date(2026, 5, 1), 0)


def test_local_times_follow_the_clock_changes():
    # Clocks go forward at 01:00 GMT on 29 March 2026 and back at 01:00 GMT on 25 October 2026.
    assert clock.local_datetime(date(2026, 3, 28), time(12)).utcoffset() == timedelta(0)
    assert clock.local_datetime(date(2026, 3, 29), time(12)).utcoffset() == timedelta(hours=1)
    assert clock.local_datetime(date(2026, 10, 24), time(12)).utcoffset() == timedelta(hours=1)
    assert clock.local_datetime(date(2026, 10, 25), time(12)).utcoffset() == timedelta(0)
    # 72 real hours from 09:00 BST on Saturday 24 October end at 08:00 GMT on Tuesday 27 October.
    start = clock.local_datetime(date(2026, 10, 24), time(9))
    end = clock.add_elapsed(start, timedelta(hours=72))
    assert (end.date(), end.hour) == (date(2026, 10, 27), 8)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=72)
    # ... and across the March change, 72 real hours from 09:00 GMT Saturday end at 10:00 BST Tuesday.
    spring = clock.add_elapsed(clock.local_datetime(date(2026, 3, 28), time(9)), timedelta(hours=72))
    assert (spring.date(), spring.hour) == (date(2026, 3, 31), 10)


def test_to_london_refuses_naive_times():
    with pytest.raises(ValueError):
        clock.to_london(datetime(2026, 1, 1, 12))


@pytest.mark.parametrize(
    "dob, on, age",
    [
        (date(2008, 11, 25), date(2026, 11, 25), 18),
        (date(2008, 11, 26), date(2026, 11, 25), 17),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
    ],
)
def test_age_on(dob, on, age):
    assert clock.age_on(dob, on) == age


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)), st.integers(0, 40))
def test_working_days_land_on_working_days(start, n):
    result = clock.add_working_days(start, n)
    assert result >= start
    if n:
        assert clock.is_working_day(result)
        assert (result - start).days >= n
