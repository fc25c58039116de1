"""Creating a person: search before create, the duplicate decision, and bad input."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.integration.people.conftest import make_person, row_counts
from vigil.core.access import is_granted
from vigil.core.models import AuditEvent
from vigil.people.models import DuplicateDecision, Person

pytestmark = pytest.mark.django_db

CREATE = reverse("people:create")


def form(**overrides):
    data = {"forenames": "Oliver", "surname": "Pemberton", "date_of_birth": "2015-09-12", "gender": "male",
            "pnc_id": "", "nhs_number": ""}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_no_candidates_creates_straight_away_and_records_the_decision(client, officer, force):
    client.force_login(officer)
    resp = client.post(CREATE, form(pnc_id="15/1234567B", nhs_number="999 000 0018"))
    person = Person.objects.get(surname="Pemberton")
    assert resp.status_code == 302 and resp["Location"] == reverse("people:detail", args=[person.pk])
    assert (person.force, person.created_by, person.date_of_birth) == (force, officer, date(2015, 9, 12))
    assert (person.pnc_id, person.nhs_number) == ("15/1234567B", "9990000018")
    decision = DuplicateDecision.objects.get(person=person)
    assert decision.decision == "created_new" and decision.candidates == []
    event = AuditEvent.objects.get(action="create", person_id=person.pk)
    assert event.changes["surname"] == [None, "Pemberton"]
    assert person.names.get().forename_key  # searchable at once


def test_probable_duplicates_are_shown_before_anything_is_created(client, officer, force):
    existing = make_person(force, "Olly", "Pemberton", date(2015, 9, 12))
    client.force_login(officer)
    before = row_counts()
    resp = client.post(CREATE, form())
    assert resp.status_code == 200
    assert [m.person for m in resp.context["matches"]] == [existing]
    page = resp.content.decode()
    assert "Is this person already recorded?" in page
    assert "Date of birth matches" in page and "%" in page
    assert row_counts() == before


def test_choosing_none_of_these_needs_a_reason_then_creates_and_stores_candidates(client, officer, force):
    existing = make_person(force, "Olly", "Pemberton", date(2015, 9, 12))
    client.force_login(officer)
    shown = str(existing.pk)
    resp = client.post(CREATE, form(decision="new", reason="", shown=shown))
    assert resp.status_code == 400
    assert "Say why this is a different person from those shown" in resp.content.decode()
    assert Person.objects.count() == 1

    resp = client.post(CREATE, form(decision="new", reason="Different school and mother", shown=shown))
    assert resp.status_code == 302
    person = Person.objects.exclude(pk=existing.pk).get()
    decision = DuplicateDecision.objects.get(person=person)
    assert decision.decision == "created_new" and decision.reason == "Different school and mother"
    assert decision.decided_by == officer
    [candidate] = decision.candidates
    assert candidate["person_id"] == existing.pk and candidate["score"] > 50
    assert "date of birth matches" in candidate["reasons"]


def test_choosing_an_existing_record_creates_nothing(client, officer, force):
    existing = make_person(force, "Olly", "Pemberton", date(2015, 9, 12))
    client.force_login(officer)
    resp = client.post(CREATE, form(decision=str(existing.pk), shown=str(existing.pk)))
    assert resp.status_code == 302 and resp["Location"] == reverse("people:detail", args=[existing.pk])
    assert Person.objects.count() == 1
    decision = DuplicateDecision.objects.get()
    assert (decision.person, decision.decision) == (existing, "used_existing")
    assert decision.candidates[0]["person_id"] == existing.pk


def test_a_candidate_that_appeared_since_the_list_was_shown_is_shown_first(client, officer, force):
    first = make_person(force, "Olly", "Pemberton", date(2015, 9, 12))
    client.force_login(officer)
    newcomer = make_person(force, "Oliver", "Pemberton", date(2015, 9, 12))
    resp = client.post(CREATE, form(decision="new", reason="Different school", shown=str(first.pk)))
    assert resp.status_code == 200
    assert {m.person for m in resp.context["matches"]} == {first, newcomer}
    assert Person.objects.count() == 2


def test_restricted_record_names_its_author(client, officer):
    client.force_login(officer)
    client.post(CREATE, form(restricted="on"))
    person = Person.objects.get()
    assert person.restricted and is_granted(officer, person)


def test_needs_the_edit_capability(client, users):
    for role in ("auditor", "partner", "sysadmin"):
        client.force_login(users[role])
        assert client.post(CREATE, form()).status_code == 403
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"date_of_birth": (timezone.localdate() + timedelta(days=1)).isoformat()},
         "Date of birth must be today or in the past"),
        ({"date_of_birth": "2015-02-30"}, "Date of birth must be a real date"),
        ({"forenames": "A" * 101}, "Forenames must be 100 characters or fewer"),
        ({"surname": ""}, "Enter surname"),
        ({"pnc_id": "ABC"}, "Enter a PNC ID in the format 09/123456X"),
        ({"nhs_number": "9990000010"}, "Enter a valid NHS number"),
        ({"nhs_number": "12345"}, "Enter an NHS number of 10 digits"),
        ({"gender": "dragon"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_a_400_with_a_message_and_writes_nothing(client, officer, overrides, message):
    client.force_login(officer)
    before = row_counts()
    audits = AuditEvent.objects.count()
    resp = client.post(CREATE, form(**overrides))
    assert resp.status_code == 400
    assert message in resp.content.decode()
    assert row_counts() == before
    assert AuditEvent.objects.count() == audits


def test_oversized_request_body_is_a_400_and_writes_nothing(client, officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(officer)
    before = row_counts()
    resp = client.post(CREATE, form(reason="x" * 20_000))
    assert resp.status_code == 400
    assert "<h1" in resp.content.decode()  # a page that says what went wrong (vigil/templates/400.html)
    assert row_counts() == before
