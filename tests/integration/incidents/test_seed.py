"""The demo seed shows every safeguarding state."""

import pytest

from vigil.incidents import notice, rules
from vigil.incidents.models import (
    EncompassNotification,
    Incident,
    PoliceProtection,
    Referral,
    SafeguardingAssessment,
)

pytestmark = pytest.mark.django_db


def test_demo_seed_shows_every_state():
    from vigil.seed.core import seed

    ctx = seed(scale="demo", seed=1, people=800, progress=False)
    force = ctx.home_force
    assert Incident.objects.filter(force=force, child_flag=False).exists()
    problems = {p for row in notice.queue(force.pk) for p in row.problems}
    assert {rules.RESOLVED, rules.AWAITING_ASSESSMENT, rules.ASSESSMENT_OVERDUE, rules.OVERRIDDEN,
            rules.REFERRAL_LATE, rules.REFERRAL_UNACKNOWLEDGED, rules.ENCOMPASS_OVERDUE} <= problems
    assert Referral.objects.filter(acknowledged_at__isnull=False).exists()
    assert EncompassNotification.objects.filter(sent_at__isnull=False, school__isnull=False).exists()
    assert SafeguardingAssessment.objects.filter(not_independently_mobile=True, injury_seen=True).exists()
    assert PoliceProtection.objects.filter(released_at__isnull=True).exists()
    assert PoliceProtection.objects.filter(released_at__isnull=False).exists()
    narrative_only = Incident.objects.filter(children__basis="narrative").exclude(children__basis="linked")
    known = Incident.objects.filter(children__basis__in=["linked", "resident", "dependant"])
    assert narrative_only.exists() and known.exists()
