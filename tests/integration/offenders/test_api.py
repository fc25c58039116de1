"""The offender API: same access, audit and validation as the pages."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from vigil.core.models import AuditEvent
from vigil.offenders.models import HomeVisit, Registrant
from vigil.offenders.rules import add_months

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_list_mine_and_overdue(api, users, make_registrant, manager):
    r = make_registrant()
    Registrant.objects.filter(pk=r.pk).update(visit_clock_from=timezone.localdate())
    late = make_registrant()
    Registrant.objects.filter(pk=late.pk).update(risk_level="high",
                                                 visit_clock_from=add_months(timezone.localdate(), -4))
    api.force_authenticate(manager)
    body = api.get("/api/v1/rso/registrants/?mine=1").json()
    assert {row["id"] for row in body["results"]} == {r.pk, late.pk}
    body = api.get("/api/v1/rso/registrants/?overdue=visits").json()
    assert [row["id"] for row in body["results"]] == [late.pk]
    assert body["results"][0]["visit_days_overdue"] > 0
    assert api.get("/api/v1/rso/registrants/?overdue=nonsense").status_code == 400


def test_retrieve_is_audited_and_scoped(api, users, make_registrant):
    r = make_registrant()
    api.force_authenticate(users["auditor"])
    assert api.get(f"/api/v1/rso/registrants/{r.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="view", person_id=r.person_id).exists()
    for role in ("response_officer", "partner", "outsider"):
        api.force_authenticate(users[role])
        assert api.get(f"/api/v1/rso/registrants/{r.pk}/").status_code in (403, 404), role


def test_record_visit_and_bad_input(api, users, make_registrant, manager):
    r = make_registrant()
    api.force_authenticate(manager)
    future = (timezone.now() + timedelta(hours=3)).isoformat()
    resp = api.post(f"/api/v1/rso/registrants/{r.pk}/visits/", {"kind": "planned", "visited_at": future,
                                                                  "outcome": "seen"}, format="json")
    assert resp.status_code == 400 and "future" in resp.json()["visited_at"][0]
    assert not HomeVisit.objects.exists()
    resp = api.post(f"/api/v1/rso/registrants/{r.pk}/visits/", {"kind": "planned", "outcome": "seen",
                                                                  "visited_at": timezone.now().isoformat()}, format="json")
    assert resp.status_code == 201 and HomeVisit.objects.count() == 1
    api.force_authenticate(users["auditor"])
    resp = api.post(f"/api/v1/rso/registrants/{r.pk}/visits/", {"kind": "planned", "outcome": "seen",
                                                                  "visited_at": timezone.now().isoformat()}, format="json")
    assert resp.status_code == 403


def test_record_risk_assessment(api, make_registrant, manager):
    r = make_registrant()
    api.force_authenticate(manager)
    resp = api.post(f"/api/v1/rso/registrants/{r.pk}/risk-assessments/", {
        "tool": "arms", "level": "high", "assessed_on": "2999-01-01", "next_review_due": "2999-06-01"}, format="json")
    assert resp.status_code == 400 and "future" in resp.json()["assessed_on"][0]
    today = timezone.localdate()
    resp = api.post(f"/api/v1/rso/registrants/{r.pk}/risk-assessments/", {
        "tool": "arms", "level": "high", "assessed_on": today.isoformat(),
        "next_review_due": (today + timedelta(days=180)).isoformat()}, format="json")
    assert resp.status_code == 201
    r.refresh_from_db()
    assert r.risk_level == "high"


def test_dashboard_endpoint(api, users, make_registrant):
    make_registrant()
    api.force_authenticate(users["offender_manager"])
    assert api.get("/api/v1/rso/dashboard/").status_code == 403
    api.force_authenticate(users["senior_officer"])
    body = api.get("/api/v1/rso/dashboard/").json()
    assert body["total"]["caseload"] == 1 and len(body["levels"]) == 5
