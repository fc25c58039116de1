"""Episode actions in the API that the end-to-end API test does not reach: who may waive the
prevention interview, and a found address that must be in the caller's force."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import AddressFactory
from vigil.missing.models import MissingEpisode

pytestmark = pytest.mark.django_db
BASE = "/api/v1/missing/episodes/"


@pytest.fixture
def api():
    return APIClient()


def test_only_a_supervisor_waives_and_a_reason_is_needed(api, officer, supervisor, child, report, found):
    episode = report(child)
    found(episode)
    api.force_authenticate(officer)
    response = api.post(f"{BASE}{episode.pk}/waiver/", {"reason": "Seen at home by CSC."}, format="json")
    assert response.status_code == 403
    api.force_authenticate(supervisor)
    response = api.post(f"{BASE}{episode.pk}/waiver/", {"reason": "  "}, format="json")
    assert response.status_code == 400 and "reason" in response.data
    assert MissingEpisode.objects.get().waiver_at is None
    response = api.post(f"{BASE}{episode.pk}/waiver/", {"reason": "Seen at home by CSC."}, format="json")
    assert response.status_code == 200
    episode.refresh_from_db()
    assert episode.waiver_reason == "Seen at home by CSC." and episode.waiver_by == supervisor
    assert api.post(f"{BASE}{episode.pk}/close/").data["status"] == "closed"


def test_found_address_must_be_in_my_force(api, officer, child, report, force, other_force):
    episode = report(child)
    elsewhere = AddressFactory(force=other_force)
    here = AddressFactory(force=force)
    found = {"found_at": timezone.now().isoformat(), "place": "Bus station", "kind": "public",
             "found_by": "police", "condition": "safe"}
    api.force_authenticate(officer)
    response = api.post(f"{BASE}{episode.pk}/found/", {**found, "address": elsewhere.pk}, format="json")
    assert response.status_code == 400 and f"No such record {elsewhere.pk}" in response.data["address"][0]
    assert MissingEpisode.objects.get().status == "open"
    response = api.post(f"{BASE}{episode.pk}/found/", {**found, "address": here.pk}, format="json")
    assert response.status_code == 200 and response.data["status"] == "found"
    assert MissingEpisode.objects.get().found_address == here
