"""The SQL that derives due dates and overdue counts agrees with the pure rules."""

import random
from datetime import date, timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from vigil.offenders import reports
from vigil.offenders.models import Registrant
from vigil.offenders.querysets import AddMonths
from vigil.offenders.rules import add_months
from vigil.offenders.visits import DEFAULT_POLICY, OVERDUE_BUCKETS, days_overdue

pytestmark = pytest.mark.django_db

MONTH_ENDS = [date(2023, 1, 31), date(2024, 1, 31), date(2024, 2, 29), date(2023, 8, 31), date(2024, 3, 31),
              date(2023, 12, 31), date(2024, 5, 30), date(2020, 2, 29), date(2024, 11, 30)]


def test_add_months_in_sql_matches_python(make_registrant):
    r = make_registrant()
    rng = random.Random(5)
    days = MONTH_ENDS + [date(2015, 1, 1) + timedelta(days=rng.randint(0, 4000)) for _ in range(40)]
    for day in days:
        Registrant.objects.filter(pk=r.pk).update(visit_clock_from=day)
        for months in (1, 3, 6, 12, 18, 24):
            got = Registrant.objects.filter(pk=r.pk).annotate(d=AddMonths(F("visit_clock_from"), months)).get().d
            assert got == add_months(day, months), (day, months)


def test_overdue_counts_match_python(make_registrant, manager):
    rng = random.Random(7)
    today = timezone.localdate()
    made = []
    for n in range(40):
        r = make_registrant()
        level = rng.choice(["low", "medium", "high", "very_high", "not_assessed"])
        clock = today - timedelta(days=rng.randint(0, 700))
        review = today + timedelta(days=rng.randint(-200, 200))
        Registrant.objects.filter(pk=r.pk).update(risk_level=level, visit_clock_from=clock, risk_review_due=review,
                                                  management="reactive" if n % 9 == 0 else "active",
                                                  reactive_since=today if n % 9 == 0 else None)
        made.append((level, clock, review, n % 9 == 0))
    counts = Registrant.objects.all().overdue_counts(today, DEFAULT_POLICY)
    for level in ("low", "medium", "high", "very_high", "not_assessed"):
        mine = [m for m in made if m[0] == level]
        dues = [add_months(c, DEFAULT_POLICY.interval(level)) for _l, c, _r, reactive in mine if not reactive]
        assert counts[(level, "caseload")] == len(mine)
        assert counts[(level, "visits")] == sum(d < today for d in dues)
        assert counts[(level, "assessments")] == sum(r < today for _l, _c, r, _x in mine)
        for low, _high, _label in OVERDUE_BUCKETS:
            assert counts[(level, f"from_{low}")] == sum(days_overdue(d, today) >= low for d in dues)
    rows, total = reports.overdue_table(Registrant.objects.all(), today, DEFAULT_POLICY)
    assert total.visits == sum(r.visits for r in rows) == sum(sum(r.buckets) for r in rows)


def test_queue_puts_overdue_visits_first(make_registrant, manager):
    today = timezone.localdate()
    due_soon = make_registrant()
    review_late = make_registrant()
    visit_late = make_registrant()
    Registrant.objects.filter(pk=due_soon.pk).update(risk_level="low", visit_clock_from=add_months(today, -12) +
                                                     timedelta(days=3), risk_review_due=today + timedelta(30))
    Registrant.objects.filter(pk=review_late.pk).update(risk_level="low", visit_clock_from=today,
                                                        risk_review_due=today - timedelta(days=50))
    Registrant.objects.filter(pk=visit_late.pk).update(risk_level="high", visit_clock_from=add_months(today, -3) -
                                                       timedelta(days=2), risk_review_due=today + timedelta(30))
    order = list(Registrant.objects.filter(manager=manager).by_urgency(today, DEFAULT_POLICY).values_list("pk", flat=True))
    assert order == [visit_late.pk, review_late.pk, due_soon.pk]
