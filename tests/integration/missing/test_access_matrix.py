"""Every role, and an outsider from another force, against every missing-children page and API
endpoint, as stated in access_matrix.py (the same columns and checks as tests/integration/access)."""

import pytest
from django.urls import reverse

from tests.integration.access.test_matrix import DENIED, ROLES, _client_for
from tests.integration.missing import access_matrix
from tests.integration.missing.access_matrix import API_MATRIX, MATRIX


@pytest.fixture
def data(users, force, csc, team):
    return access_matrix.build(force=force, users=users, csc=csc, team=team, base={})


def check(name, table, client, users, data):
    url = reverse(name, kwargs=access_matrix.url_kwargs(name, data))
    expected = [int(code) for code in table[name].split()]
    got = [_client_for(client, users, role).get(url).status_code for role in ROLES]
    mismatches = {role: (want, have) for role, want, have in zip(ROLES, expected, got, strict=True) if want != have}
    assert not mismatches, f"{name} {url}: role -> (expected, got) {mismatches}"
    for role, want in zip(ROLES, expected, strict=True):
        if want not in DENIED:
            continue
        status = _client_for(client, users, role).post(url, {}).status_code
        assert status in DENIED | {405}, f"{name}: {role} may not read it but a POST got {status}"


def test_every_missing_page_is_in_the_matrix():
    from tests.integration.access import objects

    ours = {n for n in objects.our_url_names() if n.startswith("missing:")}
    assert ours == set(MATRIX)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_pages_by_role(name, client, users, data):
    check(name, MATRIX, client, users, data)


@pytest.mark.django_db
@pytest.mark.urls("tests.integration.missing.api_urls")
@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_api_by_role(name, client, users, data):
    check(name, API_MATRIX, client, users, data)
