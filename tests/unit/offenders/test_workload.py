"""The 30-day forecast and reassignment suggestions (workload.py)."""

from datetime import date, timedelta

import pytest

from vigil.offenders.workload import (
    Case,
    forecast_all,
    forecast_manager,
    slot_days,
    suggest_moves,
    suggest_recipient,
)

TODAY = date(2024, 6, 3)  # a Monday
WEEKDAYS = [TODAY + timedelta(n) for n in range(30) if (TODAY + timedelta(n)).weekday() < 5]  # 22 days


def cases(dues, months=12, start=1):
    return [Case(due, start + n, months) for n, due in enumerate(dues)]


def run(cs, capacity):
    return forecast_manager(manager=1, cases=cs, today=TODAY, working_days=WEEKDAYS, capacity_per_day=capacity)


def test_slots_with_fractional_capacity():
    days = WEEKDAYS[:4]
    assert slot_days(days, 1.5) == [days[0], days[1], days[1], days[2], days[3], days[3]]
    assert slot_days(days, 0) == []
    with pytest.raises(ValueError):
        slot_days(days, -1)


def test_enough_capacity_means_nothing_falls_overdue():
    f = run(cases([TODAY + timedelta(d) for d in range(0, 30, 3)]), 1)
    assert (f.due_in_window, f.will_fall_overdue, f.overdue_now, f.slots) == (10, 0, 0, 22)


def test_too_many_due_on_the_first_day():
    # Five due today, one visit a day: today's visit is on time, the other four fall overdue.
    f = run(cases([TODAY] * 5), 1)
    assert f.will_fall_overdue == 4 and len(f.late) == 4


def test_overdue_backlog_uses_capacity_first():
    backlog = cases([TODAY - timedelta(days=10)] * 22, start=100)  # fills every slot in the window
    upcoming = cases([TODAY + timedelta(days=20)], start=1)
    f = run(backlog + upcoming, 1)
    assert f.overdue_now == 22 and f.will_fall_overdue == 1 and f.late == [1]
    assert run(upcoming, 1).will_fall_overdue == 0


def test_no_capacity_everything_due_falls_overdue():
    f = run(cases([TODAY + timedelta(days=5), TODAY + timedelta(days=40)]), 0)
    assert (f.due_in_window, f.will_fall_overdue) == (1, 1)  # the one due after the window is not counted


def test_monthly_visits_come_round_again_inside_the_window():
    f = run([Case(TODAY, 1, 1)], 1)
    assert f.due_in_window == 1  # visited today, next due 3 July: after the 30-day window (2 July)
    f = forecast_manager(manager=1, cases=[Case(TODAY, 1, 1)], today=TODAY, working_days=WEEKDAYS,
                         capacity_per_day=1, window_days=45)
    assert f.due_in_window == 2 and f.planned == 2  # visited again near 3 July, not every day


def test_suggested_moves_bring_the_team_forecast_to_zero():
    # Six due tomorrow, two visits a day: four on time, two late. A colleague has room for two.
    books = {1: cases([TODAY + timedelta(days=1)] * 6, start=1), 2: cases([TODAY + timedelta(days=25)], start=50)}
    before = forecast_all(caseloads=books, capacities={}, default_capacity=2, today=TODAY, working_days=WEEKDAYS)
    assert before[1].will_fall_overdue == 2 and before[2].will_fall_overdue == 0
    moves = suggest_moves(caseloads=books, capacities={}, default_capacity=2, today=TODAY, working_days=WEEKDAYS)
    assert len(moves) == 2 and {m.to_manager for m in moves} == {2} and {m.from_manager for m in moves} == {1}
    moved = {m.key for m in moves}
    after = {1: [c for c in books[1] if c.key not in moved], 2: books[2] + [c for c in books[1] if c.key in moved]}
    result = forecast_all(caseloads=after, capacities={}, default_capacity=2, today=TODAY, working_days=WEEKDAYS)
    assert sum(f.will_fall_overdue for f in result.values()) == 0


def test_moves_stop_at_what_capacity_allows():
    # Six due today: the two managers can do four today between them, so two stay late.
    books = {1: cases([TODAY] * 6, start=1), 2: []}
    moves = suggest_moves(caseloads=books, capacities={}, default_capacity=2, today=TODAY, working_days=WEEKDAYS)
    assert len(moves) == 2


def test_no_move_when_nobody_has_capacity():
    books = {1: cases([TODAY] * 4, start=1), 2: cases([TODAY] * 4, start=10)}
    assert suggest_moves(caseloads=books, capacities={}, default_capacity=1, today=TODAY,
                         working_days=WEEKDAYS) == []


def test_recipient_is_least_loaded_colleague_with_room():
    books = {1: cases([TODAY] * 2, start=1), 2: cases([TODAY + timedelta(days=3)], start=10), 3: [],
             4: cases([TODAY] * 5, start=20)}
    case = Case(TODAY, 99, 3)
    pick = suggest_recipient(case=case, current=1, caseloads=books, capacities={3: 0}, default_capacity=1,
                             today=TODAY, working_days=WEEKDAYS)
    assert pick == 2  # 3 has no capacity, 4 is already over
    assert suggest_recipient(case=case, current=1, caseloads={1: []}, capacities={}, default_capacity=1,
                             today=TODAY, working_days=WEEKDAYS) is None
