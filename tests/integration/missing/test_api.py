"""The missing API: same rules and messages as the pages; bad input is a 400 that saves nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import PersonFactory
from vigil.core.audit import AuditEvent
from vigil.missing.models import MissingEpisode, ReturnHomeInterview, RiskAssessment

pytestmark = pytest.mark.django_db
BASE = "/api/v1/missing/episodes/"


@pytest.fixture
def api():
    return APIClient()


def body(person, **overrides):
    now = timezone.now()
    data = {"person": person.pk, "reporter_name": "Dawn Pike", "reporter_contact": "07700 900456",
            "reporter_relationship": "Carer", "last_seen_at": (now - timedelta(hours=2)).isoformat(),
            "last_seen_place": "Willow House", "circumstances": "Did not come back.", "placement": "residential"}
    data.update(overrides)
    return data


def info():
    return [{"detail": "Carer's account", "source": "Dawn Pike, 07700 900456",
             "obtained_at": (timezone.now() - timedelta(minutes=5)).isoformat()}]


def test_report_grade_found_close_through_the_api(api, officer, supervisor, child, csc):
    api.force_authenticate(officer)
    response = api.post(BASE, body(child), format="json")
    assert response.status_code == 201, response.data
    pk = response.data["id"]
    assert response.data["supervisor"] == supervisor.pk and response.data["escalation_level"] == 0
    response = api.post(f"{BASE}{pk}/grade/", {"grade": "medium", "rationale": "r", "information": info()},
                        format="json")
    assert response.status_code == 400 and "override reason" in response.data["override_reason"][0]
    assert RiskAssessment.objects.count() == 0
    response = api.post(f"{BASE}{pk}/grade/", {"grade": "high", "rationale": "CP plan", "information": info()},
                        format="json")
    assert response.status_code == 200 and response.data["risk_grade"] == "high"
    episode = MissingEpisode.objects.get()
    early = (episode.last_seen_at - timedelta(minutes=5)).isoformat()
    response = api.post(f"{BASE}{pk}/found/", {"found_at": early, "place": "Park", "kind": "public",
                                                "found_by": "police", "condition": "safe"}, format="json")
    assert response.status_code == 400 and "before the time last seen" in response.data["found_at"][0]
    response = api.post(f"{BASE}{pk}/found/", {"found_at": timezone.now().isoformat(), "place": "Park",
                                                "kind": "public", "found_by": "police", "condition": "safe"},
                        format="json")
    assert response.status_code == 200 and response.data["status"] == "found"
    response = api.post(f"{BASE}{pk}/close/")
    assert response.status_code == 400 and "prevention interview" in str(response.data)
    response = api.post(f"{BASE}{pk}/prevention-interview/", {"held_at": timezone.now().isoformat(),
                                                              "where_child_was": "The park"}, format="json")
    assert response.status_code == 200
    assert api.post(f"{BASE}{pk}/close/").data["status"] == "closed"


def test_report_for_an_adult_is_a_400(api, officer, force):
    adult = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 20))
    api.force_authenticate(officer)
    response = api.post(BASE, body(adult), format="json")
    assert response.status_code == 400
    assert "This module is for missing children" in response.data["person"][0]
    assert MissingEpisode.objects.count() == 0


def test_review_in_the_future_is_a_400(api, supervisor, child, report):
    episode = report(child)
    api.force_authenticate(supervisor)
    response = api.post(f"{BASE}{episode.pk}/review/", {
        "reviewed_at": (timezone.now() + timedelta(hours=1)).isoformat(), "note": "ok"}, format="json")
    assert response.status_code == 400 and "future" in response.data["reviewed_at"][0]


def test_partner_sees_its_return_interviews_and_records_one(api, users, child, report, found, other_csc_user):
    episode = report(child)
    found(episode)
    rhi = ReturnHomeInterview.objects.get()
    api.force_authenticate(users["partner"])
    listing = api.get("/api/v1/missing/return-interviews/")
    assert [r["id"] for r in listing.data["results"]] == [rhi.pk]
    assert api.get(BASE).status_code == 403
    response = api.post(f"/api/v1/missing/return-interviews/{rhi.pk}/complete/", {
        "completed_at": timezone.now().isoformat(), "outcome": "declined"}, format="json")
    assert response.status_code == 200 and response.data["on_time"] is True
    assert api.get(f"/api/v1/missing/return-interviews/{rhi.pk}/").status_code == 200
    seen = AuditEvent.objects.filter(action="view", actor_id=users["partner"].pk, person_id=child.pk)
    assert seen.get().changes == {"return_interview": [None, rhi.pk]}
    api.force_authenticate(other_csc_user)
    assert api.get(f"/api/v1/missing/return-interviews/{rhi.pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="view", actor_id=other_csc_user.pk).exists()


def test_outsider_gets_404_and_auditor_cannot_write(api, users, child, report):
    episode = report(child)
    api.force_authenticate(users["outsider"])
    assert api.get(f"{BASE}{episode.pk}/").status_code == 404
    api.force_authenticate(users["auditor"])
    assert api.get(f"{BASE}{episode.pk}/").status_code == 200
    assert api.post(f"{BASE}{episode.pk}/close/").status_code == 403


def test_search_plan_queue_and_dashboard(api, users, child, profile, report):
    episode = report(child, hours_ago=2, last_seen_address=child.addresses.get().address)
    api.force_authenticate(users["supervisor"])
    plan = api.get(f"{BASE}{episode.pk}/search-plan/").data
    assert plan["table"]["title"].startswith("Grampian") and plan["places"]
    queue = api.get(f"{BASE}queue/").data
    assert queue["reviews"][0]["escalation_level"] == 1 and len(queue["actions_overdue"]) >= 2
    dash = api.get(f"{BASE}dashboard/").data
    assert dash["reviews_overdue"] == 1 and dash["open_by_grade"]["Not graded"] == 1


def test_profiles_api_for_the_care_provider_and_the_police(api, carer, profile, officer, other_provider):
    from tests.factories import UserFactory
    from vigil.accounts.roles import Role

    api.force_authenticate(carer)
    assert [p["id"] for p in api.get("/api/v1/missing/profiles/").data["results"]] == [profile.pk]
    response = api.patch(f"/api/v1/missing/profiles/{profile.pk}/", {"phone": "07700 900888"}, format="json")
    assert response.status_code == 200 and response.data["phone"] == "07700 900888"
    response = api.post(f"/api/v1/missing/profiles/{profile.pk}/places/", {"label": ""}, format="json")
    assert response.status_code == 400
    response = api.post(f"/api/v1/missing/profiles/{profile.pk}/places/",
                        {"label": "Skate park", "kind": "public", "latitude": "52.470000", "longitude": "-1.610000"},
                        format="json")
    assert response.status_code == 201
    api.force_authenticate(officer)
    assert api.get(f"/api/v1/missing/profiles/{profile.pk}/").data["phone"] == "07700 900888"
    assert api.patch(f"/api/v1/missing/profiles/{profile.pk}/", {"phone": "1"}, format="json").status_code == 403
    other = UserFactory(username="harbour2", force=other_provider.force, organisation=other_provider,
                        roles=[Role.PARTNER])
    api.force_authenticate(other)
    assert api.get(f"/api/v1/missing/profiles/{profile.pk}/").status_code == 404


def test_lists_are_empty_for_whoever_nothing_is_addressed_to(api, users, child, report, found, profile, force):
    """The interview and profile lists answer 200 to everyone signed in; only what is theirs is in them."""
    from tests.factories import OrganisationFactory, UserFactory
    from vigil.accounts.models import Organisation
    from vigil.accounts.roles import Role

    found(report(child))
    school = OrganisationFactory(force=force, name="Midtown Academy", kind=Organisation.Kind.SCHOOL)
    teacher = UserFactory(username="teacher", force=force, organisation=school, roles=[Role.PARTNER])
    for user in (users["sysadmin"], teacher):
        api.force_authenticate(user)
        assert api.get("/api/v1/missing/return-interviews/").data["results"] == []
        assert api.get("/api/v1/missing/profiles/").data["results"] == []
        assert api.get(BASE).status_code == 403
    api.force_authenticate(users["partner"])
    assert len(api.get("/api/v1/missing/return-interviews/").data["results"]) == 1
    assert api.get("/api/v1/missing/profiles/").data["results"] == []
