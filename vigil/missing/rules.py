"""Missing-children rules as pure functions: no database, no settings. Callers pass the configured
values (vigil.missing.conf), so every boundary is tested row by row in tests/unit/missing.

Times are timezone-aware. "N hours after" is real elapsed time across the March and October clock
changes (vigil.core.clock.add_elapsed); "N days" windows are London calendar days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from vigil.core.clock import LONDON, add_elapsed, age_on, local_datetime, to_london

# domain.md B1 [V]: the APP continuum "from very low risk through to high-risk cases".
GRADE_ORDER = {"very_low": 0, "low": 1, "medium": 2, "high": 3}
GRADE_LABELS = {"very_low": "Very low", "low": "Low", "medium": "Medium", "high": "High", "": "Not graded"}
ADULT_AGE = 18  # DfE 2014 statutory guidance: a child is anyone under 18 (domain.md B1 [S])


def utc(moment: datetime) -> datetime:
    """Compare in UTC: two Europe/London times compare by wall clock in Python, which is wrong in
    the repeated hour of the October clock change."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: Vigil only handles timezone-aware times")
    return moment.astimezone(UTC)


# --- who is a child ------------------------------------------------------------------------------

def age_at(date_of_birth: date | None, moment: datetime) -> int | None:
    if date_of_birth is None:
        return None
    return age_on(date_of_birth, to_london(moment).date())


def child_age_error(age: int | None) -> str:
    """Why a report cannot be taken in this module, or "" if it can."""
    if age is None:
        return "Enter the child's date of birth, or their approximate age if it is not known."
    if age < 0:
        return "The date of birth is after the time they were last seen. Check both."
    if age >= ADULT_AGE:
        return (f"This person was {age} at the time of the report. This module is for missing children "
                f"(under {ADULT_AGE}); report a missing adult through the force's adult missing person process.")
    return ""


# --- minimum grade (domain.md B1, B4; rule I2) -----------------------------------------------------

@dataclass(frozen=True)
class Minimum:
    grade: str
    because: str


def minimum_grade(*, age: int | None, marker_kinds: Iterable[str], child_minimum: str, marker_minimum: str,
                  raising_markers: Iterable[str]) -> Minimum:
    """The lowest grade allowed without an override reason, and why."""
    raising = sorted(set(marker_kinds) & set(raising_markers))
    if raising and GRADE_ORDER[marker_minimum] >= GRADE_ORDER[child_minimum]:
        names = ", ".join(k.replace("_", " ") for k in raising)
        return Minimum(marker_minimum, f"the child has these warning markers: {names}")
    if age is not None and age < ADULT_AGE:
        return Minimum(child_minimum, "the missing person is a child")
    return Minimum("very_low", "")


def needs_override(grade: str, minimum: str) -> bool:
    return GRADE_ORDER[grade] < GRADE_ORDER[minimum]


# --- reviews and escalation (domain.md B3; rule I3) -----------------------------------------------

def review_due(since: datetime, grade: str, hours: dict[str, int]) -> datetime:
    """Next review: the grade's interval of real elapsed time after the report or last review."""
    return add_elapsed(since, timedelta(hours=hours[grade or ""]))


def escalation_level(due: datetime, now: datetime, step_hours: int) -> int:
    """0 not overdue; 1 overdue: the next rank up sees it; 2 overdue by more than the step: senior
    officers see it. Overdue means strictly after the due time (as vigil.core Task)."""
    if utc(now) <= utc(due):
        return 0
    if utc(now) <= utc(due) + timedelta(hours=step_hours):
        return 1
    return 2


def next_rank_up(supervisor_rank: int, candidates: Sequence[tuple[int, int, int]]) -> int | None:
    """The user to escalate to: among (user id, rank, distance up the team chain) with a rank above
    the supervisor's, the nearest team first, then the lowest such rank, then the lowest id."""
    above = [c for c in candidates if c[1] > supervisor_rank]
    if not above:
        return None
    return min(above, key=lambda c: (c[2], c[1], c[0]))[0]


# --- early actions, prevention interview, return home interview ---------------------------------------

def action_due(reported_at: datetime, minutes: int) -> datetime:
    return add_elapsed(reported_at, timedelta(minutes=minutes))


def rhi_due(returned_at: datetime, hours: int = 72) -> datetime:
    """DfE 2014: return home interview normally within 72 hours of return (domain.md B5), real hours."""
    return add_elapsed(returned_at, timedelta(hours=hours))


def rhi_on_time(due: datetime, completed: datetime | None) -> bool | None:
    """True done by the due time (inclusive), False late, None not done yet."""
    if completed is None:
        return None
    return utc(completed) <= utc(due)


def prevention_due(found_at: datetime, grade: str, hours: dict[str, int]) -> datetime:
    return add_elapsed(found_at, timedelta(hours=hours.get(grade or "", hours[""])))


# --- bad times ---------------------------------------------------------------------------------------

FUTURE_TOLERANCE = timedelta(minutes=5)  # handheld clocks drift


def found_time_error(found_at: datetime, *, last_seen_at: datetime, now: datetime) -> str:
    if utc(found_at) < utc(last_seen_at):
        return (f"The time found ({to_london(found_at):%d/%m/%Y %H:%M}) is before the time last seen "
                f"({to_london(last_seen_at):%d/%m/%Y %H:%M}). Check both times.")
    if utc(found_at) > utc(now) + FUTURE_TOLERANCE:
        return "The time found cannot be in the future."
    return ""


def review_time_error(reviewed_at: datetime, *, reported_at: datetime, now: datetime) -> str:
    if utc(reviewed_at) > utc(now) + FUTURE_TOLERANCE:
        return "A review cannot be dated in the future. Enter when the review was done."
    if utc(reviewed_at) < utc(reported_at):
        return "A review cannot be before the episode was reported."
    return ""


def last_seen_error(last_seen_at: datetime, *, now: datetime) -> str:
    if utc(last_seen_at) > utc(now) + FUTURE_TOLERANCE:
        return "The time last seen cannot be in the future."
    return ""


# --- repeat missing (domain.md B6; rule I4) ----------------------------------------------------------

def window_start(moment: datetime, days: int) -> datetime:
    """Start of an n-day window ending with `moment`'s London day (that day is day 1): 00:00 London
    time on the first day, so clock changes inside the window move nothing."""
    if days < 1:
        raise ValueError("a window has at least one day")
    first: date = to_london(moment).date() - timedelta(days=days - 1)
    return local_datetime(first, time(0, 0))


def repeat_count(report_times: Iterable[datetime], *, newest: datetime, days: int) -> int:
    """Episodes reported in the window of `days` London days ending with the newest report's day."""
    start, end = utc(window_start(newest, days)), utc(newest)
    return sum(1 for t in report_times if start <= utc(t) <= end)


def is_repeat(report_times: Iterable[datetime], *, newest: datetime, count: int, days: int) -> bool:
    return repeat_count(report_times, newest=newest, days=days) >= count


# --- exploitation indicators (issue 4 §6; domain.md A7) ------------------------------------------------

INDICATORS = {
    "far_from_home": "Found far from home",
    "other_force": "Found in another force area",
    "older_associates": "With older associates",
    "money_gifts": "Unexplained money or gifts",
    "phones": "Unexplained phones or more than one phone",
    "injuries": "Unexplained injuries",
    "county_lines": "County lines markers (drugs, deal-line phone, travel tickets)",
    "sexual": "Sexual exploitation concerns disclosed",
}


def indicators_found(chosen: Iterable[str], *, distance_km: float | None, far_km: float) -> list[str]:
    """The chosen indicators plus "far from home" worked out from the distance, in a fixed order."""
    found = set(chosen) & set(INDICATORS)
    if distance_km is not None and distance_km > far_km:
        found.add("far_from_home")
    return [code for code in INDICATORS if code in found]


# --- durations for the dashboard ----------------------------------------------------------------------

OPEN_BANDS = ((6, "Under 6 hours"), (24, "6 to 24 hours"), (72, "1 to 3 days"), (24 * 7, "3 to 7 days"),
              (None, "Over 7 days"))
# The Grampian 12-14 time-to-locate points (figures.md §2.1), to compare the force with the study.
LOCATE_BANDS = ((110, "1 h 50"), (270, "4 h 30"), (450, "7 h 30"), (17 * 60, "17 h"), (24 * 60, "24 h"),
                (48 * 60, "48 h"), (11 * 24 * 60, "11 days"))


def minutes_between(start: datetime, end: datetime) -> int:
    return int((end - start).total_seconds() // 60)


def london(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)
