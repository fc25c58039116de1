"""Access rules the GET matrix (tests/integration/access/matrix_incidents.py) cannot show: who may
POST to POST-only URLs, and restricted people inside an incident (vigil.core.access rule 3)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory
from tests.integration.access import matrix_incidents, objects
from tests.integration.incidents.conftest import ROLE
from tests.integration.incidents.test_safeguarding import DA_TEXT, assess
from vigil.accounts.models import Organisation
from vigil.core.audit import AuditEvent
from vigil.core.models import AccessGrant
from vigil.incidents import safeguarding
from vigil.incidents.models import (
    EncompassNotification,
    Incident,
    IncidentPerson,
    PoliceProtection,
    Referral,
)
from vigil.people.models import Person, Relationship

pytestmark = pytest.mark.django_db

DENIED = {401, 403, 404}


@pytest.fixture
def data(users, force, csc, team):
    base = objects.build_objects(force=force, users=users, csc=csc, team=team)
    return matrix_incidents.build(force=force, users=users, csc=csc, team=team, base=base)


def _url(name, data):
    return reverse(name, kwargs=matrix_incidents.url_kwargs(name, data))


# (URL name, roles that must be refused a POST). The partner is children's social care "Midtown",
# the recipient of the referral; the outsider a supervisor and investigator in another force.
POST_ONLY = [
    ("incidents:close", ["auditor", "partner", "sysadmin", "outsider"]),
    ("incidents:unlink_person", ["auditor", "partner", "sysadmin", "outsider"]),
    ("incidents:referral_acknowledge", ["response_officer", "supervisor", "auditor", "sysadmin", "outsider"]),
    ("incidents:referral_decide", ["response_officer", "supervisor", "auditor", "sysadmin", "outsider"]),
    ("incidents:encompass_acknowledge", ["response_officer", "supervisor", "auditor", "partner", "sysadmin",
                                         "outsider"]),
    ("incidents:encompass_send", ["auditor", "partner", "sysadmin", "outsider"]),
    ("api-incident-close", ["auditor", "partner", "sysadmin", "outsider"]),
    ("api-incident-people", ["auditor", "partner", "sysadmin", "outsider"]),
    ("api-referral-acknowledge", ["response_officer", "supervisor", "auditor", "sysadmin", "outsider"]),
    ("api-referral-decision", ["response_officer", "supervisor", "auditor", "sysadmin", "outsider"]),
]


@pytest.mark.parametrize(("name", "refused"), POST_ONLY)
def test_post_only_urls_refuse_who_may_not_act(name, refused, client, users, data):
    url = _url(name, data)
    body = {"decision": "nfa", "note": "x", "person": data["link"].person_id, "role": "witness"}
    for role in refused:
        client.force_login(users[role])
        response = (client.post(url, body, content_type="application/json") if name.startswith("api-")
                    else client.post(url, body))
        assert response.status_code in DENIED, f"{name}: {role} got {response.status_code}"
    assert Incident.objects.get(pk=data["incident"].pk).status == Incident.Status.OPEN
    assert IncidentPerson.objects.filter(pk=data["link"].pk).exists()
    referral = Referral.objects.get(pk=data["referral"].pk)
    assert referral.acknowledged_at is None and referral.decided_at is None
    assert EncompassNotification.objects.get(pk=data["notification"].pk).acknowledged_at is None


def test_the_receiving_partner_may_acknowledge_and_decide(client, users, data):
    client.force_login(users["partner"])
    assert client.post(_url("incidents:referral_acknowledge", data)).status_code == 302
    response = client.post(_url("api-referral-decision", data), {"decision": "nfa", "note": "Seen"},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert Referral.objects.get(pk=data["referral"].pk).decided_at is not None


def test_sysadmin_is_refused_referrals_and_notifications_through_the_api(client, users, data):
    client.force_login(users["sysadmin"])
    assert client.get("/api/v1/incidents/referrals/").status_code == 403
    assert client.get("/api/v1/incidents/school-notifications/").status_code == 403


def test_reading_a_referral_or_notification_through_the_api_is_audited(client, users, data):
    client.force_login(users["partner"])
    assert client.get(_url("api-referral-detail", data)).status_code == 200
    client.force_login(users["auditor"])
    assert client.get(_url("api-encompass-detail", data)).status_code == 200
    viewed = AuditEvent.objects.filter(action=AuditEvent.Action.VIEW)
    assert viewed.filter(actor_id=users["partner"].pk, object_id=str(data["referral"].pk)).exists()
    assert viewed.filter(actor_id=users["auditor"].pk, object_id=str(data["notification"].pk)).exists()


# --- restricted people inside an incident ---------------------------------------------------------

@pytest.fixture
def restricted_child(force, users):
    """A restricted child, aged 9, whose record names only the public protection investigator."""
    child = PersonFactory(force=force, forenames="Ida", surname="Quennell", restricted=True,
                          date_of_birth=timezone.localdate() - timedelta(days=9 * 366))
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(Person), object_id=child.pk,
                               user=users["pp_investigator"])
    return child


def test_an_unnamed_officer_sees_the_incident_but_not_the_restricted_persons_name(
        client, users, make_incident, restricted_child):
    incident = make_incident(people=[(restricted_child, ROLE.WITNESS)], by=users["pp_investigator"])
    client.force_login(users["response_officer"])
    page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "quennell" not in page.lower() and "A restricted record" in page
    for url in (f"/api/v1/incidents/{incident.pk}/", "/api/v1/incidents/"):
        text = client.get(url).content.decode()
        assert "quennell" not in text.lower() and "A restricted record" in text, url
    client.force_login(users["pp_investigator"])
    assert "QUENNELL" in client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
    assert "QUENNELL" in client.get(f"/api/v1/incidents/{incident.pk}/").content.decode()


def test_records_about_a_restricted_child_are_for_those_named_on_it(
        client, users, make_incident, restricted_child, csc, itype):
    school = OrganisationFactory(force=csc.force, name="Midtown Primary School", kind=Organisation.Kind.SCHOOL)
    named = users["pp_investigator"]
    incident = make_incident(text=DA_TEXT, code="domestic_abuse", people=[(restricted_child, ROLE.VICTIM)], by=named)
    assess(incident.children.get(), named, organisation=csc, school=school, immediate_action="police_protection",
           protection=safeguarding.ProtectionDetails(taken_at=timezone.now() - timedelta(minutes=30),
                                                     accommodation="Foster carer"))
    pages = [reverse("incidents:referral", args=[Referral.objects.get().pk]),
             reverse("incidents:encompass", args=[EncompassNotification.objects.get().pk]),
             reverse("incidents:protection", args=[PoliceProtection.objects.get().pk])]
    client.force_login(users["supervisor"])
    assert [client.get(url).status_code for url in pages] == [404, 404, 404]
    assert client.get("/api/v1/incidents/referrals/").json()["results"] == []
    assert "quennell" not in client.get(reverse("incidents:detail", args=[incident.pk])).content.decode().lower()
    client.force_login(named)
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
    client.force_login(users["partner"])  # the referral was shared with the partner's organisation
    assert client.get(pages[0]).status_code == 200


@pytest.fixture
def restricted_parent(force, users):
    """A restricted father, named on his record only to the public protection investigator, and his son."""
    dad = PersonFactory(force=force, forenames="Reece", surname="Holloway", restricted=True,
                        date_of_birth=timezone.localdate() - timedelta(days=30 * 366))
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(Person), object_id=dad.pk,
                               user=users["pp_investigator"])
    son = PersonFactory(force=force, forenames="Alfie", surname="Brook",
                        date_of_birth=timezone.localdate() - timedelta(days=400))
    Relationship.objects.create(person=dad, other=son, kind=Relationship.Kind.PARENT)
    return dad, son


def test_a_restricted_arrested_parent_is_named_only_to_those_named_on_his_record(
        client, users, make_incident, restricted_parent):
    dad, son = restricted_parent
    incident = make_incident(people=[(dad, ROLE.ARRESTED)], by=users["pp_investigator"])
    child = incident.children.get()
    assert (child.person, child.related_person, child.reason) == (son, dad, "Child of an arrested person, aged 1")
    assert incident.screening_reasons == ["Child of an arrested person, aged 1"]
    api = f"/api/v1/incidents/{incident.pk}/"

    pages = [api, "/api/v1/incidents/", reverse("incidents:assess", args=[incident.pk, child.pk])]
    for user, more in (("response_officer", []), ("supervisor", [reverse("incidents:override", args=[incident.pk])])):
        client.force_login(users[user])
        page = client.get(reverse("incidents:detail", args=[incident.pk])).content.decode()
        assert "Arrested parent or carer: A restricted record" in page and "holloway" not in page.lower()
        for url in pages + more:
            resp = client.get(url)
            assert resp.status_code == 200 and "holloway" not in resp.content.decode().lower(), url
        assert client.get(api).json()["children"][0]["related_person_name"] == "A restricted record"

    client.force_login(users["pp_investigator"])
    assert "Arrested parent or carer: Reece HOLLOWAY" in client.get(
        reverse("incidents:detail", args=[incident.pk])).content.decode()
    body = client.get(api).json()["children"][0]
    assert (body["related_person"], body["related_person_name"]) == (dad.pk, "Reece HOLLOWAY")
