"""Merges that would break a one-to-one link are refused before anything is written; a row that
would merely repeat one of the survivor's is dropped and kept in the merge snapshot."""

from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.integration.offenders.conftest import conviction
from tests.integration.people.conftest import make_person
from vigil.accounts.models import Organisation
from vigil.core.models import AuditEvent
from vigil.incidents import services as incidents
from vigil.incidents.models import (
    IncidentChild,
    IncidentPerson,
    IncidentType,
    SafeguardingAssessment,
)
from vigil.missing.models import CarerProfile
from vigil.offenders import services as offenders
from vigil.people import services
from vigil.people.models import Marker, MergeRecord, Person, Relationship

pytestmark = pytest.mark.django_db


def db_state() -> dict:
    """Every row of every table, so a refused merge can be shown to change nothing at all."""
    return {model._meta.label: list(model._base_manager.order_by("pk").values_list())
            for model in apps.get_models(include_auto_created=True) if model._meta.label != "sessions.Session"}


def refuse(survivor, merged, by) -> list[str]:
    """Attempt the merge; return its messages after checking it wrote nothing, not even to roll back."""
    before = db_state()
    with CaptureQueriesContext(connection) as queries, pytest.raises(ValidationError) as refused:
        services.merge_people(survivor=survivor, merged=merged, by=by, reason="Same man: PNC check")
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert db_state() == before
    assert not MergeRecord.objects.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.MERGE).exists()
    return refused.value.messages


@pytest.fixture
def two_records(force, users):
    """Two records of one man, each with links a merge would move."""
    keep = make_person(force, "Darren", "Pike", date(1979, 3, 1))
    dup = make_person(force, "Daz", "Pike", date(1979, 3, 1))
    child = make_person(force, "Kyle", "Pike", date(2015, 5, 5))
    officer = users["pp_investigator"]
    services.add_address(person=dup, by=officer, line1="3 Mill Lane", town="Midtown", from_date=date(2021, 1, 1))
    services.add_relationship(person=dup, other=child, kind="parent", by=officer)
    return keep, dup


def register(person, users, **kwargs):
    return offenders.register_offender(
        person=person, by=users["offender_manager"], manager=users["offender_manager"],
        managed_from=timezone.localdate() - timedelta(days=400), conviction=conviction(), **kwargs)


def test_two_registrations_refuse_the_merge(two_records, users):
    keep, dup = two_records
    kept = register(keep, users)
    other = register(dup, users, visor_ref="24/0099")
    messages = refuse(keep, dup, users["supervisor"])
    assert messages == [
        f"Both records are registered sex offenders (registrations R-{kept.pk} and R-{other.pk} (ViSOR 24/0099)). "
        "A person can have only one registration, even after it ends: combine the registrations first, "
        "then merge the records."
    ]
    assert Relationship.objects.get().person == dup and Marker.objects.filter(person=dup).exists()


def test_one_registration_moves_with_the_merge(two_records, users):
    keep, dup = two_records
    registrant = register(dup, users)
    services.merge_people(survivor=keep, merged=dup, by=users["supervisor"], reason="Same man: PNC check")
    registrant.refresh_from_db()
    assert registrant.person == keep


def test_two_carer_profiles_refuse_the_merge(force, users):
    keep = make_person(force, "Chloe", "Marsh", date(2011, 2, 2))
    dup = make_person(force, "Chloe", "Marsh", date(2011, 2, 2))
    home = Organisation.objects.create(force=force, name="Oak House", kind=Organisation.Kind.CARE_PROVIDER)
    other_home = Organisation.objects.create(force=force, name="Birch Lodge", kind=Organisation.Kind.CARE_PROVIDER)
    CarerProfile.objects.create(person=keep, organisation=home)
    CarerProfile.objects.create(person=dup, organisation=other_home)
    assert refuse(keep, dup, users["supervisor"]) == [
        "Both records have a carer's profile (kept by Oak House and by Birch Lodge). "
        "A child can have only one: combine the profiles first, then merge the records."
    ]


def both_at_one_incident(force, users, keep, dup):
    """One incident with the same child linked twice, once under each record (screening lists both)."""
    officer = users["response_officer"]
    incident = incidents.create_incident(
        force=force, by=officer, reference="MID-00042", incident_type=IncidentType.objects.get(code="drink_drug_driving"),
        occurred_at=timezone.now() - timedelta(hours=2), narrative="Two adults argued in the street. Words of advice.",
        attending_officer=officer, people=[(keep, "child_present"), (dup, "child_present")])
    return incident, IncidentChild.objects.get(person=keep), IncidentChild.objects.get(person=dup)


def assess(row, by):
    return SafeguardingAssessment.objects.create(
        child=row, person=row.person, seen_and_heard="Calm, in bed", child_spoken_to=False,
        not_spoken_reason="Asleep", immediate_needs="None", risk_grade="standard", immediate_action="none",
        referral_decision="no_referral", referral_rationale="No concerns", completed_by=by)


@pytest.fixture
def child_twice(force):
    return make_person(force, "Ava", "Lowe", date(2016, 1, 1)), make_person(force, "Ava", "Low", date(2016, 1, 1))


def test_same_child_assessed_twice_at_one_incident_refuses_the_merge(force, users, child_twice):
    keep, dup = child_twice
    _, keep_row, dup_row = both_at_one_incident(force, users, keep, dup)
    assess(keep_row, users["response_officer"])
    assess(dup_row, users["response_officer"])
    assert refuse(keep, dup, users["supervisor"]) == [
        "Both records are children at incident MID-00042, each with its own safeguarding assessment. "
        "A child has one assessment per incident: combine the assessments first, then merge the records."
    ]


def test_the_same_child_listed_twice_at_an_incident_is_dropped_as_a_repeat(force, users, child_twice):
    keep, dup = child_twice
    incident, keep_row, dup_row = both_at_one_incident(force, users, keep, dup)
    record = services.merge_people(survivor=keep, merged=dup, by=users["supervisor"], reason="Same child")

    assert list(IncidentChild.objects.filter(incident=incident).values_list("pk", "person")) == [(keep_row.pk, keep.pk)]
    assert list(IncidentPerson.objects.filter(incident=incident).values_list("person", flat=True)) == [keep.pk]
    dropped = {(d["model"], d["id"]): d for d in record.snapshot["dropped"]}
    assert dropped[("incidents.incidentchild", dup_row.pk)]["person_id"] == dup.pk
    assert dropped[("incidents.incidentchild", dup_row.pk)]["why"] == (
        f"repeats incidents.incidentchild {keep_row.pk} of the record kept")
    assert ("incidents.incidentperson", IncidentPerson.objects.get().pk) not in dropped  # the kept one stays
    assert {m for m, _ in dropped} == {"incidents.incidentchild", "incidents.incidentperson"}
    assert AuditEvent.objects.get(action="merge", person_id=keep.pk).changes["dropped"] == 2


def test_the_unassessed_copy_is_dropped_even_when_it_is_the_survivors(force, users, child_twice):
    keep, dup = child_twice
    _, keep_row, dup_row = both_at_one_incident(force, users, keep, dup)
    assessment = assess(dup_row, users["response_officer"])
    record = services.merge_people(survivor=keep, merged=dup, by=users["supervisor"], reason="Same child")

    assert list(IncidentChild.objects.values_list("pk", "person")) == [(dup_row.pk, keep.pk)]
    assessment.refresh_from_db()
    assert assessment.child_id == dup_row.pk and assessment.person_id == keep.pk
    assert keep_row.pk in [d["id"] for d in record.snapshot["dropped"] if d["model"] == "incidents.incidentchild"]


class TestMergePage:
    def test_refusal_is_an_error_summary_and_writes_nothing(self, client, two_records, users):
        keep, dup = two_records
        kept, other = register(keep, users), register(dup, users)
        client.force_login(users["supervisor"])
        before = db_state()
        resp = client.post(reverse("people:merge", args=[keep.pk]), {"other": dup.pk, "reason": "Same man"})
        assert resp.status_code == 400
        page = resp.content.decode()
        assert 'class="govuk-error-summary"' in page
        assert f"registrations R-{kept.pk} and R-{other.pk}" in page
        assert db_state() == before
        assert Person.objects.get(pk=dup.pk).merged_into is None

    def test_a_repeated_incident_child_no_longer_fails_the_page(self, client, force, users, child_twice):
        keep, dup = child_twice
        both_at_one_incident(force, users, keep, dup)
        client.force_login(users["supervisor"])
        resp = client.post(reverse("people:merge", args=[keep.pk]), {"other": dup.pk, "reason": "Same child"})
        assert resp.status_code == 302
        assert Person.objects.get(pk=dup.pk).merged_into == keep
