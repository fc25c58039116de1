"""Read-side logic for registrants: what is due and overdue, derived in SQL at read time.

Overdue visits are counted with one index range per risk level ("clock date before the
threshold for that level", see visits.due_threshold) rather than date arithmetic on every row;
the next-visit date itself is computed in SQL with AddMonths where a page needs it (a queue,
a list of the most overdue).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Case, Count, DateField, F, Func, IntegerField, Min, Q, Value, When
from django.db.models.functions import Coalesce, Least

from vigil.offenders.visits import OVERDUE_BUCKETS, Level, VisitPolicy, due_threshold

FAR_FUTURE = date(9999, 12, 31)


class AddMonths(Func):
    """`date + n calendar months`, clamped to the month end like rules.add_months
    (31 January + 1 month = 28/29 February) on PostgreSQL and SQLite."""

    output_field = DateField()

    def __init__(self, expression, months: int, **extra):
        if isinstance(months, bool) or not isinstance(months, int):
            raise TypeError("months must be an int")
        self.months = months
        super().__init__(expression, **extra)

    def as_sql(self, compiler, connection, **extra):  # PostgreSQL and others with intervals
        sql, params = compiler.compile(self.source_expressions[0])
        return f"CAST(({sql} + MAKE_INTERVAL(months => {self.months:d})) AS date)", params

    def as_sqlite(self, compiler, connection, **extra):
        # SQLite rolls 31 Jan + 1 month over to 2/3 March; when the day changes, take the last
        # day of the target month instead.
        sql, params = compiler.compile(self.source_expressions[0])
        n = self.months
        plain = f"date({sql}, '{n:+d} months')"
        clamp = f"date({sql}, 'start of month', '{n + 1:+d} months', '-1 day')"
        return (
            f"(CASE WHEN strftime('%%d', {plain}) = strftime('%%d', {sql}) THEN {plain} ELSE {clamp} END)",
            [*params, *params, *params, *params],
        )


def next_visit_expression(policy: VisitPolicy):
    """SQL for the next home visit due: NULL when managed reactively (no visits)."""
    whens = [When(management="reactive", then=Value(None, output_field=DateField()))]
    whens += [When(risk_level=level.value, then=AddMonths(F("visit_clock_from"), policy.interval(level)))
              for level in Level]
    return Case(*whens, default=Value(None, output_field=DateField()), output_field=DateField())


def overdue_q(today: date, policy: VisitPolicy, *, min_days: int = 1) -> Q:
    """Registrants whose home visit is at least `min_days` overdue on `today` (reactive excluded)."""
    target = date.fromordinal(today.toordinal() - min_days + 1)
    q = Q()
    for level in Level:
        q |= Q(risk_level=level.value, visit_clock_from__lt=due_threshold(target, policy.interval(level)))
    return Q(management="active") & q


def due_by_q(day: date, policy: VisitPolicy) -> Q:
    """Registrants whose next home visit is due on or before `day` (overdue ones included)."""
    return overdue_q(date.fromordinal(day.toordinal() + 1), policy)


def assessment_overdue_q(today: date) -> Q:
    return Q(risk_review_due__lt=today)


class RegistrantQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)

    def visiting(self):
        """Active registrants managed with home visits (not reactive)."""
        return self.active().filter(management="active")

    def with_next_visit(self, policy: VisitPolicy):
        return self.annotate(next_visit_due=next_visit_expression(policy))

    def visit_overdue(self, today: date, policy: VisitPolicy, *, min_days: int = 1):
        return self.active().filter(overdue_q(today, policy, min_days=min_days))

    def assessment_overdue(self, today: date):
        return self.active().filter(assessment_overdue_q(today))

    def by_urgency(self, today: date, policy: VisitPolicy):
        """A manager's queue: overdue home visits first, then overdue risk assessments, then the
        rest; within each, the earliest due date first, higher risk first on a tie."""
        severity = Case(*[When(risk_level=lvl, then=Value(n)) for n, lvl in enumerate(
            ("very_high", "high", "medium", "low", "not_assessed"))], default=Value(9))
        return self.with_next_visit(policy).annotate(
            urgency=Case(
                When(overdue_q(today, policy), then=Value(0)),
                When(assessment_overdue_q(today), then=Value(1)),
                default=Value(2),
            ),
            earliest_due=Least(
                Coalesce(F("next_visit_due"), Value(FAR_FUTURE)),
                Coalesce(F("risk_review_due"), Value(FAR_FUTURE)),
            ),
            severity=severity,
        ).order_by("urgency", "earliest_due", "severity", "pk")

    def overdue_groups(self, today: date, policy: VisitPolicy) -> list[dict]:
        """One grouped pass over the active registrants: counts per (manager, level, visit bucket),
        with its overdue assessments and the oldest clock and overdue-review dates of each group. A dashboard folds
        these into its level table and its manager table without scanning again."""
        late_review = assessment_overdue_q(today)
        return list(self.active().annotate(vb=visit_bucket(today, policy))
                    .values("manager_id", "risk_level", "vb")
                    .annotate(n=Count("pk"), assessments=Count("pk", filter=late_review),
                              oldest_clock=Min("visit_clock_from"),
                              oldest_review=Min("risk_review_due", filter=late_review))
                    .order_by())

    def overdue_counts(self, today: date, policy: VisitPolicy) -> dict:
        return fold_levels(self.overdue_groups(today, policy))


def fold_levels(groups) -> dict:
    """Per level: caseload, overdue visits, overdue visits from each days-overdue bucket on,
    overdue assessments, and the oldest clock and review dates among the overdue.
    Keys: (level, name)."""
    out: dict = {}
    for level in Level:
        out[(level.value, "caseload")] = out[(level.value, "visits")] = out[(level.value, "assessments")] = 0
        out[(level.value, "oldest_clock")] = out[(level.value, "oldest_review")] = None
        for low, _high, _label in OVERDUE_BUCKETS:
            out[(level.value, f"from_{low}")] = 0
    for row in groups:
        level, vb, n = row["risk_level"], row["vb"], row["n"]
        out[(level, "caseload")] += n
        if vb >= 1:
            out[(level, "visits")] += n
            old = out[(level, "oldest_clock")]
            out[(level, "oldest_clock")] = min(old, row["oldest_clock"]) if old else row["oldest_clock"]
        for i, (low, _high, _label) in enumerate(OVERDUE_BUCKETS):
            if vb >= i + 1:
                out[(level, f"from_{low}")] += n
        if row["assessments"]:
            out[(level, "assessments")] += row["assessments"]
            old = out[(level, "oldest_review")]
            out[(level, "oldest_review")] = min(old, row["oldest_review"]) if old else row["oldest_review"]
    return out


def fold_managers(groups) -> dict[int | None, dict]:
    """Per manager: caseload (active), visiting (not reactive), overdue visits and assessments."""
    out: dict = {}
    for row in groups:
        m = out.setdefault(row["manager_id"], {"caseload": 0, "visiting": 0, "visits": 0, "assessments": 0})
        m["caseload"] += row["n"]
        m["visiting"] += row["n"] if row["vb"] >= 0 else 0
        m["visits"] += row["n"] if row["vb"] >= 1 else 0
        m["assessments"] += row["assessments"]
    return out


def visit_bucket(today: date, policy: VisitPolicy):
    """SQL: -1 reactive (no visits), 0 not overdue, else 1 + the index of its days-overdue bucket."""
    whens = [When(management="reactive", then=Value(-1))]
    for i in reversed(range(len(OVERDUE_BUCKETS))):
        whens.append(When(overdue_q(today, policy, min_days=OVERDUE_BUCKETS[i][0]), then=Value(i + 1)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


class ObligationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def missed(self, today: date):
        """Open obligations whose last day has passed (derived, never stored)."""
        return self.open().filter(due_on__lt=today)
