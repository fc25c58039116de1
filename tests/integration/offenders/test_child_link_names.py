"""A child link never stores the child's name: a restricted child is named, on every offenders page
and API response about the link, only to users named on their record."""

import time
from datetime import datetime, timedelta
from datetime import time as clock_time
from types import SimpleNamespace

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from tests.factories import AddressFactory, PersonFactory
from vigil.core.access import reason_session_key
from vigil.core.clock import LONDON
from vigil.core.models import AccessGrant, Task
from vigil.offenders import links, services
from vigil.offenders.models import ChildLink, Registrant
from vigil.people.models import Person, PersonAddress

pytestmark = pytest.mark.django_db


def at(day, hour=11):
    return datetime.combine(day, clock_time(hour), tzinfo=LONDON)


def grant(person, user):
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(Person), object_id=person.pk, user=user)


@pytest.fixture
def restricted_child(child_at, manager):
    """Tilly Marchbank, 9, restricted and named on her record only to the offender manager."""
    kid, address = child_at(age=9, forenames="Tilly", surname="Marchbank", restricted=True)
    grant(kid, manager)
    return kid, address


@pytest.fixture
def linked(make_registrant, manager, restricted_child):
    """A registrant who notifies the child's home as his address and is then visited there."""
    kid, address = restricted_child
    r = make_registrant()
    services.record_notification(registrant=r, by=manager, kind="s83", notified_at=at(timezone.localdate()),
                                 line1=address.line1, town=address.town, postcode=address.postcode)
    services.record_visit(registrant=r, by=manager, kind="unannounced", visited_at=at(timezone.localdate(), 12),
                          outcome="seen", children=[kid], observations="A girl of about nine in the kitchen.")
    return r, kid


def _no_name(text: str) -> bool:
    return "marchbank" not in text.lower() and "tilly" not in text.lower()


def test_stored_link_details_and_tasks_never_name_the_child(linked):
    r, kid = linked
    rows = list(ChildLink.objects.filter(registrant=r).select_related("task").order_by("kind"))
    assert [(link.kind, link.child) for link in rows] == [("address", kid), ("visit", kid)]
    assert rows[0].detail.startswith("The child (age 9) lives at ")
    for link in rows:
        assert _no_name(link.detail) and _no_name(link.task.title) and _no_name(link.task.detail)
        assert link.task.title == f"Child link: {r.person.full_name} and a child"
        assert "The registrant's record names the child." in link.task.detail


def test_household_moving_in_and_missing_links_do_not_name_the_child(
        force, make_registrant, manager, restricted_child, django_capture_on_commit_callbacks):
    kid, address = restricted_child
    r = make_registrant()
    services.record_notification(registrant=r, by=manager, kind="reg10", notified_at=at(timezone.localdate()),
                                 stay_began_at=at(timezone.localdate() - timedelta(days=1), 18),
                                 line1=address.line1, town=address.town, postcode=address.postcode)
    home = AddressFactory(force=force)
    Registrant.objects.filter(pk=r.pk).update(home_address=home)
    r.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        PersonAddress.objects.create(person=kid, address=home, from_date=timezone.localdate())
    with django_capture_on_commit_callbacks(execute=True):
        links.on_missing_episode(sender=None, instance=SimpleNamespace(
            pk=77, person_id=kid.pk, last_seen_address_id=home.pk, found_address_id=None), created=True)
    rows = {link.kind: link for link in ChildLink.objects.filter(registrant=r, child=kid).select_related("task")}
    assert set(rows) == {"household", "address", "missing"}
    assert rows["household"].detail.endswith(", where the child (age 9) lives.")
    assert rows["missing"].detail.startswith("Missing episode of the child: last seen or found at")
    for link in rows.values():
        assert _no_name(link.detail) and _no_name(link.task.title) and _no_name(link.task.detail), link.kind


def test_a_user_not_named_on_the_child_sees_no_name_on_any_page_or_api_about_the_link(client, users, linked):
    r, kid = linked
    task = ChildLink.objects.filter(registrant=r).first().task
    detail = reverse("offenders:detail", args=[r.pk])
    pages = [reverse("core:task_detail", args=[task.pk]), reverse("core:team_work"),
             f"/api/v1/tasks/{task.pk}/", f"/api/v1/rso/registrants/{r.pk}/"]
    for role in ("supervisor", "senior_officer"):
        client.force_login(users[role])
        body = client.get(detail).content.decode()
        assert "A restricted record" in body and _no_name(body), role
        assert f'href="{reverse("people:detail", args=[kid.pk])}"' not in body
        for url in pages:
            resp = client.get(url)
            assert resp.status_code == 200 and _no_name(resp.content.decode()), (role, url)


def test_the_offender_manager_named_on_the_child_sees_her_name(client, manager, linked):
    r, kid = linked
    client.force_login(manager)
    body = client.get(reverse("offenders:detail", args=[r.pk])).content.decode()
    assert body.count("Tilly MARCHBANK") == 3  # the two links and the visit
    assert "A restricted record" not in body
    assert f'href="{reverse("people:detail", args=[kid.pk])}"' in body
    # Her own record's timeline shows the link with the nameless detail.
    session = client.session
    session[reason_session_key(kid)] = time.time()
    session.save()
    page = client.get(reverse("people:detail", args=[kid.pk])).content.decode()
    assert f"Linked to registered sex offender {r.person.full_name}" in page and "The child (age 9) lives at" in page


def test_a_restricted_registrant_is_not_named_on_the_childs_timeline(client, users, force, manager,
                                                                     make_registrant, child_at):
    kid, address = child_at(age=7)
    offender = PersonFactory(force=force, forenames="Dominic", surname="Wragby", restricted=True)
    grant(offender, manager)
    r = make_registrant(person=offender)
    services.record_notification(registrant=r, by=manager, kind="s83", notified_at=at(timezone.localdate()),
                                 line1=address.line1, town=address.town, postcode=address.postcode)
    client.force_login(users["supervisor"])
    page = client.get(reverse("people:detail", args=[kid.pk])).content.decode()
    assert "Linked to registered sex offender A restricted record" in page and "wragby" not in page.lower()
    assert reverse("offenders:detail", args=[r.pk]) not in page
    client.force_login(manager)
    page = client.get(reverse("people:detail", args=[kid.pk])).content.decode()
    assert "Linked to registered sex offender Dominic WRAGBY" in page


def test_an_unidentified_child_still_reads_plainly(client, manager, make_registrant):
    r = make_registrant()
    services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(timezone.localdate()),
                          outcome="seen", children_seen=True, children_details="Toddler, about two.")
    task = Task.objects.get(kind="rso.child_link")
    assert task.title.endswith(" and an unidentified child") and "names the child" not in task.detail
    client.force_login(manager)
    body = client.get(reverse("offenders:detail", args=[r.pk])).content.decode()
    assert "Child seen at the address on" in body and "A restricted record" not in body
