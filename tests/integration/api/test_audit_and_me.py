"""Audit search over the API (own force only) and who-am-I."""

import pytest

from tests.factories import PersonFactory
from vigil.core import audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(users, person, other_force):
    audit.record(action="view", actor=users["response_officer"], obj=person)
    audit.record(action="update", actor=users["pp_investigator"], obj=person)
    audit.record(action="view", actor=users["outsider"], obj=PersonFactory(force=other_force))


def test_own_force_only(api_as, users, trail):
    rows = api_as(users["auditor"]).get("/api/v1/audit-events/").json()["results"]
    rows = [row for row in rows if row["action"] != "login"]  # signing in is audited too
    assert {row["actor_id"] for row in rows} == {users["response_officer"].pk, users["pp_investigator"].pk}
    assert [row["seq"] for row in rows] == sorted((row["seq"] for row in rows), reverse=True)


@pytest.mark.parametrize("query,expected", [
    ("action=view", ["response_officer"]),
    ("actor_id={pp_investigator}", ["pp_investigator"]),
    ("person_id={person}", ["pp_investigator", "response_officer"]),
    ("person_id=999999", []),
    ("from=2000-01-01&to=2000-01-02", []),
    ("from={today}&to={today}", ["pp_investigator", "response_officer"]),
])
def test_filters(api_as, users, person, trail, query, expected):
    from django.utils import timezone

    query = query.format(pp_investigator=users["pp_investigator"].pk, person=person.pk,
                         today=timezone.localdate().isoformat())
    response = api_as(users["supervisor"]).get(f"/api/v1/audit-events/?{query}")
    assert response.status_code == 200
    rows = [row for row in response.json()["results"] if row["action"] != "login"]  # signing in is audited too
    assert [row["actor_id"] for row in rows] == [users[r].pk for r in expected]


@pytest.mark.parametrize("query,field", [
    ("from=2024-02-02&to=2024-02-01", "to"),
    ("action=peek", "action"),
    ("person_id=abc", "person_id"),
    ("person_id=1.5", "person_id"),
    ("from=yesterday", "from"),
])
def test_bad_filters_are_400(api_as, users, query, field):
    response = api_as(users["auditor"]).get(f"/api/v1/audit-events/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_me(api_as, users, team):
    body = api_as(users["supervisor"]).get("/api/v1/me/").json()
    assert body["username"] == "supervisor"
    assert body["roles"] == ["supervisor"]
    assert "audit.search" in body["capabilities"] and "admin.users" not in body["capabilities"]
    assert body["teams"] == [{"id": team.pk, "name": team.name, "is_supervisor": True}]
    assert body["force"]["name"] == "Midshire Police" and body["organisation"] is None


def test_partner_me_names_the_organisation(api_as, users, csc):
    body = api_as(users["partner"]).get("/api/v1/me/").json()
    assert body["organisation"] == {"id": csc.pk, "name": csc.name}
