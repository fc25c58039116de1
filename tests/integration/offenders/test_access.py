"""Who may see and do what: offender managers, supervisors and senior officers work the records,
auditors read them, everyone else (other roles, partners, other forces) gets nothing."""

import time

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from vigil.core.access import reason_session_key
from vigil.core.models import AccessGrant, AuditEvent
from vigil.offenders.models import HomeVisit

pytestmark = pytest.mark.django_db

READERS = ["offender_manager", "supervisor", "senior_officer", "auditor"]
OTHERS = ["response_officer", "pp_investigator", "missing_coordinator", "partner", "sysadmin", "outsider"]


@pytest.mark.parametrize("role", READERS + OTHERS)
def test_read_pages_by_role(client, users, make_registrant, role):
    r = make_registrant()
    client.force_login(users[role])
    detail = client.get(reverse("offenders:detail", args=[r.pk])).status_code
    queue = client.get(reverse("offenders:queue"))
    if role in READERS:
        assert (detail, queue.status_code) == (200, 200)
    elif role == "outsider":  # a supervisor in another force: their own (empty) caseload, never ours
        assert detail == 404 and queue.status_code == 200
        assert r.person.full_name not in queue.content.decode()
    else:
        assert detail in (403, 404) and queue.status_code == 403, role


@pytest.mark.parametrize(("role", "allowed"), [("supervisor", True), ("senior_officer", True), ("auditor", True),
                                               ("offender_manager", False), ("response_officer", False),
                                               ("outsider", True)])
def test_dashboards_by_role(client, users, role, allowed):
    client.force_login(users[role])
    for name in ("offenders:dashboard", "offenders:forecast", "offenders:trend"):
        status = client.get(reverse(name)).status_code
        assert (status == 200) == allowed, (role, name, status)


def test_outsider_sees_nothing_of_another_force(client, users, make_registrant):
    r = make_registrant()
    client.force_login(users["outsider"])  # a supervisor in another force
    assert client.get(reverse("offenders:detail", args=[r.pk])).status_code == 404
    resp = client.get(reverse("offenders:dashboard"))
    assert r.person.full_name not in resp.content.decode()


def test_auditor_cannot_write(client, users, make_registrant):
    r = make_registrant()
    client.force_login(users["auditor"])
    resp = client.post(reverse("offenders:visit_add", args=[r.pk]), {
        "kind": "planned", "visited_on": timezone.localdate().isoformat(), "visited_time": "10:00", "outcome": "seen"})
    assert resp.status_code == 403 and not HomeVisit.objects.exists()
    assert client.get(reverse("offenders:reassign", args=[r.pk])).status_code == 403


def test_offender_manager_cannot_reassign_or_set_reactive(client, users, make_registrant):
    r = make_registrant()
    client.force_login(users["offender_manager"])
    assert client.get(reverse("offenders:reassign", args=[r.pk])).status_code == 403
    assert client.get(reverse("offenders:management", args=[r.pk])).status_code == 403


def test_each_read_is_audited(client, users, make_registrant):
    r = make_registrant()
    client.force_login(users["auditor"])
    client.get(reverse("offenders:detail", args=[r.pk]))
    assert AuditEvent.objects.filter(action="view", person_id=r.person_id, actor_id=users["auditor"].pk).exists()


def test_restricted_registrant_needs_a_grant_and_a_reason(client, users, force, make_registrant, manager):
    person = PersonFactory(force=force, restricted=True)
    r = make_registrant(person=person)
    client.force_login(users["supervisor"])
    assert client.get(reverse("offenders:detail", args=[r.pk])).status_code == 404
    assert person.full_name not in client.get(reverse("offenders:dashboard")).content.decode()
    from django.contrib.contenttypes.models import ContentType

    from vigil.people.models import Person
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(Person), object_id=person.pk,
                               user=users["supervisor"])
    resp = client.get(reverse("offenders:detail", args=[r.pk]))
    assert resp.status_code == 302 and "reason" in resp.url
    session = client.session
    session[reason_session_key(person)] = time.time()
    session.save()
    assert client.get(reverse("offenders:detail", args=[r.pk])).status_code == 200


def test_queue_of_another_manager_needs_oversight(client, users, make_registrant, manager):
    make_registrant()
    client.force_login(users["response_officer"])
    assert client.get(reverse("offenders:queue") + f"?manager={manager.pk}").status_code == 403
    client.force_login(users["supervisor"])
    resp = client.get(reverse("offenders:queue") + f"?manager={manager.pk}")
    assert resp.status_code == 200 and "Caseload of" in resp.content.decode()
    assert client.get(reverse("offenders:queue") + "?manager=abc").status_code == 404
