"""Tasks over the API: my list with derived overdue, completion with audit."""

import datetime as dt

import pytest
from django.utils import timezone

from vigil.core.models import AuditEvent, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(users, team, force):
    return Task.objects.create(force=force, kind="general", title="Call the school", owner=users["response_officer"],
                               due_at=timezone.now() + dt.timedelta(days=2))


def test_overdue_is_derived_when_read(api_as, users, task, later):
    client = api_as(users["response_officer"])
    rows = {row["id"]: row for row in client.get("/api/v1/tasks/").json()["results"]}
    assert rows[task.pk]["overdue"] is True and rows[later.pk]["overdue"] is False
    overdue = client.get("/api/v1/tasks/?status=open&overdue=true").json()["results"]
    assert [row["id"] for row in overdue] == [task.pk]
    not_overdue = client.get("/api/v1/tasks/?overdue=false").json()["results"]
    assert [row["id"] for row in not_overdue] == [later.pk]


def test_list_is_ordered_by_due_time(api_as, users, task, later):
    rows = api_as(users["response_officer"]).get("/api/v1/tasks/").json()["results"]
    assert [row["id"] for row in rows] == [task.pk, later.pk]


def test_list_is_mine_only(api_as, users, task):
    # The supervisor oversees the task (detail is 200) but it is not on their own list.
    client = api_as(users["supervisor"])
    assert client.get(f"/api/v1/tasks/{task.pk}/").status_code == 200
    assert client.get("/api/v1/tasks/").json()["results"] == []


def test_bad_task_filter_is_a_400(api_as, users):
    response = api_as(users["response_officer"]).get("/api/v1/tasks/?status=sleeping")
    assert response.status_code == 400 and "status" in response.json()


def test_complete_task(api_as, users, task):
    user = users["response_officer"]
    response = api_as(user).post(f"/api/v1/tasks/{task.pk}/complete/", {"outcome": "Visited; all well."},
                                 format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "done" and body["overdue"] is False and body["completed_by"] == user.pk
    event = AuditEvent.objects.get(action="update", object_type="core.task", object_id=str(task.pk))
    assert event.actor_id == user.pk and event.person_id == task.person_id


def test_complete_needs_an_outcome_and_an_open_task(api_as, users, task):
    client = api_as(users["response_officer"])
    url = f"/api/v1/tasks/{task.pk}/complete/"
    missing = client.post(url, {}, format="json")
    assert missing.status_code == 400 and "outcome" in missing.json()
    assert client.post(url, {"outcome": "Done"}, format="json").status_code == 200
    again = client.post(url, {"outcome": "Done again"}, format="json")
    assert again.status_code == 400 and "already closed" in again.json()["non_field_errors"][0]
    assert Task.objects.get(pk=task.pk).outcome == "Done"


def test_partner_without_an_organisation_sees_no_tasks(api_as, users, force):
    partner = users["partner"]
    partner.organisation = None
    partner.save()
    Task.objects.create(force=force, kind="general", title="Unowned", owner=users["response_officer"],
                        due_at=timezone.now())
    assert api_as(partner).get("/api/v1/tasks/").json()["results"] == []
