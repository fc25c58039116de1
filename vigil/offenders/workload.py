"""Workload forecast and balancing as pure functions (no Django, no database).

The 30-day forecast asks: if each offender manager works their caseload in order of urgency
(earliest due first, which is how their queue is sorted) with the visits they can do per working
day, which visits will fall overdue in the next 30 days? A visit done on day d restarts that
registrant's clock, so a very-high-risk registrant can fall due again inside the window.

Capacity is visits per working day per manager (configuration, conf.py [U]: no national figure).
Working days are Monday to Friday except bank holidays; the caller passes them in so this module
needs no calendar.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from vigil.offenders.rules import add_months

WINDOW_DAYS = 30
RECUR_LEAD_DAYS = 14  # a repeat visit is planned in the fortnight before it falls due (SlotRules)


@dataclass(frozen=True, order=True)
class Case:
    """One registrant whose home visits are scheduled: when the next visit is due (last day) and
    the months between visits at the current level."""

    due: date
    key: int
    months: int


@dataclass
class Forecast:
    manager: int
    capacity_per_day: float
    caseload: int = 0
    slots: int = 0  # visits the manager can do in the window
    overdue_now: int = 0  # already overdue today
    due_in_window: int = 0  # visits falling due in the window (not overdue today), with repeats
    will_fall_overdue: int = 0  # of those, visits that will not be done by their due date
    late: list[int] = field(default_factory=list)  # registrants behind the will_fall_overdue figure
    planned: int = 0  # visits the plan fits into the window

    @property
    def spare(self) -> int:
        return max(0, self.slots - self.planned)


def slot_days(working_days: Sequence[date], capacity_per_day: float) -> list[date]:
    """One entry per visit slot: `capacity_per_day` may be fractional (1.5 = 3 visits every 2 days)."""
    if capacity_per_day < 0 or math.isnan(capacity_per_day):
        raise ValueError("capacity must be zero or more visits per working day")
    slots: list[date] = []
    for n, day in enumerate(working_days):
        new = math.floor(capacity_per_day * (n + 1) + 1e-9) - math.floor(capacity_per_day * n + 1e-9)
        slots.extend([day] * new)
    return slots


def forecast_manager(
    *, manager: int, cases: Iterable[Case], today: date, working_days: Sequence[date],
    capacity_per_day: float, window_days: int = WINDOW_DAYS,
) -> Forecast:
    """Earliest-due-first plan for one manager over the window starting today.

    Overdue cases are visited first (they have the earliest due dates); a case due inside the
    window counts as falling overdue if its slot comes after its due date or no slot is left.
    Cases due after the window are not visited in it.
    """
    end = date.fromordinal(today.toordinal() + window_days - 1)
    cases = list(cases)
    result = Forecast(manager=manager, capacity_per_day=capacity_per_day, caseload=len(cases))
    heap = []
    for case in cases:
        if case.due < today:
            result.overdue_now += 1
            heapq.heappush(heap, (case.due, case.key, case.months, True))
        elif case.due <= end:
            result.due_in_window += 1
            heapq.heappush(heap, (case.due, case.key, case.months, False))
    slots = slot_days([d for d in working_days if today <= d <= end], capacity_per_day)
    result.slots = len(slots)
    late: set[int] = set()
    # A registrant visited in the window is not visited again until close to the next due date.
    pending: list[tuple[date, date, int, int]] = []  # (available from, due, key, months)
    for day in slots:
        while pending and pending[0][0] <= day:
            _from, due, key, months = heapq.heappop(pending)
            heapq.heappush(heap, (due, key, months, False))
        if not heap:
            continue
        due, key, months, was_overdue = heapq.heappop(heap)
        result.planned += 1
        if not was_overdue and day > due:
            late.add(key)
            result.will_fall_overdue += 1
        again = add_months(day, months)
        if again <= end:  # visited now, due again inside the window
            result.due_in_window += 1
            available = max(day + timedelta(days=1), again - timedelta(days=RECUR_LEAD_DAYS))
            heapq.heappush(pending, (available, again, key, months))
    for _from, due, key, _months in pending:
        heapq.heappush(heap, (due, key, _months, False))
    for due, key, _months, was_overdue in heap:  # no slot left in the window
        if not was_overdue and due <= end:
            late.add(key)
            result.will_fall_overdue += 1
    result.late = sorted(late)
    return result


def forecast_all(
    *, caseloads: Mapping[int, Iterable[Case]], capacities: Mapping[int, float], default_capacity: float,
    today: date, working_days: Sequence[date], window_days: int = WINDOW_DAYS,
) -> dict[int, Forecast]:
    return {
        manager: forecast_manager(
            manager=manager, cases=cases, today=today, working_days=working_days,
            capacity_per_day=capacities.get(manager, default_capacity), window_days=window_days,
        )
        for manager, cases in caseloads.items()
    }


@dataclass(frozen=True)
class Move:
    key: int  # registrant
    from_manager: int
    to_manager: int
    due: date


def _load(forecast: Forecast) -> float:
    # Visits needed in the window per slot available; no slots counts as full.
    need = forecast.overdue_now + forecast.due_in_window
    return need / forecast.slots if forecast.slots else math.inf


def suggest_moves(
    *, caseloads: Mapping[int, Iterable[Case]], capacities: Mapping[int, float], default_capacity: float,
    today: date, working_days: Sequence[date], max_moves: int = 100, window_days: int = WINDOW_DAYS,
) -> list[Move]:
    """Reassignments that bring the team's 30-day forecast to zero where capacity allows.

    Repeatedly takes the manager with the most visits falling overdue, and moves their most
    urgent late case to the least-loaded colleague who can take it without any of their own
    visits falling overdue. Stops when no move helps. Overdue cases move too when a colleague
    has spare early slots. Deterministic: ties go to the lower manager id.
    """
    books = {m: list(cs) for m, cs in caseloads.items()}
    kwargs = dict(capacities=capacities, default_capacity=default_capacity, today=today,
                  working_days=working_days, window_days=window_days)

    def run(manager: int) -> Forecast:
        return forecast_all(caseloads={manager: books[manager]}, **kwargs)[manager]

    forecasts = {m: run(m) for m in books}
    moves: list[Move] = []
    tried: set[tuple[int, int]] = set()  # (case, donor) pairs no colleague could take
    while len(moves) < max_moves:
        move = None
        donors = sorted((f for f in forecasts.values() if f.will_fall_overdue),
                        key=lambda f: (-f.will_fall_overdue, f.manager))
        for donor in donors:
            # Its late cases, and overdue ones: moving an overdue case frees an early slot.
            cases = sorted(c for c in books[donor.manager] if (c.key, donor.manager) not in tried
                           and (c.key in donor.late or c.due < today))
            for case in cases:
                targets = sorted((f for f in forecasts.values() if f.manager != donor.manager),
                                 key=lambda f: (_load(f), f.caseload, f.manager))
                for target in targets:
                    books[target.manager].append(case)
                    books[donor.manager].remove(case)
                    trial, left = run(target.manager), run(donor.manager)
                    # Progress only: the donor gets better and the colleague stays at zero.
                    if trial.will_fall_overdue == 0 and left.will_fall_overdue < donor.will_fall_overdue:
                        forecasts[target.manager], forecasts[donor.manager] = trial, left
                        move = Move(case.key, donor.manager, target.manager, case.due)
                        break
                    books[target.manager].remove(case)
                    books[donor.manager].append(case)
                if move:
                    break
                tried.add((case.key, donor.manager))
            if move:
                break
        if move is None:
            break
        moves.append(move)
    return moves


def suggest_recipient(
    *, case: Case, current: int | None, caseloads: Mapping[int, Iterable[Case]],
    capacities: Mapping[int, float], default_capacity: float, today: date, working_days: Sequence[date],
) -> int | None:
    """The colleague best placed to take one registrant: their forecast stays at zero with it,
    and of those the least loaded (visits needed per slot, then caseload). None if nobody can."""
    best: tuple | None = None
    for manager, cases in sorted(caseloads.items()):
        if manager == current:
            continue
        with_case = [*cases, case]
        f = forecast_manager(manager=manager, cases=with_case, today=today, working_days=working_days,
                             capacity_per_day=capacities.get(manager, default_capacity))
        if f.will_fall_overdue:
            continue
        rank = (_load(f), f.caseload, manager)
        if best is None or rank < best:
            best = rank
    return None if best is None else best[2]
