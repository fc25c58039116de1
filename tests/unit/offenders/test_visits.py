"""Home-visit schedule rules (visits.py): intervals, overdue thresholds, slot variation, reactive criteria."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.offenders.rules import LONDON, add_months
from vigil.offenders.visits import (
    DEFAULT_POLICY,
    HISTORICAL_SOURCE,
    Level,
    ReactiveCriteria,
    SlotRules,
    VisitPolicy,
    bucket_for,
    days_overdue,
    due_threshold,
    is_predictable,
    next_visit_due,
    reactive_blockers,
    suggest_slot,
)


@pytest.mark.parametrize(("level", "due"), [
    ("very_high", date(2024, 2, 29)),  # monthly, clamped to the month end
    ("high", date(2024, 4, 30)),
    ("medium", date(2024, 7, 31)),
    ("low", date(2025, 1, 31)),
    ("not_assessed", date(2024, 2, 29)),
])
def test_default_intervals_are_the_historical_figures(level, due):
    assert next_visit_due(clock_from=date(2024, 1, 31), level=level) == due


def test_defaults_are_marked_historical_not_policy():
    assert DEFAULT_POLICY.historical
    assert "NOT current national policy" in DEFAULT_POLICY.source and "2017" in DEFAULT_POLICY.source
    assert HISTORICAL_SOURCE == DEFAULT_POLICY.source


def test_a_higher_level_moves_the_next_visit_earlier():
    low = next_visit_due(clock_from=date(2024, 3, 1), level="low")
    high = next_visit_due(clock_from=date(2024, 3, 1), level="high")
    assert (low, high) == (date(2025, 3, 1), date(2024, 6, 1))


def test_configured_policy_is_used_and_checked():
    policy = VisitPolicy({**DEFAULT_POLICY.months, Level.LOW: 24}, source="Force policy", historical=False)
    assert next_visit_due(clock_from=date(2024, 3, 1), level="low", policy=policy) == date(2026, 3, 1)
    with pytest.raises(ValueError, match="whole number of months"):
        VisitPolicy({**DEFAULT_POLICY.months, Level.LOW: 0}).interval("low")
    with pytest.raises(ValueError, match="no visit interval"):
        DEFAULT_POLICY.interval("extreme")


@given(clock=st.dates(date(2000, 1, 1), date(2040, 12, 31)), today=st.dates(date(2000, 1, 1), date(2040, 12, 31)),
       months=st.sampled_from([1, 3, 6, 12, 24]))
def test_threshold_is_exactly_the_overdue_boundary(clock, today, months):
    assert (add_months(clock, months) < today) == (clock < due_threshold(today, months))


def test_threshold_at_month_ends():
    # 31 January + 1 month = 29 February 2024: overdue on 1 March, not on 29 February.
    assert due_threshold(date(2024, 3, 1), 1) == date(2024, 2, 1)
    assert add_months(date(2024, 1, 31), 1) < date(2024, 3, 1)
    assert not add_months(date(2024, 1, 31), 1) < date(2024, 2, 29)


def test_days_overdue_and_buckets():
    assert days_overdue(date(2024, 5, 1), date(2024, 5, 1)) == 0  # the due day itself is on time
    assert days_overdue(date(2024, 5, 1), date(2024, 5, 2)) == 1
    assert days_overdue(None, date(2024, 5, 2)) == 0
    assert [bucket_for(d) for d in (0, 1, 28, 29, 90, 91, 180, 181, 400)] == [
        None, "1 to 28 days", "1 to 28 days", "29 to 90 days", "29 to 90 days", "91 to 180 days",
        "91 to 180 days", "more than 180 days", "more than 180 days"]


def _at(day, hour):
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def test_suggested_slot_differs_in_weekday_and_hour_from_recent_visits():
    previous = [_at(date(2024, 1, 2), 10), _at(date(2024, 2, 6), 10), _at(date(2024, 3, 5), 11)]  # Tuesdays
    slot = suggest_slot(previous=previous, due_on=date(2024, 4, 30), today=date(2024, 4, 10))
    assert slot.at.weekday() != 1
    assert all(abs(slot.at.hour - p.hour) > 1 for p in previous)
    assert date(2024, 4, 16) <= slot.at.date() <= date(2024, 4, 30)  # the fortnight before it is due
    assert slot.at.hour >= SlotRules().evening_from, "no recent evening visit, so an evening is suggested"


def test_slot_after_evening_visits_is_not_forced_into_the_evening():
    previous = [_at(date(2024, 3, 4), 19), _at(date(2024, 2, 7), 17)]
    slot = suggest_slot(previous=previous, due_on=date(2024, 4, 30), today=date(2024, 4, 1))
    assert slot.at.hour not in (16, 17, 18, 19, 20)
    assert slot.at.weekday() not in (0, 2)


def test_overdue_visit_is_suggested_from_today():
    slot = suggest_slot(previous=[], due_on=date(2024, 1, 1), today=date(2024, 3, 1))
    assert slot.at.date() == date(2024, 3, 1)
    assert any("overdue" in r for r in slot.reasons)


def test_slot_falls_back_when_every_weekday_was_used():
    previous = [_at(date(2024, 1, 1) + timedelta(days=n * 8), 9 + n) for n in range(7)]  # all seven weekdays
    slot = suggest_slot(previous=previous, due_on=date(2024, 6, 30), today=date(2024, 6, 1),
                        rules=SlotRules(avoid_last=7))
    assert date(2024, 6, 16) <= slot.at.date() <= date(2024, 6, 30)


def test_predictable_patterns():
    tuesdays = [_at(date(2024, 1, 2), 10), _at(date(2024, 2, 6), 15), _at(date(2024, 3, 5), 19)]
    same_hour = [_at(date(2024, 1, 1), 10), _at(date(2024, 2, 7), 10), _at(date(2024, 3, 8), 11)]
    varied = [_at(date(2024, 1, 1), 10), _at(date(2024, 2, 7), 14), _at(date(2024, 3, 8), 19)]
    assert is_predictable(tuesdays) and is_predictable(same_hour) and not is_predictable(varied)
    assert not is_predictable(varied[:1])


TODAY = date(2024, 6, 1)


def test_reactive_needs_low_risk_for_three_years():
    assert reactive_blockers(today=TODAY, assessments=[(date(2021, 6, 1), "low")], mappa_level=1) == []
    blockers = reactive_blockers(today=TODAY, assessments=[(date(2021, 6, 2), "low")], mappa_level=1)
    assert len(blockers) == 1 and "needs 3 years" in blockers[0]
    # A medium assessment in between restarts the low run.
    history = [(date(2019, 1, 1), "low"), (date(2022, 1, 1), "medium"), (date(2023, 1, 1), "low")]
    assert reactive_blockers(today=TODAY, assessments=history, mappa_level=1)
    assert "not low" in reactive_blockers(today=TODAY, assessments=[(date(2020, 1, 1), "high")], mappa_level=1)[0]
    assert "not low" in reactive_blockers(today=TODAY, assessments=[], mappa_level=1)[0]


def test_reactive_blocked_by_breach_intelligence_and_mappa_level():
    low = [(date(2020, 1, 1), "low")]
    assert reactive_blockers(today=TODAY, assessments=low, breaches=[date(2021, 6, 1)], mappa_level=1)
    assert not reactive_blockers(today=TODAY, assessments=low, breaches=[date(2021, 5, 31)], mappa_level=1)
    assert reactive_blockers(today=TODAY, assessments=low, intelligence=[date(2023, 6, 1)], mappa_level=1)
    assert not reactive_blockers(today=TODAY, assessments=low, intelligence=[date(2023, 5, 31)], mappa_level=1)
    assert reactive_blockers(today=TODAY, assessments=low, mappa_level=2)
    assert not reactive_blockers(today=TODAY, assessments=low, mappa_level=2,
                                 criteria=ReactiveCriteria(max_mappa_level=2))
