"""Every role, and an outsider from another force, against every page and endpoint.

The matrices in this folder state what each role gets; a URL with no entry fails
`test_every_page_and_endpoint_is_in_a_matrix`, so no page ships without its access rules.
"""

import importlib
import pkgutil

import pytest
from django.urls import reverse

from tests.integration.access import objects

ROLES = ["response_officer", "pp_investigator", "offender_manager", "missing_coordinator", "supervisor",
         "senior_officer", "partner", "auditor", "sysadmin", "outsider", "anonymous"]
DENIED = {403, 404, 401}


def _modules():
    package = importlib.import_module("tests.integration.access")
    return [importlib.import_module(f"tests.integration.access.{info.name}")
            for info in pkgutil.iter_modules(package.__path__) if info.name.startswith("matrix_")]


def _matrices() -> dict[str, str]:
    merged: dict[str, str] = {}
    for module in _modules():
        clash = set(merged) & set(module.MATRIX)
        assert not clash, f"{module.__name__} repeats {clash}"
        merged.update(module.MATRIX)
    return merged


MATRIX = _matrices()
# A module's matrix may bring its own records (build) and URL kwargs (url_kwargs) for its pages.
BUILDERS = [m for m in _modules() if hasattr(m, "build")]


def _kwargs(name, data):
    for module in BUILDERS:
        if hasattr(module, "url_kwargs"):
            kw = module.url_kwargs(name, data)
            if kw is not None:
                return kw
    return objects.url_kwargs(name, data) or {}


def test_every_page_and_endpoint_is_in_a_matrix():
    missing = objects.our_url_names() - set(MATRIX)
    assert not missing, f"pages with no access rules stated: {sorted(missing)}"
    stale = set(MATRIX) - objects.our_url_names()
    assert not stale, f"matrix entries for URLs that no longer exist: {sorted(stale)}"


@pytest.fixture
def data(users, force, csc, team):
    built = objects.build_objects(force=force, users=users, csc=csc, team=team)
    for module in BUILDERS:
        built.update(module.build(force=force, users=users, csc=csc, team=team, base=built))
    return built


def _client_for(client, users, role):
    client.logout()
    if role != "anonymous":
        client.force_login(users[role])
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_get_by_role(name, client, users, data):
    url = reverse(name, kwargs=_kwargs(name, data))
    expected = [int(code) for code in MATRIX[name].split()]
    got = []
    for role in ROLES:
        got.append(_client_for(client, users, role).get(url).status_code)
    mismatches = {role: (want, have) for role, want, have in zip(ROLES, expected, got, strict=True) if want != have}
    assert not mismatches, f"{name} {url}: role -> (expected, got) {mismatches}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_denied_roles_cannot_post_either(name, client, users, data):
    """Where a role may not read a page, a POST to it must not get past the access check."""
    url = reverse(name, kwargs=_kwargs(name, data))
    expected = [int(code) for code in MATRIX[name].split()]
    for role, want in zip(ROLES, expected, strict=True):
        if want not in DENIED and not (role == "anonymous" and want == 302):
            continue
        status = _client_for(client, users, role).post(url, {}).status_code
        if role == "anonymous":
            assert status in {302, 401, 403}, f"{name} anonymous POST got {status}"
        else:
            # 405: the URL takes no POST at all, so nothing can have happened either.
            assert status in DENIED | {405}, f"{name}: {role} may not read it but a POST got {status}"
