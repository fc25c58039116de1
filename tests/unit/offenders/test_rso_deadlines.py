"""Notification deadlines: s.83 initial, s.84 changes, s.85 periodic, travel, household, review,
and the s.91 breach check."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vigil.offenders.rules import (
    NotificationKind,
    advance_notice_discharges,
    change_notification_due,
    day_ends_at,
    further_review_qualifying_date,
    household_notification_due,
    household_stay_qualifies,
    initial_notification_due,
    is_breached,
    non_occurrence_notification_due,
    periodic_anchor,
    periodic_notification_due,
    review_qualifying_date,
    travel_notification_deadline,
)

LONDON = ZoneInfo("Europe/London")
D = date


# --- s.83 initial notification ------------------------------------------------------------------


def test_three_days_beginning_with_1_may_end_on_3_may():
    assert initial_notification_due(start=D(2024, 5, 1)) == D(2024, 5, 3)


def test_custody_spanning_the_window_starts_the_clock_on_release():
    spell = [(D(2024, 5, 1), D(2026, 11, 10))]  # sentenced on conviction, released 10 Nov 2026
    assert initial_notification_due(start=D(2024, 5, 1), disregarded=spell) == D(2026, 11, 12)


def test_custody_beginning_inside_the_window_pauses_the_count():
    # 1 May counts; remanded 2-9 May; 10 and 11 May complete the three days.
    spell = [(D(2024, 5, 2), D(2024, 5, 10))]
    assert initial_notification_due(start=D(2024, 5, 1), disregarded=spell) == D(2024, 5, 11)


def test_overlapping_and_unsorted_spells_are_all_disregarded():
    spells = [(D(2024, 5, 5), D(2024, 5, 8)), (D(2024, 5, 2), D(2024, 5, 6))]  # custody, abroad
    assert initial_notification_due(start=D(2024, 5, 1), disregarded=spells) == D(2024, 5, 9)


@pytest.mark.parametrize(
    "spell",
    [
        (D(2024, 4, 1), D(2024, 4, 10)),  # over before the start
        (D(2024, 4, 20), D(2024, 5, 1)),  # released on the start day, which counts
        (D(2024, 5, 2), D(2024, 5, 2)),  # no whole day disregarded
        (D(2024, 5, 4), None),  # begins after the deadline
    ],
)
def test_spells_that_do_not_touch_the_window_change_nothing(spell):
    assert initial_notification_due(start=D(2024, 5, 1), disregarded=[spell]) == D(2024, 5, 3)


def test_still_in_custody_means_no_deadline_yet():
    assert (
        initial_notification_due(start=D(2024, 5, 1), disregarded=[(D(2024, 5, 1), None)]) is None
    )


def test_release_before_detention_and_non_dates_are_rejected():
    with pytest.raises(ValueError, match="before it began"):
        initial_notification_due(start=D(2024, 5, 1), disregarded=[(D(2024, 5, 2), D(2024, 5, 1))])
    with pytest.raises(ValueError, match="must be a date"):
        initial_notification_due(start=datetime(2024, 5, 1, 12))
    with pytest.raises(ValueError, match="must be a date"):
        initial_notification_due(start=D(2024, 5, 1), disregarded=[("2024-05-02", None)])


# --- s.84 changes -------------------------------------------------------------------------------


def test_change_notification_three_days_across_the_year_end():
    assert change_notification_due(changed_on=D(2024, 12, 30)) == D(2025, 1, 1)


def test_change_notification_disregards_time_abroad():
    abroad = [(D(2024, 6, 2), D(2024, 6, 20))]
    assert change_notification_due(changed_on=D(2024, 6, 1), disregarded=abroad) == D(2024, 6, 21)


@pytest.mark.parametrize(
    ("happened_on", "discharged"),
    [
        (D(2024, 6, 7), False),  # more than 2 days before the date given
        (D(2024, 6, 8), True),
        (D(2024, 6, 10), True),
        (D(2024, 6, 12), True),  # last of the 3 days beginning with the date given
        (D(2024, 6, 13), False),
    ],
)
def test_advance_notice_covers_the_event_only_near_the_date_given(happened_on, discharged):
    assert advance_notice_discharges(expected_on=D(2024, 6, 10), happened_on=happened_on) is (
        discharged
    )


def test_non_occurrence_must_be_notified_within_6_days_beginning_with_the_date_given():
    assert non_occurrence_notification_due(expected_on=D(2024, 6, 10)) == D(2024, 6, 15)


# --- s.85 periodic ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "nfa", "due"),
    [
        (D(2024, 1, 15), False, D(2025, 1, 15)),
        (D(2024, 2, 29), False, D(2025, 2, 28)),
        (D(2023, 2, 28), False, D(2024, 2, 28)),
        (D(2024, 1, 15), True, D(2024, 1, 22)),
        (D(2024, 12, 28), True, D(2025, 1, 4)),
    ],
)
def test_annual_and_weekly_periodic_notification(last, nfa, due):
    assert periodic_notification_due(last_notified_on=last, no_fixed_abode=nfa) == due


def test_change_notification_moves_the_annual_date_but_other_information_does_not():
    events = [
        (D(2023, 1, 10), NotificationKind.INITIAL),
        (D(2023, 6, 1), NotificationKind.CHANGE),
        (D(2023, 9, 1), NotificationKind.OTHER),  # e.g. travel or 2012 new-matter information
    ]
    anchor = periodic_anchor(events)
    assert anchor == D(2023, 6, 1)
    assert periodic_notification_due(last_notified_on=anchor, no_fixed_abode=False) == D(2024, 6, 1)
    assert periodic_anchor([*events, (D(2024, 5, 30), "s85")]) == D(2024, 5, 30)


def test_periodic_anchor_needs_a_qualifying_notification():
    with pytest.raises(ValueError, match="s.83, s.84 or s.85"):
        periodic_anchor([(D(2023, 9, 1), NotificationKind.OTHER)])


@pytest.mark.parametrize(
    ("spells", "due"),
    [
        (
            [(D(2024, 12, 1), D(2025, 3, 10))],
            D(2025, 3, 12),
        ),  # ends in custody: 3 days from release
        ([(D(2024, 3, 1), D(2024, 4, 1))], D(2025, 1, 15)),  # custody earlier in the year
        ([(D(2024, 12, 1), D(2025, 1, 15))], D(2025, 1, 15)),  # released on the due day
        ([(D(2024, 12, 1), D(2025, 3, 10)), (D(2025, 3, 11), D(2025, 3, 20))], D(2025, 3, 22)),
        ([(D(2024, 12, 1), None)], None),
    ],
)
def test_annual_period_ending_in_custody_runs_on_after_release(spells, due):
    result = periodic_notification_due(
        last_notified_on=D(2024, 1, 15), no_fixed_abode=False, disregarded=spells
    )
    assert result == due


def test_weekly_period_ending_in_custody_runs_on_after_release():
    result = periodic_notification_due(
        last_notified_on=D(2024, 1, 15),
        no_fixed_abode=True,
        disregarded=[(D(2024, 1, 20), D(2024, 2, 1))],
    )
    assert result == D(2024, 2, 3)


def test_periodic_lengths_are_parameters():
    kwargs = {"last_notified_on": D(2024, 1, 15)}
    assert periodic_notification_due(**kwargs, no_fixed_abode=True, weekly_days=14) == D(
        2024, 1, 29
    )
    with pytest.raises(ValueError, match="weekly_days"):
        periodic_notification_due(**kwargs, no_fixed_abode=True, weekly_days=0)


# --- s.86 travel --------------------------------------------------------------------------------


def test_travel_known_a_week_ahead_is_due_by_the_end_of_the_day_7_days_before():
    departure = datetime(2024, 7, 20, 10, 0, tzinfo=LONDON)
    for known in (D(2024, 7, 1), D(2024, 7, 13)):
        deadline = travel_notification_deadline(departure_at=departure, details_known_on=known)
        assert deadline == datetime(2024, 7, 14, 0, 0, tzinfo=LONDON)


def test_travel_known_late_is_due_12_hours_before_departure():
    departure = datetime(2024, 7, 20, 10, 0, tzinfo=LONDON)
    deadline = travel_notification_deadline(departure_at=departure, details_known_on=D(2024, 7, 14))
    assert deadline == datetime(2024, 7, 19, 22, 0, tzinfo=LONDON)


def test_travel_12_hours_are_real_hours_across_the_clock_change():
    # Clocks went forward at 01:00 GMT on 31 March 2024: 10:00 BST is 09:00 UTC.
    departure = datetime(2024, 3, 31, 10, 0, tzinfo=LONDON)
    deadline = travel_notification_deadline(departure_at=departure, details_known_on=D(2024, 3, 30))
    assert deadline == datetime(2024, 3, 30, 21, 0, tzinfo=UTC)


def test_travel_rules_are_parameters_and_inputs_are_checked():
    departure = datetime(2024, 7, 20, 10, 0, tzinfo=LONDON)
    deadline = travel_notification_deadline(
        departure_at=departure, details_known_on=D(2024, 7, 1), advance_days=14
    )
    assert deadline == datetime(2024, 7, 7, 0, 0, tzinfo=LONDON)
    with pytest.raises(ValueError, match="timezone-aware"):
        travel_notification_deadline(
            departure_at=datetime(2024, 7, 20, 10), details_known_on=D(2024, 7, 1)
        )
    with pytest.raises(ValueError, match="after the departure date"):
        travel_notification_deadline(departure_at=departure, details_known_on=D(2024, 7, 21))


# --- reg.10 household with a child --------------------------------------------------------------


@pytest.mark.parametrize(
    ("ended_at", "qualifies"),
    [
        # Clocks went back at 02:00 BST on 27 October 2024, so the night had 25 hours.
        (datetime(2024, 10, 27, 7, 30, tzinfo=LONDON), True),  # 11.5 h on the clock, 12.5 h real
        (datetime(2024, 10, 27, 6, 30, tzinfo=LONDON), False),  # 11.5 h real
        (datetime(2024, 10, 27, 7, 0, tzinfo=LONDON), True),  # exactly 12 h
    ],
)
def test_household_stay_of_at_least_12_real_hours(ended_at, qualifies):
    began = datetime(2024, 10, 26, 20, 0, tzinfo=LONDON)
    assert household_stay_qualifies(began_at=began, ended_at=ended_at) is qualifies


def test_household_stay_checks_its_input():
    began = datetime(2024, 6, 1, 20, 0, tzinfo=LONDON)
    with pytest.raises(ValueError, match="before it began"):
        household_stay_qualifies(began_at=began, ended_at=began - timedelta(hours=1))
    with pytest.raises(ValueError, match="timezone-aware"):
        household_stay_qualifies(began_at=datetime(2024, 6, 1), ended_at=began)


@pytest.mark.parametrize(
    ("began_at", "due"),
    [
        (datetime(2024, 6, 1, 8, 0, tzinfo=LONDON), D(2024, 6, 3)),  # qualifies 20:00 on 1 June
        (datetime(2024, 6, 1, 13, 0, tzinfo=LONDON), D(2024, 6, 4)),  # qualifies 01:00 on 2 June
        # Qualifies at 23:30 UTC on 1 June, which is 00:30 BST on 2 June: the London day counts.
        (datetime(2024, 6, 1, 11, 30, tzinfo=UTC), D(2024, 6, 4)),
    ],
)
def test_household_notification_due_3_days_from_the_day_the_stay_qualifies(began_at, due):
    assert household_notification_due(began_at=began_at) == due


# --- s.91B review -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notified", "age", "qualifying"),
    [
        (D(2015, 1, 15), 18, D(2030, 1, 15)),
        (D(2015, 1, 15), 45, D(2030, 1, 15)),
        (D(2015, 1, 15), 17, D(2023, 1, 15)),
        (D(2016, 2, 29), 30, D(2031, 3, 1)),  # 15 years beginning with 29 Feb end on 28 Feb
        (D(2016, 2, 29), 16, D(2024, 2, 29)),
    ],
)
def test_review_qualifying_date(notified, age, qualifying):
    result = review_qualifying_date(relevant_notification_on=notified, age_on_relevant_date=age)
    assert result == qualifying


def test_further_review_qualifying_date():
    determined = D(2024, 5, 1)
    assert further_review_qualifying_date(determined_on=determined) == D(2032, 5, 1)
    assert further_review_qualifying_date(determined_on=determined, years=15) == D(2039, 5, 1)
    assert further_review_qualifying_date(determined_on=determined, years=16, max_years=20) == D(
        2040, 5, 1
    )
    for years in (7, 16):
        with pytest.raises(ValueError, match="8 to 15 years"):
            further_review_qualifying_date(determined_on=determined, years=years)


# --- s.91 breach --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("met_on", "now", "breached"),
    [
        (D(2024, 5, 3), datetime(2024, 6, 1, tzinfo=LONDON), False),
        (D(2024, 5, 4), datetime(2024, 6, 1, tzinfo=LONDON), True),
        (None, datetime(2024, 5, 3, 23, 59, 59, tzinfo=LONDON), False),
        (None, datetime(2024, 5, 4, 0, 0, tzinfo=LONDON), True),
        (None, datetime(2024, 5, 3, 23, 30, tzinfo=UTC), True),  # 00:30 BST on 4 May
        (None, datetime(2024, 5, 3, 22, 59, tzinfo=UTC), False),  # 23:59 BST on 3 May
    ],
)
def test_breach(met_on, now, breached):
    assert is_breached(due_on=D(2024, 5, 3), met_on=met_on, now=now) is breached


def test_breach_without_a_running_clock_and_bad_input():
    now = datetime(2024, 6, 1, tzinfo=LONDON)
    assert is_breached(due_on=None, met_on=None, now=now) is False
    with pytest.raises(ValueError, match="timezone-aware"):
        is_breached(due_on=D(2024, 5, 3), met_on=None, now=datetime(2024, 6, 1))
    with pytest.raises(ValueError, match="after today"):
        is_breached(due_on=D(2024, 5, 3), met_on=D(2024, 6, 2), now=now)


def test_day_ends_at_london_midnight_in_winter_and_summer():
    assert day_ends_at(D(2024, 1, 10)).astimezone(UTC) == datetime(2024, 1, 11, 0, tzinfo=UTC)
    assert day_ends_at(D(2024, 7, 10)).astimezone(UTC) == datetime(2024, 7, 10, 23, tzinfo=UTC)
