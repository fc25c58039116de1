"""Time rules shared by every module: Europe/London local time, working days, statutory periods.

Working days are Monday to Friday excluding the England and Wales bank holidays, taken from the
maintained `holidays` package (domain.md §0: "Working days").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    # England and Wales share one list of bank holidays; subdiv "ENG" is that list.
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: date, days: int) -> date:
    """The working day `days` working days after `start` (start itself does not count)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    return add_working_days(day, 1)


def local_datetime(day: date, at: time) -> datetime:
    """An aware Europe/London datetime for a wall-clock time (fold=0 in the autumn overlap)."""
    return datetime.combine(day, at, tzinfo=LONDON)


def end_of_day(day: date) -> datetime:
    return local_datetime(day, time(23, 59, 59))


def period_beginning_with(start: date, days: int) -> datetime:
    """End of an n-day period "beginning with" `start`: the start day is day 1 (domain.md §0)."""
    if days < 1:
        raise ValueError("a period has at least one day")
    return end_of_day(start + timedelta(days=days - 1))


def to_london(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Vigil only handles timezone-aware times")
    return moment.astimezone(LONDON)


def age_on(date_of_birth: date, on: date) -> int:
    """Whole years of age on a date; someone born on 29 February turns a year older on 1 March."""
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def add_elapsed(moment: datetime, delta: timedelta) -> datetime:
    """`moment` plus real elapsed time, across clock changes.

    Python adds a timedelta to a Europe/London time on the wall clock, so 72 hours from 09:00 on the
    Saturday before the October change would land at 09:00 on Tuesday: 73 real hours. Statutory clocks
    (police protection's 72 hours) run in real time, so add in UTC.
    """
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Vigil only handles timezone-aware times")
    return (moment.astimezone(UTC) + delta).astimezone(LONDON)
