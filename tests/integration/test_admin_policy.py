import pytest
from django.contrib import admin

from vigil.core.admin_policy import ALLOWED

pytestmark = pytest.mark.django_db


def test_no_case_records_in_the_django_admin():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered <= ALLOWED
    assert "people.person" not in registered and "incidents.incident" not in registered


def test_only_the_system_administrator_enters_the_admin(client, users):
    for role in ("supervisor", "auditor", "senior_officer", "partner", "response_officer"):
        client.force_login(users[role])
        response = client.get("/django-admin/incidents/incidenttype/")
        assert response.status_code == 302, role  # sent to the admin sign-in page
    client.force_login(users["sysadmin"])
    assert client.get("/django-admin/incidents/incidenttype/").status_code == 200
    assert client.get("/django-admin/people/person/").status_code == 404
