"""Due times: referral (24 h), Operation Encompass (next school day), police protection (72 h)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.core.clock import LONDON
from vigil.incidents import rules


def london(*args):
    return datetime(*args, tzinfo=LONDON)


# --- referral: 24 elapsed hours -------------------------------------------------------------------

def test_referral_due_is_24_hours_after_the_incident():
    assert rules.referral_due(london(2026, 11, 10, 14, 30)) == london(2026, 11, 11, 14, 30)


def test_referral_due_is_configurable():
    assert rules.referral_due(london(2026, 11, 10, 14, 30), hours=12) == london(2026, 11, 11, 2, 30)


def test_referral_due_counts_real_hours_across_the_spring_clock_change():
    # 29 March 2026: clocks go forward at 01:00 GMT, so 24 real hours end at 11:00 BST, not 10:00.
    due = rules.referral_due(london(2026, 3, 28, 10, 0))
    assert due == london(2026, 3, 29, 11, 0)
    assert due.astimezone(UTC) - london(2026, 3, 28, 10, 0).astimezone(UTC) == timedelta(hours=24)


def test_referral_due_counts_real_hours_across_the_autumn_clock_change():
    due = rules.referral_due(london(2026, 10, 24, 10, 0))
    assert due == london(2026, 10, 25, 9, 0)


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        rules.referral_due(datetime(2026, 1, 1, 12, 0))


# --- police protection: 72 elapsed hours, hard -------------------------------------------------------

def test_police_protection_ends_72_real_hours_later():
    taken = london(2026, 6, 1, 22, 15)
    assert rules.police_protection_expiry(taken) == london(2026, 6, 4, 22, 15)


def test_police_protection_across_the_autumn_change_is_72_not_73_hours():
    taken = london(2026, 10, 24, 9, 0)  # Saturday before the clocks go back
    expiry = rules.police_protection_expiry(taken)
    assert expiry == london(2026, 10, 27, 8, 0)  # 08:00 GMT on Tuesday, not 09:00
    assert expiry.astimezone(UTC) - taken.astimezone(UTC) == timedelta(hours=72)


def test_police_protection_warning_falls_before_expiry():
    taken = london(2026, 6, 1, 12, 0)
    assert rules.police_protection_warning(taken, 12) == london(2026, 6, 4, 0, 0)
    with pytest.raises(ValueError):
        rules.police_protection_warning(taken, 72)


def test_police_protection_notices_are_due_soon_but_never_after_expiry():
    taken = london(2026, 6, 1, 12, 0)
    assert rules.police_protection_notice_due(taken, 2) == london(2026, 6, 1, 14, 0)
    assert rules.police_protection_notice_due(taken, 100) == rules.police_protection_expiry(taken)


@given(st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)))
def test_police_protection_is_always_exactly_72_hours(taken):
    expiry = rules.police_protection_expiry(taken)
    assert expiry.astimezone(UTC) - taken == timedelta(hours=72)


# --- Operation Encompass: before the start of the next school day ----------------------------------

@pytest.mark.parametrize(
    "occurred, due",
    [
        (london(2026, 11, 10, 19, 0), london(2026, 11, 11, 8, 30)),  # Tuesday evening -> Wednesday
        (london(2026, 11, 11, 2, 0), london(2026, 11, 11, 8, 30)),  # small hours of a school day -> that morning
        (london(2026, 11, 11, 8, 30), london(2026, 11, 12, 8, 30)),  # at the bell: the next day
        (london(2026, 11, 13, 21, 0), london(2026, 11, 16, 8, 30)),  # Friday night -> Monday
        (london(2026, 11, 14, 11, 0), london(2026, 11, 16, 8, 30)),  # Saturday -> Monday
        (london(2026, 12, 24, 20, 0), london(2026, 12, 29, 8, 30)),  # Christmas Eve -> after the bank holidays
        (london(2026, 4, 2, 18, 0), london(2026, 4, 7, 8, 30)),  # Maundy Thursday -> after Easter Monday
    ],
)
def test_encompass_due_at_the_start_of_the_next_school_day(occurred, due):
    assert rules.encompass_due(occurred) == due


def test_encompass_skips_configured_school_holidays():
    half_term = ((date(2026, 10, 26), date(2026, 10, 30)),)
    assert rules.encompass_due(london(2026, 10, 23, 18, 0), holidays=half_term) == london(2026, 11, 2, 8, 30)


def test_encompass_school_day_start_is_configurable():
    assert rules.encompass_due(london(2026, 11, 10, 19, 0), time(8, 45)) == london(2026, 11, 11, 8, 45)


def test_encompass_due_after_the_spring_clock_change_is_local_time():
    # Incident Friday 27 March 2026; next school day Monday 30 March, now BST.
    due = rules.encompass_due(london(2026, 3, 27, 20, 0))
    assert due == london(2026, 3, 30, 8, 30)
    assert due.astimezone(UTC).hour == 7


def test_encompass_refuses_a_holiday_table_with_no_school_days():
    with pytest.raises(ValueError):
        rules.encompass_due(london(2026, 1, 5, 18, 0), holidays=((date(2026, 1, 1), date(2028, 1, 1)),))


def test_same_day_deadline_is_end_of_the_london_day():
    moment = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)  # 23:30 BST
    assert rules.same_day_deadline(moment) == london(2026, 6, 1, 23, 59, 59)


# --- timeliness ---------------------------------------------------------------------------------------

def test_timeliness_states():
    due = london(2026, 5, 1, 12, 0)
    assert rules.timeliness(due_at=due, done_at=due, now=due) == rules.ON_TIME
    assert rules.timeliness(due_at=due, done_at=due + timedelta(seconds=1), now=due) == rules.LATE
    assert rules.timeliness(due_at=due, done_at=None, now=due) == rules.PENDING
    assert rules.timeliness(due_at=due, done_at=None, now=due + timedelta(seconds=1)) == rules.OVERDUE
