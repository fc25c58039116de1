from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from vigil.offenders import services

pytestmark = pytest.mark.django_db


def test_pages_render(client, users, make_registrant, manager):
    r = make_registrant()
    services.record_visit(registrant=r, by=manager, kind="planned", outcome="seen",
                          visited_at=timezone.now() - timedelta(days=3))
    client.force_login(manager)
    for name, args in (("offenders:queue", []), ("offenders:detail", [r.pk]), ("offenders:visit_add", [r.pk]),
                       ("offenders:risk_add", [r.pk]), ("offenders:notification_add", [r.pk, "s84"])):
        resp = client.get(reverse(name, args=args))
        assert resp.status_code == 200, name
    client.force_login(users["supervisor"])
    for name in ("offenders:dashboard", "offenders:trend", "offenders:forecast"):
        resp = client.get(reverse(name))
        assert resp.status_code == 200, name
    resp = client.get(reverse("offenders:reassign", args=[r.pk]))
    assert resp.status_code == 200
