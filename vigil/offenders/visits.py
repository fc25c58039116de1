"""Home-visit schedule rules as pure functions over a configuration table (no Django, no database).

domain.md C10: police visit category 1 RSOs "in accordance with current NPCC policing practice";
the current frequencies are NOT published [U] (domain.md H7, figures.md 1.1). The defaults below
are the HISTORICAL national figures reported before June 2017 [S] - they are not current national
policy and every deployment should set its own (settings VIGIL_RSO_VISIT_MONTHS, see conf.py).

Dates are "last day" dates: a visit due on D is on time if done on D, overdue from D + 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from vigil.offenders.rules import LONDON, add_months

ONE_DAY = timedelta(days=1)


class Level(StrEnum):
    """Risk of serious harm bands (domain.md C11 [S]) plus "not yet assessed" for new registrants."""

    NOT_ASSESSED = "not_assessed"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    VERY_HIGH = "very_high"


# Highest first: the order dashboards list levels in.
LEVELS_BY_SEVERITY = (Level.VERY_HIGH, Level.HIGH, Level.MEDIUM, Level.LOW, Level.NOT_ASSESSED)
LEVEL_LABELS = {
    Level.VERY_HIGH: "Very high", Level.HIGH: "High", Level.MEDIUM: "Medium", Level.LOW: "Low",
    Level.NOT_ASSESSED: "Not yet assessed",
}

HISTORICAL_SOURCE = (
    "Historical national figures reported before June 2017 (PA/NPCC, domain.md C10 [S]). "
    "NOT current national policy: current NPCC frequencies are unpublished [U]."
)


@dataclass(frozen=True)
class VisitPolicy:
    """Months between home visits for each level, and where the numbers come from."""

    months: Mapping[str, int]
    source: str = HISTORICAL_SOURCE
    historical: bool = True  # shown on every page that uses it, so nobody takes it for policy

    def interval(self, level: str) -> int:
        try:
            months = self.months[Level(level)]
        except (KeyError, ValueError):
            raise ValueError(f"no visit interval configured for risk level {level!r}")
        if isinstance(months, bool) or not isinstance(months, int) or months < 1:
            raise ValueError(f"the visit interval for {level!r} must be a whole number of months, at least 1")
        return months


# Very high monthly, high every 3 months, medium every 6, low annually [S, historical, pre-2017].
# "Not yet assessed" monthly until the first assessment: our default [U], so a new registrant is
# seen soon rather than left on the low-risk year.
DEFAULT_VISIT_MONTHS = {
    Level.VERY_HIGH: 1, Level.HIGH: 3, Level.MEDIUM: 6, Level.LOW: 12, Level.NOT_ASSESSED: 1,
}
DEFAULT_POLICY = VisitPolicy(DEFAULT_VISIT_MONTHS)


def next_visit_due(*, clock_from: date, level: str, policy: VisitPolicy = DEFAULT_POLICY) -> date:
    """Last day for the next home visit: the interval for the current level after the last
    completed visit (or the start of management when there has been none). A higher level after
    a new assessment shortens the interval from the same visit, so the date moves earlier."""
    return add_months(clock_from, policy.interval(level))


def due_threshold(today: date, months: int) -> date:
    """The earliest clock date that is NOT overdue on `today` for an interval of `months`.

    `add_months` is monotonic, so "add_months(clock, m) < today" is exactly "clock < threshold":
    the dashboard counts overdue visits with an index range per level instead of date arithmetic
    on every row.
    """
    day = add_months(today, -months)
    while add_months(day - ONE_DAY, months) >= today:
        day -= ONE_DAY
    while add_months(day, months) < today:
        day += ONE_DAY
    return day


def days_overdue(due_on: date | None, today: date) -> int:
    """Whole days past the last day (0 when not overdue or nothing is due)."""
    if due_on is None:
        return 0
    return max(0, (today - due_on).days)


# Buckets for "days overdue" (the figure an inspection asks for, domain.md F3): lower bounds in
# days overdue, each bucket running to the next bound.
OVERDUE_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (1, 28, "1 to 28 days"),
    (29, 90, "29 to 90 days"),
    (91, 180, "91 to 180 days"),
    (181, None, "more than 180 days"),
)


def bucket_for(days: int) -> str | None:
    for low, high, label in OVERDUE_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return None


# --- visit-time variation (APP "Home visits": vary days and times, including evenings, C10 [V]) ---


@dataclass(frozen=True)
class SlotRules:
    """Hours a visit may start (24 h clock), how many past visits to avoid repeating, and the
    evening hour from which a visit counts as an evening one. Local practice [U]: configurable."""

    hours: Sequence[int] = (9, 11, 13, 15, 17, 19)
    avoid_last: int = 3
    evening_from: int = 17
    window_days: int = 14  # look for a slot in the fortnight before the due date
    weekdays: Sequence[int] = (0, 1, 2, 3, 4, 5, 6)  # Monday 0 .. Sunday 6: weekends allowed


@dataclass(frozen=True)
class Slot:
    at: datetime
    reasons: tuple[str, ...] = field(default_factory=tuple)


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def suggest_slot(
    *, previous: Iterable[datetime], due_on: date, today: date, rules: SlotRules = SlotRules()
) -> Slot:
    """A suggested date and hour for the next visit that differs in weekday AND hour from the
    last `avoid_last` visits, on or before the due date, not before today.

    If none of the recent visits was in the evening, an evening hour is preferred (the guidance
    asks for evenings too). Falls back to the earliest day in the window if every weekday is
    taken (e.g. `avoid_last` >= 7). Deterministic: same history, same suggestion.
    """
    recent = sorted((p.astimezone(LONDON) for p in previous), reverse=True)[: rules.avoid_last]
    used_days = {p.weekday() for p in recent}
    used_hours = {p.hour for p in recent}
    had_evening = any(p.hour >= rules.evening_from for p in recent)

    hours = [h for h in rules.hours if all(abs(h - u) > 1 for u in used_hours)] or list(rules.hours)
    if not had_evening:
        evening = [h for h in hours if h >= rules.evening_from]
        hours = evening + [h for h in hours if h < rules.evening_from]
    hour = hours[0]

    start = max(today, due_on - timedelta(days=rules.window_days))
    end = max(start, due_on)
    candidates = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    allowed = [d for d in candidates if d.weekday() in rules.weekdays]
    fresh = [d for d in allowed if d.weekday() not in used_days]
    day = (fresh or allowed or candidates)[0]

    reasons = []
    if recent:
        shown = ", ".join(f"{WEEKDAY_NAMES[p.weekday()]} {p:%H:%M}" for p in recent)
        reasons.append(f"Last {len(recent)} visit(s): {shown}.")
    if fresh:
        reasons.append(f"{WEEKDAY_NAMES[day.weekday()]} differs from the recent visit days.")
    else:
        reasons.append("No unused weekday before the due date: vary the hour instead.")
    if not had_evening and hour >= rules.evening_from:
        reasons.append("No recent evening visit: an evening slot is suggested.")
    if day > due_on:
        reasons.append("The visit is already overdue: go as soon as possible.")
    return Slot(datetime.combine(day, time(hour), tzinfo=LONDON), tuple(reasons))


def is_predictable(previous: Iterable[datetime], *, rules: SlotRules = SlotRules()) -> bool:
    """Whether the last `avoid_last` visits (at least 2) fell on the same weekday or within an
    hour of each other: a pattern an offender could learn."""
    recent = sorted((p.astimezone(LONDON) for p in previous), reverse=True)[: rules.avoid_last]
    if len(recent) < 2:
        return False
    same_day = len({p.weekday() for p in recent}) == 1
    hours = [p.hour for p in recent]
    same_hour = max(hours) - min(hours) <= 1
    return same_day or same_hour


# --- reactive management (domain.md C10) ----------------------------------------------------------


@dataclass(frozen=True)
class ReactiveCriteria:
    """When reactive management (no home visits) is allowed. Each value is configuration:

    - low risk continuously for `min_low_years` [S: 3 years, the 2017 change reported by PA/NPCC];
    - no s.91 breach within `quiet_years` and no intelligence within `quiet_months` ("have not
      come to police notice recently", HMICFRS glossary [V]; the periods are [U] defaults);
    - MAPPA level at most `max_mappa_level` [U default 1: ordinary agency management].
    """

    min_low_years: int = 3
    quiet_years: int = 3
    quiet_months: int = 12
    max_mappa_level: int = 1


def reactive_blockers(
    *,
    today: date,
    assessments: Iterable[tuple[date, str]],
    breaches: Iterable[date] = (),
    intelligence: Iterable[date] = (),
    mappa_level: int,
    criteria: ReactiveCriteria = ReactiveCriteria(),
) -> list[str]:
    """Reasons the registrant may NOT be managed reactively; an empty list means eligible.

    `assessments` are (assessed_on, level) pairs; the current level is the latest one's.
    """
    reasons: list[str] = []
    history = sorted(assessments)
    if not history or history[-1][1] != Level.LOW:
        reasons.append("The current risk level is not low.")
    else:
        low_since = history[-1][0]
        for assessed_on, level in reversed(history):
            if level != Level.LOW:
                break
            low_since = assessed_on
        needed = add_months(today, -12 * criteria.min_low_years)
        if low_since > needed:
            reasons.append(
                f"Low risk only since {low_since:%d %B %Y}: needs {criteria.min_low_years} years "
                f"(from {needed:%d %B %Y} or earlier)."
            )
    breach_cutoff = add_months(today, -12 * criteria.quiet_years)
    if any(day >= breach_cutoff for day in breaches):
        reasons.append(f"A breach of the notification requirements in the last {criteria.quiet_years} years.")
    intel_cutoff = add_months(today, -criteria.quiet_months)
    if any(day >= intel_cutoff for day in intelligence):
        reasons.append(f"New intelligence in the last {criteria.quiet_months} months.")
    if mappa_level > criteria.max_mappa_level:
        reasons.append(f"MAPPA level {mappa_level}: reactive management needs level {criteria.max_mappa_level} or below.")
    return reasons
