"""Registered sex offender notification rules (SOA 2003 Part 2) as pure functions.

No Django, no database: dates in, dates out. The numbers live in `vigil.offenders.statute`, with
their sources and domain.md tags; [S]/[U] numbers are keyword parameters defaulting to them.

Conventions (domain.md section 0 and C):
- A period "beginning with" day D counts D as day 1. An n-day period beginning with D ends at the
  end of D + (n - 1) days.
- A period of m months *after* D (s.85) ends on the same day-number m months later, or on the
  last day of that month if it is too short (corresponding-date rule, Dodds v Walker [1981]).
- A period of m months *beginning with* D (s.82, s.91B) runs up to the day before D's
  anniversary: `add_months(D, m) - 1 day`, so 10 years beginning with 2020-01-15 ends on
  2030-01-14. Where the anniversary day does not exist (29 February in a non-leap year; 31 August
  + 3 years 6 months) we take it as the 1st of the next month, as `age_on` does for birthdays, so
  the period ends on the last day of the short month: 10 years beginning with 2020-02-29 ends on
  2030-02-28, not 2030-02-27. This choice is ours (not in domain.md); it never ends a period
  earlier than the plain formula, and a period containing a 29 February keeps all 366 days.
- A deadline day ends at midnight, Europe/London: see `day_ends_at`.
- Disregarded time (custody, hospital, outside the UK: s.83(6), s.84(5), s.85(4)) is given as
  `(first_day, released_on)` pairs; days from first_day up to the day before released_on are
  disregarded and the release day counts, so the clock starts on release (C3). Use None for
  released_on while the person is still detained or abroad.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from fractions import Fraction
from zoneinfo import ZoneInfo

from vigil.offenders import statute
from vigil.offenders.statute import (
    DISCHARGE_PERIOD,
    INDEFINITE,
    S82_TABLE,
    Band,
    Disposal,
    S82Table,
)

__all__ = [
    "Disposal",
    "NotificationKind",
    "NotificationPeriod",
    "add_months",
    "advance_notice_discharges",
    "age_on",
    "change_notification_due",
    "day_ends_at",
    "further_review_qualifying_date",
    "household_notification_due",
    "household_stay_qualifies",
    "initial_notification_due",
    "is_breached",
    "non_occurrence_notification_due",
    "notification_period",
    "periodic_anchor",
    "periodic_notification_due",
    "review_qualifying_date",
    "travel_notification_deadline",
]

LONDON = ZoneInfo("Europe/London")
ONE_DAY = timedelta(days=1)
Disregarded = Sequence[tuple[date, date | None]]


# --- calendar helpers -------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """The same day-number `months` later, clamped to the month end (31 Jan + 1 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    if not 1 <= year <= 9999:
        raise ValueError(f"{day.isoformat()} plus {months} months is outside years 1-9999")
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def _period_last_day(start: date, months: int) -> date:
    """Last day of a period of `months` beginning with `start` (see module docstring)."""
    try:
        month_start = add_months(start.replace(day=1), months)
        if start.day <= calendar.monthrange(month_start.year, month_start.month)[1]:
            return month_start.replace(day=start.day) - ONE_DAY
        return add_months(month_start, 1) - ONE_DAY  # missing anniversary: the 1st of next month
    except ValueError:
        raise ValueError(f"{months} months beginning with {start.isoformat()} ends after 9999")


def _add_days(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise ValueError(f"{days} days after {day.isoformat()} is after 9999-12-31")


def day_ends_at(day: date) -> datetime:
    """The instant a deadline day ends: midnight at the start of the next day, Europe/London.

    Something done before this instant is done on time; the day is breached from it onwards.
    """
    return datetime.combine(day + ONE_DAY, time(0), tzinfo=LONDON)


def age_on(date_of_birth: date, day: date) -> int:
    """Age in whole years on `day`.

    Someone born on 29 February turns a year older on 1 March in a non-leap year (assumption, not
    in domain.md: the anniversary is taken not to exist until the day after 28 February).
    """
    if day < date_of_birth:
        raise ValueError(f"{day.isoformat()} is before the date of birth {date_of_birth}")
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


def _check_int(name: str, value: object, *, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number, not {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {value}")
    return value


def _check_date(name: str, value: object) -> date:
    # A datetime is a date subclass; accepting one would leak times into the date arithmetic.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise ValueError(f"{name} must be a date, not {value!r}")
    return value


def _check_aware(name: str, value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware")
    return value


# --- s.82 notification period -------------------------------------------------------------------


@dataclass(frozen=True)
class NotificationPeriod:
    """The s.82 period: `months` is None when indefinite; `ends_on` is its last day."""

    months: int | None
    duration: str  # "indefinite" or ISO 8601, e.g. "P10Y", "P3Y6M", "P18M"
    ends_on: date | None
    band: Band
    source: str

    @property
    def indefinite(self) -> bool:
        return self.months is None

    def as_dict(self) -> dict[str, str | None]:
        return {"period": self.duration, "ends_on": self.ends_on and self.ends_on.isoformat()}


def _iso_years(months: int) -> str:
    years, rest = divmod(months, 12)
    return "P" + (f"{years}Y" if years else "") + (f"{rest}M" if rest or not years else "")


def _band(disposal: Disposal, custody_months: Fraction | None, table: S82Table) -> Band:
    match disposal:
        case Disposal.LIFE | Disposal.IPP:
            return Band.LONG_CUSTODY
        case Disposal.IMPRISONMENT | Disposal.DTO:
            assert custody_months is not None
            if custody_months >= table.long_min_months:
                return Band.LONG_CUSTODY
            if custody_months > table.short_max_months:
                return Band.MEDIUM_CUSTODY
            return Band.SHORT_CUSTODY
        case Disposal.HOSPITAL_RESTRICTION:
            return Band.HOSPITAL_RESTRICTED
        case Disposal.HOSPITAL:
            return Band.HOSPITAL_UNRESTRICTED
        case Disposal.CAUTION:
            return Band.CAUTION
        case Disposal.CONDITIONAL_DISCHARGE:
            return Band.CONDITIONAL_DISCHARGE
        case _:
            return Band.OTHER


def notification_period(
    *,
    relevant_date: date,
    age_on_relevant_date: int,
    disposal: Disposal | str,
    term_months: int | None = None,
    discharge_months: int | None = None,
    date_of_birth: date | None = None,
    table: S82Table = S82_TABLE,
) -> NotificationPeriod:
    """The notification period under s.82(1) (domain.md C2), beginning with the relevant date.

    - `term_months` is required (>= 1) for imprisonment and DTO and rejected for every other
      disposal; `discharge_months` likewise for a conditional discharge. A stray value is an
      error rather than ignored, because it usually means the disposal was mis-keyed.
    - Imprisonment of exactly 6 months is "6 months or less" (7 years); exactly 30 months is
      indefinite [V]. A DTO counts as imprisonment for the detention half of its term [S], so a
      24-month DTO is 12 months (10 years adult, 5 under 18) and a 12-month DTO is 6 (7 / 3.5).
      A DTO can therefore never reach the indefinite row.
    - Under 18 on the relevant date (age 17 yes, 18 no) uses the under-18 column [S]: finite
      table periods halved, indefinite not. A conditional discharge period is not halved [S]:
      the period is the discharge period for every age, given in months ("P18M").
    - Table periods are written in years ("P10Y", "P3Y6M", "P2Y6M"); a conditional discharge in
      the months given. `ends_on` is None when indefinite.
    - Consecutive/concurrent sentence aggregation (s.82(3)-(4)) is [U]: pass the term a person
      has decided applies.
    - If `date_of_birth` is given, the relevant date must not precede it and the age must agree.
    """
    try:
        disposal = Disposal(disposal)
    except ValueError:
        choices = ", ".join(d.value for d in Disposal)
        raise ValueError(f"unknown disposal {disposal!r}; expected one of: {choices}")
    _check_date("relevant date", relevant_date)
    age = _check_int("age on the relevant date", age_on_relevant_date, minimum=0)
    if date_of_birth is not None and age_on(date_of_birth, relevant_date) != age:
        raise ValueError(
            f"age {age} does not match the date of birth {date_of_birth.isoformat()} "
            f"(age {age_on(date_of_birth, relevant_date)} on {relevant_date.isoformat()})"
        )
    custody: Fraction | None = None
    if disposal in (Disposal.IMPRISONMENT, Disposal.DTO):
        if term_months is None:
            raise ValueError(f"a term in months is required for {disposal.value}")
        custody = Fraction(_check_int("term in months", term_months, minimum=1))
        if disposal is Disposal.DTO:
            custody *= table.dto_fraction
    elif term_months is not None:
        raise ValueError(f"a term in months does not apply to {disposal.value}")
    if disposal is Disposal.CONDITIONAL_DISCHARGE:
        if discharge_months is None:
            raise ValueError("a conditional discharge needs its period in months")
        _check_int("conditional discharge period in months", discharge_months, minimum=1)
    elif discharge_months is not None:
        raise ValueError(f"a conditional discharge period does not apply to {disposal.value}")

    band = _band(disposal, custody, table)
    row = table.row(band)
    length = row.adult if age >= table.adult_age else row.under_18
    if length == INDEFINITE:
        return NotificationPeriod(None, INDEFINITE, None, band, row.source)
    if length == DISCHARGE_PERIOD:
        assert discharge_months is not None
        months, duration = discharge_months, f"P{discharge_months}M"
    else:
        months, duration = int(length), _iso_years(int(length))
    ends_on = _period_last_day(relevant_date, months)
    return NotificationPeriod(months, duration, ends_on, band, row.source)


# --- s.83 / s.84 three-day deadlines --------------------------------------------------------------


def _intervals(disregarded: Disregarded) -> list[tuple[date, date | None]]:
    checked = []
    for first, released in disregarded:
        _check_date("disregarded time start", first)
        if released is not None:
            _check_date("disregarded time end", released)
        if released is not None and released < first:
            raise ValueError(
                f"disregarded time released on {released.isoformat()} "
                f"is before it began on {first.isoformat()}"
            )
        checked.append((first, released))
    return checked


def _containing(day: date, intervals: list[tuple[date, date | None]]) -> tuple[bool, date | None]:
    """(True, day the interval ends) if `day` is disregarded; released is None while ongoing."""
    for first, released in intervals:
        if first <= day and (released is None or day < released):
            return True, released
    return False, None


def _count_days(start: date, days: int, disregarded: Disregarded) -> date | None:
    """Last day of a `days`-day period beginning with `start`, skipping disregarded days.

    None while the person is still detained or abroad (the clock has not finished).
    """
    intervals = _intervals(disregarded)
    day, counted = _check_date("start", start), 0
    while True:
        inside, released = _containing(day, intervals)
        if inside:
            if released is None:
                return None
            day = released
            continue
        counted += 1
        if counted == days:
            return day
        day = _add_days(day, 1)


def initial_notification_due(
    *, start: date, disregarded: Disregarded = (), days: int = statute.INITIAL_DAYS.value
) -> date | None:
    """Last day for the initial notification: 3 days beginning with `start`, s.83(1) [V] C3.

    `start` is the relevant date, or commencement of Part 2 if later. Time in custody, hospital
    or outside the UK is disregarded (s.83(6)) [V], so for a custodial sentence the clock starts
    on the release day. Returns None while a disregarded spell is still open.
    """
    return _count_days(start, _check_int("days", days, minimum=1), disregarded)


def change_notification_due(
    *, changed_on: date, disregarded: Disregarded = (), days: int = statute.CHANGE_DAYS.value
) -> date | None:
    """Last day to notify a change (name, home address, release, ...): 3 days, s.84(1) [V] C4.

    Custody, hospital and time abroad are disregarded as for s.83 (s.84(5)) [V].
    """
    return _count_days(changed_on, _check_int("days", days, minimum=1), disregarded)


def advance_notice_discharges(*, expected_on: date, happened_on: date) -> bool:
    """Whether an advance s.84(2) notice covers the event, s.84(3)-(4) [V] C4.

    Not if the event happened more than 2 days before the date given, nor after the 3 days
    beginning with it; in both cases the ordinary 3-day duty applies from the event.
    """
    tolerance = timedelta(days=statute.ADVANCE_TOLERANCE_DAYS.value)
    return expected_on - tolerance <= happened_on <= expected_on + tolerance


def non_occurrence_notification_due(
    *, expected_on: date, disregarded: Disregarded = ()
) -> date | None:
    """Last day to say an advance-notified event did not happen: 6 days beginning with the date
    given, s.84(4)(b) [V] C4, disregarding custody, hospital and time abroad."""
    return _count_days(expected_on, statute.NON_OCCURRENCE_DAYS.value, disregarded)


# --- s.85 periodic notification -------------------------------------------------------------------


class NotificationKind(StrEnum):
    INITIAL = "s83"
    CHANGE = "s84"
    PERIODIC = "s85"
    # 2012 "new matters" given under s.83, travel and other information: C5 [V] says these do
    # not move the annual date.
    OTHER = "other"


_MOVES_PERIODIC = frozenset(
    {NotificationKind.INITIAL, NotificationKind.CHANGE, NotificationKind.PERIODIC}
)


def periodic_anchor(notifications: Iterable[tuple[date, NotificationKind | str]]) -> date:
    """The notification the s.85 period runs from: the latest under s.83(1), s.84(1) or s.85(1)."""
    dates = [day for day, kind in notifications if NotificationKind(kind) in _MOVES_PERIODIC]
    if not dates:
        raise ValueError("no notification under s.83, s.84 or s.85 to count from")
    return max(dates)


def periodic_notification_due(
    *,
    last_notified_on: date,
    no_fixed_abode: bool,
    disregarded: Disregarded = (),
    annual_months: int = statute.ANNUAL_MONTHS.value,
    weekly_days: int = statute.NFA_DAYS.value,
) -> date | None:
    """Last day for the next periodic notification, s.85 [V] C5.

    One year *after* `last_notified_on` (use `periodic_anchor`), so notifying on 2024-01-15 makes
    the next due by 2025-01-15, and 2024-02-29 by 2025-02-28. With no sole or main residence
    (`no_fixed_abode`), 7 days after [V weekly; regulation number U]. If that day falls in
    custody, hospital or abroad, the period runs to the end of the 3 days beginning with the day
    that ends (s.85(3)-(4)) [V], repeated if a further spell covers the new day. None while the
    spell is open.
    """
    if no_fixed_abode:
        due = _add_days(last_notified_on, _check_int("weekly_days", weekly_days, minimum=1))
    else:
        due = add_months(last_notified_on, _check_int("annual_months", annual_months, minimum=1))
    intervals = _intervals(disregarded)
    while True:
        inside, released = _containing(due, intervals)
        if not inside:
            return due
        if released is None:
            return None
        due = _add_days(released, statute.DETAINED_EXTENSION_DAYS.value - 1)


# --- s.86 travel and reg.10 household with a child ----------------------------------------------


def travel_notification_deadline(
    *,
    departure_at: datetime,
    details_known_on: date,
    advance_days: int = statute.TRAVEL_ADVANCE_DAYS.value,
    late_hours: int = statute.TRAVEL_LATE_HOURS.value,
) -> datetime:
    """Instant by which foreign travel must be notified (s.86, SI 2004/1220 as amended) C7.

    If the details were known at least `advance_days` before the departure date: by the end of
    the day `advance_days` before it [S, default 7]. Otherwise at least `late_hours` before
    departure [U for E&W, default 12]. All travel is notifiable in E&W [V]. The return
    notification rule is [U] and not modelled.
    """
    _check_aware("departure_at", departure_at)
    advance = _check_int("advance_days", advance_days, minimum=1)
    late = _check_int("late_hours", late_hours, minimum=0)
    departure_day = departure_at.astimezone(LONDON).date()
    if details_known_on > departure_day:
        raise ValueError("the travel details cannot become known after the departure date")
    if (departure_day - details_known_on).days >= advance:
        return day_ends_at(departure_day - timedelta(days=advance))
    # Elapsed hours, so subtract in UTC: wall-clock arithmetic would be wrong across a clock change.
    return (departure_at.astimezone(UTC) - timedelta(hours=late)).astimezone(LONDON)


def household_stay_qualifies(
    *, began_at: datetime, ended_at: datetime, min_hours: int = statute.HOUSEHOLD_MIN_HOURS.value
) -> bool:
    """Whether a stay at a household with a child lasted at least 12 hours, reg.10 [V] C6."""
    _check_aware("began_at", began_at)
    _check_aware("ended_at", ended_at)
    # Compare in UTC: subtracting two datetimes in one zone ignores a clock change between them.
    length = ended_at.astimezone(UTC) - began_at.astimezone(UTC)
    if length < timedelta(0):
        raise ValueError("the stay cannot end before it began")
    return length >= timedelta(hours=_check_int("min_hours", min_hours, minimum=1))


def household_notification_due(
    *,
    began_at: datetime,
    disregarded: Disregarded = (),
    min_hours: int = statute.HOUSEHOLD_MIN_HOURS.value,
    days: int = statute.HOUSEHOLD_DAYS.value,
) -> date | None:
    """Last day to notify a stay of 12+ hours at a household with a child, reg.10 C6.

    Treated as an s.84 prescribed change [S/U]: 3 days [U, default] beginning with the day
    (Europe/London) on which the stay reaches `min_hours`, as with the s.84(1)(c) qualifying
    period, where the event is completing the stay. Which day the clock starts on is [U].
    """
    _check_aware("began_at", began_at)
    hours = _check_int("min_hours", min_hours, minimum=1)
    qualified = began_at.astimezone(UTC) + timedelta(hours=hours)
    return _count_days(
        qualified.astimezone(LONDON).date(), _check_int("days", days, minimum=1), disregarded
    )


# --- s.91A-F review and s.91 breach -------------------------------------------------------------


def review_qualifying_date(
    *,
    relevant_notification_on: date,
    age_on_relevant_date: int,
    adult_years: int = statute.REVIEW_ADULT_YEARS.value,
    under_18_years: int = statute.REVIEW_UNDER_18_YEARS.value,
    adult_age: int = S82_TABLE.adult_age,
) -> date:
    """First day an indefinitely notifying offender may apply for review, s.91B(2) [V] C9.

    The day after the end of the 15-year period (8 if under 18 on the relevant date) beginning
    with the relevant notification - in practice the first notification after release from
    custody for the offence [S]. Whether the person is a qualifying offender (indefinite period,
    no SHPO/SOPO: s.91A) is for the caller.
    """
    age = _check_int("age on the relevant date", age_on_relevant_date, minimum=0)
    years = adult_years if age >= adult_age else under_18_years
    return _period_last_day(relevant_notification_on, 12 * years) + ONE_DAY


def further_review_qualifying_date(
    *,
    determined_on: date,
    years: int = statute.FURTHER_REVIEW_YEARS.value,
    max_years: int = statute.FURTHER_REVIEW_MAX_YEARS.value,
) -> date:
    """Next qualifying date after a determination to continue, s.91B(4)-(6) C9.

    8 years [V] beginning with the determination; the chief officer may set longer, up to
    `max_years` [U, default 15].
    """
    minimum = statute.FURTHER_REVIEW_YEARS.value
    if not minimum <= _check_int("years", years, minimum=1) <= max_years:
        raise ValueError(f"the further review period must be {minimum} to {max_years} years")
    return _period_last_day(determined_on, 12 * years) + ONE_DAY


def is_breached(*, due_on: date | None, met_on: date | None, now: datetime) -> bool:
    """Whether a notification obligation has been missed (s.91(1)(a)) [V] C8.

    Breached if met after its last day, or not met and `now` is past the end of that day
    (Europe/London). No due date (clock stopped while detained) is never breached. Whether there
    was a reasonable excuse is a human decision, not made here.
    """
    today = _check_aware("now", now).astimezone(LONDON).date()
    if met_on is not None and met_on > today:
        raise ValueError(f"the obligation cannot be met on {met_on.isoformat()}, after today")
    if due_on is None:
        return False
    if met_on is not None:
        return met_on > due_on
    return now >= day_ends_at(due_on)
