"""Assessments and what they set in motion: referrals, school notifications, NIM, police protection."""

from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.integration.incidents.conftest import DRUG_DRIVE_TEXT, ROLE, enrol, hours_ago
from vigil.core.models import AuditEvent, Task
from vigil.incidents import rules, safeguarding
from vigil.incidents.models import (
    EncompassNotification,
    PoliceProtection,
    Referral,
    SafeguardingAssessment,
)
from vigil.people.models import PartnerShare, PersonAddress

pytestmark = pytest.mark.django_db

DA_TEXT = ("Called to a verbal and physical argument between partners at the address. The female IP has a "
           "red mark to her cheek. Their son, aged 9, was upstairs and heard the shouting.")


def da_text(age: int) -> str:
    return DA_TEXT.replace("aged 9", f"aged {age}")


def assess(child, by, **overrides):
    values = dict(
        seen_and_heard="Shouting heard from the street; broken glass in the kitchen.", child_spoken_to=True,
        child_said="I heard daddy shouting and hid under my bed.", immediate_needs="Safe with mother tonight.",
        risk_grade="medium", immediate_action="safe_adult", safe_adult_name="Mother",
        referral_decision="refer", referral_rationale="Child exposed to domestic abuse.",
    )
    values.update(overrides)
    return safeguarding.complete_assessment(child=child, by=by, **values)


def test_referral_goes_to_the_csc_for_the_childs_home_area(make_incident, child_person, officer, csc, other_csc,
                                                           address):
    from tests.factories import AddressFactory

    kid = child_person(9)
    eastvale_home = AddressFactory(force=kid.force, line1="2 River Walk", local_authority="Eastvale")
    PersonAddress.objects.create(person=kid, address=eastvale_home, from_date=date(2018, 1, 1))
    incident = make_incident(people=[(kid, ROLE.VICTIM)], address=address)  # happened in Midtown
    assessment = assess(incident.children.get(), officer)
    referral = assessment.referral
    assert referral.organisation == other_csc, "routed by where the child lives, not where it happened"
    assert referral.due_at == rules.referral_due(incident.occurred_at, 24)
    assert PartnerShare.objects.filter(person=kid, organisation=other_csc).exists()
    task = Task.objects.get(kind="incidents.referral_decision")
    assert task.organisation == other_csc and task.owner is None


def test_without_a_partner_for_the_area_the_officer_must_choose(make_incident, child_person, officer):
    incident = make_incident(people=[(child_person(9), ROLE.VICTIM)])
    with pytest.raises(ValidationError, match="No children's social care partner"):
        assess(incident.children.get(), officer)
    assert not SafeguardingAssessment.objects.exists(), "nothing partial is left behind"


def test_no_referral_decision_creates_no_referral(make_incident, child_person, officer):
    incident = make_incident(people=[(child_person(12), ROLE.WITNESS)])
    assess(incident.children.get(), officer, referral_decision="no_referral", risk_grade="standard")
    assert not Referral.objects.exists()
    assert not incident.children.pending().exists()


def test_partner_sees_only_their_own_referrals(client, make_incident, child_person, officer, csc, other_csc,
                                               other_csc_user, users):
    incident = make_incident(people=[(child_person(9), ROLE.VICTIM)])
    referral = assess(incident.children.get(), officer, organisation=csc).referral
    csc_user = users["partner"]
    client.force_login(csc_user)
    page = client.get(reverse("incidents:inbox")).content.decode()
    assert str(referral.person) in page
    assert client.get(reverse("incidents:referral", args=[referral.pk])).status_code == 200
    assert client.get(reverse("incidents:detail", args=[incident.pk])).status_code == 404
    client.force_login(other_csc_user)
    assert str(referral.person) not in client.get(reverse("incidents:inbox")).content.decode()
    assert client.get(reverse("incidents:referral", args=[referral.pk])).status_code == 404
    assert client.post(reverse("incidents:referral_acknowledge", args=[referral.pk])).status_code == 404
    client.force_login(users["outsider"])
    assert client.get(reverse("incidents:referral", args=[referral.pk])).status_code == 404


def test_partner_acknowledges_and_decides(client, make_incident, child_person, officer, csc, users):
    incident = make_incident(people=[(child_person(9), ROLE.VICTIM)])
    referral = assess(incident.children.get(), officer, organisation=csc).referral
    client.force_login(users["partner"])
    assert client.post(reverse("incidents:referral_acknowledge", args=[referral.pk])).status_code == 302
    response = client.post(reverse("incidents:referral_decide", args=[referral.pk]), {"decision": "nope"})
    assert response.status_code == 400
    response = client.post(reverse("incidents:referral_decide", args=[referral.pk]),
                           {"decision": "assessment", "note": "Allocated to Team 2."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.acknowledged_by == users["partner"] and referral.decision == "assessment"
    assert Task.objects.get(kind="incidents.referral_decision").status == "done"
    client.force_login(officer)
    assert client.post(reverse("incidents:referral_acknowledge", args=[referral.pk])).status_code == 403


def _said(response):
    """The newest message (earlier ones stay queued until a page shows them)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1]


def _viewed(user, record):
    return AuditEvent.objects.filter(action="view", actor_id=user.pk, person_id=record.person_id,
                                     object_id=str(record.pk)).count()


def test_referral_and_notification_pages_audit_reads_and_say_what_happened(
        client, make_incident, child_person, officer, csc, school, school_user, users):
    kid = child_person(9)
    enrol(kid, school)
    incident = make_incident(text=DA_TEXT, code="domestic_abuse", people=[(kid, ROLE.CHILD_PRESENT)])
    assessment = assess(incident.children.get(), officer, organisation=csc)
    referral, note = assessment.referral, assessment.encompass_notification
    partner = users["partner"]
    client.force_login(partner)
    assert client.get(reverse("incidents:referral", args=[referral.pk])).status_code == 200
    assert _viewed(partner, referral) == 1
    acknowledge = reverse("incidents:referral_acknowledge", args=[referral.pk])
    response = client.post(acknowledge)
    assert response.url == reverse("incidents:referral", args=[referral.pk])
    assert _said(response) == "Referral acknowledged."
    response = client.post(acknowledge)
    assert response.status_code == 302 and _said(response) == "This referral has already been acknowledged."
    response = client.post(reverse("incidents:referral_decide", args=[referral.pk]), {"decision": "nope"})
    assert response.status_code == 400 and "decision_form" in response.context
    assert response.context["decision_form"].errors

    client.force_login(school_user)
    assert client.get(reverse("incidents:encompass", args=[note.pk])).status_code == 200
    assert _viewed(school_user, note) == 1
    acknowledge = reverse("incidents:encompass_acknowledge", args=[note.pk])
    response = client.post(acknowledge)
    assert response.url == reverse("incidents:encompass", args=[note.pk])
    assert _said(response) == "Notification acknowledged."
    response = client.post(acknowledge)
    assert _said(response) == "This notification has already been acknowledged."


def test_sending_a_notification_says_where_it_went_and_refuses_bad_input(
        client, make_incident, child_person, officer, csc, school):
    incident = make_incident(text=da_text(10), code="domestic_abuse",
                             people=[(child_person(10), ROLE.CHILD_PRESENT)])
    note = assess(incident.children.get(), officer, organisation=csc).encompass_notification
    client.force_login(officer)
    send = reverse("incidents:encompass_send", args=[note.pk])
    response = client.post(send, {"school": ""})
    assert response.status_code == 400 and response.context["send_form"].errors
    assert EncompassNotification.objects.get(pk=note.pk).sent_at is None
    response = client.post(send, {"school": school.pk})
    assert response.url == reverse("incidents:encompass", args=[note.pk])
    assert _said(response) == f"Notification sent to {school}."


def test_late_referral_is_derived_from_times(make_incident, child_person, officer, csc):
    incident = make_incident(people=[(child_person(9), ROLE.VICTIM)], occurred_at=hours_ago(30))
    referral = assess(incident.children.get(), officer, organisation=csc).referral
    assert Referral.objects.late().get() == referral
    assert rules.timeliness(due_at=referral.due_at, done_at=referral.sent_at, now=timezone.now()) == rules.LATE


# --- Operation Encompass ------------------------------------------------------------------------

def test_domestic_abuse_with_a_school_age_child_notifies_the_school(client, make_incident, child_person, officer,
                                                                   csc, school, school_user, other_school_user):
    kid = child_person(9)
    enrol(kid, school)
    incident = make_incident(text=DA_TEXT, code="domestic_abuse", people=[(kid, ROLE.CHILD_PRESENT)])
    assessment = assess(incident.children.get(), officer, organisation=csc, where_child_was="Upstairs")
    note = assessment.encompass_notification
    assert note.school == school and note.sent_at is not None
    assert note.due_at == rules.encompass_due(incident.occurred_at)
    assert "hid under my bed" in note.voice_of_child
    client.force_login(school_user)
    assert str(kid) in client.get(reverse("incidents:inbox")).content.decode()
    assert client.post(reverse("incidents:encompass_acknowledge", args=[note.pk])).status_code == 302
    client.force_login(other_school_user)
    assert str(kid) not in client.get(reverse("incidents:inbox")).content.decode()
    assert client.get(reverse("incidents:encompass", args=[note.pk])).status_code == 404


def test_under_school_age_child_gets_no_school_notification(make_incident, child_person, officer, csc):
    incident = make_incident(text=da_text(2), code="domestic_abuse",
                             people=[(child_person(2), ROLE.CHILD_PRESENT)])
    assert not hasattr(assess(incident.children.get(), officer, organisation=csc), "encompass_notification")


def test_non_domestic_incident_gets_no_school_notification(make_incident, child_person, officer, csc, school):
    kid = child_person(9)
    enrol(kid, school)
    incident = make_incident(people=[(kid, ROLE.VICTIM)], code="assault")
    assert not EncompassNotification.objects.exists() and assess(incident.children.get(), officer, organisation=csc)
    assert not EncompassNotification.objects.exists()


def test_unknown_school_leaves_an_unsent_notification_and_a_task(client, make_incident, child_person, officer, csc,
                                                                  school, school_user):
    incident = make_incident(text=da_text(10), code="domestic_abuse",
                             people=[(child_person(10), ROLE.CHILD_PRESENT)])
    note = assess(incident.children.get(), officer, organisation=csc).encompass_notification
    assert note.sent_at is None and note.school is None
    task = Task.objects.get(kind="incidents.encompass_send")
    assert task.due_at == note.due_at
    client.force_login(school_user)
    assert client.get(reverse("incidents:encompass", args=[note.pk])).status_code == 404, "unsent: not visible"
    client.force_login(officer)
    response = client.post(reverse("incidents:encompass_send", args=[note.pk]), {"school": school.pk})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.school == school and note.sent_by == officer
    assert Task.objects.get(kind="incidents.encompass_send").status == "done"


# --- non-mobile infants (domain.md A6) -----------------------------------------------------------

def test_injured_non_mobile_baby_forces_referral_and_same_day_paediatric_task(make_incident, force, officer, csc):
    baby = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=90))
    incident = make_incident(people=[(baby, ROLE.CHILD_PRESENT)], code="concern_for_welfare")
    assessment = assess(incident.children.get(), officer, referral_decision="no_referral", injury_seen=True,
                        child_spoken_to=False, child_said="", not_spoken_reason="Three months old.",
                        organisation=csc)
    assert assessment.referral_decision == "refer" and assessment.not_independently_mobile
    assert "automatically" in assessment.referral_rationale
    assert assessment.referral.urgent
    task = Task.objects.get(kind="incidents.nim_paediatric")
    assert task.priority == Task.Priority.HIGH
    assert task.due_at == rules.same_day_deadline(task.created_at)


def test_mobile_toddler_with_injury_is_the_officers_decision(make_incident, child_person, officer):
    incident = make_incident(people=[(child_person(2), ROLE.CHILD_PRESENT)])
    assessment = assess(incident.children.get(), officer, referral_decision="no_referral", injury_seen=True)
    assert assessment.referral_decision == "no_referral"
    assert not Task.objects.filter(kind="incidents.nim_paediatric").exists()


# --- police protection (domain.md D5, I8) ------------------------------------------------------------

def test_police_protection_starts_the_72_hour_clock_and_its_duties(make_incident, child_person, officer, csc, users):
    kid = child_person(7)
    incident = make_incident(people=[(kid, ROLE.CHILD_PRESENT)], code="concern_for_welfare")
    taken = hours_ago(1)
    assess(incident.children.get(), officer, immediate_action="police_protection", safe_adult_name="",
           organisation=csc, protection=safeguarding.ProtectionDetails(
               taken_at=taken, accommodation="Emergency foster placement", designated_officer=users["supervisor"]))
    pp = PoliceProtection.objects.get()
    assert pp.expires_at == rules.police_protection_expiry(taken)
    notices = Task.objects.filter(kind="incidents.pp_notify")
    assert notices.count() == 5
    assert {t.due_at for t in notices} == {rules.police_protection_notice_due(taken, 2)}
    assert Task.objects.get(kind="incidents.pp_expiry").due_at == pp.expires_at
    assert Task.objects.get(kind="incidents.pp_warning").owner == users["supervisor"]
    assert Task.objects.get(kind="incidents.pp_strategy")
    safeguarding.release_from_protection(protection=pp, by=officer, reason="Released to grandmother after inquiry.")
    assert not Task.objects.filter(kind__in=["incidents.pp_expiry", "incidents.pp_warning"], status="open").exists()


def test_police_protection_needs_a_time_that_is_not_in_the_future(make_incident, child_person, officer, csc):
    incident = make_incident(people=[(child_person(7), ROLE.CHILD_PRESENT)])
    with pytest.raises(ValidationError):
        assess(incident.children.get(), officer, immediate_action="police_protection", organisation=csc,
               protection=safeguarding.ProtectionDetails(taken_at=timezone.now() + timedelta(hours=2),
                                                         accommodation="Foster placement"))
    with pytest.raises(ValidationError):
        assess(incident.children.get(), officer, immediate_action="police_protection", organisation=csc)
    assert not PoliceProtection.objects.exists()


# --- the queue ---------------------------------------------------------------------------------------

def test_queue_shows_overdue_then_resolved(client, make_incident, officer, csc, users):
    incident = make_incident(text=DRUG_DRIVE_TEXT, occurred_at=hours_ago(2))
    start = timezone.now()
    with time_machine.travel(start + timedelta(hours=21)):
        client.force_login(users["supervisor"])  # sessions last 30 minutes
        page = client.get(reverse("incidents:notice")).content.decode()
        assert "Awaiting assessment" in page
    with time_machine.travel(start + timedelta(hours=23)):
        client.force_login(users["supervisor"])
        page = client.get(reverse("incidents:notice")).content.decode()
        assert "Assessment overdue" in page
        my_work = client.get(reverse("core:my_work")).content.decode()
        assert "Safeguarding assessments overdue: <strong>1</strong>" in my_work
    assessment = assess(incident.children.get(), officer, organisation=csc,
                        new_child=safeguarding.NewChild("Alfie", "Holloway", None))
    safeguarding.acknowledge_referral(referral=assessment.referral, by=users["partner"])
    client.force_login(users["supervisor"])
    page = client.get(reverse("incidents:notice")).content.decode()
    resolved = page.split('id="resolved"')[1]
    assert incident.reference in resolved and "Resolved" in resolved


def test_queue_is_for_supervisors(client, users):
    client.force_login(users["response_officer"])
    assert client.get(reverse("incidents:notice")).status_code == 403
    client.force_login(users["partner"])
    assert client.get(reverse("incidents:notice")).status_code == 403


def test_police_protection_page_and_release(client, make_incident, child_person, officer, csc, users):
    incident = make_incident(people=[(child_person(7), ROLE.CHILD_PRESENT)])
    assess(incident.children.get(), officer, immediate_action="police_protection", organisation=csc,
           protection=safeguarding.ProtectionDetails(taken_at=hours_ago(2), accommodation="Foster placement"))
    pp = PoliceProtection.objects.get()
    client.force_login(officer)
    page = client.get(reverse("incidents:protection", args=[pp.pk])).content.decode()
    assert "must end by" in page and "do not hold parental responsibility" in page
    assert page.count("Inform ") >= 3
    assert client.post(reverse("incidents:protection", args=[pp.pk]), {"reason": ""}).status_code == 400
    response = client.post(reverse("incidents:protection", args=[pp.pk]), {"reason": "Released to aunt."})
    assert response.status_code == 302
    pp.refresh_from_db()
    assert pp.released_at and not pp.is_active()
    client.force_login(users["partner"])
    assert client.get(reverse("incidents:protection", args=[pp.pk])).status_code == 404
