"""Incident pages through the Django client: recording, highlighting, closure, assessment, access."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.integration.incidents.conftest import ADULT_TEXT, DRUG_DRIVE_TEXT, hours_ago
from vigil.incidents.models import Incident, Referral, SafeguardingAssessment
from vigil.people.models import Person

pytestmark = pytest.mark.django_db


def create_post(client, **overrides):
    moment = timezone.localtime(hours_ago(3))
    data = {
        "reference": "MID-26-000101", "incident_type": "", "occurred_date": moment.date().isoformat(),
        "occurred_time": moment.strftime("%H:%M"), "location": "A61 southbound layby", "narrative": DRUG_DRIVE_TEXT,
    }
    data.update(overrides)
    return client.post(reverse("incidents:create"), data)


@pytest.fixture
def dd_type(itype):
    return itype("drink_drug_driving").pk


def test_officer_records_an_incident_and_sees_the_evidence_highlighted(client, officer, dd_type):
    client.force_login(officer)
    response = create_post(client, incident_type=dd_type)
    incident = Incident.objects.get()
    assert response.status_code == 302 and response.url == reverse("incidents:detail", args=[incident.pk])
    page = client.get(response.url).content.decode()
    assert '<mark class="vigil-highlight"' in page
    assert "Complete a safeguarding assessment for each child" in page


def test_narrative_markup_is_escaped_not_rendered(client, officer, dd_type):
    client.force_login(officer)
    text = '<script>alert("x")</script> His one-year-old son was in a child seat in the rear.'
    create_post(client, incident_type=dd_type, narrative=text)
    page = client.get(reverse("incidents:detail", args=[Incident.objects.get().pk])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.parametrize("narrative, message", [("", "Enter the narrative"), ("x" * 50_001, "50,000 characters")])
def test_bad_narrative_gets_a_clear_message_and_a_400(client, officer, dd_type, narrative, message):
    client.force_login(officer)
    response = create_post(client, incident_type=dd_type, narrative=narrative)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Incident.objects.count() == 0


def test_closing_a_flagged_incident_is_refused_on_the_page(client, officer, make_incident):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    client.force_login(officer)
    response = client.post(reverse("incidents:close", args=[incident.pk]), {"note": "done"})
    assert response.status_code == 400
    assert "without a completed safeguarding assessment" in response.content.decode()
    incident.refresh_from_db()
    assert incident.status == "open"


def assessment_post(**overrides):
    data = {
        "forenames": "Alfie", "surname": "Holloway", "date_of_birth": "", "gender": "male",
        "seen_and_heard": "Child asleep in a rear-facing seat; car smelled strongly of cannabis.",
        "child_spoken_to": "no", "not_spoken_reason": "Aged one: too young to speak.",
        "immediate_needs": "Warm and fed; collected by grandmother.", "risk_grade": "medium",
        "immediate_action": "safe_adult", "safe_adult_name": "Joan Holloway (grandmother)",
        "referral_decision": "refer", "referral_rationale": "Father drug-driving with an infant in the car.",
    }
    data.update(overrides)
    return data


def test_completing_the_assessment_creates_the_child_and_the_referral(client, officer, make_incident, csc, address):
    incident = make_incident(text=DRUG_DRIVE_TEXT, address=address)
    child = incident.children.get()
    client.force_login(officer)
    dob = (timezone.localdate().replace(day=1)).replace(year=timezone.localdate().year - 1).isoformat()
    response = client.post(reverse("incidents:assess", args=[incident.pk, child.pk]),
                           assessment_post(date_of_birth=dob))
    assert response.status_code == 302, response.content.decode()[:3000]
    assessment = SafeguardingAssessment.objects.get()
    assert assessment.person.full_name == "Alfie HOLLOWAY"
    referral = Referral.objects.get()
    assert referral.organisation == csc and referral.person == assessment.person
    assert incident.people.filter(person=assessment.person, role="child_present").exists()
    response = client.post(reverse("incidents:close", args=[incident.pk]), {"note": ""})
    assert response.status_code == 302


def test_assessment_without_the_voice_of_the_child_is_refused(client, officer, make_incident, csc):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    child = incident.children.get()
    client.force_login(officer)
    response = client.post(reverse("incidents:assess", args=[incident.pk, child.pk]),
                           assessment_post(not_spoken_reason=""))
    assert response.status_code == 400
    assert "Say why the child could not be spoken to" in response.content.decode()
    assert not SafeguardingAssessment.objects.exists() and not Person.objects.filter(surname="Holloway").exists()


def test_child_born_after_the_incident_is_refused_in_the_assessment(client, officer, make_incident, csc):
    incident = make_incident(text=DRUG_DRIVE_TEXT, occurred_at=hours_ago(24 * 30))
    child = incident.children.get()
    client.force_login(officer)
    response = client.post(reverse("incidents:assess", args=[incident.pk, child.pk]),
                           assessment_post(date_of_birth=timezone.localdate().isoformat()))
    assert response.status_code == 400
    assert "date of birth is after the incident date" in response.content.decode()
    assert not Person.objects.filter(surname="Holloway").exists()


@pytest.mark.parametrize("role, status", [
    ("response_officer", 200), ("supervisor", 200), ("auditor", 200), ("partner", 403), ("sysadmin", 403),
    ("outsider", 404),
])
def test_incident_page_access_by_role(client, users, make_incident, role, status):
    incident = make_incident(text=ADULT_TEXT)
    client.force_login(users[role])
    if role in ("partner", "sysadmin"):
        assert client.get(reverse("incidents:list")).status_code == 403
        assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == 404
    else:
        assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == status


def test_auditor_can_read_but_not_record(client, users):
    client.force_login(users["auditor"])
    assert client.get(reverse("incidents:create")).status_code == 403


def test_anonymous_users_are_sent_to_sign_in(client, make_incident):
    incident = make_incident()
    response = client.get(reverse("incidents:detail", args=[incident.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_supervisor_override_page(client, users, make_incident, officer):
    incident = make_incident(text=DRUG_DRIVE_TEXT)
    client.force_login(officer)
    assert client.get(reverse("incidents:override", args=[incident.pk])).status_code == 403
    client.force_login(users["supervisor"])
    response = client.post(reverse("incidents:override", args=[incident.pk]), {"reason": "too short"})
    assert response.status_code == 400
    response = client.post(reverse("incidents:override", args=[incident.pk]),
                           {"reason": "Seat was empty; checked with nursery, child there all day."})
    assert response.status_code == 302
    page = client.get(reverse("incidents:notice")).content.decode()
    assert incident.reference in page and "checked with nursery" in page


def test_link_person_creates_and_links(client, officer, make_incident):
    incident = make_incident(text=ADULT_TEXT)
    client.force_login(officer)
    response = client.post(reverse("incidents:link_person", args=[incident.pk]), {
        "role": "arrested", "forenames": "Reece", "surname": "Holloway", "date_of_birth": "1998-02-03"})
    assert response.status_code == 302
    assert incident.people.get().person.surname == "Holloway"
    response = client.post(reverse("incidents:link_person", args=[incident.pk]), {"role": "victim"})
    assert response.status_code == 400


def test_link_person_by_number_cannot_reach_another_forces_record(client, officer, make_incident, other_force):
    from tests.factories import PersonFactory

    stranger = PersonFactory(force=other_force)
    incident = make_incident(text=ADULT_TEXT)
    client.force_login(officer)
    response = client.post(reverse("incidents:link_person", args=[incident.pk]),
                           {"role": "victim", "existing_person": stranger.pk})
    assert response.status_code == 400
    assert "no person record with that number" in response.content.decode()
    assert not incident.people.exists()


def test_edit_the_narrative_rescreens_and_records_the_change(client, officer, make_incident):
    from vigil.core.models import AuditEvent
    from vigil.incidents.forms import IncidentForm

    incident = make_incident(text=ADULT_TEXT)
    client.force_login(officer)
    data = {k: v for k, v in IncidentForm.initial_for(incident).items() if v not in (None, False)}
    data.update(narrative=DRUG_DRIVE_TEXT, occurred_date=data["occurred_date"].isoformat(),
                occurred_time=data["occurred_time"].strftime("%H:%M"))
    response = client.post(reverse("incidents:edit", args=[incident.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    incident.refresh_from_db()
    assert incident.child_flag and incident.narrative == DRUG_DRIVE_TEXT
    change = AuditEvent.objects.filter(object_id=str(incident.pk), action="update").exclude(reason="Child screening")
    assert change.exists()


def test_closed_incident_can_be_reopened_with_a_reason(client, officer, make_incident):
    incident = make_incident()
    client.force_login(officer)
    client.post(reverse("incidents:close", args=[incident.pk]), {"note": ""})
    assert client.post(reverse("incidents:reopen", args=[incident.pk]), {"reason": "x"}).status_code == 400
    response = client.post(reverse("incidents:reopen", args=[incident.pk]), {"reason": "New information received."})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == "open" and incident.closed_at is None


def test_person_timeline_shows_the_incident_to_police_only(rf, officer, users, make_incident, child_person):
    from vigil.core.timeline import entries_for

    kid = child_person(9)
    make_incident(people=[(kid, "victim")])
    entries = [e for e in entries_for(kid, officer) if e.category == "Incident"]
    assert entries and "victim" in entries[0].title
    assert not [e for e in entries_for(kid, users["partner"]) if e.category == "Incident"]
    assert not [e for e in entries_for(kid, users["outsider"]) if e.category == "Incident"]


def test_list_filters_child_incidents(client, officer, make_incident):
    flagged = make_incident(text=DRUG_DRIVE_TEXT)
    plain = make_incident(text=ADULT_TEXT)
    client.force_login(officer)
    page = client.get(reverse("incidents:list"), {"flag": "child"}).content.decode()
    assert flagged.reference in page and plain.reference not in page


def test_nav_shows_incidents_to_police_and_inbox_to_partners(client, users):
    client.force_login(users["response_officer"])
    page = client.get(reverse("incidents:list")).content.decode()
    assert 'href="/incidents/"' in page and "Safeguarding inbox" not in page
    client.force_login(users["partner"])
    page = client.get(reverse("incidents:inbox")).content.decode()
    assert "Safeguarding inbox" in page and ">Incidents<" not in page


def test_assessment_page_suggests_children_of_the_people_involved(client, officer, make_incident, child_person, force):
    from tests.factories import PersonFactory
    from vigil.people.models import Relationship

    dad = PersonFactory(force=force, forenames="Reece", surname="Holloway")
    son = child_person(1, forenames="Alfie", surname="Holloway")
    Relationship.objects.create(person=dad, other=son, kind=Relationship.Kind.PARENT)
    incident = make_incident(text=DRUG_DRIVE_TEXT, people=[(dad, "suspect")])
    narrative_row = incident.children.filter(person__isnull=True).first()
    assert narrative_row is not None
    client.force_login(officer)
    page = client.get(reverse("incidents:assess", args=[incident.pk, narrative_row.pk])).content.decode()
    assert "Alfie HOLLOWAY" in page and f"record number <strong>{son.pk}</strong>" in page


def test_high_risk_domestic_abuse_must_go_to_marac(force, officer, itype):
    from django.core.exceptions import ValidationError

    from vigil.incidents import services

    with pytest.raises(ValidationError, match="MARAC"):
        services.create_incident(force=force, by=officer, reference="DA-1", incident_type=itype("domestic_abuse"),
                                 occurred_at=hours_ago(1), narrative="Argument between partners.",
                                 da_risk_tool="dash", da_risk_level="high")
    assert not Incident.objects.exists()


def test_bad_incident_with_an_address_leaves_no_address_behind(client, officer, dd_type):
    from vigil.people.models import Address

    client.force_login(officer)
    response = create_post(client, incident_type=dd_type, narrative="", address_line1="99 Nowhere Lane",
                           address_town="Midtown")
    assert response.status_code == 400
    assert not Address.objects.filter(line1="99 Nowhere Lane").exists()


def test_failed_link_leaves_no_new_person_behind(client, officer, make_incident):
    incident = make_incident(occurred_at=hours_ago(24 * 3))
    client.force_login(officer)
    response = client.post(reverse("incidents:link_person", args=[incident.pk]), {
        "role": "child_present", "forenames": "Future", "surname": "Baby",
        "date_of_birth": timezone.localdate().isoformat()})
    assert response.status_code == 400 and "after the incident date" in response.content.decode()
    assert not Person.objects.filter(surname="Baby").exists()


def test_absurd_record_numbers_are_a_400_not_a_500(client, officer, make_incident):
    incident = make_incident()
    client.force_login(officer)
    response = client.post(reverse("incidents:link_person", args=[incident.pk]),
                           {"role": "victim", "existing_person": "9" * 30})
    assert response.status_code == 400
