"""The incidents API: create and screen, bad input, closing, partner and school visibility."""

import pytest
from django.utils import timezone

from tests.integration.incidents.conftest import DRUG_DRIVE_TEXT, ROLE, enrol, hours_ago
from tests.integration.incidents.test_safeguarding import assess, da_text
from vigil.incidents.models import Incident

pytestmark = pytest.mark.django_db

BASE = "/api/v1/incidents/"


def body(**overrides):
    data = {"reference": "API-1", "incident_type": "drink_drug_driving", "occurred_at": hours_ago(3).isoformat(),
            "narrative": DRUG_DRIVE_TEXT, "location": "A61"}
    data.update(overrides)
    return data


def test_create_screens_and_returns_the_flag(client, officer):
    client.force_login(officer)
    response = client.post(BASE, body(), content_type="application/json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["child_flag"] is True and data["can_close"] is False
    assert data["screening"]["evidence"] and data["children"][0]["assessed"] is False


@pytest.mark.parametrize("overrides, field", [
    ({"narrative": ""}, "narrative"),
    ({"narrative": "x" * 50_001}, "narrative"),
    ({"incident_type": "nope"}, "incident_type"),
    ({"occurred_at": "yesterday"}, "occurred_at"),
    ({"people": [{"person": 999999, "role": "victim"}]}, "people"),
])
def test_bad_input_is_a_400_with_the_field_and_writes_nothing(client, officer, overrides, field):
    client.force_login(officer)
    response = client.post(BASE, body(**overrides), content_type="application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert Incident.objects.count() == 0


def test_child_born_after_the_incident_is_a_400(client, officer, force):
    from tests.factories import PersonFactory

    baby = PersonFactory(force=force, date_of_birth=timezone.localdate())
    client.force_login(officer)
    response = client.post(BASE, body(occurred_at=hours_ago(24 * 5).isoformat(),
                                      people=[{"person": baby.pk, "role": "child_present"}]),
                           content_type="application/json")
    assert response.status_code == 400
    assert "after the incident date" in str(response.json())
    assert Incident.objects.count() == 0


def test_closing_a_flagged_incident_without_an_assessment_is_a_400(client, officer, make_incident):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    client.force_login(officer)
    response = client.post(f"{BASE}{incident.pk}/close/", {"note": "done"}, content_type="application/json")
    assert response.status_code == 400
    assert "without a completed safeguarding assessment" in str(response.json())
    incident.refresh_from_db()
    assert incident.status == "open" and incident.closed_at is None


def test_closing_an_unflagged_incident(client, officer, make_incident):
    incident = make_incident()
    client.force_login(officer)
    response = client.post(f"{BASE}{incident.pk}/close/", {}, content_type="application/json")
    assert response.status_code == 200 and response.json()["status"] == "closed"


def test_patch_rescreens(client, officer, make_incident):
    incident = make_incident()
    client.force_login(officer)
    response = client.patch(f"{BASE}{incident.pk}/", {"narrative": DRUG_DRIVE_TEXT}, content_type="application/json")
    assert response.status_code == 200 and response.json()["child_flag"] is True


def test_link_person_rescreens(client, officer, make_incident, child_person):
    incident = make_incident()
    kid = child_person(5)
    client.force_login(officer)
    response = client.post(f"{BASE}{incident.pk}/people/", {"person": kid.pk, "role": "child_present"},
                           content_type="application/json")
    assert response.status_code == 201
    assert client.get(f"{BASE}{incident.pk}/").json()["child_flag"] is True


@pytest.mark.parametrize("role, status", [("response_officer", 200), ("auditor", 200), ("partner", 403),
                                          ("outsider", 404)])
def test_incident_api_access(client, users, make_incident, role, status):
    incident = make_incident()
    client.force_login(users[role])
    assert client.get(f"{BASE}{incident.pk}/").status_code == status


def test_auditor_cannot_write(client, users):
    client.force_login(users["auditor"])
    assert client.post(BASE, body(), content_type="application/json").status_code == 403


def test_partner_lists_only_their_referrals_and_acknowledges(client, users, make_incident, child_person, officer,
                                                             csc, other_csc_user):
    incident = make_incident(people=[(child_person(9), ROLE.VICTIM)])
    referral = assess(incident.children.get(), officer, organisation=csc).referral
    client.force_login(users["partner"])
    assert [r["id"] for r in client.get(f"{BASE}referrals/").json()["results"]] == [referral.pk]
    response = client.post(f"{BASE}referrals/{referral.pk}/acknowledge/", content_type="application/json")
    assert response.status_code == 200 and response.json()["acknowledged_at"]
    client.force_login(other_csc_user)
    assert client.get(f"{BASE}referrals/").json()["results"] == []
    assert client.get(f"{BASE}referrals/{referral.pk}/").status_code == 404


def test_school_sees_only_its_own_pupils(client, make_incident, child_person, officer, csc, school, school_user,
                                         other_school_user):
    kid = child_person(9)
    enrol(kid, school)
    incident = make_incident(text=da_text(9), code="domestic_abuse", people=[(kid, ROLE.CHILD_PRESENT)])
    note = assess(incident.children.get(), officer, organisation=csc).encompass_notification
    client.force_login(school_user)
    assert [n["id"] for n in client.get(f"{BASE}school-notifications/").json()["results"]] == [note.pk]
    client.force_login(other_school_user)
    assert client.get(f"{BASE}school-notifications/").json()["results"] == []
    assert client.get(f"{BASE}school-notifications/{note.pk}/").status_code == 404
