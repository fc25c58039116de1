"""Links to children from addresses and incidents, the child's record, and audited reassignment."""

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import AddressFactory, PersonFactory, UserFactory
from tests.integration.offenders.conftest import conviction
from vigil.accounts.models import TeamMembership
from vigil.accounts.roles import Role
from vigil.core.clock import LONDON
from vigil.core.models import AuditEvent, Task
from vigil.incidents.models import Incident, IncidentChild, IncidentPerson, IncidentType
from vigil.offenders import links, services
from vigil.offenders.models import ChildLink
from vigil.people.models import PersonAddress

pytestmark = pytest.mark.django_db


def at(day, hour=11):
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def test_notified_address_where_a_child_lives_raises_a_link(make_registrant, manager, child_at):
    kid, address = child_at(age=12)
    r = make_registrant()
    services.record_notification(registrant=r, by=manager, kind="s83", notified_at=at(timezone.localdate()),
                                 line1=address.line1, town=address.town, postcode=address.postcode)
    link = ChildLink.objects.get(registrant=r)
    assert (link.child, link.kind, link.address) == (kid, "address", address)
    assert link.task.priority == Task.Priority.HIGH


def test_adults_and_former_residents_are_not_children_at_the_address(force, make_registrant, manager):
    address = AddressFactory(force=force)
    adult = PersonFactory(force=force, date_of_birth=date(1990, 1, 1))
    left = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 8))
    PersonAddress.objects.create(person=adult, address=address, from_date=date(2015, 1, 1))
    PersonAddress.objects.create(person=left, address=address, from_date=date(2016, 1, 1), to_date=date(2020, 1, 1))
    assert links.children_at(address.pk, timezone.localdate()) == []


def test_child_moving_in_with_a_registrant_raises_a_link(make_registrant, manager, force,
                                                         django_capture_on_commit_callbacks):
    r = make_registrant()
    home = AddressFactory(force=force)
    r.home_address = home
    r.save(update_fields=["home_address"])
    kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 5))
    with django_capture_on_commit_callbacks(execute=True):
        PersonAddress.objects.create(person=kid, address=home, from_date=timezone.localdate())
    assert ChildLink.objects.get(registrant=r).child == kid


def test_registrant_linked_to_an_incident_with_a_child(force, make_registrant, manager,
                                                       django_capture_on_commit_callbacks):
    r = make_registrant()
    kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 10))
    kind = IncidentType.objects.create(code="disturbance", label="Disturbance")
    incident = Incident.objects.create(force=force, reference="MS-1", incident_type=kind, occurred_at=timezone.now(),
                                       narrative="A disturbance at the park.")
    with django_capture_on_commit_callbacks(execute=True):
        IncidentChild.objects.create(incident=incident, person=kid, basis="linked", reason="Present")
        IncidentPerson.objects.create(incident=incident, person=r.person, role="suspect")
    link = ChildLink.objects.get(registrant=r)
    assert link.kind == "incident" and link.child == kid and "MS-1" in link.detail
    assert links.incident(incident.pk) == [], "idempotent"
    assert links.scan_all() == 0


def test_childs_record_shows_the_link_only_to_offender_users(client, users, make_registrant, manager, child_at):
    kid, address = child_at(age=9)
    r = make_registrant()
    services.record_notification(registrant=r, by=manager, kind="s83", notified_at=at(timezone.localdate()),
                                 line1=address.line1, town=address.town, postcode=address.postcode)
    text = f"Linked to registered sex offender {r.person.full_name}"
    for role, shown in (("offender_manager", True), ("supervisor", True), ("auditor", True),
                        ("response_officer", False), ("pp_investigator", False)):
        client.force_login(users[role])
        body = client.get(reverse("people:detail", args=[kid.pk])).content.decode()
        assert (text in body) == shown, role


def test_reassignment_is_audited_and_tasks_move(make_registrant, manager, users, team):
    other = UserFactory(force=manager.force, roles=[Role.OFFENDER_MANAGER], username="om2")
    TeamMembership.objects.create(user=other, team=team)
    r = make_registrant(conviction=conviction(relevant_date=timezone.localdate() - timedelta(days=1),
                                              disposal="other", term_months=None))
    task = r.obligations.get(kind="initial").task
    supervisor = users["supervisor"]
    services.reassign(registrant=r, manager=other, by=supervisor, reason="Balancing caseloads")
    r.refresh_from_db()
    task.refresh_from_db()
    assert r.manager == other and task.owner == other
    event = AuditEvent.objects.get(object_type="offenders.registrant", object_id=str(r.pk), action="update",
                                   reason="Balancing caseloads")
    assert event.changes["manager"] == [manager.pk, other.pk] and event.actor_id == supervisor.pk
    assert AuditEvent.objects.filter(object_type="core.task", object_id=str(task.pk), reason="Balancing caseloads")


def test_reassign_page_suggests_and_rejects_bad_input(client, make_registrant, manager, users, team):
    other = UserFactory(force=manager.force, roles=[Role.OFFENDER_MANAGER], username="om2")
    TeamMembership.objects.create(user=other, team=team)
    r = make_registrant()
    client.force_login(users["supervisor"])
    page = client.get(reverse("offenders:reassign", args=[r.pk])).content.decode()
    assert "Suggested: <strong>" in page and escape(other.display_name) in page
    resp = client.post(reverse("offenders:reassign", args=[r.pk]), {"manager": other.pk, "reason": ""})
    assert resp.status_code == 400 and "Enter the reason." in resp.content.decode()
    resp = client.post(reverse("offenders:reassign", args=[r.pk]), {"manager": users["response_officer"].pk,
                                                                    "reason": "x"})
    assert resp.status_code == 400
    r.refresh_from_db()
    assert r.manager == manager


def test_missing_child_found_at_a_registrants_home(force, make_registrant, manager, django_capture_on_commit_callbacks):
    from types import SimpleNamespace

    r = make_registrant()
    home = AddressFactory(force=force)
    r.home_address = home
    r.save(update_fields=["home_address"])
    kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 14))
    episode = SimpleNamespace(pk=501, person_id=kid.pk, last_seen_address_id=None, found_address_id=home.pk)
    with django_capture_on_commit_callbacks(execute=True):
        links.on_missing_episode(sender=None, instance=episode, created=True)
    link = ChildLink.objects.get(registrant=r)
    assert link.kind == "missing" and link.child == kid and "found at the registrant's" in link.detail
    assert links.missing_episode(episode_id=501, child=kid, address_ids=[home.pk]) == []
