"""Configurable values for offender management, each with its documented default and source.

Read through these functions, not settings directly. None of the defaults is current national
policy: the visit frequencies are historical (pre-2017) national figures, the rest local defaults.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from vigil.offenders.visits import (
    DEFAULT_POLICY,
    HISTORICAL_SOURCE,
    Level,
    ReactiveCriteria,
    SlotRules,
    VisitPolicy,
)


def visit_policy() -> VisitPolicy:
    """VIGIL_RSO_VISIT_MONTHS = {"very_high": 1, "high": 3, "medium": 6, "low": 12, "not_assessed": 1}.

    Without it: the historical national figures (domain.md C10 [S]), marked as such on every page.
    """
    configured = getattr(settings, "VIGIL_RSO_VISIT_MONTHS", None)
    if not configured:
        return DEFAULT_POLICY
    months = dict(DEFAULT_POLICY.months)
    for level, value in configured.items():
        try:
            months[Level(level)] = value
        except ValueError:
            raise ImproperlyConfigured(f"VIGIL_RSO_VISIT_MONTHS: unknown risk level {level!r}")
    source = getattr(settings, "VIGIL_RSO_VISIT_SOURCE", "Force policy (VIGIL_RSO_VISIT_MONTHS)")
    policy = VisitPolicy(months, source=source, historical=source == HISTORICAL_SOURCE)
    for level in Level:
        policy.interval(level)  # fail loudly on a bad value
    return policy


def completing_outcomes() -> frozenset[str]:
    """Visit outcomes that restart the visit clock. Default: only "seen" (the offender was seen at
    the address); no reply, refused access and not resident do not count as a visit [U local]."""
    return frozenset(getattr(settings, "VIGIL_RSO_COMPLETING_OUTCOMES", ("seen",)))


def visits_per_day() -> float:
    """Home visits one offender manager can do per working day, for the 30-day forecast, unless
    the manager has their own figure (ManagerCapacity). Default 2 [U]: no national figure;
    figures.md 1.1 gives caseloads of 50-100 per officer."""
    return float(getattr(settings, "VIGIL_RSO_VISITS_PER_DAY", 2))


def reactive_criteria() -> ReactiveCriteria:
    values = getattr(settings, "VIGIL_RSO_REACTIVE_CRITERIA", {}) or {}
    return ReactiveCriteria(**values)


def slot_rules() -> SlotRules:
    values = getattr(settings, "VIGIL_RSO_SLOT_RULES", {}) or {}
    return SlotRules(**values)


def first_assessment_days() -> int:
    """Days from the start of management to the first risk assessment. Default 28 [U local]."""
    return int(getattr(settings, "VIGIL_RSO_FIRST_ASSESSMENT_DAYS", 28))


def breach_review_working_days() -> int:
    """Working days the offender manager has to start a s.91 breach enquiry. Default 1 [U local]."""
    return int(getattr(settings, "VIGIL_RSO_BREACH_DAYS", 1))


def child_link_hours() -> int:
    """Hours within which a child link (rule I7) must be reviewed. Default 24 [U local]."""
    return int(getattr(settings, "VIGIL_RSO_CHILD_LINK_HOURS", 24))


def intelligence_review_days() -> int:
    """Days to reassess risk after new intelligence (domain.md C10: intelligence "should trigger a
    risk reassessment"). Default 7 [U local]."""
    return int(getattr(settings, "VIGIL_RSO_INTELLIGENCE_DAYS", 7))
