"""Shared fixtures: a force with one user per role, an outsider in another force, a partner."""

import os

import pytest

from tests.factories import (
    ForceFactory,
    OrganisationFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from vigil.accounts.models import Organisation, TeamMembership
from vigil.accounts.roles import Role

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "1")  # Playwright's sync API runs an event loop


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth keeps rate-limit counters and used one-time codes in the cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.VIGIL_REQUIRE_MFA = False
    settings.AXES_ENABLED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _audit_guard_for_flush(request):
    """Transactional tests (live server) empty every table afterwards: lift the audit table's
    append-only guard for that flush only, and put it back for the next test."""
    if "transactional_db" not in request.fixturenames and "live_server" not in request.fixturenames:
        yield
        return
    from django.db import connection

    from vigil.core import audit_guard

    request.getfixturevalue("transactional_db")
    audit_guard.install(connection)
    yield
    audit_guard.remove(connection)


@pytest.fixture
def force(db):
    return ForceFactory(code="midshire", name="Midshire Police")


@pytest.fixture
def other_force(db):
    return ForceFactory(code="othershire", name="Othershire Police")


@pytest.fixture
def team(force):
    return TeamFactory(force=force, name="Response Team A")


@pytest.fixture
def csc(force):
    return OrganisationFactory(force=force, name="Midtown Children's Social Care",
                               kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE)


@pytest.fixture
def users(force, other_force, team, csc):
    """One user per role in `force`, plus an outsider from another force."""
    made = {}
    for role in Role:
        kwargs = {"username": role.value, "force": force, "roles": [role]}
        if role == Role.PARTNER:
            kwargs["organisation"] = csc
        made[role.value] = UserFactory(**kwargs)
    for role in (Role.RESPONSE_OFFICER, Role.PP_INVESTIGATOR, Role.OFFENDER_MANAGER, Role.MISSING_COORDINATOR):
        TeamMembership.objects.create(user=made[role.value], team=team)
    TeamMembership.objects.create(user=made[Role.SUPERVISOR.value], team=team, is_supervisor=True)
    made["outsider"] = UserFactory(username="outsider", force=other_force,
                                   roles=[Role.SUPERVISOR, Role.PP_INVESTIGATOR])
    return made


@pytest.fixture
def person(force):
    return PersonFactory(force=force, forenames="Amelia", surname="Hartwell")
