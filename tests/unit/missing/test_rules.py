"""Missing-children rules at every boundary, including the March and October clock changes.

2026 clock changes (Europe/London): forward at 01:00 GMT on Sunday 29 March (01:00 -> 02:00 BST);
back at 02:00 BST on Sunday 25 October (02:00 BST -> 01:00 GMT, so 01:00-01:59 happens twice).
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vigil.core.clock import LONDON
from vigil.missing import conf, rules

HOURS = dict(conf.DEFAULT_REVIEW_HOURS)


def london(*args, fold=0):
    return datetime(*args, tzinfo=LONDON, fold=fold)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def real_hours(a, b):
    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds() / 3600


# --- who is a child ------------------------------------------------------------------------------------

@pytest.mark.parametrize("dob, seen, age", [
    (date(2008, 6, 1), london(2026, 5, 31, 23, 59), 17),   # the day before the 18th birthday
    (date(2008, 6, 1), london(2026, 6, 1, 0, 0), 18),      # the birthday itself
    (date(2013, 2, 28), london(2026, 2, 28, 12, 0), 13),
    (date(2012, 2, 29), london(2026, 2, 28, 12, 0), 13),   # leap-day birthday: 14 only on 1 March
    (date(2012, 2, 29), london(2026, 3, 1, 0, 0), 14),
])
def test_age_at_the_time_last_seen(dob, seen, age):
    assert rules.age_at(dob, seen) == age


def test_age_uses_the_london_date_not_utc():
    # 23:30 UTC on 31 May is 00:30 BST on 1 June: the 18th birthday in London.
    assert rules.age_at(date(2008, 6, 1), utc(2026, 5, 31, 23, 30)) == 18


@pytest.mark.parametrize("age, ok", [(0, True), (13, True), (17, True), (18, False), (45, False)])
def test_only_children_can_be_reported(age, ok):
    problem = rules.child_age_error(age)
    assert (problem == "") is ok
    if not ok:
        assert "This module is for missing children (under 18)" in problem


def test_unknown_age_and_birth_after_last_seen_are_explained():
    assert "date of birth" in rules.child_age_error(None)
    assert "after the time they were last seen" in rules.child_age_error(-1)


# --- minimum grade -------------------------------------------------------------------------------------

def minimum(age, markers, child="medium", marker="high", raising=("cp_plan", "exploitation")):
    return rules.minimum_grade(age=age, marker_kinds=markers, child_minimum=child, marker_minimum=marker,
                               raising_markers=raising)


@pytest.mark.parametrize("age, markers, expected", [
    (13, [], "medium"),
    (17, [], "medium"),
    (18, [], "very_low"),
    (13, ["cp_plan"], "high"),
    (13, ["exploitation"], "high"),
    (13, ["cp_plan", "exploitation", "looked_after"], "high"),
    (13, ["looked_after"], "medium"),     # not in the default raising set
    (13, ["repeat_missing"], "medium"),
])
def test_minimum_grade_defaults(age, markers, expected):
    assert minimum(age, markers).grade == expected


def test_minimum_grade_is_configurable():
    assert minimum(13, [], child="low").grade == "low"
    assert minimum(13, ["looked_after"], raising=("looked_after",)).grade == "high"
    assert minimum(13, ["cp_plan"], marker="medium").grade == "medium"
    # A marker minimum set below the child minimum never lowers it.
    assert minimum(13, ["cp_plan"], child="high", marker="medium").grade == "high"


def test_minimum_says_why():
    assert "cp plan" in minimum(13, ["cp_plan"]).because
    assert minimum(13, []).because == "the missing person is a child"


@pytest.mark.parametrize("grade, floor, needed", [
    ("very_low", "medium", True), ("low", "medium", True), ("medium", "medium", False), ("high", "medium", False),
    ("medium", "high", True), ("high", "high", False), ("very_low", "very_low", False),
])
def test_override_needed_only_below_the_minimum(grade, floor, needed):
    assert rules.needs_override(grade, floor) is needed


# --- reviews -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("grade, hours", [("", 1), ("high", 1), ("medium", 4), ("low", 8), ("very_low", 24)])
def test_review_interval_per_grade(grade, hours):
    start = london(2026, 6, 10, 9, 0)
    assert real_hours(start, rules.review_due(start, grade, HOURS)) == hours


def test_review_due_across_the_march_change_is_real_hours():
    # Reviewed 23:30 GMT Saturday; a 4-hour interval ends 04:30 BST Sunday (4 real hours).
    due = rules.review_due(london(2026, 3, 28, 23, 30), "medium", HOURS)
    assert due.astimezone(UTC) == utc(2026, 3, 29, 3, 30)
    assert (due.hour, due.minute) == (4, 30)


def test_review_due_across_the_october_change_is_real_hours():
    # 00:30 BST + 4 real hours = 03:30 GMT (the wall clock shows only 3 hours later).
    due = rules.review_due(london(2026, 10, 25, 0, 30), "medium", HOURS)
    assert due.astimezone(UTC) == utc(2026, 10, 25, 3, 30)
    assert (due.hour, due.minute) == (3, 30)


def test_one_hour_review_inside_the_repeated_october_hour():
    first_0130 = london(2026, 10, 25, 1, 30, fold=0)  # 00:30 UTC
    due = rules.review_due(first_0130, "high", HOURS)
    assert due.astimezone(UTC) == utc(2026, 10, 25, 1, 30)  # the second 01:30 (GMT)


# --- escalation ----------------------------------------------------------------------------------------

DUE = utc(2026, 6, 10, 12, 0)
TICK = timedelta(microseconds=1)


@pytest.mark.parametrize("now, level", [
    (DUE - TICK, 0),
    (DUE, 0),                                   # due now is not yet overdue
    (DUE + TICK, 1),                            # overdue: the next rank up sees it
    (DUE + timedelta(hours=2), 1),              # the end of the step
    (DUE + timedelta(hours=2) + TICK, 2),       # then the senior officers
])
def test_escalation_levels(now, level):
    assert rules.escalation_level(DUE, now, step_hours=2) == level


def test_escalation_step_counts_real_hours_across_the_march_change():
    due = london(2026, 3, 29, 0, 30)  # GMT
    assert rules.escalation_level(due, london(2026, 3, 29, 3, 30), 2) == 1  # 2 real hours later (BST)
    assert rules.escalation_level(due, london(2026, 3, 29, 3, 31), 2) == 2


def test_escalation_is_not_fooled_by_the_repeated_october_hour():
    due = london(2026, 10, 25, 1, 30, fold=0)        # 00:30 UTC
    later_by_wall_clock_earlier = london(2026, 10, 25, 1, 10, fold=1)  # 01:10 UTC: 40 minutes after
    assert rules.escalation_level(due, later_by_wall_clock_earlier, 2) == 1
    assert rules.escalation_level(due, london(2026, 10, 25, 1, 29, fold=0), 2) == 0


def test_next_rank_up_prefers_the_nearest_team_then_the_lowest_rank_above():
    # (user id, rank, distance up the chain)
    candidates = [(1, 20, 0), (2, 30, 1), (3, 40, 1), (4, 30, 0), (5, 50, 2)]
    assert rules.next_rank_up(20, candidates) == 4       # rank 30 in the same team
    assert rules.next_rank_up(30, candidates) == 3       # rank 40 one level up
    assert rules.next_rank_up(40, candidates) == 5
    assert rules.next_rank_up(50, candidates) is None    # nobody above
    assert rules.next_rank_up(20, [(9, 20, 0)]) is None  # the same rank is not the next rank


# --- early actions, prevention interview, return home interview --------------------------------------------

def test_early_action_due_minutes_after_the_report_across_the_march_change():
    due = rules.action_due(london(2026, 3, 29, 0, 45), 30)
    assert due.astimezone(UTC) == utc(2026, 3, 29, 1, 15)
    assert (due.hour, due.minute) == (2, 15)  # 01:15 GMT is 02:15 BST


@pytest.mark.parametrize("found, due_utc", [
    (london(2026, 6, 10, 9, 0), utc(2026, 6, 13, 8, 0)),        # summer: 09:00 BST -> 09:00 BST
    (london(2026, 10, 24, 9, 0), utc(2026, 10, 27, 8, 0)),      # autumn change: 08:00 GMT Tuesday
    (london(2026, 3, 27, 12, 0), utc(2026, 3, 30, 12, 0)),      # spring change: 13:00 BST Monday
])
def test_return_home_interview_due_72_real_hours_after_return(found, due_utc):
    due = rules.rhi_due(found)
    assert due.astimezone(UTC) == due_utc
    assert real_hours(found, due) == 72


def test_autumn_rhi_due_shows_an_hour_earlier_on_the_wall_clock():
    due = rules.rhi_due(london(2026, 10, 24, 9, 0))
    assert (due.day, due.hour) == (27, 8)


def test_spring_rhi_due_shows_an_hour_later_on_the_wall_clock():
    due = rules.rhi_due(london(2026, 3, 27, 12, 0))
    assert (due.day, due.hour) == (30, 13)


@pytest.mark.parametrize("completed, on_time", [
    (None, None),
    (utc(2026, 6, 13, 8, 0) - TICK, True),
    (utc(2026, 6, 13, 8, 0), True),           # at the due time is on time
    (utc(2026, 6, 13, 8, 0) + TICK, False),
])
def test_rhi_on_time_boundary(completed, on_time):
    assert rules.rhi_on_time(utc(2026, 6, 13, 8, 0), completed) is on_time


def test_rhi_hours_are_configurable():
    assert real_hours(london(2026, 6, 1, 9, 0), rules.rhi_due(london(2026, 6, 1, 9, 0), 48)) == 48


@pytest.mark.parametrize("grade, hours", [("high", 1), ("medium", 24), ("", 24)])
def test_prevention_interview_due(grade, hours):
    found = london(2026, 6, 1, 9, 0)
    assert real_hours(found, rules.prevention_due(found, grade, conf.prevention_interview_hours())) == hours


@given(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)), st.integers(1, 200))
def test_due_times_are_always_exact_elapsed_hours(naive, hours):
    start = naive.replace(tzinfo=LONDON)
    assert real_hours(start, rules.rhi_due(start, hours)) == hours
    assert real_hours(start, rules.review_due(start, "low", {"": 1, "low": hours})) == hours


# --- bad times -----------------------------------------------------------------------------------------

SEEN = utc(2026, 6, 10, 18, 0)
NOW = utc(2026, 6, 11, 9, 0)


@pytest.mark.parametrize("found, ok", [
    (SEEN, True), (SEEN - timedelta(minutes=1), False), (NOW + timedelta(minutes=4), True),
    (NOW + timedelta(minutes=6), False),
])
def test_found_time(found, ok):
    assert (rules.found_time_error(found, last_seen_at=SEEN, now=NOW) == "") is ok


def test_found_before_last_seen_says_so():
    assert "before the time last seen" in rules.found_time_error(SEEN - timedelta(hours=1), last_seen_at=SEEN, now=NOW)


def test_found_before_last_seen_in_the_repeated_october_hour():
    seen = london(2026, 10, 25, 1, 40, fold=0)      # 00:40 UTC
    found = london(2026, 10, 25, 1, 20, fold=1)     # 01:20 UTC: after, though the wall clock says earlier
    assert rules.found_time_error(found, last_seen_at=seen, now=utc(2026, 10, 26)) == ""


@pytest.mark.parametrize("reviewed, message", [
    (NOW + timedelta(minutes=6), "cannot be dated in the future"),
    (SEEN - timedelta(minutes=1), "before the episode was reported"),
    (NOW, ""), (SEEN, ""),
])
def test_review_time(reviewed, message):
    problem = rules.review_time_error(reviewed, reported_at=SEEN, now=NOW)
    assert (message in problem) if message else problem == ""


# --- repeat missing ------------------------------------------------------------------------------------

def test_window_start_is_midnight_london_on_the_first_day():
    assert rules.window_start(london(2026, 6, 30, 15, 0), 90) == london(2026, 4, 2, 0, 0)
    assert rules.window_start(london(2026, 6, 30, 15, 0), 1) == london(2026, 6, 30, 0, 0)
    with pytest.raises(ValueError):
        rules.window_start(london(2026, 6, 30), 0)


@pytest.mark.parametrize("first, repeat", [
    (london(2026, 4, 2, 0, 0), True),             # day 1 of the 90, at midnight
    (london(2026, 4, 1, 23, 59), False),          # the day before the window
])
def test_three_in_ninety_days_boundary(first, repeat):
    newest = london(2026, 6, 30, 15, 0)
    times = [first, london(2026, 5, 15, 20, 0), newest]
    assert rules.is_repeat(times, newest=newest, count=3, days=90) is repeat


def test_two_episodes_are_not_three():
    newest = london(2026, 6, 30, 15, 0)
    assert not rules.is_repeat([london(2026, 6, 29), newest], newest=newest, count=3, days=90)
    assert rules.is_repeat([london(2026, 6, 29), newest], newest=newest, count=2, days=90)


def test_later_reports_are_not_counted():
    newest = london(2026, 6, 30, 15, 0)
    assert rules.repeat_count([london(2026, 6, 30, 15, 1), newest], newest=newest, days=90) == 1


def test_repeat_window_across_the_march_change():
    # 90 days ending 30 June start on 2 April; a window ending 1 April 2026 (BST) starts 2 January (GMT).
    newest = london(2026, 4, 1, 0, 30)  # 23:30 UTC on 31 March
    assert rules.window_start(newest, 90) == london(2026, 1, 2, 0, 0)
    times = [london(2026, 1, 2, 0, 0), london(2026, 3, 29, 1, 30), newest]  # 01:30 doesn't exist: GMT+1
    assert rules.is_repeat(times, newest=newest, count=3, days=90)
    assert not rules.is_repeat([london(2026, 1, 1, 23, 59)] + times[1:], newest=newest, count=3, days=90)


def test_repeat_window_across_the_october_change_counts_both_0130s():
    newest = london(2026, 10, 25, 1, 50, fold=1)   # the second 01:50 (GMT)
    times = [london(2026, 10, 25, 1, 30, fold=0), london(2026, 10, 25, 1, 30, fold=1), newest]
    assert rules.repeat_count(times, newest=newest, days=1) == 3
    # A window starting on 25 October begins at 00:00 BST = 23:00 UTC on the 24th.
    assert rules.window_start(newest, 1).astimezone(UTC) == utc(2026, 10, 24, 23, 0)
    assert rules.repeat_count([utc(2026, 10, 24, 22, 59), newest], newest=newest, days=1) == 1


# --- exploitation indicators ---------------------------------------------------------------------------

@pytest.mark.parametrize("distance, far", [(None, False), (19.9, False), (20.0, False), (20.01, True)])
def test_far_from_home_threshold(distance, far):
    found = rules.indicators_found([], distance_km=distance, far_km=20)
    assert ("far_from_home" in found) is far


def test_indicators_keep_a_fixed_order_and_drop_unknown_codes():
    assert rules.indicators_found(["phones", "nonsense", "other_force"], distance_km=None, far_km=20) == [
        "other_force", "phones"]
