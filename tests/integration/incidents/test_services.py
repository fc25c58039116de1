"""Incident services: recording, screening for children, closure and the supervisor's override."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import PersonFactory
from tests.integration.incidents.conftest import ADULT_TEXT, DRUG_DRIVE_TEXT, ROLE, hours_ago
from vigil.core.models import AuditEvent, Task
from vigil.incidents import services
from vigil.incidents.models import Incident, IncidentChild
from vigil.people.models import PersonAddress, Relationship

pytestmark = pytest.mark.django_db


def test_adult_only_incident_is_not_flagged_and_closes(make_incident, officer):
    incident = make_incident(text=ADULT_TEXT)
    assert not incident.child_flag
    services.close_incident(incident=incident, by=officer)
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED and incident.closed_by == officer


def test_narrative_child_flags_the_incident_with_evidence_and_a_task(make_incident, officer):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    assert incident.child_flag and incident.child_flagged_at
    assert incident.screening_evidence, "the evidence spans are stored"
    for ev in incident.screening_evidence:
        assert incident.narrative[ev["start"]:ev["end"]] == ev["text"]
    child = incident.children.get()
    assert child.basis == IncidentChild.Basis.NARRATIVE and child.person is None
    task = Task.objects.get(kind="incidents.assessment")
    assert task.owner == officer and task.status == "open"
    assert AuditEvent.objects.filter(object_type="incidents.incident", object_id=str(incident.pk)).count() >= 2


def test_closing_a_flagged_incident_without_an_assessment_is_refused(make_incident, officer):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    with pytest.raises(ValidationError, match="without a completed safeguarding assessment"):
        services.close_incident(incident=incident, by=officer)
    incident.refresh_from_db()
    assert incident.status == Incident.Status.OPEN and incident.closed_at is None


def test_linked_child_flags_the_incident(make_incident, child_person):
    kid = child_person(9)
    incident = make_incident(people=[(kid, ROLE.VICTIM)])
    row = incident.children.get()
    assert row.person == kid and row.basis == IncidentChild.Basis.LINKED and row.age == 9


def test_child_living_at_the_incident_address_on_that_date(make_incident, child_person, address):
    kid, moved_away = child_person(6), child_person(7)
    PersonAddress.objects.create(person=kid, address=address, from_date=date(2019, 1, 1))
    PersonAddress.objects.create(person=moved_away, address=address, from_date=date(2015, 1, 1),
                                 to_date=timezone.localdate() - timedelta(days=100))
    incident = make_incident(address=address)
    assert [c.person for c in incident.children.all()] == [kid]
    assert incident.children.get().basis == IncidentChild.Basis.RESIDENT


def test_child_of_an_arrested_person(make_incident, child_person, force):
    dad = PersonFactory(force=force, forenames="Reece", surname="Holloway")
    baby = child_person(1)
    Relationship.objects.create(person=dad, other=baby, kind=Relationship.Kind.PARENT)
    incident = make_incident(people=[(dad, ROLE.ARRESTED)])
    assert incident.children.get().person == baby
    assert incident.children.get().basis == IncidentChild.Basis.DEPENDANT


def test_editing_the_narrative_rescreens_and_never_clears(make_incident, officer):
    incident = make_incident(text=ADULT_TEXT)
    services.update_incident(incident=incident, by=officer, narrative=DRUG_DRIVE_TEXT)
    incident.refresh_from_db()
    assert incident.child_flag and incident.children.count() == 1
    services.update_incident(incident=incident, by=officer, narrative=ADULT_TEXT)
    incident.refresh_from_db()
    assert incident.child_flag, "rescreening never clears a flag by itself"
    assert incident.children.count() == 1
    services.update_incident(incident=incident, by=officer, narrative=DRUG_DRIVE_TEXT + " Nothing further.")
    assert incident.children.count() == 1, "the same child is not added twice"


def test_linking_a_person_rescreens(make_incident, officer, child_person):
    incident = make_incident(text=ADULT_TEXT)
    services.link_person(incident=incident, person=child_person(15), role=ROLE.WITNESS, by=officer)
    incident.refresh_from_db()
    assert incident.child_flag and incident.children.count() == 1


@pytest.mark.parametrize("text, message", [("   ", "Enter the narrative"), ("x" * 50_001, "50,000 characters")])
def test_bad_narratives_are_refused_and_nothing_is_written(make_incident, text, message):
    with pytest.raises(ValidationError, match=message):
        make_incident(text=text)
    assert Incident.objects.count() == 0


def test_narrative_of_exactly_50000_characters_is_accepted(make_incident):
    assert make_incident(text="a" * 50_000).pk


def test_duplicate_reference_and_future_time_are_refused(make_incident):
    make_incident(reference="MID-1")
    with pytest.raises(ValidationError) as exc:
        make_incident(reference="mid-1", occurred_at=timezone.now() + timedelta(days=1))
    assert set(exc.value.message_dict) == {"reference", "occurred_at"}
    assert Incident.objects.count() == 1


def test_child_born_after_the_incident_is_refused(make_incident, force):
    baby = PersonFactory(force=force, date_of_birth=timezone.localdate())
    with pytest.raises(ValidationError, match="date of birth .* is after the incident date"):
        make_incident(people=[(baby, ROLE.CHILD_PRESENT)], occurred_at=hours_ago(24 * 10))
    assert Incident.objects.count() == 0


def test_person_from_another_force_cannot_be_linked(make_incident, other_force):
    with pytest.raises(ValidationError, match="another force"):
        make_incident(people=[(PersonFactory(force=other_force), ROLE.VICTIM)])


def test_only_a_supervisor_can_override_and_it_needs_a_reason(make_incident, users, officer):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    with pytest.raises(PermissionDenied):
        services.record_override(incident=incident, by=officer, reason="x" * 30)
    with pytest.raises(ValidationError):
        services.record_override(incident=incident, by=users["supervisor"], reason="no")
    services.record_override(incident=incident, by=users["supervisor"],
                             reason="The child seat was empty; the son was at nursery all day (checked).")
    incident.refresh_from_db()
    assert incident.is_overridden and incident.child_flag
    assert not Task.objects.filter(kind="incidents.assessment", status="open").exists()
    services.close_incident(incident=incident, by=officer)
    assert AuditEvent.objects.filter(action="decision", object_id=str(incident.pk)).exists()


def test_neighbours_children_are_not_residents_of_the_incident_address(make_incident, child_person, force):
    from tests.factories import AddressFactory

    incident_home = AddressFactory(force=force, line1="14 Elm Grove", postcode="MD1 2AB", match_key="elm grove|MD12AB")
    next_door = AddressFactory(force=force, line1="16 Elm Grove", postcode="MD1 2AB", match_key="elm grove|MD12AB")
    same_place = AddressFactory(force=force, line1="14, Elm Grove", postcode="MD12AB", match_key="elm grove|MD12AB")
    neighbour, resident = child_person(8), child_person(4)
    PersonAddress.objects.create(person=neighbour, address=next_door, from_date=date(2019, 1, 1))
    PersonAddress.objects.create(person=resident, address=same_place, from_date=date(2019, 1, 1))
    incident = make_incident(address=incident_home)
    assert [c.person for c in incident.children.all()] == [resident]


def test_find_or_create_address_keeps_house_numbers_apart(force, officer):
    a = services.find_or_create_address(force=force, line1="14 Elm Grove", town="Midtown", postcode="MD1 2AB")
    b = services.find_or_create_address(force=force, line1="16 Elm Grove", town="Midtown", postcode="MD1 2AB")
    c = services.find_or_create_address(force=force, line1="14 elm grove", town="Midtown", postcode="md12ab")
    assert a != b and a == c
