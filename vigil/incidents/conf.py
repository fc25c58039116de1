"""Configurable values for incident safeguarding, each with its documented default and source.

Read through these functions (not settings directly) so every module uses the same defaults.
A force overrides them in settings / the environment; docs/incidents.md lists them.
"""

from __future__ import annotations

from datetime import date, time

from django.conf import settings


def referral_due_hours() -> int:
    """Hours from the incident within which the PPN referral is due. Default 24: local practice
    (domain.md A3 [S], Devon & Cornwall model: daily review of the previous 24 hours' PPNs)."""
    return int(getattr(settings, "VIGIL_REFERRAL_DUE_HOURS", 24))


def school_day_start() -> time:
    """When the school day starts, for Operation Encompass "before the start of the next school
    day" (domain.md A4 [S]). Default 08:30."""
    value = getattr(settings, "VIGIL_SCHOOL_DAY_START", "08:30")
    if isinstance(value, time):
        return value
    hours, minutes = str(value).split(":")
    return time(int(hours), int(minutes))


def school_holidays() -> tuple[tuple[date, date], ...]:
    """School holiday ranges (inclusive ISO date pairs) that are not school days. Empty by default:
    holidays differ between local authorities and schools, so a force loads its own (domain.md A4)."""
    ranges = []
    for start, end in getattr(settings, "VIGIL_SCHOOL_HOLIDAYS", ()):
        ranges.append((_as_date(start), _as_date(end)))
    return tuple(ranges)


def pp_notify_hours() -> int:
    """Police protection notifications are due "as soon as reasonably practicable" (Children Act 1989
    s.46(3)-(4), domain.md D5). The Act sets no number of hours [U]: default 2, a force policy."""
    return int(getattr(settings, "VIGIL_PP_NOTIFY_HOURS", 2))


def pp_warning_hours() -> int:
    """How long before the hard 72-hour police protection limit the warning task falls due
    (domain.md I8: "warns before expiry so there is time for release or an EPO"). Default 12."""
    return int(getattr(settings, "VIGIL_PP_WARNING_HOURS", 12))


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
