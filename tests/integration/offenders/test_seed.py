"""The seed extension: national risk mix, histories consistent with the stored facts, overdue work,
children at some registrants' addresses, and the trend."""

from collections import Counter

import pytest
from django.db.models import Max
from django.utils import timezone

from vigil.offenders import conf
from vigil.offenders.models import ChildLink, Obligation, OverdueSnapshot, Registrant
from vigil.offenders.querysets import overdue_q

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture
def seeded(db):
    from vigil.seed.core import seed

    return seed(scale="demo", seed=3, people=700, progress=False)


def test_seeded_registrants_are_consistent(seeded):
    today, policy = timezone.localdate(), conf.visit_policy()
    registrants = list(Registrant.objects.select_related("person"))
    assert len(registrants) >= 80
    levels = Counter(r.risk_level for r in registrants)
    n = len(registrants)
    assert levels["low"] == round(n * 0.5) or abs(levels["low"] - n * 0.5) <= 1
    assert levels["very_high"] >= 1 and abs(levels["high"] - n * 0.18) <= 1
    for r in registrants:
        latest = r.risk_assessments.order_by("-assessed_on", "-pk").first()
        if latest:
            assert (r.risk_level, r.risk_review_due) == (latest.level, latest.next_review_due), r.pk
        seen = r.visits.filter(outcome="seen").aggregate(m=Max("visited_at"))["m"]
        if seen:
            assert r.visit_clock_from == timezone.localtime(seen).date(), r.pk
        assert r.person.markers.filter(kind="rso").exists()
        assert r.obligations.filter(kind="periodic", status="open").count() == 1
    overdue = Registrant.objects.filter(overdue_q(today, policy)).count()
    assert 0 < overdue < n / 3
    assert Obligation.objects.filter(status="open", task__isnull=True).count() == 0
    links = ChildLink.objects.all()
    assert links.exists() and all(link.task.priority == 1 for link in links)
    # The child is kept by id, never by name (their record may be restricted).
    assert not [link.pk for link in links.select_related("child", "task")
                if link.child.full_name in f"{link.detail} {link.task.title} {link.task.detail}"]
    assert OverdueSnapshot.objects.values("taken_on").distinct().count() == 52
