from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from vigil.core import services
from vigil.core.models import AuditEvent, Task

pytestmark = pytest.mark.django_db


def _task(force, owner, due, title="Check on the child", **kw):
    return services.create_task(force=force, kind="general", title=title, due_at=due, owner=owner, **kw)


@time_machine.travel("2026-11-25 10:00 +0000", tick=False)
def test_my_work_orders_overdue_today_upcoming(client, force, users):
    officer = users["response_officer"]
    now = timezone.now()
    _task(force, officer, now - timedelta(hours=2), "Overdue visit")
    _task(force, officer, now + timedelta(hours=3), "Later today")
    _task(force, officer, now + timedelta(days=2), "Next week call")
    _task(force, users["offender_manager"], now - timedelta(days=1), "Someone else's")
    client.force_login(officer)
    resp = client.get(reverse("core:my_work"))
    assert resp.status_code == 200
    assert [t.title for t in resp.context["overdue"]] == ["Overdue visit"]
    assert [t.title for t in resp.context["today"]] == ["Later today"]
    assert [t.title for t in resp.context["upcoming"]] == ["Next week call"]
    assert "Someone else&#x27;s" not in resp.content.decode()


def test_overdue_is_derived_from_the_clock_not_stored(force, users):
    officer = users["response_officer"]
    with time_machine.travel("2026-11-25 10:00 +0000", tick=False):
        task = _task(force, officer, timezone.now() + timedelta(hours=1))
        assert not Task.objects.overdue().exists()
    with time_machine.travel("2026-11-25 11:00:01 +0000", tick=False):
        assert list(Task.objects.overdue()) == [task]
        assert Task.objects.get(pk=task.pk).is_overdue()


def test_due_today_uses_london_midnight_in_summer(force, users):
    # 23:30 UTC on 1 July is 00:30 BST on 2 July: a task due 23:45 UTC is due "today" (2 July).
    officer = users["response_officer"]
    with time_machine.travel("2026-07-01 23:30 +0000", tick=False):
        task = _task(force, officer, timezone.now() + timedelta(minutes=15))
        assert list(Task.objects.due_today()) == [task]


def test_supervisor_team_view_shows_members_work(client, force, users):
    _task(force, users["response_officer"], timezone.now() - timedelta(hours=1), "Team member overdue")
    client.force_login(users["supervisor"])
    resp = client.get(reverse("core:team_work"))
    assert resp.status_code == 200
    assert "Team member overdue" in resp.content.decode()
    row = next(r for r in resp.context["by_owner"] if r["owner__id"] == users["response_officer"].pk)
    assert row["overdue"] == 1


def test_team_view_needs_team_capability(client, users):
    client.force_login(users["response_officer"])
    assert client.get(reverse("core:team_work")).status_code == 403


def test_complete_task_is_audited_and_only_once(client, force, users):
    officer = users["response_officer"]
    task = _task(force, officer, timezone.now() + timedelta(hours=1))
    client.force_login(officer)
    resp = client.post(reverse("core:task_complete", args=[task.pk]), {"outcome": "Called the school"})
    assert resp.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.completed_by == officer
    assert AuditEvent.objects.filter(object_type="core.task", object_id=str(task.pk), action="update").exists()
    with pytest.raises(ValidationError):
        services.complete_task(task=task, by=officer)


def test_complete_needs_an_outcome(client, force, users):
    officer = users["response_officer"]
    task = _task(force, officer, timezone.now() + timedelta(hours=1))
    client.force_login(officer)
    resp = client.post(reverse("core:task_complete", args=[task.pk]), {"outcome": ""})
    assert resp.status_code == 400
    task.refresh_from_db()
    assert task.status == "open"


def test_other_people_and_outsiders_cannot_see_a_task(client, force, users):
    task = _task(force, users["response_officer"], timezone.now() + timedelta(hours=1))
    for name in ("offender_manager", "outsider", "partner", "sysadmin"):
        client.force_login(users[name])
        assert client.get(reverse("core:task_detail", args=[task.pk])).status_code == 404, name
    client.force_login(users["supervisor"])  # supervises the officer's team
    assert client.get(reverse("core:task_detail", args=[task.pk])).status_code == 200


def test_auditor_can_read_but_not_complete(client, force, users):
    task = _task(force, users["response_officer"], timezone.now() + timedelta(hours=1))
    client.force_login(users["auditor"])
    assert client.get(reverse("core:task_detail", args=[task.pk])).status_code == 200
    assert client.post(reverse("core:task_complete", args=[task.pk]), {"outcome": "x"}).status_code == 403


def test_task_rules(force, users):
    with pytest.raises(ValidationError):
        services.create_task(force=force, kind="general", title="x", due_at=timezone.now())  # no owner
    with pytest.raises(ValueError):
        services.create_task(force=force, kind="no-such-kind", title="x", due_at=timezone.now(),
                             owner=users["response_officer"])
    with pytest.raises(ValidationError):
        services.create_task(force=force, kind="general", title="x", due_at=timezone.now().replace(tzinfo=None),
                             owner=users["response_officer"])


def test_partner_sees_only_their_organisation_tasks(client, force, users, csc):
    mine = _task(force, None, timezone.now() + timedelta(hours=5), "Acknowledge referral", organisation=csc)
    _task(force, users["response_officer"], timezone.now() + timedelta(hours=5), "Police only")
    client.force_login(users["partner"])
    resp = client.get(reverse("core:my_work"))
    assert [t.pk for t in resp.context["today"]] + [t.pk for t in resp.context["upcoming"]] == [mine.pk]
