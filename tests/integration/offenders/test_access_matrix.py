"""Every role against every offender page and API endpoint, as stated in access_matrix.py (the
platform's access matrix runs the same rows with the other modules')."""

import pytest
from django.urls import reverse

from tests.integration.offenders import access_matrix
from tests.integration.offenders.access_matrix import MATRIX, PAGES

ROLES = ["response_officer", "pp_investigator", "offender_manager", "missing_coordinator", "supervisor",
         "senior_officer", "partner", "auditor", "sysadmin", "outsider", "anonymous"]

pytestmark = pytest.mark.django_db


def test_every_offender_url_has_a_row():
    from tests.integration.access.objects import our_url_names

    assert {n for n in our_url_names() if n.startswith("offenders:")} == set(PAGES)


def test_get_by_role(client, users, force, csc, team):
    data = access_matrix.build(force=force, users=users, csc=csc, team=team, base={})
    problems = {}
    for name, row in MATRIX.items():
        url = reverse(name, kwargs=access_matrix.url_kwargs(name, data))
        for role, want in zip(ROLES, row.split(), strict=True):
            client.logout()
            if role != "anonymous":
                client.force_login(users[role])
            got = client.get(url).status_code
            if got != int(want):
                problems[(name, role)] = (int(want), got)
    assert not problems, problems
