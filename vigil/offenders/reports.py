"""Read-side figures for the queue, the team and force dashboards, the trend and the forecast.

Counts come from SQL (querysets.py); only the forecast loads one row per visiting registrant
(manager, level, clock date: three small columns) to run the pure planner in workload.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, Sum

from vigil.accounts.models import User
from vigil.core import clock
from vigil.offenders import conf
from vigil.offenders.access import hide_restricted
from vigil.offenders.models import ManagerCapacity, OverdueSnapshot, Registrant
from vigil.offenders.querysets import (
    assessment_overdue_q,
    due_by_q,
    fold_levels,
    fold_managers,
    overdue_q,
)
from vigil.offenders.rules import add_months
from vigil.offenders.visits import (
    LEVEL_LABELS,
    LEVELS_BY_SEVERITY,
    OVERDUE_BUCKETS,
    VisitPolicy,
    days_overdue,
)
from vigil.offenders.workload import (
    WINDOW_DAYS,
    Case,
    forecast_all,
    suggest_moves,
    suggest_recipient,
)


def scoped(qs, *, teams, managers):
    """Registrants in a supervisor's scope: in their teams or managed by their teams' members."""
    if teams is None:
        return qs
    return qs.filter(Q(team_id__in=[t.pk for t in teams]) | Q(manager_id__in=managers or []))


@dataclass
class LevelRow:
    level: str
    label: str
    caseload: int
    visits: int
    buckets: list[int]
    longest_visit_days: int
    assessments: int
    longest_assessment_days: int


def overdue_table(qs, today: date, policy: VisitPolicy, groups=None) -> tuple[list[LevelRow], LevelRow]:
    """Overdue visits and assessments by risk level and days overdue, with a total row."""
    counts = fold_levels(qs.overdue_groups(today, policy) if groups is None else groups)
    rows = []
    for level in LEVELS_BY_SEVERITY:
        starts = [counts[(level.value, f"from_{low}")] for low, _h, _l in OVERDUE_BUCKETS]
        buckets = [a - b for a, b in zip(starts, [*starts[1:], 0], strict=True)]
        oldest = counts[(level.value, "oldest_clock")]
        longest = days_overdue(add_months(oldest, policy.interval(level)), today) if oldest else 0
        rows.append(LevelRow(level.value, LEVEL_LABELS[level], counts[(level.value, "caseload")],
                             counts[(level.value, "visits")], buckets, longest,
                             counts[(level.value, "assessments")],
                             days_overdue(counts[(level.value, "oldest_review")], today)))
    total = LevelRow("all", "All levels", sum(r.caseload for r in rows), sum(r.visits for r in rows),
                     [sum(col) for col in zip(*(r.buckets for r in rows), strict=True)],
                     max((r.longest_visit_days for r in rows), default=0), sum(r.assessments for r in rows),
                     max((r.longest_assessment_days for r in rows), default=0))
    return rows, total


def by_manager(qs, today: date, policy: VisitPolicy, groups=None) -> list[dict]:
    managers = fold_managers(qs.overdue_groups(today, policy) if groups is None else groups)
    names = {u.pk: u for u in User.objects.filter(pk__in=[m for m in managers if m])
             .only("pk", "first_name", "last_name", "username")}
    rows = [{"manager_id": m, "manager": names.get(m), **figures} for m, figures in managers.items()]
    return sorted(rows, key=lambda r: (-r["visits"], -r["assessments"],
                                       r["manager"].last_name if r["manager"] else ""))


def most_overdue(books, user, today: date, limit: int = 25) -> list:
    """The most overdue home visits, from the forecast's cases (which already hold every overdue
    registrant with its due date), so the dashboard does not scan the force a second time."""
    overdue = sorted((c.due, c.key) for cases in books.values() for c in cases if c.due < today)[: limit * 2]
    due = dict((key, day) for day, key in overdue)
    found = Registrant.objects.filter(pk__in=list(due)).prefetch_related("person", "manager")
    rows = sorted(hide_restricted(user, found), key=lambda r: (due[r.pk], r.pk))[:limit]
    for r in rows:
        r.next_visit_due = due[r.pk]
    return rows


# --- forecast ---------------------------------------------------------------------------------------


def working_days(today: date, days: int = WINDOW_DAYS) -> list[date]:
    return [d for d in (today + timedelta(n) for n in range(days)) if clock.is_working_day(d)]


def caseloads(qs, policy: VisitPolicy, today: date, counts=None) -> tuple[dict[int, list[Case]], dict[int, int]]:
    """Forecast cases per manager (unallocated registrants under 0): only registrants whose visit
    falls due by the end of the window; and each manager's whole visiting caseload, counted in SQL."""
    months = {level: policy.interval(level) for level in LEVEL_LABELS}
    end = today + timedelta(days=WINDOW_DAYS - 1)
    books: dict[int, list[Case]] = defaultdict(list)
    visiting = qs.visiting()
    # The index-friendly range filter picks the rows; the due date itself is cheaper in Python
    # for these few rows than as a CASE in SQL.
    rows = visiting.filter(due_by_q(end, policy)).values_list("manager_id", "pk", "risk_level", "visit_clock_from")
    for manager_id, pk, level, clock_from in rows:
        m = months[level]
        books[manager_id or 0].append(Case(add_months(clock_from, m), pk, m))
    if counts is None:
        counts = {m or 0: n for m, n in visiting.order_by().values_list("manager_id").annotate(n=Count("pk"))}
    for manager_id in counts:
        books.setdefault(manager_id, [])
    return books, counts


def capacities(manager_ids) -> dict[int, float]:
    return {uid: float(v) for uid, v in ManagerCapacity.objects.filter(user_id__in=list(manager_ids))
            .values_list("user_id", "visits_per_day")}


def forecast(qs, today: date, policy: VisitPolicy, groups=None):
    """Per-manager forecasts. `groups` (from overdue_groups) saves counting the caseloads again."""
    visiting = None
    if groups is not None:
        visiting = {m or 0: f["visiting"] for m, f in fold_managers(groups).items() if f["visiting"]}
    books, counts = caseloads(qs, policy, today, visiting)
    caps = capacities(books)
    caps[0] = 0.0  # nobody visits unallocated registrants
    plans = forecast_all(caseloads=books, capacities=caps, default_capacity=conf.visits_per_day(),
                         today=today, working_days=working_days(today))
    for manager_id, plan in plans.items():
        plan.caseload = counts.get(manager_id, 0)
    return plans, books, caps


def moves(books, caps, today: date, candidates=()):
    team = {m: cs for m, cs in books.items() if m}
    for manager in candidates:  # colleagues with no caseload yet can take work too
        team.setdefault(manager, [])
    return suggest_moves(caseloads=team, capacities=caps, default_capacity=conf.visits_per_day(),
                         today=today, working_days=working_days(today))


def recipient_for(registrant, qs, today: date, policy: VisitPolicy, candidates=()) -> int | None:
    books, _counts = caseloads(qs, policy, today)
    for manager in candidates:
        books.setdefault(manager, [])
    m = policy.interval(registrant.risk_level)
    case = Case(add_months(registrant.visit_clock_from, m), registrant.pk, m)
    team = {k: [c for c in v if c.key != registrant.pk] for k, v in books.items() if k}
    return suggest_recipient(case=case, current=registrant.manager_id, caseloads=team, capacities=capacities(team),
                             default_capacity=conf.visits_per_day(), today=today, working_days=working_days(today))


# --- trend --------------------------------------------------------------------------------------------


def snapshot_rows(force, today: date, policy: VisitPolicy) -> list[dict]:
    """Today's figures per team and level, from the stored facts (for `vigil rso snapshot`)."""
    return list(
        Registrant.objects.filter(force=force).active().values("team_id", "risk_level")
        .annotate(caseload=Count("pk"), visits_overdue=Count("pk", filter=overdue_q(today, policy)),
                  visits_overdue_90=Count("pk", filter=overdue_q(today, policy, min_days=91)),
                  assessments_overdue=Count("pk", filter=assessment_overdue_q(today)))
    )


def take_snapshot(force, today: date, policy: VisitPolicy) -> int:
    rows = snapshot_rows(force, today, policy)
    OverdueSnapshot.objects.filter(force=force, taken_on=today).delete()
    OverdueSnapshot.objects.bulk_create([OverdueSnapshot(force=force, team_id=r.pop("team_id"), taken_on=today, **r)
                                         for r in rows])
    return len(rows)


def trend(force_id: int, teams, today: date, qs, policy: VisitPolicy, *, weeks: int = 52) -> list[dict]:
    """Overdue visits, visits over 90 days and assessments per snapshot day, oldest first, with
    today's live figure last."""
    since = today - timedelta(weeks=weeks)
    snaps = OverdueSnapshot.objects.filter(force_id=force_id, taken_on__gte=since, taken_on__lt=today)
    if teams is not None:
        snaps = snaps.filter(team_id__in=[t.pk for t in teams])
    points = list(snaps.values("taken_on").annotate(
        visits=Sum("visits_overdue"), visits_90=Sum("visits_overdue_90"), assessments=Sum("assessments_overdue"),
    ).order_by("taken_on"))
    live = qs.active().aggregate(visits=Count("pk", filter=overdue_q(today, policy)),
                                 visits_90=Count("pk", filter=overdue_q(today, policy, min_days=91)),
                                 assessments=Count("pk", filter=assessment_overdue_q(today)))
    points.append({"taken_on": today, **live})
    return points

