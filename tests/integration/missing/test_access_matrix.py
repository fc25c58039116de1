"""Every role, and an outsider from another force, against every missing-children page and API
endpoint, as stated in access_matrix.py (the same columns and checks as tests/integration/access,
which runs the matrix too; here it runs with only this module's records)."""

import pytest
from django.urls import reverse

from tests.integration.access.test_matrix import DENIED, ROLES, _client_for
from tests.integration.missing import access_matrix
from tests.integration.missing.access_matrix import API, MATRIX, PAGES


@pytest.fixture
def data(users, force, csc, team):
    return access_matrix.build(force=force, users=users, csc=csc, team=team, base={})


def test_every_missing_page_and_endpoint_is_in_the_matrix():
    from tests.integration.access import objects

    names = objects.our_url_names()
    assert {n for n in names if n.startswith("missing:")} == set(PAGES)
    assert {n for n in names if n.startswith("api-missing-")} == set(API)


def test_the_api_is_mounted_at_api_v1_missing():
    assert reverse("api-missing-episode-list") == "/api/v1/missing/episodes/"
    assert reverse("api-missing-rhi-list") == "/api/v1/missing/return-interviews/"
    assert reverse("api-missing-profile-list") == "/api/v1/missing/profiles/"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_by_role(name, client, users, data):
    url = reverse(name, kwargs=access_matrix.url_kwargs(name, data))
    expected = [int(code) for code in MATRIX[name].split()]
    got = [_client_for(client, users, role).get(url).status_code for role in ROLES]
    mismatches = {role: (want, have) for role, want, have in zip(ROLES, expected, got, strict=True) if want != have}
    assert not mismatches, f"{name} {url}: role -> (expected, got) {mismatches}"
    for role, want in zip(ROLES, expected, strict=True):
        if want not in DENIED:
            continue
        status = _client_for(client, users, role).post(url, {}).status_code
        assert status in DENIED | {405}, f"{name}: {role} may not read it but a POST got {status}"
